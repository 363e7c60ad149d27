"""``loket demo seed``: the worker-process pipeline writes exactly what the in-process path writes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.bootstrap import open_app
from app.db.models import Setting
from app.domain.issues import DomainError
from app.domain.membership import parse_number
from app.domain.progress import CancelFlag, Cancelled
from app.services import auth, day, demo, enrolment
from app.services.audit import verify_audit
from app.services.records import open_member_record
from app.services.search_index import rebuild_search_index
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import FakeClock, bpu_record

TABLES = {
    "member": "id",
    "enrolment": "id",
    "member_name_key": "key, member_id",
    "name_key_stat": "key",
}


def _fresh(home: Path, clock: FakeClock) -> Any:
    opened = open_app(home=home, clock=clock, counter="LOKET-1")
    set_up_branch(opened.ctx)
    return opened.ctx


def _siti(ctx: Any) -> Any:
    return auth.login(ctx, "siti", SUPERVISOR_PASSWORD)


def _is_training(ctx: Any) -> bool:
    """Whether seeding marked the database as a training one (the mark a later seed accepts)."""
    return ctx.read(lambda s: s.get(Setting, demo.TRAINING_KEY) is not None)


def _dump(ctx: Any) -> dict[str, list[tuple[Any, ...]]]:
    with ctx.engine.connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]  # noqa: S608
            for table, order in TABLES.items()
        }


def test_worker_process_writes_what_the_inline_path_writes(tmp_path: Path) -> None:
    clock = FakeClock()
    dumps = []
    for worker in (False, True):
        ctx = _fresh(tmp_path / f"home-{worker}", clock)
        try:
            result = demo.seed_members(ctx, _siti(ctx), 900, seed=5, batch=300, worker=worker)
            assert result.created == 900
            dumps.append(_dump(ctx))
        finally:
            ctx.engine.dispose()
    inline, worker_made = dumps
    assert len(inline["member"]) == 900 and len(inline["enrolment"]) == 900
    assert len(inline["member_name_key"]) > 900
    assert inline == worker_made


def test_small_first_batches_double_and_write_the_same_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer starts on a small first batch (50, 100, 200, then 300 each): the worker and the
    inline path still write the same rows, numbered without a gap."""
    monkeypatch.setattr(demo, "FIRST_BATCH", 50)
    clock = FakeClock()
    dumps = []
    for worker in (False, True):
        ctx = _fresh(tmp_path / f"home-{worker}", clock)
        try:
            sizes: list[int] = []
            result = demo.seed_members(
                ctx,
                _siti(ctx),
                900,
                seed=5,
                batch=300,
                worker=worker,
                progress=lambda done, total, message="", seen=sizes: seen.append(done),
            )
            assert result.created == 900
            assert sizes == [50, 150, 350, 650, 900]
            assert parse_number(result.last_number).serial == 900  # type: ignore[arg-type,union-attr]
            dumps.append(_dump(ctx))
        finally:
            ctx.engine.dispose()
    assert dumps[0] == dumps[1]


def test_seeded_rows_read_back_like_any_member(tmp_path: Path) -> None:
    clock = FakeClock()
    ctx = _fresh(tmp_path / "home", clock)
    try:
        siti = _siti(ctx)
        result = demo.seed_members(ctx, siti, 600, seed=9, batch=250, worker=True)
        assert result.first_number and result.last_number
        assert parse_number(result.last_number).serial == 600  # type: ignore[union-attr]
        member = open_member_record(ctx, siti, result.last_number).member
        assert member.record_status == "ACTIVE"
        assert isinstance(member.tanggal_lahir, dt.date)
        assert member.created_at.tzinfo is not None
        assert clock.now - dt.timedelta(days=365) <= member.created_at <= clock.now
        assert open_member_record(ctx, siti, member.nik).member.number == member.number
        (enrolment,) = member.enrolments
        assert enrolment.segment == "BPU" and enrolment.counter == "LOKET-1"
        assert verify_audit(ctx).ok
    finally:
        ctx.engine.dispose()


def test_seeding_again_skips_active_niks_and_keeps_numbers_and_index_whole(tmp_path: Path) -> None:
    ctx = _fresh(tmp_path / "home", FakeClock())
    try:
        demo.seed_members(ctx, _siti(ctx), 400, seed=3, batch=200, worker=True)
        # The same seed makes the same NIKs first: every one is already active, so more are made.
        again = demo.seed_members(ctx, _siti(ctx), 400, seed=3, batch=200, worker=True)
        assert again.created == 400
        assert parse_number(again.first_number).serial == 401  # type: ignore[arg-type,union-attr]
        assert parse_number(again.last_number).serial == 800  # type: ignore[arg-type,union-attr]
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*), count(DISTINCT nik) FROM member")).one() == (800, 800)
            assert conn.execute(text("SELECT count(*) FROM enrolment")).scalar() == 800
        index = _dump(ctx)
        rebuild_search_index(ctx, _siti(ctx))
        rebuilt = _dump(ctx)
        assert index["member_name_key"] == rebuilt["member_name_key"]
        assert index["name_key_stat"] == rebuilt["name_key_stat"]
        assert verify_audit(ctx).ok
    finally:
        ctx.engine.dispose()


