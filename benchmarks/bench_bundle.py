"""Issue 9: bundle size, and the frozen start to the login window next to the source start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bench_foundation import _time_process
from benchmarks.harness import Row, median, temp_home

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "loket"
RUNS = 7


def _size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def run() -> list[Row]:
    exe = BUNDLE / ("loket.exe" if os.name == "nt" else "loket")
    if not exe.exists():
        subprocess.run(["make", "bundle"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    size = _size_mib(BUNDLE)
    with temp_home() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LOKET_STARTUP_PROBE": "1",
            "LOKET_HOME": str(home),
        }
        frozen = [str(exe)]
        source = [sys.executable, "-c", "from ui.launch import main; main([])"]
        _time_process(frozen, env)
        _time_process(source, env)
        f_times, s_times = [], []
        for _ in range(RUNS):
            f_times.append(_time_process(frozen, env))
            s_times.append(_time_process(source, env))
    f, s = median(f_times), median(s_times)
    return [
        Row("bundle size (dist/loket, one folder)", size, "MiB", None, "", "report"),
        Row(
            "frozen start → login window (median of 7)",
            f,
            "ms",
            s,
            "source start, same machine",
            "≈ 1× source",
            f <= 1.25 * s,
        ),
    ]
