"""Payments: what the next payment covers and costs, recording it, and voiding it.

A payment pays named contribution months per programme (``payment_month`` rows), priced with the
table in force for each month, with the late fine on PU months paid after their due date. Which
months may be paid comes from the member's cover (``cover.py``): never older than the first month
owed (an ended BPU membership restarts from this month; its old months are not collected), the
oldest arrears first, at most a year ahead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from sqlalchemy import Table, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.contribution_models import Payment, PaymentMonth
from app.db.member_rows import forget_cover
from app.db.models import Member
from app.db.sequences import take_receipt_serials
from app.domain.cash import check_received
from app.domain.contributions import quote_input_from_record, quote_months
from app.domain.cover import PaidMonth
from app.domain.cover_text import headline
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month
from app.domain.quote import Quote
from app.domain.roles import Permission
from app.domain.schedule import MONTHLY, Schedule
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.contribution_dto import PaymentDTO
from app.services.contributions.charges import (
    check_method,
    check_months,
    check_reference,
    check_request_key,
    overlap_error,
    payment_quote,
)
from app.services.contributions.cover import member_facts
from app.services.contributions.lookup import (
    branch_facts,
    driver_of,
    member_by_key,
    rate_book_of,
    today_at,
)
from app.services.contributions.receipts import WrittenPayment, find_payment, payment_dto
from app.services.contributions.status_index import forget
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor
from app.services.region.history import refuse_elsewhere

T = TypeVar("T")


# --- writing ------------------------------------------------------------------------------------------


_PAYMENT = cast(Table, Payment.__table__)
_PAYMENT_MONTH = cast(Table, PaymentMonth.__table__)


def next_receipt(session: Session, kind: str, branch_code: str, year: int) -> str:
    """``TBI-101-2026-000001``: gapless per kind, branch and year (the row lock serialises counters)."""
    key = f"{kind}-{branch_code}-{year}"
    return f"{key}-{take_receipt_serials(driver_of(session), key):06d}"


def write_payment(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    member: Member,
    method: str,
    reference: str | None,
    count: int | None = None,
    start: Month | None = None,
    receipt_no: str | None = None,
    sponsor_batch_id: int | None = None,
    enrolment_payment: bool = False,
    sponsored: bool = False,
    request_key: str | None = None,
    cash_received: int | None = None,
) -> WrittenPayment:
    """Price and record one payment in the caller's transaction (no commit). ``cash_received``:
    what a cash payer handed over (refused unless cash and at least the total)."""
    if member.record_status != "ACTIVE":
        raise DomainError(
            Issue(
                "nomor",
                "member.inactive_record",
                msg(
                    "Data peserta {number} tidak aktif ({record_status}).",
                    number=member.number,
                    record_status=member.record_status,
                ),
            )
        )
    now = ctx.clock()
    today = ensure_day_open(session, ctx, now)  # refused when today is closed
    facts = member_facts(session, ctx, member)
    q = payment_quote(
        session,
        facts,
        count=count,
        start=start,
        method=method,
        enrolment_payment=enrolment_payment,
        sponsored=sponsored,
    )
    check_received(method, q.total, cash_received)
    branch = branch_facts(session)
    receipt = receipt_no or next_receipt(session, "TBI", branch.code, today.year)
    amounts: dict[tuple[str, Month], int] = {}
    for ln in q.lines:
        amounts[(ln.programme, ln.month)] = amounts.get((ln.programme, ln.month), 0) + ln.amount
    segment = facts.book.table_for(Month.of(today)).segments[facts.enrolment.segment]
    paid = [
        PaidMonth(code, m, today, receipt, amounts.get((code, m), 0), method)
        for m in q.months
        for code in sorted(segment.paid_with(ln.programme for ln in q.lines if ln.month == m))
        if code in facts.owed and facts.ledger.paid(code, m) is None
    ]
    detail = q.as_json() | {"cover_after": headline(facts.with_paid(paid).state())}
    row: dict[str, Any] = {
        "receipt_no": receipt,
        "member_id": member.id,
        "enrolment_id": facts.enrolment.id if enrolment_payment else None,
        "sponsor_batch_id": sponsor_batch_id,
        "method": method,
        "reference": reference,
        "schedule": (MONTHLY if sponsored else facts.schedule).encode(),
        "first_month": q.months[0].as_int(),
        "last_month": q.months[-1].as_int(),
        "months_count": len(q.months),
        "gross_total": q.gross_total,
        "discount_total": q.discount_total,
        "fine_total": q.fine_total,
        "credit_total": q.credit,
        "total": q.total,
        "cash_received": cash_received,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "request_key": request_key,
        "received_at": now,
        "business_date": today,
        "officer_id": actor.id,
        "counter": ctx.counter,
        "status": "PAID",
    }
    # Straight to the driver (app.db.driver): the rows are exactly what the ORM would write, without
    # its flushes. What is returned is not in the session: it carries the row for the caller.
    driver = driver_of(session)
    payment = WrittenPayment(
        id=int(driver.insert(_PAYMENT, row, returning="id")),
        receipt_no=receipt,
        member_id=member.id,
        enrolment_id=row["enrolment_id"],
        sponsor_batch_id=sponsor_batch_id,
        method=method,
        reference=reference,
        total=q.total,
        cash_received=cash_received,
        detail=row["detail"],
        quote_json=detail,
        received_at=now,
        business_date=today,
        officer_id=actor.id,
        counter=ctx.counter,
        status="PAID",
    )
    driver.insert_many(
        _PAYMENT_MONTH,
        [
            {
                "payment_id": payment.id,
                "member_id": member.id,
                "programme": pm.programme,
                "month": pm.month.as_int(),
                "amount": pm.amount,
                "voided": False,
            }
            for pm in paid
        ],
    )
    forget_cover(driver, member.id)  # status_index.forget, for one member, on the driver
    append_event(
        session,
        ctx,
        actor=actor,
        action="payment.record",
        entity="payment",
        entity_id=payment.receipt_no,
        member_id=member.id,
        details={
            "method": method,
            "months": [str(m) for m in q.months],
            "total": q.total,
            "discount": q.discount_total,
            "fine": q.fine_total,
            "tables": list(q.table_versions),
            "sponsor_batch": sponsor_batch_id,
            "enrolment": enrolment_payment,
            **({"cash_received": cash_received} if cash_received is not None else {}),
        },
        at=now,
    )
    return payment


def run_payment_write(ctx: ServiceContext, work: Callable[[Session], T]) -> T:
    """``ctx.write`` that turns the database's own overlap refusal into the officer's message."""
    try:
        return ctx.write(work)
    except IntegrityError as exc:
        if "payment_month" in str(exc.orig) or "uq_payment_month_live" in str(exc.orig):
            raise overlap_error([], []) from exc
        raise


def _existing_request(session: Session, key: str, member: Member) -> Payment | None:
    p = session.execute(select(Payment).where(Payment.request_key == key)).scalar_one_or_none()
    if p is not None and p.member_id != member.id:
        raise DomainError(
            Issue(
                "kunci", "payment.request_key_used", "Kunci permintaan ini sudah dipakai untuk peserta lain."
            )
        )
    return p


def pay(
    ctx: ServiceContext,
    actor: Actor,
    key: str,
    *,
    months: int | None = None,
    method: str,
    reference: str | None = None,
    start: Month | None = None,
    request_key: str | None = None,
    cash_received: int | None = None,
) -> PaymentDTO:
    """Record a payment for one member and return it (print with ``receipt_pdf``).

    With neither ``months`` nor ``start`` it pays the schedule's next run: everything owed up to
    now for a monthly payer, the months until the next harvest for a harvest payer. A retried
    request with the same ``request_key`` returns the payment already recorded, never a second one.
    """
    authorize(ctx, actor, Permission.PAY)
    if months is not None:
        check_months(months)
    check_method(method)
    ref = check_reference(method, reference)
    rkey = check_request_key(request_key)

    def work(session: Session) -> PaymentDTO:
        member = member_by_key(session, key)
        if rkey is not None:
            done = _existing_request(session, rkey, member)
            if done is not None:
                return payment_dto(session, done, repeated=True)
        p = write_payment(
            session,
            ctx,
            actor,
            member=member,
            count=months,
            method=method,
            reference=ref,
            start=start,
            request_key=rkey,
            cash_received=cash_received,
        )
        return payment_dto(session, p)

    try:
        return run_payment_write(ctx, work)
    except IntegrityError as exc:  # the same request won a race with itself: return that one
        if rkey is not None and "request_key" in str(exc.orig):
            return ctx.read(lambda s: payment_dto(s, _by_request(s, rkey), repeated=True))
        raise


def _by_request(session: Session, key: str) -> Payment:
    return session.execute(select(Payment).where(Payment.request_key == key)).scalar_one()


def record_enrolment_payment(
    ctx: ServiceContext,
    actor: Actor,
    key: str,
    *,
    method: str = "cash",
    reference: str | None = None,
    cash_received: int | None = None,
) -> PaymentDTO | None:
    """Pay the months chosen at enrolment (``bulan_bayar``), from the enrolment month: the first
    full payment, from which membership runs (PP 44/2015 art. 11).

    Call it right after ``enrol_worker`` returned ``enrolled``; returns None when ``bulan_bayar``
    was 0. Calling it twice is refused as an overlap, so a retry after a crash is safe.
    """
    authorize(ctx, actor, Permission.PAY)
    check_method(method)
    ref = check_reference(method, reference)

    def work(session: Session) -> PaymentDTO | None:
        member = member_by_key(session, key)
        facts = member_facts(session, ctx, member)
        if facts.enrolment.months_at_enrolment <= 0:
            return None
        p = write_payment(
            session,
            ctx,
            actor,
            member=member,
            count=facts.enrolment.months_at_enrolment,
            method=method,
            reference=ref,
            enrolment_payment=True,
            cash_received=cash_received,
        )
        return payment_dto(session, p)

    return run_payment_write(ctx, work)


# --- previews -------------------------------------------------------------------------------------------


def quote_for_member(
    ctx: ServiceContext,
    key: str,
    *,
    months: int | None = None,
    method: str = "cash",
    start: Month | None = None,
) -> Quote:
    """What ``pay`` would charge now, without recording anything (the payment dialog's preview)."""
    if months is not None:
        check_months(months)
    check_method(method)

    def work(session: Session) -> Quote:
        facts = member_facts(session, ctx, member_by_key(session, key))
        return payment_quote(session, facts, count=months, start=start, method=method)

    return ctx.read(work)


def quote_for_record(
    ctx: ServiceContext,
    raw: Mapping[str, Any],
    *,
    months: int,
    start: Month | None = None,
    schedule: Schedule = MONTHLY,
) -> Quote:
    """``loket quote``: price an intake record (only the keys a quote needs are read)."""
    check_months(months)

    def work(session: Session) -> Quote:
        today = today_at(session, ctx)
        inp, issues = quote_input_from_record(raw, ctx.reference, today=today)
        if inp is None:
            raise DomainError(issues)
        first = start or Month.of(today)
        return quote_months(rate_book_of(session), inp, tuple(first.plus(i) for i in range(months)), schedule)

    return ctx.read(work)


# --- voiding --------------------------------------------------------------------------------------------


def void_payment(
    ctx: ServiceContext, actor: Actor, key: str | int, *, reason: str, password: str
) -> PaymentDTO:
    """A supervisor voids a payment (never deletes it): password re-entered, reason kept, audited.

    The months it paid become payable again.
    """
    authorize(ctx, actor, Permission.VOID)
    why = " ".join(reason.split())
    if len(why) < 5:
        raise DomainError(Issue("alasan", "void.reason", "Tulis alasan pembatalan (minimal 5 karakter)."))
    if len(why) > 200:
        raise DomainError(Issue("alasan", "void.reason_length", "Alasan paling banyak 200 karakter."))
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> PaymentDTO:
        p = find_payment(session, key)
        if p.status == "VOID":
            raise DomainError(
                Issue(
                    "pembayaran",
                    "payment.already_void",
                    msg("Pembayaran {receipt_no} sudah dibatalkan.", receipt_no=p.receipt_no),
                )
            )
        refuse_elsewhere(session, p.id, p.receipt_no, p.member_id)
        now = ctx.clock()
        # A void is dated today (an adjustment when the payment's own day is closed); refused if today is.
        ensure_day_open(session, ctx, now)
        p.status, p.voided_at, p.voided_by_id, p.void_reason = "VOID", now, actor.id, why
        session.execute(update(PaymentMonth).where(PaymentMonth.payment_id == p.id).values(voided=True))
        forget(session, (p.member_id,))
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="payment.void",
            entity="payment",
            entity_id=p.receipt_no,
            member_id=p.member_id,
            details={"reason": why, "total": p.total},
            at=now,
        )
        return payment_dto(session, p)

    return ctx.write(work)


def get_payment(ctx: ServiceContext, key: str | int) -> PaymentDTO:
    """By id or receipt number."""
    return ctx.read(lambda s: payment_dto(s, find_payment(s, key)))


def payments_for_member(ctx: ServiceContext, key: str) -> tuple[PaymentDTO, ...]:
    """Every payment of a member, voided ones too, newest first."""

    def work(session: Session) -> tuple[PaymentDTO, ...]:
        member = member_by_key(session, key)
        rows = session.execute(
            select(Payment).where(Payment.member_id == member.id).order_by(Payment.id.desc())
        ).scalars()
        return tuple(payment_dto(session, p) for p in rows)

    return ctx.read(work)
