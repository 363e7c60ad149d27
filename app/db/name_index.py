"""Writing the name index (``member_name_key`` postings and the ``name_key_stat`` vocabulary), on the driver."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from app.db.driver import Driver

_INSERT_POSTING = (
    "INSERT INTO member_name_key (key, member_id, birth_year, nik_regency, home_regency) "
    "VALUES (?, ?, ?, ?, ?)"
)
_ADD_TO_STAT = (
    "INSERT INTO name_key_stat (key, postings) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET postings = name_key_stat.postings + excluded.postings"
)
_TAKE_FROM_STAT = "UPDATE name_key_stat SET postings = postings - 1 WHERE key = ?"
_LOCK = "LOCK TABLE member_name_key, name_key_stat IN EXCLUSIVE MODE"
# Up to this many rows go in as one multi-row statement (one member's few postings: on PostgreSQL
# each statement costs the client and the server a turn, while an enrolment holds the branch's
# number); more (imports, seeds, rebuilds) as one executemany.
_MULTI_ROW = 64


def insert_postings(
    driver: Driver,
    ordered: Sequence[tuple[str, int, int, str, str | None]],
    counts: Sequence[tuple[str, int]],
) -> None:
    """Postings (key, member id, birth year, NIK regency, home regency), in key order, and what each
    word key gains in the vocabulary counts: one member's or a whole import's."""
    _insert(driver, _INSERT_POSTING, ordered)
    _insert(driver, _ADD_TO_STAT, counts)


def _insert(driver: Driver, single: str, rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    if len(rows) > _MULTI_ROW:
        driver.executemany(single, rows)
    else:
        driver.execute(_rows_sql(single, len(rows)), [v for r in rows for v in r])


@lru_cache(maxsize=128)
def _rows_sql(single: str, n: int) -> str:
    """``single`` (an INSERT of one row, with ``VALUES (?, …)``) for ``n`` rows."""
    head, rest = single.split(" VALUES ", 1)
    values, _sep, tail = rest.partition(")")
    row = values + ")"
    return f"{head} VALUES {', '.join([row] * n)}{tail}"


def take_from_counts(driver: Driver, keys: Sequence[str]) -> None:
    """One posting less for each word key in ``keys``."""
    driver.executemany(_TAKE_FROM_STAT, [(k,) for k in keys])


def lock_for_rebuild(driver: Driver) -> None:
    """PostgreSQL: counters enrolling during a rebuild wait for the new index instead of racing it."""
    if driver.dialect.name == "postgresql":
        driver.execute(_LOCK)
