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
from fractions import Fraction
from typing import Any

from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.money import format_rupiah, round_half_up
from app.domain.months import Month
from app.domain.nik import century_year, clean_nik
from app.domain.projects import ContractCharge, contract_charge
from app.domain.quote import Quote, QuoteInput, QuoteLine, QuoteResult
from app.domain.rates import (
    DiscountRule,
    ProgrammeRate,
    RateBook,
    RateTable,
    SegmentRates,
    Shares,
    percent_text,
)
from app.domain.record_fields import parse_date
from app.domain.reference import FUNDING_SOURCES, PROGRAMMES, Occupation, ReferenceData
from app.domain.schedule import MONTHLY, Schedule
from app.domain.terms import check_terms

MAX_MONTHS = 12
FLAG_TRANSPORT = "transport"
FLAG_BPU_MANDIRI = "bpu_mandiri"


# --- quotes ------------------------------------------------------------------------------------------


def occupation_flags(occupation: Occupation | None) -> frozenset[str]:
    """The worker flags discount rules look at, from the occupation data."""
    if occupation is None:
        return frozenset()
    flags = set()
    if occupation.transport:
        flags.add(FLAG_TRANSPORT)
    if occupation.bpu_mandiri:
        flags.add(FLAG_BPU_MANDIRI)
    return frozenset(flags)


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
            Issue(
                "sumber_dana",
                "sumber_dana.value",
                msg("Sumber dana '{funding}' tidak dikenal.", funding=inp.funding),
            )
        )
    if not months:
        issues.append(
            Issue("bulan", "months.count", msg("Jumlah bulan harus 1–{max_months}.", max_months=MAX_MONTHS))
        )
    if len(months) > MAX_MONTHS:
        issues.append(
            Issue(
                "bulan",
                "months.count",
                msg("Paling banyak {max_months} bulan sekaligus.", max_months=MAX_MONTHS),
            )
        )
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
                Issue(
                    "segmen",
                    "segmen.value",
                    msg("Segmen '{segment}' tidak ada di tabel tarif.", segment=inp.segment),
                )
            )
        missing = [p for p in inp.programmes if p not in seg.programmes]
        if missing:
            raise DomainError(
                Issue(
                    "program",
                    "program.no_rate",
                    msg(
                        "Program {missing} tidak tersedia untuk segmen {segment} (tabel tarif {version}).",
                        missing=", ".join(missing),
                        segment=inp.segment,
                        version=table.version,
                    ),
                )
            )


def _covered_by_bundle(code: str, programmes: Iterable[str], rates: Mapping[str, ProgrammeRate]) -> bool:
    return any(rates[p].kind == "bundle" and code in rates[p].covers for p in programmes if p in rates)


def _base_notes(notes: _Notes, seg: SegmentRates, income: int) -> None:
    """Say how the reported income became the contribution base (never a confidence mark: those
    are for the supervisor's settings page, not a member's paper)."""
    base = seg.base.base_for(income)
    if seg.base.method == "brackets" and base != income:
        notes.add(
            "penghasilan",
            "quote.base_bracket",
            f"Penghasilan {format_rupiah(income)} → dasar iuran {format_rupiah(base)} "
            "(tabel penghasilan PP 44/2015 Lampiran II).",
        )
    elif seg.base.method == "minimum" and income < seg.base.minimum:
        notes.add(
            "penghasilan",
            "quote.base_minimum",
            f"Penghasilan {format_rupiah(income)} di bawah dasar minimum; iuran dihitung dari "
            f"{format_rupiah(seg.base.minimum)}.",
        )


def _capped_base(notes: _Notes, code: str, rate: ProgrammeRate, month: Month, base: int, version: str) -> int:
    cap = rate.cap_for(month)
    if cap is None:
        return base
    if cap.amount is None:
        raise DomainError(
            Issue(
                "program",
                "rates.cap_unknown",
                msg(
                    "Batas upah {code} untuk {label} tidak ada di tabel tarif {version}; muat tabel yang memuatnya.",
                    code=code,
                    label=month.label(),
                    version=version,
                ),
            )
        )
    if base <= cap.amount:
        return base
    notes.add(
        "penghasilan",
        f"quote.cap.{code}.{cap.start}",
        f"Iuran {code} dihitung dari batas upah {format_rupiah(cap.amount)} yang berlaku mulai "
        f"{cap.start.short()}.",
    )
    return cap.amount


