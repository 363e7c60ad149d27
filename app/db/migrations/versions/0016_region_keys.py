"""region: keys unique across branches, member moves, reference data from the Kanwil

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-08 09:00:00

Every surrogate key becomes BIGINT (PostgreSQL; SQLite's INTEGER key already is) and each
database numbers its rows in its branch's block of ids (``app.db.ids``: branch 101 → ids from
101 000 000 000 001). An existing branch database is renumbered in place: every key below the
block, every foreign key and id reference, and the audit chain's sequence (with its head and
each closed day's recorded head) move up by the block's base, in one transaction, rows and links
intact (SQLite: ``PRAGMA foreign_key_check`` before the commit; PostgreSQL: the foreign keys are
added back and validated). The chain signs positions within the block, so it verifies as before.

SQLite tables become AUTOINCREMENT so an empty table starts at its block too. A member may now be
MOVED (mutasi); one active member per NIK is kept per branch; an officer's username is unique
among accounts that can sign in (copies of other branches' officers carry a "!" hash).
New tables: ``member_transfer`` and the ``region_*`` tables the Kanwil sends down.

Downgrade keeps the ids in their block (valid keys at any revision) and refuses while a member is
MOVED or two accounts that can sign in share a username.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.ids import BLOCK, Id
from app.db.renumber import (
    EXTRA_REFERENCES,
    add_foreign_keys,
    drop_foreign_keys,
    foreign_rows,
    home_code,
    id_foreign_keys,
    renumber,
    set_sequences,
    sqlite_rebuild,
    surrogate_tables,
)

revision: str = "0016"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS_OLD = "record_status IN ('ACTIVE', 'DEACTIVATED', 'MERGED', 'PURGED')"
_STATUS_NEW = "record_status IN ('ACTIVE', 'DEACTIVATED', 'MERGED', 'PURGED', 'MOVED')"
_NIK_OLD = "CREATE UNIQUE INDEX uq_member_active_nik ON member (nik) WHERE record_status = 'ACTIVE'"
_NIK_NEW = (
    "CREATE UNIQUE INDEX uq_member_active_nik ON member (nik, branch_id) WHERE record_status = 'ACTIVE'"
)
_USERNAME_NEW = (
    "CREATE UNIQUE INDEX uq_officer_username ON officer (username) WHERE password_hash NOT LIKE '!%'"
)


def _create_tables() -> None:
    op.create_table(
        "member_transfer",
        sa.Column("id", Id, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("request_id", Id, nullable=True),
        sa.Column("member_id", Id, nullable=False),
        sa.Column("number", sa.String(length=11), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("from_code", sa.String(length=3), nullable=False),
        sa.Column("to_code", sa.String(length=3), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", Id, nullable=False),
        sa.CheckConstraint(
            "kind IN ('REQUEST', 'ACCEPT', 'REJECT', 'CANCEL')", name=op.f("ck_member_transfer_kind")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_member_transfer_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_transfer")),
        sqlite_autoincrement=True,
    )
    for column in ("nik", "number", "request_id"):
        op.create_index(op.f(f"ix_member_transfer_{column}"), "member_transfer", [column], unique=False)
    op.create_table(
        "region_branch",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("regencies", sa.String(length=300), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region_branch")),
    )
    op.create_table(
        "region_card_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("branch_code", sa.String(length=3), nullable=False),
        sa.Column("branch_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_region_card_key")),
    )
    op.create_table(
        "region_card_revocation",
        sa.Column("serial", sa.String(length=20), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('revoked', 'spoiled')", name=op.f("ck_region_card_revocation_status")),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_region_card_revocation")),
    )
    op.create_table(
        "region_rate_table",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("effective_from", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_region_rate_table")),
    )
    op.create_table(
        "region_target",
        sa.Column("regency_code", sa.String(length=5), nullable=False),
        sa.Column("regency_name", sa.String(length=100), nullable=False),
        sa.Column("workers", sa.BigInteger(), nullable=False),
        sa.Column("target_bp", sa.Integer(), nullable=False),
        sa.Column("baseline_bp", sa.Integer(), nullable=False),
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "target_bp BETWEEN 1 AND 10000 AND baseline_bp BETWEEN 0 AND 10000",
            name=op.f("ck_region_target_pct"),
        ),
        sa.CheckConstraint("workers > 0", name=op.f("ck_region_target_workers")),
        sa.PrimaryKeyConstraint("regency_code", name=op.f("pk_region_target")),
    )


def _member_sqlite(body: str, indexes: list[str]) -> tuple[str, list[str]]:
    body = _check_list(body, _STATUS_NEW)
    return body, [_NIK_NEW if "uq_member_active_nik" in sql else sql for sql in indexes]


def _check_list(body: str, status: str) -> str:
    start = body.index("CHECK (record_status IN (")
    end = body.index("))", start) + 2
    return f"{body[:start]}CHECK ({status}){body[end:]}"


def _officer_sqlite(body: str, indexes: list[str]) -> tuple[str, list[str]]:
    body = body.replace(", \n\tCONSTRAINT uq_officer_username UNIQUE (username)", "")
    body = body.replace("CONSTRAINT uq_officer_username UNIQUE (username), ", "")
    if "password_hash VARCHAR(200) NOT NULL DEFAULT" not in body:
        body = body.replace(
            "password_hash VARCHAR(200) NOT NULL", "password_hash VARCHAR(200) NOT NULL DEFAULT '!'"
        )
        body = body.replace("failed_logins INTEGER NOT NULL", "failed_logins INTEGER NOT NULL DEFAULT '0'")
    return body, [*[i for i in indexes if "uq_officer_username" not in i], _USERNAME_NEW]


def _postgresql(conn: sa.Connection, tables: list[str], code: str | None) -> None:
    fks = id_foreign_keys(conn, tables)
    drop_foreign_keys(conn, fks)
    for table in tables:
        op.alter_column(table, "id", type_=sa.BigInteger(), existing_nullable=False)
        sequence = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        if sequence is not None:
            conn.exec_driver_sql(f"ALTER SEQUENCE {sequence} AS bigint")
    references = {(fk.table, fk.column) for fk in fks} | {
        (t, c) for t, c in EXTRA_REFERENCES if t != "member_transfer"
    }
    for table, column in sorted(references):
        op.alter_column(table, column, type_=sa.BigInteger())
    op.drop_constraint(op.f("ck_member_record_status"), "member", type_="check")
    op.create_check_constraint(op.f("ck_member_record_status"), "member", _STATUS_NEW)
    op.drop_index(op.f("uq_member_active_nik"), table_name="member")
    conn.exec_driver_sql(_NIK_NEW)
    op.drop_constraint(op.f("uq_officer_username"), "officer", type_="unique")
    conn.execute(sa.text(_USERNAME_NEW))
    conn.exec_driver_sql("ALTER TABLE officer ALTER COLUMN password_hash SET DEFAULT '!'")
    conn.exec_driver_sql("ALTER TABLE officer ALTER COLUMN failed_logins SET DEFAULT 0")
    if code is not None:
        renumber(conn, code, fks)
    add_foreign_keys(conn, fks)


def upgrade() -> None:
    conn = op.get_bind()
    _create_tables()
    tables = surrogate_tables(conn)
    code = home_code(conn)
    if conn.dialect.name == "postgresql":
        _postgresql(conn, tables, code)
        return
    edits = {"member": _member_sqlite, "officer": _officer_sqlite}
    for table in tables:
        sqlite_rebuild(conn, table, edits.get(table))
    if code is not None:
        renumber(conn, code)


def downgrade() -> None:
    conn = op.get_bind()
    code = home_code(conn)
    problems = [
        ("SELECT count(*) FROM member WHERE record_status = 'MOVED'", "peserta yang pindah cabang"),
        (
            "SELECT count(*) FROM (SELECT nik FROM member WHERE record_status = 'ACTIVE' "
            "GROUP BY nik HAVING count(*) > 1) d",
            "NIK aktif ganda",
        ),
        ("SELECT count(*) - count(DISTINCT username) FROM officer", "nama akun yang sama"),
    ]
    found = [what for sql, what in problems if conn.execute(sa.text(sql)).scalar_one()]
    if code is not None and foreign_rows(conn, code):
        found.append("data dari cabang lain")
    if found:
        raise RuntimeError(
            "Tidak dapat kembali ke skema sebelum wilayah (0014): ada " + ", ".join(found) + "."
        )
    for table in (
        "region_target",
        "region_rate_table",
        "region_card_revocation",
        "region_card_key",
        "region_branch",
    ):
        op.drop_table(table)
    for column in ("request_id", "number", "nik"):
        op.drop_index(op.f(f"ix_member_transfer_{column}"), table_name="member_transfer")
    op.drop_table("member_transfer")
    tables = surrogate_tables(conn)
    if conn.dialect.name == "postgresql":
        fks = id_foreign_keys(conn, tables)
        drop_foreign_keys(conn, fks)
        if code is not None:
            renumber(conn, code, fks, reverse=True)
        op.drop_constraint(op.f("ck_member_record_status"), "member", type_="check")
        op.create_check_constraint(op.f("ck_member_record_status"), "member", _STATUS_OLD)
        op.drop_index(op.f("uq_member_active_nik"), table_name="member")
        conn.exec_driver_sql(_NIK_OLD)
        op.drop_index(op.f("uq_officer_username"), table_name="officer")
        op.create_unique_constraint(op.f("uq_officer_username"), "officer", ["username"])
        for table, column in sorted({(t, "id") for t in tables} | {(fk.table, fk.column) for fk in fks}):
            op.alter_column(table, column, type_=sa.Integer())
        op.alter_column("package_record", "local_id", type_=sa.Integer())
        set_sequences(conn, 1, 2**31 - 1, tables=tables)
        add_foreign_keys(conn, fks)
        return
    if code is not None:
        renumber(conn, code, reverse=True)
        set_sequences(conn, 1, BLOCK - 1, tables=tables)

    def member(body: str, indexes: list[str]) -> tuple[str, list[str]]:
        return _check_list(body, _STATUS_OLD), [
            _NIK_OLD if "uq_member_active_nik" in i else i for i in indexes
        ]

    def officer(body: str, indexes: list[str]) -> tuple[str, list[str]]:
        end = body.rindex(")")
        body = f"{body[:end].rstrip()}, \n\tCONSTRAINT uq_officer_username UNIQUE (username)\n)"
        return body, [i for i in indexes if "uq_officer_username" not in i]

    sqlite_rebuild(conn, "member", member)
    sqlite_rebuild(conn, "officer", officer)
