"""Enrolments per second and p95 latency with 1 and 4 counters (processes), SQLite and PostgreSQL.

Each figure stands beside its bare-library floor, measured in the same run with the same number
of processes: one INSERT + COMMIT per row through sqlite3 (WAL, synchronous=FULL, BEGIN
IMMEDIATE) or psycopg. An enrolment does far more (duplicate check, number allocation, member,
enrolment and audit rows, the hash chain), so the ratio says what Loket's work costs on top of
the database's own commit. PostgreSQL is a throwaway server with fsync on (as durable as SQLite
with synchronous=FULL), started the same way as in the tests.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Row, percentile

PER_PROCESS = {1: 400, 4: 150}
SMOKE_PER_PROCESS = {1: 10, 4: 5}
P95_TARGET_MS = 100.0  # an officer's Ctrl+S should feel immediate
# Four counters at once (issue 19): the wait for the other counters' commits stays short.
P95_TARGET_4_MS = {"SQLite": 10.0, "PostgreSQL": 15.0}
RATE_TARGET = 10.0  # enrolments/s for the whole branch: far above 4 counters' real pace


def _bare_worker(url: str, n: int, ready: Any, out: Any) -> None:
    latencies = []
    try:
        if url.startswith("sqlite:"):
            conn: Any = sqlite3.connect(url.removeprefix("sqlite:"), isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")

            def insert(i: int) -> None:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO bare (nik, nama) VALUES (?, ?)", (f"{i:016d}", "PEKERJA UJI"))
                conn.execute("COMMIT")
        else:
            import psycopg

            conn = psycopg.connect(url)

            def insert(i: int) -> None:
                conn.execute("INSERT INTO bare (nik, nama) VALUES (%s, %s)", (f"{i:016d}", "PEKERJA UJI"))
                conn.commit()

        ready.wait()
        for i in range(n):
            t0 = time.perf_counter()
            insert(i)
            latencies.append(time.perf_counter() - t0)
        conn.close()
    except Exception:
        ready.abort()
        raise
    finally:
        out.put(latencies)


def _bare(url: str, processes: int, per_process: int) -> tuple[float, list[float]]:
    """Rows per second and per-row latencies of the bare INSERT + COMMIT loop."""
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(processes + 1, timeout=120)
    out = ctx.Queue()
    procs = [ctx.Process(target=_bare_worker, args=(url, per_process, ready, out)) for _ in range(processes)]
    for p in procs:
        p.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait()
    t0 = time.perf_counter()
    latencies: list[float] = []
    for _ in procs:
        latencies += out.get(timeout=300)
    wall = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=30)
    return len(latencies) / wall, latencies


def _bare_sqlite(folder: Path) -> str:
    path = folder / "bare.sqlite3"
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, nik TEXT, nama TEXT)")
        c.execute("DELETE FROM bare")
    return f"sqlite:{path}"


def _bare_pg(server: Any, name: str) -> str:
    import psycopg

    with psycopg.connect(server.conninfo(), autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(server.conninfo(name), autocommit=True) as c:
        c.execute("CREATE TABLE bare (id serial PRIMARY KEY, nik text, nama text)")
    return server.conninfo(name)


def _loket(url: str, home: Path, processes: int, per_process: int) -> tuple[float, list[float]]:
    from tests.concurrency_harness import prepare_database, run_counters

    prepare_database(url, str(home))
    run = run_counters(url, str(home), processes=processes, per_process=per_process)
    if run.errors:  # an error that would reach an officer is a failure, not a figure
        raise RuntimeError(f"{len(run.errors)} enrolments failed, e.g. {run.errors[0]}")
    return len(run.numbers) / run.wall, run.latencies


def _rows(
    backend: str, processes: int, loket: tuple[float, list[float]], bare: tuple[float, list[float]]
) -> list[Row]:
    label = f"{backend}, {processes} counter{'s' if processes > 1 else ''}"
    rate, lat = loket
    bare_rate, bare_lat = bare
    p95 = percentile([x * 1000 for x in lat], 95)
    target = P95_TARGET_4_MS[backend] if processes == 4 else P95_TARGET_MS
    return [
        Row(
            f"enrolments/s, {label}",
            rate,
            "/s",
            bare_rate,
            "INSERT+COMMIT/s",
            f"≥ {RATE_TARGET:.0f}/s",
            rate >= RATE_TARGET,
        ),
        Row(
            f"enrolment p95, {label}",
            p95,
            "ms",
            percentile([x * 1000 for x in bare_lat], 95),
            "INSERT+COMMIT p95",
            f"< {target:.0f} ms",
            p95 < target,
        ),
    ]


def run(smoke: bool = False) -> list[Row]:
    import os

    from app.db.engine import sqlite_url
    from tests.pg_server import PgServer, PgUnavailableError

    per_process = SMOKE_PER_PROCESS if smoke else PER_PROCESS
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="loket-bench-conc-") as d:
        root = Path(d)
        for n in (1, 4):
            folder = root / f"sqlite{n}"
            folder.mkdir()
            loket = _loket(sqlite_url(str(folder / "loket.sqlite3")), folder / "home", n, per_process[n])
            bare = _bare(_bare_sqlite(folder), n, per_process[n])
            rows += _rows("SQLite", n, loket, bare)
        try:
            server = PgServer.start(durable=True)
        except PgUnavailableError as exc:
            if os.environ.get("LOKET_REQUIRE_PG", "") not in ("", "0"):  # as the test suite: CI needs it
                raise
            print(f"  PostgreSQL skipped: {exc}", file=sys.stderr)
            return rows
        try:
            for n in (1, 4):
                import psycopg

                with psycopg.connect(server.conninfo(), autocommit=True) as c:
                    c.execute(f"CREATE DATABASE loket{n}")
                loket = _loket(server.url(f"loket{n}"), root / f"pghome{n}", n, per_process[n])
                bare = _bare(_bare_pg(server, f"bare{n}"), n, per_process[n])
                rows += _rows("PostgreSQL", n, loket, bare)
        finally:
            server.stop()
    return rows


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run()))
