"""The benchmark runner fails loudly, the figures file round-trips, and the README's table is made
from the committed figures (no timings are asserted: figures here are made up)."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import results
from benchmarks.harness import Row

ROOT = Path(__file__).resolve().parents[2]

# A child that adds one module to the real runner (as if someone had written bench_zz_probe.py) and
# runs exactly the CI command on it: `python -m benchmarks --smoke zz_probe`.
_CHILD = r"""
import sys, types
import benchmarks.__main__ as runner
from benchmarks.harness import Row

mode = sys.argv[1]
mod = types.ModuleType("benchmarks.bench_zz_probe")
if mode == "raises":
    def run(smoke=False):
        raise ValueError("deliberately broken benchmark")
elif mode == "no-smoke-parameter":
    def run():
        return [Row("x", 1.0, "ms")]
elif mode == "nan":
    def run(smoke=False):
        return [Row("x", float("nan"), "ms")]
elif mode == "empty":
    def run(smoke=False):
        return []
else:
    def run(smoke=False):
        assert smoke is True
        return [Row("x", 1.0, "ms", 0.5, "floor", "≤ 1× floor", False)]
mod.run = run
sys.modules[mod.__name__] = mod
real = runner.module_names
runner.module_names = lambda: [*real(), "bench_zz_probe"]
sys.exit(runner.main(["--smoke", "zz_probe"]))
"""


def _child(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("mode", ["raises", "no-smoke-parameter", "nan", "empty"])
def test_a_broken_benchmark_fails_the_smoke_run(mode: str) -> None:
    out = _child(mode)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "FAILED: zz_probe" in out.stderr
    if mode == "raises":
        assert "deliberately broken benchmark" in out.stderr  # the traceback is shown


def test_a_working_benchmark_passes_the_smoke_run_without_judging_targets() -> None:
    out = _child("ok")
    assert out.returncode == 0, out.stdout + out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("x "))
    assert "≤ 1× floor" in line and not line.rstrip().endswith(("NO", "yes"))  # a miss is not judged


def test_every_benchmark_module_takes_the_smoke_flag() -> None:
    import importlib

    from benchmarks.__main__ import module_names

    for name in module_names():
        run = importlib.import_module(f"benchmarks.{name}").run
        param = inspect.signature(run).parameters.get("smoke")
        assert param is not None and param.default is False, name


def _run(value: float, met: bool | None = True, *, commit: str = "a" * 40) -> dict[str, Any]:
    rows = [
        ("search", Row("exact NIK p95", value, "ms", 0.5, "raw sqlite3", "p95 < 5 ms", met)),
        ("search", Row("info only", 2.0, "ms")),
        ("bundle", Row("bundle size", 190.0, "MiB", 156.0, "bare PySide6", "≤ 240 MiB", True)),
    ]
    run = results.make_run(
        rows,
        smoke=False,
        failed=[],
        seconds={"search": 1.0},
        machine={"cpu_model": "Test CPU", "cores": 2, "ram_gib": 4.0, "python": "3.11", "sqlite": "3.40"},
        started=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
    )
    run["commit"] = commit
    return run


def test_the_figures_file_round_trips_and_holds_what_it_promises(tmp_path: Path) -> None:
    run = _run(1.0)
    path = tmp_path / "run.json"
    results.write_run(run, path)
    back = results.load_run(path)
    assert back == json.loads(json.dumps(run))
    row = back["rows"][0]
    assert row == {
        "module": "search",
        "name": "exact NIK p95",
        "value": 1.0,
        "unit": "ms",
        "floor": 0.5,
        "floor_name": "raw sqlite3",
        "ratio": 2.0,
        "target": "p95 < 5 ms",
        "met": True,
    }
    assert {"date", "commit", "dirty", "machine", "failed", "seconds"} <= back.keys()
    facts = results.machine_facts()
    assert {"cpu_model", "cores", "ram_gib", "python", "sqlite", "postgresql"} <= facts.keys()


def test_a_file_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"rows": []}')
    with pytest.raises(ValueError, match="not a benchmark run file"):
        results.load_run(path)


def test_two_runs_compare_row_by_row() -> None:
    table = results.compare(_run(1.0), _run(1.5, met=True, commit="b" * 40))
    line = next(x for x in table.splitlines() if "exact NIK p95" in x)
    assert "1.00 ms" in line and "1.50 ms" in line and "+50 %" in line and "2.00×" in line and "3.00×" in line


def test_the_readme_table_shows_every_judged_row_as_a_range_over_the_runs() -> None:
    table = results.readme_table([_run(1.0), _run(1.5, met=False)])
    lines = table.splitlines()
    assert len(lines) == 2 + 2  # header, rule, the two judged rows (info rows stay in the file)
    nik = next(x for x in lines if "exact NIK p95" in x)
    assert "1.00–1.50 ms" in nik and "2.00×–3.00×" in nik and "1 of 2 runs" in nik
    assert "| yes |" in next(x for x in lines if "bundle size" in x)
