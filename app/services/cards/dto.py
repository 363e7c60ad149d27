"""What the card services answer: cards, reprint requests, sheets, a verified card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.pdf.card import CardFace

RECORD_STATUS_LABELS = {
    "ACTIVE": "Aktif",
    "DEACTIVATED": "Nonaktif",
    "MOVED": "Pindah cabang",
    "MERGED": "Digabung ke nomor lain",
}
PREVIEW_QR = "LOKET CONTOH KARTU BELUM DITERBITKAN"


# --- DTOs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardDTO:
    """One printed card as recorded: serial, signing key, who printed it and its status now."""

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
    """A card reprint request, as the supervisor approves or rejects it."""

    id: int
    ref: str  # how a person reads and types it: "#3" (this branch) or "#201-3" (made elsewhere)
    number: str
    nama: str  # the member's name, for the supervisor's list
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
    """A member left off a card sheet, with the reason (not found, not a valid number)."""

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
    """What scanning a card's QR code says: genuine and in force or not, why, and whose card it is."""

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
