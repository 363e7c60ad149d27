"""When a member's cover status can next change with no new payment: the day after a due date
passes (a month falls into arrears, a membership ends) or the first day of a month (the month now
covered is another). The status index keeps each member's status until that day."""

from __future__ import annotations

import datetime as dt

from app.domain.cover import CoverRules, CoverState
from app.domain.months import Month
from app.domain.workdays import WorkingCalendar


def recheck_on(rules: CoverRules, state: CoverState, calendar: WorkingCalendar) -> dt.date:
    """The earliest day after ``state.as_of`` on which ``cover_state`` may answer differently."""
    on = state.as_of
    current = Month.of(on)
    candidates = [current.plus(1).first_day()]
    # A due date of a month near this one (offsets up to one month) can pass before next month;
    # the day after it is when that month becomes overdue or a membership ends.
    for m in (current.plus(-2), current.plus(-1), current, current.plus(1)):
        for programme in rules.due:
            after = rules.due_of(programme, m, calendar).actual + dt.timedelta(days=1)
            if after > on:
                candidates.append(after)
    if state.period is not None and state.period.ended_on is not None and state.period.ended_on > on:
        candidates.append(state.period.ended_on)
    return min(candidates)
