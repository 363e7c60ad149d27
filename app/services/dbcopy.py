"""Moving a whole Loket database to another one: a laptop's SQLite file into the branch server.

Every table goes across in dependency order, in batches, inside ONE transaction on the target,
read from ONE consistent snapshot of the source. Before the target commits, every table is read
back and compared with the source: row count and a SHA-256 over its rows in primary-key order,
each row in a canonical text form that does not depend on the database. Any difference rolls the
whole copy back. PostgreSQL sequences are then moved past the copied ids.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, func, inspect, select, update
from sqlalchemy.schema import sort_tables_and_constraints

import app.db.all_models  # noqa: F401  (every table registered)
from app.db.engine import describe, make_engine, sqlite_path, sqlite_url
from app.db.models import Base
from app.db.pgtools import advisory_xact_lock, reset_serial_sequences
from app.db.schema import SchemaState, schema_state, too_new_message, upgrade
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.infra.storage import check_sqlite_location
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dbsettings import normalise_url
from app.services.dto import Actor

BATCH = 5_000
_COPY_LOCK = 0x4C4F4B4543  # pg_advisory_xact_lock key: one copy into a server at a time
# Tables present since the first schema: a target at an older revision counts as empty only
# when these hold no rows (its other tables are compared after the upgrade).
_CORE_TABLES = ("branch", "officer", "member", "enrolment", "heir", "audit_event")


class CopyRefusedError(RuntimeError):
    """The copy did not start or was rolled back; ``message`` says why, in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class TableCopy:
    """One table's row count and checksum, compared on both sides to prove a copy is complete."""

    table: str
    rows: int
    checksum: str  # hex SHA-256 over the canonical rows in primary-key order, equal on both sides


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What a database copy moved, table by table, for the officer and the log."""

    source: str  # password-free labels
    target: str
    revision: str
    tables: tuple[TableCopy, ...]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


# --- canonical rows ---------------------------------------------------------------------------


_PLAIN = frozenset({str, int, bool, type(None)})


def _canonical(value: Any) -> Any:
    """One text form per value, whatever the database returned it as."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a Loket table")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return str(value)


_LINE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


