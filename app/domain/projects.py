"""Construction projects charged on their contract value (PP 44/2015 art. 54–55; Permenaker 44/2015).

When the workers' wages are not known, JKK and JKM are computed on the contract value (before VAT)
by marginal brackets, and the contribution covers every daily, piece-rate and PKWT worker listed
under the project for its months. The project is registered within 14 working days of the work
order (SPK) [C]; Loket warns when that has passed rather than refusing (the registration still has
to happen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.money import round_half_up
from app.domain.months import Month
from app.domain.rates import ContractTier
from app.domain.workdays import WorkingCalendar

REGISTRATION_WORKING_DAYS = 14
MAX_PROJECT_MONTHS = 120
MAX_CONTRACT_VALUE = 10**15  # Rp1.000 triliun: anything above is a typing error


class ProjectStatus(StrEnum):
    """Whether a construction project's contribution has been paid."""

    REGISTERED = "REGISTERED"
    PAID = "PAID"


PROJECT_STATUS_LABELS = {
    ProjectStatus.REGISTERED: "Belum dibayar",
    ProjectStatus.PAID: "Dibayar",
}


@dataclass(frozen=True, slots=True)
class BracketLine:
    """The part of a contract value inside one bracket, and what it costs per programme."""

    lower: int  # the bracket starts above this value
    upper: int | None  # and ends at this one (None: no ceiling)
    portion: int  # the part of the contract value inside the bracket
    rates: Mapping[str, Fraction]
    amounts: Mapping[str, int]  # whole rupiah; the lines of a charge add up to its totals


@dataclass(frozen=True, slots=True)
class ContractCharge:
    """JKK and JKM on a contract value by marginal brackets, bracket by bracket."""

    contract_value: int
    lines: tuple[BracketLine, ...]
    totals: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def contract_charge(tiers: Sequence[ContractTier], contract_value: int) -> ContractCharge:
    """Each bracket's rate on the part of the value inside it, summed exactly per programme and
    rounded once, half up. A line's amount is the rounded running sum minus the one before it,
    so the lines add up to the totals to the rupiah."""
    lines: list[BracketLine] = []
    running: dict[str, Fraction] = {}
    lower = 0
    for tier in tiers:
        upper = contract_value if tier.up_to is None else min(contract_value, tier.up_to)
        if upper > lower:
            amounts: dict[str, int] = {}
            for code, fraction in tier.rates.items():
                before = running.get(code, Fraction(0))
                running[code] = before + (upper - lower) * fraction
                amounts[code] = round_half_up(running[code]) - round_half_up(before)
            lines.append(BracketLine(lower, tier.up_to, upper - lower, dict(tier.rates), amounts))
        if tier.up_to is None or contract_value <= tier.up_to:
            break
        lower = tier.up_to
    totals = {code: round_half_up(v) for code, v in running.items()}
    return ContractCharge(contract_value, tuple(lines), totals)


def check_contract_value(contract_value: int) -> Issue | None:
    if isinstance(contract_value, bool) or not 0 < contract_value <= MAX_CONTRACT_VALUE:
        return Issue("nilai_kontrak", "project.value", "Nilai kontrak (sebelum PPN) harus lebih dari Rp0.")
    return None


@dataclass(frozen=True, slots=True)
class ProjectTerms:
    """The contract facts of a construction project that its contribution is priced from."""

    name: str
    owner: str
    contractor: str
    npp: str | None
    contract_value: int
    spk_date: dt.date
    first: Month
    last: Month

    @property
    def months(self) -> tuple[Month, ...]:
        return tuple(self.first.plus(i) for i in range(self.last.index - self.first.index + 1))


def working_days_after(start: dt.date, end: dt.date, calendar: WorkingCalendar) -> int:
    """Working days after ``start`` up to and including ``end``."""
    n, d = 0, start
    while d < end:
        d += dt.timedelta(days=1)
        if calendar.is_working_day(d):
            n += 1
    return n


def check_project(
    *,
    name: str,
    owner: str,
    contractor: str,
    npp: str | None,
    contract_value: int,
    spk_date: dt.date,
    first: Month,
    last: Month,
    today: dt.date,
    calendar: WorkingCalendar,
) -> tuple[ProjectTerms | None, list[Issue], list[Issue]]:
    """(terms, errors, warnings) for a project the officer registers."""
    errors: list[Issue] = []
    warnings: list[Issue] = []
    clean = {
        k: " ".join(v.split()).upper()
        for k, v in (("nama", name), ("pemilik", owner), ("kontraktor", contractor))
    }
    for key, value in clean.items():
        if not 3 <= len(value) <= 150:
            errors.append(
                Issue(key, f"project.{key}", msg("{key} proyek 3–150 karakter.", key=key.capitalize()))
            )
    code = (npp or "").upper().replace(" ", "") or None
    if code is not None and not (code.isalnum() and 5 <= len(code) <= 30):
        errors.append(Issue("npp", "npp.format", "NPP hanya boleh berisi huruf dan angka, 5–30 karakter."))
    value_issue = check_contract_value(contract_value)
    if value_issue is not None:
        errors.append(value_issue)
    if last < first:
        errors.append(Issue("sampai", "project.months", "Bulan selesai proyek sebelum bulan mulainya."))
    elif last.index - first.index + 1 > MAX_PROJECT_MONTHS:
        errors.append(
            Issue(
                "sampai",
                "project.too_long",
                msg(
                    "Masa proyek paling lama {max_project_months} bulan.",
                    max_project_months=MAX_PROJECT_MONTHS,
                ),
            )
        )
    if spk_date > today:
        errors.append(Issue("spk", "project.spk_future", "Tanggal SPK tidak boleh di masa depan."))
    if Month.of(spk_date) > first:
        errors.append(Issue("mulai", "project.before_spk", "Proyek tidak dapat mulai sebelum bulan SPK."))
    late = working_days_after(spk_date, today, calendar)
    if not errors and late > REGISTRATION_WORKING_DAYS:
        warnings.append(
            Issue(
                "spk",
                "project.late",
                msg(
                    "Proyek didaftarkan {late} hari kerja setelah SPK; batasnya {registration_working_days} hari kerja (Permenaker 44/2015).",
                    late=late,
                    registration_working_days=REGISTRATION_WORKING_DAYS,
                ),
            )
        )
    if errors:
        return None, errors, warnings
    return (
        ProjectTerms(
            clean["nama"], clean["pemilik"], clean["kontraktor"], code, contract_value, spk_date, first, last
        ),
        errors,
        warnings,
    )
