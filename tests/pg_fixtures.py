"""PostgreSQL fixtures: one throwaway server per test session, a fresh database per test.

``pg_url``        a new database already at the newest schema (CREATE DATABASE … TEMPLATE)
``pg_empty_url``  a new, completely empty database (from template0)
``any_db_url``    parametrised: the test runs once on a SQLite file and once on PostgreSQL

Without PostgreSQL binaries the PostgreSQL tests SKIP, saying why; with ``LOKET_REQUIRE_PG=1``
(set by ``.ci/run``) they FAIL instead, so CI never passes by skipping them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from app.db.engine import make_engine, sqlite_url
from app.db.schema import upgrade
from tests.pg_server import PgServer, PgUnavailableError

TEMPLATE = "loket_template"
_names = itertools.count(1)


def pg_required() -> bool:
    return os.environ.get("LOKET_REQUIRE_PG", "") not in ("", "0")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = PgServer.start()
    except PgUnavailableError as exc:
        message = f"PostgreSQL tests need a server: {exc}"
        if pg_required():
            pytest.fail(f"LOKET_REQUIRE_PG=1 but {message}", pytrace=False)
        pytest.skip(message)
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")
        engine = make_engine(server.url(TEMPLATE))
        upgrade(engine)
        engine.dispose()
        yield server
    finally:
        server.stop()


def _create_database(server: PgServer, template: str) -> str:
    name = f"loket_t{os.getpid()}_{next(_names)}"
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return name


def _drop_database(server: PgServer, name: str) -> None:
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh database at the newest schema (the audit chain's genesis row included)."""
    name = _create_database(pg_server, TEMPLATE)
    yield pg_server.url(name)
    _drop_database(pg_server, name)


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh database with no tables at all."""
    name = _create_database(pg_server, "template0")
    yield pg_server.url(name)
    _drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test runs on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return sqlite_url(str(tmp_path / "db" / "loket.sqlite3"))
    url: str = request.getfixturevalue("pg_url")
    return url


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")
