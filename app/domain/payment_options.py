"""What a payment may be, decided once: the ways of paying and which need a reference, whether a
temporary discount holds for the money a way of paying brings, and which months may be paid (the
schedule's run, 1/3/6/12 ahead, arrears first, at most a year ahead). Payment dialogs render a
:class:`PaymentOptions`; they never work any of it out themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from app.domain.contributions import MAX_MONTHS, quote_months
from app.domain.cover import MAX_AHEAD, CoverKind, CoverState
from app.domain.issues import DomainError
from app.domain.months import Month
from app.domain.payment_methods import (
    METHOD_LABELS,
    PAYMENT_METHODS,
    discount_allowed,
    funding_paid_by,
    reference_required,
)
from app.domain.quote import Quote
from app.domain.rates import RateBook

MONTH_COUNTS = (1, 3, 6, 12)  # the usual runs paid ahead at a counter


class MonthsKind(StrEnum):
    """How the months of a payment are offered: the schedule's run, a count, or a number typed."""

    SCHEDULE = "SCHEDULE"  # the schedule's next run: what is owed up to now, or up to the next harvest
    COUNT = "COUNT"  # a number of months from the first month owed
    CUSTOM = "CUSTOM"  # a number the officer types, between the minimum and the maximum


@dataclass(frozen=True, slots=True)
class MonthChoice:
    """One choice of months the payment dialog offers."""

    kind: MonthsKind
    count: int | None = None  # COUNT only
    months: tuple[Month, ...] = ()  # SCHEDULE only: the months of the run


@dataclass(frozen=True, slots=True)
class MethodOption:
    """One way of paying, with whether it needs a reference and whether a discount applies."""

    code: str
    label: str
    reference_required: bool
    funding: str  # the funding the price uses when paid this way
    discount_allowed: bool  # a temporary discount may apply to this money
    discount_withheld: bool = False  # the member's own money would get a discount this way does not


@dataclass(frozen=True, slots=True)
class PaymentOptions:
    """The decision a payment dialog renders."""

    methods: tuple[MethodOption, ...]
    month_choices: tuple[MonthChoice, ...]
    min_months: int = 1
    max_months: int = MAX_MONTHS
    first_month: Month | None = None  # the earliest month a payment may cover
    last_month: Month | None = None  # the furthest month ahead a payment may cover
    arrears: int = 0  # months owed; a member's own payment starts with them
    arrears_first: bool = False
    quotes: Mapping[str, Quote] = field(
        default_factory=lambda: MappingProxyType({})
    )  # per method, when fixed

    @property
    def default_method(self) -> str:
        return self.methods[0].code

    def method(self, code: str) -> MethodOption:
        for m in self.methods:
            if m.code == code:
                return m
        raise KeyError(code)

    def needs_reference(self, code: str) -> bool:
        return self.method(code).reference_required

    def quote_for(self, method: str) -> Quote | None:
        return self.quotes.get(method)


def method_options(funding: str, *, withheld: frozenset[str] = frozenset()) -> tuple[MethodOption, ...]:
    """Every way of paying, cash first (the default). ``withheld``: the ways of paying whose money
    loses a discount the member's own money gets on the months being paid."""
    options = []
    for code in PAYMENT_METHODS:
        paid_as = funding_paid_by(funding, code)
        allowed = discount_allowed(paid_as)
        options.append(
            MethodOption(
                code=code,
                label=METHOD_LABELS[code],
                reference_required=reference_required(code),
                funding=paid_as,
                discount_allowed=allowed,
                discount_withheld=code in withheld,
            )
        )
    return tuple(options)


def payment_options(state: CoverState | None, *, funding: str, today: dt.date) -> PaymentOptions:
    """A member's payment at the counter. ``state`` is None when no cover can be computed (no rate
    for the segment yet): the usual choices, and the service refuses what it cannot price."""
    counts = tuple(MonthChoice(MonthsKind.COUNT, n) for n in MONTH_COUNTS if n <= MAX_MONTHS)
    custom = MonthChoice(MonthsKind.CUSTOM)
    last = Month.of(today).plus(MAX_AHEAD)
    if state is None:
        return PaymentOptions(method_options(funding), (*counts, custom), last_month=last)
    run = (MonthChoice(MonthsKind.SCHEDULE, months=state.next_months),) if state.next_months else ()
    package = state.kind is CoverKind.PACKAGE
    return PaymentOptions(
        methods=method_options(funding),
        month_choices=(*run, *counts, custom),
        first_month=state.payable_from,
        last_month=last,
        arrears=len(state.arrears),
        arrears_first=bool(state.arrears) and not package,
    )


def enrolment_payment_options(book: RateBook | None, quote: Quote | None) -> PaymentOptions:
    """The first payment right after enrolment: the months chosen on the form, priced for every way of
    paying (APBD money is priced as APBD-funded, without the discount the member's own money gets)."""
    if quote is None:
        return PaymentOptions(method_options("MANDIRI"), ())
    funding = quote.input.funding
    quotes: dict[str, Quote] = {}
    for code in PAYMENT_METHODS:
        inp = quote.input.paid_by(code)
        priced = quote
        if inp != quote.input and book is not None:
            try:
                priced = quote_months(book, inp, quote.months, quote.schedule)
            except DomainError:
                priced = quote  # the service prices it when recording, and says why if it cannot
        quotes[code] = priced
    withheld = frozenset(code for code, q in quotes.items() if q.discount_total < quote.discount_total)
    months = (MonthChoice(MonthsKind.COUNT, len(quote.months)),)
    return PaymentOptions(
        methods=method_options(funding, withheld=withheld),
        month_choices=months,
        min_months=len(quote.months),
        max_months=len(quote.months),
        first_month=quote.months[0] if quote.months else None,
        last_month=quote.months[-1] if quote.months else None,
        quotes=MappingProxyType(quotes),
    )
