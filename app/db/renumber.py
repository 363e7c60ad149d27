"""Moving a database's rows into its branch's block of ids (see ``app.db.ids``), in place.

Used by migration 0016 on an existing branch database and by the branch set-up of a new one
(which claims its block before its first row). Everything is read from the live schema (the
inspector), not from the models, so the same code serves every later revision too.

Renumbering adds the block's base to every surrogate key below the block and to every reference
to one (foreign keys, ``package_record.local_id``, ``member_transfer``'s ids at the origin), and
moves the audit chain's ``seq`` (with its head and each closed day's recorded head) the same way.
Ids already in some block (rows that came from another branch) are left as they are, so it can
run twice without harm. On PostgreSQL the foreign keys are dropped and added back around the
updates (they are not deferrable) and validated again when added; on SQLite the caller runs with
foreign keys off or deferred and checks them before committing (``app.db.schema.migrate``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.db.ids import BLOCK, SINGLETONS, block_of, id_range

# References to surrogate ids that are not foreign keys (the row named may be elsewhere).
EXTRA_REFERENCES = (
    ("package_record", "local_id"),
    ("member_transfer", "member_id"),
    ("member_transfer", "request_id"),
)
# The audit chain's sequence numbers and the places that record one.
AUDIT_SEQ_COLUMNS = (("audit_event", "seq"), ("audit_head", "last_seq"), ("day_lock", "audit_seq"))


@dataclass(frozen=True, slots=True)
class ForeignKeyDef:
    """One foreign key as the database reports it, kept to drop and recreate it around a renumbering."""

    table: str
    column: str
    name: str
    referred_table: str
    ondelete: str | None


def surrogate_tables(conn: sa.Connection) -> list[str]:
    """Tables whose key is one integer column ``id`` (the one-row tables excepted)."""
    insp = sa.inspect(conn)
    out = []
    for table in insp.get_table_names():
        if table in SINGLETONS or table.startswith(("alembic_", "sqlite_")):
            continue
        if insp.get_pk_constraint(table).get("constrained_columns") != ["id"]:
            continue
        column = next(c for c in insp.get_columns(table) if c["name"] == "id")
        if isinstance(column["type"], sa.Integer):
            out.append(table)
    return sorted(out)


def id_foreign_keys(conn: sa.Connection, tables: list[str]) -> list[ForeignKeyDef]:
    """Every single-column foreign key that points at the ``id`` of one of ``tables``."""
    insp = sa.inspect(conn)
    targets = set(tables)
    out = []
    for table in insp.get_table_names():
        for fk in insp.get_foreign_keys(table):
            if (
                fk["referred_table"] in targets
                and fk["referred_columns"] == ["id"]
                and len(fk["constrained_columns"]) == 1
            ):
                options = fk.get("options") or {}
                out.append(
                    ForeignKeyDef(
                        table,
                        fk["constrained_columns"][0],
                        str(fk["name"]),
                        fk["referred_table"],
                        options.get("ondelete"),
                    )
                )
    return out


def _existing(conn: sa.Connection, pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    insp = sa.inspect(conn)
    tables = set(insp.get_table_names())
    return [(t, c) for t, c in pairs if t in tables and any(col["name"] == c for col in insp.get_columns(t))]


def drop_foreign_keys(conn: sa.Connection, fks: list[ForeignKeyDef]) -> None:
    for fk in fks:
        conn.exec_driver_sql(f'ALTER TABLE "{fk.table}" DROP CONSTRAINT "{fk.name}"')


def add_foreign_keys(conn: sa.Connection, fks: list[ForeignKeyDef]) -> None:
    for fk in fks:
        on_delete = f" ON DELETE {fk.ondelete}" if fk.ondelete else ""
        conn.exec_driver_sql(
            f'ALTER TABLE "{fk.table}" ADD CONSTRAINT "{fk.name}" FOREIGN KEY ("{fk.column}") '
            f'REFERENCES "{fk.referred_table}" (id){on_delete}'
        )


def _shift(conn: sa.Connection, table: str, column: str, delta: int, lo: int, hi: int) -> int:
    result = conn.execute(
        sa.text(
            f'UPDATE "{table}" SET "{column}" = "{column}" + :delta WHERE "{column}" BETWEEN :lo AND :hi'  # noqa: S608 - names from the schema
        ),
        {"delta": delta, "lo": lo, "hi": hi},
    )
    return int(result.rowcount or 0)


def renumber(
    conn: sa.Connection, code: str, fks: list[ForeignKeyDef] | None = None, *, reverse: bool = False
) -> dict[str, int]:
    """Move every row below the block into branch ``code``'s block; → rows moved per table.
    ``reverse`` moves the block's rows back below it (a downgrade past migration 0016).

    ``fks``: the foreign keys to follow when the caller already dropped them (the migration on
    PostgreSQL); otherwise they are read here and, on PostgreSQL, dropped and added back.
    """
    base = block_of(code)
    delta, lo, hi = (-base, base, base + BLOCK - 1) if reverse else (base, 0, BLOCK - 1)
    tables = surrogate_tables(conn)
    own = fks is None
    if fks is None:
        fks = id_foreign_keys(conn, tables)
    manage = own and conn.dialect.name == "postgresql"
    if manage:
        drop_foreign_keys(conn, fks)
    moved: dict[str, int] = {}
    for table in tables:
        moved[table] = _shift(conn, table, "id", delta, lo, hi)
    for fk in fks:
        _shift(conn, fk.table, fk.column, delta, lo, hi)
    for table, column in _existing(conn, EXTRA_REFERENCES):
        _shift(conn, table, column, delta, lo, hi)
    for table, column in _existing(conn, AUDIT_SEQ_COLUMNS):
        moved[f"{table}.{column}"] = _shift(conn, table, column, delta, lo, hi)
    if manage:
        add_foreign_keys(conn, fks)
    if not reverse:
        claim_sequences(conn, code, tables)
    return moved


def foreign_rows(conn: sa.Connection, code: str) -> int:
    """Rows whose id is in another branch's block (received with a member who moved here)."""
    lo, hi = id_range(code)
    return sum(
        int(
            conn.execute(
                sa.text(f'SELECT count(*) FROM "{t}" WHERE id >= :block AND id NOT BETWEEN :lo AND :hi'),  # noqa: S608
                {"block": BLOCK, "lo": lo, "hi": hi},
            ).scalar_one()
        )
        for t in surrogate_tables(conn)
    )


