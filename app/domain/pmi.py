"""Migrant workers (PMI): JKK + JKM paid as packages that cover named months (Permenaker 4/2023).

* Before work (through a placement agency, P3MI): Rp37.500, from the payment until departure.
* During and after work, by contract length: 6/12/24 months Rp108.000/189.000/332.500; the longest
  package not longer than the contract, plus Rp13.500 for each month beyond it. Individual PMI
  pay this package only, no earlier than one month before departure.
* JHT is optional, a chosen amount per month, paid like any other month.

The figures are the rate table's (``pmi_packages``); a package's cover is the months it names, so
the member's status follows from the same cover model as everyone else's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.money import format_rupiah
from app.domain.months import Month
from app.domain.quote import Quote, QuoteInput, QuoteLine
from app.domain.rates import PmiPackages
from app.domain.schedule import MONTHLY
from app.domain.terms import PmiTerms

PRE_LABEL = "Paket sebelum bekerja"


@dataclass(frozen=True, slots=True)
class PmiPlan:
    """The protection a PMI's packages give, and what they cost."""

    pre_months: tuple[Month, ...]  # before work: from the payment to the month before departure
    pre_amount: int  # 0 for individual PMI, or when already departed
    placement_months: tuple[Month, ...]  # during (and after) work
    placement_amount: int
    placement_label: str
    note: str  # the packages in words, for the receipt

    @property
    def months(self) -> tuple[Month, ...]:
        return tuple(sorted(set(self.pre_months) | set(self.placement_months)))


def plan(packages: PmiPackages, terms: PmiTerms, *, today: dt.date) -> PmiPlan:
    """The packages a PMI pays at registration, and the months each protects."""
    now = Month.of(today)
    package, extra, amount = packages.placement_price(terms.contract_months)
    placement = tuple(terms.departure.plus(i) for i in range(terms.contract_months + packages.after_months))
    label = f"Paket kontrak {terms.contract_months} bln"
    note = (
        f"Paket PMI selama dan setelah bekerja, kontrak {terms.contract_months} bulan: paket {package.months} bulan "
        f"{format_rupiah(package.amount)}"
        + (f" + {extra} bulan × {format_rupiah(packages.extra_month)}" if extra else "")
        + f"; dilindungi {terms.departure.short()} – {placement[-1].short()}."
    )
    pre: tuple[Month, ...] = ()
    pre_amount = 0
    if terms.route == "P3MI" and now <= terms.departure:
        pre = tuple(now.plus(i) for i in range(terms.departure.index - now.index)) or (terms.departure,)
        pre_amount = packages.pre_departure
    if pre_amount:
        note += f" Paket sebelum bekerja {format_rupiah(pre_amount)}: {pre[0].short()} sampai berangkat."
    return PmiPlan(pre, pre_amount, placement, amount, label, note)


def check_timing(packages: PmiPackages, terms: PmiTerms, *, today: dt.date) -> None:
    """Individual PMI pay no earlier than ``individual_earliest_months`` before departure (art. 19)."""
    if terms.route != "PERSEORANGAN":
        return
    earliest = terms.departure.plus(-packages.individual_earliest_months).first_day()
    if today < earliest:
        raise DomainError(
            Issue(
                "bulan_berangkat",
                "pmi.too_early",
                msg(
                    "PMI perseorangan membayar paling cepat {individual_earliest_months} bulan sebelum berangkat (mulai {earliest}).",
                    individual_earliest_months=packages.individual_earliest_months,
                    earliest=format(earliest, "%d-%m-%Y"),
                ),
            )
        )


def _spread(amount: int, months: tuple[Month, ...]) -> list[int]:
    """An amount over months in whole rupiah: equal parts, the remainder in the first month."""
    if not months:
        return []
    part, rest = divmod(amount, len(months))
    return [part + (rest if i == 0 else 0) for i in range(len(months))]


def package_quote(
    p: PmiPlan, inp: QuoteInput, *, version: str, paid: frozenset[Month] = frozenset()
) -> Quote:
    """The packages not yet paid as a quote: one JKK line per protected month (JKM is inside the
    package), so a payment records exactly the months it protects."""
    lines: list[QuoteLine] = []

    def add(months: tuple[Month, ...], amount: int, label: str) -> None:
        for m, part in zip(months, _spread(amount, months), strict=True):
            lines.append(QuoteLine(m, "JKK", label, 0, "paket", 0, part, part, 0, part, None, None, version))

    pre = tuple(m for m in p.pre_months if m not in paid)
    if p.pre_amount and pre:
        add(pre, p.pre_amount, PRE_LABEL)
    if not any(m in paid for m in p.placement_months):
        add(p.placement_months, p.placement_amount, p.placement_label)
    if not lines:
        raise DomainError(
            Issue(
                "bulan",
                "pmi.paid",
                "Paket PMI sudah dibayar; perpanjangan dibayar per bulan (sebutkan jumlah bulan).",
            )
        )
    months = tuple(sorted({ln.month for ln in lines}))
    total = sum(ln.amount for ln in lines)
    notes = (Issue("program", "pmi.packages", p.note),)
    return Quote(inp, MONTHLY, months, tuple(lines), total, 0, total, notes, (version,))
