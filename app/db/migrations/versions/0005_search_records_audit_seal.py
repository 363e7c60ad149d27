"""search index, corrections, deactivations, audit seal

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 20:03:50.822405
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.domain.names import KEY_VERSION

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX_VERSION_SETTING = "search.name_key_version"


def upgrade() -> None:
    op.create_table(
        "audit_seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_seal")),
    )
    # Empty until the next event is appended: the key lives outside the database.
    op.bulk_insert(
        sa.table("audit_seal", sa.column("id", sa.Integer), sa.column("mac", sa.String)),
        [{"id": 1, "mac": ""}],
    )
    op.create_table(
        "name_key_stat",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("postings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_name_key_stat")),
    )
    op.create_table(
        "member_name_key",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("birth_year", sa.SmallInteger(), nullable=False),
        sa.Column("nik_regency", sa.String(length=4), nullable=False),
        sa.Column("home_regency", sa.String(length=4), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_name_key_member_id_member")
        ),
        sa.PrimaryKeyConstraint("key", "member_id", name=op.f("pk_member_name_key")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "member_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("confirm_mismatch", sa.Boolean(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "status IN ('PENDING', 'APPROVED', 'REJECTED')", name=op.f("ck_member_correction_status")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["officer.id"], name=op.f("fk_member_correction_decided_by_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_correction_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"], ["officer.id"], name=op.f("fk_member_correction_proposed_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_correction")),
    )
    with op.batch_alter_table("member_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_correction_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_correction_status"), ["status"], unique=False)

    op.create_table(
        "member_correction_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.String(length=250), nullable=True),
        sa.Column("new_value", sa.String(length=250), nullable=True),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["member_correction.id"],
            name=op.f("fk_member_correction_change_correction_id_member_correction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_correction_change")),
    )
    with op.batch_alter_table("member_correction_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_correction_change_correction_id"), ["correction_id"], unique=False
        )

    op.create_table(
        "member_deactivation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("previous_status", sa.String(length=12), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reason IN ('MENINGGAL', 'LUAR_NEGERI', 'DUPLIKAT')", name=op.f("ck_member_deactivation_reason")
        ),
        sa.ForeignKeyConstraint(["by_id"], ["officer.id"], name=op.f("fk_member_deactivation_by_id_officer")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_deactivation_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["member.id"], name=op.f("fk_member_deactivation_merged_into_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_deactivation")),
    )
    with op.batch_alter_table("member_deactivation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_deactivation_member_id"), ["member_id"], unique=False)

    # An empty member table has a complete (empty) index; otherwise ``loket search reindex``
    # builds it with progress and cancel (not here: a migration must stay short).
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT COUNT(*) FROM member")).scalar_one() == 0:
        op.bulk_insert(
            sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text)),
            [{"key": INDEX_VERSION_SETTING, "value": KEY_VERSION}],
        )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM setting WHERE key = :k").bindparams(k=INDEX_VERSION_SETTING))
    with op.batch_alter_table("member_deactivation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_deactivation_member_id"))
    op.drop_table("member_deactivation")
    with op.batch_alter_table("member_correction_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_correction_change_correction_id"))
    op.drop_table("member_correction_change")
    with op.batch_alter_table("member_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_correction_status"))
        batch_op.drop_index(batch_op.f("ix_member_correction_member_id"))
    op.drop_table("member_correction")
    op.drop_table("member_name_key")
    op.drop_table("name_key_stat")
    op.drop_table("audit_seal")
