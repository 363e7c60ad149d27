"""The enrolment hot path on the DB-API cursor stores what Core stores and fails as Core fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError

from app.bootstrap import Opened, open_app
from app.db.driver import Driver
from app.db.ids import id_range
from app.db.models import Heir, Member
from app.services.dto import Actor
from tests.conftest import FakeClock

MEMBER = cast(Table, Member.__table__)
HEIR = cast(Table, Heir.__table__)
AT = dt.datetime(2026, 11, 23, 3, 4, 5, 678901, tzinfo=dt.UTC)


@pytest.fixture
def opened(home: Path, clock: FakeClock, any_db_url: str) -> Iterator[Opened]:
    o = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    yield o
    o.ctx.engine.dispose()


def _row(number: str, nik: str, officer: Actor) -> dict[str, Any]:
    return {
        "number": number,
        "branch_id": id_range("101")[0],  # the branch row, first in its block of ids
        "nik": nik,
        "nama": "SITI AMINAH",
        "tempat_lahir": "INDRALAYA",
        "tanggal_lahir": dt.date(1990, 8, 5),
        "jenis_kelamin": "P",
        "nama_ibu": "FATIMAH",
        "no_hp": None,
        "alamat": "JL. MERDEKA NO. 1",
        "kode_wilayah": "16.10.01.2005",
        "nik_district": "16.10.01",
        "record_status": "ACTIVE",
        "merged_into_id": None,
        "created_at": AT,
        "created_by_id": officer.id,
    }


def test_driver_rows_equal_core_rows(ctx: Any, officer: Actor) -> None:
    def work(session: Any) -> tuple[int, int]:
        via_driver = Driver.of(session).insert(
            MEMBER, _row("10100000013", "1610014508900001", officer), returning="id"
        )
        via_core = session.execute(
            insert(MEMBER).returning(MEMBER.c.id), _row("10100000021", "1610014508900002", officer)
        ).scalar_one()
        Driver.of(session).insert_many(
            HEIR,
            [{"member_id": via_driver, "position": 0, "nama": "BUDI", "hubungan": "SUAMI"}],
        )
        session.execute(
            insert(HEIR), [{"member_id": via_core, "position": 0, "nama": "BUDI", "hubungan": "SUAMI"}]
        )
        return int(via_driver), int(via_core)

    a, b = ctx.write(work)
    with ctx.engine.connect() as conn:
        # The raw stored values (text on SQLite, typed on PostgreSQL), past the ORM's processing.
        raw = {
            r[0]: r[1:]
            for r in conn.exec_driver_sql(
                "SELECT id, tanggal_lahir, created_at, no_hp, merged_into_id, record_status FROM member"
            )
        }
        heirs = {r[0]: r[1:] for r in conn.exec_driver_sql("SELECT member_id, position, nama FROM heir")}
    assert raw[a] == raw[b]
    assert heirs[a] == heirs[b]
    read = ctx.read(
        lambda s: s.execute(select(Member.created_at, Member.tanggal_lahir).where(Member.id == a)).one()
    )
    assert tuple(read) == (AT, dt.date(1990, 8, 5))


def test_driver_errors_are_sqlalchemy_errors_and_roll_back(ctx: Any, officer: Actor) -> None:
    ctx.write(lambda s: Driver.of(s).insert(MEMBER, _row("10100000013", "1610014508900001", officer)))

    def again(session: Any) -> None:
        Driver.of(session).insert(MEMBER, _row("10100000021", "1610014508900002", officer))
        Driver.of(session).insert(MEMBER, _row("10100000013", "1610014508900003", officer))

    with pytest.raises(IntegrityError):
        ctx.write(again)

    def many(session: Any) -> None:
        Driver.of(session).executemany(
            "INSERT INTO heir (member_id, position, nama, hubungan) VALUES (?, ?, ?, ?)",
            [(1, 0, "A", "ANAK"), (999_999, 0, "B", "ANAK")],  # no member 999999
        )

    with pytest.raises(IntegrityError):
        ctx.write(many)
    numbers = ctx.read(lambda s: s.execute(select(Member.number)).scalars().all())
    assert numbers == ["10100000013"]  # nothing of either failed transaction stayed
    assert ctx.read(lambda s: s.execute(select(Heir.id)).first()) is None


def test_one_driver_per_connection(ctx: Any, setup_branch: Any) -> None:
    first = ctx.read(lambda s: Driver.of(s))
    assert ctx.read(lambda s: Driver.of(s)) is first  # the pool handed back the same connection
    ctx.engine.dispose()
    assert ctx.read(lambda s: Driver.of(s)) is not first


def test_a_locked_database_at_begin_is_busy_not_a_driver_error(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from app.db import engine as engine_module
    from app.db.engine import sqlite_path
    from app.db.uow import DatabaseBusyError
    from app.services import branch

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 20)
    o = open_app(home=home, clock=clock, counter="LOKET-1")
    try:
        branch.setup_branch(o.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        path = sqlite_path(o.database_url)
        assert path is not None
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another counter holds the write lock
        with pytest.raises(DatabaseBusyError):
            o.ctx.write(
                lambda s: Driver.of(s).execute("UPDATE number_sequence SET next_serial = next_serial")
            )
        other.execute("ROLLBACK")
        other.close()
        o.ctx.write(lambda s: Driver.of(s).execute("UPDATE number_sequence SET next_serial = next_serial"))
    finally:
        o.ctx.engine.dispose()


def test_errors_inside_a_pipeline_are_sqlalchemy_errors_and_roll_back(ctx: Any, officer: Actor) -> None:
    """PostgreSQL sends a pipeline's statements without waiting: a refused one is reported at the next
    wait (a read, or the block's end), as the same SQLAlchemy exception, and nothing of it stays."""
    ctx.write(lambda s: Driver.of(s).insert(MEMBER, _row("10100000013", "1610014508900001", officer)))

    def read_after(session: Any) -> None:
        driver = Driver.of(session)
        with driver.pipeline():
            driver.insert(MEMBER, _row("10100000021", "1610014508900002", officer))
            driver.insert(MEMBER, _row("10100000013", "1610014508900003", officer))  # number taken
            driver.execute("SELECT COUNT(*) FROM member").one()

    def end_of_block(session: Any) -> None:
        driver = Driver.of(session)
        with driver.pipeline():
            driver.insert(MEMBER, _row("10100000013", "1610014508900004", officer))
            driver.execute("UPDATE number_sequence SET next_serial = next_serial")

    for work in (read_after, end_of_block):
        with pytest.raises(IntegrityError):
            ctx.write(work)
    numbers = ctx.read(lambda s: s.execute(select(Member.number)).scalars().all())
    assert numbers == ["10100000013"]


def test_a_pipeline_reads_each_reply_in_order(ctx: Any, officer: Actor) -> None:
    def work(session: Any) -> tuple[Any, ...]:
        driver = Driver.of(session)
        with driver.pipeline():
            a = driver.insert(MEMBER, _row("10100000013", "1610014508900001", officer), returning="id")
            driver.execute("UPDATE member SET no_hp = ? WHERE id = ?", ("+6281234567890", a))
            b = driver.insert(MEMBER, _row("10100000021", "1610014508900002", officer), returning="id")
            phone = driver.execute("SELECT no_hp FROM member WHERE id = ?", (a,)).one()[0]
            missing = driver.execute("SELECT id FROM member WHERE id = ?", (-1,)).first()
        return a, b, phone, missing

    a, b, phone, missing = ctx.write(work)
    assert b > a and phone == "+6281234567890" and missing is None


def test_sqlalchemy_statements_are_refused_inside_a_pipeline(ctx: Any, setup_branch: Any) -> None:
    """Core reads a statement's columns at once, which a PostgreSQL pipeline has not fetched yet: the
    engine refuses it loudly on every database, so the mistake shows in a SQLite test run too."""

    def work(session: Any) -> None:
        with Driver.of(session).pipeline():
            session.execute(select(Member.id))

    with pytest.raises(RuntimeError, match=r"inside Driver\.pipeline"):
        ctx.write(work)
    assert ctx.read(lambda s: s.execute(select(Member.id)).first()) is None  # the session still works


def test_without_the_gate_a_writer_polls_for_the_lock_and_keeps_its_busy_timeout(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no writers' gate (Windows), the write lock is tried again while another counter
    holds it and taken once it is free; the connection's busy timeout is what it was afterwards."""
    import sqlite3
    import threading
    import time

    from app.db import engine as engine_module
    from app.db import writer_gate
    from app.db.engine import SQLITE_BUSY_TIMEOUT_MS, sqlite_path
    from app.services import branch

    monkeypatch.setattr(writer_gate, "fcntl", None)
    o = open_app(home=home, clock=clock, counter="LOKET-1")
    try:
        branch.setup_branch(o.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        path = sqlite_path(o.database_url)
        assert path is not None
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE number_sequence SET next_serial = next_serial + 5")
        waiting = threading.Event()

        def commit_when_waited_on() -> None:
            waiting.wait(timeout=30)
            other.execute("COMMIT")

        t = threading.Thread(target=commit_when_waited_on)
        t.start()

        def pause(seconds: float) -> None:  # the first wait: let the other counter commit
            waiting.set()
            time.sleep(seconds)

        monkeypatch.setattr(engine_module, "_pause", pause)

        def work(session: Any) -> tuple[int, int]:
            driver = Driver.of(session)
            serial = driver.execute("SELECT next_serial FROM number_sequence").one()[0]
            timeout = driver.execute("PRAGMA busy_timeout").one()[0]
            return int(serial), int(timeout)

        serial, timeout = o.ctx.write(work)
        t.join()
        other.close()
        assert waiting.is_set()  # it did wait
        assert serial == 6  # and saw the other counter's committed write
        assert timeout == SQLITE_BUSY_TIMEOUT_MS
    finally:
        o.ctx.engine.dispose()


def _two_counters(home: Path, clock: FakeClock) -> tuple[Opened, Opened]:
    from app.services import branch

    a = open_app(home=home, clock=clock, counter="LOKET-1")
    branch.setup_branch(a.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    return a, open_app(a.database_url, home=home, clock=clock, counter="LOKET-2")


def test_writers_queue_at_the_gate_and_go_in_turn(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counter B asks to write while counter A is writing: B waits at the gate (not polling SQLite)
    and goes as soon as A commits, seeing A's write."""
    import threading

    from app.db import writer_gate

    a, b = _two_counters(home, clock)
    at_gate = threading.Event()
    real = writer_gate._sleep_until_woken

    def sleep_until_woken(fd: int, timeout: float) -> bool:
        at_gate.set()
        return real(fd, timeout)

    monkeypatch.setattr(writer_gate, "_sleep_until_woken", sleep_until_woken)
    bump = "UPDATE number_sequence SET next_serial = next_serial + 1 RETURNING next_serial"
    seen: list[int] = []

    def b_writes() -> None:
        seen.append(b.ctx.write(lambda s: int(Driver.of(s).execute(bump).one()[0])))

    def a_writes(session: Any) -> int:
        at_gate.clear()  # A itself went through the gate already
        mine = int(Driver.of(session).execute(bump).one()[0])
        t.start()
        assert at_gate.wait(timeout=30)  # B is waiting for A
        return mine

    t = threading.Thread(target=b_writes)
    try:
        first = a.ctx.write(a_writes)
        t.join(timeout=60)
        assert seen == [first + 1]
        assert writer_gate.gate_path(Path(a.database_url.split(":///", 1)[1])).exists()
    finally:
        a.ctx.engine.dispose()
        b.ctx.engine.dispose()


def test_a_writer_that_waits_too_long_at_the_gate_is_told_the_database_is_busy(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.db import engine as engine_module
    from app.db.uow import DatabaseBusyError

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 20)
    a, b = _two_counters(home, clock)
    bump = "UPDATE number_sequence SET next_serial = next_serial + 1"
    try:

        def a_writes(session: Any) -> None:
            Driver.of(session).execute(bump)
            with pytest.raises(DatabaseBusyError):  # B gives up while A still writes
                b.ctx.write(lambda s: Driver.of(s).execute(bump))

        a.ctx.write(a_writes)
        b.ctx.write(lambda s: Driver.of(s).execute(bump))  # A is done: B writes
        serial = a.ctx.read(
            lambda s: Driver.of(s).execute("SELECT next_serial FROM number_sequence").one()[0]
        )
        assert serial == 3  # 1, then A's and B's bumps: nothing of B's refused try was kept
    finally:
        a.ctx.engine.dispose()
        b.ctx.engine.dispose()
