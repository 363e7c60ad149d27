"""Card life: issue, preview, spoil, reprint with a supervisor's approval, A4 sheets, verification.

Every printed card has a serial (``<number>-<k>``, the k-th card of that member) and a row in
``card``. A member has at most one *issued* card; a reprint revokes it, a print failure marks it
spoiled, and a scanned QR whose serial is revoked or spoiled is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card, CardReprint
from app.db.models import Enrolment, Member, Officer
from app.domain.cards import (
    CARD_STATUS_LABELS,
    REPRINT_REASONS,
    CardCheck,
    CardClaims,
    card_serial,
    encode_card,
    parse_serial,
    verify_card,
)
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.reference import PROGRAMMES
from app.domain.roles import Permission
from app.infra.card_copy import load_card_copy
from app.infra.card_keys import SigningKey
from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.card import BenefitText, CardFace, render_card
from app.pdf.card_sheet import render_card_sheet
from app.services.audit import append_event
from app.services.auth import authorize, login
from app.services.card_keys import ensure_published, require_branch, signing_key, trusted_keys
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor, BranchDTO

RECORD_STATUS_LABELS = {
    "ACTIVE": "Aktif",
    "DEACTIVATED": "Nonaktif",
    "MERGED": "Digabung ke nomor lain",
}
PREVIEW_QR = "LOKET CONTOH KARTU BELUM DITERBITKAN"


# --- DTOs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardDTO:
    """One printed card as recorded."""

    serial: str
    number: str
    seq: int
    key_id: str
    issued_at: dt.datetime
    business_date: dt.date
    issued_by: str
    counter: str
    status: str  # issued | revoked | spoiled
    status_label: str
    status_reason: str | None  # reprint reason code when revoked
    status_note: str | None
    status_at: dt.datetime | None
    status_by: str | None
    approved_by: str | None  # the supervisor who approved this card, for reprints

    def as_json(self) -> dict[str, Any]:
        return {
            "serial": self.serial,
            "number": self.number,
            "seq": self.seq,
            "key_id": self.key_id,
            "issued_at": self.issued_at.isoformat(),
            "business_date": self.business_date.isoformat(),
            "issued_by": self.issued_by,
            "counter": self.counter,
            "status": self.status,
            "status_label": self.status_label,
            "status_reason": self.status_reason,
            "status_note": self.status_note,
            "status_at": self.status_at.isoformat() if self.status_at else None,
            "status_by": self.status_by,
            "approved_by": self.approved_by,
        }


@dataclass(frozen=True, slots=True)
class IssuedCard:
    """A card just recorded: its row and what to print (render with :func:`card_pdf`)."""

    card: CardDTO
    face: CardFace


@dataclass(frozen=True, slots=True)
class ReprintRequestDTO:
    id: int
    number: str
    reason: str
    reason_label: str
    note: str | None
    status: str  # pending | approved | rejected
    requested_by: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    old_serial: str | None
    new_serial: str | None


@dataclass(frozen=True, slots=True)
class SkippedMember:
    key: str  # the number as given
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class SheetResult:
    """An A4 sheet print: the PDF (None when nothing was printable), the cards recorded, and the
    members left out with the reason."""

    pdf: bytes | None
    cards: tuple[CardDTO, ...]
    skipped: tuple[SkippedMember, ...]


@dataclass(frozen=True, slots=True)
class MemberStanding:
    """The member as this database knows them now (only when the number is ours)."""

    number: str
    name: str
    record_status: str
    record_status_label: str
    segment: str | None
    programmes: tuple[str, ...]
    card_status: str | None  # status of the scanned serial here; None when this serial is unknown
    current_serial: str | None  # the member's issued card, if any


@dataclass(frozen=True, slots=True)
class CardVerification:
    valid: bool
    reason: str | None  # malformed | unknown_key | bad_signature | revoked | expired
    message: str
    key_id: str | None = None
    issuer: str | None = None  # "KCP Indralaya (101)" from the keyring
    number: str | None = None
    name: str | None = None
    birth_date: dt.date | None = None
    programmes: tuple[str, ...] = ()
    serial: str | None = None
    issued_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    member: MemberStanding | None = None

    def as_json(self) -> dict[str, Any]:
        member = None
        if self.member is not None:
            m = self.member
            member = {
                "number": m.number,
                "name": m.name,
                "record_status": m.record_status,
                "record_status_label": m.record_status_label,
                "segment": m.segment,
                "programmes": list(m.programmes),
                "card_status": m.card_status,
                "current_serial": m.current_serial,
            }
        return {
            "valid": self.valid,
            "reason": self.reason,
            "message": self.message,
            "key_id": self.key_id,
            "issuer": self.issuer,
            "number": self.number,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "programmes": list(self.programmes),
            "serial": self.serial,
            "issued_at": self.issued_at.isoformat() if self.issued_at else None,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "member": member,
        }


# --- helpers ----------------------------------------------------------------------------------


def _number(text: str) -> MembershipNumber:
    parsed = parse_number(text)
    if isinstance(parsed, Issue):
        raise DomainError(parsed)
    return parsed


def _usernames(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(Officer.id, Officer.username).where(Officer.id.in_(wanted)))
    return {officer_id: username for officer_id, username in rows}


def _card_dtos(session: Session, cards: Sequence[Card], numbers: dict[int, str]) -> list[CardDTO]:
    names = _usernames(
        session,
        {c.issued_by_id for c in cards} | {c.status_by_id for c in cards} | {c.approved_by_id for c in cards},
    )
    return [
        CardDTO(
            serial=c.serial,
            number=numbers[c.member_id],
            seq=c.seq,
            key_id=c.key_id,
            issued_at=c.issued_at,
            business_date=c.business_date,
            issued_by=names.get(c.issued_by_id, "?"),
            counter=c.counter,
            status=c.status,
            status_label=CARD_STATUS_LABELS[c.status],
            status_reason=c.status_reason,
            status_note=c.status_note,
            status_at=c.status_at,
            status_by=names.get(c.status_by_id) if c.status_by_id else None,
            approved_by=names.get(c.approved_by_id) if c.approved_by_id else None,
        )
        for c in cards
    ]


def _load_member(session: Session, number: str) -> Member:
    m = session.execute(
        select(Member).where(Member.number == number).options(selectinload(Member.enrolments))
    ).scalar_one_or_none()
    if m is None:
        raise DomainError(
            Issue("nomor", "member.not_found", f"Peserta dengan nomor {number} tidak ditemukan.")
        )
    return m


def _check_printable(m: Member) -> None:
    if m.record_status != "ACTIVE":
        raise DomainError(
            Issue(
                "nomor",
                "card.member_inactive",
                f"Peserta {m.number} berstatus {RECORD_STATUS_LABELS.get(m.record_status, m.record_status)}; "
                "kartu tidak dapat dicetak.",
            )
        )
    if not m.enrolments:
        raise DomainError(
            Issue("nomor", "card.no_enrolment", f"Peserta {m.number} belum memiliki kepesertaan.")
        )


def _issued_card(session: Session, member_id: int) -> Card | None:
    return session.execute(
        select(Card)
        .where(Card.member_id == member_id, Card.status == "issued")
        .order_by(Card.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


def _already_issued(serial: str) -> Issue:
    return Issue(
        "nomor",
        "card.already_issued",
        f"Kartu seri {serial} masih berlaku. Cetak ulang memerlukan alasan dan persetujuan supervisor.",
    )


def _programmes(m: Member) -> tuple[str, ...]:
    current = set(m.enrolments[-1].programmes.split(","))
    return tuple(p for p in PROGRAMMES if p in current)


@dataclass(frozen=True, slots=True)
class _Holder:
    """What a card needs of its member, read inside a transaction (ORM objects stay there)."""

    id: int
    number: str
    name: str
    birth_date: dt.date
    segment: str
    programmes: tuple[str, ...]
    member_since: dt.date


def _holder(m: Member) -> _Holder:
    return _Holder(
        id=m.id,
        number=m.number,
        name=m.nama,
        birth_date=m.tanggal_lahir,
        segment=m.enrolments[-1].segment,
        programmes=_programmes(m),
        member_since=min(x.business_date for x in m.enrolments),
    )


def _face(
    ctx: ServiceContext,
    m: _Holder,
    branch: BranchDTO,
    *,
    serial: str,
    issued_on: dt.date,
    key_id: str,
    qr_text: str,
    preview: bool = False,
) -> CardFace:
    programmes = m.programmes
    rule = ctx.reference.eligibility.segments.get(m.segment)
    copy = load_card_copy()
    return CardFace(
        number=m.number,
        number_grouped=MembershipNumber(m.number).grouped(),
        name=m.name,
        segment=m.segment,
        segment_label=rule.label.split(" (")[0] if rule else m.segment,
        programmes=programmes,
        member_since=m.member_since,
        serial=serial,
        issued_on=issued_on,
        branch_code=branch.code,
        branch_name=branch.name,
        key_id=key_id,
        qr_text=qr_text,
        benefits=tuple(
            BenefitText(p, copy.programmes[p].label, copy.programmes[p].card)
            for p in programmes
            if p in copy.programmes
        ),
        found_card=copy.found_card,
        terms=copy.card_terms,
        contact_centre=copy.contact_centre,
        preview=preview,
    )


def _next_seq(session: Session, member_id: int) -> int:
    return (
        int(session.execute(select(func.max(Card.seq)).where(Card.member_id == member_id)).scalar() or 0) + 1
    )


def _sign(m: _Holder, seq: int, now: dt.datetime, key: SigningKey) -> tuple[str, str]:
    serial = card_serial(m.number, seq)
    claims = CardClaims(
        number=m.number,
        name=m.name,
        birth_date=m.birth_date,
        programmes=m.programmes,
        serial=serial,
        issued_at=now,
        key_id=key.key_id,
    )
    return serial, encode_card(claims, key.sign)


def _new_card(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    m: Member,
    branch: BranchDTO,
    key: SigningKey,
    *,
    approved_by: Actor | None = None,
    details: dict[str, Any] | None = None,
) -> tuple[Card, CardFace]:
    now = ctx.clock().astimezone(dt.UTC).replace(microsecond=0)  # the QR keeps whole seconds
    ensure_day_open(session, ctx, now)  # issue and reprint: refused when today is closed
    seq = _next_seq(session, m.id)
    holder = _holder(m)
    serial, qr_text = _sign(holder, seq, now, key)
    issued_on = business_date(now, branch.timezone)
    card = Card(
        serial=serial,
        member_id=m.id,
        seq=seq,
        key_id=key.key_id,
        issued_at=now,
        business_date=issued_on,
        issued_by_id=actor.id,
        counter=ctx.counter,
        approved_by_id=approved_by.id if approved_by else None,
        status="issued",
    )
    session.add(card)
    session.flush()
    ensure_published(session, ctx, key, branch)
    append_event(
        session,
        ctx,
        actor=actor,
        action="card.issue",
        entity="card",
        entity_id=serial,
        member_id=m.id,
        details={"key_id": key.key_id, "seq": seq, **(details or {})},
        at=now,
    )
    face = _face(ctx, holder, branch, serial=serial, issued_on=issued_on, key_id=key.key_id, qr_text=qr_text)
    return card, face


def _write_card(ctx: ServiceContext, work: Any) -> Any:
    try:
        return ctx.write(work)
    except IntegrityError as exc:
        # Another counter printed a card for the same member at the same moment.
        raise DomainError(
            Issue(
                "nomor",
                "card.concurrent",
                "Kartu peserta ini baru saja dicetak di loket lain. Periksa riwayat kartu.",
            )
        ) from exc


# --- rendering ----------------------------------------------------------------------------------


def ensure_fonts() -> None:
    fonts.register(resources_dir() / "fonts")


def card_pdf(face: CardFace) -> bytes:
    """The card as a two-page PDF (front, back) at exactly 85.60 × 53.98 mm."""
    ensure_fonts()
    return render_card(face)


# --- issuing ---------------------------------------------------------------------------------------


def preview_card(ctx: ServiceContext, actor: Actor, number: str) -> CardFace:
    """What the next card will look like, watermarked "CONTOH" and with a QR that proves nothing.
    Nothing is recorded."""
    authorize(ctx, actor, Permission.PRINT)
    parsed = _number(number)
    branch = require_branch(ctx)

    def work(session: Session) -> CardFace:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        seq = _next_seq(session, m.id)
        today = business_date(ctx.clock(), branch.timezone)
        return _face(
            ctx,
            _holder(m),
            branch,
            serial=card_serial(m.number, seq),
            issued_on=today,
            key_id="--------",
            qr_text=PREVIEW_QR,
            preview=True,
        )

    return ctx.read(work)


def issue_card(ctx: ServiceContext, actor: Actor, number: str) -> IssuedCard:
    """Record and sign the member's card. Refused while an earlier card is still valid."""
    authorize(ctx, actor, Permission.PRINT)
    parsed = _number(number)
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=actor)
    ensure_fonts()  # before the transaction: the first registration takes a moment

    def work(session: Session) -> IssuedCard:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        current = _issued_card(session, m.id)
        if current is not None:
            raise DomainError(_already_issued(current.serial))
        card, face = _new_card(session, ctx, actor, m, branch, key)
        return IssuedCard(_card_dtos(session, [card], {m.id: m.number})[0], face)

    result: IssuedCard = _write_card(ctx, work)
    return result


