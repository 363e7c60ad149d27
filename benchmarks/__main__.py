"""Run every ``benchmarks/bench_*.py`` (or those named on the command line) and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import traceback

import benchmarks
from benchmarks.harness import Row, format_table


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    rows: list[Row] = []
    failed: list[str] = []
    for name in names:
        short = name.removeprefix("bench_")
        if wanted and short not in wanted and name not in wanted:
            continue
        t0 = time.perf_counter()
        print(f"… {short}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            got = list(module.run())
        except Exception:  # one broken benchmark must not lose the others' figures
            traceback.print_exc()
            failed.append(short)
            rows.append(Row(f"{short}: FAILED (traceback above)", float("nan"), "", met=False))
            continue
        rows.extend(got)
        print(f"  {short} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        print(format_table(got), file=sys.stderr, flush=True)  # figures so far, in case a later one fails
    print(format_table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
