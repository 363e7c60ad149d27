"""Migration 0010 on a real SQLite file and a real PostgreSQL database: every paid month becomes one
row per programme with the quote's amounts, nothing is lost, and the old statuses are kept so the
branch sees whose status the new cover model changed, and why."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from app.bootstrap import open_app
from app.db.engine import make_engine
from app.db.schema import migrate
from app.services import auth, enrolment
from app.services import contributions as cs
from app.services.contributions.changes import cover_changes
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import FakeClock, bpu_record

APRIL = dt.datetime(2026, 4, 6, 3, 0, tzinfo=dt.UTC)


def _migration() -> Any:
    spec = importlib.util.find_spec("app.db.migrations.versions.0010_cover_per_programme")
    if spec is None:  # the folder is not a package on every Python: load the file itself
        import app.db.migrations as pkg

        path = f"{pkg.__path__[0]}/versions/0010_cover_per_programme.py"
        spec = importlib.util.spec_from_file_location("m0010", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(engine: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as c:
        return sorted(
            tuple(r)
            for r in c.execute(
                text("SELECT payment_id, member_id, programme, month, amount, voided FROM payment_month")
            )
        )


def _alembic(url: str, action: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine, action, revision)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_upgrade_in_place_splits_paid_months_per_programme_without_losing_a_row(
    any_db_url: str, home: Path
) -> None:
    clock = FakeClock(APRIL)
    opened = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    ctx = opened.ctx
    set_up_branch(ctx)
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    numbers = []
    for i, (programmes, months) in enumerate([("JKK,JKM", 3), ("JKK,JKM,JHT", 1), ("JKK,JKM", 0)], start=1):
        out = enrolment.enrol_worker(
            ctx, siti, bpu_record(nik=f"16100145089001{i:02d}", program=programmes, bulan_bayar=months)
        )
        assert out.number is not None
        numbers.append(out.number)
        if months:
            cs.record_enrolment_payment(ctx, siti, out.number)
    p = cs.pay(ctx, siti, numbers[1], months=2, method="cash")
    cs.void_payment(ctx, siti, p.id, reason="Uji pembatalan", password=SUPERVISOR_PASSWORD)
    before = _rows(opened.ctx.engine)
    assert len(before) == 3 * 2 + 1 * 3 + 2 * 3  # months × programmes, the voided payment's too
    opened.ctx.engine.dispose()

    # Back to the schema before the cover model: one row per month; then the real upgrade.
    _alembic(any_db_url, "downgrade", "0006")
    _alembic(any_db_url, "upgrade", "head")
    reopened = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    after = _rows(reopened.ctx.engine)
    assert after == before  # the same programme-months, amounts and voids

    # The old statuses were recorded, as the old model computed them on the day of the upgrade.
    m = _migration()
    today = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    current = today.year * 12 + today.month - 1
    with reopened.ctx.engine.connect() as c:
        snapshot = {
            number: (status, arrears)
            for number, status, arrears in c.execute(
                text(
                    "SELECT m.number, b.status, b.arrears FROM cover_status_before b JOIN member m ON m.id = b.member_id"
                )
            )
        }
    april = 2026 * 12 + 3
    paid_first = {april, april + 1, april + 2}
    assert snapshot[numbers[0]] == m._old_status(paid_first, april, current, frozenset())
    assert snapshot[numbers[2]] == m._old_status(set(), april, current, frozenset())

    # Today, the new model: the unpaid enrolment is "not yet active", which the old model called arrears.
    clock.now = dt.datetime.now(dt.UTC)
    changes = {c.number: c for c in cover_changes(reopened.ctx, siti)}
    assert changes[numbers[2]].new_status == "BELUM_AKTIF"
    assert "iuran pertama" in changes[numbers[2]].reason
    assert all(c.reason for c in changes.values())
    reopened.ctx.engine.dispose()
