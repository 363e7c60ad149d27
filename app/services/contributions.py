"""Contributions: quotes, payments, voids, sponsored batches, schedules, status and rate tables.

How a GUI page uses this module:

* **Live quote (intake page).** Call ``rate_book(ctx)`` once (page open, or after
  ``load_rate_table``) and keep the ``RateBook``; on every change call the pure
  ``app.domain.contributions.quote_record(book, ctx.reference, form_values, start=..., months=...)``.
  It never raises and never touches the database (well under a millisecond for 12 months).
  ``business_month(ctx)`` gives the default start month.
* **First payment at enrolment.** After ``enrol_worker`` returns ``status == "enrolled"``, call
  ``record_enrolment_payment(ctx, actor, outcome.number, method=..., reference=...)``: it pays the
  ``bulan_bayar`` months of that enrolment from the enrolment month (None when ``bulan_bayar`` is 0).
* **Member page.** ``contribution_status(ctx, number)`` for paid-through/status/next due,
  ``quote_for_member`` to preview, ``pay`` to record, ``payments_for_member`` for the list,
  ``receipt_pdf`` to print, ``void_payment`` (supervisor, password re-entered) to void.
* **Sponsored batches.** ``pay_sponsored`` takes ``progress``/``cancel`` for the task runner.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.contribution_models import (
    PAYMENT_METHODS,
    ContributionSchedule,
    Payment,
    PaymentMonth,
    RateTableRow,
    ReceiptSequence,
    SponsorBatch,
)
from app.db.models import Branch, Enrolment, Member, Officer
from app.domain.clock import business_date
from app.domain.contributions import (
    FLAG_TRANSPORT,
    GRACE_MONTHS,
    MAX_MONTHS,
    MONTHLY,
    Quote,
    QuoteInput,
    Schedule,
    Status,
    quote_input_from_record,
    quote_months,
)
from app.domain.contributions import (
    contribution_status as compute_status,
)
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.months import Month, month_range, period_label
from app.domain.nik import clean_nik, mask_nik
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.rates import RateBook, RateTable, parse_rate_json, unconfirmed_figures
from app.domain.roles import Permission
from app.infra.paths import resources_dir
from app.infra.rates import shipped_rate_tables
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.contribution_dto import (
    ContributionStatusDTO,
    PaymentDTO,
    RateTableInfoDTO,
    SponsorBatchDTO,
    SponsorMemberDTO,
)
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor

if TYPE_CHECKING:
    from app.pdf.payment_receipt import ReceiptData, SponsorReceiptData

T = TypeVar("T")
Paper = Literal["A5", "80mm"]
MAX_FUTURE_START = 12  # a payment may start at most a year ahead
MAX_SPONSOR_MEMBERS = 5000


# --- rate tables ------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _parse_stored(body: str) -> RateTable:
    return parse_rate_json(body)


def _rate_book(session: Session) -> RateBook:
    rows = session.execute(select(RateTableRow.body).order_by(RateTableRow.id)).scalars().all()
    return RateBook.of([*shipped_rate_tables(), *(_parse_stored(b) for b in rows)])


def rate_book(ctx: ServiceContext) -> RateBook:
    """Every table this database knows: the shipped ones plus those supervisors loaded.

    One small read; keep the result for live quotes and call again after a table is loaded.
    """
    return ctx.read(_rate_book)


def rate_tables(ctx: ServiceContext) -> tuple[RateTableInfoDTO, ...]:
    """Shipped and loaded tables, in the order they take effect."""

    def work(session: Session) -> tuple[RateTableInfoDTO, ...]:
        out = [
            RateTableInfoDTO(
                t.version,
                t.effective_from,
                t.title,
                "bawaan",
                None,
                None,
                hashlib.sha256(t.raw.encode()).hexdigest(),
                unconfirmed_figures(t),
            )
            for t in shipped_rate_tables()
        ]
        rows = session.execute(
            select(RateTableRow, Officer.username)
            .join(Officer, Officer.id == RateTableRow.loaded_by_id)
            .order_by(RateTableRow.id)
        ).all()
        for row, username in rows:
            t = _parse_stored(row.body)
            out.append(
                RateTableInfoDTO(
                    t.version,
                    t.effective_from,
                    t.title,
                    "dimuat",
                    row.loaded_at,
                    username,
                    row.sha256,
                    unconfirmed_figures(t),
                )
            )
        return tuple(sorted(out, key=lambda i: i.effective_from))

    return ctx.read(work)


def load_rate_table(ctx: ServiceContext, actor: Actor, text: str, *, password: str) -> RateTableInfoDTO:
    """A supervisor loads a newer table (JSON text); checked whole, stored in the database so every
    counter uses it for the months from its ``effective_from`` on. The password is asked again."""
    authorize(ctx, actor, Permission.SETTINGS)
    table = parse_rate_json(text)
    reauthenticate(ctx, actor, password)
    digest = hashlib.sha256(table.raw.encode()).hexdigest()

    def work(session: Session) -> RateTableInfoDTO:
        if session.execute(select(RateTableRow.id).where(RateTableRow.sha256 == digest)).first():
            raise DomainError(Issue("table", "rates.duplicate_table", "Tabel tarif yang sama sudah dimuat."))
        if any(hashlib.sha256(t.raw.encode()).hexdigest() == digest for t in shipped_rate_tables()):
            raise DomainError(Issue("table", "rates.duplicate_table", "Tabel ini sama dengan tabel bawaan."))
        now = ctx.clock()
        session.add(
            RateTableRow(
                version=table.version[:40],
                effective_from=table.effective_from.as_int(),
                body=table.raw,
                sha256=digest,
                loaded_at=now,
                loaded_by_id=actor.id,
            )
        )
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="rates.load",
            entity="rate_table",
            entity_id=table.version[:40],
            details={"effective_from": str(table.effective_from), "sha256": digest},
        )
        return RateTableInfoDTO(
            table.version,
            table.effective_from,
            table.title,
            "dimuat",
            now,
            actor.username,
            digest,
            unconfirmed_figures(table),
        )

    return ctx.write(work)


# --- shared look-ups ------------------------------------------------------------------------------


def _branch(session: Session) -> Branch:
    b = session.execute(select(Branch).limit(1)).scalar_one_or_none()
    if b is None:
        raise DomainError(Issue("branch", "branch.missing", "Cabang belum diatur (loket branch setup)."))
    return b


def business_month(ctx: ServiceContext) -> Month:
    """This month at the branch: the default start of a quote."""

    def work(session: Session) -> Month:
        tz = session.execute(select(Branch.timezone).limit(1)).scalar() or "Asia/Jakarta"
        return Month.of(business_date(ctx.clock(), tz))

    return ctx.read(work)


def _not_found(key: str) -> DomainError:
    return DomainError(Issue("nomor", "member.not_found", f"Peserta '{key.strip()[:20]}' tidak ditemukan."))


def _member(session: Session, key: str) -> Member:
    """By membership number (check digit verified) or NIK; the active record first."""
    text = key.strip()
    digits = clean_nik(text)
    if len(digits) == 16 and digits.isdigit():
        criterion = Member.nik == digits
    else:
        parsed = parse_number(text)
        if not isinstance(parsed, MembershipNumber):
            raise DomainError(Issue("nomor", parsed.code, parsed.message))
        criterion = Member.number == parsed.value
    m = session.execute(
        select(Member).where(criterion).order_by(Member.record_status != "ACTIVE", Member.id.desc()).limit(1)
    ).scalar_one_or_none()
    if m is None:
        raise _not_found(key)
    return m


def _enrolment(session: Session, member: Member) -> Enrolment:
    e = session.execute(
        select(Enrolment).where(Enrolment.member_id == member.id).order_by(Enrolment.id.desc()).limit(1)
    ).scalar_one_or_none()
    if e is None:
        raise DomainError(Issue("nomor", "member.no_enrolment", "Peserta ini belum punya data kepesertaan."))
    return e


def _schedule(session: Session, member_id: int) -> Schedule:
    text = session.execute(
        select(ContributionSchedule.schedule).where(ContributionSchedule.member_id == member_id)
    ).scalar_one_or_none()
    return Schedule.decode(text)


def _covered(session: Session, member_id: int) -> dict[Month, int]:
    """Month → id of the live payment covering it."""
    rows = session.execute(
        select(PaymentMonth.month, PaymentMonth.payment_id).where(
            PaymentMonth.member_id == member_id, PaymentMonth.voided.is_(False)
        )
    ).all()
    return {Month.from_int(m): pid for m, pid in rows}


def _input_for(ctx: ServiceContext, e: Enrolment) -> QuoteInput:
    occ = ctx.reference.occupations.by_code(e.occupation_code)
    flags = frozenset({FLAG_TRANSPORT}) if occ is not None and occ.transport else frozenset()
    return QuoteInput(
        segment=e.segment,
        income=e.income,
        programmes=tuple(p for p in e.programmes.split(",") if p),
        funding=e.funding_source,
        flags=flags,
    )


def _status(
    session: Session, ctx: ServiceContext, member: Member, branch: Branch, book: RateBook | None = None
) -> tuple[ContributionStatusDTO, Enrolment, Schedule, dict[Month, int]]:
    e = _enrolment(session, member)
    schedule = _schedule(session, member.id)
    covered = _covered(session, member.id)
    today = business_date(ctx.clock(), branch.timezone)
    book = book or _rate_book(session)
    due = book.table_for(Month.of(today)).segments[e.segment].due
    s = compute_status(covered, since=Month.of(e.business_date), today=today, schedule=schedule, due=due)
    dto = ContributionStatusDTO(
        member_number=member.number,
        status=s.status.value,
        status_label=s.label,
        paid_through=s.paid_through,
        covered_now=s.covered_now,
        arrears_months=s.arrears,
        next_due_month=s.next_due_month,
        next_due_date=s.next_due_date,
        schedule=schedule.encode(),
        schedule_label=schedule.label(),
        as_of=today,
    )
    return dto, e, schedule, covered


def contribution_status(ctx: ServiceContext, key: str) -> ContributionStatusDTO:
    """Paid-through month, status (active / in arrears / non-active), arrears and next due date."""

    def work(session: Session) -> ContributionStatusDTO:
        member = _member(session, key)
        return _status(session, ctx, member, _branch(session))[0]

    return ctx.read(work)


def set_schedule(ctx: ServiceContext, actor: Actor, key: str, schedule: Schedule) -> ContributionStatusDTO:
    """Switch a member between monthly payment and a harvest schedule (chosen months of the year)."""
    authorize(ctx, actor, Permission.PAY)

    def work(session: Session) -> ContributionStatusDTO:
        member = _member(session, key)
        row = session.get(ContributionSchedule, member.id)
        if schedule.monthly:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                ContributionSchedule(
                    member_id=member.id,
                    schedule=schedule.encode(),
                    updated_at=ctx.clock(),
                    updated_by_id=actor.id,
                )
            )
        else:
            row.schedule, row.updated_at, row.updated_by_id = schedule.encode(), ctx.clock(), actor.id
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="schedule.set",
            entity="member",
            entity_id=member.number,
            member_id=member.id,
            details={"schedule": schedule.encode()},
        )
        return _status(session, ctx, member, _branch(session))[0]

    return ctx.write(work)


# --- quotes -------------------------------------------------------------------------------------------


def quote_for_record(
    ctx: ServiceContext,
    raw: Mapping[str, Any],
    *,
    months: int,
    start: Month | None = None,
    schedule: Schedule = MONTHLY,
) -> Quote:
    """``loket quote``: price an intake record (only the keys a quote needs are read)."""
    inp, issues = quote_input_from_record(raw, ctx.reference)
    if inp is None:
        raise DomainError(issues)
    _check_months(months)
    book = rate_book(ctx)
    first = start or business_month(ctx)
    return quote_months(book, inp, schedule.months_from(first, months), schedule)


def quote_for_member(
    ctx: ServiceContext, key: str, *, months: int, method: str = "cash", start: Month | None = None
) -> Quote:
    """What ``pay`` would charge, without recording anything (the payment dialog's preview)."""
    _check_months(months)
    _check_method(method)

    def work(session: Session) -> Quote:
        member = _member(session, key)
        book = _rate_book(session)
        status, e, schedule, _ = _status(session, ctx, member, _branch(session), book)
        chosen = schedule.months_from(start or status.next_due_month, months)
        return quote_months(book, _input_for(ctx, e).paid_by(method), chosen, schedule)

    return ctx.read(work)


def _check_months(months: int) -> None:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise DomainError(Issue("bulan", "months.count", f"Jumlah bulan harus 1–{MAX_MONTHS}."))


def _check_method(method: str) -> None:
    if method not in PAYMENT_METHODS:
        raise DomainError(
            Issue("metode", "payment.method", "Cara bayar harus tunai (cash), transfer, apbd atau employer.")
        )


def _check_reference(method: str, reference: str | None) -> str | None:
    ref = " ".join((reference or "").split()) or None
    if method != "cash" and ref is None:
        raise DomainError(
            Issue(
                "referensi",
                "payment.reference_required",
                "Nomor referensi wajib untuk pembayaran transfer, APBD atau pemberi kerja "
                "(nomor transfer, SP2D, atau surat pemberi kerja).",
            )
        )
    if ref is not None and len(ref) > 60:
        raise DomainError(
            Issue("referensi", "payment.reference_length", "Nomor referensi paling banyak 60 karakter.")
        )
    return ref


# --- payments -----------------------------------------------------------------------------------------


def _next_receipt(session: Session, kind: str, branch_code: str, year: int) -> str:
    """``TBI-101-2026-000001``: gapless per kind, branch and year (the row lock serialises counters)."""
    key = f"{kind}-{branch_code}-{year}"
    stmt = (
        update(ReceiptSequence)
        .where(ReceiptSequence.key == key)
        .values(next_serial=ReceiptSequence.next_serial + 1)
        .returning(ReceiptSequence.next_serial)
    )
    serial = session.execute(stmt).scalar_one_or_none()
    if serial is None:
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            session.execute(
                pg_insert(ReceiptSequence).values(key=key, next_serial=1).on_conflict_do_nothing()
            )
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            session.execute(
                sqlite_insert(ReceiptSequence).values(key=key, next_serial=1).on_conflict_do_nothing()
            )
        serial = session.execute(stmt).scalar_one()
    return f"{key}-{int(serial) - 1:06d}"


def _overlap_error(months: Sequence[Month], receipts: Sequence[str]) -> DomainError:
    which = f" (tanda bukti {', '.join(sorted(set(receipts)))})" if receipts else ""
    return DomainError(
        Issue(
            "bulan",
            "payment.overlap",
            f"Iuran bulan {period_label(list(months))} sudah dibayar{which}. "
            "Pilih bulan lain, atau minta supervisor membatalkan pembayaran lama.",
        )
    )


def _write_payment(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    member: Member,
    branch: Branch,
    book: RateBook,
    months: int,
    method: str,
    reference: str | None,
    start: Month | None,
    receipt_no: str | None = None,
    sponsor_batch_id: int | None = None,
    enrolment_payment: bool = False,
    schedule_override: Schedule | None = None,
) -> Payment:
    if member.record_status != "ACTIVE":
        raise DomainError(
            Issue(
                "nomor",
                "member.inactive_record",
                f"Data peserta {member.number} tidak aktif ({member.record_status}).",
            )
        )
    now = ctx.clock()
    ensure_day_open(session, ctx, now)  # refused when today is closed
    status, e, schedule, covered = _status(session, ctx, member, branch, book)
    schedule = schedule_override or schedule
    current = Month.of(business_date(now, branch.timezone))
    first = start or (Month.of(e.business_date) if enrolment_payment else status.next_due_month)
    if first < current.plus(-GRACE_MONTHS) and not enrolment_payment:
        raise DomainError(
            Issue(
                "mulai",
                "payment.start_too_old",
                f"Tunggakan hanya dapat dibayar paling lama {GRACE_MONTHS} bulan ke belakang "
                f"(mulai {current.plus(-GRACE_MONTHS).short()}).",
            )
        )
    if first > current.plus(MAX_FUTURE_START):
        raise DomainError(
            Issue("mulai", "payment.start_too_far", "Bulan mulai paling jauh 12 bulan ke depan.")
        )
    chosen = schedule.months_from(first, months)
    clash = [m for m in chosen if m in covered]
    if clash:
        ids = {covered[m] for m in clash}
        receipts = session.execute(select(Payment.receipt_no).where(Payment.id.in_(ids))).scalars().all()
        raise _overlap_error(clash, receipts)
    q = quote_months(book, _input_for(ctx, e).paid_by(method), chosen, schedule)
    today = business_date(now, branch.timezone)
    payment = Payment(
        receipt_no=receipt_no or _next_receipt(session, "TBI", branch.code, today.year),
        member_id=member.id,
        enrolment_id=e.id if enrolment_payment else None,
        sponsor_batch_id=sponsor_batch_id,
        method=method,
        reference=reference,
        schedule=schedule.encode(),
        first_month=q.months[0].as_int(),
        last_month=q.months[-1].as_int(),
        months_count=len(q.months),
        gross_total=q.gross_total,
        discount_total=q.discount_total,
        total=q.total,
        detail=json.dumps(q.as_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        received_at=now,
        business_date=today,
        officer_id=actor.id,
        counter=ctx.counter,
        status="PAID",
    )
    session.add(payment)
    session.flush()
    per_month = q.month_totals()
    session.add_all(
        PaymentMonth(
            payment_id=payment.id, member_id=member.id, month=m.as_int(), amount=per_month[m], voided=False
        )
        for m in q.months
    )
    session.flush()
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
            "tables": list(q.table_versions),
            "sponsor_batch": sponsor_batch_id,
            "enrolment": enrolment_payment,
        },
        at=now,
    )
    return payment


