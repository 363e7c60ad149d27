"""Issues 9 and 19: the bundle's size, part by part, beside a bare PySide6 app's; the frozen start to the
login window beside the source start.

The floor is a one-folder PyInstaller bundle of a bare PySide6 window (the form the start-up benchmark
uses), built in the same run with the same PyInstaller and the same strip setting as ``build.spec``.
Parts come from ``benchmarks.bundle_parts``. ``--smoke`` builds only the floor and measures it in
Loket's place (the same code on a bundle that takes seconds to build); CI builds Loket's bundle itself
right after the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_foundation import BARE_FORM, _time_process
from benchmarks.bundle_parts import MIB, Part, bundle_parts, total_mib
from benchmarks.harness import Row, median, temp_home

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "loket"
RUNS = 7
SIZE_TARGET_MIB = 240.0
# Parts that are optional components with their own stated cost, outside the base-size target
# (bundle_parts names them; e.g. the KTP reader's models and runtime).
OPTIONAL_PREFIXES = ("KTP reader",)


def _exe(folder: Path) -> Path:
    return folder / (folder.name + (".exe" if os.name == "nt" else ""))


def build_floor(work: Path) -> Path:
    """A bare PySide6 window frozen the way Loket is (one folder, stripped off Windows)."""
    script = work / "bare.py"
    script.write_text(BARE_FORM, encoding="utf-8")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--name", "bare"]
    cmd += ["--distpath", str(work / "dist"), "--workpath", str(work / "build"), "--specpath", str(work)]
    if os.name != "nt":
        cmd.append("--strip")
    subprocess.run([*cmd, str(script)], check=True, capture_output=True, text=True)
    return work / "dist" / "bare"


def build_loket() -> Path:
    """``make bundle`` every time: a bundle left from an older checkout would be measured otherwise."""
    subprocess.run(["make", "bundle"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return BUNDLE


def _start_rows(frozen: Path, runs: int, source: list[str]) -> list[Row]:
    with temp_home() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LOKET_STARTUP_PROBE": "1",
            "LOKET_HOME": str(home),
        }
        exe = [str(_exe(frozen))]
        _time_process(exe, env)  # warm the file cache for both
        _time_process(source, env)
        f_times, s_times = [], []
        for _ in range(runs):
            f_times.append(_time_process(exe, env))
            s_times.append(_time_process(source, env))
    f, s = median(f_times), median(s_times)
    return [
        Row(
            f"frozen start → login window (median of {runs})",
            f,
            "ms",
            s,
            "source start, same machine",
            "≈ 1× source",
            f <= 1.25 * s,
        )
    ]


def _size_rows(parts: list[Part], floor_parts: list[Part], label: str) -> list[Row]:
    floor_by_name = {p.name: p.mib for p in floor_parts}
    total = sum(p.bytes for p in parts) / MIB
    optional = sum(p.bytes for p in parts if p.name.startswith(OPTIONAL_PREFIXES)) / MIB
    floor_total = sum(p.bytes for p in floor_parts) / MIB
    base = total - optional
    rows = [
        Row(
            f"{label} size (one folder){', without optional parts' if optional else ''}",
            base,
            "MiB",
            floor_total,
            "bare PySide6 window, same PyInstaller + strip",
            f"≤ {SIZE_TARGET_MIB:.0f} MiB",
            base <= SIZE_TARGET_MIB,
        )
    ]
    if optional:
        rows.append(
            Row(f"{label} size with optional parts", total, "MiB", floor_total, "bare PySide6 window")
        )
    for p in parts:
        if p.mib < 0.05:
            continue
        libs = f" (+{len(p.libraries)} system libs)" if p.libraries else ""
        floor = floor_by_name.get(p.name)
        rows.append(
            Row(
                f"  part: {p.name}{libs}",
                p.mib,
                "MiB",
                floor,
                "same part in the bare window" if floor is not None else "",
            )
        )
    return rows


def run(smoke: bool = False) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="loket-bench-bundle-") as d:
        floor = build_floor(Path(d))
        floor_parts = bundle_parts(floor)
        assert abs(sum(p.bytes for p in floor_parts) / MIB - total_mib(floor)) < 0.01
        bare_source = [sys.executable, "-c", BARE_FORM]
        if smoke:
            return _size_rows(floor_parts, floor_parts, "bare bundle (smoke)") + _start_rows(
                floor, 1, bare_source
            )
        bundle = build_loket()
        source = [sys.executable, "-c", "from ui.launch import main; main([])"]
        return _size_rows(bundle_parts(bundle), floor_parts, "bundle dist/loket") + _start_rows(
            bundle, RUNS, source
        )


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run("--smoke" in sys.argv)))
