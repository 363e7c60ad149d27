"""Rate tables as dated data: parsed and checked here, looked up by contribution month.

A rate table (``resources/data/rates/*.json``, or one a supervisor loaded) is in force from its
``effective_from`` month until a table with a later ``effective_from`` takes over. Inside a table,
some figures carry their own dates (the JP wage cap per year, temporary discounts by month).

Percentages are decimal strings of percent (``"0.24"`` = 0.24 %) and become exact ``Fraction``s;
money is integer rupiah. A JSON float anywhere in a table is refused, so no figure ever passes
through binary floating point.

Parsing and checking a table's JSON is ``app.domain.rate_parse``; this module holds what a parsed
table is and how a month finds its figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from app.domain.cover import CoverPolicy, CoverRules, DueRule
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month

PAYERS = ("employer", "worker")
# Kinds of programme rate whose months are owed (and paid); "none" and "recomposed" carry no
# contribution of their own (JKP), "included" is paid inside a bundle (PMI's JKM).
OWED_KINDS = frozenset({"percent", "flat", "risk_class", "bundle", "included"})


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
    """One JKK risk class of a rate table, with its employer and worker shares."""

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
class RecompositionPart:
    """A programme funded out of others' contributions (JKP from JKK since PP 6/2025), from ``start``:
    ``taken`` fractions of the wage move out of those programmes; ``government`` is paid by the state."""

    start: Month
    taken: Mapping[str, Fraction]
    government: Fraction
    source: str
    unconfirmed: bool


@dataclass(frozen=True, slots=True)
class ProgrammeRate:
    """How one programme is priced in a segment (percent, flat, per risk class, bundled)."""

    code: str
    label: str
    kind: str
    shares: Shares = Shares(())
    amount: int = 0
    classes: Mapping[int, RiskClass] = field(default_factory=dict)
    default_class: int | None = None
    covers: tuple[str, ...] = ()
    wage_cap: tuple[DatedAmount, ...] = ()
    due: DueRule | None = None  # when this programme's due date differs from its segment's
    parts: tuple[RecompositionPart, ...] = ()  # kind "recomposed": funded out of other programmes
    choices: tuple[int, ...] = ()  # kind "flat": amounts the member may choose instead (PMI's JHT)
    note: str = ""
    source: str = ""
    unconfirmed: bool = False

    def part_for(self, month: Month) -> RecompositionPart | None:
        """The recomposition in force for ``month`` (None before the programme existed)."""
        found: RecompositionPart | None = None
        for part in self.parts:
            if part.start <= month:
                found = part
        return found

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
    """One row of an income table: the reported incomes it covers and the base they pay on."""

    low: int  # inclusive
    high: int | None  # exclusive; None = no upper bound
    base: int
    unconfirmed: bool = False


@dataclass(frozen=True, slots=True)
class IncomeBase:
    """How a segment turns a reported income into the base its contributions are computed on."""

    method: str  # minimum | brackets | wage | none
    minimum: int
    brackets: tuple[Bracket, ...]
    assumption: str
    source: str
    unconfirmed: bool

    def bracket_for(self, income: int) -> Bracket | None:
        """The row of the income table a reported income selects (None unless ``brackets``)."""
        if self.method != "brackets":
            return None
        for b in self.brackets:
            if income >= b.low and (b.high is None or income < b.high):
                return b
        raise DomainError(
            Issue("penghasilan", "rates.no_bracket", "Penghasilan ini tidak masuk golongan mana pun.")
        )

    def base_for(self, income: int) -> int:
        """The contribution base for a reported income, per this table's method."""
        if self.method == "none":
            return 0
        bracket = self.bracket_for(income)
        if bracket is not None:
            return bracket.base
        return max(income, self.minimum)


@dataclass(frozen=True, slots=True)
class ContractTier:
    """One band of contract value and the rates a construction project in it pays."""

    up_to: int | None
    rates: Mapping[str, Fraction]


@dataclass(frozen=True, slots=True)
class PlacementPackage:
    """One PMI package: the contribution for a placement contract of a given length."""

    months: int  # contract length the package is for
    amount: int


