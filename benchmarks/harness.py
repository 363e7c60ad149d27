"""Shared benchmark plumbing: rows of (figure, floor, ratio, target) and a temp Loket home."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table. ``floor`` is the bare-library figure measured in the same run."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    target: str = ""  # e.g. "≤ 2.5× floor", "p95 < 20 ms"
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.value / self.floor


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def time_calls(fn: Callable[[], object], n: int) -> list[float]:
    """Wall time of ``n`` calls, in milliseconds each."""
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


@contextmanager
def temp_home(prefix: str = "loket-bench-") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as d:
        old = os.environ.get("LOKET_HOME")
        os.environ["LOKET_HOME"] = d
        try:
            yield Path(d)
        finally:
            if old is None:
                os.environ.pop("LOKET_HOME", None)
            else:
                os.environ["LOKET_HOME"] = old


def format_table(rows: list[Row]) -> str:
    header = ("benchmark", "figure", "floor", "floor is", "ratio", "target", "met")
    lines = [header]
    for r in rows:
        lines.append(
            (
                r.name,
                f"{r.value:,.2f} {r.unit}",
                "" if r.floor is None else f"{r.floor:,.2f} {r.unit}",
                r.floor_name,
                "" if r.ratio is None else f"{r.ratio:.2f}×",
                r.target,
                "" if r.met is None else ("yes" if r.met else "NO"),
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = []
    for i, line in enumerate(lines):
        out.append("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


CACHE = Path(__file__).resolve().parent / ".cache"
BENCH_PASSWORD = "Bangku-Panjang-2026"


def _loket(home: Path, *args: str, stdin: str | None = None) -> None:
    import subprocess
    import sys

    env = {**os.environ, "LOKET_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        text=True,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def seeded_home(members: int) -> Path:
    """A Loket home with a branch, a supervisor ``bench`` and ``members`` demo members.

    Built once with ``loket demo seed`` and cached in ``benchmarks/.cache`` (git-ignored); rebuilt
    when the schema changes. Benchmarks copy it before writing to it (see ``copy_home``).
    """
    from alembic.script import ScriptDirectory

    from app.db.schema import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    home = CACHE / f"home-{members}"
    marker = home / "seeded.txt"
    if marker.exists() and marker.read_text() == f"{head}\n":
        return home
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    _loket(home, "branch", "setup", "--code", "101", "--name", "KC Palembang", "--timezone", "Asia/Jakarta")
    _loket(home, "officer", "add", "bench", "--role", "supervisor", stdin=BENCH_PASSWORD + "\n")
    t0 = time.perf_counter()
    _loket(
        home,
        "demo",
        "seed",
        "--members",
        str(members),
        "--quiet",
        "--supervisor",
        "bench",
        stdin=BENCH_PASSWORD + "\n",
    )
    (home / "seed-seconds.txt").write_text(f"{time.perf_counter() - t0:.1f}\n")
    marker.write_text(f"{head}\n")
    return home


@contextmanager
def copy_home(home: Path) -> Iterator[Path]:
    """A throwaway copy of a cached home (the SQLite file is copied while nothing has it open)."""
    import shutil

    with tempfile.TemporaryDirectory(prefix="loket-bench-") as d:
        dest = Path(d) / "home"
        shutil.copytree(home, dest)
        yield dest