def member_cards(ctx: ServiceContext, number: str) -> list[CardDTO]:
    """Every card printed for ``number``, oldest first."""
    parsed = _number(number)

    def work(session: Session) -> list[CardDTO]:
        m = _load_member(session, parsed.value)
        cards = session.execute(select(Card).where(Card.member_id == m.id).order_by(Card.seq)).scalars().all()
        return _card_dtos(session, cards, {m.id: m.number})

    return ctx.read(work)


def spoil_card(ctx: ServiceContext, actor: Actor, serial: str, reason: str) -> CardDTO:
    """Record a print that failed (jam, misprint): the serial stops being valid.

    Only on the day the card was printed; a card already handed out is replaced through a reprint.
    """
    authorize(ctx, actor, Permission.PRINT)
    reason = " ".join(reason.split())
    if len(reason) < 3 or len(reason) > 200:
        raise DomainError(
            Issue(
                "reason",
                "card.spoil_reason",
                "Tulis alasan rusak cetak, 3–200 karakter (mis. printer macet).",
            )
        )
    if parse_serial(serial) is None:
        raise DomainError(
            Issue("serial", "card.serial", "Seri kartu ditulis NOMOR-URUT, mis. 10100000013-1.")
        )
    branch = require_branch(ctx)

    def work(session: Session) -> CardDTO:
        card = session.execute(select(Card).where(Card.serial == serial.strip())).scalar_one_or_none()
        if card is None:
            raise DomainError(
                Issue("serial", "card.not_found", f"Kartu seri {serial.strip()} tidak tercatat di sini.")
            )
        if card.status != "issued":
            raise DomainError(
                Issue(
                    "serial",
                    "card.not_issued",
                    f"Kartu seri {card.serial} sudah berstatus {CARD_STATUS_LABELS[card.status].lower()}.",
                )
            )
        now = ctx.clock()
        ensure_day_open(session, ctx, now)
        if card.business_date != business_date(now, branch.timezone):
            raise DomainError(
                Issue(
                    "serial",
                    "card.spoil_late",
                    "Rusak cetak hanya dicatat pada hari kartu dicetak. Kartu yang sudah diserahkan "
                    "diganti lewat cetak ulang dengan persetujuan supervisor.",
                )
            )
        card.status, card.status_note, card.status_at, card.status_by_id = "spoiled", reason, now, actor.id
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="card.spoil",
            entity="card",
            entity_id=card.serial,
            member_id=card.member_id,
            details={"reason": reason},
        )
        number = session.execute(select(Member.number).where(Member.id == card.member_id)).scalar_one()
        return _card_dtos(session, [card], {card.member_id: number})[0]

    result: CardDTO = ctx.write(work)
    return result


