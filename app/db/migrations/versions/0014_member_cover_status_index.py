"""the status index: each active member's cover status, kept until the day it can next change

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-07 15:00:00

The table starts empty: the status index fills itself the first time the dashboard (or an export)
asks, from ``cover_state``, the one function that answers a member's status.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_cover",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("paid_through", sa.Integer(), nullable=True),
        sa.Column("arrears_months", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("recheck_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_cover_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_cover")),
    )
    with op.batch_alter_table("member_cover", schema=None) as batch_op:
        batch_op.create_index("ix_member_cover_status", ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_cover_recheck_on"), ["recheck_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("member_cover", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_cover_recheck_on"))
        batch_op.drop_index("ix_member_cover_status")
    op.drop_table("member_cover")
