"""Cards, reprint requests and card keys

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 19:57:45.644183
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "card_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("branch_code", sa.String(length=3), nullable=False),
        sa.Column("branch_name", sa.String(length=100), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("origin IN ('own', 'imported')", name=op.f("ck_card_key_origin")),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_card_key")),
    )
    op.create_table(
        "card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=20), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("status_reason", sa.String(length=20), nullable=True),
        sa.Column("status_note", sa.String(length=200), nullable=True),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('issued', 'revoked', 'spoiled')", name=op.f("ck_card_status")),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["officer.id"], name=op.f("fk_card_approved_by_id_officer")
        ),
        sa.ForeignKeyConstraint(["issued_by_id"], ["officer.id"], name=op.f("fk_card_issued_by_id_officer")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_card_member_id_member")),
        sa.ForeignKeyConstraint(["status_by_id"], ["officer.id"], name=op.f("fk_card_status_by_id_officer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card")),
        sa.UniqueConstraint("member_id", "seq", name=op.f("uq_card_member_id_seq")),
        sa.UniqueConstraint("serial", name=op.f("uq_card_serial")),
    )
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_card_member_id"), ["member_id"], unique=False)

    op.create_table(
        "card_reprint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("old_card_id", sa.Integer(), nullable=True),
        sa.Column("new_card_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "reason IN ('hilang', 'rusak', 'perubahan_data')", name=op.f("ck_card_reprint_reason")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_card_reprint_status")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["officer.id"], name=op.f("fk_card_reprint_decided_by_id_officer")
        ),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_card_reprint_member_id_member")),
        sa.ForeignKeyConstraint(["new_card_id"], ["card.id"], name=op.f("fk_card_reprint_new_card_id_card")),
        sa.ForeignKeyConstraint(["old_card_id"], ["card.id"], name=op.f("fk_card_reprint_old_card_id_card")),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["officer.id"], name=op.f("fk_card_reprint_requested_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_reprint")),
    )
    with op.batch_alter_table("card_reprint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_reprint_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card_reprint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_reprint_member_id"))

    op.drop_table("card_reprint")
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_member_id"))
        batch_op.drop_index(batch_op.f("ix_card_business_date"))

    op.drop_table("card")
    op.drop_table("card_key")
