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
from dataclasses import dataclass
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
    # Per row: (whole, waiting for the write lock, BEGIN…COMMIT, the COMMIT) in seconds.
    samples: list[tuple[float, float, float, float]] = []
    now = time.perf_counter
    try:
        if url.startswith("sqlite:"):
            conn: Any = sqlite3.connect(url.removeprefix("sqlite:"), isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")

            def insert(i: int) -> tuple[float, float, float]:
                t0 = now()
                conn.execute("BEGIN IMMEDIATE")  # SQLite's busy handler waits here
                t1 = now()
                conn.execute("INSERT INTO bare (nik, nama) VALUES (?, ?)", (f"{i:016d}", "PEKERJA UJI"))
                t2 = now()
                conn.execute("COMMIT")
                t3 = now()
                return t1 - t0, t3 - t1, t3 - t2
        else:
            import psycopg

            conn = psycopg.connect(url)

            def insert(i: int) -> tuple[float, float, float]:
                t0 = now()
                conn.execute("INSERT INTO bare (nik, nama) VALUES (%s, %s)", (f"{i:016d}", "PEKERJA UJI"))
                t1 = now()
                conn.commit()
                t2 = now()
                return 0.0, t2 - t0, t2 - t1

        ready.wait()
        for i in range(n):
            t0 = now()
            wait, held, commit = insert(i)
            samples.append((now() - t0, wait, held, commit))
        conn.close()
    except Exception:
        ready.abort()
        raise
    finally:
        out.put(samples)


def _bare(url: str, processes: int, per_process: int) -> tuple[float, list[float], list[Parts]]:
    """Rows per second, per-row latencies and their parts, of the bare INSERT + COMMIT loop."""
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(processes + 1, timeout=120)
    out = ctx.Queue()
    procs = [ctx.Process(target=_bare_worker, args=(url, per_process, ready, out)) for _ in range(processes)]
    for p in procs:
        p.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait()
    t0 = time.perf_counter()
    parts: list[Parts] = []
    for _ in procs:
        parts += [Parts(whole, wait, held, commit, 1) for whole, wait, held, commit in out.get(timeout=300)]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=30)
    return len(parts) / wall, [p.whole for p in parts], parts


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


@dataclass(frozen=True, slots=True)
class Parts:
    """Where one enrolment's (or one bare row's) time went, in seconds."""

    whole: float
    wait: float  # waiting for the write lock: the writers' gate (Loket) or BEGIN IMMEDIATE (bare)
    held: float  # from holding the write lock to the end of COMMIT (SQLite); the transaction (PostgreSQL)
    commit: float  # the COMMIT itself (its fsync)
    transactions: int  # write transactions begun (more than 1: a retry)

    @property
    def outside(self) -> float:
        """Before and after the write transaction: checks, reads, building the answer."""
        return max(0.0, self.whole - self.wait - self.held)


class _Relay:
    """Stands in for the result queue in a counter: adds the measured parts to what it sends."""

    def __init__(self, out: Any, parts: list[Parts]) -> None:
        self.out, self.parts = out, parts

    def put(self, item: tuple[Any, ...]) -> None:
        self.out.put((*item, self.parts))


