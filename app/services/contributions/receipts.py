"""Payment and sponsor-batch records as the GUI, the CLI and the receipt printer see them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.contribution_models import Payment, SponsorBatch
from app.db.hot_reads import officer_names
from app.db.models import Member, Officer
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month, month_range, period_label
from app.domain.nik import mask_nik
from app.domain.quote import Quote
from app.domain.rates import percent_text
from app.domain.roles import Permission
from app.domain.states import PaymentStatus
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contribution_dto import PaymentDTO, SponsorBatchDTO, SponsorMemberDTO
from app.services.contributions.lookup import branch_facts, branch_of, driver_of
from app.services.dto import Actor

if TYPE_CHECKING:
    from app.pdf.payment_receipt import ReceiptData, SponsorReceiptData

Paper = Literal["A5", "80mm"]


def find_payment(session: Session, key: str | int) -> Payment:
    """By id or receipt number."""
    text = str(key).strip()
    p = None
    if text.isdigit():
        p = session.get(Payment, int(text))
    if p is None:
        p = session.execute(select(Payment).where(Payment.receipt_no == text.upper())).scalar_one_or_none()
    if p is None:
        raise DomainError(
            Issue(
                "pembayaran", "payment.not_found", msg("Pembayaran '{text}' tidak ditemukan.", text=text[:30])
            )
        )
    return p


def find_batch(session: Session, key: str | int) -> SponsorBatch:
    """A sponsor batch by its id or receipt number; refuses when none matches."""
    text = str(key).strip()
    b = session.get(SponsorBatch, int(text)) if text.isdigit() else None
    if b is None:
        b = session.execute(
            select(SponsorBatch).where(SponsorBatch.receipt_no == text.upper())
        ).scalar_one_or_none()
    if b is None:
        raise DomainError(
            Issue(
                "sponsor", "sponsor.not_found", msg("Tanda bukti '{text}' tidak ditemukan.", text=text[:30])
            )
        )
    return b


def fine_note(q: Quote) -> str | None:
    """The late fines in one sentence for the receipt."""
    if not q.fines:
        return None
    per: dict[Month, int] = {}
    for f in q.fines:
        per[f.month] = max(per.get(f.month, 0), f.months_late)
    parts = ", ".join(f"{m.short()} ({n} bulan)" for m, n in sorted(per.items()))
    rate = percent_text(q.fines[0].rate)
    return f"Denda keterlambatan {rate} per bulan, ditanggung pemberi kerja: {parts}."


@dataclass(frozen=True, slots=True)
class WrittenPayment:
    """A payment row just written, as plain values (what ``Payment`` would hold, without building
    an ORM object the session never sees); ``quote_json`` is its ``detail`` before encoding."""

    id: int
    receipt_no: str
    member_id: int
    enrolment_id: int | None
    sponsor_batch_id: int | None
    method: str
    reference: str | None
    total: int
    cash_received: int | None
    detail: str
    quote_json: dict[str, Any]
    received_at: dt.datetime
    business_date: dt.date
    officer_id: int
    counter: str
    status: str
    voided_at: None = None
    voided_by_id: None = None
    void_reason: None = None


def payment_dto(session: Session, p: Payment | WrittenPayment, *, repeated: bool = False) -> PaymentDTO:
    """A payment as plain values for the screens and the receipt, with member, branch and officer names."""
    member = session.get(Member, p.member_id)
    branch = branch_facts(session)
    assert member is not None
    officers = officer_names(driver_of(session), (p.officer_id, p.voided_by_id or 0))
    names = {i: u for i, (u, _f) in officers.items()}
    full = officers[p.officer_id][1]
    sponsor = None
    sponsor_receipt = None
    if p.sponsor_batch_id is not None:
        sponsor, sponsor_receipt = session.execute(
            select(SponsorBatch.sponsor, SponsorBatch.receipt_no).where(SponsorBatch.id == p.sponsor_batch_id)
        ).one()
    # A payment just written carries its detail unencoded: the DTO is the same, without decoding it.
    detail = p.quote_json if isinstance(p, WrittenPayment) else json.loads(p.detail)
    quote = Quote.from_json(detail)
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
        cover_after=detail.get("cover_after"),
        repeated=repeated,
        cash_received=p.cash_received,
    )


def batch_dto(session: Session, b: SponsorBatch) -> SponsorBatchDTO:
    """A sponsor batch as plain values for the screens and its collective receipt, with every payment in it."""
    branch = branch_of(session)
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
        SponsorMemberDTO(pid, rno, number, nama, mask_nik(nik), total, status == PaymentStatus.VOID)
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


def ensure_fonts() -> None:
    """Register the PDF fonts (once per process) before a receipt is rendered."""
    from app.pdf import fonts

    fonts.register(resources_dir() / "fonts")


def receipt_pdf(ctx: ServiceContext, key: str | int, *, paper: Paper = "A5") -> bytes:
    """The receipt (tanda bukti penerimaan iuran) of one payment, A5 or 80 mm roll, as printed
    when it was paid; a voided payment prints marked DIBATALKAN."""
    from app.pdf.payment_receipt import render_payment_receipt

    payment = ctx.read(lambda s: payment_dto(s, find_payment(s, key)))
    ensure_fonts()
    return render_payment_receipt(payment_receipt_data(payment), paper=paper)


def reprint_receipt_pdf(ctx: ServiceContext, actor: Actor, key: str | int, *, paper: Paper = "A5") -> bytes:
    """A copy of a receipt for a member who lost it: marked SALINAN with when it was reprinted, and
    audited (who reprinted which receipt)."""
    from app.domain.clock import local_time
    from app.pdf.payment_receipt import render_payment_receipt

    authorize(ctx, actor, Permission.PAY)

    def work(session: Session) -> PaymentDTO:
        p = find_payment(session, key)
        append_event(
            session,
            ctx,
            actor=actor,
            action="payment.reprint",
            entity="payment",
            entity_id=p.receipt_no,
            member_id=p.member_id,
            details={"paper": paper},
        )
        return payment_dto(session, p)

    payment = ctx.write(work)
    now = local_time(ctx.clock(), payment.timezone)
    data = replace(
        payment_receipt_data(payment),
        copy=f"SALINAN — dicetak ulang {now:%d-%m-%Y %H:%M} oleh {actor.username}",
    )
    ensure_fonts()
    return render_payment_receipt(data, paper=paper)


def sponsor_receipt_pdf(ctx: ServiceContext, key: str | int, *, paper: Paper = "A5") -> bytes:
    """The PDF of a sponsor batch's collective receipt, ready to print."""
    from app.pdf.payment_receipt import render_sponsor_receipt

    batch = ctx.read(lambda s: batch_dto(s, find_batch(s, key)))
    ensure_fonts()
    return render_sponsor_receipt(sponsor_receipt_data(batch), paper=paper)


