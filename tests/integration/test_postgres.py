"""PostgreSQL for real: the schema as migrated, and real deadlocks and serialisation failures
retried by the unit of work instead of reaching the officer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.db.engine import make_engine, make_session_factory
from app.db.uow import run_in_transaction

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    e = make_engine(pg_url)
    with e.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value) VALUES ('a', '0'), ('b', '0'), ('n', '0')"))
    yield e
    e.dispose()


def test_migrated_schema_has_the_partial_nik_index_and_utc_timestamps(engine: Engine) -> None:
    with engine.connect() as conn:
        indexdef = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_member_active_nik'")
        ).scalar_one()
        types = dict(
            conn.execute(
                text(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = 'member' AND column_name IN ('created_at', 'tanggal_lahir')"
                )
            ).all()
        )
    assert "UNIQUE" in indexdef and "WHERE" in indexdef and "'ACTIVE'" in indexdef
    assert types == {"created_at": "timestamp with time zone", "tanggal_lahir": "date"}


def _two_at_once(engine: Engine, first: Any, second: Any) -> tuple[list[int], list[BaseException], list[Any]]:
    """Run two transactions in two threads through ``run_in_transaction``.

    Each ``work(session, attempt, barrier)`` meets the other at the barrier on its first attempt
    only, so the collision happens once and the retry runs alone.
    """
    factory = make_session_factory(engine)
    barrier = threading.Barrier(2, timeout=30)
    attempts = [0, 0]
    errors: list[BaseException] = []
    results: list[Any] = [None, None]

    def run(i: int, fn: Any) -> None:
        def work(session: Session) -> Any:
            attempts[i] += 1
            session.execute(text("SET LOCAL deadlock_timeout = '50ms'"))
            return fn(session, attempts[i], barrier)

        try:
            results[i] = run_in_transaction(factory, work)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return attempts, errors, results


def test_a_real_deadlock_is_retried_and_both_transactions_commit(engine: Engine) -> None:
    def lock_in_order(a: str, b: str) -> Any:
        def fn(session: Session, attempt: int, barrier: threading.Barrier) -> str:
            session.execute(text("UPDATE setting SET value = value || '+' WHERE key = :k"), {"k": a})
            if attempt == 1:
                barrier.wait()
            session.execute(text("UPDATE setting SET value = value || '+' WHERE key = :k"), {"k": b})
            return a

        return fn

    attempts, errors, _ = _two_at_once(engine, lock_in_order("a", "b"), lock_in_order("b", "a"))
    assert not errors, errors
    assert sorted(attempts) == [1, 2]  # one of them was the deadlock victim, retried once
    with engine.connect() as conn:
        values = dict(conn.execute(text("SELECT key, value FROM setting WHERE key IN ('a', 'b')")).all())
    assert values == {"a": "0++", "b": "0++"}


def test_a_real_serialisation_failure_is_retried_and_no_update_is_lost(engine: Engine) -> None:
    order = threading.Event()

    def increment(wait_for_other: bool) -> Any:
        def fn(session: Session, attempt: int, barrier: threading.Barrier) -> int:
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            n = int(session.execute(text("SELECT value FROM setting WHERE key = 'n'")).scalar_one())
            if attempt == 1:
                barrier.wait()
                if wait_for_other:
                    # Update only after the other transaction holds the row, so this one
                    # is the one that must fail with 40001 when the other commits.
                    order.wait(timeout=30)
            session.execute(text("UPDATE setting SET value = :v WHERE key = 'n'"), {"v": str(n + 1)})
            if not wait_for_other:
                order.set()
            return n + 1

        return fn

    attempts, errors, results = _two_at_once(engine, increment(False), increment(True))
    assert not errors, errors
    assert attempts == [1, 2]
    assert sorted(results) == [1, 2]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM setting WHERE key = 'n'")).scalar_one() == "2"


def test_the_foundation_services_work_on_postgres(pg_url: str, home: Any, clock: Any) -> None:
    """Branch set-up, officers, login lockout, bulk demo members, search and the audit chain."""
    from app.bootstrap import open_app
    from app.domain.membership import parse_number
    from app.services import auth, branch, demo
    from app.services.audit import verify_audit
    from app.services.records import open_member_record

    opened = open_app(pg_url, home=home, clock=clock, counter="LOKET-1")
    ctx = opened.ctx
    try:
        branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        auth.create_first_supervisor(ctx, username="siti", full_name="Siti", password="Kantor-Cabang-101!")
        for _ in range(auth.MAX_FAILURES):
            with pytest.raises(auth.AuthError):
                auth.login(ctx, "siti", "salah-salah-salah")
        with pytest.raises(auth.AuthError) as locked:
            auth.login(ctx, "siti", "Kantor-Cabang-101!")
        assert locked.value.code == "login.locked"
        clock.advance(minutes=16)
        siti = auth.login(ctx, "siti", "Kantor-Cabang-101!")

        # Batches of 200 from the worker process: its values are bound for psycopg, in that process.
        result = demo.seed_members(ctx, siti, 500, seed=1, batch=200, worker=True)
        assert result.created == 500
        assert parse_number(result.last_number).serial == 500  # type: ignore[arg-type,union-attr]
        found = open_member_record(ctx, siti, result.last_number).member  # type: ignore[arg-type]
        assert found.created_at.tzinfo is not None
        assert open_member_record(ctx, siti, found.nik).member.number == found.number
        assert verify_audit(ctx).ok
    finally:
        ctx.engine.dispose()
