"""A priced payment: its input, its lines per programme and month, its fines and credit, its notes.

The arithmetic that makes one is ``app.domain.contributions``; a stored payment keeps its quote as
JSON (``as_json``/``from_json``) and is never repriced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.domain.fines import FineLine
from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.money import format_rupiah
from app.domain.months import Month, period_label
from app.domain.schedule import Schedule

# Funding sources for which PP 50/2025 gives no discount; a payment by APBD counts as APBD-funded.
PUBLIC_BUDGET = frozenset({"APBD", "APBN"})


@dataclass(frozen=True, slots=True)
class QuoteInput:
    """What the arithmetic needs from an intake record or a member's current enrolment."""

    segment: str
    income: int  # reported monthly income or wage, rupiah
    programmes: tuple[str, ...]
    funding: str = "MANDIRI"  # MANDIRI, PEMBERI_KERJA, APBD, CSR (APBN also understood)
    flags: frozenset[str] = frozenset()  # "transport" (PP 50/2025), "padat_karya" (PP 7/2025)
    risk_class: int | None = None  # PU JKK class 1–5; None = the table's default, said in the notes
    jht_amount: int | None = None  # PMI: the JHT amount the member chose from the table's choices

    def paid_by(self, method: str) -> QuoteInput:
        """The same input when a payment is made by ``method``: APBD money is APBD funding."""
        if method == "apbd" and self.funding not in PUBLIC_BUDGET:
            return replace(self, funding="APBD")
        return self


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One programme in one month. Money in integer rupiah; ``amount`` = ``gross`` − ``discount``."""

    month: Month
    programme: str
    label: str
    base: int  # income/wage base after minimum, brackets and cap; 0 for flat amounts
    rate: str  # "1%", "5,7%", "Rp6.800"
    employer: int  # share of gross paid by the employer
    worker: int  # share of gross paid by the worker
    gross: int
    discount: int
    amount: int
    discount_rule: str | None
    discount_label: str | None
    table_version: str

    def as_json(self) -> dict[str, Any]:
        return {
            "month": str(self.month),
            "programme": self.programme,
            "label": self.label,
            "base": self.base,
            "rate": self.rate,
            "employer": self.employer,
            "worker": self.worker,
            "gross": self.gross,
            "discount": self.discount,
            "amount": self.amount,
            "discount_rule": self.discount_rule,
            "discount_label": self.discount_label,
            "table_version": self.table_version,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> QuoteLine:
        """Back from ``as_json`` (a stored payment's lines)."""
        return cls(
            month=Month.parse(str(d["month"])),
            programme=str(d["programme"]),
            label=str(d["label"]),
            base=int(d["base"]),
            rate=str(d["rate"]),
            employer=int(d["employer"]),
            worker=int(d["worker"]),
            gross=int(d["gross"]),
            discount=int(d["discount"]),
            amount=int(d["amount"]),
            discount_rule=d.get("discount_rule"),
            discount_label=d.get("discount_label"),
            table_version=str(d["table_version"]),
        )


@dataclass(frozen=True, slots=True)
class ProgrammeTotal:
    """A programme summed over the quote's months (what a receipt prints)."""

    programme: str
    label: str
    months: int
    base: int | None  # the base shared by every month; None when it changes (a new JP cap)
    rate: str
    gross: int
    discount: int
    amount: int
    discount_label: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """The priced answer to "what does this member pay for these months", line by line."""

    input: QuoteInput
    schedule: Schedule
    months: tuple[Month, ...]
    lines: tuple[QuoteLine, ...]
    gross_total: int
    discount_total: int
    total: int  # gross − discount + fines − credit: what is collected
    notes: tuple[Issue, ...]  # how the figures were reached: base, caps, discounts applied or withheld
    table_versions: tuple[str, ...]
    fines: tuple[FineLine, ...] = ()  # PU late fines collected with the arrears
    credit: int = 0  # PP 50/2025 art. 6: an earlier overpayment set against this payment

    @property
    def fine_total(self) -> int:
        return sum(f.amount for f in self.fines)

    def with_fines(self, fines: Sequence[FineLine]) -> Quote:
        """The same quote with late fines added to what is collected."""
        return replace(
            self, fines=tuple(fines), total=self.total - self.fine_total + sum(f.amount for f in fines)
        )

    def with_credit(self, credit: int) -> Quote:
        """The same quote with an earlier overpayment set against it (never below zero)."""
        due = self.total + self.credit
        used = max(0, min(credit, due))
        if used:
            note = Issue(
                "program",
                "quote.credit",
                msg(
                    "Kelebihan bayar {format_rupiah} atas bulan potongan PP 50/2025 yang sudah dibayar penuh diperhitungkan (PP 50/2025 ps. 6).",
                    format_rupiah=format_rupiah(used),
                ),
            )
            return replace(self, credit=used, total=due - used, notes=(*self.notes, note))
        return replace(self, credit=0, total=due)

    def member_notes(self) -> tuple[str, ...]:
        """The notes a member's paper prints: how the figures were reached. Not the discounts
        (printed as their own lines) and not a rate table's own ``note`` (``quote.note.*``): that text
        is written by whoever maintains the table, for the officer's screen, unreviewed for a member."""
        return tuple(
            n.message for n in self.notes if not n.code.startswith(("quote.discount.", "quote.note."))
        )

    @property
    def period(self) -> str:
        return period_label(self.months)

    @property
    def monthly_total(self) -> int | None:
        """The amount per month when every month costs the same, else None."""
        per = self.month_totals()
        values = set(per.values())
        return values.pop() if len(values) == 1 else None

    def month_totals(self) -> dict[Month, int]:
        out: dict[Month, int] = {m: 0 for m in self.months}
        for line in self.lines:
            out[line.month] += line.amount
        return out

    def programme_totals(self) -> tuple[ProgrammeTotal, ...]:
        """One row per programme (per package for a PMI, whose lines carry the package's name)."""
        order: list[tuple[str, str]] = []
        groups: dict[tuple[str, str], list[QuoteLine]] = {}
        for line in self.lines:
            key = (line.programme, line.label)
            if key not in groups:
                order.append(key)
                groups[key] = []
            groups[key].append(line)
        out = []
        for key in order:
            ls = groups[key]
            labels = sorted({ln.discount_label for ln in ls if ln.discount_label})
            out.append(
                ProgrammeTotal(
                    programme=key[0],
                    label=ls[0].label,
                    months=len(ls),
                    base=ls[0].base if len({ln.base for ln in ls}) == 1 else None,
                    rate=ls[0].rate if len({ln.rate for ln in ls}) == 1 else "beragam",
                    gross=sum(ln.gross for ln in ls),
                    discount=sum(ln.discount for ln in ls),
                    amount=sum(ln.amount for ln in ls),
                    discount_label="; ".join(labels) or None,
                )
            )
        return tuple(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "segment": self.input.segment,
            "income": self.input.income,
            "programmes": list(self.input.programmes),
            "funding": self.input.funding,
            "flags": sorted(self.input.flags),
            "risk_class": self.input.risk_class,
            "schedule": self.schedule.encode(),
            "months": [str(m) for m in self.months],
            "period": self.period,
            "lines": [ln.as_json() for ln in self.lines],
            "gross_total": self.gross_total,
            "discount_total": self.discount_total,
            "total": self.total,
            "notes": [n.as_dict() for n in self.notes],
            "table_versions": list(self.table_versions),
            "fines": [f.as_json() for f in self.fines],
            "fine_total": self.fine_total,
            "credit": self.credit,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Quote:
        """Back from ``as_json``: a stored payment keeps the quote it was priced with."""
        return cls(
            input=QuoteInput(
                segment=str(d["segment"]),
                income=int(d["income"]),
                programmes=tuple(d["programmes"]),
                funding=str(d["funding"]),
                flags=frozenset(d.get("flags", ())),
                risk_class=d.get("risk_class"),
            ),
            schedule=Schedule.decode(d.get("schedule")),
            months=tuple(Month.parse(m) for m in d["months"]),
            lines=tuple(QuoteLine.from_json(x) for x in d["lines"]),
            gross_total=int(d["gross_total"]),
            discount_total=int(d["discount_total"]),
            total=int(d["total"]),
            notes=tuple(Issue(n["field"], n["code"], n["message"]) for n in d.get("notes", ())),
            table_versions=tuple(d.get("table_versions", ())),
            fines=tuple(FineLine.from_json(f) for f in d.get("fines", ())),
            credit=int(d.get("credit", 0)),
        )


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """A quote that never raises: the live form shows ``issues`` until the record is good enough."""

    quote: Quote | None
    issues: tuple[Issue, ...]
