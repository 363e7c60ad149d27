"""Rate tables as dated data: parsed and checked here, looked up by contribution month.

A rate table (``resources/data/rates/*.json``, or one a supervisor loaded) is in force from its
``effective_from`` month until a table with a later ``effective_from`` takes over. Inside a table,
some figures carry their own dates (the JP wage cap per year, temporary discounts by month).

Percentages are decimal strings of percent (``"0.24"`` = 0.24 %) and become exact ``Fraction``s;
money is integer rupiah. A JSON float anywhere in a table is refused, so no figure ever passes
through binary floating point.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from app.domain.issues import DomainError, Issue
from app.domain.months import Month
from app.domain.reference import PROGRAMMES, SEGMENTS

FORMAT = "loket-rates/1"
ROUNDING_RULES = frozenset({"HALF_UP_PER_PROGRAMME_PER_MONTH"})
PAYERS = ("employer", "worker")
PAYER_LABELS = {"employer": "pemberi kerja", "worker": "pekerja"}
KINDS = frozenset({"percent", "flat", "risk_class", "none", "bundle", "included"})
BASE_METHODS = frozenset({"minimum", "brackets", "wage", "none"})
MAX_MONEY = 10**13  # Rp10 triliun: a sanity bound for any figure in a table


@dataclass(frozen=True, slots=True)
class Shares:
    """Who pays what fraction of the base: ``(("employer", 37/1000), ("worker", 2/100))``."""

    items: tuple[tuple[str, Fraction], ...]

    @property
    def total(self) -> Fraction:
        return sum((f for _, f in self.items), Fraction(0))

    def percent_text(self) -> str:
        return percent_text(self.total)


@dataclass(frozen=True, slots=True)
class RiskClass:
    number: int
    label: str
    shares: Shares


@dataclass(frozen=True, slots=True)
class DatedAmount:
    """An amount in force from ``start`` until the next entry; ``amount`` None = not known."""

    start: Month
    amount: int | None
    source: str
    unconfirmed: bool


@dataclass(frozen=True, slots=True)
class ProgrammeRate:
    code: str
    label: str
    kind: str
    shares: Shares = Shares(())
    amount: int = 0
    classes: Mapping[int, RiskClass] = field(default_factory=dict)
    default_class: int | None = None
    covers: tuple[str, ...] = ()
    wage_cap: tuple[DatedAmount, ...] = ()
    note: str = ""
    source: str = ""
    unconfirmed: bool = False

    def cap_for(self, month: Month) -> DatedAmount | None:
        """The wage cap in force for ``month`` (None when the programme has no cap)."""
        found: DatedAmount | None = None
        for entry in self.wage_cap:
            if entry.start <= month:
                found = entry
        if self.wage_cap and found is None:
            return DatedAmount(month, None, "", True)
        return found


@dataclass(frozen=True, slots=True)
class Bracket:
    low: int  # inclusive
    high: int | None  # exclusive; None = no upper bound
    base: int


@dataclass(frozen=True, slots=True)
class IncomeBase:
    method: str  # minimum | brackets | wage | none
    minimum: int
    brackets: tuple[Bracket, ...]
    assumption: str
    source: str
    unconfirmed: bool

    def base_for(self, income: int) -> int:
        """The contribution base for a reported income, per this table's method."""
        if self.method == "none":
            return 0
        if self.method == "brackets":
            for b in self.brackets:
                if income >= b.low and (b.high is None or income < b.high):
                    return b.base
            raise DomainError(
                Issue("penghasilan", "rates.no_bracket", "Penghasilan ini tidak masuk golongan mana pun.")
            )
        return max(income, self.minimum)


@dataclass(frozen=True, slots=True)
class DueRule:
    day: int
    month_offset: int  # 0: by the day in the contribution month itself; 1: in the following month

    def due_date_of(self, month: Month) -> dt.date:
        return month.plus(self.month_offset).day(self.day)


