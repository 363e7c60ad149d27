"""Dashboard figures and coverage targets per regency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.domain.cover import CoverStatus
from app.domain.coverage import Coverage, format_bp, parse_percent
from app.domain.issues import DomainError, Issue
from app.services import contributions as cs
from app.services import dashboard
from app.services.auth import PermissionDeniedError
from app.services.dto import Actor
from tests.conftest import FakeClock
from tests.day_fixtures import make_day


def test_periods_channels_occupations_and_coverage(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    with pytest.raises(PermissionDeniedError):
        dashboard.set_coverage_target(ctx, officer, regency_code="16.10", workers=1000, target_bp=5000,
                                      baseline_bp=3400, baseline_date=dt.date(2026, 1, 1))  # fmt: skip
    with pytest.raises(DomainError) as exc:
        dashboard.set_coverage_target(ctx, supervisor, regency_code="99.99", workers=0, target_bp=3000,
                                      baseline_bp=3400, baseline_date=dt.date(2026, 1, 1))  # fmt: skip
    assert {i.code for i in exc.value.issues} == {"target.regency", "target.workers", "target.below_baseline"}
    dashboard.set_coverage_target(ctx, supervisor, regency_code="1610", workers=1000, target_bp=5000,
                                  baseline_bp=3400, baseline_date=dt.date(2026, 1, 1))  # fmt: skip
    empty = dashboard.dashboard(ctx, officer)
    assert empty.period("today").enrolments == 0 and empty.coverage[0].coverage.covered == 340

    d = make_day(ctx, officer, supervisor, clock)  # Monday 23 November 2026
    assert dashboard.dashboard(ctx, officer).statuses.pending == len(d.numbers)
    assert dashboard.refresh_statuses(ctx, officer) == len(d.numbers)
    dash = dashboard.dashboard(ctx, officer)
    # The first member's payment was voided: enrolled, not yet protected.
    assert dash.statuses.counts == {
        CoverStatus.ACTIVE: 5,
        CoverStatus.NOT_ACTIVE: 1,
        CoverStatus.ARREARS: 0,
        CoverStatus.ENDED: 0,
    }
    today, week, month = dash.periods
    assert (today.start, week.start, month.start) == (dt.date(2026, 11, 23),) * 2 + (dt.date(2026, 11, 1),)
    assert today.enrolments == week.enrolments == month.enrolments == len(d.numbers)
    assert {t.code: t.count for t in today.by_channel}["DESA"] == 1
    assert today.by_occupation[0].code == "P001" and today.by_occupation[0].label == "Petani/Pekebun"
    assert today.payments == len(d.receipts) - 1  # one voided
    (line,) = dash.coverage
    assert line.regency_name == "Kabupaten Ogan Ilir"
    # Four of the six live in Ogan Ilir (two in Palembang, 16.71): all four count toward the target
    # (the region's one definition, the Kanwil's too); one of the four is not yet protected, and
    # the coverage ("terlindungi") counts the three who are; the four are "terdaftar".
    assert line.coverage.enrolled_since == 4 and line.protected == 3
    assert line.coverage.covered == 343 and line.coverage.registered == 344

    # A payment forgets the member's index row; the next refresh counts him.
    cs.pay(ctx, officer, d.numbers[0], months=1, method="cash")
    assert dashboard.dashboard(ctx, officer).statuses.pending == 1
    assert dashboard.refresh_statuses(ctx, officer) == 1
    after = dashboard.dashboard(ctx, officer)
    assert after.statuses.counts[CoverStatus.ACTIVE] == 6 and after.coverage[0].coverage.covered == 344
    assert after.coverage[0].protected == 4

    clock.advance(days=7)
    later = dashboard.dashboard(ctx, officer)
    assert later.period("today").enrolments == 0 and later.period("week").enrolments == 0
    assert later.period("month").enrolments == len(d.numbers)
    assert later.statuses.pending == 0  # nothing changes before 1 December

    clock.advance(days=16)  # Wednesday 16 December: December's contribution was due yesterday
    due_passed = dashboard.dashboard(ctx, officer)
    assert due_passed.statuses.pending == len(d.numbers)
    dashboard.refresh_statuses(ctx, officer)
    counts = dashboard.dashboard(ctx, officer).statuses.counts
    assert counts[CoverStatus.ARREARS] == 6 and counts[CoverStatus.ACTIVE] == 0
    # Still members (within the limit), but a BPU member in arrears gets his benefits only after
    # paying them: registered, no longer protected today.
    late = dashboard.dashboard(ctx, officer).coverage[0]
    assert (late.coverage.registered, late.coverage.covered, late.protected) == (344, 340, 0)


def test_coverage_arithmetic_and_percent_parsing() -> None:
    c = Coverage(workers=1_000_000, baseline_bp=3400, target_bp=5000, baseline_date=dt.date(2026, 1, 1),
                 enrolled_since=40_000, protected_since=40_000)  # fmt: skip
    assert (c.covered_at_baseline, c.target_count, c.covered, c.covered_bp) == (
        340_000,
        500_000,
        380_000,
        3800,
    )
    assert c.remaining == 120_000 and c.progress_bp == 2500
    assert Coverage(10, 0, 5000, dt.date(2026, 1, 1), 99, 99).covered == 10
    # Registered since the baseline is not protected: only the protected count toward coverage.
    part = Coverage(1000, 3400, 5000, dt.date(2026, 1, 1), enrolled_since=40, protected_since=25)
    assert (part.covered, part.registered, part.remaining) == (365, 380, 135)
    assert parse_percent("34", "x") == 3400 and parse_percent("34,5%", "x") == 3450
    assert isinstance(parse_percent("101", "x"), Issue) and isinstance(parse_percent("abc", "x"), Issue)
    assert format_bp(3450) == "34,5%" and format_bp(5000) == "50%" and format_bp(3425) == "34,25%"
