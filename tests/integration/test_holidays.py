"""The holidays that move due dates: cuti bersama on or off, supervisor overrides, audited, and every
member's status following them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db.models import AuditEvent
from app.domain.issues import DomainError
from app.services import contributions as cs
from app.services import enrolment
from app.services import holidays as hd
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import Actor
from app.services.unconfirmed import unconfirmed_facts
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock, bpu_record
from tests.integration.test_cli import loket


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2027, 2, 10, 3, 0, tzinfo=dt.UTC))


def test_holidays_move_due_dates_for_every_member(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    number = enrolment.enrol_worker(ctx, officer, bpu_record(bulan_bayar=0)).number
    assert number is not None
    cs.pay(ctx, officer, number, months=1, method="cash")  # February 2027
    # 15 March 2027 is a cuti bersama day of Idul Fitri: counted by default, March is due on the 16th.
    assert cs.member_cover(ctx, number).next_due_date == dt.date(2027, 3, 16)
    days = hd.holidays(ctx, year=2027)
    assert any(d.day == dt.date(2027, 3, 15) and d.source == "cuti bersama" for d in days.days)
    with pytest.raises(PermissionDeniedError):
        hd.set_joint_leave(ctx, officer, False, password=OFFICER_PASSWORD)
    with pytest.raises(AuthError):
        hd.set_joint_leave(ctx, supervisor, False, password="salah")
    hd.set_joint_leave(ctx, supervisor, False, password=SUPERVISOR_PASSWORD)
    assert cs.member_cover(ctx, number).next_due_date == dt.date(2027, 3, 15)
    # A regional holiday declared late moves it again; a working-day override undoes a holiday.
    hd.set_override(
        ctx, supervisor, dt.date(2027, 3, 15), name="Libur daerah HUT Kabupaten", password=SUPERVISOR_PASSWORD
    )
    assert cs.member_cover(ctx, number).next_due_date == dt.date(2027, 3, 16)
    hd.set_override(
        ctx, supervisor, dt.date(2027, 3, 15), name=None, working=True, password=SUPERVISOR_PASSWORD
    )
    assert cs.member_cover(ctx, number).next_due_date == dt.date(2027, 3, 15)
    hd.remove_override(ctx, supervisor, dt.date(2027, 3, 15), password=SUPERVISOR_PASSWORD)
    with pytest.raises(DomainError) as err:
        hd.remove_override(ctx, supervisor, dt.date(2027, 3, 15), password=SUPERVISOR_PASSWORD)
    assert err.value.issues[0].code == "holiday.not_found"
    with pytest.raises(DomainError) as err:
        hd.set_override(ctx, supervisor, dt.date(2027, 4, 1), name=" ", password=SUPERVISOR_PASSWORD)
    assert err.value.issues[0].code == "holiday.name"
    actions = ctx.read(
        lambda s: (
            s.execute(select(AuditEvent.action).where(AuditEvent.action.like("holidays.%"))).scalars().all()
        )
    )
    assert actions == [
        "holidays.joint_leave",
        "holidays.override",
        "holidays.override",
        "holidays.override_removed",
    ]


def test_the_supervisor_sees_every_unconfirmed_figure(ctx: Any, officer: Actor) -> None:
    facts = unconfirmed_facts(ctx)
    items = {(f.area.split()[0], f.item) for f in facts}
    assert ("Tabel", "segments.BPU.base.brackets[1100000]") in items  # row 2 of the BPU income table
    assert not any(f.item.endswith("brackets[0]") for f in facts)  # row 1 agrees in two sources
    assert any(f.area == "Hari libur" for f in facts)
    assert any(f.area == "Kelayakan program" and "max_age_warning" in f.source for f in facts)


def test_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    loket(home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta")
    loket(home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    r = loket(home, "holidays", "list", "--year", "2027", "--json")
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert listed["joint_leave"] is True
    assert any(d["date"] == "2027-03-15" and d["source"] == "cuti bersama" for d in listed["days"])
    r = loket(
        home,
        "holidays",
        "add",
        "2027-04-15",
        "--name",
        "Libur daerah",
        "--supervisor",
        "siti",
        stdin="salah\n",
    )
    assert r.returncode == 3 and "Traceback" not in r.stderr
    r = loket(
        home,
        "holidays",
        "add",
        "2027-04-15",
        "--name",
        "Libur daerah",
        "--supervisor",
        "siti",
        stdin=SUPERVISOR_PASSWORD + "\n",
    )
    assert r.returncode == 0 and "Libur daerah" in r.stdout