def payment_receipt_data(p: PaymentDTO) -> ReceiptData:
    """What the renderer prints, formatted for people (local time, labels)."""
    from app.domain.clock import TIMEZONES, local_time
    from app.pdf.page import receipt_time
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
        issued_at=receipt_time(local, TIMEZONES.get(p.timezone, "")),
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
        notes=q.member_notes(),
        void=void,
        sponsor=f"{p.sponsor} ({p.sponsor_receipt_no})" if p.sponsor else None,
        fine_total=q.fine_total,
        fine_note=fine_note(q),
        credit=q.credit,
        cover=p.cover_after,
        # Cash handed over: what was received and the change, under the total.
        after_total=(
            (("Uang diterima (tunai)", p.cash_received), ("Kembalian", p.cash_received - q.total))
            if p.cash_received is not None
            else ()
        ),
    )


def sponsor_receipt_data(b: SponsorBatchDTO) -> SponsorReceiptData:
    """What the sponsor receipt renderer prints, formatted for people (local time, labels)."""
    from app.domain.clock import TIMEZONES, local_time
    from app.pdf.page import receipt_time
    from app.pdf.payment_receipt import SponsorMemberLine, SponsorReceiptData

    local = local_time(b.received_at, b.timezone)
    return SponsorReceiptData(
        receipt_no=b.receipt_no,
        branch=f"{b.branch_name} ({b.branch_code})",
        issued_at=receipt_time(local, TIMEZONES.get(b.timezone, "")),
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
