"""contributions: rate tables, payments, covered months, sponsor batches

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 19:55:43.312605
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "receipt_sequence",
        sa.Column("key", sa.String(length=24), nullable=False),
        sa.Column("next_serial", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_receipt_sequence")),
    )
    op.create_table(
        "rate_table",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("effective_from", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loaded_by_id"], ["officer.id"], name=op.f("fk_rate_table_loaded_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_table")),
        sa.UniqueConstraint("sha256", name=op.f("uq_rate_table_sha256")),
    )
    with op.batch_alter_table("rate_table", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_table_effective_from"), ["effective_from"], unique=False)

    op.create_table(
        "sponsor_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=24), nullable=False),
        sa.Column("sponsor", sa.String(length=100), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("months_count", sa.Integer(), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=False),
        sa.Column("last_month", sa.Integer(), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "method IN ('cash', 'transfer', 'apbd', 'employer')", name=op.f("ck_sponsor_batch_method")
        ),
        sa.CheckConstraint("total >= 0", name=op.f("ck_sponsor_batch_total")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_sponsor_batch_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsor_batch")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_sponsor_batch_receipt_no")),
    )
    with op.batch_alter_table("sponsor_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sponsor_batch_business_date"), ["business_date"], unique=False)

    op.create_table(
        "contribution_schedule",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("schedule", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_contribution_schedule_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["officer.id"], name=op.f("fk_contribution_schedule_updated_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_contribution_schedule")),
    )
    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=24), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=True),
        sa.Column("sponsor_batch_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("schedule", sa.String(length=40), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=False),
        sa.Column("last_month", sa.Integer(), nullable=False),
        sa.Column("months_count", sa.Integer(), nullable=False),
        sa.Column("gross_total", sa.BigInteger(), nullable=False),
        sa.Column("discount_total", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by_id", sa.Integer(), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "method IN ('cash', 'transfer', 'apbd', 'employer')", name=op.f("ck_payment_method")
        ),
        sa.CheckConstraint("status IN ('PAID', 'VOID')", name=op.f("ck_payment_status")),
        sa.CheckConstraint("months_count >= 1", name=op.f("ck_payment_months_count")),
        sa.CheckConstraint(
            "total >= 0 AND gross_total >= 0 AND discount_total >= 0", name=op.f("ck_payment_amounts")
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"], ["enrolment.id"], name=op.f("fk_payment_enrolment_id_enrolment")
        ),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_payment_member_id_member")),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"], name=op.f("fk_payment_officer_id_officer")),
        sa.ForeignKeyConstraint(
            ["sponsor_batch_id"], ["sponsor_batch.id"], name=op.f("fk_payment_sponsor_batch_id_sponsor_batch")
        ),
        sa.ForeignKeyConstraint(
            ["voided_by_id"], ["officer.id"], name=op.f("fk_payment_voided_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_payment_receipt_no")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_officer_id"), ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_sponsor_batch_id"), ["sponsor_batch_id"], unique=False)

    op.create_table(
        "payment_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_payment_month_amount")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_payment_month_member_id_member")),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payment.id"], name=op.f("fk_payment_month_payment_id_payment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_month")),
    )
    with op.batch_alter_table("payment_month", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_month_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_month_payment_id"), ["payment_id"], unique=False)
        batch_op.create_index(
            "uq_payment_month_live",
            ["member_id", "month"],
            unique=True,
            sqlite_where=sa.text("NOT voided"),
            postgresql_where=sa.text("NOT voided"),
        )


def downgrade() -> None:

    with op.batch_alter_table("payment_month", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_payment_month_live",
            sqlite_where=sa.text("NOT voided"),
            postgresql_where=sa.text("NOT voided"),
        )
        batch_op.drop_index(batch_op.f("ix_payment_month_payment_id"))
        batch_op.drop_index(batch_op.f("ix_payment_month_member_id"))

    op.drop_table("payment_month")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_sponsor_batch_id"))
        batch_op.drop_index(batch_op.f("ix_payment_officer_id"))
        batch_op.drop_index(batch_op.f("ix_payment_member_id"))
        batch_op.drop_index(batch_op.f("ix_payment_business_date"))

    op.drop_table("payment")
    op.drop_table("contribution_schedule")
    with op.batch_alter_table("sponsor_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sponsor_batch_business_date"))

    op.drop_table("sponsor_batch")
    with op.batch_alter_table("rate_table", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_table_effective_from"))

    op.drop_table("rate_table")
    op.drop_table("receipt_sequence")
