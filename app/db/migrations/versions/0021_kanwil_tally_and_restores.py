"""the Kanwil's tally of its members, and branch restores accepted by the Kanwil

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 22:01:23

``kanwil_member_tally`` (one narrow row per active member, with his regency, holding branch,
whether he counts since his regency's baseline and his status index answer),
``kanwil_tally_baseline`` and ``kanwil_nik_twice``: what the Kanwil dashboard reads, kept by
triggers at the Kanwil (``app.db.kanwil_tally``); derived, never replicated. A Kanwil upgraded
here gets its triggers and its tally filled now.

``region_restore`` and ``region_restore_loss``: a branch restored from an older backup, accepted
by a Kanwil supervisor (``loket region accept-restore``), with the rows the Kanwil held that the
branch lost. Written at the Kanwil, sent down with the reference data. The guard of
``regional_audit_head`` learns the one audited way down (the re-base of that acceptance).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db import kanwil_tally, regional_heads
from app.db.ids import Id

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kanwil_member_tally",
        sa.Column("member_id", Id, nullable=False),
        sa.Column("regency", sa.String(length=5), nullable=True),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("covered", sa.Boolean(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("recheck_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_kanwil_member_tally")),
    )
    op.create_table(
        "kanwil_nik_twice",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("nik", name=op.f("pk_kanwil_nik_twice")),
    )
    op.create_table(
        "kanwil_tally_baseline",
        sa.Column("regency", sa.String(length=5), nullable=False),
        sa.Column("counted_from", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("regency", name=op.f("pk_kanwil_tally_baseline")),
    )
    op.create_table(
        "region_restore",
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("branch_code", sa.String(length=3), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.String(length=40), nullable=False),
        sa.Column("accepted_by_name", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_seq", sa.BigInteger(), nullable=False),
        sa.Column("recorded_hash", sa.String(length=64), nullable=False),
        sa.Column("rebased_seq", sa.BigInteger(), nullable=False),
        sa.Column("rebased_hash", sa.String(length=64), nullable=False),
        sa.Column("restored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("restored_file", sa.String(length=200), nullable=True),
        sa.Column("lost", sa.Text(), nullable=False),
        sa.Column("lost_numbers", sa.Text(), nullable=False),
        sa.Column("reused_numbers", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("ref", name=op.f("pk_region_restore")),
    )
    with op.batch_alter_table("region_restore", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_restore_branch_code"), ["branch_code"], unique=False)
    op.create_table(
        "region_restore_loss",
        sa.Column("restore_id", sa.String(length=40), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=40), nullable=False),
        sa.Column("change", sa.String(length=8), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.CheckConstraint("change IN ('missing', 'changed')", name=op.f("ck_region_restore_loss_change")),
        sa.ForeignKeyConstraint(
            ["restore_id"],
            ["region_restore.ref"],
            name=op.f("fk_region_restore_loss_restore_id_region_restore"),
        ),
        sa.PrimaryKeyConstraint("restore_id", "table_name", "row_key", name=op.f("pk_region_restore_loss")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        regional_heads.install_guard(bind)
        role = bind.execute(sa.text("SELECT value FROM setting WHERE key = 'region.role'")).scalar()
        if role == "kanwil":
            kanwil_tally.install(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {kanwil_tally.COVER_TRIGGER} ON member_cover")
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {kanwil_tally.MEMBER_TRIGGER} ON member")
        for function in kanwil_tally.FUNCTIONS:
            bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table("region_restore_loss")
    with op.batch_alter_table("region_restore", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_region_restore_branch_code"))
    op.drop_table("region_restore")
    op.drop_table("kanwil_tally_baseline")
    op.drop_table("kanwil_nik_twice")
    op.drop_table("kanwil_member_tally")
