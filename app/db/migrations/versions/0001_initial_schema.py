"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:33:53.203812
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(
        sa.table(
            "audit_head",
            sa.column("id", sa.Integer),
            sa.column("last_seq", sa.BigInteger),
            sa.column("last_hash", sa.String),
        ),
        [{"id": 1, "last_seq": 0, "last_hash": "0" * 64}],
    )
    op.create_table(
        "branch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch")),
        sa.UniqueConstraint("code", name=op.f("uq_branch_code")),
    )
    op.create_table(
        "officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('officer', 'supervisor')", name=op.f("ck_officer_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer")),
        sa.UniqueConstraint("username", name=op.f("uq_officer_username")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=11), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nama", sa.String(length=100), nullable=False),
        sa.Column("tempat_lahir", sa.String(length=60), nullable=False),
        sa.Column("tanggal_lahir", sa.Date(), nullable=False),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=False),
        sa.Column("nama_ibu", sa.String(length=100), nullable=False),
        sa.Column("no_hp", sa.String(length=16), nullable=True),
        sa.Column("alamat", sa.String(length=250), nullable=False),
        sa.Column("kode_wilayah", sa.String(length=13), nullable=True),
        sa.Column("nik_district", sa.String(length=8), nullable=False),
        sa.Column("record_status", sa.String(length=12), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("jenis_kelamin IN ('L', 'P')", name=op.f("ck_member_gender")),
        sa.CheckConstraint(
            "record_status IN ('ACTIVE', 'DEACTIVATED', 'MERGED')", name=op.f("ck_member_record_status")
        ),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_member_branch_id_branch")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["officer.id"], name=op.f("fk_member_created_by_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["member.id"], name=op.f("fk_member_merged_into_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("number", name=op.f("uq_member_number")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index("ix_member_birth_region", ["tanggal_lahir", "nik_district"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_nama"), ["nama"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_nik"), ["nik"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_no_hp"), ["no_hp"], unique=False)
        batch_op.create_index(
            "uq_member_active_nik",
            ["nik"],
            unique=True,
            sqlite_where=sa.text("record_status = 'ACTIVE'"),
            postgresql_where=sa.text("record_status = 'ACTIVE'"),
        )

    op.create_table(
        "number_sequence",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("next_serial", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_number_sequence_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("branch_id", name=op.f("pk_number_sequence")),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_audit_event_member_id_member")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_audit_event_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_member_id"), ["member_id"], unique=False)

    op.create_table(
        "enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.String(length=6), nullable=False),
        sa.Column("occupation_code", sa.String(length=6), nullable=False),
        sa.Column("programmes", sa.String(length=40), nullable=False),
        sa.Column("income", sa.BigInteger(), nullable=False),
        sa.Column("funding_source", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("npp", sa.String(length=30), nullable=True),
        sa.Column("months_at_enrolment", sa.Integer(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("mismatch_confirmed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_enrolment_member_id_member")),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"], name=op.f("fk_enrolment_officer_id_officer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_officer_id"), ["officer_id"], unique=False)

    op.create_table(
        "heir",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=100), nullable=False),
        sa.Column("hubungan", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_heir_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_heir")),
    )
    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_heir_member_id"), ["member_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_heir_member_id"))

    op.drop_table("heir")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_officer_id"))
        batch_op.drop_index(batch_op.f("ix_enrolment_member_id"))
        batch_op.drop_index(batch_op.f("ix_enrolment_business_date"))

    op.drop_table("enrolment")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_member_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_business_date"))
        batch_op.drop_index(batch_op.f("ix_audit_event_action"))

    op.drop_table("audit_event")
    op.drop_table("number_sequence")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_member_active_nik",
            sqlite_where=sa.text("record_status = 'ACTIVE'"),
            postgresql_where=sa.text("record_status = 'ACTIVE'"),
        )
        batch_op.drop_index(batch_op.f("ix_member_no_hp"))
        batch_op.drop_index(batch_op.f("ix_member_nik"))
        batch_op.drop_index(batch_op.f("ix_member_nama"))
        batch_op.drop_index("ix_member_birth_region")

    op.drop_table("member")
    op.drop_table("setting")
    op.drop_table("officer")
    op.drop_table("branch")
    op.drop_table("audit_head")
