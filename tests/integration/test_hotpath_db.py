"""The invariants of every write, once in app/db for one row and many: serials, the audit chain's
head, the day's lock. On a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app.bootstrap import Opened, open_app
from app.db import day_books
from app.db.audit_chain import Link, Writer, append_links
from app.db.contribution_models import ReceiptSequence
from app.db.driver import Driver
from app.db.ids import local_part
from app.db.models import AuditEvent, AuditHead, NumberSequence
from app.db.sequences import take_member_serials, take_receipt_serials
from app.domain.audit import GENESIS, event_hash
from app.domain.issues import DomainError
from app.domain.membership import MAX_SERIAL
from app.services import day, enrolment, importing
from app.services.audit import verify_audit
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_xlsx
from tests.pg_fixtures import is_sqlite

KEY = b"k" * 32
AT = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
WRITER = Writer(AT, dt.date(2026, 11, 23), None, "system", "LOKET-1")


@pytest.fixture
def opened(home: Path, clock: FakeClock, any_db_url: str) -> Iterator[Opened]:
    o = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    yield o
    o.ctx.engine.dispose()


def _branch_id(ctx: Any) -> int:
    return int(ctx.read(lambda s: s.execute(select(NumberSequence.branch_id)).scalar_one()))


def _next_serial(ctx: Any) -> int:
    return int(ctx.read(lambda s: s.execute(select(NumberSequence.next_serial)).scalar_one()))


# --- serials -----------------------------------------------------------------------------------


def test_one_serial_and_a_range_come_from_the_same_row_in_turn(ctx: Any, setup_branch: Any) -> None:
    branch_id = _branch_id(ctx)
    first = ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id))
    many = ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id, 5))
    after = ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id, 1))
    assert (first, many, after) == (1, 2, 7)
    assert _next_serial(ctx) == 8


def test_a_rolled_back_range_is_given_back(ctx: Any, setup_branch: Any) -> None:
    branch_id = _branch_id(ctx)

    def take_then_fail(session: Any) -> None:
        take_member_serials(Driver.of(session), branch_id, 3)
        raise RuntimeError("the counter's write failed after the number was taken")

    with pytest.raises(RuntimeError):
        ctx.write(take_then_fail)
    assert ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id)) == 1


def test_serials_past_the_last_number_are_refused_and_not_taken(ctx: Any, setup_branch: Any) -> None:
    branch_id = _branch_id(ctx)
    ctx.write(lambda s: s.execute(update(NumberSequence).values(next_serial=MAX_SERIAL - 1)))
    with pytest.raises(DomainError) as exc:
        ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id, 3))
    assert exc.value.issues[0].code == "number.exhausted"
    assert _next_serial(ctx) == MAX_SERIAL - 1  # rolled back
    assert ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id, 2)) == MAX_SERIAL - 1
    with pytest.raises(DomainError):
        ctx.write(lambda s: take_member_serials(Driver.of(s), branch_id))


def test_receipt_serials_start_their_row_and_count_one_or_many(ctx: Any, setup_branch: Any) -> None:
    assert ctx.write(lambda s: take_receipt_serials(Driver.of(s), "TBI-101-2026")) == 1
    assert ctx.write(lambda s: take_receipt_serials(Driver.of(s), "TBI-101-2026", 4)) == 2
    assert ctx.write(lambda s: take_receipt_serials(Driver.of(s), "TBI-101-2027", 2)) == 1
    assert ctx.write(lambda s: take_receipt_serials(Driver.of(s), "TBI-101-2026")) == 6
    stored = ctx.read(
        lambda s: dict(s.execute(select(ReceiptSequence.key, ReceiptSequence.next_serial)).all())
    )
    assert stored == {"TBI-101-2026": 7, "TBI-101-2027": 3}


def test_counters_taking_single_serials_and_ranges_at_once_leave_no_gap_and_no_repeat(
    opened: Opened, setup_branch: Any, any_db_url: str, home: Path
) -> None:
    """Four counters (own engines, own connections), each taking one serial or a range at a time."""
    branch_id = _branch_id(opened.ctx)
    taken: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def counter(index: int) -> None:
        o = open_app(any_db_url, home=home, counter=f"LOKET-{index + 1}")
        try:
            start.wait()
            for i in range(12):
                count = 1 if (i + index) % 3 else 1 + (i % 4)
                first = o.ctx.write(lambda s, n=count: take_member_serials(Driver.of(s), branch_id, n))
                with lock:
                    taken.append((first, count))
        except BaseException as exc:  # reported below, never lost in the thread
            errors.append(exc)
        finally:
            o.ctx.engine.dispose()

    threads = [threading.Thread(target=counter, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(s for first, n in taken for s in range(first, first + n))
    assert serials == list(range(1, len(serials) + 1))  # gapless and unique
    assert _next_serial(opened.ctx) == len(serials) + 1


# --- the audit chain -----------------------------------------------------------------------------


def _links(n: int) -> list[Link]:
    return [Link("test.event", "member", f"M{i}", None, f'{{"i":{i}}}') for i in range(n)]


def _events(ctx: Any) -> list[Any]:
    return ctx.read(
        lambda s: s.execute(
            select(AuditEvent.seq, AuditEvent.prev_hash, AuditEvent.hash).order_by(AuditEvent.seq)
        ).all()
    )


def test_one_event_at_a_time_and_a_batch_chain_the_same(ctx: Any, setup_branch: Any) -> None:
    def singly(session: Any) -> list[str]:
        driver = Driver.of(session)
        for link in _links(3):
            append_links(driver, ctx.audit_key, WRITER, [link])
        rows = session.execute(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(3)).scalars()
        out = list(reversed(list(rows)))
        session.rollback()  # the head goes back: the batch below takes the same places
        return out

    one_by_one = ctx.write(singly)
    head_before = ctx.read(lambda s: s.execute(select(AuditHead.last_seq, AuditHead.last_hash)).one())
    last = ctx.write(lambda s: append_links(Driver.of(s), ctx.audit_key, WRITER, _links(3)))
    rows = _events(ctx)[-3:]
    assert [r.hash for r in rows] == one_by_one
    assert last == rows[-1].seq == head_before.last_seq + 3
    assert rows[0].prev_hash == head_before.last_hash
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert rows[0].hash == event_hash(
        ctx.audit_key,
        seq=local_part(rows[0].seq),
        occurred_at=AT,
        actor="system",
        counter="LOKET-1",
        action="test.event",
        entity="member",
        entity_id="M0",
        member_id=None,
        details='{"i":0}',
        prev_hash=head_before.last_hash,
    )
    head = ctx.read(lambda s: s.execute(select(AuditHead.last_seq, AuditHead.last_hash)).one())
    assert (head.last_seq, head.last_hash) == (rows[-1].seq, rows[-1].hash)
    assert ctx.write(lambda s: append_links(Driver.of(s), ctx.audit_key, WRITER, [])) == 0
    assert verify_audit(ctx, reconcile_rows=False).ok


def test_the_chain_starts_at_its_genesis_and_verifies_after_mixed_appends(
    ctx: Any, setup_branch: Any
) -> None:
    first = ctx.read(
        lambda s: s.execute(select(AuditEvent.prev_hash).order_by(AuditEvent.seq).limit(1)).scalar()
    )
    assert first == GENESIS
    for n in (1, 4, 1, 250):
        ctx.write(lambda s, n=n: append_links(Driver.of(s), ctx.audit_key, WRITER, _links(n)))
    events = _events(ctx)
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + len(events)))
    assert verify_audit(ctx, reconcile_rows=False).ok


# --- the day's lock ------------------------------------------------------------------------------

DAY = dt.date(2026, 11, 23)


def _close(ctx: Any, supervisor: Actor) -> None:
    day.close_day(ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, verify_chain=False)


def test_closed_days_are_found_for_one_day_and_for_many(ctx: Any, supervisor: Actor) -> None:
    week = [DAY - dt.timedelta(days=i) for i in range(7)]
    assert ctx.write(lambda s: day_books.closed_among(Driver.of(s), week)) == set()
    assert ctx.write(lambda s: day_books.is_closed(Driver.of(s), DAY)) is False
    _close(ctx, supervisor)
    assert ctx.write(lambda s: day_books.closed_among(Driver.of(s), week)) == {DAY}
    assert ctx.write(lambda s: day_books.is_closed(Driver.of(s), DAY)) is True
    assert ctx.write(lambda s: day_books.is_closed(Driver.of(s), DAY, hold=False)) is True
    many = [DAY - dt.timedelta(days=i) for i in range(1200)]  # more than one statement's worth
    assert ctx.write(lambda s: day_books.closed_among(Driver.of(s), many)) == {DAY}


def test_an_import_is_refused_on_a_closed_day_like_one_enrolment(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    enrolment.enrol_worker(ctx, officer, bpu_record())
    _close(ctx, supervisor)
    serial = _next_serial(ctx)
    with pytest.raises(DomainError) as one:
        enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900011"))
    assert {i.code for i in one.value.issues} == {"day.closed"}
    path = write_xlsx(tmp_path / "hari-tutup.xlsx", as_cells(valid_rows(3)))
    with pytest.raises(DomainError) as exc:
        importing.commit_import(ctx, officer, path, None, "accepted")
    assert {i.code for i in exc.value.issues} == {"day.closed"}
    assert _next_serial(ctx) == serial  # nothing taken, nothing written


def test_a_writer_checking_its_day_holds_the_books_against_a_closing(ctx: Any, any_db_url: str) -> None:
    """PostgreSQL: the shared lock taken with the check keeps the day from closing (the exclusive
    lock) until the writer commits."""
    if is_sqlite(any_db_url):
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE: no advisory lock to test")
    from sqlalchemy import text

    def closing_could_start() -> bool:
        with ctx.engine.connect() as conn:
            got = bool(
                conn.execute(
                    text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": day_books.DAY_LOCK_KEY}
                ).scalar()
            )
            conn.rollback()
            return got

    writer = ctx.session_factory()
    try:
        assert day_books.is_closed(Driver.of(writer), DAY) is False
        assert not closing_could_start()
        writer.commit()
        assert closing_could_start()
        assert day_books.is_closed(Driver.of(writer), DAY, hold=False) is False  # a look without the lock
        assert closing_could_start()
    finally:
        writer.close()


# --- member rows and small reads ----------------------------------------------------------------


def test_member_look_ups_for_one_row_and_many(ctx: Any, officer: Actor) -> None:
    from app.db.hot_reads import officer_names, setting_values
    from app.db.member_rows import active_niks, ids_by_number

    niks = ["1610014508900003", "1610014508900021"]
    numbers = [enrolment.enrol_worker(ctx, officer, bpu_record(nik=n)).number for n in niks]
    assert all(numbers)
    asked = [f"3171019{i:09d}" for i in range(1200)] + niks[1:]  # past one statement's worth
    found = ctx.read(lambda s: active_niks(Driver.of(s), asked))
    assert found == {niks[1]}
    assert ctx.read(lambda s: active_niks(Driver.of(s), [niks[0]])) == {niks[0]}
    assert ctx.read(lambda s: active_niks(Driver.of(s), [])) == set()
    by_number = ctx.read(lambda s: ids_by_number(Driver.of(s), min(numbers), max(numbers)))
    assert sorted(by_number) == sorted(numbers) and len(set(by_number.values())) == 2
    names = ctx.read(lambda s: officer_names(Driver.of(s), (officer.id, 0)))
    assert names == {officer.id: ("budi", "Budi Santoso")}
    assert ctx.read(lambda s: setting_values(Driver.of(s), ("tidak.ada", "juga.tidak"))) == {}


def test_an_enrolment_never_queries_inside_its_pipeline_when_the_kept_branch_goes_stale(
    ctx: Any, officer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four counters waiting for the number can hold the pipeline past the kept branch row's age
    (30 s); the time zone is read before the pipeline and passed down, never read again inside it
    (the engine refuses a SQLAlchemy statement there, on SQLite too)."""
    from app.services import branch_read

    monkeypatch.setattr(branch_read, "MAX_AGE_S", 0.0)  # every look at the kept row finds it stale
    out = enrolment.enrol_worker(ctx, officer, bpu_record())
    assert out.status == "enrolled"
    assert verify_audit(ctx, reconcile_rows=False).ok
