"""The closed-day guard that every service writing the day's business calls.

Semantics (the same for enrolments, payments, voids, card prints/reprints/spoils and correction
approvals):

- Every record is dated with the branch's business date of the moment it is written. If that
  date is closed, the write is refused: "today is closed; a supervisor reopens it, or carry on
  tomorrow". Nothing is ever back-dated into a closed day or forward-dated into the next one.
- Work on a closed day's records done on a later day (voiding a payment, approving a correction,
  reprinting a card) is simply dated that later, open day: its summary lists it as an adjustment,
  and the closed day's figures never change (they are made only from facts dated that day).

On PostgreSQL, writers take a shared advisory lock and closing takes it exclusively, so a write
that checked "open" cannot commit after the day's summary was frozen; SQLite writers are already
serialised by ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import NoReturn

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.db import day_books
from app.db.day_models import DayLock
from app.db.driver import Driver
from app.db.models import Officer
from app.domain.clock import business_date, local_time
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.states import DayStatus
from app.services.branch_read import branch_timezone as branch_timezone  # the day's callers import it here
from app.services.context import ServiceContext


def hold_books(session: Session, *, exclusive: bool = False) -> None:
    """Serialise day-dated writes against closing (PostgreSQL; a no-op elsewhere): ``app.db.day_books``."""
    day_books.hold_books(Driver.of(session), exclusive=exclusive)


def closed_lock(session: Session, day: dt.date) -> DayLock | None:
    """The lock of a closed business day, or None while the day is open."""
    return session.execute(
        select(DayLock).where(DayLock.business_date == day, DayLock.status == DayStatus.CLOSED)
    ).scalar_one_or_none()


def day_closed_issue(day: dt.date, closed_at: dt.datetime, closed_by: str, timezone: str) -> Issue:
    """The refusal shown when a change would land on a day already closed, naming who closed it and when."""
    from app.domain.day_summary import long_date

    when = local_time(closed_at, timezone).strftime("%H.%M")
    return Issue(
        "tanggal",
        "day.closed",
        msg(
            "Hari {long_date} sudah ditutup oleh {closed_by} pukul {when}. Perubahan tidak dicatat pada hari yang sudah ditutup: minta supervisor membuka kembali hari ini (dengan alasan), atau lanjutkan besok.",
            long_date=long_date(day),
            closed_by=closed_by,
            when=when,
        ),
    )


# Every enrolment and payment asks, on the driver (app.db.day_books); the details only when closed.
_CLOSED_BY = (
    select(DayLock.closed_at, Officer.full_name)
    .join(Officer, Officer.id == DayLock.closed_by_id)
    .where(DayLock.business_date == bindparam("day"), DayLock.status == DayStatus.CLOSED)
)


def ensure_day_open(session: Session, ctx: ServiceContext, at: dt.datetime | None = None) -> dt.date:
    """The business date to record for a write happening ``at`` (default: now), inside the
    caller's transaction. Raises ``DomainError`` (``day.closed``) when that date is closed."""
    day, closed = day_status(session, ctx, at)
    if closed:
        refuse_closed_day(session, ctx, day)
    return day


def day_status(
    session: Session, ctx: ServiceContext, at: dt.datetime | None = None, *, timezone: str | None = None
) -> tuple[dt.date, bool]:
    """``ensure_day_open`` without the refusal: (business date, closed?). Given the branch's
    ``timezone`` (read before the block), only driver statements run, so it may run inside
    ``Driver.pipeline()``."""
    tz = timezone or branch_timezone(session, ctx)
    day = business_date(at or ctx.clock(), tz)
    return day, day_books.is_closed(Driver.of(session), day)  # PostgreSQL: the books' lock with it


def closed_days(session: Session, days: Collection[dt.date]) -> set[dt.date]:
    """Which of ``days`` are closed, under the books' lock (a write spread over many days, such as
    a training seed): the same check as one enrolment's, for many days at once."""
    return day_books.closed_among(Driver.of(session), days)


def refuse_closed_day(session: Session, ctx: ServiceContext, day: dt.date) -> NoReturn:
    """Raise ``day.closed`` for ``day``, saying who closed it and when."""
    row = session.connection().execute(_CLOSED_BY, {"day": day}).one()
    raise DomainError(day_closed_issue(day, row[0], row[1], branch_timezone(session, ctx)))
