"""The PU late fine: 2 % per month of delay on the contribution paid late, borne by the employer.

PP 44/2015 art. 22 (JKK, JKM), PP 46/2015 art. 20 (JHT), PP 45/2015 art. 31 (JP); domain-facts-2026-12
§3. The rate is data (the segment's ``late_fine`` in the rate table); BPU pays no fine.

Months of delay are counted as **started** months after the (working-day) due date: paid one day
to one month late is one month, a day more is two. The fine is computed per programme and month
on that line's contribution, rounded half up to whole rupiah, and never compounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from app.domain.money import round_half_up
from app.domain.months import Month


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    return Month.of(day).plus(months).day(day.day)


def delay_months(due: dt.date, paid_on: dt.date) -> int:
    """Started months of delay: 0 when paid on or before the due date."""
    if paid_on <= due:
        return 0
    n = 1
    while add_months(due, n) < paid_on:
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class FineLine:
    """The fine on one programme's late contribution for one month."""

    month: Month
    programme: str
    contribution: int
    due: dt.date
    months_late: int
    rate: Fraction  # per month
    amount: int

    def as_json(self) -> dict[str, object]:
        return {
            "month": str(self.month),
            "programme": self.programme,
            "contribution": self.contribution,
            "due": self.due.isoformat(),
            "months_late": self.months_late,
            "rate": f"{self.rate.numerator}/{self.rate.denominator}",
            "amount": self.amount,
        }

    @classmethod
    def from_json(cls, d: dict[str, object]) -> FineLine:
        num, _, den = str(d["rate"]).partition("/")
        return cls(
            month=Month.parse(str(d["month"])),
            programme=str(d["programme"]),
            contribution=int(str(d["contribution"])),
            due=dt.date.fromisoformat(str(d["due"])),
            months_late=int(str(d["months_late"])),
            rate=Fraction(int(num), int(den or 1)),
            amount=int(str(d["amount"])),
        )


def fine_line(
    month: Month, programme: str, contribution: int, due: dt.date, paid_on: dt.date, rate: Fraction
) -> FineLine | None:
    """The fine for paying ``contribution`` on ``paid_on`` when it was due on ``due``; None if on time."""
    late = delay_months(due, paid_on)
    if late == 0 or contribution <= 0:
        return None
    return FineLine(
        month, programme, contribution, due, late, rate, round_half_up(contribution * rate * late)
    )
