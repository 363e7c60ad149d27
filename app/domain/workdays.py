"""Working days: a due date on a weekend or a holiday moves to the next working day.

PP 44/2015 art. 21(3) and 24(4), PP 46/2015 art. 19(3) and 21(4): when the 15th is a "hari libur",
the contribution is due on the next working day. BPJS's own manual counts Saturday, Sunday and
national holidays (domain-facts-2026-12 §8). Which days are holidays comes from outside the domain
(``app/infra/holidays.py``: the pinned ``holidays`` package plus the supervisor's override list), so
this module stays pure and tests can pass any calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MAX_SHIFT_DAYS = 31  # no run of holidays is longer; a guard against a calendar that is all holidays

HolidayLookup = Callable[[dt.date], "str | None"]


def _no_holidays(_day: dt.date) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Which days the branch works. ``holiday`` names a non-working weekday, or None."""

    holiday: HolidayLookup = _no_holidays
    overrides: Mapping[dt.date, str | None] = field(default_factory=dict)
    # An override maps a day to a holiday name (closed) or to None (a working day after all).
    _due: dict[dt.date, DueDate] = field(default_factory=dict, compare=False, repr=False)
    # Due dates already worked out: a branch's many members share one calendar per read.

    def holiday_name(self, day: dt.date) -> str | None:
        """The reason ``day`` is not a working day (``Sabtu``/``Minggu`` included), or None."""
        if day in self.overrides:
            name = self.overrides[day]
            if name is not None:
                return name
            return None
        if day.weekday() == 5:
            return "Sabtu"
        if day.weekday() == 6:
            return "Minggu"
        return self.holiday(day)

    def is_working_day(self, day: dt.date) -> bool:
        return self.holiday_name(day) is None

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the next one."""
        d = day
        for _ in range(MAX_SHIFT_DAYS):
            if self.is_working_day(d):
                return d
            d += dt.timedelta(days=1)
        return d


WEEKENDS_ONLY = WorkingCalendar()


@dataclass(frozen=True, slots=True)
class DueDate:
    """A legal due date: the rule's day, and the working day it moved to (often the same)."""

    nominal: dt.date
    actual: dt.date
    moved_because: str | None  # the holiday or weekend that moved it

    @property
    def moved(self) -> bool:
        return self.actual != self.nominal


def due_date(nominal: dt.date, calendar: WorkingCalendar) -> DueDate:
    known = calendar._due.get(nominal)
    if known is None:
        actual = calendar.on_or_after(nominal)
        known = DueDate(nominal, actual, calendar.holiday_name(nominal) if actual != nominal else None)
        calendar._due[nominal] = known
    return known
