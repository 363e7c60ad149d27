"""Contribution months (``2026-04``): the unit every rate, discount, payment and status is counted in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_ISO = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month. Ordered, hashable, and printed as ``YYYY-MM``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise ValueError(f"not a month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-04`` (also ``2026-4``); raises ``ValueError`` otherwise."""
        m = _ISO.fullmatch(str(text).strip())
        if not m:
            raise ValueError(f"bulan harus ditulis TTTT-BB, mis. 2026-04 (bukan '{str(text)[:20]}')")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def from_int(cls, yyyymm: int) -> Month:
        """The database form: ``202604``."""
        return cls(yyyymm // 100, yyyymm % 100)

    @property
    def index(self) -> int:
        """Months since year 0: differences between indexes count months."""
        return self.year * 12 + self.month - 1

    def as_int(self) -> int:
        return self.year * 100 + self.month

    def plus(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def day(self, day: int) -> dt.date:
        """The given day of this month, clamped to the month's last day."""
        last = (self.plus(1).first_day() - dt.timedelta(days=1)).day
        return dt.date(self.year, self.month, min(day, last))

    def label(self) -> str:
        """``April 2026``."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def short(self) -> str:
        """``Apr 2026``."""
        return f"{MONTH_ABBR[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_range(first: Month, last: Month) -> tuple[Month, ...]:
    """Every month from ``first`` to ``last`` inclusive (empty when ``last`` is earlier)."""
    return tuple(Month.from_index(i) for i in range(first.index, last.index + 1))


def period_label(
    months: tuple[Month, ...] | list[Month], *, short: Callable[[Month], str] = Month.short
) -> str:
    """``Apr 2026 – Jun 2026`` for a run; runs joined by commas for a harvest schedule.
    ``short`` names one month (the UI passes its own for English)."""
    if not months:
        return "-"
    ordered = sorted(months)
    runs: list[tuple[Month, Month]] = []
    start = prev = ordered[0]
    for m in ordered[1:]:
        if m.index != prev.index + 1:
            runs.append((start, prev))
            start = m
        prev = m
    runs.append((start, prev))
    return ", ".join(short(a) if a == b else f"{short(a)} – {short(b)}" for a, b in runs)
