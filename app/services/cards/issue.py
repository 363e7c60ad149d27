"""Issuing a card: the member checked, the face and its signed QR, the row written; preview and spoil."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card
from app.db.models import Member, Officer
from app.domain.cards import (
    CARD_STATUS_LABELS,
    CardClaims,
    card_serial,
    encode_card,
    parse_serial,
)
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.reasons import clean_reason
from app.domain.reference import PROGRAMMES
from app.domain.roles import Permission
from app.domain.states import CardStatus, RecordStatus
from app.infra.card_copy import load_card_copy
from app.infra.card_keys import SigningKey
from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.card import BenefitText, CardFace, render_card
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.card_keys import ensure_published, require_branch, signing_key
from app.services.cards.dto import PREVIEW_QR, RECORD_STATUS_LABELS, CardDTO, IssuedCard
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor, BranchDTO

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
            Issue(
                "nomor",
                "member.not_found",
                msg("Peserta dengan nomor {number} tidak ditemukan.", number=number),
            )
        )
    return m


def _check_printable(m: Member) -> None:
    if m.record_status != RecordStatus.ACTIVE:
        raise DomainError(
            Issue(
                "nomor",
                "card.member_inactive",
                msg(
                    "Peserta {number} berstatus {record_status_labels}; kartu tidak dapat dicetak.",
                    number=m.number,
                    record_status_labels=RECORD_STATUS_LABELS.get(m.record_status, m.record_status),
                ),
            )
        )
    if not m.enrolments:
        raise DomainError(
            Issue(
                "nomor",
                "card.no_enrolment",
                msg("Peserta {number} belum memiliki kepesertaan.", number=m.number),
            )
        )


def _issued_card(session: Session, member_id: int) -> Card | None:
    return session.execute(
        select(Card)
        .where(Card.member_id == member_id, Card.status == CardStatus.ISSUED)
        .order_by(Card.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


def _already_issued(serial: str) -> Issue:
    return Issue(
        "nomor",
        "card.already_issued",
        msg(
            "Kartu seri {serial} masih berlaku. Cetak ulang memerlukan alasan dan persetujuan supervisor.",
            serial=serial,
        ),
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
        status=CardStatus.ISSUED,
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
    """Register the fonts card PDFs print with (a no-op after the first call)."""
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
    why = clean_reason(reason, lo=3, hi=200)
    if why is None:
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
                Issue(
                    "serial",
                    "card.not_found",
                    msg("Kartu seri {serial} tidak tercatat di sini.", serial=serial.strip()),
                )
            )
        if card.status != CardStatus.ISSUED:
            raise DomainError(
                Issue(
                    "serial",
                    "card.not_issued",
                    msg(
                        "Kartu seri {serial} sudah berstatus {card_status_labels}.",
                        serial=card.serial,
                        card_status_labels=CARD_STATUS_LABELS[card.status].lower(),
                    ),
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
        card.status, card.status_note, card.status_at, card.status_by_id = "spoiled", why, now, actor.id
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="card.spoil",
            entity="card",
            entity_id=card.serial,
            member_id=card.member_id,
            details={"reason": why},
        )
        number = session.execute(select(Member.number).where(Member.id == card.member_id)).scalar_one()
        return _card_dtos(session, [card], {card.member_id: number})[0]

    result: CardDTO = ctx.write(work)
    return result
