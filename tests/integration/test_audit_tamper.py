"""Tampering with the audit trail in a real SQLite file, with raw SQL as an intruder would:
every edit, deletion, insertion and reordering is reported at the right event.

The helpers speak of positions in the chain (1, 2, …); rows are stored in the branch's block of
ids (``app.db.ids``), so each one adds the block's base."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from app.db.ids import BLOCK
from app.domain.progress import CancelFlag, Cancelled
from app.services.audit import verify_audit
from app.services.dto import Actor
from tests.conftest import bpu_record
from tests.search_fixtures import enrol, person

COLUMNS = (
    "seq, occurred_at, business_date, officer_id, actor, counter, action, entity, entity_id, "
    "member_id, details, prev_hash, hash"
)


@contextmanager
def raw_db(opened: Any) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(opened.database_url.split(":///", 1)[1], isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


DETOUR = BLOCK // 2


def base(db: sqlite3.Connection) -> int:
    last = int(db.execute("SELECT last_seq FROM audit_head").fetchone()[0])
    return last - last % BLOCK


def shift(db: sqlite3.Connection, from_seq: int, delta: int) -> None:
    """Renumber events from ``from_seq`` on by ``delta`` (via a detour: seq is the primary key)."""
    b = base(db)
    db.execute("UPDATE audit_event SET seq = seq + ? WHERE seq >= ?", (DETOUR, b + from_seq))
    db.execute("UPDATE audit_event SET seq = seq - ? + ? WHERE seq >= ?", (DETOUR, delta, b + DETOUR))


def copy_row(db: sqlite3.Connection, seq: int, new_seq: int, **changes: Any) -> None:
    b = base(db)
    row = dict(
        zip(
            COLUMNS.split(", "),
            db.execute(f"SELECT {COLUMNS} FROM audit_event WHERE seq = ?", (b + seq,)).fetchone(),  # noqa: S608
            strict=True,
        )
    )
    row.update(seq=b + new_seq, **changes)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO audit_event ({', '.join(row)}) VALUES ({marks})", tuple(row.values()))  # noqa: S608


def last_seq(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT last_seq FROM audit_head").fetchone()[0]) - base(db)


def edit(seq: int | None, column: str, value: Any) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        target = seq if seq is not None else last_seq(db)
        db.execute(f"UPDATE audit_event SET {column} = ? WHERE seq = ?", (value, base(db) + target))  # noqa: S608

    return run


def delete(seq: int, *, renumber: bool = False) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM audit_event WHERE seq = ?", (base(db) + seq,))
        if renumber:
            shift(db, seq + 1, -1)

    return run


def insert_forged(seq: int) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        shift(db, seq, +1)
        prev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (base(db) + seq - 1,)).fetchone()[0]
        copy_row(
            db, seq - 1, seq, action="member.enrol", details='{"forged":true}', prev_hash=prev, hash="ab" * 32
        )

    return run


def insert_replayed(source: int, seq: int) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        shift(db, seq, +1)
        copy_row(db, source, seq)  # a genuine event, copied into another place

    return run


def append_forged(*, advance_head: bool) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        n, b = last_seq(db), base(db)
        prev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (b + n,)).fetchone()[0]
        copy_row(db, n, n + 1, details='{"forged":true}', prev_hash=prev, hash="cd" * 32)
        if advance_head:
            db.execute("UPDATE audit_head SET last_seq = ?, last_hash = ?", (b + n + 1, "cd" * 32))

    return run


def swap(a: int, b: int) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        o = base(db)
        db.execute("UPDATE audit_event SET seq = -1 WHERE seq = ?", (o + a,))
        db.execute("UPDATE audit_event SET seq = ? WHERE seq = ?", (o + a, o + b))
        db.execute("UPDATE audit_event SET seq = ? WHERE seq = -1", (o + b,))

    return run


def move_up(src: int, dst: int) -> Callable[[sqlite3.Connection], None]:
    """Move event ``src`` to place ``dst`` (< src); the ones between slide down one place."""

    def run(db: sqlite3.Connection) -> None:
        o = base(db)
        db.execute("UPDATE audit_event SET seq = -1 WHERE seq = ?", (o + src,))
        db.execute(
            "UPDATE audit_event SET seq = seq + ? WHERE seq >= ? AND seq < ?", (DETOUR, o + dst, o + src)
        )
        db.execute("UPDATE audit_event SET seq = seq - ? + 1 WHERE seq >= ?", (DETOUR, o + DETOUR))
        db.execute("UPDATE audit_event SET seq = ? WHERE seq = -1", (o + dst,))

    return run


def truncate(keep_head: bool) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        n, b = last_seq(db), base(db)
        db.execute("DELETE FROM audit_event WHERE seq >= ?", (b + n - 1,))
        if not keep_head:
            prev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (b + n - 2,)).fetchone()[0]
            db.execute("UPDATE audit_head SET last_seq = ?, last_hash = ?", (b + n - 2, prev))

    return run


def reseal(db: sqlite3.Connection) -> None:
    db.execute("UPDATE audit_seal SET mac = ?", ("0" * 64,))


@pytest.fixture
def chain(ctx: Any, officer: Actor) -> int:
    """Eight genuine events: set-up, officers, logins, enrolments."""
    enrol(ctx, officer, bpu_record())
    enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    enrol(ctx, officer, person("Hendra Gunawan", "1988-04-04", "L", serial=8))
    report = verify_audit(ctx)
    assert report.ok and report.checked >= 8
    return report.checked


# (tampering, expected problem, expected first bad seq; negative = counted from the end)
CASES: list[tuple[str, Callable[[sqlite3.Connection], None], str, int]] = [
    ("edit details", edit(5, "details", '{"segment":"PU"}'), "changed", 5),
    ("edit time", edit(6, "occurred_at", "2026-11-23 02:00:00.000000"), "changed", 6),
    ("edit actor of newest", edit(None, "actor", "siti"), "changed", -0),
    ("edit member", edit(7, "member_id", 999), "changed", 7),
    ("delete", delete(5), "removed", 5),
    ("delete and renumber", delete(5, renumber=True), "removed", 5),
    ("insert forged", insert_forged(5), "inserted", 5),
    ("insert replayed copy", insert_replayed(3, 6), "inserted", 6),
    ("append after head", append_forged(advance_head=False), "inserted", +1),
    ("swap neighbours", swap(4, 5), "reordered", 4),
    ("move later event up", move_up(8, 4), "reordered", 4),
    ("truncate tail", truncate(keep_head=True), "removed", -1),
    ("truncate tail and rewind head", truncate(keep_head=False), "removed", -1),
]


@pytest.mark.parametrize(("name", "tamper", "problem", "seq"), CASES, ids=[c[0] for c in CASES])
def test_tampering_is_detected_at_the_right_event(
    opened: Any,
    ctx: Any,
    chain: int,
    name: str,
    tamper: Callable[[sqlite3.Connection], None],
    problem: str,
    seq: int,
) -> None:
    with raw_db(opened) as db:
        tamper(db)
    report = verify_audit(ctx)
    expected = seq if seq > 0 else chain + seq
    if name == "append after head":
        expected = chain + 1
    assert not report.ok
    assert (report.problem, report.first_bad_seq) == (problem, expected), report.message
    assert report.message


def test_forged_append_with_advanced_head_breaks_the_seal(opened: Any, ctx: Any, chain: int) -> None:
    with raw_db(opened) as db:
        append_forged(advance_head=True)(db)
    report = verify_audit(ctx)
    assert not report.ok and report.first_bad_seq == chain + 1


def test_edited_seal_is_detected(opened: Any, ctx: Any, chain: int) -> None:
    with raw_db(opened) as db:
        reseal(db)
    report = verify_audit(ctx)
    assert not report.ok and report.first_bad_seq == chain + 1 and "Segel" in report.message


def test_verify_reports_progress_and_can_be_cancelled(ctx: Any, chain: int, monkeypatch: Any) -> None:
    from app.services import audit

    monkeypatch.setattr(audit, "VERIFY_BATCH", 4)
    seen: list[int] = []
    report = verify_audit(ctx, progress=lambda done, total, message="": seen.append(done))
    assert report.ok and report.checked == chain and seen and seen[-1] <= chain
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        verify_audit(ctx, cancel=flag)
