"""Engine factory: SQLite with safe pragmas and write locks taken at BEGIN; PostgreSQL by URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.db.driver import Driver

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
        Driver.on(conn).execute(_BEGIN[mode])


def make_engine(url: str, **kwargs: Any) -> Engine:
    # SQL parameters are personal data (NIKs, names, phones): never in an error message or a log line.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    return create_engine(url, **kwargs)


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
