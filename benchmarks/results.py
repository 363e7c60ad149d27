"""The figures file: one run of ``make bench`` as JSON (date, commit, machine, every row), comparing two
runs, and the README's benchmark table made from the committed runs in ``benchmarks/results/``.

A run file::

    {"schema": 1, "date": "2026-12-07T12:00:00+00:00", "commit": "6c205d6…", "dirty": false,
     "smoke": false, "machine": {"cpu_model": …, "cores": 2, "ram_gib": 23.4, "python": "3.11.7",
     "sqlite": "3.40.1", "postgresql": "15.10", …}, "failed": [], "seconds": {"search": 95.1, …},
     "rows": [{"module": "search", "name": …, "value": 1.2, "unit": "ms", "floor": 0.1,
               "floor_name": …, "ratio": 12.0, "target": "p95 < 5 ms", "met": true}, …]}
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import re
import sqlite3
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import Row

SCHEMA = 1
ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
LATEST = RESULTS / "latest.json"  # every full `make bench` (git-ignored)
PUBLISHED = RESULTS / "published.json"  # the runs the README quotes (committed)
README = ROOT / "README.md"
TABLE_START = "<!-- bench-table: made by tools/bench_readme.py from benchmarks/results/published.json -->"
TABLE_END = "<!-- /bench-table -->"


# --- machine facts --------------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _postgresql() -> str | None:
    """The server version the benchmarks start (tests.pg_server finds the same binaries)."""
    try:
        from app.db.pgtools import find_binaries
        from tests.pg_server import SERVER_TOOLS, _pip_installed_binaries

        binaries = find_binaries(SERVER_TOOLS) or _pip_installed_binaries()
        if binaries is None:
            return None
        out = subprocess.run(
            [str(binaries.path("postgres")), "--version"], capture_output=True, text=True, timeout=10
        )
        match = re.search(r"(\d+(?:\.\d+)*)", out.stdout)
        return match.group(1) if match else out.stdout.strip()
    except Exception:  # a fact we cannot read is left out, never fatal
        return None


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def machine_facts() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _postgresql(),
        "libpq": _libpq(),
        "packages": {
            name: _version(name)
            for name in (
                "SQLAlchemy",
                "PySide6-Essentials",
                "psycopg",
                "reportlab",
                "openpyxl",
                "pyinstaller",
            )
        },
        "load_at_start": None if load is None else [round(x, 2) for x in load],
    }


def _libpq() -> str | None:
    try:
        import psycopg

        v = psycopg.pq.version()
        return f"{v // 10000}.{v % 10000}"
    except Exception:
        return None


# --- a run ---------------------------------------------------------------------------------------


def _number(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else x


def row_dict(module: str, row: Row) -> dict[str, Any]:
    return {
        "module": module,
        "name": row.name,
        "value": _number(row.value),
        "unit": row.unit,
        "floor": _number(row.floor),
        "floor_name": row.floor_name,
        "ratio": _number(row.ratio),
        "target": row.target,
        "met": row.met,
    }


def make_run(
    rows: Sequence[tuple[str, Row]],
    *,
    smoke: bool,
    failed: Sequence[str],
    seconds: dict[str, float],
    machine: dict[str, Any],
    started: dt.datetime,
) -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "schema": SCHEMA,
        "date": started.isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "smoke": smoke,
        "machine": {**machine, "load_at_end": None if load is None else [round(x, 2) for x in load]},
        "failed": list(failed),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "rows": [row_dict(module, row) for module, row in rows],
    }


def write_run(run: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def load_run(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or "rows" not in data:
        raise ValueError(f"{path}: not a benchmark run file (schema {SCHEMA})")
    return data


# --- comparing two runs -------------------------------------------------------------------------


def _fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    text = f"{x:,.2f}" if abs(x) < 1000 else f"{x:,.0f}"
    return f"{text} {unit}".strip()


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A table of every row in either run: old and new figure, the change, and old and new ratio."""
    from benchmarks.harness import text_table

    old_rows = {(r["module"], r["name"]): r for r in old["rows"]}
    new_rows = {(r["module"], r["name"]): r for r in new["rows"]}
    keys = list(new_rows) + [k for k in old_rows if k not in new_rows]
    lines: list[Sequence[str]] = []
    for key in keys:
        o, n = old_rows.get(key), new_rows.get(key)
        unit = (n or o or {}).get("unit", "")
        ov, nv = (o or {}).get("value"), (n or {}).get("value")
        change = "" if ov in (None, 0) or nv is None else f"{(nv - ov) / ov * 100:+.0f} %"
        lines.append(
            (
                f"{key[0]}: {key[1]}",
                _fmt(ov, unit),
                _fmt(nv, unit),
                change,
                "" if not o or o.get("ratio") is None else f"{o['ratio']:.2f}×",
                "" if not n or n.get("ratio") is None else f"{n['ratio']:.2f}×",
                {True: "yes", False: "NO", None: ""}[(n or {}).get("met")],
            )
        )
    head = (
        f"old: {old['date']} {old['commit'][:9]} ({old['machine'].get('cpu_model')})\n"
        f"new: {new['date']} {new['commit'][:9]} ({new['machine'].get('cpu_model')})\n"
    )
    return head + text_table(("benchmark", "old", "new", "change", "old ratio", "new ratio", "met"), lines)


