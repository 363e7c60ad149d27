"""Run the benchmark modules and print one table; write the figures file; compare two runs.

    python -m benchmarks                      every module; the table, and benchmarks/results/latest.json
    python -m benchmarks search cards         only those modules (no figures file unless --json PATH)
    python -m benchmarks --smoke              every module on tiny data, the same code paths, no targets
                                              judged: exits 1 when a module raises (CI runs this)
    python -m benchmarks --compare OLD.json [NEW.json]   the two runs side by side (NEW: latest.json)

Every ``benchmarks/bench_*.py`` has ``run(smoke: bool = False) -> list[Row]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import math
import os
import pkgutil
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path

import benchmarks
from benchmarks import harness
from benchmarks.harness import Row, format_table


def module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("names", nargs="*", help="modules to run (e.g. search, bench_cards); default: all")
    p.add_argument("--smoke", action="store_true", help="tiny data, same code paths, no targets judged")
    p.add_argument("--json", type=Path, help="write the figures file here")
    p.add_argument("--compare", nargs="+", type=Path, metavar="RUN.json", help="OLD.json [NEW.json]")
    return p


def _check(short: str, rows: list[Row], smoke: bool) -> str | None:
    """What is wrong with a module's rows, if anything (a silent NaN is a broken benchmark too)."""
    if not rows:
        return f"{short}: returned no rows"
    if not all(isinstance(r, Row) for r in rows):
        return f"{short}: returned something other than Row"
    bad = [r.name for r in rows if not math.isfinite(r.value)]
    if bad and smoke:
        return f"{short}: figures that are not numbers: {bad}"
    return None


def run_modules(
    names: list[str], *, smoke: bool
) -> tuple[list[tuple[str, Row]], list[str], dict[str, float]]:
    rows: list[tuple[str, Row]] = []
    failed: list[str] = []
    seconds: dict[str, float] = {}
    for name in names:
        short = name.removeprefix("bench_")
        t0 = time.perf_counter()
        print(f"… {short}{' (smoke)' if smoke else ''}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            got = list(module.run(smoke=smoke))
            problem = _check(short, got, smoke)
            if problem:
                raise RuntimeError(problem)
        except Exception:  # one broken benchmark must not lose the others' figures
            traceback.print_exc()
            failed.append(short)
            rows.append((short, Row(f"{short}: FAILED (traceback above)", float("nan"), "", met=False)))
            continue
        finally:
            seconds[short] = time.perf_counter() - t0
        if smoke:  # tiny data: the figures mean nothing, so no target is judged
            got = [replace(r, met=None) for r in got]
        rows.extend((short, r) for r in got)
        print(f"  {short} done in {seconds[short]:.0f} s", file=sys.stderr, flush=True)
        print(format_table(got), file=sys.stderr, flush=True)  # figures so far, in case a later one fails
    return rows, failed, seconds


def main(argv: list[str]) -> int:
    from benchmarks import results

    args = _parser().parse_args(argv)
    if args.compare:
        if len(args.compare) > 2:
            _parser().error("--compare takes OLD.json and optionally NEW.json")
        old = results.load_run(args.compare[0])
        new = results.load_run(args.compare[1] if len(args.compare) == 2 else results.LATEST)
        print(results.compare(old, new))
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    available = module_names()
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in args.names]
    unknown = [n for n in wanted if n not in available]
    if unknown:
        _parser().error(f"no such benchmark module: {', '.join(unknown)} (have: {', '.join(available)})")
    names = wanted or available
    if not wanted:  # every module: seed the member homes afresh, so the seed figures are this run's
        harness.FRESH_HOMES = True
    started = dt.datetime.now(dt.UTC)
    machine = results.machine_facts()
    t0 = time.perf_counter()
    rows, failed, seconds = run_modules(names, smoke=args.smoke)
    print(format_table([r for _, r in rows]))
    print(f"{len(names)} modules in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    out = args.json or (results.LATEST if not args.names and not args.smoke else None)
    if out is not None:
        run = results.make_run(
            rows, smoke=args.smoke, failed=failed, seconds=seconds, machine=machine, started=started
        )
        results.write_run(run, out)
        print(f"figures written to {out}", file=sys.stderr)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
