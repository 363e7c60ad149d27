"""Construction projects charged on their contract value (PP 44/2015 art. 54–55; Permenaker 44/2015).

When the workers' wages are not known, JKK and JKM are computed on the contract value (before VAT)
by marginal brackets, and the contribution covers every daily, piece-rate and PKWT worker listed
under the project for its months. The project is registered within 14 working days of the work
order (SPK) [C]; Loket warns when that has passed rather than refusing (the registration still has
to happen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.domain.issues import Issue
from app.domain.months import Month
from app.domain.workdays import WorkingCalendar

REGISTRATION_WORKING_DAYS = 14
MAX_PROJECT_MONTHS = 120
MAX_CONTRACT_VALUE = 10**15  # Rp1.000 triliun: anything above is a typing error


class ProjectStatus(StrEnum):
    REGISTERED = "REGISTERED"
    PAID = "PAID"


@dataclass(frozen=True, slots=True)
class ProjectTerms:
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
            errors.append(Issue(key, f"project.{key}", f"{key.capitalize()} proyek 3–150 karakter."))
    code = (npp or "").upper().replace(" ", "") or None
    if code is not None and not (code.isalnum() and 5 <= len(code) <= 30):
        errors.append(Issue("npp", "npp.format", "NPP hanya boleh berisi huruf dan angka, 5–30 karakter."))
    if isinstance(contract_value, bool) or not 0 < contract_value <= MAX_CONTRACT_VALUE:
        errors.append(
            Issue("nilai_kontrak", "project.value", "Nilai kontrak (sebelum PPN) harus lebih dari Rp0.")
        )
    if last < first:
        errors.append(Issue("sampai", "project.months", "Bulan selesai proyek sebelum bulan mulainya."))
    elif last.index - first.index + 1 > MAX_PROJECT_MONTHS:
        errors.append(
            Issue("sampai", "project.too_long", f"Masa proyek paling lama {MAX_PROJECT_MONTHS} bulan.")
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
                f"Proyek didaftarkan {late} hari kerja setelah SPK; batasnya {REGISTRATION_WORKING_DAYS} hari kerja "
                "(Permenaker 44/2015).",
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