def _run_payment_write(ctx: ServiceContext, work: Callable[[Session], T]) -> T:
    """``ctx.write`` that turns the database's own overlap refusal into the officer's message."""
    try:
        return ctx.write(work)
    except IntegrityError as exc:
        if "payment_month" in str(exc.orig) or "uq_payment_month_live" in str(exc.orig):
            raise _overlap_error([], []) from exc
        raise


def pay(
    ctx: ServiceContext,
    actor: Actor,
    key: str,
    *,
    months: int,
    method: str,
    reference: str | None = None,
    start: Month | None = None,
) -> PaymentDTO:
    """Record a payment of ``months`` months for one member and return it (print with ``receipt_pdf``).

    ``start`` defaults to the first month owed: the oldest month in arrears, the month after the
    paid-through month, or this month for a non-active member (who restarts). Months already paid
    are refused, by this check and, for two counters at the same moment, by the database.
    """
    authorize(ctx, actor, Permission.PAY)
    _check_months(months)
    _check_method(method)
    ref = _check_reference(method, reference)

    def work(session: Session) -> PaymentDTO:
        member = _member(session, key)
        branch = _branch(session)
        p = _write_payment(
            session,
            ctx,
            actor,
            member=member,
            branch=branch,
            book=_rate_book(session),
            months=months,
            method=method,
            reference=ref,
            start=start,
        )
        return _payment_dto(session, p)

    return _run_payment_write(ctx, work)


