"""A branch's own dashboard and the Kanwil's dashboard count the same members the same way: after
enrolments on several channels, payments, a deactivation and moves in both directions, every
figure the two share agrees, branch by branch (``app/db/coverage_queries.py`` is the one
definition both read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.services import contributions as cs
from app.services import dashboard, deactivation, enrolment
from app.services.region import dashboard as region_dashboard
from app.services.region import transfer
from tests.day_fixtures import record_for
from tests.region_fixtures import Region, Site, region_fixture, region_servers_fixture, wait_until  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _enrol(site: Site, i: int, **overrides: Any) -> str:
    out = enrolment.enrol_worker(site.ctx, site.officer, record_for(i, **overrides))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    return out.number


def _move(origin: Site, destination: Site, number: str) -> None:
    transfer.request_move(origin.ctx, origin.officer, number, destination.code, "pindah domisili")
    wait_until(
        lambda: number in [m.number for m in transfer.moves(destination.ctx, destination.supervisor)[0]],
        f"the move of {number} offered to {destination.code}",
    )
    transfer.accept_move(destination.ctx, destination.supervisor, number)


def _caught_up(r: Region) -> bool:
    """Every branch row reached the Kanwil (member records and enrolments, in their final state)."""
    for b in (r.b101, r.b102):
        lo, hi = int(b.code) * 10**12, (int(b.code) + 1) * 10**12
        theirs = b.sql(
            "SELECT id, record_status, branch_id FROM member WHERE record_status = 'ACTIVE' ORDER BY id"
        )
        kanwil = r.kanwil.sql(
            "SELECT id, record_status, branch_id FROM member WHERE record_status = 'ACTIVE' "
            "AND branch_id / 1000000000000 = %s ORDER BY id",
            int(b.code),
        )
        made = b.one("SELECT count(*) FROM enrolment WHERE id > %s AND id < %s", lo, hi)
        arrived = r.kanwil.one("SELECT count(*) FROM enrolment WHERE id > %s AND id < %s", lo, hi)
        if theirs != kanwil or made != arrived:
            return False
    return True


def test_branch_and_kanwil_dashboards_agree_for_every_branch(region: Region) -> None:
    k, a, b = region.kanwil, region.b101, region.b102
    for regency, workers in (("16.10", 2_000), ("16.71", 3_000), ("16.01", 1_000)):
        dashboard.set_coverage_target(
            k.ctx, k.supervisor, regency_code=regency, workers=workers, target_bp=5000, baseline_bp=3000,
            baseline_date=dt.date(2026, 1, 1),
        )  # fmt: skip
    wait_until(
        lambda: all(s.one("SELECT count(*) FROM region_target") == 3 for s in (a, b)),
        "the Kanwil's targets at both branches",
    )

    # Branch 101: five enrolments on three channels in two regencies, two paid.
    at_101 = [
        _enrol(a, 1, kode_wilayah="16.10.01.2005", kanal="LOKET"),
        _enrol(a, 2, kode_wilayah="16.10.01.2005", kanal="DESA"),
        _enrol(a, 3, kode_wilayah="16.71.01.1001", kanal="PASAR"),
        _enrol(a, 4, kode_wilayah="16.71.01.1001", kanal="LOKET"),
        _enrol(a, 5, kode_wilayah="16.10.01.2005", kanal="DESA"),
    ]
    for number in at_101[:2]:
        assert cs.record_enrolment_payment(a.ctx, a.officer, number) is not None
    # One of them died: no longer a member anywhere.
    deactivation.deactivate_member(a.ctx, a.supervisor, at_101[1], "died", note="akta kematian")
    # Branch 102: two enrolments; one of them moves to 101, and one of 101's moves to 102.
    at_102 = [
        _enrol(b, 11, kode_wilayah="16.01.07.2001", kanal="PASAR"),
        _enrol(b, 12, kode_wilayah="16.10.01.2005", kanal="UKM"),
    ]
    assert cs.record_enrolment_payment(b.ctx, b.officer, at_102[1]) is not None
    _move(b, a, at_102[1])
    _move(a, b, at_101[3])
    wait_until(lambda: _caught_up(region), "every branch's rows at the Kanwil")

    kanwil = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    lines = {line.code: line for line in kanwil.branches}
    for site in (a, b):
        dashboard.refresh_statuses(site.ctx, site.supervisor)
        own = dashboard.dashboard(site.ctx, site.supervisor)
        line = lines[site.code]
        month = own.period("month")
        assert own.today.replace(day=1) == kanwil.month_start
        # This month's enrolments, by channel: what the branch made (a moved member's enrolment
        # stays the origin's on both dashboards).
        assert month.enrolments == line.month_enrolments
        assert {t.code: t.count for t in month.by_channel} == {t.code: t.count for t in line.by_channel}
        # Members the branch holds: active, not deactivated, not moved away, moved in included.
        assert own.statuses.members + own.statuses.pending == line.members
        # Coverage since each regency's baseline, for the members the branch holds.
        mine = {c.regency_code: c.coverage.enrolled_since for c in own.coverage if c.coverage.enrolled_since}
        assert mine == {t.code: t.count for t in line.enrolled_since}

    # The figures themselves, so agreement is not two equal mistakes.
    assert (lines["101"].month_enrolments, lines["102"].month_enrolments) == (5, 2)
    assert {t.code: t.count for t in lines["101"].by_channel if t.count} == {
        "LOKET": 2,
        "DESA": 2,
        "PASAR": 1,
    }
    # 101 holds 1, 3, 5 and 102's second member (moved in); 4 moved out, 2 died.
    assert (lines["101"].members, lines["102"].members) == (4, 2)
    assert {t.code: t.count for t in lines["101"].enrolled_since} == {"16.10": 3, "16.71": 1}
    assert {t.code: t.count for t in lines["102"].enrolled_since} == {"16.01": 1}  # its area only
    # The Kanwil's regency lines add up every branch's members living there.
    regencies = {r.code: r.coverage.enrolled_since for r in kanwil.regencies}
    assert regencies == {"16.01": 1, "16.10": 3, "16.71": 2}
