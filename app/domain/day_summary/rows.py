"""The day's facts as the service reads them: enrolments, payments, voids, cards, corrections, imports; labels and dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_date

from app.domain.payment_methods import PAYMENT_METHODS
from app.domain.reference import (
    CHANNEL_LABELS,
)

SEGMENT_LABELS = {
    "BPU": "Bukan Penerima Upah (BPU)",
    "PU": "Penerima Upah (PU)",
    "JAKON": "Jasa Konstruksi",
    "PMI": "Pekerja Migran Indonesia",
}
PROGRAMME_LABELS = {
    "JKK": "Jaminan Kecelakaan Kerja (JKK)",
    "JKM": "Jaminan Kematian (JKM)",
    "JHT": "Jaminan Hari Tua (JHT)",
    "JP": "Jaminan Pensiun (JP)",
    "JKP": "Jaminan Kehilangan Pekerjaan (JKP)",
}
METHODS = PAYMENT_METHODS
CHANNEL_SHORT = {**CHANNEL_LABELS, "LOKET": "Loket"}


def long_date(d: dt.date) -> str:
    """``23 November 2026`` (Babel's Indonesian month names)."""
    return str(format_date(d, format="d MMMM y", locale="id"))


def full_date(d: dt.date) -> str:
    """``Senin, 23 November 2026``."""
    return str(format_date(d, format="EEEE, d MMMM y", locale="id"))


def day_bounds(day: dt.date, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where the branch's local ``day`` starts and the next one starts."""
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class EnrolmentRow:
    """One enrolment of the day, as the report lists it (the NIK arrives masked)."""

    local_time: dt.datetime  # aware, branch time zone
    number: str
    name: str
    nik_masked: str
    segment: str
    occupation_code: str
    occupation_name: str
    channel: str
    regency_code: str  # "16.10": from the home village code, else where the NIK was issued
    regency_name: str
    funding: str
    programmes: tuple[str, ...]
    officer: str


@dataclass(frozen=True, slots=True)
class PaymentRow:
    """A payment received on the day. ``voided`` means voided before the day ended."""

    receipt_no: str
    method: str
    total: int
    officer: str
    batch_receipt_no: str | None
    voided: bool


@dataclass(frozen=True, slots=True)
class BatchRow:
    """A sponsor's collective receipt issued on the day: its total as printed, and what of it
    was voided before the day ended."""

    receipt_no: str
    sponsor: str
    method: str
    printed_total: int
    members: int
    voided_total: int


@dataclass(frozen=True, slots=True)
class VoidRow:
    """A payment voided on the day (of this day or, as an adjustment, of an earlier one)."""

    receipt_no: str
    method: str
    total: int
    paid_on: dt.date
    voided_time: dt.datetime  # local
    voided_by: str
    reason: str
    same_day: bool


@dataclass(frozen=True, slots=True)
class CardRow:
    """One card printed that day, for the day summary's card list."""

    serial: str
    reprint: bool
    spoiled: bool
    officer: str


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    """One correction approved that day, for the day summary's correction list."""

    local_time: dt.datetime
    number: str
    fields: tuple[str, ...]
    proposed_by: str
    approved_by: str


@dataclass(frozen=True, slots=True)
class ImportRow:
    """A package from an outreach laptop merged on the day."""

    package_id: str
    source: str  # "201 Laptop Desa 1"
    members: int
    payments: int
    payments_amount: int
    cards: int
    conflicts: int


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The last audit event of the business day and whether the whole chain verifies.

    ``seq`` is the stored key (it carries the branch's block of ids); ``number`` is the event's
    number within this branch's trail, the one printed and shown to people (``#11``, not
    ``#101000000000011``) and the one the audit chain signs."""

    seq: int | None
    hash: str | None
    events: int
    chain_ok: bool
    chain_message: str
    number: int | None
