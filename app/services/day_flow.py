"""Tutup Hari without Qt: which panel the supervisor sees (close, or reopen once closed), whether a
close may start now, what is still missing before a close or a reopen is sent, and the per-officer
lines of the day's table.

The page keeps one :class:`DayCloseFlow`, tells it what loaded and what started or ended, and renders
what it answers; closing and reopening themselves are ``app.services.day``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.cash import CashCount
from app.domain.day_summary.figures import DaySummary, OfficerTakings
from app.services.day import MIN_REASON, DayStatusDTO


class DayPanel(StrEnum):
    """The right-hand panel of Tutup Hari."""

    CLOSE = "CLOSE"  # the day is open: count the cash, then close with the password
    REOPEN = "REOPEN"  # the day is closed: reopen with a reason and the password, or see the archive


class Missing(StrEnum):
    """What stops a close or a reopen before it is sent (the page says it at the field)."""

    NOTHING = "NOTHING"
    REASON = "REASON"  # a reopen needs a reason of MIN_REASON characters at least
    PASSWORD = "PASSWORD"  # noqa: S105 - the missing field, not a secret


@dataclass
class DayCloseFlow:
    """The day on screen and what is in progress on it."""

    status: DayStatusDTO | None = None
    closing: bool = False
    reopening: bool = False

    @property
    def panel(self) -> DayPanel:
        return DayPanel.REOPEN if self.status is not None and self.status.closed else DayPanel.CLOSE

    @property
    def can_close(self) -> bool:
        """Closing is open on an open day (or before its status is read), once at a time."""
        return self.panel is DayPanel.CLOSE and not self.closing

    @property
    def can_reopen(self) -> bool:
        return not self.reopening

    def close_missing(self, password: str) -> Missing:
        return Missing.PASSWORD if not password else Missing.NOTHING

    def reopen_missing(self, reason: str, password: str) -> Missing:
        """The reason first (counted with its spaces tidied), then the password."""
        if len(" ".join(reason.split())) < MIN_REASON:
            return Missing.REASON
        return Missing.PASSWORD if not password else Missing.NOTHING


@dataclass(frozen=True, slots=True)
class OfficerLine:
    """One officer's row of the day: enrolments, takings (None: took nothing) and the cash counted at
    the close (None: not counted, or the day is open)."""

    officer: str
    enrolments: int
    takings: OfficerTakings | None
    count: CashCount | None


def officer_lines(summary: DaySummary) -> list[OfficerLine]:
    """Every officer who enrolled or took money that day, the busiest enroller first, then by name."""
    f = summary.figures
    per: dict[str, int] = {}
    for e in f.enrolments:
        per[e.officer] = per.get(e.officer, 0) + 1
    takings = {t.officer: t for t in f.takings}
    counts = {c.officer: c for c in summary.cash_counts}
    who_all = sorted(set(per) | set(takings), key=lambda w: (-per.get(w, 0), w))
    return [OfficerLine(who, per.get(who, 0), takings.get(who), counts.get(who)) for who in who_all]
