"""Tutup Hari decided without Qt: the panel shown, when a close may start, what is missing, the rows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast

from app.domain.cash import CashCount
from app.domain.day_summary.figures import DaySummary, OfficerTakings
from app.services.day import DayStatusDTO
from app.services.day_flow import DayCloseFlow, DayPanel, Missing, officer_lines

DAY = dt.date(2026, 11, 23)


def test_an_open_day_offers_the_close_once_at_a_time_and_a_closed_one_the_reopen() -> None:
    flow = DayCloseFlow()
    assert flow.panel is DayPanel.CLOSE and flow.can_close  # before the status is read
    flow.status = DayStatusDTO(DAY, closed=False, history=())
    flow.closing = True
    assert not flow.can_close  # a second Ctrl+Enter while the first close runs does nothing
    flow.closing = False
    flow.status = DayStatusDTO(DAY, closed=True, history=())
    assert flow.panel is DayPanel.REOPEN and not flow.can_close
    assert flow.can_reopen
    flow.reopening = True
    assert not flow.can_reopen


def test_a_close_needs_the_password() -> None:
    flow = DayCloseFlow()
    assert flow.close_missing("") is Missing.PASSWORD
    assert flow.close_missing("rahasia") is Missing.NOTHING


def test_a_reopen_needs_a_real_reason_before_the_password() -> None:
    flow = DayCloseFlow()
    assert flow.reopen_missing("", "") is Missing.REASON
    assert flow.reopen_missing("  a   b  ", "pw") is Missing.REASON  # "a b": 3 characters once tidied
    assert flow.reopen_missing("salah hitung", "") is Missing.PASSWORD
    assert flow.reopen_missing("salah hitung", "pw") is Missing.NOTHING


def _summary(enrolled_by: list[str], takings: list[OfficerTakings], counts: list[CashCount]) -> DaySummary:
    fake: Any = SimpleNamespace(
        figures=SimpleNamespace(
            enrolments=[SimpleNamespace(officer=o) for o in enrolled_by], takings=takings
        ),
        cash_counts=counts,
    )
    return cast(DaySummary, fake)


def test_officer_lines_put_the_busiest_enroller_first_and_keep_those_who_only_took_money() -> None:
    ani = OfficerTakings("ani", (("cash", 33_600),), 1)
    lines = officer_lines(
        _summary(["budi", "siti", "budi"], [ani], [CashCount("ani", 33_600, 30_000, "kurang")])
    )
    assert [(line.officer, line.enrolments) for line in lines] == [("budi", 2), ("siti", 1), ("ani", 0)]
    assert lines[0].takings is None and lines[0].count is None
    assert lines[2].takings is ani and lines[2].count is not None and lines[2].count.difference == -3_600


def test_a_day_without_enrolments_or_takings_has_no_lines() -> None:
    assert officer_lines(_summary([], [], [])) == []