@dataclass(frozen=True, slots=True)
class ContractTier:
    up_to: int | None
    rates: Mapping[str, Fraction]


@dataclass(frozen=True, slots=True)
class SegmentRates:
    code: str
    label: str
    due: DueRule
    base: IncomeBase
    programmes: Mapping[str, ProgrammeRate]
    contract_tiers: tuple[ContractTier, ...] = ()


@dataclass(frozen=True, slots=True)
class DiscountRule:
    id: str
    label: str
    segments: frozenset[str]
    programmes: frozenset[str]
    fraction: Fraction  # of the contribution: 1/2 for 50 %
    first: Month
    last: Month
    requires_flags: frozenset[str]
    unless_flags: frozenset[str]
    excluded_funding: frozenset[str]
    source: str
    unconfirmed: bool

    def applies(
        self, *, segment: str, programme: str, month: Month, flags: frozenset[str], funding: str
    ) -> bool:
        return (
            segment in self.segments
            and programme in self.programmes
            and self.first <= month <= self.last
            and self.requires_flags <= flags
            and not (self.unless_flags & flags)
            and funding not in self.excluded_funding
        )


@dataclass(frozen=True, slots=True)
class RateTable:
    version: str
    effective_from: Month
    title: str
    rounding_rule: str
    rounding_text: str
    segments: Mapping[str, SegmentRates]
    discounts: tuple[DiscountRule, ...]
    raw: str  # the canonical JSON text, as stored and shown

    @property
    def label(self) -> str:
        return f"{self.version} (berlaku mulai {self.effective_from.short()})"


def percent_text(fraction: Fraction) -> str:
    """``Fraction(57, 1000)`` → ``5,7%`` (Indonesian decimal comma)."""
    pct = fraction * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    dec = Decimal(pct.numerator) / Decimal(pct.denominator)
    text = format(dec.normalize(), "f")
    return text.replace(".", ",") + "%"


