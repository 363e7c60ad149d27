"""import batches and header mappings

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-23 20:17:12.894540
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_kind", sa.String(length=8), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=True),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_enrolled", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("first_number", sa.String(length=11), nullable=True),
        sa.Column("last_number", sa.String(length=11), nullable=True),
        sa.Column("sponsor_name", sa.String(length=100), nullable=True),
        sa.Column("sponsor_months", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("committed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_import_batch_branch_id_branch")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_import_batch_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_batch_file_sha256"), ["file_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_batch_officer_id"), ["officer_id"], unique=False)

    op.create_table(
        "import_header_mapping",
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["officer.id"], name=op.f("fk_import_header_mapping_updated_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_import_header_mapping")),
    )


def downgrade() -> None:
    op.drop_table("import_header_mapping")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_officer_id"))
        batch_op.drop_index(batch_op.f("ix_import_batch_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_import_batch_business_date"))

    op.drop_table("import_batch")
