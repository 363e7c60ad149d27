"""A branch and its outreach laptop, each a real database, for the sync-both-ways tests.

The branch (101, KCP Indralaya) has a supervisor ``siti`` and an officer ``budi``; the laptop (201,
its own SQLite file) a supervisor ``rina`` and an officer ``dedi``, and is set up for outreach with
home 101 (warn after 3 days, refuse after 7). Each trusts the other's key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.bootstrap import Opened, open_app
from app.services import auth, card_keys, corrections, enrolment, outreach_sync, packages
from app.services import contributions as cs
from app.services.branch import setup_branch
from app.services.dto import Actor
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import record_for


@dataclass
class Side:
    """One database with its supervisor and officer."""

    opened: Opened
    supervisor: Actor
    officer: Actor

    @property
    def ctx(self) -> Any:
        return self.opened.ctx

    def count(self, *models: Any) -> dict[str, int]:
        def work(session: Any) -> dict[str, int]:
            return {
                m.__tablename__: session.execute(select(func.count()).select_from(m)).scalar_one()
                for m in models
            }

        return dict(self.ctx.read(work))


def _side(opened: Opened, code: str, name: str, supervisor: str, officer: str) -> Side:
    setup_branch(opened.ctx, code=code, name=name, timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        opened.ctx, username=supervisor, full_name=supervisor.title(), password=SUPERVISOR_PASSWORD
    )
    boss = auth.login(opened.ctx, supervisor, SUPERVISOR_PASSWORD)
    auth.add_officer(
        opened.ctx,
        username=officer,
        full_name=officer.title(),
        role="officer",
        password=OFFICER_PASSWORD,
        by=boss,
    )
    return Side(opened, boss, auth.login(opened.ctx, officer, OFFICER_PASSWORD))


def make_branch(db: str | None, home: Path, clock: FakeClock, *, code: str = "101") -> Side:
    name = "KCP Indralaya" if code == "101" else f"KCP {code}"
    return _side(open_app(db, home=home, clock=clock, counter="LOKET-1"), code, name, "siti", "budi")


def make_laptop(home: Path, clock: FakeClock, *, code: str = "201", branch: str = "101") -> Side:
    laptop = _side(
        open_app(home=home, clock=clock, counter=f"LAPTOP-{code}"),
        code,
        f"Jemput Bola {code}",
        "rina",
        "dedi",
    )
    outreach_sync.set_outreach(
        laptop.ctx, laptop.supervisor, home=branch, warn_days=3, freeze_days=7, password=SUPERVISOR_PASSWORD
    )
    return laptop


def trust_each_other(branch: Side, laptop: Side) -> None:
    card_keys.import_keys(branch.ctx, branch.supervisor, card_keys.export_keys(laptop.ctx))
    card_keys.import_keys(laptop.ctx, laptop.supervisor, card_keys.export_keys(branch.ctx))


def enrol_village(laptop: Side, first: int = 0, n: int = 3) -> list[str]:
    """``n`` villagers enrolled and paid on the laptop."""
    numbers = []
    for i in range(first, first + n):
        out = enrolment.enrol_worker(laptop.ctx, laptop.officer, record_for(i, kanal="DESA"))
        assert out.status == "enrolled" and out.number is not None, out.errors
        cs.record_enrolment_payment(laptop.ctx, laptop.officer, out.number)
        numbers.append(out.number)
    return numbers


def correct(side: Side, number: str, changes: Mapping[str, Any], reason: str = "Sesuai KTP asli") -> int:
    """An officer proposes, the supervisor approves: an approved correction on ``side``."""
    c = corrections.propose_correction(side.ctx, side.officer, number, changes, reason)
    corrections.approve_correction(side.ctx, side.supervisor, c.id, SUPERVISOR_PASSWORD)
    return c.id


def sync(
    branch: Side, laptop: Side, tmp: Path, name: str
) -> tuple[packages.PackageImportResult, packages.ReplyResult]:
    """One round: the laptop's outbox to the branch, the branch's answer back."""
    info = packages.export_package(laptop.ctx, laptop.officer, path=tmp / f"{name}.lpkg")
    result = packages.import_package(
        branch.ctx, branch.supervisor, info.path, password=SUPERVISOR_PASSWORD, reply_to=tmp / f"{name}.lbal"
    )
    assert result.reply_path is not None
    answer = packages.receive_reply(
        laptop.ctx, laptop.supervisor, result.reply_path, password=SUPERVISOR_PASSWORD
    )
    return result, answer


def member_fields(side: Side, number: str) -> dict[str, Any]:
    from app.db.models import Member

    def work(session: Any) -> dict[str, Any]:
        m = session.execute(select(Member).where(Member.number == number)).scalar_one()
        return {
            "nama": m.nama,
            "no_hp": m.no_hp,
            "alamat": m.alamat,
            "nama_ibu": m.nama_ibu,
            "tempat_lahir": m.tempat_lahir,
            "record_status": m.record_status,
        }

    return dict(side.ctx.read(work))


def later(clock: FakeClock, days: int) -> dt.datetime:
    clock.advance(days=days)
    return clock.now