def record_enrolment_payment(
    ctx: ServiceContext,
    actor: Actor,
    key: str,
    *,
    method: str = "cash",
    reference: str | None = None,
) -> PaymentDTO | None:
    """Pay the months chosen at enrolment (``bulan_bayar``), from the enrolment month.

    Call it right after ``enrol_worker`` returned ``enrolled``; returns None when ``bulan_bayar``
    was 0. Calling it twice is refused as an overlap, so a retry after a crash is safe.
    """
    authorize(ctx, actor, Permission.PAY)
    _check_method(method)
    ref = _check_reference(method, reference)

    def work(session: Session) -> PaymentDTO | None:
        member = _member(session, key)
        e = _enrolment(session, member)
        if e.months_at_enrolment <= 0:
            return None
        p = _write_payment(
            session,
            ctx,
            actor,
            member=member,
            branch=_branch(session),
            book=_rate_book(session),
            months=e.months_at_enrolment,
            method=method,
            reference=ref,
            start=Month.of(e.business_date),
            enrolment_payment=True,
        )
        return _payment_dto(session, p)

    return _run_payment_write(ctx, work)


def _find_payment(session: Session, key: str | int) -> Payment:
    text = str(key).strip()
    p = None
    if text.isdigit():
        p = session.get(Payment, int(text))
    if p is None:
        p = session.execute(select(Payment).where(Payment.receipt_no == text.upper())).scalar_one_or_none()
    if p is None:
        raise DomainError(
            Issue("pembayaran", "payment.not_found", f"Pembayaran '{text[:30]}' tidak ditemukan.")
        )
    return p


