"""The day's books: is a business day closed, and the lock that keeps a closing and a write apart.

On PostgreSQL every write dated a business day holds a shared advisory lock ("the day's books")
until its commit, and closing a day takes it exclusively, so a write that found its day open cannot
commit after that day's summary was frozen. SQLite writers are serialised by ``BEGIN IMMEDIATE``
already. One implementation for one day (a counter's enrolment or payment) and for many (a
training seed spread over a year): ``closed_among``. Statements run on the driver
(``app.db.driver``), so the check may run inside its pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import cast

from sqlalchemy import Table

from app.db.day_models import DayLock
from app.db.driver import Driver

# pg_advisory_xact_lock key for "the day's books": an arbitrary constant ("LOKETDAY").
DAY_LOCK_KEY = 0x4C4F4B4554444159

_DAY_LOCK = cast(Table, DayLock.__table__)
_HOLD_SHARED = "SELECT pg_advisory_xact_lock_shared(?)"
_HOLD_EXCLUSIVE = "SELECT pg_advisory_xact_lock(?)"
_CHUNK = 500  # days per statement: well under SQLite's bound-parameter limit
_CLOSED_AMONG: dict[int, str] = {}


def hold_books(driver: Driver, *, exclusive: bool = False) -> None:
    """Take the day's books lock until the transaction ends (PostgreSQL; a no-op elsewhere)."""
    if driver.dialect.name == "postgresql":
        driver.execute(_HOLD_EXCLUSIVE if exclusive else _HOLD_SHARED, (DAY_LOCK_KEY,))


def _closed_sql(count: int) -> str:
    sql = _CLOSED_AMONG.get(count)
    if sql is None:
        marks = ", ".join("?" * count)
        sql = _CLOSED_AMONG[count] = (
            f"SELECT business_date FROM day_lock WHERE business_date IN ({marks}) AND status = 'CLOSED'"  # noqa: S608 - only ?s
        )
    return sql


def closed_among(driver: Driver, days: Collection[dt.date], *, hold: bool = True) -> set[dt.date]:
    """Which of ``days`` are closed; with ``hold`` (every writer) under the shared books lock, taken
    first, so no day can close before the caller commits. On PostgreSQL the lock and the look-up of
    one day go out together (one round trip)."""
    wanted = sorted(set(days))
    found: set[dt.date] = set()
    with driver.pipeline():
        if hold:
            hold_books(driver)
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            bound = [driver.bound(_DAY_LOCK, "business_date", d) for d in part]
            for (value,) in driver.execute(_closed_sql(len(part)), bound).all():
                found.add(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10]))
    return found


def is_closed(driver: Driver, day: dt.date, *, hold: bool = True) -> bool:
    """``closed_among`` for the one day of a counter's write."""
    return bool(closed_among(driver, (day,), hold=hold))
