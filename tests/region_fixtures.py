"""Three real PostgreSQL servers on loopback — a Kanwil and two branches — with logical replication
on, started once per test session; each test gets fresh databases, joined into a region the way
IT joins them (``region init``, ``region add-branch``), and leaves nothing behind."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.bootstrap import Opened, open_app
from app.db.engine import make_engine
from app.db.schema import upgrade
from app.services import auth, branch
from app.services.dto import Actor
from app.services.kanwil import close_kanwil
from app.services.region import setup
from tests.conftest import OFFICER_PASSWORD, FakeClock
from tests.pg_fixtures import pg_required
from tests.pg_server import PgServer, PgUnavailableError

LOGICAL = (
    "wal_level=logical",
    "max_replication_slots=16",
    "max_wal_senders=16",
    "max_logical_replication_workers=8",
    "max_worker_processes=16",
    "wal_retrieve_retry_interval=200ms",
)
TEMPLATE = "loket_region_template"
PASSWORD = "Wilayah-Sumbagsel-2026!"
_names = itertools.count(1)


def start_region_servers() -> dict[str, PgServer]:
    servers: dict[str, PgServer] = {}
    try:
        for name in ("kanwil", "101", "102"):
            servers[name] = PgServer.start(settings=LOGICAL)
            with psycopg.connect(servers[name].conninfo(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")
            engine = make_engine(servers[name].url(TEMPLATE))
            upgrade(engine)
            engine.dispose()
    except BaseException:
        for server in servers.values():
            server.stop()
        raise
    return servers


@pytest.fixture(scope="session", name="region_servers")
def region_servers_fixture() -> Iterator[dict[str, PgServer]]:
    try:
        servers = start_region_servers()
    except PgUnavailableError as exc:
        message = f"region tests need PostgreSQL servers: {exc}"
        if pg_required():
            pytest.fail(f"LOKET_REQUIRE_PG=1 but {message}", pytrace=False)
        pytest.skip(message)
    yield servers
    for server in servers.values():
        server.stop()


@dataclass
class Site:
    """One database of the region, opened as Loket opens it there."""

    code: str
    server: PgServer
    database: str
    opened: Opened
    clock: FakeClock
    supervisor: Actor
    officer: Actor

    @property
    def ctx(self) -> Any:
        return self.opened.ctx

    @property
    def url(self) -> str:
        return self.server.url(self.database)

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
            cur = conn.execute(query, params)
            return list(cur.fetchall()) if cur.description else []

    def one(self, query: str, *params: Any) -> Any:
        return self.sql(query, *params)[0][0]


@dataclass
class Region:
    kanwil: Site
    b101: Site
    b102: Site

    @property
    def sites(self) -> tuple[Site, ...]:
        return (self.kanwil, self.b101, self.b102)


def wait_until(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Poll ``check`` until it holds (replication is asynchronous); fail saying what never arrived."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.1)


def _site(server: PgServer, home: Path, code: str, *, kanwil: bool = False) -> Site:
    database = f"loket_r{os.getpid()}_{next(_names)}"
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
    clock = FakeClock()
    opened = open_app(server.url(database), home=home / code, clock=clock, counter=f"LOKET-{code}")
    ctx = opened.ctx
    if kanwil:
        setup.init_kanwil(ctx, code=code, name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    else:
        branch.setup_branch(ctx, code=code, name=f"KC {code}", timezone="Asia/Jakarta")
    auth.create_first_supervisor(ctx, username="siti", full_name=f"Siti {code}", password=PASSWORD)
    supervisor = auth.login(ctx, "siti", PASSWORD)
    auth.add_officer(
        ctx,
        username="budi",
        full_name=f"Budi {code}",
        role="officer",
        password=OFFICER_PASSWORD,
        by=supervisor,
    )
    officer = auth.login(ctx, "budi", OFFICER_PASSWORD)
    return Site(code, server, database, opened, clock, supervisor, officer)


def _drop(site: Site) -> None:
    close_kanwil(site.ctx)
    site.ctx.engine.dispose()
    with psycopg.connect(site.server.conninfo(site.database), autocommit=True) as conn:
        for (name,) in conn.execute("SELECT subname FROM pg_subscription").fetchall():
            conn.execute(f"ALTER SUBSCRIPTION {name} DISABLE")
            conn.execute(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
            conn.execute(f"DROP SUBSCRIPTION {name}")


def _forget(site: Site) -> None:
    with psycopg.connect(site.server.conninfo(), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = %s",
            (site.database,),
        )
        conn.execute(f"DROP DATABASE IF EXISTS {site.database} WITH (FORCE)")


@pytest.fixture(name="region")
def region_fixture(region_servers: dict[str, PgServer], tmp_path: Path) -> Iterator[Region]:
    """A Kanwil (900) with branches 101 and 102 joined, replication running both ways."""
    kanwil = _site(region_servers["kanwil"], tmp_path, "900", kanwil=True)
    b101 = _site(region_servers["101"], tmp_path, "101")
    b102 = _site(region_servers["102"], tmp_path, "102")
    r = Region(kanwil, b101, b102)
    try:
        for b, area in ((b101, ("16.10", "16.71")), (b102, ("16.01",))):
            setup.add_branch(kanwil.ctx, kanwil.supervisor, b.url, regencies=area)
        for b in (b101, b102):
            wait_until(
                lambda b=b: (
                    b.one("SELECT count(*) FROM region_branch") == 2
                    and kanwil.one(
                        "SELECT count(*) FROM officer WHERE username = 'budi' AND id / 1000000000000 = %s",
                        int(b.code),
                    )
                    == 1
                ),
                f"branch {b.code} joined",
            )
        yield r
    finally:
        for site in r.sites:
            _drop(site)
        for site in r.sites:
            _forget(site)
