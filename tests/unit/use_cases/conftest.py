"""Fakes for unit tests of the core's use cases (enrol, pay, close the day), called as the doors call them.

What is faked is what a use case must not depend on to be tested: the time (``FakeClock``: the
business day, midnight in the branch's zone, next month), the branch it runs in (``BranchContext``:
code and time zone, chosen per test), the audit key store (a constant key, not a file), and the
Kanwil server behind the regional NIK check (``FakeKanwil``: a port answering as the Kanwil's query
would, or not answering). The services own their SQL (it is moving into ``app/db`` as one piece), so
the rows live in a throwaway SQLite file copied from one migrated template per run: a test costs a
file copy, not a migration, and no test shares rows with another.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import func, select

from app.bootstrap import open_app
from app.db.engine import make_engine, make_session_factory, sqlite_url
from app.db.models import AuditEvent
from app.db.region_queries import ElsewhereRow
from app.domain.regions import default_regions
from app.infra.paths import app_paths
from app.infra.reference import load_reference
from app.services import auth, branch
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import KANWIL_URL, ROLE, KanwilUnreachableError
from app.services.region import check as regional
from tests.branch_setup import SUPERVISOR_PASSWORD
from tests.conftest import FIXED_NOW, OFFICER_PASSWORD, FakeClock

AUDIT_KEY = bytes(range(32))  # the fake key store: one constant key, never a file of the test's home
COUNTER = "LOKET-1"
DB_FILE = "loket.sqlite3"


@dataclass(frozen=True)
class Template:
    """A migrated database with branch 101 (KCP Indralaya), supervisor ``siti`` and officers
    ``budi`` and ``ani``; the supervisor's actor is password-proven once for the whole run."""

    folder: Path
    siti: Actor
    budi: Actor
    ani: Actor


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    home = tmp_path_factory.mktemp("use-case-template")
    keys = app_paths(home).keys
    keys.mkdir(parents=True)
    (keys / "audit.key").write_text(AUDIT_KEY.hex(), encoding="ascii")
    opened = open_app(home=home, clock=FakeClock(), counter=COUNTER)
    ctx = opened.ctx
    try:
        branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        auth.create_first_supervisor(
            ctx, username="siti", full_name="Siti Rahmawati", password=SUPERVISOR_PASSWORD
        )
        siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
        for username, name in (("budi", "Budi Santoso"), ("ani", "Ani Lestari")):
            auth.add_officer(
                ctx, username=username, full_name=name, role="officer", password=OFFICER_PASSWORD, by=siti
            )
        budi, ani = (auth.officer_by_username(ctx, u) for u in ("budi", "ani"))
        assert budi is not None and ani is not None
    finally:
        ctx.engine.dispose()  # the last connection checkpoints the WAL into the file
    return Template(app_paths(home).data, siti, budi, ani)


class AuditRow(NamedTuple):
    action: str
    actor: str | None
    entity_id: str | None
    details: dict[str, Any]


@dataclass
class Core:
    """One test's core: the context every use case takes, the fake clock and the branch's people."""

    ctx: ServiceContext
    clock: FakeClock
    supervisor: Actor
    officer: Actor
    other_officer: Actor

    def events(self) -> list[AuditRow]:
        """The audit trail, oldest first: what the use case says it did."""
        rows = self.ctx.read(
            lambda s: s.execute(
                select(
                    AuditEvent.action, AuditEvent.actor, AuditEvent.entity_id, AuditEvent.details
                ).order_by(AuditEvent.seq)
            ).all()
        )
        return [AuditRow(a, who, eid, json.loads(d) if d else {}) for a, who, eid, d in rows]

    def count(self, model: Any) -> int:
        return int(self.ctx.read(lambda s: s.execute(select(func.count()).select_from(model)).scalar_one()))


@pytest.fixture
def core(template: Template, tmp_path: Path) -> Iterator[Core]:
    home = tmp_path / "home"
    paths = app_paths(home)
    paths.ensure()
    for f in template.folder.iterdir():
        if f.name.startswith(DB_FILE) and f.is_file() and not f.name.endswith("-writer"):
            shutil.copy2(f, paths.data / f.name)
    engine = make_engine(sqlite_url(str(paths.data / DB_FILE)))
    clock = FakeClock(FIXED_NOW)  # Monday 23 November 2026, 10:00 WIB
    ctx = ServiceContext(
        engine=engine,
        session_factory=make_session_factory(engine),
        paths=paths,
        audit_key=AUDIT_KEY,
        counter=COUNTER,
        regions=default_regions(),
        reference=load_reference(),
        clock=clock,
    )
    try:
        yield Core(ctx, clock, template.siti, template.budi, template.ani)
    finally:
        engine.dispose()


class BranchContext:
    """The branch a use case runs in, chosen by the test: its code and name, and its time zone (the
    business day is the branch's local date: WIB, WITA or WIT)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def move_to(self, timezone: str) -> None:
        branch.setup_branch(
            self.core.ctx, code="101", name="KCP Indralaya", timezone=timezone, by=self.core.supervisor
        )


@pytest.fixture
def branch_context(core: Core) -> BranchContext:
    return BranchContext(core)


class FakeKanwil:
    """The Kanwil as the regional check at intake sees it: the port ``ask_kanwil`` runs the check's
    query on the Kanwil's connection; here that connection answers from ``active`` (NIK → the member
    holding it at another branch), or the server is ``down``. It records every question asked."""

    def __init__(self) -> None:
        self.active: dict[str, ElsewhereRow] = {}
        self.down = False
        self.asked: list[tuple[str, ...]] = []

    def hold(
        self, nik: str, number: str, branch_code: str, branch_name: str, moving_to: str | None = None
    ) -> None:
        self.active[nik] = ElsewhereRow(nik, number, branch_code, branch_name, moving_to)

    # The port: ask_kanwil(ctx, work, url) -> work(connection)
    def ask(self, ctx: ServiceContext, work: Any, url: str | None = None) -> Any:
        if self.down:
            raise KanwilUnreachableError(url or "kanwil")
        return work(self)

    # The query, as the Kanwil's database would answer it.
    def active_elsewhere(self, conn: FakeKanwil, niks: Sequence[str], own_code: str) -> list[ElsewhereRow]:
        self.asked.append(tuple(niks))
        return [row for nik in niks if (row := self.active.get(nik)) and row.branch_code != own_code]


@pytest.fixture
def kanwil(core: Core, monkeypatch: pytest.MonkeyPatch) -> FakeKanwil:
    """This branch belongs to a region whose Kanwil is the fake."""
    fake = FakeKanwil()
    monkeypatch.setattr(regional, "ask_kanwil", fake.ask)
    monkeypatch.setattr(regional, "active_elsewhere", fake.active_elsewhere)
    settings = {ROLE: "branch", KANWIL_URL: "postgresql+psycopg://loket@kanwil.example/loket"}
    monkeypatch.setattr(regional, "region_settings", lambda ctx: settings)
    return fake