def void_payment(
    ctx: ServiceContext, actor: Actor, key: str | int, *, reason: str, password: str
) -> PaymentDTO:
    """A supervisor voids a payment (never deletes it): password re-entered, reason kept, audited.

    The months it covered become payable again.
    """
    authorize(ctx, actor, Permission.VOID)
    why = " ".join(reason.split())
    if len(why) < 5:
        raise DomainError(Issue("alasan", "void.reason", "Tulis alasan pembatalan (minimal 5 karakter)."))
    if len(why) > 200:
        raise DomainError(Issue("alasan", "void.reason_length", "Alasan paling banyak 200 karakter."))
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> PaymentDTO:
        p = _find_payment(session, key)
        if p.status == "VOID":
            raise DomainError(
                Issue("pembayaran", "payment.already_void", f"Pembayaran {p.receipt_no} sudah dibatalkan.")
            )
        now = ctx.clock()
        # A void is dated today (an adjustment when the payment's own day is closed); refused if today is.
        ensure_day_open(session, ctx, now)
        p.status, p.voided_at, p.voided_by_id, p.void_reason = "VOID", now, actor.id, why
        session.execute(update(PaymentMonth).where(PaymentMonth.payment_id == p.id).values(voided=True))
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
        return _payment_dto(session, p)

    return ctx.write(work)


