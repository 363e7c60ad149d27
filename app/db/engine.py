"""Engine factory: SQLite with safe pragmas and write locks taken at BEGIN; PostgreSQL by URL."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db import writer_gate
from app.db.driver import Driver
from app.db.writer_gate import GatedConnection, GateTimeoutError

SQLITE_BUSY_TIMEOUT_MS = 30_000
_BEGIN = {"IMMEDIATE": "BEGIN IMMEDIATE", "DEFERRED": "BEGIN DEFERRED", "EXCLUSIVE": "BEGIN EXCLUSIVE"}


def sqlite_url(path: str) -> str:
    return str(URL.create("sqlite+pysqlite", database=path))


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine) -> None:
    database = sqlite_path(engine.url.render_as_string(hide_password=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (pysqlite would
        # otherwise issue a deferred BEGIN lazily, which lets two writers deadlock).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN so a read-then-write transaction never fails
        # half way with "database is locked"; read-only units of work ask for DEFERRED.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        # On the driver's cursor: every transaction begins here ("database is locked" still
        # arrives as SQLAlchemy's OperationalError, which the unit of work retries).
        if mode == "DEFERRED":
            Driver.on(conn).execute(_BEGIN[mode])
            return
        raw = conn.connection.dbapi_connection
        gated = isinstance(raw, GatedConnection) and database is not None
        if gated:  # wait for the writers before this one, in turn (app.db.writer_gate)
            try:
                raw.enter_gate(database, SQLITE_BUSY_TIMEOUT_MS / 1000)
            except GateTimeoutError:
                raise OperationalError(
                    _BEGIN[mode], (), sqlite3.OperationalError("database is locked")
                ) from None
        try:
            if gated:  # the writers before this one have committed: SQLite's lock is free at once
                Driver.on(conn).execute(_BEGIN[mode])  # (unless a program outside the gate writes)
            else:
                take_write_lock(Driver.on(conn), _BEGIN[mode])
        except BaseException:
            if gated:
                raw.leave_gate()
            raise


# Between tries for SQLite's write lock where there is no gate (Windows): 0.1 ms doubling to 1 ms;
# after 0.1 s (a long write holds it) 5 ms.
_LOCK_FIRST_WAIT_S = 0.0001
_LOCK_SHORT_WAIT_S = 0.001
_LOCK_LONG_AFTER_S = 0.1
_LOCK_LONG_WAIT_S = 0.005


def take_write_lock(driver: Driver, begin: str) -> None:
    """``BEGIN IMMEDIATE`` without the writers' gate, waiting up to ``SQLITE_BUSY_TIMEOUT_MS``.

    SQLite's own busy handler would sleep 1, 2, 5, 10 … 100 ms between tries; here the handler is
    off for the BEGIN only and the lock is tried every 0.1-1 ms. Every other statement keeps the
    busy timeout.
    """
    start = time.monotonic()
    deadline = start + SQLITE_BUSY_TIMEOUT_MS / 1000
    wait = _LOCK_FIRST_WAIT_S
    driver.execute("PRAGMA busy_timeout = 0").first()  # read: a pending row keeps the statement open
    try:
        while True:
            try:
                driver.execute(begin)
                return
            except OperationalError as exc:
                if not _is_locked(exc) or time.monotonic() >= deadline:
                    raise
            _pause(wait)
            long = time.monotonic() - start > _LOCK_LONG_AFTER_S
            wait = _LOCK_LONG_WAIT_S if long else min(wait * 2, _LOCK_SHORT_WAIT_S)
    finally:
        driver.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}").first()


_pause = time.sleep  # between tries (a test sees the wait here)


def _is_locked(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig).lower() or "database is busy" in str(exc.orig).lower()


def _guard_pipelines(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _refuse_inside_pipeline(conn: Any, *_args: Any) -> None:
        # SQLAlchemy reads a statement's columns as soon as it is sent; in PostgreSQL's pipeline
        # mode they are not there yet, and the result comes back empty. Refuse loudly instead.
        if Driver.pipelining(conn):
            raise RuntimeError(
                "SQLAlchemy statement inside Driver.pipeline(): run it before or after the block"
            )


def make_engine(url: str, **kwargs: Any) -> Engine:
    # SQL parameters are personal data (NIKs, names, phones): never in an error message or a log line.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if sqlite_path(url) is not None and writer_gate.available():
            kwargs["connect_args"] = {"factory": GatedConnection, **kwargs.get("connect_args", {})}
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        _guard_pipelines(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    engine = create_engine(url, **kwargs)
    _guard_pipelines(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


def describe(url: str) -> str:
    """A short, password-free description for the status bar and logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {parsed.database}"
    return f"PostgreSQL: {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def tune_for_bulk_load(conn: Any) -> None:
    """Give a bulk-loading SQLite connection a large page cache (random-key index inserts need it)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB, this connection only


def ping(engine: Engine) -> None:
    """One round trip to the database; raises the driver's error when it cannot be reached."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")


def secure_delete(conn: Any) -> None:
    """SQLite: overwrite freed and rewritten pages for the rest of this connection's life, so deleted
    data is not left in the file (or a backup of it). PostgreSQL: nothing to do here."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
