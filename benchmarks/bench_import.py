"""Issue 7: 10,000 XLSX rows validated and committed vs a bare openpyxl parse + raw sqlite3 insert;
memory of a streamed import as the file grows (10k vs 50k rows)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Row, median, temp_home

ROWS = 10_000
RUNS = 5
MEMORY_ROWS = (10_000, 50_000)
SMOKE = {"rows": 200, "runs": 1, "memory_rows": (200, 1_000)}
PASSWORD = "Bangku-Panjang-2026"
INSERT_MEMBER = (
    "insert into member (number, branch_id, nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, nama_ibu,"
    " no_hp, alamat, kode_wilayah, nik_district, record_status, created_at, created_by_id)"
    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)"
)


def _records(n: int, seed: int = 11) -> list[dict[str, Any]]:
    from app.services.demo import DemoGenerator

    gen = DemoGenerator(seed, dt.date(2026, 11, 23))
    out, seen = [], set()
    while len(out) < n:
        r = gen.record()
        if r["nik"] in seen:
            continue
        seen.add(r["nik"])
        r["tanggal_lahir"] = r["tanggal_lahir"].isoformat()
        r["segmen"] = "BPU"
        out.append(r)
    return out


def write_file(path: Path, n: int, seed: int = 11) -> Path:
    from openpyxl import Workbook

    from app.domain.intake import FIELDS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Peserta")
    ws.append(list(FIELDS))
    for r in _records(n, seed):
        ws.append([r.get(k) for k in FIELDS])
    wb.save(path)
    return path


def _fresh_home(root: Path) -> tuple[Any, Any, Path]:
    from app.bootstrap import open_app
    from app.services import auth, branch

    opened = open_app(home=root)
    ctx = opened.ctx
    branch.setup_branch(ctx, code="101", name="KC Palembang", timezone="Asia/Jakarta")
    auth.create_first_supervisor(ctx, username="bench", full_name="Bench", password=PASSWORD)
    actor = auth.login(ctx, "bench", PASSWORD)
    return opened, actor, Path(opened.database_url.split(":///", 1)[1])


def _floor(xlsx: Path, db: Path) -> float:
    """openpyxl read-only parse of the same file + raw sqlite3 insert of its rows (member + enrolment)."""
    import warnings

    from openpyxl import load_workbook

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(xlsx, read_only=True, data_only=True)
        rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
        wb.close()
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("busy_timeout = 30000", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    officer = con.execute("select id from officer limit 1").fetchone()[0]
    branch = con.execute("select id from branch limit 1").fetchone()[0]  # ids live in the branch's block
    con.execute("BEGIN IMMEDIATE")
    # The next member ids: AUTOINCREMENT in the branch's block continues from sqlite_sequence.
    start = con.execute(
        "select coalesce((select seq from sqlite_sequence where name = 'member'),"
        " (select max(id) from member), 0)"
    ).fetchone()[0]
    con.executemany(
        INSERT_MEMBER,
        [
            (
                f"9{i:010d}",
                branch,
                r[0],
                str(r[1]).upper(),
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                str(r[0])[:2] + "." + str(r[0])[2:4] + "." + str(r[0])[4:6],
                "2026-11-23 03:00:00",
                officer,
            )
            for i, r in enumerate(rows)
        ],
    )
    con.executemany(
        "insert into enrolment (member_id, segment, occupation_code, programmes, income, funding_source,"
        " channel, npp, months_at_enrolment, enrolled_at, business_date, officer_id, counter,"
        " mismatch_confirmed) values (?, 'BPU', ?, ?, ?, ?, ?, NULL, 1, '2026-11-23 03:00:00', '2026-11-23', ?,"
        " 'BENCH', 0)",
        [
            (start + i + 1, r[9], r[13], r[12], r[15] or "MANDIRI", r[16] or "LOKET", officer)
            for i, r in enumerate(rows)
        ],
    )
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - t0


def speed_rows(rows: int = ROWS, runs: int = RUNS) -> list[Row]:
    from app.infra.heap import bulk_gc
    from app.services import importing

    ours: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="loket-bench-import-") as d:
        xlsx = write_file(Path(d) / "peserta.xlsx", rows)
        for run in range(runs):
            with temp_home() as home:
                opened, _actor, db = _fresh_home(home / f"floor-{run}")
                opened.ctx.engine.dispose()
                floor.append(_floor(xlsx, db))
            with temp_home() as home:
                opened, actor, _db = _fresh_home(home / f"ours-{run}")
                t0 = time.perf_counter()
                with bulk_gc():  # as the window and `loket import` run it (the edge sets the GC)
                    result = importing.commit_import(opened.ctx, actor, xlsx, None, "accepted")
                ours.append(time.perf_counter() - t0)
                assert result.committed and result.enrolled == rows, result.report.error_counts
                opened.ctx.engine.dispose()
    value, base = median(ours), median(floor)
    return [
        Row(
            f"import {rows:,} XLSX rows: validate + commit (median of {runs})",
            value * 1000,
            "ms",
            base * 1000,
            "openpyxl read-only parse + raw sqlite3 insert",
            "≤ 2× floor",
            value <= 2 * base,
        )
    ]


_MEMORY_PROBE = r"""
import json, sys, warnings
mode, path, home = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "floor":
    from openpyxl import load_workbook
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True)
        n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
