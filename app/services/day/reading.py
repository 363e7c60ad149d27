"""Reading a day: its figures, takings and cash counts, the summary and its PDF, and the DTOs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.db.cards_models import Card
from app.db.contribution_models import Payment, SponsorBatch
from app.db.day_models import DayCashCount, DayLock, ImportedPackage, PackageRecord
from app.db.homes import home_branch
from app.db.ids import local_part
from app.db.models import AuditEvent, Branch, Enrolment, Member, Officer
from app.db.search_models import MemberCorrection, MemberCorrectionChange
from app.domain.cash import CashCount
from app.domain.clock import TIMEZONES, business_date, local_time
from app.domain.day_summary import (
    AuditHead,
    BatchRow,
    CardRow,
    ClosedInfo,
    CorrectionRow,
    DayFigures,
    DaySummary,
    EnrolmentRow,
    ImportRow,
    PaymentRow,
    VoidRow,
    day_bounds,
    long_date,
    regency_of,
    summarise_day,
)
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.nik import mask_nik
from app.domain.roles import Permission
from app.domain.states import CardStatus, CorrectionStatus, DayStatus, PaymentStatus
from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.day_summary import render_day_summary
from app.services.audit import verify_audit
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.day_lock import closed_lock
from app.services.dto import Actor


@dataclass(frozen=True, slots=True)
class DayLockDTO:
    """One closing of a day (and its reopening, if any)."""

    id: int
    business_date: dt.date
    status: str  # CLOSED | REOPENED
    closed_at: dt.datetime
    closed_by: str
    pdf_sha256: str
    audit_seq: int | None
    audit_hash: str | None
    reopened_at: dt.datetime | None
    reopened_by: str | None
    reopen_reason: str | None


@dataclass(frozen=True, slots=True)
class DayStatusDTO:
    """A business day's state and its closings and reopenings, for Tutup Hari and ``loket day status``."""

    business_date: dt.date
    closed: bool
    history: tuple[DayLockDTO, ...]  # oldest first

    @property
    def current(self) -> DayLockDTO | None:
        return next((h for h in reversed(self.history) if h.status == DayStatus.CLOSED), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.business_date.isoformat(),
            "status": "closed" if self.closed else "open",
            "history": [
                {
                    "status": h.status,
                    "closed_at": h.closed_at.isoformat(),
                    "closed_by": h.closed_by,
                    "pdf_sha256": h.pdf_sha256,
                    "audit_seq": h.audit_seq,
                    "audit_hash": h.audit_hash,
                    "reopened_at": h.reopened_at.isoformat() if h.reopened_at else None,
                    "reopened_by": h.reopened_by,
                    "reopen_reason": h.reopen_reason,
                }
                for h in self.history
            ],
        }


def ensure_fonts() -> None:
    """Register the fonts the day summary PDF prints with (a no-op after the first call)."""
    fonts.register(resources_dir() / "fonts")


# --- reading the day --------------------------------------------------------------------------------


def _not_imported(entity: str, column: Any) -> Any:
    return ~exists().where(and_(PackageRecord.entity == entity, PackageRecord.local_id == column))