class _Checker:
    """Collects every problem in a table so the supervisor sees them all at once."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def err(self, path: str, code: str, message: str) -> None:
        if len(self.issues) < 50:
            self.issues.append(Issue(path, code, message))

    def text(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.err(f"{path}.{key}", "rates.required", f"'{path}.{key}' wajib diisi.")
            return ""
        if not isinstance(value, str):
            self.err(f"{path}.{key}", "rates.type", f"'{path}.{key}' harus berupa teks.")
            return ""
        return value

    def money(self, value: Any, path: str, *, nullable: bool = False) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(path, "rates.money", f"'{path}' harus bilangan bulat rupiah (bukan pecahan).")
            return None
        if not 0 <= value <= MAX_MONEY:
            self.err(path, "rates.money_range", f"'{path}' di luar batas wajar.")
            return None
        return value

    def percent(self, value: Any, path: str) -> Fraction | None:
        if not isinstance(value, str):
            self.err(path, "rates.percent", f"'{path}' harus persen dalam teks, mis. \"0.24\".")
            return None
        try:
            dec = Decimal(value.strip())
        except InvalidOperation:
            self.err(path, "rates.percent", f"'{path}' bukan angka persen: '{value[:20]}'.")
            return None
        if not dec.is_finite() or not Decimal(0) <= dec <= Decimal(100):
            self.err(path, "rates.percent_range", f"'{path}' harus antara 0 dan 100 persen.")
            return None
        return Fraction(dec) / 100

    def month(self, value: Any, path: str) -> Month | None:
        try:
            return Month.parse(str(value)) if isinstance(value, str) else Month.parse("")
        except ValueError:
            self.err(path, "rates.month", f"'{path}' harus bulan TTTT-BB, mis. 2026-04.")
            return None

    def flag(self, obj: Mapping[str, Any], key: str) -> bool:
        return obj.get(key) is True

    def strings(self, value: Any, path: str) -> frozenset[str]:
        if value is None:
            return frozenset()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(path, "rates.type", f"'{path}' harus daftar teks.")
            return frozenset()
        return frozenset(value)


def _find_floats(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, float):
        out.append(path)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            _find_floats(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _find_floats(v, f"{path}[{i}]", out)


def _shares(c: _Checker, raw: Any, path: str) -> Shares:
    if not isinstance(raw, Mapping) or not raw:
        c.err(path, "rates.shares", f'\'{path}\' harus berisi pembagian, mis. {{"worker": "1"}}.')
        return Shares(())
    items: list[tuple[str, Fraction]] = []
    for payer in raw:
        if payer not in PAYERS:
            c.err(
                f"{path}.{payer}", "rates.payer", f"Pihak pembayar '{payer}' tidak dikenal (employer/worker)."
            )
            continue
        f = c.percent(raw[payer], f"{path}.{payer}")
        if f is not None:
            items.append((payer, f))
    items.sort(key=lambda kv: PAYERS.index(kv[0]))
    return Shares(tuple(items))


def _programme(c: _Checker, code: str, raw: Any, path: str) -> ProgrammeRate | None:
    if code not in PROGRAMMES:
        c.err(path, "rates.programme", f"Program '{code}' tidak dikenal.")
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", f"'{path}' harus objek.")
        return None
    kind = c.text(raw, "kind", path)
    if kind and kind not in KINDS:
        c.err(f"{path}.kind", "rates.kind", f"Jenis tarif '{kind}' tidak dikenal.")
        return None
    label = c.text(raw, "label", path, required=False) or code
    source = c.text(raw, "source", path)
    common: dict[str, Any] = {
        "code": code,
        "label": label,
        "kind": kind,
        "note": c.text(raw, "note", path, required=False),
        "source": source,
        "unconfirmed": c.flag(raw, "unconfirmed"),
    }
    if kind == "percent":
        common["shares"] = _shares(c, raw.get("shares"), f"{path}.shares")
    elif kind in ("flat", "bundle"):
        common["amount"] = c.money(raw.get("amount"), f"{path}.amount") or 0
        if kind == "bundle":
            covers = c.strings(raw.get("covers"), f"{path}.covers")
            common["covers"] = tuple(p for p in PROGRAMMES if p in covers)
    elif kind == "risk_class":
        classes: dict[int, RiskClass] = {}
        raw_classes = raw.get("classes")
        if not isinstance(raw_classes, Mapping) or not raw_classes:
            c.err(f"{path}.classes", "rates.classes", "Kelas risiko wajib diisi.")
        else:
            for key, spec in raw_classes.items():
                if not str(key).isdigit() or not isinstance(spec, Mapping):
                    c.err(f"{path}.classes.{key}", "rates.classes", "Kelas risiko harus bernomor 1, 2, ….")
                    continue
                classes[int(key)] = RiskClass(
                    int(key),
                    c.text(spec, "label", f"{path}.classes.{key}", required=False) or f"kelas {key}",
                    _shares(c, spec.get("shares"), f"{path}.classes.{key}.shares"),
                )
        default = raw.get("default_class")
        if default not in classes:
            c.err(
                f"{path}.default_class", "rates.default_class", "Kelas risiko bawaan harus salah satu kelas."
            )
        common["classes"] = dict(sorted(classes.items()))
        common["default_class"] = default if isinstance(default, int) else None
    caps = raw.get("wage_cap")
    if caps is not None:
        entries: list[DatedAmount] = []
        if not isinstance(caps, list):
            c.err(f"{path}.wage_cap", "rates.type", "'wage_cap' harus daftar.")
        else:
            for i, e in enumerate(caps):
                p = f"{path}.wage_cap[{i}]"
                if not isinstance(e, Mapping):
                    c.err(p, "rates.type", f"'{p}' harus objek.")
                    continue
                start = c.month(e.get("from"), f"{p}.from")
                amount = c.money(e.get("amount"), f"{p}.amount", nullable=True)
                if start is not None:
                    entries.append(
                        DatedAmount(start, amount, c.text(e, "source", p), c.flag(e, "unconfirmed"))
                    )
            starts = [e.start for e in entries]
            if starts != sorted(set(starts)):
                c.err(f"{path}.wage_cap", "rates.order", "Batas upah harus urut bulan, tanpa bulan ganda.")
        common["wage_cap"] = tuple(entries)
    return ProgrammeRate(**common)


def _base(c: _Checker, raw: Any, path: str) -> IncomeBase:
    if not isinstance(raw, Mapping):
        c.err(path, "rates.required", f"'{path}' wajib diisi.")
        return IncomeBase("none", 0, (), "", "", True)
    method = c.text(raw, "method", path)
    if method and method not in BASE_METHODS:
        c.err(f"{path}.method", "rates.base_method", f"Metode dasar iuran '{method}' tidak dikenal.")
    minimum = c.money(raw.get("minimum", 0), f"{path}.minimum") or 0
    brackets: list[Bracket] = []
    raw_brackets = raw.get("brackets") or []
    if not isinstance(raw_brackets, list):
        c.err(f"{path}.brackets", "rates.type", "'brackets' harus daftar.")
        raw_brackets = []
    for i, b in enumerate(raw_brackets):
        p = f"{path}.brackets[{i}]"
        if not isinstance(b, Mapping):
            c.err(p, "rates.type", f"'{p}' harus objek.")
            continue
        low = c.money(b.get("low"), f"{p}.low")
        high = c.money(b.get("high"), f"{p}.high", nullable=True)
        base = c.money(b.get("base"), f"{p}.base")
        if low is not None and base is not None:
            brackets.append(Bracket(low, high, base))
    if method == "brackets":
        if not brackets:
            c.err(f"{path}.brackets", "rates.brackets", "Metode 'brackets' butuh daftar golongan.")
        expected = 0
        for i, b in enumerate(brackets):
            if b.low != expected or (b.high is not None and b.high <= b.low):
                c.err(
                    f"{path}.brackets[{i}]", "rates.brackets", "Golongan harus mulai dari 0 dan bersambung."
                )
                break
            if b.high is None and i != len(brackets) - 1:
                c.err(
                    f"{path}.brackets[{i}]",
                    "rates.brackets",
                    "Hanya golongan terakhir boleh tanpa batas atas.",
                )
                break
            expected = b.high if b.high is not None else expected
        if brackets and brackets[-1].high is not None:
            c.err(
                f"{path}.brackets", "rates.brackets", "Golongan terakhir harus tanpa batas atas (high: null)."
            )
    return IncomeBase(
        method=method,
        minimum=minimum,
        brackets=tuple(brackets),
        assumption=c.text(raw, "assumption", path, required=False),
        source=c.text(raw, "source", path),
        unconfirmed=c.flag(raw, "unconfirmed"),
    )


def _segment(c: _Checker, code: str, raw: Any) -> SegmentRates | None:
    path = f"segments.{code}"
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", f"'{path}' harus objek.")
        return None
    due_raw = raw.get("due")
    due = DueRule(15, 0)
    if not isinstance(due_raw, Mapping):
        c.err(f"{path}.due", "rates.required", f"'{path}.due' wajib diisi.")
    else:
        day, offset = due_raw.get("day"), due_raw.get("month_offset")
        if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 28:
            c.err(f"{path}.due.day", "rates.due", "Tanggal jatuh tempo harus 1–28.")
        elif not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 2:
            c.err(f"{path}.due.month_offset", "rates.due", "month_offset harus 0, 1 atau 2.")
        else:
            due = DueRule(day, offset)
    programmes: dict[str, ProgrammeRate] = {}
    raw_programmes = raw.get("programmes")
    if not isinstance(raw_programmes, Mapping) or not raw_programmes:
        c.err(f"{path}.programmes", "rates.required", f"'{path}.programmes' wajib diisi.")
    else:
        for p_code, spec in raw_programmes.items():
            rate = _programme(c, p_code, spec, f"{path}.programmes.{p_code}")
            if rate is not None:
                programmes[p_code] = rate
    for must in ("JKK", "JKM"):
        if must not in programmes and isinstance(raw_programmes, Mapping) and must not in raw_programmes:
            c.err(f"{path}.programmes", "rates.required", f"Tarif {must} wajib ada untuk segmen {code}.")
    tiers: list[ContractTier] = []
    raw_tiers = raw.get("contract_tiers")
    if isinstance(raw_tiers, Mapping):
        for i, t in enumerate(raw_tiers.get("tiers") or []):
            p = f"{path}.contract_tiers.tiers[{i}]"
            if not isinstance(t, Mapping):
                c.err(p, "rates.type", f"'{p}' harus objek.")
                continue
            up_to = c.money(t.get("up_to"), f"{p}.up_to", nullable=True)
            rates = {
                k: f for k in ("JKK", "JKM") if k in t and (f := c.percent(t[k], f"{p}.{k}")) is not None
            }
            tiers.append(ContractTier(up_to, rates))
    return SegmentRates(
        code=code,
        label=c.text(raw, "label", path, required=False) or code,
        due=due,
        base=_base(c, raw.get("base"), f"{path}.base"),
        programmes=programmes,
        contract_tiers=tuple(tiers),
    )


def _discount(c: _Checker, i: int, raw: Any) -> DiscountRule | None:
    path = f"discounts[{i}]"
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", f"'{path}' harus objek.")
        return None
    first = c.month(raw.get("from"), f"{path}.from")
    last = c.month(raw.get("to"), f"{path}.to")
    fraction = c.percent(raw.get("percent"), f"{path}.percent")
    segments = c.strings(raw.get("segments"), f"{path}.segments")
    programmes = c.strings(raw.get("programmes"), f"{path}.programmes")
    if segments - set(SEGMENTS):
        c.err(f"{path}.segments", "rates.segment", "Segmen potongan tidak dikenal.")
    if programmes - set(PROGRAMMES):
        c.err(f"{path}.programmes", "rates.programme", "Program potongan tidak dikenal.")
    if first is not None and last is not None and last < first:
        c.err(f"{path}.to", "rates.period", "Bulan akhir potongan sebelum bulan awalnya.")
    ident = c.text(raw, "id", path)
    if first is None or last is None or fraction is None:
        return None
    return DiscountRule(
        id=ident,
        label=c.text(raw, "label", path),
        segments=segments,
        programmes=programmes,
        fraction=fraction,
        first=first,
        last=last,
        requires_flags=c.strings(raw.get("requires_flags"), f"{path}.requires_flags"),
        unless_flags=c.strings(raw.get("unless_flags"), f"{path}.unless_flags"),
        excluded_funding=c.strings(raw.get("excluded_funding"), f"{path}.excluded_funding"),
        source=c.text(raw, "source", path),
        unconfirmed=c.flag(raw, "unconfirmed"),
    )


def canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_rate_table(data: Any) -> RateTable:
    """Check a whole table and build it; every problem is reported at once (``DomainError``)."""
    c = _Checker()
    if not isinstance(data, Mapping):
        raise DomainError(Issue("table", "rates.type", "Tabel tarif harus objek JSON."))
    floats: list[str] = []
    _find_floats(data, "", floats)
    for path in floats[:10]:
        c.err(
            path,
            "rates.float",
            f"'{path}' berupa pecahan biner; tulis persen sebagai teks (\"0.24\") dan rupiah sebagai bilangan bulat.",
        )
    if data.get("format") != FORMAT:
        c.err("format", "rates.format", f'Format tabel harus "{FORMAT}".')
    version = c.text(data, "version", "table")
    effective = c.month(data.get("effective_from"), "effective_from")
    rounding = data.get("rounding")
    rule, rounding_text = "", ""
    if not isinstance(rounding, Mapping):
        c.err("rounding", "rates.required", "'rounding' wajib diisi.")
    else:
        rule = c.text(rounding, "rule", "rounding")
        rounding_text = c.text(rounding, "text", "rounding")
        if rule and rule not in ROUNDING_RULES:
            c.err("rounding.rule", "rates.rounding", f"Aturan pembulatan '{rule}' tidak dikenal oleh Loket.")
    segments: dict[str, SegmentRates] = {}
    raw_segments = data.get("segments")
    if not isinstance(raw_segments, Mapping):
        c.err("segments", "rates.required", "'segments' wajib diisi.")
        raw_segments = {}
    for code in SEGMENTS:
        if code not in raw_segments:
            c.err(f"segments.{code}", "rates.required", f"Tarif segmen {code} wajib ada.")
            continue
        seg = _segment(c, code, raw_segments[code])
        if seg is not None:
            segments[code] = seg
    for code in raw_segments:
        if code not in SEGMENTS:
            c.err(f"segments.{code}", "rates.segment", f"Segmen '{code}' tidak dikenal.")
    raw_discounts = data.get("discounts") or []
    discounts: list[DiscountRule] = []
    if not isinstance(raw_discounts, list):
        c.err("discounts", "rates.type", "'discounts' harus daftar.")
    else:
        for i, d in enumerate(raw_discounts):
            rule_obj = _discount(c, i, d)
            if rule_obj is not None:
                discounts.append(rule_obj)
        ids = [d.id for d in discounts]
        if len(ids) != len(set(ids)):
            c.err("discounts", "rates.duplicate", "Setiap potongan harus punya id yang berbeda.")
    if c.issues:
        raise DomainError(c.issues)
    assert effective is not None
    return RateTable(
        version=version,
        effective_from=effective,
        title=c.text(data, "title", "table", required=False),
        rounding_rule=rule,
        rounding_text=rounding_text,
        segments=segments,
        discounts=tuple(discounts),
        raw=canonical(data),
    )


def parse_rate_json(text: str) -> RateTable:
    """A table from JSON text (a file a supervisor loads, or a stored row)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(
            Issue(
                "table", "rates.json", f"JSON tidak valid di baris {exc.lineno} kolom {exc.colno}: {exc.msg}"
            )
        ) from exc
    return parse_rate_table(data)


