"""Payment schedules: every month, or at harvest/catch time ("bayar saat panen").

A harvest schedule is a **payment calendar, not a cover calendar** (domain-facts-2026-12 §2): in
each harvest or catch month the member pays ahead for every month until the next harvest month,
so cover stays continuous. Whether a month is owed, and when, never depends on the schedule: a
missed harvest payment leaves the following months unpaid, and they fall into arrears by the
ordinary monthly rules. The schedule only says which months the *next* payment should cover.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import MONTH_ABBR, Month

MAX_RUN = 12  # one payment never covers more than a year


@dataclass(frozen=True, slots=True)
class Schedule:
    """Monthly (no harvest months), or the calendar months in which the member pays (``{3, 9}``)."""

    harvest_months: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if any(not 1 <= m <= 12 for m in self.harvest_months):
            raise ValueError("harvest months are 1–12")
        if len(self.harvest_months) == 12:  # paying every month is the monthly schedule
            object.__setattr__(self, "harvest_months", frozenset())

    @property
    def monthly(self) -> bool:
        return not self.harvest_months

    def is_harvest(self, month: Month) -> bool:
        return self.monthly or month.month in self.harvest_months

    def next_harvest(self, after: Month) -> Month:
        """The first harvest month strictly after ``after`` (the next month for a monthly schedule)."""
        m = after.plus(1)
        while not self.is_harvest(m):
            m = m.plus(1)
        return m

    def run_from(self, first: Month) -> tuple[Month, ...]:
        """The months one payment starting at ``first`` covers: up to the month before the next
        harvest month (one month for a monthly schedule). From a harvest month that is the season's
        run; from any other month it bridges to the next harvest."""
        end = self.next_harvest(first)
        count = min(end.index - first.index, MAX_RUN)
        return tuple(first.plus(i) for i in range(count))

    def encode(self) -> str:
        """Stored form: ``MONTHLY`` or ``HARVEST:3,4,9,10``."""
        if self.monthly:
            return "MONTHLY"
        return "HARVEST:" + ",".join(str(m) for m in sorted(self.harvest_months))

    @classmethod
    def decode(cls, text: str | None) -> Schedule:
        if not text or text == "MONTHLY":
            return MONTHLY
        _, _, months = text.partition(":")
        return cls(frozenset(int(m) for m in months.split(",") if m))

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """``3,4,9,10`` or ``Mar,Apr,Sep,Okt``; raises ``DomainError`` with an Indonesian message."""
        names = {a.upper(): i + 1 for i, a in enumerate(MONTH_ABBR)}
        months: set[int] = set()
        for token in str(text).replace(";", ",").split(","):
            t = token.strip().upper()
            if not t:
                continue
            n = int(t) if t.isdigit() and len(t) <= 2 else names.get(t[:3])
            if n is None or not 1 <= n <= 12:
                raise DomainError(
                    Issue(
                        "jadwal",
                        "schedule.month",
                        msg("Bulan panen '{token}' tidak dikenal (1–12).", token=token.strip()[:10]),
                    )
                )
            months.add(n)
        if not months:
            raise DomainError(Issue("jadwal", "schedule.empty", "Pilih minimal satu bulan panen."))
        return cls(frozenset(months))

    def label(self) -> str:
        if self.monthly:
            return "Bulanan"
        return "Saat panen: " + ", ".join(MONTH_ABBR[m - 1] for m in sorted(self.harvest_months))


MONTHLY = Schedule()

MIN_REASON = 10
MAX_REASON = 200


def check_schedule_choice(schedule: Schedule, *, seasonal: bool, reason: str | None) -> str | None:
    """A harvest schedule is offered to seasonal occupations (farmers, fishers, …, marked in the
    occupation data); any other occupation needs a recorded reason. Returns the cleaned reason."""
    why = " ".join((reason or "").split()) or None
    if why is not None and len(why) > MAX_REASON:
        raise DomainError(
            Issue(
                "alasan",
                "schedule.reason_length",
                msg("Alasan paling banyak {max_reason} karakter.", max_reason=MAX_REASON),
            )
        )
    if schedule.monthly or seasonal:
        return why
    if why is None or len(why) < MIN_REASON:
        raise DomainError(
            Issue(
                "alasan",
                "schedule.reason_required",
                msg(
                    "Pekerjaan peserta ini bukan pekerjaan musiman; jadwal bayar saat panen perlu alasan (minimal {min_reason} karakter), mis. 'penghasilan dari kebun sawit keluarga'.",
                    min_reason=MIN_REASON,
                ),
            )
        )
    return why