class _Labels:
    """Occupation and regency names, looked up once per code."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.regencies: dict[str, str] = {}
        self.occupations: dict[str, str] = {}

    def regency(self, code: str) -> str:
        name = self.regencies.get(code)
        if name is None:
            name = self.ctx.regions.name(code) or f"Wilayah {code}"
            self.regencies[code] = name
        return name

    def occupation(self, code: str) -> str:
        name = self.occupations.get(code)
        if name is None:
            occ = self.ctx.reference.occupations.by_code(code)
            name = occ.name if occ else code
            self.occupations[code] = name
        return name


def _branch(session: Session) -> Branch:
    b = home_branch(session)
    if b is None:
        raise DomainError(Issue("cabang", "branch.missing", "Cabang belum diatur."))
    return b


def _officer_id(session: Session, username: str) -> tuple[int, str]:
    row = session.execute(
        select(Officer.id, Officer.full_name).where(Officer.account(username.strip().lower()))
    ).first()
    if row is None:
        raise DomainError(
            Issue(
                "petugas", "officer.not_found", msg("Petugas '{username}' tidak ada.", username=username[:40])
            )
        )
    return int(row[0]), str(row[1])


def _figures(
    session: Session, ctx: ServiceContext, day: dt.date, tz: str, officer_id: int | None
) -> DayFigures:
    start, end = day_bounds(day, tz)
    labels = _Labels(ctx)
    who = aliased(Officer)

    q1: Any = (
        select(
            Enrolment.enrolled_at,
            Member.number,
            Member.nama,
            Member.nik,
            Enrolment.segment,
            Enrolment.occupation_code,
            Enrolment.channel,
            Member.kode_wilayah,
            Member.nik_district,
            Enrolment.funding_source,
            Enrolment.programmes,
            who.username,
        )
        .join(Member, Member.id == Enrolment.member_id)
        .join(who, who.id == Enrolment.officer_id)
        .where(Enrolment.business_date == day, _not_imported("enrolment", Enrolment.id))
    )
    if officer_id is not None:
        q1 = q1.where(Enrolment.officer_id == officer_id)
    enrolments = []
    for at, number, nama, nik, seg, occ, channel, kw, district, funding, progs, username in session.execute(
        q1
    ):
        regency = regency_of(kw, district)
        enrolments.append(
            EnrolmentRow(
                local_time=local_time(at, tz),
                number=number,
                name=nama,
                nik_masked=mask_nik(nik),
                segment=seg,
                occupation_code=occ,
                occupation_name=labels.occupation(occ),
                channel=channel,
                regency_code=regency,
                regency_name=labels.regency(regency),
                funding=funding,
                programmes=tuple(p for p in progs.split(",") if p),
                officer=username,
            )
        )

    batch = aliased(SponsorBatch)
    q3: Any = (
        select(
            Payment.receipt_no,
            Payment.method,
            Payment.total,
            who.username,
            batch.receipt_no,
            Payment.status,
            Payment.voided_at,
        )
        .join(who, who.id == Payment.officer_id)
        .outerjoin(batch, batch.id == Payment.sponsor_batch_id)
        .where(Payment.business_date == day, _not_imported("payment", Payment.id))
    )
    if officer_id is not None:
        q3 = q3.where(Payment.officer_id == officer_id)
    payments = [
        PaymentRow(
            rno,
            method,
            int(total),
            user,
            brno,
            status == PaymentStatus.VOID and voided_at is not None and voided_at < end,
        )
        for rno, method, total, user, brno, status, voided_at in session.execute(q3)
    ]
    todays = {p.receipt_no for p in payments}

    q5: Any = select(
        SponsorBatch.id,
        SponsorBatch.receipt_no,
        SponsorBatch.sponsor,
        SponsorBatch.method,
        SponsorBatch.total,
        SponsorBatch.member_count,
    ).where(SponsorBatch.business_date == day)
    if officer_id is not None:
        q5 = q5.where(SponsorBatch.officer_id == officer_id)
    batch_rows = session.execute(q5).all()
    voided_in_batch: dict[int, int] = {}
    if batch_rows:
        vq = (
            select(Payment.sponsor_batch_id, func.sum(Payment.total))
            .where(
                Payment.sponsor_batch_id.in_([b[0] for b in batch_rows]),
                Payment.status == PaymentStatus.VOID,
                Payment.voided_at < end,
            )
            .group_by(Payment.sponsor_batch_id)
        )
        voided_in_batch = {int(k or 0): int(v or 0) for k, v in session.execute(vq)}
    batches = [
        BatchRow(rno, sponsor, method, int(total), int(n), voided_in_batch.get(bid, 0))
        for bid, rno, sponsor, method, total, n in batch_rows
    ]

    voider = aliased(Officer)
    q7: Any = (
        select(
            Payment.receipt_no,
            Payment.method,
            Payment.total,
            Payment.business_date,
            Payment.voided_at,
            voider.username,
            Payment.void_reason,
        )
        .join(voider, voider.id == Payment.voided_by_id)
        .where(Payment.status == PaymentStatus.VOID, Payment.voided_at >= start, Payment.voided_at < end)
    )
    if officer_id is not None:
        q7 = q7.where(Payment.officer_id == officer_id)
    voids = [
        VoidRow(rno, method, int(total), paid_on, local_time(at, tz), user, reason or "", rno in todays)
        for rno, method, total, paid_on, at, user, reason in session.execute(q7)
    ]

    q9: Any = (
        select(Card.serial, Card.approved_by_id, Card.status, who.username)
        .join(who, who.id == Card.issued_by_id)
        .where(Card.business_date == day, _not_imported("card", Card.id))
    )
    if officer_id is not None:
        q9 = q9.where(Card.issued_by_id == officer_id)
    cards = [
        CardRow(serial, approved is not None, status == CardStatus.SPOILED, user)
        for serial, approved, status, user in session.execute(q9)
    ]

    proposer = aliased(Officer)
    q11: Any = (
        select(
            MemberCorrection.id, MemberCorrection.decided_at, Member.number, proposer.username, who.username
        )
        .join(Member, Member.id == MemberCorrection.member_id)
        .join(proposer, proposer.id == MemberCorrection.proposed_by_id)
        .join(who, who.id == MemberCorrection.decided_by_id)
        .where(
            MemberCorrection.status == CorrectionStatus.APPROVED,
            MemberCorrection.decided_at >= start,
            MemberCorrection.decided_at < end,
        )
    )
    if officer_id is not None:
        q11 = q11.where(MemberCorrection.proposed_by_id == officer_id)
    correction_rows = session.execute(q11).all()
    fields: dict[int, list[str]] = {}
    if correction_rows:
        for cid, field in session.execute(
            select(MemberCorrectionChange.correction_id, MemberCorrectionChange.field)
            .where(MemberCorrectionChange.correction_id.in_([r[0] for r in correction_rows]))
            .order_by(MemberCorrectionChange.id)
        ):
            fields.setdefault(int(cid), []).append(field)
    corrections = [
        CorrectionRow(local_time(at, tz), number, tuple(fields.get(cid, ())), prop, appr)
        for cid, at, number, prop, appr in correction_rows
    ]

    q13: Any = select(ImportedPackage).where(ImportedPackage.business_date == day)
    if officer_id is not None:
        q13 = q13.where(ImportedPackage.imported_by_id == officer_id)
    imports = [
        ImportRow(
            p.package_id,
            f"{p.source_code} {p.source_name}",
            p.members,
            p.payments,
            p.payments_amount,
            p.cards,
            p.conflicts,
        )
        for p in session.execute(q13.order_by(ImportedPackage.imported_at)).scalars()
    ]
    return summarise_day(
        enrolments=enrolments,
        payments=payments,
        batches=batches,
        voids=voids,
        cards=cards,
        corrections=corrections,
        imports=imports,
    )


def _day_head(session: Session, day: dt.date) -> tuple[int | None, str | None, int]:
    seq, count = session.execute(
        select(func.max(AuditEvent.seq), func.count(AuditEvent.seq)).where(AuditEvent.business_date == day)
    ).one()
    if seq is None:
        return None, None, 0
    h = session.execute(select(AuditEvent.hash).where(AuditEvent.seq == seq)).scalar_one()
    return int(seq), str(h), int(count)


@dataclass(frozen=True, slots=True)
class _Read:
    branch_code: str
    branch_name: str
    timezone: str
    officer_name: str | None
    figures: DayFigures
    head: tuple[int | None, str | None, int]
    closed: ClosedInfo | None
    cash_counts: tuple[CashCount, ...] = ()


def _cash_counts(session: Session, lock: DayLock, officer_id: int | None) -> tuple[CashCount, ...]:
    q: Any = (
        select(Officer.username, DayCashCount.expected, DayCashCount.counted, DayCashCount.reason)
        .join(Officer, Officer.id == DayCashCount.officer_id)
        .where(DayCashCount.day_lock_id == lock.id)
        .order_by(Officer.username)
    )
    if officer_id is not None:
        q = q.where(DayCashCount.officer_id == officer_id)
    return tuple(CashCount(u, int(e), int(c), r or "") for u, e, c, r in session.execute(q))


def _read_day(session: Session, ctx: ServiceContext, day: dt.date, officer: str | None) -> _Read:
    b = _branch(session)
    officer_id, officer_name = _officer_id(session, officer) if officer else (None, None)
    figures = _figures(session, ctx, day, b.timezone, officer_id)
    head = _day_head(session, day)
    lock = closed_lock(session, day)
    closed = None
    counts: tuple[CashCount, ...] = ()
    if lock is not None:
        counts = _cash_counts(session, lock, officer_id)
        by = session.get(Officer, lock.closed_by_id)
        assert by is not None
        closed = ClosedInfo(local_time(lock.closed_at, b.timezone), by.username, by.full_name)
        # A closed day shows the audit head recorded when it was closed (later logins are not the day's books).
        upto = session.execute(
            select(func.count(AuditEvent.seq)).where(
                AuditEvent.business_date == day, AuditEvent.seq <= (lock.audit_seq or 0)
            )
        ).scalar_one()
        head = (lock.audit_seq, lock.audit_hash, int(upto))
    return _Read(b.code, b.name, b.timezone, officer_name, figures, head, closed, counts)


def _check_scope(ctx: ServiceContext, actor: Actor, officer: str | None) -> None:
    """A supervisor sees the branch and every officer; an officer sees their own summary."""
    if officer is None or officer.strip().lower() != actor.username:
        authorize(ctx, actor, Permission.CLOSE_DAY)


def _check_date(ctx: ServiceContext, day: dt.date, tz: str) -> None:
    if day > business_date(ctx.clock(), tz):
        raise DomainError(
            Issue("tanggal", "day.future", msg("Tanggal {long_date} belum tiba.", long_date=long_date(day)))
        )


def _summary(
    ctx: ServiceContext,
    read: _Read,
    day: dt.date,
    officer: str | None,
    *,
    verify_chain: bool,
    closed: ClosedInfo | None = None,
    cash_counts: tuple[CashCount, ...] | None = None,
) -> DaySummary:
    if verify_chain:
        report = verify_audit(ctx)
        chain_ok, message = report.ok, report.message
    else:
        chain_ok, message = True, "tidak diperiksa"
    seq, h, events = read.head
    return DaySummary(
        branch_code=read.branch_code,
        branch_name=read.branch_name,
        timezone=read.timezone,
        tz_label=TIMEZONES.get(read.timezone, read.timezone),
        business_date=day,
        officer=officer.strip().lower() if officer else None,
        officer_name=read.officer_name,
        generated_at=local_time(ctx.clock(), read.timezone),
        figures=read.figures,
        audit=AuditHead(seq, h, events, chain_ok, message, None if seq is None else local_part(int(seq))),
        closed=closed or read.closed,
        cash_counts=read.cash_counts if cash_counts is None else cash_counts,
    )


def day_summary(
    ctx: ServiceContext,
    actor: Actor,
    day: dt.date,
    *,
    officer: str | None = None,
    verify_chain: bool = True,
) -> DaySummary:
    """The day's figures for the branch (supervisor) or for ``officer`` (the officer themself or a
    supervisor). ``verify_chain`` checks the whole audit chain (seconds on a million events)."""
    _check_scope(ctx, actor, officer)
    read = ctx.read(lambda s: _read_day(s, ctx, day, officer))
    return _summary(ctx, read, day, officer, verify_chain=verify_chain)


def summary_pdf(summary: DaySummary) -> bytes:
    """The day summary as the PDF that closing the day archives and prints."""
    ensure_fonts()
    return render_day_summary(summary)


def day_report(
    ctx: ServiceContext,
    actor: Actor,
    day: dt.date,
    *,
    officer: str | None = None,
    verify_chain: bool = True,
) -> tuple[DaySummary, bytes]:
    """The summary and its PDF (what ``loket report day`` and the GUI's preview use)."""
    summary = day_summary(ctx, actor, day, officer=officer, verify_chain=verify_chain)
    return summary, summary_pdf(summary)