# --- reprints ------------------------------------------------------------------------------------


def _check_reason(reason: str, note: str | None) -> tuple[str, str | None]:
    if reason not in REPRINT_REASONS:
        raise DomainError(
            Issue(
                "reason",
                "card.reprint_reason",
                "Alasan cetak ulang harus salah satu dari: " + ", ".join(REPRINT_REASONS) + ".",
            )
        )
    note = " ".join(note.split()) if note else None
    if note and len(note) > 200:
        raise DomainError(
            Issue("note", "card.reprint_note", "Catatan cetak ulang paling banyak 200 karakter.")
        )
    return reason, note or None


def _approver(ctx: ServiceContext, username: str, password: str) -> Actor:
    """The supervisor approving, after re-entering their password."""
    approver = login(ctx, username, password)
    authorize(ctx, approver, Permission.APPROVE)
    return approver


def _request_reprint(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    member: Member,
    current: Card,
    reason: str,
    note: str | None,
) -> CardReprint:
    """A pending reprint request for ``current`` (audited); approval revokes the old serial."""
    req = CardReprint(
        member_id=member.id,
        reason=reason,
        note=note,
        status="pending",
        requested_by_id=actor.id,
        requested_at=ctx.clock(),
        old_card_id=current.id,
    )
    session.add(req)
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action="card.reprint_request",
        entity="card_reprint",
        entity_id=str(req.id),
        member_id=member.id,
        details={"reason": reason, "serial": current.serial},
    )
    return req