@dataclass(frozen=True, slots=True)
class PmiPackages:
    """Permenaker 4/2023 art. 18–19: JKK + JKM for migrant workers, paid as packages."""

    pre_departure: int  # before work, through a placement agency (P3MI)
    placement: tuple[PlacementPackage, ...]  # during and after work, by contract length (ascending)
    extra_month: int  # each month of contract beyond the package's length
    after_months: int  # months of protection after the contract ends
    individual_earliest_months: int  # individual PMI pay no earlier than this before departure
    source: str
    unconfirmed: bool

    def placement_price(self, contract_months: int) -> tuple[PlacementPackage, int, int]:
        """(the package, months beyond it, amount): the longest package not longer than the contract
        (the shortest for a shorter contract), plus ``extra_month`` for each month beyond it."""
        chosen = self.placement[0]
        for p in self.placement:
            if p.months <= contract_months:
                chosen = p
        extra = max(0, contract_months - chosen.months)
        return chosen, extra, chosen.amount + extra * self.extra_month


@dataclass(frozen=True, slots=True)
class SegmentRates:
    """Everything a rate table says about one segment: base, programmes, due dates, fines, cover."""

    code: str
    label: str
    due: DueRule
    base: IncomeBase
    programmes: Mapping[str, ProgrammeRate]
    contract_tiers: tuple[ContractTier, ...] = ()
    cover: CoverPolicy | None = None  # None in a table that does not state it (format 1)
    late_fine: Fraction | None = None  # per month of delay; None = no fine
    states_late_fine: bool = False
    pmi: PmiPackages | None = None

    def owed_programmes(self, programmes: Iterable[str]) -> tuple[str, ...]:
        """Of ``programmes``, those whose months are owed and paid."""
        return tuple(p for p in programmes if p in self.programmes and self.programmes[p].kind in OWED_KINDS)

    def paid_with(self, lined: Iterable[str]) -> frozenset[str]:
        """The programmes a payment pays for a month given the programmes it has lines for: those,
        and what their bundles include (PMI's JKM inside the JKK package)."""
        codes = set(lined)
        for code in list(codes):
            rate = self.programmes.get(code)
            if rate is not None and rate.kind == "bundle":
                codes.update(rate.covers)
        return frozenset(codes)

    def due_rules(self) -> dict[str, DueRule]:
        return {
            code: rate.due or self.due for code, rate in self.programmes.items() if rate.kind in OWED_KINDS
        }


@dataclass(frozen=True, slots=True)
class DiscountRule:
    """A temporary discount from a regulation: which months, segments, programmes and money it applies to."""

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
    """One dated rate table, as loaded from its JSON: the prices in force from a month on."""

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
                Issue(
                    "bulan",
                    "rates.no_table",
                    msg("Tidak ada tabel tarif yang berlaku untuk {label}.", label=month.label()),
                )
            )
        return found

    def _stating(self, month: Month, segment: str, has: Any) -> SegmentRates:
        """The segment in the latest table in force for ``month`` that states ``has`` (a table of the
        first format states no cover rules; those then come from the latest table that does)."""
        found: SegmentRates | None = None
        for t in self.tables:
            seg = t.segments.get(segment)
            if seg is not None and has(seg) and (found is None or t.effective_from <= month):
                found = seg
        if found is None:
            raise DomainError(
                Issue(
                    "segmen",
                    "rates.no_cover",
                    msg("Tabel tarif tidak memuat aturan kepesertaan {segment}.", segment=segment),
                )
            )
        return found

    def cover_rules(self, segment: str, month: Month) -> CoverRules:
        """Due dates per programme, the arrears limit and what follows it, for ``segment``."""
        seg = self._stating(month, segment, lambda s: s.cover is not None)
        assert seg.cover is not None
        return CoverRules.of(segment, seg.cover, seg.due_rules())

    def late_fine(self, segment: str, month: Month) -> Fraction | None:
        """The late fine per month of delay for a contribution month (None: this segment pays none)."""
        return self._stating(month, segment, lambda s: s.states_late_fine).late_fine


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