def claim_sequences(conn: sa.Connection, code: str, tables: list[str] | None = None) -> None:
    """New rows take ids from the block: each PostgreSQL sequence gets the block's bounds, each
    SQLite AUTOINCREMENT table its ``sqlite_sequence`` at the block's start (or its newest row)."""
    set_sequences(conn, *id_range(code), tables=tables)


def set_sequences(conn: sa.Connection, lo: int, hi: int, *, tables: list[str] | None = None) -> None:
    """Each table's next id: above its newest row in [lo, hi], never outside it (PostgreSQL)."""
    for table in tables if tables is not None else surrogate_tables(conn):
        top = conn.execute(
            sa.text(f'SELECT max(id) FROM "{table}" WHERE id BETWEEN :lo AND :hi'),  # noqa: S608 - schema names
            {"lo": lo, "hi": hi},
        ).scalar()
        current = int(top) if top is not None else lo - 1
        if conn.dialect.name == "postgresql":
            sequence = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
            if sequence is None:
                continue
            kind = "bigint" if hi > 2**31 - 1 else "integer"
            conn.exec_driver_sql(
                f"ALTER SEQUENCE {sequence} AS {kind} MINVALUE {lo} MAXVALUE {hi} START WITH {lo} "
                f"RESTART WITH {current + 1}"
            )
        else:
            updated = conn.execute(
                sa.text("UPDATE sqlite_sequence SET seq = :s WHERE name = :t"), {"s": current, "t": table}
            ).rowcount
            if not updated:
                conn.execute(
                    sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :s)"),
                    {"t": table, "s": current},
                )


def adopt_tables(conn: sa.Connection, tables: list[str]) -> None:
    """Tables a migration after 0016 creates take their ids from this database's block too (made
    AUTOINCREMENT on SQLite by the migration itself): their sequences start in the block once the
    branch is set up; before that, the branch's set-up claims them with every other table."""
    code = home_code(conn)
    if code is not None:
        claim_sequences(conn, code, tables)


def home_code(conn: sa.Connection) -> str | None:
    """The branch code this database numbers members for, or None before the branch is set up.

    At the Kanwil (and at a branch that received a member from another) ``branch`` holds other
    branches' rows too; the home branch is the one with a number sequence here.
    """
    row: Any = conn.execute(
        sa.text(
            "SELECT b.code FROM branch b JOIN number_sequence s ON s.branch_id = b.id ORDER BY b.id LIMIT 1"
        )
    ).first()
    if row is None:
        row = conn.execute(sa.text("SELECT code FROM branch ORDER BY id LIMIT 1")).first()
    return str(row[0]) if row is not None else None


def home_block(conn: sa.Connection) -> int:
    """The base of this database's block of ids (0 before the branch is set up)."""
    code = home_code(conn)
    return block_of(code) if code is not None else 0


# Named as Loket creates it, or unnamed as a batch migration's copy of the table has it.
_PRIMARY_KEY = re.compile(r",?\s*(?:CONSTRAINT (\w+) )?PRIMARY KEY \(id\)")
_ID_COLUMN = re.compile(r"\bid INTEGER NOT NULL")


def sqlite_rebuild(
    conn: sa.Connection,
    table: str,
    edit: Callable[[str, list[str]], tuple[str, list[str]]] | None = None,
) -> None:
    """Rebuild a SQLite table as AUTOINCREMENT (its ``CREATE TABLE`` text, the key made
    ``PRIMARY KEY AUTOINCREMENT``, optionally edited), copying every row and its indexes.

    SQLite's own procedure for a change ALTER TABLE cannot make; the caller runs with foreign
    keys off and checks them before committing (``app.db.schema.migrate``).
    """
    ddl = str(
        conn.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
        ).scalar_one()
    )
    indexes = [
        str(r[0])
        for r in conn.execute(
            sa.text(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": table},
        )
    ]
    body = ddl[ddl.index("(") :]
    if "AUTOINCREMENT" not in body.upper():
        m = _PRIMARY_KEY.search(body)
        if m is None or not _ID_COLUMN.search(body):
            raise RuntimeError(f"unexpected definition of table {table}: {ddl[:200]}")
        body = body[: m.start()] + body[m.end() :]
        body = _ID_COLUMN.sub(
            f"id INTEGER NOT NULL CONSTRAINT {m.group(1) or f'pk_{table}'} PRIMARY KEY AUTOINCREMENT",
            body,
            count=1,
        )
    elif edit is None:
        return
    if edit is not None:
        body, indexes = edit(body, indexes)
    columns = ", ".join(f'"{r[1]}"' for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")'))
    temp = f"_new_{table}"
    conn.exec_driver_sql(f'CREATE TABLE "{temp}" {body}')
    conn.exec_driver_sql(f'INSERT INTO "{temp}" ({columns}) SELECT {columns} FROM "{table}"')  # noqa: S608
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for sql in indexes:
        conn.exec_driver_sql(sql)
