"""Several counters enrolling at once into one database get distinct, gapless numbers.

8 processes × 250 on PostgreSQL and 4 × 250 on SQLite, each through the real service. A naive
max(number)+1 allocator, run the same way, must fail these checks: that shows they would
catch a broken allocator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import open_app
from app.db.models import AuditEvent, Enrolment, Member
from app.services.audit import verify_audit
from tests.concurrency_harness import CounterRun, prepare_database, run_counters
from tests.pg_fixtures import is_sqlite

SIZES = {"sqlite": (4, 250), "postgresql": (8, 250)}


def stored(url: str, home: Path) -> tuple[list[str], int, int, bool]:
    opened = open_app(url, home=home)
    try:
        ctx = opened.ctx
        numbers = ctx.read(lambda s: list(s.execute(select(Member.number)).scalars()))
        enrolments = ctx.read(lambda s: s.execute(select(func.count(Enrolment.id))).scalar_one())
        enrol_events = ctx.read(
            lambda s: s.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "member.enrol")
            ).scalar_one()
        )
        return numbers, enrolments, enrol_events, verify_audit(ctx).ok
    finally:
        opened.ctx.engine.dispose()


def run(url: str, home: Path, processes: int, per_process: int, allocator: str = "app") -> CounterRun:
    prepare_database(url, str(home))
    return run_counters(url, str(home), processes=processes, per_process=per_process, allocator=allocator)


@pytest.mark.slow
def test_counters_at_once_get_distinct_gapless_numbers_and_lose_nothing(any_db_url: str, home: Path) -> None:
    processes, per_process = SIZES["sqlite" if is_sqlite(any_db_url) else "postgresql"]
    result = run(any_db_url, home, processes, per_process)
    numbers, enrolments, enrol_events, chain_ok = stored(any_db_url, home)
    assert result.problems(numbers) == []
    assert len(numbers) == enrolments == enrol_events == processes * per_process
    assert chain_ok  # every audit event chained, in order, under concurrency


def test_a_naive_max_plus_one_allocator_is_caught(any_db_url: str, home: Path) -> None:
    """The negative control: same harness, same checks, a broken allocator."""
    # SQLite takes the write lock at BEGIN, which makes max+1 inside the transaction safe
    # there; reading it before the transaction is the race every database has.
    allocator = "before_tx" if is_sqlite(any_db_url) else "in_tx"
    result = run(any_db_url, home, 4, 50, allocator)
    numbers, *_ = stored(any_db_url, home)
    problems = result.problems(numbers)
    assert problems, "the naive allocator went unnoticed: the checks are too weak"
    assert any("UNIQUE" in e or "duplicate key" in e or "IntegrityError" in e for e in result.errors)
