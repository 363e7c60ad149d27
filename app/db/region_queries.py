"""Questions a branch asks its Kanwil (read-only): is this NIK active at another branch, is this
member on the way between branches, and the rows of a member a branch is about to receive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa


@dataclass(frozen=True, slots=True)
class ElsewhereRow:
    """A member active (or moving) at another branch of the region, found when the same NIK is enrolled here."""

    nik: str
    number: str
    branch_code: str
    branch_name: str
    moving_to: str | None  # set when the member is between branches (a move not yet accepted)


def active_elsewhere(conn: sa.Connection, niks: Sequence[str], own_code: str) -> list[ElsewhereRow]:
    """Members active at another branch of the region with one of ``niks``, and members with one
    of them on their way between branches (requested, not yet accepted or rejected)."""
    if not niks:
        return []
    rows = conn.execute(
        sa.text(
            "SELECT m.nik, m.number, b.code, b.name, NULL FROM member m JOIN branch b ON b.id = m.branch_id "
            "WHERE m.nik = ANY(:niks) AND m.record_status = 'ACTIVE' AND b.code <> :own "
            "UNION ALL "
            "SELECT t.nik, t.number, t.from_code, coalesce(rb.name, t.from_code), t.to_code "
            "FROM member_transfer t LEFT JOIN region_branch rb ON rb.code = t.from_code "
            "WHERE t.kind = 'REQUEST' AND t.nik = ANY(:niks) AND NOT EXISTS ("
            "SELECT 1 FROM member_transfer d WHERE d.request_id = t.id AND d.kind IN ('ACCEPT', 'REJECT', 'CANCEL'))"
        ),
        {"niks": list(niks), "own": own_code},
    )
    return [ElsewhereRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows]


def open_requests(
    conn: sa.Connection, *, to_code: str | None = None, from_code: str | None = None
) -> list[dict[str, Any]]:
    """Move requests with their decision (if any), to or from a branch, newest first."""
    where = []
    params: dict[str, Any] = {}
    if to_code is not None:
        where.append("t.to_code = :to")
        params["to"] = to_code
    if from_code is not None:
        where.append("t.from_code = :from")
        params["from"] = from_code
    rows = conn.execute(
        sa.text(
            "SELECT t.id, t.member_id, t.number, t.nik, t.from_code, t.to_code, t.reason, t.at, t.snapshot, "  # noqa: S608
            "(SELECT d.kind FROM member_transfer d WHERE d.request_id = t.id ORDER BY d.id DESC LIMIT 1), "
            "(SELECT d.reason FROM member_transfer d WHERE d.request_id = t.id ORDER BY d.id DESC LIMIT 1) "
            f"FROM member_transfer t WHERE t.kind = 'REQUEST' {''.join(' AND ' + w for w in where)} "
            "ORDER BY t.id DESC"
        ),
        params,
    )
    keys = (
        "id",
        "member_id",
        "number",
        "nik",
        "from_code",
        "to_code",
        "reason",
        "at",
        "snapshot",
        "decision",
        "note",
    )
    return [dict(zip(keys, r, strict=True)) for r in rows]


# The rows that make up a member's history, in an order their foreign keys allow, with the filter
# that finds them by the member's id. Officers, sponsor batches and projects they point at are
# fetched by ``referenced``.
HISTORY: tuple[tuple[str, str], ...] = (
    ("enrolment", "member_id = :m"),
    ("payment", "member_id = :m"),
    ("payment_month", "member_id = :m"),
    ("card", "member_id = :m"),
    ("card_reprint", "member_id = :m"),
    ("member_correction", "member_id = :m"),
    ("member_correction_change", "correction_id IN (SELECT id FROM member_correction WHERE member_id = :m)"),
)


def history_rows(conn: sa.Connection, member_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every history row of member ``member_id`` at the Kanwil, table by table."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, where in HISTORY:
        rows = conn.execute(sa.text(f"SELECT * FROM {table} WHERE {where} ORDER BY id"), {"m": member_id})  # noqa: S608
        out[table] = [dict(r._mapping) for r in rows]
    return out


def rows_by_id(conn: sa.Connection, table: str, ids: set[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    sql = f"SELECT * FROM {table} WHERE id = ANY(:ids) ORDER BY id"  # noqa: S608 - fixed table names
    rows = conn.execute(sa.text(sql), {"ids": sorted(ids)})
    return [dict(r._mapping) for r in rows]
