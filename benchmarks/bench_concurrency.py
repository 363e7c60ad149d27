"""Enrolments per second and p95 latency with 1 and 4 counters (processes), SQLite and PostgreSQL.

Each figure stands beside its bare-library floor, measured in the same run with the same number
of processes: one INSERT + COMMIT per row through sqlite3 (WAL, synchronous=FULL, BEGIN
IMMEDIATE) or psycopg. An enrolment does far more (duplicate check, number allocation, member,
enrolment and audit rows, the hash chain), so the ratio says what Loket's work costs on top of
the database's own commit. PostgreSQL is a throwaway server with fsync on (as durable as SQLite
with synchronous=FULL), started the same way as in the tests.

On SQLite a second floor writes an enrolment's own rows (about 24 WAL pages, one fdatasync) in raw
sqlite3, and with several counters each enrolment's time is split (``Parts``): waiting for the write
lock (the writers' gate), holding it from BEGIN to the end of COMMIT, the COMMIT itself, and
everything outside the write transaction, each part beside the floor's same part. On PostgreSQL
there is no gate: "in the transaction" includes waiting for the branch's number row, which every
enrolment locks from its number to its COMMIT.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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


def _same_rows_worker(path: str, index: int, n: int, ready: Any, out: Any) -> None:
    """The floor that writes the rows an enrolment writes, in raw sqlite3 on Loket's own schema
    (WAL, synchronous FULL, BEGIN IMMEDIATE): the two duplicate look-ups (same NIK; same birth date
    and NIK district), the number from the branch's sequence, the member, its name-index postings
    and their counts, the enrolment, one chained and sealed audit event (HMAC-SHA256 as Loket's),
    COMMIT. No rules, no ORM, no gate: SQLite's busy handler does the waiting."""
    import hashlib
    import hmac
    import json

    from app.services.search_index import postings_for, word_key_counts
    from tests.concurrency_harness import walk_in

    samples: list[tuple[float, float, float, float]] = []
    now = time.perf_counter
    key = b"k" * 32
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            con.execute(f"PRAGMA {pragma}")
        officer = con.execute("SELECT id FROM officer LIMIT 1").fetchone()[0]
        branch = con.execute("SELECT id FROM branch LIMIT 1").fetchone()[0]
        people = []
        for i in range(n):  # the values, made before the clock runs (the rules' work is not the floor's)
            r = walk_in(10_000 - (index * n + i + 1))  # NIKs apart from Loket's own run
            keys = sorted(
                postings_for(
                    [(0, r["nama"], dt.date.fromisoformat(r["tanggal_lahir"]), r["nik"][:6], None, "ACTIVE")]
                )
            )
            people.append((r, keys, word_key_counts(k[0] for k in keys)))
        details = '{"channel":"LOKET","funding":"MANDIRI","mismatch_confirmed":false,"programmes":["JKK","JKM"],"segment":"BPU"}'
        ready.wait()
        for r, keys, counts in people:
            t0 = now()
            con.execute("BEGIN IMMEDIATE")
            t1 = now()
            con.execute(
                "SELECT number FROM member WHERE nik = ? AND record_status = 'ACTIVE'", (r["nik"],)
            ).fetchall()
            con.execute(
                "SELECT id, number, nik, nama, tanggal_lahir, nik_district, jenis_kelamin, nama_ibu,"
                " tempat_lahir, alamat, no_hp, record_status FROM member WHERE tanggal_lahir = ?"
                " AND nik_district = ? AND record_status = 'ACTIVE'",
                (r["tanggal_lahir"], r["nik"][:6]),
            ).fetchall()
            serial = con.execute(
                "UPDATE number_sequence SET next_serial = next_serial + 1 WHERE branch_id = ? RETURNING next_serial",
                (branch,),
            ).fetchone()[0]
            number = f"9{serial:010d}"
            member = con.execute(
                "INSERT INTO member (number, branch_id, nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin,"
                " nama_ibu, no_hp, alamat, kode_wilayah, nik_district, record_status, created_at, created_by_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, 'ACTIVE', '2026-11-23 03:00:00.000000', ?)",
                (
                    number,
                    branch,
                    r["nik"],
                    r["nama"].upper(),
                    r["tempat_lahir"],
                    r["tanggal_lahir"],
                    r["jenis_kelamin"],
                    r["nama_ibu"],
                    r["alamat"],
                    r["nik"][:6],
                    officer,
                ),
            ).lastrowid
            con.executemany(
                "INSERT INTO member_name_key (key, member_id, birth_year, nik_regency, home_regency) VALUES (?, ?, ?, ?, ?)",
                [(k[0], member, k[2], k[3], k[4]) for k in keys],
            )
            con.executemany(
                "INSERT INTO name_key_stat (key, postings) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                " SET postings = name_key_stat.postings + excluded.postings",
                counts,
            )
            con.execute(
                "INSERT INTO enrolment (member_id, segment, occupation_code, programmes, income, funding_source,"
                " channel, npp, months_at_enrolment, enrolled_at, business_date, officer_id, counter,"
                " mismatch_confirmed) VALUES (?, 'BPU', 'P001', 'JKK,JKM', 1000000, 'MANDIRI', 'LOKET', NULL, 1,"
                " '2026-11-23 03:00:00.000000', '2026-11-23', ?, 'FLOOR', 0)",
                (member, officer),
            )
            seq, prev = con.execute(
                "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash"
            ).fetchone()
            body = json.dumps(
                [
                    seq,
                    "2026-11-23T03:00:00.000000+00:00",
                    "budi",
                    "FLOOR",
                    "member.enrol",
                    "member",
                    number,
                    member,
                    hashlib.sha256(details.encode()).hexdigest(),
                    prev,
                ]
            )
            digest = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
            con.execute(
                "INSERT INTO audit_event (seq, occurred_at, business_date, officer_id, actor, counter, action,"
                " entity, entity_id, member_id, details, prev_hash, hash) VALUES (?, '2026-11-23 03:00:00.000000',"
                " '2026-11-23', ?, 'budi', 'FLOOR', 'member.enrol', 'member', ?, ?, ?, ?, ?)",
                (seq, officer, number, member, details, prev, digest),
            )
            con.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", (digest,))
            seal = hmac.new(key, json.dumps(["audit-head", seq, digest]).encode(), hashlib.sha256)
            con.execute("UPDATE audit_seal SET mac = ? WHERE id = 1", (seal.hexdigest(),))
            t2 = now()
            con.execute("COMMIT")
            t3 = now()
            samples.append((t3 - t0, t1 - t0, t3 - t1, t3 - t2))
        con.close()
    except Exception:
        ready.abort()
        raise
    finally:
        out.put(samples)


def _same_rows(folder: Path, processes: int, per_process: int) -> tuple[float, list[float], list[Parts]]:
    """``_same_rows_worker`` in ``processes`` processes on a freshly prepared Loket database."""
    from app.db.engine import sqlite_url
    from tests.concurrency_harness import prepare_database

    path = folder / "floor.sqlite3"
    prepare_database(sqlite_url(str(path)), str(folder / "floor-home"))
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(processes + 1, timeout=120)
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_same_rows_worker, args=(str(path), i, per_process, ready, out))
        for i in range(processes)
    ]
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
    fresh = {
        "wait": 0.0,
        "gate_held": 0.0,
        "gate_since": None,
        "leave": 0.0,
        "tx": 0.0,
        "commit": 0.0,
        "transactions": 0,
    }
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
        t0 = now()  # the gate is free from here: waking the next writer is not holding it
        if cur["gate_since"] is not None:
            cur["gate_held"] += t0 - cur["gate_since"]
            cur["gate_since"] = None
        leave_gate(self)
        cur["leave"] += now() - t0

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
        cur.update({k: v for k, v in fresh.items()})
        t0 = now()
        try:
            return enrol(*args, **kwargs)
        finally:
            whole = now() - t0
            # SQLite: the gate is held from BEGIN to the end of COMMIT. PostgreSQL: no gate; the
            # transaction (row locks included) is what ServiceContext.write spends.
            held = cur["gate_held"] if cur["gate_held"] else cur["tx"]
            commit = cur["commit"] - cur["leave"]  # COMMIT itself, not the wake-up after it
            parts.append(Parts(whole, cur["wait"], held, commit, cur["transactions"]))

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


