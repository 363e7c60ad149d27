"""Verifying a scanned card: its signature, its serial's standing here and in the region."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card
from app.db.models import Member
from app.db.region_models import RegionCardRevocation
from app.domain.cards import (
    REPRINT_REASONS,
    CardCheck,
    verify_card,
)
from app.domain.roles import Permission
from app.domain.states import CardStatus
from app.services.auth import authorize
from app.services.card_keys import trusted_keys
from app.services.cards.dto import RECORD_STATUS_LABELS, CardVerification, MemberStanding
from app.services.cards.issue import _issued_card, _programmes
from app.services.context import ServiceContext
from app.services.dto import Actor

# --- verification --------------------------------------------------------------------------------


class _RevocationList:
    """The ``revoked`` container the domain asks: one indexed lookup of the scanned serial."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.row: Card | None = None
        self.regional: RegionCardRevocation | None = None

    def __contains__(self, serial: object) -> bool:
        self.row = self.session.execute(select(Card).where(Card.serial == serial)).scalar_one_or_none()
        if self.row is not None and self.row.status in (CardStatus.REVOKED, CardStatus.SPOILED):
            return True
        # A card printed or replaced at another branch of the region: the Kanwil's revocation list.
        self.regional = self.session.get(RegionCardRevocation, serial)
        return self.regional is not None


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
        if check.reason == "revoked" and revoked.row is not None and revoked.row.status != CardStatus.ISSUED:
            message = _revoked_message(session, revoked.row)
        elif check.reason == "revoked" and revoked.regional is not None:
            message = regional_revocation_message(revoked.regional)
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


def regional_revocation_message(r: RegionCardRevocation) -> str:
    """Why a card the Kanwil lists as revoked or misprinted is not valid, in Indonesian."""
    when = f" pada {r.at:%d-%m-%Y}" if r.at else ""
    if r.status == CardStatus.SPOILED:
        return f"Kartu seri {r.serial} tercatat RUSAK CETAK{when} (daftar Kanwil) dan tidak berlaku."
    reason = (
        "diganti kartu baru"
        if r.reason == "diganti"
        else REPRINT_REASONS.get(r.reason or "", "cetak ulang").lower()
    )
    return f"Kartu seri {r.serial} sudah DICABUT{when} ({reason}; daftar Kanwil). Tidak berlaku."


def _revoked_message(session: Session, card: Card) -> str:
    when = f" pada {card.status_at:%d-%m-%Y}" if card.status_at else ""
    if card.status == CardStatus.SPOILED:
        return f"Kartu seri {card.serial} tercatat RUSAK CETAK{when} dan tidak berlaku."
    reason = REPRINT_REASONS.get(card.status_reason or "", "cetak ulang").lower()
    newer = session.execute(
        select(Card.serial).where(Card.member_id == card.member_id, Card.status == CardStatus.ISSUED).limit(1)
    ).scalar()
    replaced = f" Kartu yang berlaku: seri {newer}." if newer else ""
    return f"Kartu seri {card.serial} sudah DICABUT{when} ({reason}). Tidak berlaku.{replaced}"