def get_payment(ctx: ServiceContext, key: str | int) -> PaymentDTO:
    """By id or receipt number."""
    return ctx.read(lambda s: _payment_dto(s, _find_payment(s, key)))


def payments_for_member(ctx: ServiceContext, key: str) -> tuple[PaymentDTO, ...]:
    """Every payment of a member, voided ones too, newest first."""

    def work(session: Session) -> tuple[PaymentDTO, ...]:
        member = _member(session, key)
        rows = session.execute(
            select(Payment).where(Payment.member_id == member.id).order_by(Payment.id.desc())
        ).scalars()
        return tuple(_payment_dto(session, p) for p in rows)

    return ctx.read(work)


def _payment_dto(session: Session, p: Payment) -> PaymentDTO:
    member = session.get(Member, p.member_id)
    branch = _branch(session)
    assert member is not None
    names = dict(
        session.execute(
            select(Officer.id, Officer.username).where(Officer.id.in_([p.officer_id, p.voided_by_id or 0]))
        ).all()
    )
    full = session.execute(select(Officer.full_name).where(Officer.id == p.officer_id)).scalar_one()
    sponsor = None
    sponsor_receipt = None
    if p.sponsor_batch_id is not None:
        sponsor, sponsor_receipt = session.execute(
            select(SponsorBatch.sponsor, SponsorBatch.receipt_no).where(SponsorBatch.id == p.sponsor_batch_id)
        ).one()
    quote = Quote.from_json(json.loads(p.detail))
    return PaymentDTO(
        id=p.id,
        receipt_no=p.receipt_no,
        member_id=member.id,
        member_number=member.number,
        member_name=member.nama,
        nik_masked=mask_nik(member.nik),
        segment=quote.input.segment,
        method=p.method,
        reference=p.reference,
        quote=quote,
        received_at=p.received_at,
        business_date=p.business_date,
        timezone=branch.timezone,
        officer=names.get(p.officer_id, "?"),
        officer_name=full,
        counter=p.counter,
        branch_code=branch.code,
        branch_name=branch.name,
        status=p.status,
        voided_at=p.voided_at,
        voided_by=names.get(p.voided_by_id) if p.voided_by_id else None,
        void_reason=p.void_reason,
        sponsor=sponsor,
        sponsor_receipt_no=sponsor_receipt,
        from_enrolment=p.enrolment_id is not None,
    )