def _reprint_dto(session: Session, r: CardReprint) -> ReprintRequestDTO:
    names = _usernames(session, {r.requested_by_id, r.decided_by_id})
    rows = session.execute(
        select(Card.id, Card.serial).where(Card.id.in_([r.old_card_id or 0, r.new_card_id or 0]))
    )
    serials = {card_id: serial for card_id, serial in rows}
    number = session.execute(select(Member.number).where(Member.id == r.member_id)).scalar_one()
    return ReprintRequestDTO(
        id=r.id,
        number=number,
        reason=r.reason,
        reason_label=REPRINT_REASONS[r.reason],
        note=r.note,
        status=r.status,
        requested_by=names.get(r.requested_by_id, "?"),
        requested_at=r.requested_at,
        decided_by=names.get(r.decided_by_id) if r.decided_by_id else None,
        decided_at=r.decided_at,
        old_serial=serials.get(r.old_card_id) if r.old_card_id else None,
        new_serial=serials.get(r.new_card_id) if r.new_card_id else None,
    )


def _current_for_reprint(session: Session, m: Member) -> Card:
    current = _issued_card(session, m.id)
    if current is None:
        raise DomainError(
            Issue(
                "nomor",
                "card.none_issued",
                f"Peserta {m.number} tidak memiliki kartu yang berlaku; cetak kartu biasa (tanpa cetak ulang).",
            )
        )
    return current


