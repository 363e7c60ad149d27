"""Contribution arithmetic: quotes per programme per month, schedules, and membership status.

Everything here is pure: a ``RateBook`` already loaded, the worker's figures, and months in;
frozen results out. A quote of twelve months takes well under a millisecond, so the intake page
can recompute it on every keystroke without touching the database.

Rounding (the rule every table states in ``rounding``; ``HALF_UP_PER_PROGRAMME_PER_MONTH``):

* each programme's contribution is computed per month, and per payer when employer and worker
  share it, as an exact fraction of the base, then rounded to whole rupiah, half a rupiah up;
* a discount is computed per programme per month from that rounded contribution, exactly, and
  rounded half up too (the odd half rupiah goes to the member);
* the amount due on a line is contribution − discount; the total is the sum of the lines.

Percentages are ``Fraction``s built from decimal strings, so no rupiah ever passes through a float.
When several discount rules apply to one programme in one month they never stack: the largest wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from app.domain.intake import _parse_int, parse_programmes
from app.domain.issues import DomainError, Issue
from app.domain.money import format_rupiah
from app.domain.months import MONTH_ABBR, Month, period_label
from app.domain.rates import DueRule, ProgrammeRate, RateBook, Shares
from app.domain.reference import FUNDING_SOURCES, PROGRAMMES, ReferenceData

MAX_MONTHS = 12
GRACE_MONTHS = 3  # domain-facts §2.4: arrears count for at most 3 months, then non-active
FLAG_TRANSPORT = "transport"
FLAG_LABOUR_INTENSIVE = "padat_karya"
# Funding sources for which PP 50/2025 gives no discount; a payment by APBD counts as APBD-funded.
PUBLIC_BUDGET = frozenset({"APBD", "APBN"})
DEFAULT_DUE = DueRule(15, 0)  # BPU: by the 15th of the contribution month itself


def round_half_up(value: Fraction) -> int:
    """Whole rupiah, half up: ``Fraction(25, 2)`` → 13. Contributions are never negative."""
    if value < 0:
        raise ValueError("contributions are never negative")
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


# --- schedules -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a member pays: every month (the default), or only in chosen calendar months.

    A harvest schedule (farmers, fishermen) lists the months of the year the member is covered
    and pays for, e.g. ``{3, 4, 9, 10}``; months outside it are neither covered nor owed.
    """

    harvest_months: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if any(not 1 <= m <= 12 for m in self.harvest_months):
            raise ValueError("harvest months are 1–12")
        if len(self.harvest_months) == 12:  # every month chosen is the monthly schedule
            object.__setattr__(self, "harvest_months", frozenset())

    @property
    def monthly(self) -> bool:
        return not self.harvest_months

    def is_due(self, month: Month) -> bool:
        return self.monthly or month.month in self.harvest_months

    def months_from(self, start: Month, count: int) -> tuple[Month, ...]:
        """The first ``count`` months from ``start`` on which this schedule is due."""
        out: list[Month] = []
        m = start
        while len(out) < count:
            if self.is_due(m):
                out.append(m)
            m = m.plus(1)
        return tuple(out)

    def encode(self) -> str:
        """Stored form: ``MONTHLY`` or ``HARVEST:3,4,9,10``."""
        if self.monthly:
            return "MONTHLY"
        return "HARVEST:" + ",".join(str(m) for m in sorted(self.harvest_months))

    @classmethod
    def decode(cls, text: str | None) -> Schedule:
        if not text or text == "MONTHLY":
            return MONTHLY
        _, _, months = text.partition(":")
        return cls(frozenset(int(m) for m in months.split(",") if m))

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """``3,4,9,10`` or ``Mar,Apr,Sep,Okt``; raises ``DomainError`` with an Indonesian message."""
        names = {a.upper(): i + 1 for i, a in enumerate(MONTH_ABBR)}
        months: set[int] = set()
        for token in str(text).replace(";", ",").split(","):
            t = token.strip().upper()
            if not t:
                continue
            n = int(t) if t.isdigit() else names.get(t[:3])
            if n is None or not 1 <= n <= 12:
                raise DomainError(
                    Issue(
                        "jadwal",
                        "schedule.month",
                        f"Bulan panen '{token.strip()[:10]}' tidak dikenal (1–12).",
                    )
                )
            months.add(n)
        if not months:
            raise DomainError(Issue("jadwal", "schedule.empty", "Pilih minimal satu bulan panen."))
        return cls(frozenset(months))

    def label(self) -> str:
        if self.monthly:
            return "Bulanan"
        return "Musim panen: " + ", ".join(MONTH_ABBR[m - 1] for m in sorted(self.harvest_months))


