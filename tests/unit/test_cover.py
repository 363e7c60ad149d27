"""The cover model: due dates, status, arrears, fines and harvest runs — known figures and properties."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.billing import bill
from app.domain.cover import (
    CoverRules,
    CoverState,
    CoverStatus,
    Ledger,
    PaidMonth,
    cover_on,
    cover_state,
)
from app.domain.cover_text import headline, sentences
from app.domain.fines import delay_months, fine_line
from app.domain.months import Month, month_range
from app.domain.quote import QuoteInput
from app.domain.rates import RateBook
from app.domain.schedule import MONTHLY, Schedule
from app.domain.workdays import WEEKENDS_ONLY, WorkingCalendar
from app.infra.holidays import holiday_lookup
from app.infra.rates import shipped_rate_tables

BOOK = RateBook.of(shipped_rate_tables())
BPU = BOOK.cover_rules("BPU", Month(2026, 12))
PU = BOOK.cover_rules("PU", Month(2026, 12))
PMI = BOOK.cover_rules("PMI", Month(2026, 12))
CALENDAR = WorkingCalendar(holiday_lookup(joint_leave=True))
NO_JOINT_LEAVE = WorkingCalendar(holiday_lookup(joint_leave=False))
CORE = ("JKK", "JKM")


def paid(
    months: list[Month] | tuple[Month, ...], on: dt.date | None = None, programmes: tuple[str, ...] = CORE
) -> Ledger:
    return Ledger.of(PaidMonth(p, m, on or m.first_day(), f"TBI-{m}", 1) for m in months for p in programmes)


def span(a: str, b: str) -> tuple[Month, ...]:
    return month_range(Month.parse(a), Month.parse(b))


NOTHING = Ledger()


def state(
    rules: CoverRules = BPU, ledger: Ledger = NOTHING, on: dt.date = dt.date(2026, 12, 7), **kw: Any
) -> CoverState:
    kw.setdefault("calendar", CALENDAR)
    return cover_state(rules, ledger, programmes=kw.pop("programmes", CORE), on=on, **kw)


# --- due dates --------------------------------------------------------------------------------------


def test_due_dates_per_segment_and_programme() -> None:
    # BPU JKK/JKM by the 15th of the month itself; BPU JHT and PU by the 15th of the next month.
    assert BPU.due_of("JKK", Month(2026, 12), CALENDAR).actual == dt.date(2026, 12, 15)
    assert BPU.due_of("JHT", Month(2026, 12), CALENDAR).actual == dt.date(2027, 1, 15)
    assert PU.due_of("JKK", Month(2026, 12), CALENDAR).actual == dt.date(2027, 1, 15)


def test_a_due_date_on_a_weekend_and_a_holiday_moves_to_the_next_working_day() -> None:
    # 15 August 2026 is a Saturday; Monday the 17th is Independence Day: due Tuesday the 18th.
    due = BPU.due_of("JKK", Month(2026, 8), CALENDAR)
    assert (due.nominal, due.actual, due.moved_because) == (
        dt.date(2026, 8, 15),
        dt.date(2026, 8, 18),
        "Sabtu",
    )
    # PP 45/2015 art. 30 gives JP no holiday clause: a PU July JP contribution stays due on the 15th.
    assert PU.due_of("JP", Month(2026, 7), CALENDAR).actual == dt.date(2026, 8, 15)
    assert PU.due_of("JKK", Month(2026, 7), CALENDAR).actual == dt.date(2026, 8, 18)


def test_a_due_date_over_idul_fitri() -> None:
    # 15 March 2027 is a cuti bersama day of Idul Fitri: counted (the branch's setting) it moves a day.
    assert BPU.due_of("JKK", Month(2027, 3), CALENDAR).actual == dt.date(2027, 3, 16)
    assert BPU.due_of("JKK", Month(2027, 3), NO_JOINT_LEAVE).actual == dt.date(2027, 3, 15)
    # Idul Fitri 2029 falls on 15–16 February (estimated), then a weekend: due Monday the 19th.
    due = BPU.due_of("JKK", Month(2029, 2), CALENDAR)
    assert due.actual == dt.date(2029, 2, 19) and "Idul Fitri" in (due.moved_because or "")
    # Not in arrears on the holidays in between.
    jan = paid(span("2028-10", "2029-01"))
    assert state(ledger=jan, on=dt.date(2029, 2, 19)).status is CoverStatus.ACTIVE
    assert state(ledger=jan, on=dt.date(2029, 2, 20)).status is CoverStatus.ARREARS


def test_a_supervisor_override_makes_a_day_a_holiday_or_a_working_day() -> None:
    late_decree = WorkingCalendar(holiday_lookup(joint_leave=False), {dt.date(2027, 4, 15): "Libur daerah"})
    assert BPU.due_of("JKK", Month(2027, 4), late_decree).actual == dt.date(2027, 4, 16)
    worked = WorkingCalendar(holiday_lookup(joint_leave=True), {dt.date(2027, 3, 15): None})
    assert BPU.due_of("JKK", Month(2027, 3), worked).actual == dt.date(2027, 3, 15)


# --- status ---------------------------------------------------------------------------------------------


def test_a_bpu_month_is_not_in_arrears_before_its_due_date() -> None:
    through_nov = paid(span("2026-06", "2026-11"))
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 7), dt.date(2026, 12, 15)):
        s = state(ledger=through_nov, on=day)
        assert s.status is CoverStatus.ACTIVE and not s.arrears, day
        assert s.next_months == (Month(2026, 12),) and s.next_due is not None
        assert s.next_due.actual == dt.date(2026, 12, 15)
    s = state(ledger=through_nov, on=dt.date(2026, 12, 16))
    assert s.status is CoverStatus.ARREARS and [a.month for a in s.arrears] == [Month(2026, 12)]


def test_a_pu_member_paid_through_november_is_active_on_7_december() -> None:
    s = state(PU, paid(span("2026-06", "2026-11")), dt.date(2026, 12, 7))
    assert s.status is CoverStatus.ACTIVE and s.next_due is not None
    assert s.next_due.actual == dt.date(2027, 1, 15)  # December is due on 15 January
    assert state(PU, paid(span("2026-06", "2026-11")), dt.date(2027, 1, 18)).status is CoverStatus.ARREARS


def test_an_enrolled_member_who_has_not_paid_is_not_yet_active() -> None:
    s = state(ledger=Ledger(), on=dt.date(2026, 12, 20))
    assert s.status is CoverStatus.NOT_ACTIVE and not s.arrears and not s.covered_today
    assert headline(s) == "Belum aktif: menunggu iuran pertama"
    assert s.payable_from == Month(2026, 12)


def test_bpu_arrears_up_to_three_months_then_the_membership_ends() -> None:
    ledger = paid(span("2026-10", "2026-12"))
    s = state(ledger=ledger, on=dt.date(2027, 2, 20))
    assert s.status is CoverStatus.ARREARS and [a.month for a in s.arrears] == [
        Month(2027, 1),
        Month(2027, 2),
    ]
    assert s.stay_active_by is not None and s.stay_active_by.actual == dt.date(2027, 4, 15)
    assert headline(s) == (
        "Menunggak 2 bulan (Januari 2027, Februari 2027) — bayar paling lambat 15 April 2027 agar tetap aktif"
    )
    assert state(ledger=ledger, on=dt.date(2027, 4, 15)).status is CoverStatus.ARREARS  # three months
    ended = state(ledger=ledger, on=dt.date(2027, 4, 16))
    assert ended.status is CoverStatus.ENDED and ended.period is not None
    assert ended.period.ended_on == dt.date(2027, 4, 16)
    assert ended.payable_from == Month(2027, 4)  # re-registration starts fresh
    # Paying again starts a new membership; the old months are not collected.
    again = Ledger.of([*_items(ledger), *_items(paid([Month(2027, 4)], dt.date(2027, 4, 20)))])
    s = state(ledger=again, on=dt.date(2027, 4, 20))
    assert s.status is CoverStatus.ACTIVE and s.period is not None and s.period.start == Month(2027, 4)
    assert not s.arrears
    assert "tunggakan lama tidak ditagih" in " ".join(sentences(ended))


def test_pu_arrears_are_never_written_off_and_beyond_three_months_the_employer_carries_benefits() -> None:
    s = state(PU, paid(span("2026-06", "2026-11")), dt.date(2027, 6, 1))
    assert s.status is CoverStatus.ARREARS and len(s.arrears) == 5 and s.beyond_grace
    assert s.stay_active_by is None
    assert "pemberi kerja menanggung manfaat" in " ".join(sentences(s))


def test_bpu_jht_is_owed_by_its_own_due_date() -> None:
    core_only = paid(span("2026-10", "2026-12"))
    s = state(ledger=core_only, on=dt.date(2027, 1, 10), programmes=("JKK", "JKM", "JHT"))
    # JHT for October and November were due on 15 November and 15 December; December's on 15 January.
    assert [(a.month, a.programmes) for a in s.arrears] == [
        (Month(2026, 10), ("JHT",)),
        (Month(2026, 11), ("JHT",)),
    ]


# --- fines ------------------------------------------------------------------------------------------------


def test_pu_fine_for_a_payment_two_months_late() -> None:
    """November 2026, due 15 December 2026; paid 15 February 2027: two months late, 2% each."""
    assert delay_months(dt.date(2026, 12, 15), dt.date(2026, 12, 15)) == 0
    assert delay_months(dt.date(2026, 12, 15), dt.date(2026, 12, 16)) == 1
    assert delay_months(dt.date(2026, 12, 15), dt.date(2027, 2, 15)) == 2
    assert delay_months(dt.date(2026, 12, 15), dt.date(2027, 2, 16)) == 3
    inp = QuoteInput("PU", 5_000_000, ("JKK", "JKM", "JHT"), funding="PEMBERI_KERJA", risk_class=1)
    b = bill(
        BOOK,
        inp,
        (Month(2026, 11),),
        ledger=Ledger(),
        rules=PU,
        calendar=CALENDAR,
        paid_on=dt.date(2027, 2, 15),
        owed=("JKK", "JKM", "JHT"),
    )
    fines = {f.programme: (f.contribution, f.months_late, f.amount) for f in b.quote.fines}
    assert fines == {"JKK": (12_000, 2, 480), "JKM": (15_000, 2, 600), "JHT": (285_000, 2, 11_400)}
    assert b.quote.fine_total == 12_480 and b.total == 312_000 + 12_480
    line = fine_line(
        Month(2026, 11), "JP", 150_000, dt.date(2026, 12, 15), dt.date(2026, 12, 10), Fraction(1, 50)
    )
    assert line is None  # on time: no fine


def test_bpu_pays_no_fine() -> None:
    inp = QuoteInput("BPU", 1_000_000, CORE, flags=frozenset({"bpu_mandiri"}))
    b = bill(
        BOOK,
        inp,
        (Month(2027, 1),),
        ledger=Ledger(),
        rules=BPU,
        calendar=CALENDAR,
        paid_on=dt.date(2027, 3, 30),
        owed=CORE,
    )
    assert b.quote.fines == () and b.total == 16_800


# --- protection on a date -------------------------------------------------------------------------------


def test_was_he_protected_on_the_day_of_the_accident() -> None:
    ledger = paid(span("2026-06", "2026-11"), dt.date(2026, 6, 1))
    answer = cover_on(BPU, ledger, programmes=CORE, day=dt.date(2026, 11, 20), calendar=CALENDAR)
    assert answer.covered and answer.paid is not None and answer.paid.receipt_no == "TBI-2026-11"
    # December not yet paid on the 3rd: benefits once it is settled (PP 44/2015 art. 39).
    answer = cover_on(BPU, ledger, programmes=CORE, day=dt.date(2026, 12, 3), calendar=CALENDAR)
    assert not answer.covered and answer.conditional
    # Before the first payment: not a member yet.
    answer = cover_on(BPU, ledger, programmes=CORE, day=dt.date(2026, 5, 20), calendar=CALENDAR)
    assert not answer.covered and answer.state.status is CoverStatus.NOT_ACTIVE
    # After the membership ended.
    answer = cover_on(BPU, ledger, programmes=CORE, day=dt.date(2027, 5, 1), calendar=CALENDAR)
    assert not answer.covered and not answer.conditional and answer.state.status is CoverStatus.ENDED
    # PU: within three months BPJS pays; beyond, the employer pays first.
    assert cover_on(PU, ledger, programmes=CORE, day=dt.date(2027, 1, 20), calendar=CALENDAR).covered
    far = cover_on(PU, ledger, programmes=CORE, day=dt.date(2027, 6, 20), calendar=CALENDAR)
    assert not far.covered and far.conditional


def test_a_membership_is_never_backdated() -> None:
    # First paid on 10 March for March: on 1 March he was not yet a member.
    ledger = paid([Month(2027, 3)], dt.date(2027, 3, 10))
    answer = cover_on(BPU, ledger, programmes=CORE, day=dt.date(2027, 3, 1), calendar=CALENDAR)
    assert answer.state.status is CoverStatus.NOT_ACTIVE and not answer.covered


# --- harvest schedules ---------------------------------------------------------------------------------


HARVEST = Schedule(frozenset({3, 4, 9, 10}))


def test_a_harvest_farmer_pays_at_harvest_and_is_covered_every_month() -> None:
    ledger = Ledger()
    day = dt.date(2026, 3, 2)
    history: list[PaidMonth] = []
    while day < dt.date(2028, 3, 1):
        s = state(ledger=ledger, on=day, schedule=HARVEST, calendar=CALENDAR)
        assert s.status is not CoverStatus.ARREARS, day
        if (s.next_due is not None and s.next_due.actual == day) or s.status is CoverStatus.NOT_ACTIVE:
            history += [PaidMonth(p, m, day, f"TBI-{m}", 1) for m in s.next_months for p in CORE]
            ledger = Ledger.of(history)
        day += dt.timedelta(days=1)
    covered = sorted({p.month for p in history})
    assert covered == list(month_range(covered[0], covered[-1]))  # no month without protection
    payment_days = sorted({p.paid_on.month for p in history})
    assert set(payment_days) <= {3, 4, 9, 10}


def test_a_missed_harvest_payment_makes_the_following_months_arrears() -> None:
    ledger = paid(span("2026-10", "2027-02"))  # the October run
    s = state(ledger=ledger, on=dt.date(2027, 3, 10), schedule=HARVEST)
    assert s.status is CoverStatus.ACTIVE and s.next_months == (Month(2027, 3),)
    s = state(ledger=ledger, on=dt.date(2027, 4, 20), schedule=HARVEST)
    assert s.status is CoverStatus.ARREARS and [a.month for a in s.arrears] == [
        Month(2027, 3),
        Month(2027, 4),
    ]
    # The next payment settles them and runs on to the next harvest.
    assert s.next_months == span("2027-03", "2027-03")
    s = state(ledger=paid(span("2026-10", "2027-03")), on=dt.date(2027, 4, 20), schedule=HARVEST)
    assert s.next_months == span("2027-04", "2027-08")


# --- properties --------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.frozensets(st.integers(min_value=1, max_value=12), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=700),
)
def test_payments_on_schedule_leave_no_month_uncovered(
    harvest: frozenset[int], offset: int, horizon: int
) -> None:
    schedule = Schedule(harvest)
    start = dt.date(2025, 1, 1) + dt.timedelta(days=offset)
    history: list[PaidMonth] = []
    ledger = Ledger()
    day = start
    while day <= start + dt.timedelta(days=horizon):
        s = state(ledger=ledger, on=day, schedule=schedule, calendar=WEEKENDS_ONLY)
        assert s.status in (CoverStatus.NOT_ACTIVE, CoverStatus.ACTIVE), (day, s.arrears)
        due = s.next_due.actual if s.next_due else None
        if s.status is CoverStatus.NOT_ACTIVE or day == due:
            history += [PaidMonth(p, m, day, "TBI", 1) for m in s.next_months for p in CORE]
            ledger = Ledger.of(history)
        day += (
            dt.timedelta(days=7) if due is None or due - day > dt.timedelta(days=7) else dt.timedelta(days=1)
        )
    if history:
        months = sorted({p.month for p in history})
        assert months == list(month_range(months[0], months[-1]))


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(min_value=0, max_value=30), max_size=20),
    st.integers(min_value=0, max_value=1200),
    st.sampled_from(["BPU", "PU"]),
)
def test_status_never_counts_a_month_before_its_due_date(
    paid_idx: set[int], day_offset: int, segment: str
) -> None:
    rules = BPU if segment == "BPU" else PU
    base = Month(2025, 1)
    ledger = paid([base.plus(i) for i in sorted(paid_idx)], dt.date(2025, 1, 1))
    on = dt.date(2025, 1, 1) + dt.timedelta(days=day_offset)
    s = state(rules, ledger, on)
    for a in s.arrears:
        assert a.due.actual < on
        for p in a.programmes:
            assert rules.due_of(p, a.month, CALENDAR).actual < on
    if s.status is CoverStatus.ARREARS and rules is BPU:
        # More than three months in a row would have ended the membership.
        run = longest = 0
        owed = {a.month for a in s.arrears}
        for m in month_range(min(owed), max(owed)):
            run = run + 1 if m in owed else 0
            longest = max(longest, run)
        assert longest <= BPU.grace_months


def _items(ledger: Ledger) -> list[PaidMonth]:
    return [p for months in ledger.items.values() for p in months.values()]


def test_monthly_payer_next_payment_brings_him_up_to_date() -> None:
    s = state(ledger=paid(span("2026-06", "2026-09")), on=dt.date(2026, 12, 7), schedule=MONTHLY)
    assert [a.month for a in s.arrears] == [Month(2026, 10), Month(2026, 11)]
    assert s.next_months == span("2026-10", "2026-12")  # December falls due this month too


def test_a_pu_member_owes_from_registration_not_from_a_first_payment() -> None:
    registered = dt.date(2026, 12, 7)
    s = state(PU, NOTHING, dt.date(2026, 12, 20), registered=registered)
    assert s.status is CoverStatus.ACTIVE and s.payable_from == Month(2026, 12) and s.paid_through is None
    assert s.next_due is not None and s.next_due.actual == dt.date(2027, 1, 15)
    s = state(PU, NOTHING, dt.date(2027, 2, 16), registered=registered)
    assert s.status is CoverStatus.ARREARS and [a.month for a in s.arrears] == [
        Month(2026, 12),
        Month(2027, 1),
    ]
    assert s.payable_from == Month(2026, 12)
    # A BPU member, by contrast, is not a member until his first payment.
    assert state(BPU, NOTHING, dt.date(2027, 2, 16), registered=registered).status is CoverStatus.NOT_ACTIVE