@dataclass(frozen=True, slots=True)
class _Gross:
    base: int
    rate: str  # as printed: "0,24%", "Rp6.800"
    employer: int
    worker: int
    pct: Fraction | None = None  # the percentage, when the rate is one


def _gross(
    notes: _Notes,
    inp: QuoteInput,
    code: str,
    rate: ProgrammeRate,
    month: Month,
    income_base: int,
    version: str,
) -> _Gross:
    """One programme's contribution for one month, before any discount."""
    if rate.kind == "percent":
        base = _capped_base(notes, code, rate, month, income_base, version)
        employer, worker = _split(base, rate.shares)
        return _Gross(base, rate.shares.percent_text(), employer, worker, rate.shares.total)
    if rate.kind == "risk_class":
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
        employer, worker = _split(income_base, shares)
        return _Gross(income_base, shares.percent_text(), employer, worker, shares.total)
    if rate.kind in ("flat", "bundle"):
        amount = rate.amount
        if rate.choices and inp.jht_amount is not None:
            if inp.jht_amount not in rate.choices:
                raise DomainError(
                    Issue(
                        "jht_pmi",
                        "jht_pmi.value",
                        "Nominal JHT PMI harus salah satu: "
                        + ", ".join(format_rupiah(a) for a in rate.choices)
                        + ".",
                    )
                )
            amount = inp.jht_amount
        return _Gross(0, format_rupiah(amount), 0, amount)
    if rate.note:
        notes.add("program", f"quote.note.{code}", rate.note)
    return _Gross(0, "-", 0, 0)


def _recompose(
    notes: _Notes, code: str, rate: ProgrammeRate, month: Month, grosses: dict[str, _Gross], base: int
) -> _Gross | None:
    """A programme funded out of others (JKP since PP 6/2025: 0,14% of the wage out of JKK): its
    share moves out of those programmes' lines, so the employer's total stays what it pays."""
    part = rate.part_for(month)
    if part is None:
        return None
    employer = 0
    taken_pct = Fraction(0)
    for source, fraction in part.taken.items():
        src = grosses.get(source)
        if src is None or not fraction:
            continue
        moved = min(src.employer, round_half_up(src.base * fraction))
        net = (src.pct or Fraction(0)) - fraction
        grosses[source] = _Gross(src.base, percent_text(net), src.employer - moved, src.worker, net)
        employer += moved
        taken_pct += fraction
    if part.government:
        notes.add(
            "program",
            f"quote.government.{code}",
            f"{code}: {percent_text(part.government)} upah dibayar Pemerintah Pusat (tidak ditagih).",
        )
    return _Gross(base, percent_text(taken_pct), employer, 0, taken_pct)