# --- the README table -------------------------------------------------------------------------------


def _spread(values: Iterable[float | None], unit: str) -> str:
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return "—"
    lo, hi = _fmt(xs[0]), _fmt(xs[-1])
    return f"{lo} {unit}".strip() if lo == hi else f"{lo}–{hi} {unit}".strip()


def _ratio_spread(values: Iterable[float | None]) -> str:
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return ""
    lo, hi = f"{xs[0]:.2f}×", f"{xs[-1]:.2f}×"
    return lo if lo == hi else f"{lo}–{hi}"


def readme_table(runs: Sequence[dict[str, Any]]) -> str:
    """Every judged row (one with a target) of the published runs: figure and floor as the range over
    the runs, the ratio range, and whether the target was met in every run."""
    if not runs:
        raise ValueError("no runs to publish")
    order: list[tuple[str, str]] = []
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for run in runs:
        for r in run["rows"]:
            key = (r["module"], r["name"])
            if r["met"] is None:
                continue
            if key not in by_key:
                order.append(key)
                by_key[key] = []
            by_key[key].append(r)
    out = [
        "| Module | What | Figure | Floor (same run) | Ratio | Target | Met |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in order:
        rows = by_key[key]
        unit = rows[0]["unit"]
        floor = (
            _spread((r["floor"] for r in rows), unit) if any(r["floor"] is not None for r in rows) else "—"
        )
        floor_name = rows[0]["floor_name"]
        met = sum(1 for r in rows if r["met"])
        out.append(
            "| "
            + " | ".join(
                (
                    key[0],
                    key[1],
                    _spread((r["value"] for r in rows), unit),
                    f"{floor_name}: {floor}" if floor_name else floor,
                    _ratio_spread(r["ratio"] for r in rows),
                    rows[0]["target"],
                    "yes" if met == len(rows) else f"{met} of {len(rows)} runs",
                )
            ).replace("\n", " ")
            + " |"
        )
    return "\n".join(out)


def runs_header(runs: Sequence[dict[str, Any]]) -> str:
    dates = sorted(r["date"][:10] for r in runs)
    commits = sorted({r["commit"][:9] for r in runs})
    m = runs[0]["machine"]
    loads = [x for r in runs for x in (r["machine"].get("load_at_start") or [])[:1]]
    return (
        f"{len(runs)} run{'s' if len(runs) > 1 else ''} of `make bench` "
        f"({dates[0]}{'' if dates[0] == dates[-1] else ' to ' + dates[-1]}, commit {', '.join(commits)}) on "
        f"{m.get('cpu_model')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM; Python {m.get('python')}, "
        f"SQLite {m.get('sqlite')}, PostgreSQL {m.get('postgresql')}"
        + (f"; 1-minute load at start {min(loads):.1f}–{max(loads):.1f}" if loads else "")
        + ". A range is the lowest and highest of the runs."
    )


def published_runs(path: Path = PUBLISHED) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    runs = data["runs"]
    for run in runs:
        if run.get("schema") != SCHEMA:
            raise ValueError(f"{path}: a run of schema {run.get('schema')}, expected {SCHEMA}")
    return list(runs)


def readme_section(runs: Sequence[dict[str, Any]]) -> str:
    return f"{TABLE_START}\n{runs_header(runs)}\n\n{readme_table(runs)}\n{TABLE_END}"


def replace_section(readme: str, section: str) -> str:
    start, end = readme.find(TABLE_START), readme.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError("README.md has no benchmark table markers")
    return readme[:start] + section + readme[end + len(TABLE_END) :]
