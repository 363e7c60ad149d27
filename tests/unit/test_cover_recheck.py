"""The status index keeps a member's status until ``recheck_on``: on no day before it may
``cover_state`` answer differently with the same payments (property test over BPU, PU and PMI)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.cover import CoverState, Ledger, PaidMonth, cover_state
from app.domain.cover_recheck import recheck_on
from app.domain.months import Month
from tests.unit.test_cover import BPU, CALENDAR, CORE, PMI, PU

RULES = {"BPU": BPU, "PU": PU, "PMI": PMI}


def _answer(s: CoverState) -> tuple[object, ...]:
    return (s.status, s.covered_today, tuple(a.month for a in s.arrears), s.paid_through, s.beyond_grace)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=40), max_size=20
    ),
    st.integers(min_value=0, max_value=1000),
    st.sampled_from(sorted(RULES)),
)
def test_the_status_holds_until_the_recheck_day(
    paid_idx: dict[int, int], day_offset: int, segment: str
) -> None:
    rules = RULES[segment]
    base = Month(2025, 1)
    on = dt.date(2025, 1, 1) + dt.timedelta(days=day_offset)
    # Months paid on some day near their start; only payments made by ``on`` are known then.
    items = [
        PaidMonth(p, base.plus(i), base.plus(i).first_day() + dt.timedelta(days=late), "TBI", 1)
        for i, late in paid_idx.items()
        for p in CORE
    ]
    ledger = Ledger.of(x for x in items if x.paid_on <= on)
    registered = dt.date(2025, 1, 2)
    programmes = ("JKK", "JKM") if segment != "PU" else ("JKK", "JKM", "JHT")

    def at(day: dt.date) -> CoverState:
        return cover_state(
            rules, ledger, programmes=programmes, on=day, calendar=CALENDAR, registered=registered
        )

    first = at(on)
    until = recheck_on(rules, first, CALENDAR)
    assert on < until <= Month.of(on).plus(1).first_day()
    day = on
    while day < until:
        assert _answer(at(day)) == _answer(first), (day, until)
        day += dt.timedelta(days=1)


def test_a_bpu_member_falls_into_arrears_the_day_after_the_due_date() -> None:
    ledger = Ledger.of(PaidMonth(p, Month(2026, 11), dt.date(2026, 11, 3), "TBI", 1) for p in CORE)
    s = cover_state(BPU, ledger, programmes=CORE, on=dt.date(2026, 12, 7), calendar=CALENDAR)
    assert recheck_on(BPU, s, CALENDAR) == dt.date(2026, 12, 16)  # Tuesday 15 December is a working day
    later = cover_state(BPU, ledger, programmes=CORE, on=dt.date(2026, 12, 16), calendar=CALENDAR)
    assert later.status != s.status
