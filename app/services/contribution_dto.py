"""Frozen data the contribution services hand to the GUI, the CLI and the receipt renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.domain.months import Month
from app.domain.payment_methods import METHOD_LABELS
from app.domain.quote import ProgrammeTotal, Quote, QuoteLine
from app.domain.states import PaymentStatus


@dataclass(frozen=True, slots=True)
class PaymentDTO:
    """One payment, as stored: what a receipt prints and the member page lists."""

    id: int
    receipt_no: str
    member_id: int
    member_number: str
    member_name: str
    nik_masked: str
    segment: str
    method: str
    reference: str | None
    quote: Quote  # the lines it was priced with (kept with the payment, never recomputed)
    received_at: dt.datetime  # UTC
    business_date: dt.date
    timezone: str
    officer: str  # username
    officer_name: str
    counter: str
    branch_code: str
    branch_name: str
    status: str  # PAID | VOID
    voided_at: dt.datetime | None = None
    voided_by: str | None = None
    void_reason: str | None = None
    sponsor: str | None = None
    sponsor_receipt_no: str | None = None
    from_enrolment: bool = False
    cover_after: str | None = None  # the protection this payment gave: "Dilindungi s.d. 31 Maret 2027"
    repeated: bool = False  # returned for a retried request: recorded before, not charged again
    cash_received: int | None = None  # what a cash payer handed over (None: not recorded)

    @property
    def change(self) -> int | None:
        return None if self.cash_received is None else self.cash_received - self.total

    @property
    def months(self) -> tuple[Month, ...]:
        return self.quote.months

    @property
    def lines(self) -> tuple[QuoteLine, ...]:
        return self.quote.lines

    @property
    def programme_totals(self) -> tuple[ProgrammeTotal, ...]:
        return self.quote.programme_totals()

    @property
    def total(self) -> int:
        return self.quote.total

    @property
    def period(self) -> str:
        return self.quote.period

    @property
    def voided(self) -> bool:
        return self.status == PaymentStatus.VOID

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "receipt_no": self.receipt_no,
            "member_number": self.member_number,
            "nik": self.nik_masked,
            "method": self.method,
            "reference": self.reference,
            "months": [str(m) for m in self.months],
            "period": self.period,
            "lines": [ln.as_json() for ln in self.lines],
            "gross_total": self.quote.gross_total,
            "discount_total": self.quote.discount_total,
            "fines": [f.as_json() for f in self.quote.fines],
            "fine_total": self.quote.fine_total,
            "credit": self.quote.credit,
            "total": self.total,
            "cash_received": self.cash_received,
            "change": self.change,
            "cover_after": self.cover_after,
            "repeated": self.repeated,
            "notes": [n.as_dict() for n in self.quote.notes],
            "received_at": self.received_at.isoformat(),
            "business_date": self.business_date.isoformat(),
            "officer": self.officer,
            "counter": self.counter,
            "status": self.status,
            "voided_at": self.voided_at.isoformat() if self.voided_at else None,
            "voided_by": self.voided_by,
            "void_reason": self.void_reason,
            "sponsor": self.sponsor,
            "sponsor_receipt_no": self.sponsor_receipt_no,
        }


@dataclass(frozen=True, slots=True)
class ArrearDTO:
    """One month owed: when it was due, which programmes, how much, and the fine so far."""

    month: Month
    due_date: dt.date
    programmes: tuple[str, ...]
    amount: int
    fine: int

    def as_json(self) -> dict[str, Any]:
        return {
            "month": str(self.month),
            "due_date": self.due_date.isoformat(),
            "programmes": list(self.programmes),
            "amount": self.amount,
            "fine": self.fine,
        }


@dataclass(frozen=True, slots=True)
class CoverDTO:
    """A member's cover on one date (``as_of``): status, protection, arrears and the next payment.

    Computed by ``app.domain.cover.cover_state``; every page, paper and command shows this."""

    member_number: str
    segment: str
    status: str  # BELUM_AKTIF | AKTIF | MENUNGGAK | BERAKHIR
    status_label: str  # "Aktif", "Menunggak 2 bulan", …
    headline: str  # "Dilindungi s.d. 31 Maret 2027"
    sentences: tuple[str, ...]  # the cover explained, for pages, papers and the CLI
    as_of: dt.date
    covered: bool  # protected today (this month paid)
    paid_through: Month | None
    protected_until: dt.date | None
    period_start: Month | None
    arrears: tuple[ArrearDTO, ...]
    stay_active_by: dt.date | None  # BPU: pay the oldest month by then, or the membership ends
    ended_on: dt.date | None
    beyond_grace: bool  # PU: the employer carries benefits until it has settled
    payable_from: Month
    next_months: tuple[Month, ...]  # what the next payment covers (a harvest run for a harvest schedule)
    next_due_date: dt.date | None
    next_amount: int | None
    schedule: str  # MONTHLY | HARVEST:3,4,9,10
    schedule_label: str
    schedule_reason: str | None

    @property
    def arrears_months(self) -> tuple[Month, ...]:
        return tuple(a.month for a in self.arrears)

    @property
    def arrears_total(self) -> int:
        return sum(a.amount for a in self.arrears)

    @property
    def fine_total(self) -> int:
        return sum(a.fine for a in self.arrears)

    @property
    def next_due_month(self) -> Month:
        return self.next_months[0] if self.next_months else self.payable_from

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "status_label": self.status_label,
            "headline": self.headline,
            "covered": self.covered,
            "as_of": self.as_of.isoformat(),
            "paid_through": self.protected_until.isoformat() if self.protected_until else None,
            "paid_through_month": str(self.paid_through) if self.paid_through else None,
            "period_start": str(self.period_start) if self.period_start else None,
            "arrears": [a.as_json() for a in self.arrears],
            "arrears_total": self.arrears_total,
            "fine_total": self.fine_total,
            "stay_active_by": self.stay_active_by.isoformat() if self.stay_active_by else None,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "beyond_grace": self.beyond_grace,
            "next_months": [str(m) for m in self.next_months],
            "next_due_date": self.next_due_date.isoformat() if self.next_due_date else None,
            "next_amount": self.next_amount,
            "schedule": self.schedule,
            "schedule_label": self.schedule_label,
            "schedule_reason": self.schedule_reason,
            "sentences": list(self.sentences),
        }


@dataclass(frozen=True, slots=True)
class CoverOnDateDTO:
    """ "Was he protected on that day?": the answer, the reason, and the membership as it stood."""

    day: dt.date
    covered: bool
    conditional: bool
    reason: str
    receipt_no: str | None
    cover: CoverDTO

    def as_json(self) -> dict[str, Any]:
        c = self.cover.as_json()
        return {
            "date": self.day.isoformat(),
            "covered": self.covered,
            "conditional": self.conditional,
            "reason": self.reason,
            "receipt_no": self.receipt_no,
            "status": c["status"],
            "paid_through": c["paid_through"],
            "arrears": c["arrears"],
            "next_due_date": c["next_due_date"],
            "cover": c,
        }


@dataclass(frozen=True, slots=True)
class SponsorMemberDTO:
    """One member paid for in a sponsor's batch payment."""

    payment_id: int
    receipt_no: str
    member_number: str
    member_name: str
    nik_masked: str
    total: int
    voided: bool = False


