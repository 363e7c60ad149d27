"""A branch's own dashboard and the Kanwil's dashboard count the same members the same way: after
enrolments on several channels, payments, a deactivation and moves in both directions, every
figure the two share agrees, branch by branch (``app/db/coverage_queries.py`` is the one
definition both read). "Terlindungi" is the status index's answer at both: the branch's from its
own payments, the Kanwil's from the replicated ones, by the same code; "terdaftar" beside it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from app.db import kanwil_tally
from app.db.coverage_queries import counted_from, held_by_regency
from app.db.homes import home_branch
from app.db.region_models import RegionTarget
from app.domain.clock import business_date
from app.domain.cover import CoverStatus
from app.services import contributions as cs
from app.services import dashboard, deactivation, enrolment
from app.services.region import dashboard as region_dashboard
from app.services.region import repair, status, transfer
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
        for table in ("enrolment", "payment_month"):
            made = b.one(f"SELECT count(*) FROM {table} WHERE id > %s AND id < %s", lo, hi)  # noqa: S608
            arrived = r.kanwil.one(f"SELECT count(*) FROM {table} WHERE id > %s AND id < %s", lo, hi)  # noqa: S608
            if made != arrived:
                return False
        if theirs != kanwil:
            return False
    return True


def _tally_agrees(k: Site) -> None:
    """The Kanwil's tally (what its dashboard reads) says what the straightforward count over the
    replicated member records and status index rows says, and so do the NIKs active twice."""
    with k.ctx.session_factory() as session:
        home = home_branch(session)
        assert home is not None
        today = business_date(k.ctx.clock(), home.timezone)
        since = {
            str(code): counted_from(day, home.timezone)
            for code, day in session.execute(sa.select(RegionTarget.regency_code, RegionTarget.baseline_date))
        }
        kanwil_tally.sync_baselines(session.connection(), since)
        session.commit()
        tally = sorted(kanwil_tally.held_by_regency(session.connection(), today))
        straight = sorted(held_by_regency(session, since, today))
        twice = kanwil_tally.duplicate_niks(session.connection())
    assert tally == straight
    assert twice == k.one(
        "SELECT count(*) FROM (SELECT nik FROM member WHERE record_status = 'ACTIVE' GROUP BY nik "
        "HAVING count(*) > 1) d"
    )


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

    _tally_agrees(k)
    dashboard.refresh_protection(k.ctx, k.supervisor)
    kanwil = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    assert kanwil.pending == 0
    _tally_agrees(k)
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
        protected = {c.regency_code: c.protected for c in own.coverage if c.coverage.enrolled_since}
        assert protected == {t.code: t.count for t in line.protected_since}

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
    # Paid at enrolment: 1 (16.10) and 102's second member (moved in); 3 and 5 never paid.
    assert {t.code: t.count for t in lines["101"].protected_since} == {"16.10": 2, "16.71": 0}
    assert (lines["101"].protected, lines["102"].protected) == (2, 0)
    # The Kanwil's regency lines add up every branch's members living there.
    regencies = {r.code: r.coverage.enrolled_since for r in kanwil.regencies}
    assert regencies == {"16.01": 1, "16.10": 3, "16.71": 2}


def _status(site: Site) -> dict[CoverStatus, int]:
    dashboard.refresh_statuses(site.ctx, site.supervisor)
    return {s: n for s, n in dashboard.dashboard(site.ctx, site.supervisor).statuses.counts.items() if n}


def _advance(r: Region, **delta: Any) -> None:
    for site in r.sites:
        site.clock.advance(**delta)


def test_protected_and_registered_agree_and_are_true(region: Region) -> None:
    """Paid, enrolled-not-paid, in arrears, lapsed and moved members, four months on: the branch and
    the Kanwil count the same protected and registered members, and those are the true ones."""
    k, a, b = region.kanwil, region.b101, region.b102
    for regency, workers in (("16.10", 1_000), ("16.71", 1_000), ("16.01", 1_000)):
        dashboard.set_coverage_target(
            k.ctx, k.supervisor, regency_code=regency, workers=workers, target_bp=5000, baseline_bp=3000,
            baseline_date=dt.date(2026, 1, 1),
        )  # fmt: skip
    wait_until(
        lambda: all(s.one("SELECT count(*) FROM region_target") == 3 for s in (a, b)),
        "the Kanwil's targets at both branches",
    )

    def paid(site: Site, i: int, months: int, **overrides: Any) -> str:
        number = _enrol(site, i, **overrides)
        cs.pay(site.ctx, site.officer, number, months=months, method="cash")
        return number

    # Monday 23 November 2026. At 101: paid a year ahead; enrolled, never paid; paid through
    # January (in arrears by March); paid November only (ended by March); paid and died.
    paid(a, 21, 12)
    _enrol(a, 22)
    arrears = paid(a, 23, 3)
    paid(a, 24, 1, kode_wilayah="16.71.01.1001")
    died = paid(a, 25, 12)
    deactivation.deactivate_member(a.ctx, a.supervisor, died, "died", note="akta kematian")
    leaves = _enrol(a, 26, kode_wilayah="16.01.07.2001")  # never paid, moves to 102
    # At 102: paid a year ahead (stays); paid a year ahead, moves to 101.
    paid(b, 31, 12, kode_wilayah="16.01.07.2001")
    comes = paid(b, 32, 12)
    _move(b, a, comes)
    _move(a, b, leaves)
    wait_until(lambda: _caught_up(region), "every branch's rows at the Kanwil")

    # Monday 22 March 2027: February and March (due the 15th) are overdue.
    _advance(region, days=119)
    before = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    assert before.pending == 7  # no member worked out yet
    assert sum(line.protected for line in before.branches) == 0  # nobody called protected unknown
    assert "Status perlindungan sedang dihitung" in before.lines()[1]
    assert dashboard.refresh_protection(k.ctx, k.supervisor) == 7
    assert dashboard.refresh_protection(k.ctx, k.supervisor) == 0  # incremental: nothing due
    kanwil = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    assert kanwil.pending == 0
    lines = {line.code: line for line in kanwil.branches}

    # The statuses are the scenario's (the branch's own index): so the counts below mean what they say.
    assert _status(a) == {
        CoverStatus.ACTIVE: 2,  # a year ahead, and the one who came from 102
        CoverStatus.NOT_ACTIVE: 1,  # enrolled, never paid
        CoverStatus.ARREARS: 1,  # February and March owed
        CoverStatus.ENDED: 1,  # more than 3 months owed
    }
    assert _status(b) == {CoverStatus.ACTIVE: 1, CoverStatus.NOT_ACTIVE: 1}
    for site, held, protected, since, protected_since in (
        (a, 5, 2, {"16.10": 4, "16.71": 1}, {"16.10": 2, "16.71": 0}),
        (b, 2, 1, {"16.01": 2}, {"16.01": 1}),
    ):
        own = dashboard.dashboard(site.ctx, site.supervisor)
        line = lines[site.code]
        assert own.statuses.pending == 0 and own.statuses.members == line.members == held
        assert line.protected == protected
        assert (
            {c.regency_code: c.coverage.enrolled_since for c in own.coverage if c.coverage.enrolled_since}
            == ({t.code: t.count for t in line.enrolled_since})
            == since
        )
        assert (
            {c.regency_code: c.protected for c in own.coverage if c.coverage.enrolled_since}
            == ({t.code: t.count for t in line.protected_since})
            == protected_since
        )
        for c in own.coverage:  # the branch's headline is the protected count, "terdaftar" beside
            assert c.coverage.covered == 300 + protected_since.get(c.regency_code, 0)
            assert c.coverage.registered == 300 + since.get(c.regency_code, 0)
    regencies = {r.code: (r.coverage.protected_since, r.coverage.enrolled_since) for r in kanwil.regencies}
    assert regencies == {"16.01": (1, 2), "16.10": (2, 4), "16.71": (0, 1)}
    assert (kanwil.province.covered, kanwil.province.registered) == (903, 907)
    assert kanwil.lines()[1].startswith("Provinsi: 903 dari 3.000 pekerja terlindungi")

    # The member in arrears pays what he owes at 101: the Kanwil forgets him as the payment arrives
    # (a trigger: replicated rows pass no service), and only he is worked out again.
    cs.pay(a.ctx, a.officer, arrears, method="cash")
    wait_until(lambda: _caught_up(region), "the payment at the Kanwil")
    assert region_dashboard.kanwil_dashboard(k.ctx, k.supervisor).pending == 1
    _tally_agrees(k)
    assert dashboard.refresh_protection(k.ctx, k.supervisor) == 1
    _tally_agrees(k)
    after = {line.code: line for line in region_dashboard.kanwil_dashboard(k.ctx, k.supervisor).branches}[
        "101"
    ]
    dashboard.refresh_statuses(a.ctx, a.supervisor)
    own = {c.regency_code: c.protected for c in dashboard.dashboard(a.ctx, a.supervisor).coverage}
    assert after.protected == 3 and {t.code: t.count for t in after.protected_since} == own == {
        "16.10": 3,
        "16.71": 0,
    }


def test_the_tally_follows_every_change_the_branches_send(region: Region) -> None:
    """The tally against the straightforward count after each kind of change: enrolments, the same
    NIK active at both branches (and no longer), a deactivation,
    a move, payments and the status index filled and forgotten, a target's baseline moved, and a
    repair that finds the tally's triggers missing and counts again."""
    k, a, b = region.kanwil, region.b101, region.b102
    dashboard.set_coverage_target(
        k.ctx, k.supervisor, regency_code="16.10", workers=1_000, target_bp=5000, baseline_bp=3000,
        baseline_date=dt.date(2026, 1, 1),
    )  # fmt: skip
    first = [_enrol(a, i, kode_wilayah="16.10.01.2005") for i in (41, 42, 43)]
    _enrol(b, 51, kode_wilayah="16.71.01.1001")
    # The same person enrolled at 102 while the Kanwil could not be asked (the regional check
    # did not run; the local checks pass): active at two branches at once.
    k.server.halt()
    try:
        _enrol(b, 41, kode_wilayah="16.10.01.2005")
    finally:
        k.server.resume(durable=False)
    wait_until(lambda: _caught_up(region), "the branches' rows at the Kanwil")
    _tally_agrees(k)
    assert region_dashboard.kanwil_dashboard(k.ctx, k.supervisor).duplicate_niks == 1
    cs.record_enrolment_payment(a.ctx, a.officer, first[1])
    wait_until(lambda: _caught_up(region), "the payment at the Kanwil")
    dashboard.refresh_protection(k.ctx, k.supervisor)
    _tally_agrees(k)
    deactivation.deactivate_member(a.ctx, a.supervisor, first[0], "died", note="akta kematian")
    _move(a, b, first[2])
    wait_until(lambda: _caught_up(region), "the deactivation and the move at the Kanwil")
    _tally_agrees(k)
    assert region_dashboard.kanwil_dashboard(k.ctx, k.supervisor).duplicate_niks == 0  # 41 died at 101
    # The target's baseline moves past every registration: nobody counts since it any more.
    dashboard.set_coverage_target(
        k.ctx, k.supervisor, regency_code="16.10", workers=1_000, target_bp=5000, baseline_bp=3000,
        baseline_date=k.clock().date() + dt.timedelta(days=1),
    )  # fmt: skip
    board = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    assert {r.code: r.coverage.enrolled_since for r in board.regencies} == {"16.10": 0}
    _tally_agrees(k)
    # A Kanwil whose tally trigger went missing: repair puts it back and counts again.
    k.sql(f"DROP TRIGGER {kanwil_tally.MEMBER_TRIGGER} ON member")
    _enrol(a, 44, kode_wilayah="16.10.01.2005")
    wait_until(lambda: _caught_up(region), "an enrolment while the trigger is missing")
    assert "Pemicu Kanwil" in status.region_status(k.ctx, k.supervisor).note
    repair.repair(k.ctx, k.supervisor, "101")
    _tally_agrees(k)