def _approve_in(
    session: Session,
    ctx: ServiceContext,
    req: CardReprint,
    m: Member,
    requester: Actor,
    approver: Actor,
    branch: BranchDTO,
    key: SigningKey,
) -> IssuedCard:
    now = ctx.clock()
    old = _current_for_reprint(session, m)
    old.status, old.status_reason, old.status_note = "revoked", req.reason, req.note
    old.status_at, old.status_by_id = now, approver.id
    session.flush()
    append_event(
        session,
        ctx,
        actor=approver,
        action="card.revoke",
        entity="card",
        entity_id=old.serial,
        member_id=m.id,
        details={"reason": req.reason, "reprint_request": req.id},
    )
    card, face = _new_card(
        session,
        ctx,
        requester,
        m,
        branch,
        key,
        approved_by=approver,
        details={"reprint_of": old.serial, "reason": req.reason, "approved_by": approver.username},
    )
    req.status, req.decided_by_id, req.decided_at = "approved", approver.id, now
    req.old_card_id, req.new_card_id = old.id, card.id
    session.flush()
    append_event(
        session,
        ctx,
        actor=approver,
        action="card.reprint_approve",
        entity="card_reprint",
        entity_id=str(req.id),
        member_id=m.id,
        details={"old": old.serial, "new": card.serial, "reason": req.reason},
    )
    return IssuedCard(_card_dtos(session, [card], {m.id: m.number})[0], face)


