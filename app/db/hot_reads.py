"""Small reads of the counter's hot paths (enrolment, payment, receipt), on the driver.

Each is one indexed statement whose database work is a few microseconds; on the driver
(``app.db.driver``) it costs that, not SQLAlchemy's per-statement machinery. Values come back as
the driver gives them (a date as text on SQLite): callers convert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.db.driver import Driver

_SETTINGS: dict[int, str] = {}
_SCHEDULE = "SELECT schedule, reason FROM contribution_schedule WHERE member_id = ?"
_LEDGER = (
    "SELECT pm.programme, pm.month, pm.amount, p.receipt_no, p.business_date, p.method"
    " FROM payment_month pm JOIN payment p ON p.id = pm.payment_id"
    " WHERE pm.member_id = ? AND NOT pm.voided"
)
_CREDIT = "SELECT coalesce(sum(credit_total), 0) FROM payment WHERE member_id = ? AND status = ?"
# The branch's own tables, then the Kanwil's (sent down): (source, order, order 2, content hash).
_RATE_HASHES = (
    "SELECT 0, id, NULL, sha256 FROM rate_table"
    " UNION ALL SELECT 1, effective_from, loaded_at, sha256 FROM region_rate_table"
)
_OFFICERS: dict[int, str] = {}


def setting_values(driver: Driver, keys: Sequence[str]) -> dict[str, str | None]:
    """The ``setting`` rows among ``keys`` (a key without a row is left out)."""
    sql = _SETTINGS.get(len(keys))
    if sql is None:
        marks = ", ".join("?" * len(keys))
        sql = _SETTINGS[len(keys)] = f'SELECT "key", value FROM setting WHERE "key" IN ({marks})'  # noqa: S608 - only ?s
    return {str(key): value for key, value in driver.execute(sql, tuple(keys)).all()}


def has_setting(driver: Driver, key: str) -> bool:
    return bool(setting_values(driver, (key,)))


def schedule_row(driver: Driver, member_id: int) -> tuple[str | None, str | None] | None:
    """The member's stored (schedule, reason), or None."""
    row = driver.execute(_SCHEDULE, (member_id,)).first()
    return None if row is None else (row[0], row[1])


def ledger_rows(driver: Driver, member_id: int) -> list[tuple[Any, ...]]:
    """Every live paid month: (programme, month, amount, receipt no, business date, method)."""
    return driver.execute(_LEDGER, (member_id,)).all()


def credit_used(driver: Driver, member_id: int, status: str) -> int:
    """The credit set against the member's payments in ``status``."""
    return int(driver.execute(_CREDIT, (member_id, status)).one()[0])


def rate_table_hashes(driver: Driver) -> list[tuple[Any, ...]]:
    """(source, order, order 2, sha256) of every stored rate table: 0 the branch's, 1 the Kanwil's."""
    return driver.execute(_RATE_HASHES).all()


def officer_names(driver: Driver, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Officer id → (username, full name) for ``ids``."""
    sql = _OFFICERS.get(len(ids))
    if sql is None:
        marks = ", ".join("?" * len(ids))
        sql = _OFFICERS[len(ids)] = f"SELECT id, username, full_name FROM officer WHERE id IN ({marks})"  # noqa: S608 - only ?s
    return {int(i): (str(u), str(f)) for i, u, f in driver.execute(sql, tuple(ids)).all()}
