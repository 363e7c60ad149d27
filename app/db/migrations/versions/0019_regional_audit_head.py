"""the Kanwil's record of each branch's audit head

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 18:45:00

``regional_audit_head``: per branch, the newest event of its audit chain the Kanwil received
(position within the branch's block, its hash, when). Written at the Kanwil by a trigger that
``loket region init``/``repair`` install (``app.db.regional_heads``), sent down to every branch
with the reference data. On PostgreSQL the table gets its guard here, in every database: the
record only goes up.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db import regional_heads

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "regional_audit_head",
        sa.Column("branch_code", sa.String(length=3), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("last_seq > 0", name=op.f("ck_regional_audit_head_last_seq")),
        sa.PrimaryKeyConstraint("branch_code", name=op.f("pk_regional_audit_head")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        regional_heads.install_guard(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {regional_heads.TRIGGER} ON audit_event")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {regional_heads.TRIGGER}()")
    op.drop_table("regional_audit_head")
    if bind.dialect.name == "postgresql":
        regional_heads.drop_guard(bind)
