"""The payment decision without Qt: ways of paying and their references, the discount by funding, and the
months a payment may cover (schedule run, arrears first, a year ahead at most)."""

from __future__ import annotations

import datetime as dt

from app.domain.contributions import MAX_MONTHS, quote
from app.domain.cover import MAX_AHEAD, Arrear, CoverKind, CoverState, CoverStatus
from app.domain.months import Month
from app.domain.payment_methods import PAYMENT_METHODS, discount_allowed, funding_paid_by, reference_required
from app.domain.payment_options import (
    MonthsKind,
    enrolment_payment_options,
    method_options,
    payment_options,
)
from app.domain.quote import QuoteInput
from app.domain.rates import RateBook
from app.domain.schedule import MONTHLY
from app.domain.workdays import DueDate
from app.infra.rates import shipped_rate_tables

BOOK = RateBook.of(shipped_rate_tables())
TODAY = dt.date(2026, 4, 15)


def _state(
    *, arrears: int = 0, next_months: tuple[Month, ...] = (), kind: CoverKind = CoverKind.MONTHLY
) -> CoverState:
    owed = tuple(
        Arrear(
            Month(2026, 1).plus(i),
            DueDate(Month(2026, 2).plus(i).first_day(), Month(2026, 2).plus(i).first_day(), None),
            ("JKK", "JKM"),
        )
        for i in range(arrears)
    )
    return CoverState(
        as_of=TODAY,
        segment="BPU",
        kind=kind,
        status=CoverStatus.ARREARS if arrears else CoverStatus.ACTIVE,
        period=None,
        paid_through=None,
        covered_today=not arrears,
        arrears=owed,
        stay_active_by=None,
        beyond_grace=False,
        payable_from=Month(2026, 1) if arrears else Month(2026, 4),
        next_months=next_months,
        next_due=None,
        schedule=MONTHLY,
        grace_months=3,
    )


def test_only_cash_needs_no_reference() -> None:
    assert [m.code for m in method_options("MANDIRI")] == list(PAYMENT_METHODS)
    assert {m.code: m.reference_required for m in method_options("MANDIRI")} == {
        "cash": False,
        "transfer": True,
        "apbd": True,
        "employer": True,
    }
    assert all(reference_required(m) == (m != "cash") for m in PAYMENT_METHODS)


def test_apbd_money_counts_as_apbd_funding_and_gets_no_discount() -> None:
    assert funding_paid_by("MANDIRI", "apbd") == "APBD"
    assert funding_paid_by("MANDIRI", "cash") == "MANDIRI"
    assert funding_paid_by("APBN", "apbd") == "APBN"
    assert not discount_allowed("APBD") and not discount_allowed("APBN") and discount_allowed("CSR")
    by_code = {m.code: m for m in method_options("MANDIRI")}
    assert by_code["apbd"].funding == "APBD" and not by_code["apbd"].discount_allowed
    assert by_code["cash"].discount_allowed


def test_a_member_without_arrears_chooses_a_run_or_a_count() -> None:
    run = (Month(2026, 4), Month(2026, 5))
    opts = payment_options(_state(next_months=run), funding="MANDIRI", today=TODAY)
    kinds = [c.kind for c in opts.month_choices]
    assert kinds == [MonthsKind.SCHEDULE, *[MonthsKind.COUNT] * 4, MonthsKind.CUSTOM]
    assert [c.count for c in opts.month_choices if c.kind is MonthsKind.COUNT] == [1, 3, 6, 12]
    assert opts.month_choices[0].months == run
    assert (opts.min_months, opts.max_months) == (1, MAX_MONTHS)
    assert opts.last_month == Month(2026, 4).plus(MAX_AHEAD)
    assert not opts.arrears_first and opts.default_method == "cash"


def test_arrears_are_paid_first_from_the_oldest_month() -> None:
    opts = payment_options(_state(arrears=3), funding="MANDIRI", today=TODAY)
    assert opts.arrears == 3 and opts.arrears_first
    assert opts.first_month == Month(2026, 1)
    assert MonthsKind.SCHEDULE not in {c.kind for c in opts.month_choices}  # the schedule has no run


def test_a_package_member_may_pay_without_arrears_first() -> None:
    opts = payment_options(_state(arrears=2, kind=CoverKind.PACKAGE), funding="MANDIRI", today=TODAY)
    assert not opts.arrears_first


def test_without_a_cover_the_usual_choices_remain() -> None:
    opts = payment_options(None, funding="MANDIRI", today=TODAY)
    assert [c.kind for c in opts.month_choices][-1] is MonthsKind.CUSTOM
    assert opts.first_month is None and opts.needs_reference("transfer")


def test_enrolment_prices_every_way_of_paying_and_flags_a_lost_discount() -> None:
    inp = QuoteInput("BPU", 1_000_000, ("JKK", "JKM"), flags=frozenset({"bpu_mandiri"}))
    base = quote(BOOK, inp, Month(2026, 4), 3)  # PP 50/2025 discount months
    assert base.discount_total > 0
    opts = enrolment_payment_options(BOOK, base)
    assert opts.quote_for("cash") == base and opts.quote_for("transfer") == base
    apbd = opts.quote_for("apbd")
    assert apbd is not None and apbd.discount_total == 0 and apbd.total > base.total
    assert [m.code for m in opts.methods if m.discount_withheld] == ["apbd"]
    assert (opts.min_months, opts.max_months) == (3, 3)


def test_enrolment_outside_discount_months_flags_nothing() -> None:
    inp = QuoteInput("BPU", 1_000_000, ("JKK", "JKM"), flags=frozenset({"bpu_mandiri"}))
    base = quote(BOOK, inp, Month(2027, 6), 1)
    opts = enrolment_payment_options(BOOK, base)
    assert not any(m.discount_withheld for m in opts.methods)
    assert opts.quote_for("apbd") is not None and opts.quote_for("apbd").total == base.total  # type: ignore[union-attr]


def test_nothing_due_at_enrolment_offers_no_quote() -> None:
    opts = enrolment_payment_options(BOOK, None)
    assert opts.month_choices == () and opts.quote_for("cash") is None
