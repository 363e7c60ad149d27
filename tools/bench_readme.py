"""The README's benchmark table, made from the committed figures in ``benchmarks/results/published.json``.

    .venv/bin/python tools/bench_readme.py --publish benchmarks/results/latest.json [MORE.json …]
        make these runs of `make bench` the published ones (committed), then rewrite the README table
    .venv/bin/python tools/bench_readme.py            rewrite the README table from the published runs
    .venv/bin/python tools/bench_readme.py --check    exit 1 when the README table is not the one the runs make

Figures are shown as the range over the published runs (several runs show the machine's spread).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import results


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tools/bench_readme.py", description=__doc__.splitlines()[0])
    p.add_argument("--publish", nargs="+", type=Path, metavar="RUN.json", help="runs to publish")
    p.add_argument("--check", action="store_true", help="only check that the README is up to date")
    args = p.parse_args(argv)
    if args.publish:
        runs = [results.load_run(path) for path in args.publish]
        bad = [
            str(path) for path, run in zip(args.publish, runs, strict=True) if run["smoke"] or run["failed"]
        ]
        if bad:
            p.error(f"a smoke run or a run with failed modules cannot be published: {', '.join(bad)}")
        results.PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
        results.PUBLISHED.write_text(
            json.dumps({"runs": runs}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{len(runs)} runs published in {results.PUBLISHED.relative_to(results.ROOT)}")
    section = results.readme_section(results.published_runs())
    readme = results.README.read_text(encoding="utf-8")
    updated = results.replace_section(readme, section)
    if args.check:
        if updated != readme:
            print("README.md's benchmark table is not the one benchmarks/results/published.json makes;")
            print("run: .venv/bin/python tools/bench_readme.py")
            return 1
        return 0
    if updated != readme:
        results.README.write_text(updated, encoding="utf-8")
        print("README.md benchmark table rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
