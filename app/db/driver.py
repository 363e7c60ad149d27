"""Statements on the DB-API cursor of a session's connection: the hot path of one enrolment.

An enrolment runs a dozen small statements whose database work is a few microseconds each;
SQLAlchemy's per-statement machinery (compiled-cache lookup, parameter construction, result
wrapping, events) costs several times that. On this path the SQL is written once, values
are bound through the columns' own bind processors (so stored values are exactly what Core
and the ORM store), and driver errors are raised again as SQLAlchemy's own (IntegrityError,
OperationalError …), so the unit of work's retries, its disk-full handling and every caller's
``except`` see what they see from Core. The statements run in the session's transaction.

SQL is written with ``?`` placeholders and no literal ``%``; drivers with the ``format`` or
``pyformat`` style (psycopg) get ``%s``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.bulk import bound_rows, prepare_insert

_INFO_KEY = "loket.driver"
_UNSET = object()


class Driver:
    """Bound to one DB-API connection; ``Driver.of(session)`` finds it for the session's."""

    def __init__(self, conn: Connection) -> None:
        self.dialect = conn.dialect
        self._cursor = conn.connection.cursor()
        # psycopg's pipeline mode (None for drivers without one: SQLite runs in this process anyway).
        raw = self._raw = cast(Any, conn.connection.dbapi_connection)
        self._pipeline: Any = getattr(raw, "pipeline", None) if self.dialect.name == "postgresql" else None
        self._aux: Any = None  # a second cursor, for replies read after later statements' (reserve_ids)
        self._sequences: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._pipelining = 0  # depth of pipeline() blocks (on every database, for the guard below)
        self._qmark = self.dialect.paramstyle == "qmark"
        self._error: type[Exception] = self.dialect.loaded_dbapi.Error
        self._sql: dict[str, str] = {}
        self._processors: dict[tuple[str, str], Any] = {}
        self._inserts: dict[tuple[str, tuple[str, ...], str | None], tuple[str, list[Any]]] = {}

    @classmethod
    def of(cls, session: Session) -> Driver:
        """The driver of the session's connection. Kept in the connection's ``info`` (which lives
        as long as the DB-API connection: the pool clears it when it closes or invalidates one)
        and remembered for the session's current transaction, whose connection cannot change."""
        transaction = session.get_transaction()
        known = session.info.get(_INFO_KEY)
        if known is not None and transaction is not None and known[0] is transaction:
            return cast(Driver, known[1])
        driver = cls.on(session.connection())
        session.info[_INFO_KEY] = (session.get_transaction(), driver)
        return driver

    @classmethod
    def on(cls, conn: Connection) -> Driver:
        """The driver of a Core connection."""
        driver = conn.info.get(_INFO_KEY)
        if driver is None:
            driver = conn.info[_INFO_KEY] = cls(conn)
        return cast(Driver, driver)

    def _native(self, sql: str) -> str:
        if self._qmark:
            return sql
        native = self._sql.get(sql)
        if native is None:
            native = self._sql[sql] = sql.replace("?", "%s")
        return native

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Driver:
        try:
            self._cursor.execute(self._native(sql), params)
        except self._error as exc:
            raise DBAPIError.instance(sql, params, exc, self._error, dialect=self.dialect) from exc
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            self._cursor.executemany(self._native(sql), rows)
        except self._error as exc:
            raise DBAPIError.instance(
                sql, rows, exc, self._error, dialect=self.dialect, ismulti=True
            ) from exc

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """Send the statements inside without waiting for each reply (PostgreSQL's pipeline mode).

        A statement whose rows are read (``one``, ``first``) still waits, for its reply and all those
        before it; the rest go out together with it, or when the block ends. An error surfaces at the
        next wait, as SQLAlchemy's exception for it, and aborts what was sent after it. On SQLite there
        is no round trip to save: the block just runs. Only statements of this driver may run inside
        (SQLAlchemy reads a statement's columns at once, which a pipeline has not fetched yet).
        """
        self._pipelining += 1
        try:
            if self._pipeline is None or self._pipelining > 1:  # a block inside a block: one pipeline
                yield
                return
            try:
                with self._pipeline():
                    yield
            except self._error as exc:
                raise DBAPIError.instance("(pipeline)", (), exc, self._error, dialect=self.dialect) from exc
        finally:
            self._pipelining -= 1

    def reserve_ids(self, *tables: Table) -> ReservedIds | None:
        """PostgreSQL: the next id of each table's key, taken from its sequence now (a sequence never
        waits for another transaction), so rows can be written without waiting for RETURNING; the
        reply is read with ``ReservedIds.get()`` (in a pipeline: with the next wait). Returns None on
        SQLite, where RETURNING costs no round trip. Ids are unique, not gapless (as before)."""
        if self.dialect.name != "postgresql":
            return None
        key = tuple(t.name for t in tables)
        sequences = self._sequences.get(key)
        if sequences is None:  # once per connection: the sequences behind the tables' keys
            sequences = self._sequences[key] = tuple(
                str(self.execute("SELECT pg_get_serial_sequence(?, 'id')", (t.name,)).one()[0])
                for t in tables
            )
        sql = "SELECT " + ", ".join("nextval(?::regclass)" for _ in tables)
        if self._aux is None:
            self._aux = self._raw.cursor()
        try:
            self._aux.execute(self._native(sql), sequences)
        except self._error as exc:
            raise DBAPIError.instance(sql, sequences, exc, self._error, dialect=self.dialect) from exc
        return ReservedIds(self, self._aux, sql)

    @classmethod
    def pipelining(cls, conn: Connection) -> bool:
        """Whether a ``pipeline()`` block is open on this connection (the engine refuses SQLAlchemy
        statements inside one, on SQLite too, so the mistake shows in every test run)."""
        driver = conn.info.get(_INFO_KEY)
        return driver is not None and cast(Driver, driver)._pipelining > 0

    def one(self) -> tuple[Any, ...]:
        row = self._fetchone()
        if row is None:
            raise LookupError("the statement returned no row")
        return tuple(row)

    def first(self) -> tuple[Any, ...] | None:
        row = self._fetchone()
        return None if row is None else tuple(row)

    def all(self) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self._cursor.fetchall()]
        except self._error as exc:
            raise DBAPIError.instance("(fetch)", (), exc, self._error, dialect=self.dialect) from exc

    def _fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except self._error as exc:  # in a pipeline, the reply to an earlier statement may be an error
            raise DBAPIError.instance("(fetch)", (), exc, self._error, dialect=self.dialect) from exc

    def bound(self, table: Table, column: str, value: Any) -> Any:
        """``value`` as the driver is given it for ``table.column`` (a date as text on SQLite)."""
        key = (table.name, column)
        processor = self._processors.get(key, _UNSET)
        if processor is _UNSET:
            processor = self._processors[key] = (
                table.c[column].type.dialect_impl(self.dialect).bind_processor(self.dialect)
            )
        return value if processor is None or value is None else processor(value)

    def insert_many(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert rows (dicts with the same keys in the same order) in one executemany."""
        if not rows:
            return
        columns = tuple(rows[0])
        sql, processors, _named = prepare_insert(self.dialect, table, columns, positional=True)
        params = bound_rows(processors, rows)
        try:
            self._cursor.executemany(sql, params)
        except self._error as exc:
            raise DBAPIError.instance(
                sql, params, exc, self._error, dialect=self.dialect, ismulti=True
            ) from exc

    def insert(self, table: Table, row: Mapping[str, Any], *, returning: str | None = None) -> Any:
        """Insert one row (values bound as Core binds them); returns the ``returning`` column."""
        columns = tuple(row)
        key = (table.name, columns, returning)
        prepared = self._inserts.get(key)
        if prepared is None:
            sql, processors, _named = prepare_insert(self.dialect, table, columns, positional=True)
            if returning is not None:
                sql += f" RETURNING {self.dialect.identifier_preparer.quote(returning)}"
            prepared = self._inserts[key] = (sql, processors)
        sql, processors = prepared
        params = tuple(
            v if p is None or v is None else p(v) for p, v in zip(processors, row.values(), strict=True)
        )
        try:
            self._cursor.execute(sql, params)
        except self._error as exc:
            raise DBAPIError.instance(sql, params, exc, self._error, dialect=self.dialect) from exc
        return self.one()[0] if returning is not None else None


class ReservedIds:
    """The reply to ``Driver.reserve_ids``: ``get()`` gives the ids, in the order the tables were given."""

    def __init__(self, driver: Driver, cursor: Any, sql: str) -> None:
        self._driver, self._cursor, self._sql = driver, cursor, sql

    def get(self) -> tuple[int, ...]:
        driver = self._driver
        try:
            row = self._cursor.fetchone()
        except driver._error as exc:
            raise DBAPIError.instance(self._sql, (), exc, driver._error, dialect=driver.dialect) from exc
        if row is None:
            raise LookupError("nextval returned no row")
        return tuple(int(v) for v in row)