def request_reprint(
    ctx: ServiceContext, actor: Actor, number: str, *, reason: str, note: str | None = None
) -> ReprintRequestDTO:
    """File a reprint request for a supervisor to approve later (see :func:`approve_reprint`)."""
    authorize(ctx, actor, Permission.PRINT)
    reason, note = _check_reason(reason, note)
    parsed = _number(number)

    def work(session: Session) -> ReprintRequestDTO:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        current = _current_for_reprint(session, m)
        pending = session.execute(
            select(CardReprint.id).where(CardReprint.member_id == m.id, CardReprint.status == "pending")
        ).scalar()
        if pending is not None:
            raise DomainError(
                Issue(
                    "nomor",
                    "card.reprint_pending",
                    f"Permintaan cetak ulang #{pending} masih menunggu persetujuan.",
                )
            )
        req = _request_reprint(session, ctx, actor, m, current, reason, note)
        return _reprint_dto(session, req)

    result: ReprintRequestDTO = ctx.write(work)
    return result


def pending_reprints(ctx: ServiceContext) -> list[ReprintRequestDTO]:
    def work(session: Session) -> list[ReprintRequestDTO]:
        rows = session.execute(
            select(CardReprint).where(CardReprint.status == "pending").order_by(CardReprint.id)
        ).scalars()
        return [_reprint_dto(session, r) for r in rows]

    return ctx.read(work)


def approve_reprint(
    ctx: ServiceContext, request_id: int, *, approver_username: str, approver_password: str
) -> IssuedCard:
    """A supervisor approves a pending request: the old serial is revoked, a new card is signed."""
    approver = _approver(ctx, approver_username, approver_password)
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=approver)
    ensure_fonts()

    def work(session: Session) -> IssuedCard:
        req = _pending_reprint(session, request_id)
        m = session.execute(
            select(Member).where(Member.id == req.member_id).options(selectinload(Member.enrolments))
        ).scalar_one()
        _check_printable(m)
        requester = session.get(Officer, req.requested_by_id)
        assert requester is not None
        by = Actor(requester.id, requester.username, requester.full_name, requester.role)
        return _approve_in(session, ctx, req, m, by, approver, branch, key)

    result: IssuedCard = _write_card(ctx, work)
    return result


def _pending_reprint(session: Session, request_id: int) -> CardReprint:
    """The reprint request, refused unless it still waits for a supervisor's decision."""
    req = session.get(CardReprint, request_id)
    if req is None or req.status != "pending":
        raise DomainError(
            Issue(
                "request", "card.reprint_not_pending", f"Permintaan cetak ulang #{request_id} tidak menunggu."
            )
        )
    return req


def reject_reprint(
    ctx: ServiceContext, approver: Actor, request_id: int, *, note: str | None = None
) -> ReprintRequestDTO:
    authorize(ctx, approver, Permission.APPROVE)

    def work(session: Session) -> ReprintRequestDTO:
        req = _pending_reprint(session, request_id)
        req.status, req.decided_by_id, req.decided_at = "rejected", approver.id, ctx.clock()
        if note:
            req.note = " ".join(f"{req.note or ''} / ditolak: {note}".split())[:200]
        session.flush()
        append_event(
            session,
            ctx,
            actor=approver,
            action="card.reprint_reject",
            entity="card_reprint",
            entity_id=str(req.id),
            member_id=req.member_id,
        )
        return _reprint_dto(session, req)

    result: ReprintRequestDTO = ctx.write(work)
    return result


def reprint_card(
    ctx: ServiceContext,
    actor: Actor,
    number: str,
    *,
    reason: str,
    note: str | None = None,
    approver_username: str,
    approver_password: str,
) -> IssuedCard:
    """Request and approve in one step, the supervisor standing at the counter: checks the
    supervisor's password first, then revokes the old serial and signs the new card together."""
    authorize(ctx, actor, Permission.PRINT)
    reason, note = _check_reason(reason, note)
    parsed = _number(number)
    approver = _approver(ctx, approver_username, approver_password)
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=actor)
    ensure_fonts()

    def work(session: Session) -> IssuedCard:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        current = _current_for_reprint(session, m)
        req = _request_reprint(session, ctx, actor, m, current, reason, note)
        return _approve_in(session, ctx, req, m, actor, approver, branch, key)

    result: IssuedCard = _write_card(ctx, work)
    return result


# --- sheets ------------------------------------------------------------------------------------