class _Digest:
    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        plain = _PLAIN
        line = _LINE.encode([v if type(v) in plain else _canonical(v) for v in row])
        self._h.update(line.encode("utf-8") + b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def _ordered(table: Table, dialect: str) -> Any:
    """SELECT in primary-key order. Text keys sort by code point on both databases (SQLite's
    BINARY collation; "C" on PostgreSQL, whatever the server's locale)."""
    keys = []
    for col in table.primary_key.columns:
        is_text = col.type.python_type is str
        keys.append(col.collate("C") if is_text and dialect == "postgresql" else col)
    return select(table).order_by(*keys)


def _batches(conn: Connection, table: Table, size: int) -> Iterator[Sequence[Any]]:
    stmt = _ordered(table, conn.dialect.name).execution_options(yield_per=size)
    yield from conn.execute(stmt).partitions(size)


def table_digests(conn: Connection, tables: Iterable[Table]) -> dict[str, TableCopy]:
    """Each table's row count and checksum, to compare a copy against its source."""
    out = {}
    for table in tables:
        d = _Digest()
        for batch in _batches(conn, table, BATCH):
            for row in batch:
                d.add(tuple(row))
        out[table.name] = TableCopy(table.name, d.rows, d.hexdigest())
    return out


# --- the copy ---------------------------------------------------------------------------------


def _plan() -> tuple[list[Table], dict[str, list[str]]]:
    """Tables in dependency order, and per table the nullable foreign-key columns that must be
    filled in after all its rows exist (self-references such as member.merged_into_id, and
    cycles between tables)."""
    sorted_ = sort_tables_and_constraints(Base.metadata.tables.values())  # type: ignore[no-untyped-call]
    order: list[Table] = [table for table, _fks in sorted_ if table is not None]
    deferred: dict[str, list[str]] = {}
    for table in order:
        for fk in table.foreign_key_constraints:
            if fk.referred_table is table:
                deferred.setdefault(table.name, []).extend(c.name for c in fk.columns)
    for table, cyclic in sorted_:
        if table is None:  # the last entry: constraints that close a cycle between tables
            for fk in cyclic:
                assert fk.table is not None
                deferred.setdefault(fk.table.name, []).extend(c.name for c in fk.columns)
    for name, cols in deferred.items():
        for c in cols:
            if not Base.metadata.tables[name].c[c].nullable:  # pragma: no cover - schema guard
                raise RuntimeError(f"{name}.{c} closes a foreign-key cycle but is NOT NULL")
    return order, deferred


def _seed_digests(tables: list[Table]) -> dict[str, TableCopy]:
    """What a freshly migrated database holds (the audit chain's genesis row, reference rows)."""
    with tempfile.TemporaryDirectory(prefix="loket-seed-") as d:
        engine = make_engine(sqlite_url(str(Path(d) / "seed.sqlite3")))
        try:
            upgrade(engine)
            with engine.connect() as conn:
                return table_digests(conn, tables)
        finally:
            engine.dispose()


def _prepare_target(target: Engine, tables: list[Table]) -> SchemaState:
    """Bring an empty target to the newest schema, or refuse a target that holds data."""
    existing = set(inspect(target).get_table_names())
    state = schema_state(target)
    if existing and state.current is None:
        raise CopyRefusedError(
            f"Basis data tujuan tidak kosong: berisi tabel yang bukan milik Loket ({', '.join(sorted(existing)[:5])})."
        )
    if not state.known:
        raise CopyRefusedError(too_new_message(state.current))
    if state.current is not None and not state.up_to_date:
        with target.connect() as conn:
            for name in _CORE_TABLES:
                table = Base.metadata.tables[name]
                if name in existing and conn.execute(select(func.count()).select_from(table)).scalar_one():
                    raise _not_empty(name)
    return upgrade(target)


def _not_empty(table: str) -> CopyRefusedError:
    return CopyRefusedError(
        f"Basis data tujuan tidak kosong (tabel {table} sudah berisi data). Penyalinan hanya ke "
        "basis data Loket yang baru dan kosong, agar tidak ada data yang tertimpa atau bercampur."
    )


def _insert(dst: Connection, t: Table, payload: list[dict[str, Any]]) -> None:
    """Rows into ``t``: PostgreSQL COPY through psycopg (3× faster than batched INSERTs), else
    executemany. COPY skips SQLAlchemy's statement layer, so each value first goes through its
    column type's bind processing (UTC conversion, JSON wrapping) by hand; the read-back
    verification would catch anything that still came out different."""
    driver = dst.connection.driver_connection
    if driver is None or dst.dialect.name != "postgresql" or not hasattr(driver, "pgconn"):
        dst.execute(t.insert(), payload)
        return
    cols = list(t.columns)
    procs = [c.type._cached_bind_processor(dst.dialect) for c in cols]
    names = ", ".join(dst.dialect.identifier_preparer.quote(c.name) for c in cols)
    table = dst.dialect.identifier_preparer.format_table(t)
    with driver.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for values in payload:
            copy.write_row(
                [
                    v if proc is None or v is None else proc(v)
                    for v, proc in zip((values[c.name] for c in cols), procs, strict=True)
                ]
            )


def _copy_table(
    src: Connection,
    dst: Connection,
    t: Table,
    later: list[str],
    batch: int,
    done: int,
    total: int,
    count: int,
    progress: ProgressSink,
    cancel: CancelToken,
) -> tuple[_Digest, int]:
    """Insert one table's rows in batches; columns in ``later`` are filled in afterwards."""
    digest = _Digest()
    pk = [c.name for c in t.primary_key.columns]
    fixups: dict[str, list[dict[str, Any]]] = {col: [] for col in later}
    for rows in _batches(src, t, batch):
        if cancel.cancelled:
            raise Cancelled()
        payload = []
        for row in rows:
            digest.add(tuple(row))
            values = dict(row._mapping)
            for col in later:
                if values[col] is not None:
                    fixups[col].append({**{f"k_{k}": values[k] for k in pk}, "v": values[col]})
                    values[col] = None
            payload.append(values)
        _insert(dst, t, payload)
        done += len(payload)
        progress(done, total, f"Menyalin {t.name}: {digest.rows:,}/{count:,}".replace(",", "."))
    for col, params in fixups.items():
        if params:
            where = [t.c[k] == bindparam(f"k_{k}") for k in pk]
            dst.execute(update(t).where(*where).values({col: bindparam("v")}), params)
    return digest, done


def copy_database(
    ctx: ServiceContext,
    actor: Actor,
    target_url: str,
    *,
    batch: int = BATCH,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> CopyReport:
    """Copy this database (``ctx``) into the empty database at ``target_url`` (supervisor).

    Refuses a target that holds data, or whose schema is newer. Progress counts rows: copied,
    then read back for verification (total = 2 × rows). A cancel rolls everything back. The
    ``db.copy`` event is written to the source first, so both trails carry it.
    """
    authorize(ctx, actor, Permission.SETTINGS)
    source = ctx.engine
    src_state = schema_state(source)
    if not src_state.up_to_date:
        raise CopyRefusedError(
            "Basis data sumber belum diperbarui ke skema terbaru; buka dulu dengan Loket ini."
        )
    target_url = normalise_url(target_url)
    source_url = source.url.render_as_string(hide_password=False)
    src_path, dst_path = sqlite_path(source_url), sqlite_path(target_url)
    if source_url == target_url or (src_path and dst_path and src_path.resolve() == dst_path.resolve()):
        raise CopyRefusedError("Sumber dan tujuan adalah basis data yang sama.")
    if (path := dst_path) is not None:
        check_sqlite_location(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    tables, deferred = _plan()
    ctx.write(
        lambda s: append_event(
            s, ctx, actor=actor, action="db.copy", entity="database", details={"to": describe(target_url)}
        )
    )
    target = make_engine(target_url)
    try:
        _prepare_target(target, tables)
        seeds = _seed_digests(tables)
        src_conn = source.connect().execution_options(sqlite_begin="DEFERRED")
        if source.dialect.name == "postgresql":
            src_conn = src_conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with src_conn, src_conn.begin(), target.connect() as dst, dst.begin():
            advisory_xact_lock(dst, _COPY_LOCK)
            now = table_digests(dst, tables)
            for name, got in now.items():
                if got != seeds[name]:
                    raise _not_empty(name)
            counts = {
                t.name: src_conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables
            }
            total = 2 * sum(counts.values())
            done = 0
            for t in reversed(tables):  # the seed rows make way for the source's
                dst.execute(t.delete())
            source_digests: dict[str, TableCopy] = {}
            for t in tables:
                digest, done = _copy_table(
                    src_conn,
                    dst,
                    t,
                    deferred.get(t.name, []),
                    batch,
                    done,
                    total,
                    counts[t.name],
                    progress,
                    cancel,
                )
                source_digests[t.name] = TableCopy(t.name, digest.rows, digest.hexdigest())
            if dst.dialect.name == "postgresql":
                reset_serial_sequences(dst, tables)
            # Read everything back inside the same transaction before committing.
            checked = 0
            for t in tables:
                if cancel.cancelled:
                    raise Cancelled()
                got = table_digests(dst, [t])[t.name]
                want = source_digests[t.name]
                if got != want:
                    raise CopyRefusedError(
                        f"Verifikasi gagal untuk tabel {t.name}: sumber {want.rows} baris, tujuan {got.rows} "
                        "baris, atau isinya berbeda. Tidak ada yang disimpan di tujuan."
                    )
                checked += want.rows
                progress(total // 2 + checked, total, f"Memeriksa {t.name}")
        return CopyReport(
            describe(source.url.render_as_string(hide_password=False)),
            describe(target_url),
            src_state.head,
            tuple(source_digests[t.name] for t in tables),
        )
    finally:
        target.dispose()
