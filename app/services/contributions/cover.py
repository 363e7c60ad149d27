"""A member's cover, today or on any date: the one answer every page, paper and command shows.

The facts are read here (paid programme-months, enrolment, schedule, rate book, calendar) and
handed to ``app.domain.cover``; the money (arrears, fines, the next payment) is priced with
``app.domain.billing``. Nothing else computes a status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from app.db.models import Enrolment, Member
from app.domain.billing import Bill, bill
from app.domain.cover import (
    STATUS_LABELS,
    CoverKind,
    CoverOnDate,
    CoverRules,
    CoverState,
    CoverStatus,
    Ledger,
    PaidMonth,
    Starts,
    cover_on,
    cover_state,
)
from app.domain.cover_text import Amounts, headline, on_date_reason, sentences
from app.domain.issues import DomainError
from app.domain.months import Month
from app.domain.quote import QuoteInput
from app.domain.rates import RateBook
from app.domain.schedule import Schedule
from app.domain.workdays import WorkingCalendar
from app.services.context import ServiceContext
from app.services.contribution_dto import ArrearDTO, CoverDTO, CoverOnDateDTO
from app.services.contributions.lookup import (
    calendar_of,
    credit_used_of,
    enrolment_of,
    ledger_of,
    member_by_key,
    quote_input_for,
    rate_book_of,
    schedule_of,
    today_at,
)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """Everything the cover of one member depends on, read in one transaction."""

    member: Member
    enrolment: Enrolment
    schedule: Schedule
    schedule_reason: str | None
    ledger: Ledger
    book: RateBook
    rules: CoverRules
    calendar: WorkingCalendar
    quote_input: QuoteInput
    owed: tuple[str, ...]  # enrolled programmes whose months are owed (JKP is not)
    today: dt.date
    credit_used: int = 0  # PP 50/2025 art. 6 credit already set against earlier payments

    def state(self, on: dt.date | None = None) -> CoverState:
        return cover_state(
            self.rules,
            self.ledger,
            programmes=self.owed,
            on=on or self.today,
            calendar=self.calendar,
            schedule=self.schedule,
            registered=self.enrolment.business_date,
        )

    def on_date(self, day: dt.date) -> CoverOnDate:
        return cover_on(
            self.rules,
            self.ledger,
            programmes=self.owed,
            day=day,
            calendar=self.calendar,
            schedule=self.schedule,
        )

    def with_paid(self, paid: Iterable[PaidMonth]) -> MemberFacts:
        """The same facts after these programme-months are paid (a receipt's "dilindungi s.d.")."""
        items = [p for months in self.ledger.items.values() for p in months.values()]
        return replace(self, ledger=Ledger.of([*items, *paid]))

    def price(self, months: tuple[Month, ...], *, paid_on: dt.date, method: str = "cash") -> Bill:
        return bill(
            self.book,
            self.quote_input.paid_by(method),
            months,
            ledger=self.ledger,
            rules=self.rules,
            calendar=self.calendar,
            paid_on=paid_on,
            owed=self.owed,
            schedule=self.schedule,
        )


def rules_for(book: RateBook, e: Enrolment, today: dt.date) -> CoverRules:
    """The segment's rules; a construction worker listed under a project is covered by the project's
    months, a package, not by months owed one by one."""
    rules = book.cover_rules(e.segment, Month.of(today))
    if e.project_id is not None:
        return replace(rules, kind=CoverKind.PACKAGE, starts=Starts.FIRST_PAYMENT)
    return rules


def member_facts(session: Session, ctx: ServiceContext, member: Member) -> MemberFacts:
    """Everything a member's cover and price depend on, read in one transaction."""
    e = enrolment_of(session, member)
    sched = schedule_of(session, member.id)
    book = rate_book_of(session)
    today = today_at(session, ctx)
    segment = book.table_for(Month.of(today)).segments[e.segment]
    programmes = tuple(p for p in e.programmes.split(",") if p)
    return MemberFacts(
        member=member,
        enrolment=e,
        schedule=sched.schedule,
        schedule_reason=sched.reason,
        ledger=ledger_of(session, member.id),
        book=book,
        rules=rules_for(book, e, today),
        calendar=calendar_of(session),
        quote_input=quote_input_for(ctx, e),
        owed=segment.owed_programmes(programmes),
        today=today,
        credit_used=credit_used_of(session, member.id),
    )


def _amounts(facts: MemberFacts, state: CoverState) -> tuple[tuple[ArrearDTO, ...], Amounts]:
    arrears: tuple[ArrearDTO, ...] = ()
    owed_total = fines = 0
    if state.arrears:
        b = facts.price(tuple(a.month for a in state.arrears), paid_on=state.as_of)
        per: dict[Month, int] = {}
        fine: dict[Month, int] = {}
        for ln in b.quote.lines:
            per[ln.month] = per.get(ln.month, 0) + ln.amount
        for f in b.quote.fines:
            fine[f.month] = fine.get(f.month, 0) + f.amount
        arrears = tuple(
            ArrearDTO(a.month, a.due.actual, a.programmes, per.get(a.month, 0), fine.get(a.month, 0))
            for a in state.arrears
        )
        owed_total, fines = sum(per.values()), sum(fine.values())
    nxt: int | None = None
    if state.next_months:
        try:
            nxt = facts.price(state.next_months, paid_on=state.as_of).total
        except DomainError:  # a month the tables cannot price (e.g. a JP cap not loaded): shown without
            nxt = None
    return arrears, Amounts(owed_total, fines, nxt)


def cover_dto(facts: MemberFacts, state: CoverState) -> CoverDTO:
    """A member's cover as the counter shows it: status, sentences, arrears and what is due next."""
    arrears, amounts = _amounts(facts, state)
    label = STATUS_LABELS[state.status]
    if state.status is CoverStatus.ARREARS:
        label += f" {len(state.arrears)} bulan"
    period = state.period
    return CoverDTO(
        member_number=facts.member.number,
        segment=facts.enrolment.segment,
        status=state.status.value,
        status_label=label,
        headline=headline(state),
        sentences=sentences(state, amounts),
        as_of=state.as_of,
        covered=state.covered_today,
        paid_through=state.paid_through,
        protected_until=state.protected_until,
        period_start=period.start if period else None,
        arrears=arrears,
        stay_active_by=state.stay_active_by.actual if state.stay_active_by else None,
        ended_on=period.ended_on if period and state.status is CoverStatus.ENDED else None,
        beyond_grace=state.beyond_grace,
        payable_from=state.payable_from,
        next_months=state.next_months,
        next_due_date=state.next_due.actual if state.next_due else None,
        next_amount=amounts.next_payment if state.kind is CoverKind.MONTHLY else None,
        schedule=state.schedule.encode(),
        schedule_label=state.schedule.label(),
        schedule_reason=facts.schedule_reason,
    )


def member_cover(ctx: ServiceContext, key: str, *, on: dt.date | None = None) -> CoverDTO:
    """The member's cover on ``on`` (default: the branch's business date today)."""

    def work(session: Session) -> CoverDTO:
        facts = member_facts(session, ctx, member_by_key(session, key))
        return cover_dto(facts, facts.state(on))

    return ctx.read(work)


def cover_on_date(ctx: ServiceContext, key: str, day: dt.date) -> CoverOnDateDTO:
    """ "Was he protected on the day of the accident?" for any date, past or future, with the reason."""

    def work(session: Session) -> CoverOnDateDTO:
        facts = member_facts(session, ctx, member_by_key(session, key))
        answer = facts.on_date(day)
        return CoverOnDateDTO(
            day=day,
            covered=answer.covered,
            conditional=answer.conditional,
            reason=on_date_reason(answer),
            receipt_no=answer.paid.receipt_no if answer.paid else None,
            cover=cover_dto(facts, answer.state),
        )

    return ctx.read(work)


def business_today(ctx: ServiceContext) -> dt.date:
    """The branch's business date now (the default date a cover question is asked for)."""
    return ctx.read(lambda s: today_at(s, ctx))