else:
    from app.bootstrap import open_app
    from app.infra.heap import bulk_gc
    from app.services import auth, importing
    o = open_app(home=home)
    actor = auth.login(o.ctx, "bench", "Bangku-Panjang-2026")
    with bulk_gc():
        report = importing.validate_import(o.ctx, actor, path)
    n = report.rows
# VmHWM, not ru_maxrss: Linux folds the parent's peak into ru_maxrss across fork + exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"rows": n, "peak_kib": peak}))
"""


def _probe(mode: str, path: Path, home: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, mode, str(path), str(home)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LOKET_HOME": str(home)},
    )
    return int(json.loads(out.stdout.strip().splitlines()[-1])["peak_kib"])


def memory_rows(sizes: tuple[int, int] = MEMORY_ROWS) -> list[Row]:
    peaks: dict[tuple[str, int], int] = {}
    with tempfile.TemporaryDirectory(prefix="loket-bench-import-") as d, temp_home() as home:
        opened, _actor, _db = _fresh_home(home)
        opened.ctx.engine.dispose()
        for n in sizes:
            xlsx = write_file(Path(d) / f"peserta-{n}.xlsx", n, seed=n)
            for mode in ("floor", "ours"):
                peaks[(mode, n)] = _probe(mode, xlsx, home)
    small, big = sizes
    ours_growth = (peaks[("ours", big)] - peaks[("ours", small)]) / 1024
    floor_growth = (peaks[("floor", big)] - peaks[("floor", small)]) / 1024
    return [
        Row(
            f"peak RSS, dry run of {small:,} rows",
            peaks[("ours", small)] / 1024,
            "MiB",
            peaks[("floor", small)] / 1024,
            "bare openpyxl read-only iteration",
        ),
        Row(
            f"peak RSS, dry run of {big:,} rows",
            peaks[("ours", big)] / 1024,
            "MiB",
            peaks[("floor", big)] / 1024,
            "bare openpyxl read-only iteration",
        ),
        Row(
            f"peak RSS growth {small:,} → {big:,} rows",
            ours_growth,
            "MiB",
            floor_growth,
            "openpyxl's own growth (shared strings)",
            "≤ floor growth + 16 MiB (streaming)",
            ours_growth <= floor_growth + 16,
        ),
    ]


def run(smoke: bool = False) -> list[Row]:
    if smoke:
        return speed_rows(SMOKE["rows"], SMOKE["runs"]) + memory_rows(SMOKE["memory_rows"])
    return speed_rows() + memory_rows()


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run()))