# --- sponsored batches ------------------------------------------------------------------------------


def write_sponsored_payment(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    name: str,
    wanted: Sequence[str],
    months: int,
    method: str,
    ref: str | None,
    start: Month | None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SponsorBatch:
    """The sponsor batch and its payments in the caller's transaction (no commit): used by
    ``pay_sponsored`` and by sponsored spreadsheet imports, which write members and payments at once."""
    branch = _branch(session)
    book = _rate_book(session)
    now = ctx.clock()
    today = ensure_day_open(session, ctx, now)
    first = start or Month.of(today)
    members: list[Member] = []
    issues: list[Issue] = []
    for number in wanted:
        try:
            m = _member(session, number)
        except DomainError as exc:
            issues.extend(Issue(number, i.code, i.message) for i in exc.issues)
            continue
        if m.record_status != "ACTIVE":
            issues.append(Issue(number, "member.inactive_record", "Data peserta tidak aktif."))
            continue
        covered = _covered(session, m.id)
        clash = [mo for mo in MONTHLY.months_from(first, months) if mo in covered]
        if clash:
            issues.append(
                Issue(number, "payment.overlap", f"Iuran bulan {period_label(clash)} sudah dibayar.")
            )
            continue
        members.append(m)
    if issues:
        raise DomainError(issues)
    batch_no = _next_receipt(session, "TBS", branch.code, today.year)
    last = first.plus(months - 1)
    batch = SponsorBatch(
        receipt_no=batch_no,
        sponsor=name,
        method=method,
        reference=ref,
        months_count=months,
        first_month=first.as_int(),
        last_month=last.as_int(),
        member_count=len(members),
        total=0,
        received_at=now,
        business_date=today,
        officer_id=actor.id,
        counter=ctx.counter,
    )
    session.add(batch)
    session.flush()
    total = 0
    for i, m in enumerate(members, start=1):
        if cancel.cancelled:
            raise Cancelled()
        p = _write_payment(
            session,
            ctx,
            actor,
            member=m,
            branch=branch,
            book=book,
            months=months,
            method=method,
            reference=ref,
            start=first,
            receipt_no=f"{batch_no}/{i:04d}",
            sponsor_batch_id=batch.id,
            schedule_override=MONTHLY,
        )
        total += p.total
        progress(i, len(members), m.number)
    batch.total = total
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action="sponsor.pay",
        entity="sponsor_batch",
        entity_id=batch_no,
        details={"members": len(members), "months": months, "total": total, "method": method},
        at=now,
    )
    return batch


