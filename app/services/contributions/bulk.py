"""The cover of many members at once, read in a few queries: for the outreach list and the report of
statuses the new cover model changed. Each member's answer still comes from ``cover_state``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.contribution_models import ContributionSchedule, Payment, PaymentMonth
from app.db.models import Enrolment, Member
from app.domain.cover import Ledger, PaidMonth
from app.domain.months import Month
from app.domain.schedule import Schedule
from app.services.context import ServiceContext
from app.services.contributions.cover import MemberFacts, rules_for
from app.services.contributions.lookup import calendar_of, quote_input_for, rate_book_of, today_at

CHUNK = 900  # SQLite's bound-parameter limit leaves room for this many ids per IN (…)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def bulk_facts(session: Session, ctx: ServiceContext, members: Sequence[Member]) -> Iterator[MemberFacts]:
    """``MemberFacts`` for each member that has an enrolment, with the rate book, calendar and date
    read once."""
    book = rate_book_of(session)
    calendar = calendar_of(session)
    today = today_at(session, ctx)
    table = book.table_for(Month.of(today))
    ids = [m.id for m in members]
    enrolments: dict[int, Enrolment] = {}
    schedules: dict[int, tuple[str | None, str | None]] = {}
    paid: dict[int, list[PaidMonth]] = {}
    for chunk in _chunks(ids):
        for e in session.execute(
            select(Enrolment).where(Enrolment.member_id.in_(chunk)).order_by(Enrolment.id)
        ).scalars():
            enrolments[e.member_id] = e  # the latest wins
        for member_id, encoded, why in session.execute(
            select(
                ContributionSchedule.member_id, ContributionSchedule.schedule, ContributionSchedule.reason
            ).where(ContributionSchedule.member_id.in_(chunk))
        ):
            schedules[member_id] = (encoded, why)
        rows: Any = session.execute(
            select(
                PaymentMonth.member_id,
                PaymentMonth.programme,
                PaymentMonth.month,
                PaymentMonth.amount,
                Payment.receipt_no,
                Payment.business_date,
                Payment.method,
            )
            .join(Payment, Payment.id == PaymentMonth.payment_id)
            .where(PaymentMonth.member_id.in_(chunk), PaymentMonth.voided.is_(False))
        )
        for member_id, code, month, amount, receipt, day, method in rows:
            paid.setdefault(member_id, []).append(
                PaidMonth(code, Month.from_int(month), day, receipt, amount, method)
            )
    rules: dict[str, Any] = {}
    for m in members:
        current = enrolments.get(m.id)
        if current is None:
            continue
        key = current.segment + ("/project" if current.project_id is not None else "")
        if key not in rules:
            rules[key] = rules_for(book, current, today)
        text, reason = schedules.get(m.id, (None, None))
        programmes = tuple(p for p in current.programmes.split(",") if p)
        yield MemberFacts(
            member=m,
            enrolment=current,
            schedule=Schedule.decode(text),
            schedule_reason=reason,
            ledger=Ledger.of(paid.get(m.id, ())),
            book=book,
            rules=rules[key],
            calendar=calendar,
            quote_input=quote_input_for(ctx, current),
            owed=table.segments[current.segment].owed_programmes(programmes),
            today=today,
        )