def test_cancel_keeps_written_batches_and_stops_the_worker(tmp_path: Path) -> None:
    ctx = _fresh(tmp_path / "home", FakeClock())
    flag = CancelFlag()

    def progress(done: int, total: int, message: str = "") -> None:
        flag.cancel()

    try:
        with pytest.raises(Cancelled):
            demo.seed_members(ctx, _siti(ctx), 900, batch=300, worker=True, progress=progress, cancel=flag)
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 300
        assert multiprocessing.active_children() == []
        # Numbering stays gapless: the next seed carries on from 301.
        more = demo.seed_members(ctx, _siti(ctx), 10, seed=77)
        assert parse_number(more.first_number).serial == 301  # type: ignore[arg-type,union-attr]
    finally:
        ctx.engine.dispose()


def test_a_failing_worker_is_reported_not_waited_for() -> None:
    plan = demo._Plan(
        seed=1,
        today=dt.date(2026, 11, 23),
        now=dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC),
        offset=dt.timedelta(hours=7),
        spread=86400,
        branch_id=1,
        officer_id=1,
        counter="X",
        dialect="nosuchdb+nosuchdriver",
    )
    batches = demo._Batches(plan)
    try:
        batches.request(10)
        with pytest.raises(RuntimeError, match="Pembuatan data latihan gagal"):
            batches.take()
    finally:
        batches.close()
    assert multiprocessing.active_children() == []


def test_a_live_branch_database_is_never_seeded(tmp_path: Path) -> None:
    """Before: ``demo seed`` wrote synthetic members into any database, beside real ones."""
    ctx = _fresh(tmp_path / "home", FakeClock())
    try:
        siti = _siti(ctx)
        real = enrolment.enrol_worker(ctx, siti, bpu_record())
        assert real.status == "enrolled"
        with pytest.raises(DomainError) as refused:
            demo.seed_members(ctx, siti, 50, seed=1)
        assert refused.value.issues[0].code == "demo.live_database"
        assert "1 peserta" in refused.value.issues[0].message
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 1
            assert (
                conn.execute(text("SELECT count(*) FROM setting WHERE key = 'training_database'")).scalar()
                == 0
            )
        assert not _is_training(ctx)
    finally:
        ctx.engine.dispose()


def test_an_officer_cannot_seed_and_a_training_database_says_so(tmp_path: Path) -> None:
    ctx = _fresh(tmp_path / "home", FakeClock())
    try:
        siti = _siti(ctx)
        from app.services.auth import PermissionDeniedError

        with pytest.raises(PermissionDeniedError):
            demo.seed_members(ctx, auth.officer_by_username(ctx, "siti"), 5)  # named, no password
        demo.seed_members(ctx, siti, 20, seed=2)
        assert _is_training(ctx)
        demo.seed_members(ctx, siti, 20, seed=3)  # a training database takes more
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 40
            actions = [a for (a,) in conn.execute(text("SELECT action FROM audit_event ORDER BY seq"))]
        assert actions.count("demo.training_database") == 1 and actions.count("demo.seed") == 2
    finally:
        ctx.engine.dispose()


def test_seeding_never_writes_onto_a_closed_day(tmp_path: Path) -> None:
    """Before: seeding after a day was closed changed that day's figures (1 → 48 enrolments)."""
    clock = FakeClock()
    ctx = _fresh(tmp_path / "home", clock)
    try:
        siti = _siti(ctx)
        demo.seed_members(ctx, siti, 30, seed=4, spread_days=5)  # a training database with a past
        yesterday = dt.date(2026, 11, 22)
        before = day.day_summary(ctx, siti, yesterday, verify_chain=False).figures.enrolment_count
        day.close_day(ctx, siti, yesterday, password=SUPERVISOR_PASSWORD, verify_chain=False)
        demo.seed_members(ctx, siti, 600, seed=5, spread_days=5, batch=200)
        after = day.day_summary(ctx, siti, yesterday, verify_chain=False).figures.enrolment_count
        assert after == before
        # Today closed: nothing at all is seeded.
        day.close_day(ctx, siti, dt.date(2026, 11, 23), password=SUPERVISOR_PASSWORD, verify_chain=False)
        with pytest.raises(DomainError) as closed:
            demo.seed_members(ctx, siti, 5, seed=6)
        assert closed.value.issues[0].code == "day.closed"
    finally:
        ctx.engine.dispose()