def pay_sponsored(
    ctx: ServiceContext,
    actor: Actor,
    *,
    sponsor: str,
    numbers: Sequence[str],
    months: int,
    method: str = "apbd",
    reference: str | None = None,
    start: Month | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SponsorBatchDTO:
    """A sponsor (e.g. "Pemkab Ogan Ilir") pays the same months for a list of members.

    All or nothing: if any member cannot be paid (unknown number, months already paid), nothing is
    written and every problem is reported, each under the member's number. Budget-funded (APBD)
    payments get no PP 50/2025 discount. ``start`` defaults to this month.
    """
    authorize(ctx, actor, Permission.PAY)
    _check_months(months)
    _check_method(method)
    ref = _check_reference(method, reference)
    name = " ".join(sponsor.split())
    if not 3 <= len(name) <= 100:
        raise DomainError(
            Issue("sponsor", "sponsor.name", "Nama pemberi dana 3–100 karakter, mis. Pemkab Ogan Ilir.")
        )
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        raise DomainError(Issue("nomor", "sponsor.empty", "Daftar nomor peserta kosong."))
    if len(wanted) > MAX_SPONSOR_MEMBERS:
        raise DomainError(
            Issue(
                "nomor", "sponsor.too_many", f"Paling banyak {MAX_SPONSOR_MEMBERS} peserta per tanda bukti."
            )
        )

    def work(session: Session) -> SponsorBatchDTO:
        batch = write_sponsored_payment(
            session,
            ctx,
            actor,
            name=name,
            wanted=wanted,
            months=months,
            method=method,
            ref=ref,
            start=start,
            progress=progress,
            cancel=cancel,
        )
        return _batch_dto(session, batch)

    return _run_payment_write(ctx, work)


def get_sponsor_batch(ctx: ServiceContext, key: str | int) -> SponsorBatchDTO:
    def work(session: Session) -> SponsorBatchDTO:
        text = str(key).strip()
        b = session.get(SponsorBatch, int(text)) if text.isdigit() else None
        if b is None:
            b = session.execute(
                select(SponsorBatch).where(SponsorBatch.receipt_no == text.upper())
            ).scalar_one_or_none()
        if b is None:
            raise DomainError(
                Issue("sponsor", "sponsor.not_found", f"Tanda bukti '{text[:30]}' tidak ditemukan.")
            )
        return _batch_dto(session, b)

    return ctx.read(work)


def _batch_dto(session: Session, b: SponsorBatch) -> SponsorBatchDTO:
    branch = _branch(session)
    officer = session.get(Officer, b.officer_id)
    assert officer is not None
    rows = session.execute(
        select(
            Payment.id,
            Payment.receipt_no,
            Payment.total,
            Payment.status,
            Member.number,
            Member.nama,
            Member.nik,
        )
        .join(Member, Member.id == Payment.member_id)
        .where(Payment.sponsor_batch_id == b.id)
        .order_by(Payment.id)
    ).all()
    months = month_range(Month.from_int(b.first_month), Month.from_int(b.last_month))
    members = tuple(
        SponsorMemberDTO(pid, rno, number, nama, mask_nik(nik), total, status == "VOID")
        for pid, rno, total, status, number, nama, nik in rows
    )
    return SponsorBatchDTO(
        id=b.id,
        receipt_no=b.receipt_no,
        sponsor=b.sponsor,
        method=b.method,
        reference=b.reference,
        months=months,
        members=members,
        total=sum(m.total for m in members if not m.voided),
        received_at=b.received_at,
        business_date=b.business_date,
        timezone=branch.timezone,
        officer=officer.username,
        officer_name=officer.full_name,
        counter=b.counter,
        branch_code=branch.code,
        branch_name=branch.name,
    )


# --- receipts ---------------------------------------------------------------------------------------


def receipt_pdf(ctx: ServiceContext, key: str | int, *, paper: Paper = "A5") -> bytes:
    """The receipt (tanda bukti penerimaan iuran) of one payment, A5 or 80 mm roll; a voided
    payment prints marked DIBATALKAN."""
    from app.pdf.payment_receipt import render_payment_receipt

    payment = get_payment(ctx, key)
    return render_payment_receipt(payment_receipt_data(payment), fonts=resources_dir() / "fonts", paper=paper)


def sponsor_receipt_pdf(ctx: ServiceContext, key: str | int, *, paper: Paper = "A5") -> bytes:
    from app.pdf.payment_receipt import render_sponsor_receipt

    batch = get_sponsor_batch(ctx, key)
    return render_sponsor_receipt(sponsor_receipt_data(batch), fonts=resources_dir() / "fonts", paper=paper)


def payment_receipt_data(p: PaymentDTO) -> ReceiptData:
    """What the renderer prints, formatted for people (local time, labels)."""
    from app.domain.clock import TIMEZONES, local_time
    from app.pdf.payment_receipt import ReceiptData, ReceiptLine

    local = local_time(p.received_at, p.timezone)
    void = None
    if p.voided and p.voided_at is not None:
        vt = local_time(p.voided_at, p.timezone)
        void = f"DIBATALKAN {vt:%d-%m-%Y %H:%M} oleh {p.voided_by}: {p.void_reason}"
    q = p.quote
    return ReceiptData(
        receipt_no=p.receipt_no,
        branch=f"{p.branch_name} ({p.branch_code})",
        issued_at=f"{local:%d-%m-%Y %H:%M} {TIMEZONES.get(p.timezone, '')}".strip(),
        officer=f"{p.officer_name} ({p.officer})",
        counter=p.counter,
        member_number=p.member_number,
        member_name=p.member_name,
        nik_masked=p.nik_masked,
        segment=p.segment,
        programmes=", ".join(q.input.programmes),
        period=q.period,
        months_count=len(q.months),
        schedule=q.schedule.label(),
        method=p.method_label,
        reference=p.reference,
        lines=tuple(
            ReceiptLine(t.programme, t.label, t.base, t.rate, t.months, t.gross, t.discount, t.amount)
            for t in q.programme_totals()
        ),
        gross_total=q.gross_total,
        discount_total=q.discount_total,
        total=q.total,
        discount_labels=tuple(sorted({ln.discount_label for ln in q.lines if ln.discount_label})),
        notes=tuple(n.message for n in q.notes if not n.code.startswith("quote.discount.")),
        void=void,
        sponsor=f"{p.sponsor} ({p.sponsor_receipt_no})" if p.sponsor else None,
    )


def sponsor_receipt_data(b: SponsorBatchDTO) -> SponsorReceiptData:
    from app.domain.clock import TIMEZONES, local_time
    from app.pdf.payment_receipt import SponsorMemberLine, SponsorReceiptData

    local = local_time(b.received_at, b.timezone)
    return SponsorReceiptData(
        receipt_no=b.receipt_no,
        branch=f"{b.branch_name} ({b.branch_code})",
        issued_at=f"{local:%d-%m-%Y %H:%M} {TIMEZONES.get(b.timezone, '')}".strip(),
        officer=f"{b.officer_name} ({b.officer})",
        counter=b.counter,
        sponsor=b.sponsor,
        method=b.method_label,
        reference=b.reference,
        period=period_label(list(b.months)),
        months_count=len(b.months),
        members=tuple(
            SponsorMemberLine(m.member_number, m.member_name, m.nik_masked, m.receipt_no, m.total, m.voided)
            for m in b.members
        ),
        total=b.total,
    )


def is_active(status: ContributionStatusDTO) -> bool:
    return status.status == Status.ACTIVE.value
