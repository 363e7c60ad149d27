"""Indonesian public holidays and joint leave days (cuti bersama) from the pinned ``holidays`` package.

``holidays`` 0.108 carries Indonesia's public holidays (``public``) and the SKB 3 Menteri joint
leave days (``government``), with Indonesian names; dates of coming years it marks "(perkiraan)"
(domain-facts-2026-12 §8). Whether joint leave days count as holidays for due dates is not known
[U]: the branch decides in its settings, and the supervisor's override list fixes late decrees.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from app.domain.workdays import HolidayLookup

FIRST_YEAR = 2015  # contributions under PP 44/2015 start in July 2015
LAST_YEAR = 2100


@lru_cache(maxsize=256)
def _year(year: int, joint_leave: bool) -> dict[dt.date, str]:
    import holidays  # a few tens of ms per year: loaded when a due date is first asked for

    categories = ("public", "government") if joint_leave else ("public",)
    found = holidays.country_holidays("ID", years=year, categories=categories, language="id")
    return {day: str(name) for day, name in found.items()}


def holiday_lookup(*, joint_leave: bool) -> HolidayLookup:
    """Name of the public holiday (and, when ``joint_leave``, the cuti bersama day) on a day."""

    def lookup(day: dt.date) -> str | None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            return None
        return _year(day.year, joint_leave).get(day)

    return lookup


def holidays_in(year: int, *, joint_leave: bool) -> dict[dt.date, str]:
    """Every holiday of a year, for the settings page."""
    return dict(sorted(_year(year, joint_leave).items()))
