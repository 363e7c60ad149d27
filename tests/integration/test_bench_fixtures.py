"""The benchmarks' hand-built data stays valid as the schema grows (a small run of the same code)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import open_app
from app.services.audit import verify_audit


def test_the_audit_benchmark_builds_a_chain_that_verifies(tmp_path: Path, monkeypatch: Any) -> None:
    from benchmarks import bench_search

    monkeypatch.setattr(bench_search, "CACHE", tmp_path)
    home = bench_search.audit_home(500)
    opened = open_app(home=home)
    try:
        report = verify_audit(opened.ctx)
        assert report.ok and report.checked == 500, report
    finally:
        opened.ctx.engine.dispose()


def _bench_modules() -> list[str]:
    import pkgutil

    import benchmarks

    return sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))


@pytest.mark.parametrize("name", _bench_modules())
def test_every_benchmark_module_imports(name: str) -> None:
    import importlib

    module = importlib.import_module(f"benchmarks.{name}")
    assert callable(module.run)


def test_the_enrolment_floor_writes_the_same_rows_and_enrolment_continues_after_it(
    opened: Any, officer: Any
) -> None:
    import sqlite3

    from app.services import enrolment
    from benchmarks.bench_foundation import _RawFloor
    from tests.conftest import bpu_record

    db = Path(opened.database_url.split(":///", 1)[1])
    floor = _RawFloor(db)
    assert all(floor.enrol() > 0 for _ in range(3))
    floor.con.close()
    out = enrolment.enrol_worker(opened.ctx, officer, bpu_record(ahli_waris="BUDI:SUAMI"))
    assert out.status == "enrolled", out.errors
    con = sqlite3.connect(db)
    try:
        counts = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 - fixed table names
            for t in ("member", "enrolment", "heir")
        }
        postings = con.execute("select count(distinct member_id) from member_name_key").fetchone()[0]
    finally:
        con.close()
    assert counts == {"member": 4, "enrolment": 4, "heir": 4} and postings == 4


def test_the_outreach_benchmark_merges_its_hand_built_package_in_smoke_mode() -> None:
    """The benchmark signs a corrections package by hand: in smoke mode it still merges every
    correction (its own asserts), and every timed figure has its floor from the same run."""
    from benchmarks import bench_outreach

    rows = bench_outreach.run(smoke=True)
    timed = [r for r in rows if r.unit in ("s", "ms")]
    assert len(timed) == 3 and all(r.floor is not None and r.floor > 0 for r in timed), rows
