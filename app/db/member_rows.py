"""Member rows by number and NIK, and the cover index row a payment makes stale, on the driver."""

from __future__ import annotations

from collections.abc import Sequence

from app.db.driver import Driver

_IDS_IN_RANGE = "SELECT number, id FROM member WHERE number BETWEEN ? AND ?"
_FORGET_COVER = "DELETE FROM member_cover WHERE member_id = ?"
_CHUNK = 500  # NIKs per statement: well under SQLite's bound-parameter limit
_ACTIVE_NIKS: dict[int, str] = {}


def ids_by_number(driver: Driver, first: str, last: str) -> dict[str, int]:
    """Member id by number for the numbers from ``first`` to ``last``: a range of serials just taken
    (the sequence row is locked) finds exactly the rows written with them."""
    return {
        str(number): int(member_id)
        for number, member_id in driver.execute(_IDS_IN_RANGE, (first, last)).all()
    }


def _active_sql(count: int) -> str:
    sql = _ACTIVE_NIKS.get(count)
    if sql is None:
        marks = ", ".join("?" * count)
        sql = _ACTIVE_NIKS[count] = (
            f"SELECT nik FROM member WHERE nik IN ({marks}) AND record_status = 'ACTIVE'"  # noqa: S608 - only ?s
        )
    return sql


def active_niks(driver: Driver, niks: Sequence[str]) -> set[str]:
    """Which of ``niks`` belong to an active member already."""
    taken: set[str] = set()
    for i in range(0, len(niks), _CHUNK):
        part = list(niks[i : i + _CHUNK])
        taken.update(str(nik) for (nik,) in driver.execute(_active_sql(len(part)), part).all())
    return taken


def forget_cover(driver: Driver, member_id: int) -> None:
    """The member's cover changed: drop their ``member_cover`` row (the next refresh recomputes it)."""
    driver.execute(_FORGET_COVER, (member_id,))