def _breakdown(label: str, loket: list[Parts], bare: list[Parts], floor: str) -> list[Row]:
    """Where the time goes with several counters, each part beside the floor's same part."""
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
                f"{floor}'s same part (slowest 5%: ours {_mean_ms(ours_tail, part):.1f}, "
                f"floor {_mean_ms(bare_tail, part):.1f} ms)",
            )
        )
    retried = sum(1 for x in loket if x.transactions > 1)
    rows.append(
        Row(f"  {label}: enrolments retried (transaction begun again)", float(retried), "", 0.0, floor)
    )
    return rows


def _rows(
    backend: str,
    processes: int,
    loket: tuple[float, list[float], list[Parts]],
    bare: tuple[float, list[float], list[Parts]],
    same: tuple[float, list[float], list[Parts]] | None = None,
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
    if same is not None:
        rows.append(
            Row(
                f"enrolment p95, {label}, beside the same rows",
                p95,
                "ms",
                percentile([x * 1000 for x in same[1]], 95),
                "raw sqlite3 writing an enrolment's rows, p95",
            )
        )
    if processes > 1:
        if same is not None:
            rows += _breakdown(label, parts, same[2], "same-rows floor")
        else:
            rows += _breakdown(label, parts, bare_parts, "bare loop")
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
            same = _same_rows(folder, n, per_process[n])
            rows += _rows("SQLite", n, loket, bare, same)
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