MONTHLY = Schedule()


# --- quotes ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteInput:
    """What the arithmetic needs from an intake record or a member's current enrolment."""

    segment: str
    income: int  # reported monthly income or wage, rupiah
    programmes: tuple[str, ...]
    funding: str = "MANDIRI"  # MANDIRI, PEMBERI_KERJA, APBD, CSR (APBN also understood)
    flags: frozenset[str] = frozenset()  # "transport" (PP 50/2025), "padat_karya" (PP 7/2025)
    risk_class: int | None = None  # PU JKK class 1–5; None = the table's default, said in the notes

    def paid_by(self, method: str) -> QuoteInput:
        """The same input when a payment is made by ``method``: APBD money is APBD funding."""
        if method == "apbd" and self.funding not in PUBLIC_BUDGET:
            return QuoteInput(self.segment, self.income, self.programmes, "APBD", self.flags, self.risk_class)
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
    input: QuoteInput
    schedule: Schedule
    months: tuple[Month, ...]
    lines: tuple[QuoteLine, ...]
    gross_total: int
    discount_total: int
    total: int
    notes: tuple[Issue, ...]  # assumptions, unconfirmed figures, discounts applied or withheld
    table_versions: tuple[str, ...]

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
        order: list[str] = []
        groups: dict[str, list[QuoteLine]] = {}
        for line in self.lines:
            if line.programme not in groups:
                order.append(line.programme)
                groups[line.programme] = []
            groups[line.programme].append(line)
        out = []
        for code in order:
            ls = groups[code]
            labels = sorted({ln.discount_label for ln in ls if ln.discount_label})
            out.append(
                ProgrammeTotal(
                    programme=code,
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
        )


class _Notes:
    def __init__(self) -> None:
        self.items: dict[str, Issue] = {}

    def add(self, field: str, code: str, message: str) -> None:
        self.items.setdefault(code, Issue(field, code, message))


def _split(base: int, shares: Shares) -> tuple[int, int]:
    employer = worker = 0
    for payer, fraction in shares.items:
        amount = round_half_up(base * fraction)
        if payer == "employer":
            employer += amount
        else:
            worker += amount
    return employer, worker


def _check_input(book: RateBook, inp: QuoteInput, months: Sequence[Month]) -> None:
    issues: list[Issue] = []
    if isinstance(inp.income, bool) or not isinstance(inp.income, int) or inp.income <= 0:
        issues.append(
            Issue("penghasilan", "penghasilan.positive", "Penghasilan harus bilangan bulat lebih dari 0.")
        )
    if not inp.programmes:
        issues.append(Issue("program", "program.required", "Program wajib dipilih (minimal JKK dan JKM)."))
    unknown = [p for p in inp.programmes if p not in PROGRAMMES]
    if unknown:
        issues.append(
            Issue("program", "program.unknown", "Program tidak dikenal: " + ", ".join(unknown) + ".")
        )
    if inp.funding not in (*FUNDING_SOURCES, "APBN"):
        issues.append(
            Issue("sumber_dana", "sumber_dana.value", f"Sumber dana '{inp.funding}' tidak dikenal.")
        )
    if not months:
        issues.append(Issue("bulan", "months.count", f"Jumlah bulan harus 1–{MAX_MONTHS}."))
    if len(months) > MAX_MONTHS:
        issues.append(Issue("bulan", "months.count", f"Paling banyak {MAX_MONTHS} bulan sekaligus."))
    if len(set(months)) != len(months):
        issues.append(Issue("bulan", "months.duplicate", "Ada bulan yang tercantum dua kali."))
    if inp.risk_class is not None and inp.segment == "PU" and not 1 <= inp.risk_class <= 5:
        issues.append(Issue("kelas_risiko", "kelas_risiko.value", "Kelas risiko JKK harus 1–5."))
    if issues:
        raise DomainError(issues)
    for m in months:
        table = book.table_for(m)
        seg = table.segments.get(inp.segment)
        if seg is None:
            raise DomainError(
                Issue("segmen", "segmen.value", f"Segmen '{inp.segment}' tidak ada di tabel tarif.")
            )
        missing = [p for p in inp.programmes if p not in seg.programmes]
        if missing:
            raise DomainError(
                Issue(
                    "program",
                    "program.no_rate",
                    f"Program {', '.join(missing)} tidak tersedia untuk segmen {inp.segment} "
                    f"(tabel tarif {table.version}).",
                )
            )


def _covered_by_bundle(code: str, programmes: Iterable[str], rates: Mapping[str, ProgrammeRate]) -> bool:
    return any(rates[p].kind == "bundle" and code in rates[p].covers for p in programmes if p in rates)


def quote_months(
    book: RateBook, inp: QuoteInput, months: Sequence[Month], schedule: Schedule = MONTHLY
) -> Quote:
    """Price exactly these months (ascending), each with the table in force for it."""
    months = tuple(sorted(months))
    _check_input(book, inp, months)
    programmes = tuple(p for p in PROGRAMMES if p in inp.programmes)
    notes = _Notes()
    lines: list[QuoteLine] = []
    versions: list[str] = []
    for month in months:
        table = book.table_for(month)
        if table.version not in versions:
            versions.append(table.version)
        seg = table.segments[inp.segment]
        income_base = seg.base.base_for(inp.income)
        if seg.base.method == "minimum" and inp.income < seg.base.minimum:
            notes.add(
                "penghasilan",
                "quote.base_minimum",
                f"Penghasilan {format_rupiah(inp.income)} di bawah dasar minimum; iuran dihitung dari "
                f"{format_rupiah(seg.base.minimum)}.",
            )
        if seg.base.unconfirmed and seg.base.method in ("minimum", "brackets"):
            notes.add(
                "penghasilan",
                "quote.base_unconfirmed",
                "Dasar iuran BPU memakai penghasilan yang dilaporkan (minimal Rp1.000.000); tabel golongan "
                "Lampiran II PP 44/2015 belum dimuat (belum terkonfirmasi).",
            )
        for code in programmes:
            rate = seg.programmes[code]
            if rate.kind == "included":
                if not _covered_by_bundle(code, programmes, seg.programmes):
                    raise DomainError(
                        Issue("program", "program.bundle", f"{code} hanya dapat diambil bersama paketnya.")
                    )
                continue
            base = 0
            employer = worker = 0
            rate_text = ""
            if rate.kind == "percent":
                base = income_base
                cap = rate.cap_for(month)
                if cap is not None:
                    if cap.amount is None:
                        raise DomainError(
                            Issue(
                                "program",
                                "rates.cap_unknown",
                                f"Batas upah {code} untuk {month.label()} tidak ada di tabel tarif "
                                f"{table.version}; muat tabel yang memuatnya.",
                            )
                        )
                    if base > cap.amount:
                        base = cap.amount
                        mark = " (belum terkonfirmasi)" if cap.unconfirmed else ""
                        notes.add(
                            "penghasilan",
                            f"quote.cap.{code}.{cap.start}",
                            f"Iuran {code} dihitung dari batas upah {format_rupiah(cap.amount)}{mark} "
                            f"yang berlaku mulai {cap.start.short()}.",
                        )
                employer, worker = _split(base, rate.shares)
                rate_text = rate.shares.percent_text()
            elif rate.kind == "risk_class":
                number = inp.risk_class
                if number is None or number not in rate.classes:
                    number = rate.default_class
                    assert number is not None
                    notes.add(
                        "kelas_risiko",
                        "quote.risk_class_default",
                        f"Kelas risiko JKK perusahaan belum diisi; dipakai kelas {number} "
                        f"({rate.classes[number].label}).",
                    )
                shares = rate.classes[number].shares
                base = income_base
                employer, worker = _split(base, shares)
                rate_text = shares.percent_text()
            elif rate.kind in ("flat", "bundle"):
                worker = rate.amount
                rate_text = format_rupiah(rate.amount)
            elif rate.kind == "none":
                rate_text = "-"
                if rate.note:
                    notes.add("program", f"quote.note.{code}", rate.note)
            gross = employer + worker
            best = None
            blocked = None
            for rule in table.discounts:
                if rule.applies(
                    segment=inp.segment, programme=code, month=month, flags=inp.flags, funding=inp.funding
                ):
                    if best is None or rule.fraction > best.fraction:
                        best = rule
                elif inp.funding in rule.excluded_funding and rule.applies(
                    segment=inp.segment, programme=code, month=month, flags=inp.flags, funding="MANDIRI"
                ):
                    blocked = rule
            discount = round_half_up(gross * best.fraction) if best is not None and gross else 0
            if best is not None and discount:
                notes.add(
                    "program",
                    f"quote.discount.{best.id}",
                    f"{best.label}, bulan iuran {best.first.short()} – {best.last.short()}.",
                )
            if best is None and blocked is not None:
                notes.add(
                    "sumber_dana",
                    f"quote.discount_excluded.{blocked.id}",
                    f"Sumber dana {inp.funding}: potongan tidak berlaku ({blocked.label}).",
                )
            lines.append(
                QuoteLine(
                    month=month,
                    programme=code,
                    label=rate.label,
                    base=base,
                    rate=rate_text,
                    employer=employer,
                    worker=worker,
                    gross=gross,
                    discount=discount,
                    amount=gross - discount,
                    discount_rule=best.id if best is not None and discount else None,
                    discount_label=best.label if best is not None and discount else None,
                    table_version=table.version,
                )
            )
    gross_total = sum(ln.gross for ln in lines)
    discount_total = sum(ln.discount for ln in lines)
    return Quote(
        input=inp,
        schedule=schedule,
        months=months,
        lines=tuple(lines),
        gross_total=gross_total,
        discount_total=discount_total,
        total=gross_total - discount_total,
        notes=tuple(notes.items.values()),
        table_versions=tuple(versions),
    )


def quote(book: RateBook, inp: QuoteInput, start: Month, months: int, schedule: Schedule = MONTHLY) -> Quote:
    """Price ``months`` months from ``start``: consecutive, or the next due months of a harvest schedule."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise DomainError(Issue("bulan", "months.count", f"Jumlah bulan harus 1–{MAX_MONTHS}."))
    return quote_months(book, inp, schedule.months_from(start, months), schedule)


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """A quote that never raises: the live form shows ``issues`` until the record is good enough."""

    quote: Quote | None
    issues: tuple[Issue, ...]


def quote_input_from_record(
    raw: Mapping[str, Any], reference: ReferenceData
) -> tuple[QuoteInput | None, list[Issue]]:
    """The few intake-record keys a quote needs (``segmen``, ``penghasilan``, ``program``,
    ``pekerjaan``, ``sumber_dana``, and for PU the optional ``kelas_risiko``); the rest is ignored,
    so a half-filled form can already be priced."""
    issues: list[Issue] = []
    segment = " ".join(str(raw.get("segmen") or "").split()).upper()
    if not segment:
        issues.append(Issue("segmen", "segmen.required", "Segmen wajib diisi."))
    income = _parse_int(raw.get("penghasilan")) if raw.get("penghasilan") not in (None, "") else None
    if income is None or income <= 0:
        issues.append(
            Issue(
                "penghasilan", "penghasilan.format", "Penghasilan harus bilangan bulat rupiah, mis. 1500000."
            )
        )
    programmes, unknown = parse_programmes(raw.get("program", ""))
    if unknown:
        issues.append(
            Issue("program", "program.unknown", "Program tidak dikenal: " + ", ".join(unknown[:5]) + ".")
        )
    elif not programmes:
        issues.append(Issue("program", "program.required", "Program wajib dipilih (minimal JKK dan JKM)."))
    flags: set[str] = set()
    occ_text = " ".join(str(raw.get("pekerjaan") or "").split())
    if occ_text:
        occ = reference.occupations.resolve(occ_text)
        if occ is None:
            issues.append(Issue("pekerjaan", "pekerjaan.unknown", "Pekerjaan tidak ada di daftar."))
        elif occ.transport:
            flags.add(FLAG_TRANSPORT)
    funding = " ".join(str(raw.get("sumber_dana") or "").split()).upper() or "MANDIRI"
    if funding not in (*FUNDING_SOURCES, "APBN"):
        issues.append(Issue("sumber_dana", "sumber_dana.value", "Sumber dana tidak dikenal."))
    risk: int | None = None
    if raw.get("kelas_risiko") not in (None, ""):
        risk = _parse_int(raw.get("kelas_risiko"))
        if risk is None or not 1 <= risk <= 5:
            issues.append(Issue("kelas_risiko", "kelas_risiko.value", "Kelas risiko JKK harus 1–5."))
            risk = None
    if issues:
        return None, issues
    assert income is not None
    return QuoteInput(segment, income, tuple(programmes), funding, frozenset(flags), risk), []


def quote_record(
    book: RateBook,
    reference: ReferenceData,
    raw: Mapping[str, Any],
    *,
    start: Month,
    months: int,
    schedule: Schedule = MONTHLY,
) -> QuoteResult:
    """The live quote for an intake form: never raises for bad input, returns the issues instead."""
    inp, issues = quote_input_from_record(raw, reference)
    if inp is None:
        return QuoteResult(None, tuple(issues))
    try:
        return QuoteResult(quote(book, inp, start, months, schedule), ())
    except DomainError as exc:
        return QuoteResult(None, tuple(exc.issues))


def jakon_contract_contribution(book: RateBook, month: Month, contract_value: int) -> dict[str, int]:
    """JKK and JKM on a construction contract value (excluding VAT), tier by tier, summed per programme."""
    tiers = book.table_for(month).segments["JAKON"].contract_tiers
    out: dict[str, Fraction] = {}
    lower = 0
    for tier in tiers:
        upper = contract_value if tier.up_to is None else min(contract_value, tier.up_to)
        if upper > lower:
            for code, fraction in tier.rates.items():
                out[code] = out.get(code, Fraction(0)) + (upper - lower) * fraction
        if tier.up_to is None or contract_value <= tier.up_to:
            break
        lower = tier.up_to
    return {code: round_half_up(v) for code, v in out.items()}


# --- status ------------------------------------------------------------------------------------------


class Status(StrEnum):
    ACTIVE = "AKTIF"
    ARREARS = "MENUNGGAK"
    INACTIVE = "NONAKTIF"


STATUS_LABELS = {
    Status.ACTIVE: "Aktif",
    Status.ARREARS: "Menunggak",
    Status.INACTIVE: "Nonaktif",
}


@dataclass(frozen=True, slots=True)
class ContributionStatus:
    status: Status
    current_month: Month
    paid_through: Month | None  # the latest covered month
    covered_now: bool
    arrears: tuple[Month, ...]  # consecutive unpaid due months up to this month, oldest first
    next_due_month: Month  # the first month to pay next (also the default start of a payment)
    next_due_date: dt.date

    @property
    def label(self) -> str:
        text = STATUS_LABELS[self.status]
        if self.status is Status.ARREARS:
            text += f" {len(self.arrears)} bulan"
        return text


def contribution_status(
    covered: Iterable[Month],
    *,
    since: Month,
    today: dt.date,
    schedule: Schedule = MONTHLY,
    due: DueRule = DEFAULT_DUE,
    grace_months: int = GRACE_MONTHS,
) -> ContributionStatus:
    """Status per domain-facts §2.4, as of the branch's business date ``today``.

    Active: nothing owed up to and including this month. In arrears: 1 to ``grace_months`` due
    months unpaid in a row, counting back from this month. Non-active: more than that; the member
    then restarts from this month (earlier arrears are not collected). Only months the schedule
    makes due count, and never months before ``since`` (the month of enrolment).
    """
    paid = set(covered)
    current = Month.of(today)
    arrears: list[Month] = []
    m = current
    while m >= since:
        if schedule.is_due(m):
            if m in paid:
                break
            arrears.append(m)
        m = m.plus(-1)
    arrears.reverse()
    if not arrears:
        status = Status.ACTIVE
    elif len(arrears) <= grace_months:
        status = Status.ARREARS
    else:
        status = Status.INACTIVE
    if status is Status.ARREARS:
        next_due = arrears[0]
    else:
        next_due = max(current, since)
        while not schedule.is_due(next_due) or next_due in paid:
            next_due = next_due.plus(1)
    return ContributionStatus(
        status=status,
        current_month=current,
        paid_through=max(paid) if paid else None,
        covered_now=current in paid,
        arrears=tuple(arrears),
        next_due_month=next_due,
        next_due_date=due.due_date_of(next_due),
    )