@dataclass(frozen=True, slots=True)
class SponsorBatchDTO:
    """A sponsor's payment for many members on one receipt, as the receipt shows it."""

    id: int
    receipt_no: str
    sponsor: str
    method: str
    reference: str | None
    months: tuple[Month, ...]
    members: tuple[SponsorMemberDTO, ...]
    total: int
    received_at: dt.datetime
    business_date: dt.date
    timezone: str
    officer: str
    officer_name: str
    counter: str
    branch_code: str
    branch_name: str

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "receipt_no": self.receipt_no,
            "sponsor": self.sponsor,
            "method": self.method,
            "reference": self.reference,
            "months": [str(m) for m in self.months],
            "members": [
                {
                    "number": m.member_number,
                    "nik": m.nik_masked,
                    "receipt_no": m.receipt_no,
                    "payment_id": m.payment_id,
                    "total": m.total,
                    "voided": m.voided,
                }
                for m in self.members
            ],
            "total": self.total,
            "received_at": self.received_at.isoformat(),
            "business_date": self.business_date.isoformat(),
            "officer": self.officer,
        }


@dataclass(frozen=True, slots=True)
class RateTableInfoDTO:
    """A rate table as the settings page lists it: version, origin, checksum and unconfirmed figures."""

    version: str
    effective_from: Month
    title: str
    origin: str  # "bawaan" (shipped), "dimuat" (loaded by a supervisor) or "kanwil" (sent by the Kanwil)
    loaded_at: dt.datetime | None
    loaded_by: str | None
    sha256: str
    unconfirmed: tuple[str, ...]  # the figures the table marks unconfirmed, by path

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "effective_from": str(self.effective_from),
            "title": self.title,
            "origin": self.origin,
            "loaded_at": self.loaded_at.isoformat() if self.loaded_at else None,
            "loaded_by": self.loaded_by,
            "sha256": self.sha256,
            "unconfirmed": list(self.unconfirmed),
        }
