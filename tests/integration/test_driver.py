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
