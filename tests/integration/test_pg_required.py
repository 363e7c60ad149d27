"""Without a PostgreSQL server the PostgreSQL tests skip, unless CI demands them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_PG_TEST = (
    "tests/integration/test_postgres.py::test_migrated_schema_has_the_partial_nik_index_and_utc_timestamps"
)


def run_pytest(**env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "LOKET_REQUIRE_PG"} | env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", ONE_PG_TEST],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_server_skips_with_the_reason() -> None:
    r = run_pytest(LOKET_PG_TESTS="0")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 skipped" in r.stdout and "PostgreSQL tests need a server" in r.stdout


def test_no_server_fails_the_run_when_ci_requires_postgres() -> None:
    r = run_pytest(LOKET_PG_TESTS="0", LOKET_REQUIRE_PG="1")
    assert r.returncode != 0
    assert "LOKET_REQUIRE_PG=1 but PostgreSQL tests need a server" in r.stdout
