"""outreach sync both ways: laptop changes received, branch answers imported, the laptop's outbox

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 14:22:05

At the branch, ``package_change`` keeps each correction and deactivation an outreach laptop sent
(applied, already so, or held in a conflict) and ``package_conflict`` gains the kind
``changed_both`` (the member changed on the laptop and here since the laptop's last sync) and
``likely_duplicate`` (a new member merged who resembles one here by the counter's rule). On the
laptop, ``sync_reply`` keeps every answer of its branch it imported and ``outbox_ack`` what of its
own work those answers confirmed; ``imported_package.seen_seq`` what the laptop had seen of the
branch. Nothing existing changes but the conflict kinds allowed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.ids import Id
from app.db.renumber import adopt_tables

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_BEFORE = "kind IN ('nik_both', 'number_taken')"
KINDS_AFTER = "kind IN ('nik_both', 'number_taken', 'changed_both', 'likely_duplicate')"


def _conflict_kinds(condition: str) -> None:
    # Kept AUTOINCREMENT on SQLite (its ids stay in the database's block, app.db.ids).
    with op.batch_alter_table(
        "package_conflict", schema=None, recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint(op.f("ck_package_conflict_kind"), type_="check")
        batch_op.create_check_constraint("kind", condition)


def upgrade() -> None:
    _conflict_kinds(KINDS_AFTER)
    with op.batch_alter_table("imported_package", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seen_seq", sa.BigInteger(), nullable=True))
    op.create_table(
        "sync_reply",
        sa.Column("reply_id", sa.String(length=32), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_code", sa.String(length=3), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("branch_seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by_id", Id, nullable=False),
        sa.Column("acknowledged", sa.Integer(), nullable=False),
        sa.Column("members_updated", sa.Integer(), nullable=False),
        sa.Column("held", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["officer.id"], name=op.f("fk_sync_reply_imported_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("reply_id", name=op.f("pk_sync_reply")),
    )
    op.create_table(
        "outbox_ack",
        sa.Column("entity", sa.String(length=12), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("reply_id", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "entity IN ('member', 'payment', 'card', 'correction', 'deactivation')",
            name=op.f("ck_outbox_ack_entity"),
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"], ["sync_reply.reply_id"], name=op.f("fk_outbox_ack_reply_id_sync_reply")
        ),
        sa.PrimaryKeyConstraint("entity", "key", name=op.f("pk_outbox_ack")),
    )
    op.create_table(
        "package_change",
        sa.Column("id", Id, nullable=False),
        sa.Column("package_id", sa.String(length=32), nullable=False),
        sa.Column("source_code", sa.String(length=3), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("source_ref", sa.BigInteger(), nullable=False),  # an id in the laptop's block
        sa.Column("member_number", sa.String(length=11), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("correction_id", Id, nullable=True),
        sa.Column("deactivation_id", Id, nullable=True),
        sa.Column("conflict_id", Id, nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('correction', 'deactivation')", name=op.f("ck_package_change_kind")),
        sa.CheckConstraint(
            "outcome IN ('APPLIED', 'ALREADY', 'CONFLICT')", name=op.f("ck_package_change_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["conflict_id"],
            ["package_conflict.id"],
            name=op.f("fk_package_change_conflict_id_package_conflict"),
        ),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["member_correction.id"],
            name=op.f("fk_package_change_correction_id_member_correction"),
        ),
        sa.ForeignKeyConstraint(
            ["deactivation_id"],
            ["member_deactivation.id"],
            name=op.f("fk_package_change_deactivation_id_member_deactivation"),
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["imported_package.package_id"],
            name=op.f("fk_package_change_package_id_imported_package"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_change")),
        sa.UniqueConstraint(
            "source_code", "kind", "source_ref", name=op.f("uq_package_change_source_code_kind_source_ref")
        ),
        sqlite_autoincrement=True,  # ids in the database's block (app.db.ids), as every table since 0016
    )
    with op.batch_alter_table("package_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_change_conflict_id"), ["conflict_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_package_change_member_number"), ["member_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_package_change_package_id"), ["package_id"], unique=False)

    adopt_tables(op.get_bind(), ["package_change", "package_conflict"])


def downgrade() -> None:
    with op.batch_alter_table("package_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_change_package_id"))
        batch_op.drop_index(batch_op.f("ix_package_change_member_number"))
        batch_op.drop_index(batch_op.f("ix_package_change_conflict_id"))
    op.drop_table("package_change")
    op.drop_table("outbox_ack")
    op.drop_table("sync_reply")
    op.execute("DELETE FROM package_conflict WHERE kind IN ('changed_both', 'likely_duplicate')")
    _conflict_kinds(KINDS_BEFORE)
    with op.batch_alter_table("imported_package", schema=None) as batch_op:
        batch_op.drop_column("seen_seq")
