"""Frozen data the contribution services hand to the GUI, the CLI and the receipt renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.domain.contributions import ProgrammeTotal, Quote, QuoteLine
from app.domain.issues import Issue
from app.domain.months import Month

METHOD_LABELS = {
    "cash": "Tunai",
    "transfer": "Transfer bank",
    "apbd": "APBD (pemerintah daerah)",
    "employer": "Pemberi kerja",
}


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
        return self.status == "VOID"

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
            "total": self.total,
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
class ContributionStatusDTO:
    """Paid-through month and membership status (domain-facts §2.4) as of the branch's business date."""

    member_number: str
    status: str  # AKTIF | MENUNGGAK | NONAKTIF
    status_label: str  # "Aktif", "Menunggak 2 bulan", "Nonaktif"
    paid_through: Month | None
    covered_now: bool
    arrears_months: tuple[Month, ...]
    next_due_month: Month  # also the default first month of the next payment
    next_due_date: dt.date
    schedule: str  # MONTHLY | HARVEST:3,4,9,10
    schedule_label: str
    as_of: dt.date

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "status_label": self.status_label,
            "paid_through": str(self.paid_through) if self.paid_through else None,
            "covered_now": self.covered_now,
            "arrears_months": [str(m) for m in self.arrears_months],
            "next_due_month": str(self.next_due_month),
            "next_due_date": self.next_due_date.isoformat(),
            "schedule": self.schedule,
            "schedule_label": self.schedule_label,
            "as_of": self.as_of.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class SponsorMemberDTO:
    payment_id: int
    receipt_no: str
    member_number: str
    member_name: str
    nik_masked: str
    total: int
    voided: bool = False


@dataclass(frozen=True, slots=True)
class SponsorBatchDTO:
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
    version: str
    effective_from: Month
    title: str
    origin: str  # "bawaan" (shipped) or "dimuat" (loaded by a supervisor)
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


def issue_list(issues: tuple[Issue, ...] | list[Issue]) -> list[dict[str, str]]:
    return [i.as_dict() for i in issues]