def _measured_worker(
    url: str, home: str, index: int, per_process: int, allocator: str, ready: Any, out: Any
) -> None:
    """A counter of ``tests.concurrency_harness`` whose enrolments are timed in parts: the writers'
    gate (SQLite), the write transaction (``ServiceContext.write``) and its COMMIT."""
    from sqlalchemy.orm import Session

    from app.db.writer_gate import GatedConnection
    from app.services import enrolment
    from app.services.context import ServiceContext
    from tests.concurrency_harness import _worker

    now = time.perf_counter
    fresh = {"wait": 0.0, "gate_held": 0.0, "gate_since": None, "tx": 0.0, "commit": 0.0, "transactions": 0}
    cur: dict[str, Any] = dict(fresh)  # also written by the counter's set-up, before any enrolment
    parts: list[Parts] = []
    enter_gate, leave_gate = GatedConnection.enter_gate, GatedConnection.leave_gate
    write, commit, enrol = ServiceContext.write, Session.commit, enrolment.enrol_worker

    def timed_enter(self: GatedConnection, database: Path, timeout: float) -> None:
        t0 = now()
        try:
            enter_gate(self, database, timeout)
        finally:
            cur["wait"] += now() - t0
            cur["gate_since"] = now()

    def timed_leave(self: GatedConnection) -> None:
        leave_gate(self)
        if cur["gate_since"] is not None:
            cur["gate_held"] += now() - cur["gate_since"]
            cur["gate_since"] = None

    def timed_write(self: ServiceContext, work: Any) -> Any:
        t0 = now()
        try:
            return write(self, work)
        finally:
            cur["tx"] += now() - t0
            cur["transactions"] += 1

    def timed_commit(self: Session) -> None:
        t0 = now()
        try:
            commit(self)
        finally:
            cur["commit"] += now() - t0

    def timed_enrol(*args: Any, **kwargs: Any) -> Any:
        cur.update(fresh)
        t0 = now()
        try:
            return enrol(*args, **kwargs)
        finally:
            whole = now() - t0
            # SQLite: the gate is held from BEGIN to the end of COMMIT. PostgreSQL: no gate; the
            # transaction (row locks included) is what ServiceContext.write spends.
            held = cur["gate_held"] if cur["gate_held"] else cur["tx"]
            parts.append(Parts(whole, cur["wait"], held, cur["commit"], cur["transactions"]))

    GatedConnection.enter_gate = timed_enter  # type: ignore[method-assign]
    GatedConnection.leave_gate = timed_leave  # type: ignore[method-assign]
    ServiceContext.write = timed_write  # type: ignore[method-assign]
    Session.commit = timed_commit  # type: ignore[method-assign]
    enrolment.enrol_worker = timed_enrol  # type: ignore[assignment]
    _worker(url, home, index, per_process, allocator, ready, _Relay(out, parts))


def _loket(url: str, home: Path, processes: int, per_process: int) -> tuple[float, list[float], list[Parts]]:
    from tests.concurrency_harness import prepare_database, run_counters

    prepare_database(url, str(home))
    run = run_counters(url, str(home), processes=processes, per_process=per_process, worker=_measured_worker)
    if run.errors:  # an error that would reach an officer is a failure, not a figure
        raise RuntimeError(f"{len(run.errors)} enrolments failed, e.g. {run.errors[0]}")
    parts = [p for counter in run.extra for p in counter]
    return len(run.numbers) / run.wall, run.latencies, parts


def _tail(parts: list[Parts], p: float = 95) -> list[Parts]:
    """The slowest (100 - p)% of the samples (at least one)."""
    ordered = sorted(parts, key=lambda x: x.whole)
    cut = min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))
    return ordered[cut:]


def _mean_ms(parts: list[Parts], part: str) -> float:
    return sum(getattr(x, part) for x in parts) / len(parts) * 1000


def _breakdown(label: str, loket: list[Parts], bare: list[Parts]) -> list[Row]:
    """Where the time goes with several counters, each part beside the bare loop's same part."""
    ours_tail, bare_tail = _tail(loket), _tail(bare)
    rows = []
    for part, what in (
        ("wait", "waiting for the write lock"),
        (
            "held",
            "holding it (BEGIN … end of COMMIT)" if label.startswith("SQLite") else "in the transaction",
        ),
        ("commit", "of which the COMMIT"),
        ("outside", "outside the write transaction"),
    ):
        rows.append(
            Row(
                f"  {label}: {what}, p50 / slowest 5% mean",
                percentile([getattr(x, part) * 1000 for x in loket], 50),
                "ms",
                percentile([getattr(x, part) * 1000 for x in bare], 50),
                f"bare loop's same part (slowest 5%: ours {_mean_ms(ours_tail, part):.1f}, "
                f"bare {_mean_ms(bare_tail, part):.1f} ms)",
            )
        )
    retried = sum(1 for x in loket if x.transactions > 1)
    rows.append(
        Row(f"  {label}: enrolments retried (transaction begun again)", float(retried), "", 0.0, "bare loop")
    )
    return rows


def _rows(
    backend: str,
    processes: int,
    loket: tuple[float, list[float], list[Parts]],
    bare: tuple[float, list[float], list[Parts]],
) -> list[Row]:
    label = f"{backend}, {processes} counter{'s' if processes > 1 else ''}"
    rate, lat, parts = loket
    bare_rate, bare_lat, bare_parts = bare
    p95 = percentile([x * 1000 for x in lat], 95)
    target = P95_TARGET_4_MS[backend] if processes == 4 else P95_TARGET_MS
    rows = [
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
    if processes > 1:
        rows += _breakdown(label, parts, bare_parts)
    return rows


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