def _members_for_sheet(
    session: Session, numbers: Sequence[str] | None, enrolled_on: dt.date | None
) -> tuple[list[tuple[_Holder, int]], list[SkippedMember]]:
    """Printable members with their next card sequence, and those left out."""
    skipped: list[SkippedMember] = []
    wanted: list[str] = []
    if numbers is not None:
        for raw in numbers:
            parsed = parse_number(raw)
            if isinstance(parsed, Issue):
                skipped.append(SkippedMember(raw.strip(), parsed.code, parsed.message))
            elif parsed.value not in wanted:
                wanted.append(parsed.value)
        stmt = select(Member).where(Member.number.in_(wanted))
    else:
        assert enrolled_on is not None
        ids = select(Enrolment.member_id).where(Enrolment.business_date == enrolled_on)
        stmt = select(Member).where(Member.id.in_(ids))
    found = {m.number: m for m in session.execute(stmt.options(selectinload(Member.enrolments))).scalars()}
    order = wanted if numbers is not None else sorted(found)
    members: list[Member] = []
    issued_rows = session.execute(
        select(Card.member_id, Card.serial).where(
            Card.member_id.in_([m.id for m in found.values()]), Card.status == "issued"
        )
    )
    issued = {member_id: serial for member_id, serial in issued_rows}
    for number in order:
        m = found.get(number)
        if m is None:
            skipped.append(SkippedMember(number, "member.not_found", f"Peserta {number} tidak ditemukan."))
            continue
        try:
            _check_printable(m)
        except DomainError as exc:
            skipped.append(SkippedMember(number, exc.issues[0].code, exc.issues[0].message))
            continue
        if m.id in issued:
            issue = _already_issued(issued[m.id])
            skipped.append(SkippedMember(number, issue.code, issue.message))
            continue
        members.append(m)
    seq_rows = session.execute(
        select(Card.member_id, func.max(Card.seq))
        .where(Card.member_id.in_([m.id for m in members]))
        .group_by(Card.member_id)
    )
    seqs = {member_id: seq for member_id, seq in seq_rows}
    return [(_holder(m), int(seqs.get(m.id) or 0) + 1) for m in members], skipped


def print_card_sheet(
    ctx: ServiceContext,
    actor: Actor,
    *,
    numbers: Sequence[str] | None = None,
    enrolled_on: dt.date | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    workers: int | None = None,
) -> SheetResult:
    """A4 sheets of 10 cards for the given numbers, or for everyone enrolled on ``enrolled_on``.

    Members who already hold a valid card are skipped (they need a reprint). The PDF is made first
    and the cards are recorded only when it is complete, so a cancel (``Cancelled``) leaves nothing.
    """
    authorize(ctx, actor, Permission.PRINT)
    if (numbers is None) == (enrolled_on is None):
        raise ValueError("give numbers or enrolled_on")
    branch = require_branch(ctx)
    members, skipped = ctx.read(lambda s: _members_for_sheet(s, numbers, enrolled_on))
    if not members:
        return SheetResult(None, (), tuple(skipped))
    key = signing_key(ctx, branch, actor=actor)
    ensure_fonts()
    now = ctx.clock().astimezone(dt.UTC).replace(microsecond=0)
    issued_on = business_date(now, branch.timezone)
    faces: list[CardFace] = []
    for m, seq in members:
        serial, qr_text = _sign(m, seq, now, key)
        faces.append(
            _face(ctx, m, branch, serial=serial, issued_on=issued_on, key_id=key.key_id, qr_text=qr_text)
        )
    pdf = render_card_sheet(faces, progress=progress, cancel=cancel, workers=workers)
    progress(len(faces), len(faces), "Menyimpan catatan kartu…")

    def work(session: Session) -> list[CardDTO]:
        ensure_day_open(session, ctx, now)
        cards: list[Card] = []
        ids = [m.id for m, _seq in members]
        meanwhile = session.execute(
            select(Card.serial).where(Card.member_id.in_(ids), Card.status == "issued").limit(1)
        ).scalar()
        if meanwhile is not None:
            raise DomainError(
                Issue("nomor", "card.concurrent", f"Kartu seri {meanwhile} baru saja dicetak di loket lain.")
            )
        for (m, _seq), face in zip(members, faces, strict=True):
            seq = int(face.serial.rsplit("-", 1)[1])
            card = Card(
                serial=face.serial,
                member_id=m.id,
                seq=seq,
                key_id=key.key_id,
                issued_at=now,
                business_date=issued_on,
                issued_by_id=actor.id,
                counter=ctx.counter,
                status="issued",
            )
            session.add(card)
            cards.append(card)
        session.flush()
        ensure_published(session, ctx, key, branch)
        for (m, _seq), card in zip(members, cards, strict=True):
            append_event(
                session,
                ctx,
                actor=actor,
                action="card.issue",
                entity="card",
                entity_id=card.serial,
                member_id=m.id,
                details={"key_id": key.key_id, "seq": card.seq, "sheet": True},
                at=now,
            )
        return _card_dtos(session, cards, {m.id: m.number for m, _seq in members})

    recorded: list[CardDTO] = _write_card(ctx, work)
    return SheetResult(pdf, tuple(recorded), tuple(skipped))


