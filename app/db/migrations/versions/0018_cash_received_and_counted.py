"""cash received at the counter, and the cash counted per officer at the day's close

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 14:50:46

``payment.cash_received``: what the payer handed over (the change is that minus the total); empty
for payments recorded before, and for other methods. ``day_cash_count``: per closing of a day and
per officer, the cash the day's payments say, the cash counted, the difference and its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.ids import Id
from app.db.renumber import adopt_tables

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "day_cash_count",
        sa.Column("id", Id, nullable=False),
        sa.Column("day_lock_id", Id, nullable=False),
        sa.Column("officer_id", Id, nullable=False),
        sa.Column("expected", sa.BigInteger(), nullable=False),
        sa.Column("counted", sa.BigInteger(), nullable=False),
        sa.Column("difference", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.CheckConstraint("expected >= 0 AND counted >= 0", name=op.f("ck_day_cash_count_amounts")),
        sa.ForeignKeyConstraint(
            ["day_lock_id"], ["day_lock.id"], name=op.f("fk_day_cash_count_day_lock_id_day_lock")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_day_cash_count_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_cash_count")),
        sa.UniqueConstraint("day_lock_id", "officer_id", name="uq_day_cash_count_officer"),
        sqlite_autoincrement=True,  # ids in the database's block (app.db.ids)
    )
    with op.batch_alter_table("day_cash_count", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_day_cash_count_day_lock_id"), ["day_lock_id"], unique=False)

    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cash_received", sa.BigInteger(), nullable=True))

    adopt_tables(op.get_bind(), ["day_cash_count"])


def downgrade() -> None:
    with op.batch_alter_table(
        "payment", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_column("cash_received")

    with op.batch_alter_table("day_cash_count", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_cash_count_day_lock_id"))

    op.drop_table("day_cash_count")