@dataclass(frozen=True, slots=True)
class RateBook:
    """Every table known to this database; the one in force for a month is the latest that started."""

    tables: tuple[RateTable, ...]  # in precedence order: later entries win ties on effective_from

    @classmethod
    def of(cls, tables: Iterable[RateTable]) -> RateBook:
        items = list(tables)
        # Stable sort keeps the given order (shipped first, then loaded by time) within a month.
        return cls(tuple(sorted(items, key=lambda t: t.effective_from)))

    def table_for(self, month: Month) -> RateTable:
        found: RateTable | None = None
        for t in self.tables:
            if t.effective_from <= month:
                found = t
        if found is None:
            raise DomainError(
                Issue("bulan", "rates.no_table", f"Tidak ada tabel tarif yang berlaku untuk {month.label()}.")
            )
        return found


def unconfirmed_figures(table: RateTable) -> tuple[str, ...]:
    """Paths of every part of a table marked ``"unconfirmed": true`` (what ``rates show`` warns about)."""
    out: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, Mapping):
            if value.get("unconfirmed") is True:
                out.append(path or "table")
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else str(k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                ident = v.get("id") or v.get("from") if isinstance(v, Mapping) else None
                walk(v, f"{path}[{ident or i}]")

    walk(json.loads(table.raw), "")
    return tuple(out)
