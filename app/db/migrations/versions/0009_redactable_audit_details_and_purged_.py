"""redactable audit details and purged member tombstones

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-23 21:57:34.601771
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details_digest", sa.String(length=64), nullable=True))

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("purged_at")

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("details_digest")