def _discount(
    notes: _Notes, table: RateTable, inp: QuoteInput, code: str, month: Month, gross: int
) -> tuple[int, DiscountRule | None]:
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
        return discount, best
    if best is None and blocked is not None:
        notes.add(
            "sumber_dana",
            f"quote.discount_excluded.{blocked.id}",
            f"Sumber dana {inp.funding}: potongan tidak berlaku ({blocked.label}).",
        )
    return 0, None


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
        _base_notes(notes, seg, inp.income)
        income_base = seg.base.base_for(inp.income)
        grosses: dict[str, _Gross] = {}
        for code in programmes:
            rate = seg.programmes[code]
            if rate.kind == "included":
                if not _covered_by_bundle(code, programmes, seg.programmes):
                    raise DomainError(
                        Issue(
                            "program",
                            "program.bundle",
                            msg("{code} hanya dapat diambil bersama paketnya.", code=code),
                        )
                    )
                continue
            if rate.kind != "recomposed":
                grosses[code] = _gross(notes, inp, code, rate, month, income_base, table.version)
        for code in programmes:
            rate = seg.programmes[code]
            if rate.kind == "recomposed":
                part = _recompose(notes, code, rate, month, grosses, income_base)
                if part is not None:
                    grosses[code] = part
        for code in programmes:
            g = grosses.get(code)
            if g is None:
                continue
            rate = seg.programmes[code]
            gross = g.employer + g.worker
            discount, rule = _discount(notes, table, inp, code, month, gross)
            lines.append(
                QuoteLine(
                    month=month,
                    programme=code,
                    label=rate.label,
                    base=g.base,
                    rate=g.rate,
                    employer=g.employer,
                    worker=g.worker,
                    gross=gross,
                    discount=discount,
                    amount=gross - discount,
                    discount_rule=rule.id if rule is not None else None,
                    discount_label=rule.label if rule is not None else None,
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
    """Price ``months`` consecutive months from ``start`` (a harvest run is consecutive too)."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise DomainError(
            Issue("bulan", "months.count", msg("Jumlah bulan harus 1–{max_months}.", max_months=MAX_MONTHS))
        )
    return quote_months(book, inp, tuple(start.plus(i) for i in range(months)), schedule)


def _birth_of(raw: Mapping[str, Any], today: dt.date) -> dt.date | None:
    """The birth date a quote checks ages with: typed, else the NIK's own (day + 40 for women)."""
    typed = parse_date(raw.get("tanggal_lahir")) if raw.get("tanggal_lahir") not in (None, "") else None
    if typed is not None:
        return typed
    digits = clean_nik(str(raw.get("nik") or ""))
    if len(digits) != 16 or not digits.isdigit():
        return None
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    try:
        return dt.date(century_year(yy, today), month, day - 40 if day > 40 else day)
    except ValueError:
        return None


def quote_input_from_record(
    raw: Mapping[str, Any], reference: ReferenceData, *, today: dt.date
) -> tuple[QuoteInput | None, list[Issue]]:
    """The terms of an intake record checked exactly as enrolment checks them (``check_terms``),
    as the arithmetic needs them. Identity keys are not needed: a form being filled can be priced
    once its terms are right; ages are checked when a birth date or NIK is there."""
    errors: list[Issue] = []
    terms = check_terms(
        raw, today=today, reference=reference, birth=_birth_of(raw, today), errors=errors, warnings=[]
    )
    if terms is None:
        return None, errors
    return (
        QuoteInput(
            terms.segment,
            terms.income,
            terms.programmes,
            terms.funding,
            occupation_flags(terms.occupation),
            terms.risk_class,
            terms.pmi.jht_amount if terms.pmi else None,
        ),
        [],
    )


def quote_record(
    book: RateBook,
    reference: ReferenceData,
    raw: Mapping[str, Any],
    *,
    start: Month,
    months: int,
    schedule: Schedule = MONTHLY,
    today: dt.date | None = None,
) -> QuoteResult:
    """The live quote for an intake form: never raises for bad input, returns the issues instead.
    ``today`` is the business date ages are checked on (default: the first day of ``start``)."""
    inp, issues = quote_input_from_record(raw, reference, today=today or start.first_day())
    if inp is None:
        return QuoteResult(None, tuple(issues))
    try:
        return QuoteResult(quote(book, inp, start, months, schedule), ())
    except DomainError as exc:
        return QuoteResult(None, tuple(exc.issues))


def jakon_contract_contribution(book: RateBook, month: Month, contract_value: int) -> dict[str, int]:
    """JKK and JKM on a construction contract value (excluding VAT), tier by tier, summed per programme."""
    return dict(jakon_contract_charge(book, month, contract_value).totals)


def jakon_contract_charge(book: RateBook, month: Month, contract_value: int) -> ContractCharge:
    """The same, bracket by bracket (what the project form shows while the value is typed)."""
    return contract_charge(book.table_for(month).segments["JAKON"].contract_tiers, contract_value)
