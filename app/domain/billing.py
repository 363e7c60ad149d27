"""What a payment of chosen months costs a member now: only the programme-months not yet paid,
with the late fine on those paid after their due date (PU), and any credit set against it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.domain.contributions import quote_months
from app.domain.cover import CoverRules, Ledger
from app.domain.fines import FineLine, fine_line
from app.domain.months import Month
from app.domain.quote import Quote, QuoteInput, QuoteLine
from app.domain.rates import RateBook
from app.domain.schedule import MONTHLY, Schedule
from app.domain.workdays import WorkingCalendar


def only_lines(quote: Quote, lines: Sequence[QuoteLine]) -> Quote:
    """The quote restricted to ``lines`` (totals and months recomputed)."""
    months = tuple(sorted({ln.month for ln in lines}))
    gross = sum(ln.gross for ln in lines)
    discount = sum(ln.discount for ln in lines)
    return replace(
        quote,
        months=months,
        lines=tuple(lines),
        gross_total=gross,
        discount_total=discount,
        total=gross - discount,
    )


def unpaid_only(quote: Quote, ledger: Ledger, owed: Sequence[str]) -> Quote:
    """Drop the lines of programme-months already paid. A programme without months of its own
    (JKP, carved out of JKK) follows the line it is carved from."""
    keep: list[QuoteLine] = []
    for ln in quote.lines:
        code = ln.programme if ln.programme in owed else "JKK"
        if ledger.paid(code, ln.month) is None:
            keep.append(ln)
    if len(keep) == len(quote.lines):
        return quote
    return only_lines(quote, keep)


def late_fines(
    quote: Quote,
    rules: CoverRules,
    book: RateBook,
    *,
    calendar: WorkingCalendar,
    paid_on: dt.date,
) -> tuple[FineLine, ...]:
    """The fine on every line paid after its due date, for segments whose table states one."""
    out: list[FineLine] = []
    for ln in quote.lines:
        rate = book.late_fine(rules.segment, ln.month)
        if not rate or ln.programme not in rules.due:
            continue
        due = rules.due_of(ln.programme, ln.month, calendar).actual
        line = fine_line(ln.month, ln.programme, ln.amount, due, paid_on, rate)
        if line is not None:
            out.append(line)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Bill:
    """A priced payment: the quote (with fines) and the months it pays."""

    quote: Quote

    @property
    def months(self) -> tuple[Month, ...]:
        return self.quote.months

    @property
    def total(self) -> int:
        return self.quote.total


def bill(
    book: RateBook,
    inp: QuoteInput,
    months: Sequence[Month],
    *,
    ledger: Ledger,
    rules: CoverRules,
    calendar: WorkingCalendar,
    paid_on: dt.date,
    owed: Sequence[str],
    schedule: Schedule = MONTHLY,
) -> Bill:
    """Price ``months`` for a member on ``paid_on``: unpaid programme-months only, plus late fines."""
    q = unpaid_only(quote_months(book, inp, months, schedule), ledger, owed)
    return Bill(q.with_fines(late_fines(q, rules, book, calendar=calendar, paid_on=paid_on)))


def transition_credit(book: RateBook, inp: QuoteInput, ledger: Ledger, *, used: int) -> int:
    """PP 50/2025 art. 6: a member who paid the full JKK/JKM for a month the discount now covers has
    the overpayment credited to the next months' JKK/JKM. Paid months are repriced with the tables
    in force and the funding each was paid with (APBD money gets no discount); a month paid at the
    undiscounted amount that is now discounted gives its discount as credit. ``used`` is the
    credit already set against earlier payments."""
    paid = [p for code in ("JKK", "JKM") for p in ledger.items.get(code, {}).values()]
    in_window = [
        p
        for p in paid
        if any(
            inp.segment in d.segments and d.first <= p.month <= d.last
            for t in book.tables
            for d in t.discounts
        )
    ]
    if not in_window:
        return 0
    credit = 0
    for method in sorted({p.method for p in in_window}):
        group = {(p.programme, p.month): p.amount for p in in_window if p.method == method}
        now = quote_months(book, inp.paid_by(method), tuple(sorted({m for _, m in group})))
        for ln in now.lines:
            amount = group.get((ln.programme, ln.month))
            if amount is not None and ln.discount and amount >= ln.gross:
                credit += amount - ln.amount
    return max(0, credit - used)


def apply_credit(quote: Quote, credit: int) -> Quote:
    """Set ``credit`` against the JKK and JKM of this payment (never its JHT, never below zero)."""
    if credit <= 0:
        return quote
    core = sum(ln.amount for ln in quote.lines if ln.programme in ("JKK", "JKM"))
    return quote.with_credit(min(credit, core))