# --- verification --------------------------------------------------------------------------------


class _RevocationList:
    """The ``revoked`` container the domain asks: one indexed lookup of the scanned serial."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.row: Card | None = None

    def __contains__(self, serial: object) -> bool:
        self.row = self.session.execute(select(Card).where(Card.serial == serial)).scalar_one_or_none()
        return self.row is not None and self.row.status in ("revoked", "spoiled")


def _standing(session: Session, number: str, serial: str | None) -> MemberStanding | None:
    m = session.execute(
        select(Member)
        .where(Member.number == number)
        .options(selectinload(Member.enrolments))
        .order_by(Member.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if m is None:
        return None
    card = session.execute(select(Card).where(Card.serial == serial)).scalar_one_or_none() if serial else None
    current = _issued_card(session, m.id)
    return MemberStanding(
        number=m.number,
        name=m.nama,
        record_status=m.record_status,
        record_status_label=RECORD_STATUS_LABELS.get(m.record_status, m.record_status),
        segment=m.enrolments[-1].segment if m.enrolments else None,
        programmes=_programmes(m) if m.enrolments else (),
        card_status=card.status if card else None,
        current_serial=current.serial if current else None,
    )


def verify_card_text(ctx: ServiceContext, text: str, actor: Actor | None = None) -> CardVerification:
    """Check what a scanner or a paste delivered. Pure reading: nothing is written."""
    if actor is not None:
        authorize(ctx, actor, Permission.VERIFY)

    def work(session: Session) -> CardVerification:
        keys = trusted_keys(ctx, session)
        revoked = _RevocationList(session)
        check: CardCheck = verify_card(
            text, trusted={k: r.public_key for k, r in keys.items()}, revoked=revoked, now=ctx.clock()
        )
        record = keys.get(check.key_id or "")
        issuer = f"{record.branch_name} ({record.branch_code})" if record else None
        c = check.claims
        message = check.message
        if check.reason == "revoked" and revoked.row is not None:
            message = _revoked_message(session, revoked.row)
        standing = _standing(session, c.number, c.serial) if c else None
        return CardVerification(
            valid=check.valid,
            reason=check.reason,
            message=message,
            key_id=check.key_id,
            issuer=issuer,
            number=c.number if c else None,
            name=c.name if c else None,
            birth_date=c.birth_date if c else None,
            programmes=c.programmes if c else (),
            serial=c.serial if c else None,
            issued_at=c.issued_at if c else None,
            expires_at=c.expires_at if c else None,
            member=standing,
        )

    return ctx.read(work)


def _revoked_message(session: Session, card: Card) -> str:
    when = f" pada {card.status_at:%d-%m-%Y}" if card.status_at else ""
    if card.status == "spoiled":
        return f"Kartu seri {card.serial} tercatat RUSAK CETAK{when} dan tidak berlaku."
    reason = REPRINT_REASONS.get(card.status_reason or "", "cetak ulang").lower()
    newer = session.execute(
        select(Card.serial).where(Card.member_id == card.member_id, Card.status == "issued").limit(1)
    ).scalar()
    replaced = f" Kartu yang berlaku: seri {newer}." if newer else ""
    return f"Kartu seri {card.serial} sudah DICABUT{when} ({reason}). Tidak berlaku.{replaced}"
