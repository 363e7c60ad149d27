"""Several counters enrolling into one database at once, each a separate process.

Used by the concurrency tests (which check the numbers) and by ``benchmarks/bench_concurrency``
(which times them). ``allocator`` swaps the app's number allocation for a deliberately naive
one, so a test can show that the checks do catch duplicates.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.bootstrap import open_app
from app.domain.membership import parse_number
from app.services import auth
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.names import pooled_name

OFFICER_PASSWORD = "Loket-Pagi-Sehat-7"
MAX_WORKERS_TIMES_RECORDS = 9999  # the NIK serial field has four digits


def prepare_database(url: str, home: str) -> None:
    """A branch, a supervisor and the officer ``budi`` who enrols at every counter."""
    opened = open_app(url, home=home, counter="SETUP")
    try:
        ctx = opened.ctx
        set_up_branch(ctx)
        siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
        auth.add_officer(
            ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=siti
        )
    finally:
        opened.ctx.engine.dispose()


def walk_in(serial: int) -> dict[str, Any]:
    """A valid BPU record whose NIK differs per ``serial`` (1…9999), each worker born on another
    day of 1990 (or with another name), so the likely-duplicate rule sees different people."""
    day, month = 1 + serial % 28, 1 + serial // 28 % 12
    nik = f"161001{day + 40:02d}{month:02d}90{serial:04d}"
    return {
        "nik": nik,
        "nama": pooled_name(nik),
        "tempat_lahir": "Palembang",
        "tanggal_lahir": f"1990-{month:02d}-{day:02d}",
        "jenis_kelamin": "P",
        "nama_ibu": "Ibu Uji",
        "alamat": "Jl. Uji",
        "pekerjaan": "P001",
        "segmen": "BPU",
        "penghasilan": 1000000,
        "program": "JKK,JKM",
    }


def _naive_allocator(mode: str) -> Callable[..., int]:
    """max(number)+1, the way it is often written. Never do this in the app.

    ``in_tx``: read inside the enrolling transaction. PostgreSQL's READ COMMITTED lets two
    transactions read the same maximum. (On SQLite, BEGIN IMMEDIATE serialises writers, so this
    variant happens to be safe there.)
    ``before_tx``: read in its own transaction before saving, as when the number is shown on the
    form before the officer presses save. Races on every database.
    """
    from app.db.driver import Driver

    def read_max(session: Any) -> int:
        # On the driver: inside the enrolment's statements, as the app's own allocator is.
        top = Driver.of(session).execute("SELECT MAX(number) FROM member").one()[0]
        parsed = parse_number(top) if top else None
        return parsed.serial if parsed is not None and not isinstance(parsed, str) else 0

    if mode == "in_tx":
        return lambda session, branch_id: read_max(session) + 1
    state: dict[str, int] = {}

    def allocate(session: Any, branch_id: int) -> int:
        return state["next"]

    allocate.state = state  # type: ignore[attr-defined]
    allocate.read_max = read_max  # type: ignore[attr-defined]
    return allocate


def _worker(url: str, home: str, index: int, per_process: int, allocator: str, ready: Any, out: Any) -> None:
    from app.services import enrolment

    numbers: list[str] = []
    errors: list[str] = []
    latencies: list[float] = []
    try:
        os.environ["LOKET_HOME"] = home
        opened = open_app(url, home=home, counter=f"LOKET-{index + 1}")
        ctx = opened.ctx
        actor = auth.officer_by_username(ctx, "budi")
        assert actor is not None
        naive = None
        if allocator != "app":
            naive = _naive_allocator(allocator)
            enrolment._allocate_serial = naive  # type: ignore[assignment]
        ready.wait()  # every counter connected: go together
        for i in range(per_process):
            rec = walk_in(index * per_process + i + 1)
            t0 = time.perf_counter()
            try:
                if naive is not None and allocator == "before_tx":
                    naive.state["next"] = ctx.read(naive.read_max) + 1  # type: ignore[attr-defined]
                res = enrolment.enrol_worker(ctx, actor, rec)
            except Exception as exc:  # what would reach the officer
                errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                continue
            finally:
                latencies.append(time.perf_counter() - t0)
            if res.status == "enrolled" and res.number:
                numbers.append(res.number)
            else:
                errors.append(f"rejected: {[e.code for e in res.errors]}")
        opened.ctx.engine.dispose()
    except Exception as exc:  # the worker itself broke: report it, never hang the parent
        ready.abort()
        errors.append(f"worker {index}: {type(exc).__name__}: {exc}")
    out.put((index, numbers, errors, latencies))


@dataclass
class CounterRun:
    processes: int
    per_process: int
    numbers: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, one per enrolment attempt
    extra: list[Any] = field(default_factory=list)  # whatever a custom ``worker`` adds to its result
    wall: float = 0.0  # seconds from the start signal until the last counter finished

    @property
    def expected(self) -> int:
        return self.processes * self.per_process

    def problems(self, stored_numbers: list[str]) -> list[str]:
        """Everything that would be wrong at a real branch; empty when all is well."""
        found = [f"error reached the officer: {e}" for e in sorted(set(self.errors))[:10]]
        dupes = [n for n, c in Counter(self.numbers).items() if c > 1]
        if dupes:
            found.append(f"{len(dupes)} numbers handed out twice, e.g. {dupes[:3]}")
        serials = sorted(p.serial for n in set(self.numbers) if not isinstance(p := parse_number(n), str))
        if serials != list(range(1, len(serials) + 1)):
            found.append("numbers are not gapless from 1")
        if len(self.numbers) != self.expected:
            found.append(f"{len(self.numbers)} of {self.expected} enrolments succeeded")
        if sorted(stored_numbers) != sorted(self.numbers):
            found.append(
                f"database holds {len(stored_numbers)} members, counters were told {len(self.numbers)}"
            )
        return found


def _context() -> Any:
    """forkserver (POSIX) forks each counter from one process that already imported the app."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["app.bootstrap", "app.services.enrolment", "tests.concurrency_harness"])
        return ctx
    return mp.get_context("spawn")


def run_counters(
    url: str,
    home: str,
    *,
    processes: int,
    per_process: int,
    allocator: str = "app",
    worker: Callable[..., None] = _worker,
) -> CounterRun:
    """Start ``processes`` counters together; each enrols ``per_process`` distinct walk-ins.

    ``worker`` (a module-level function taking ``_worker``'s arguments, e.g. one that measures
    inside the counter and then calls ``_worker``) may put a fifth item in its result: it is
    collected in ``CounterRun.extra``."""
    assert processes * per_process <= MAX_WORKERS_TIMES_RECORDS
    mp_ctx = _context()
    ready = mp_ctx.Barrier(processes + 1, timeout=300)
    out = mp_ctx.Queue()
    procs = [
        mp_ctx.Process(target=worker, args=(url, home, i, per_process, allocator, ready, out))
        for i in range(processes)
    ]
    for p in procs:
        p.start()
    run = CounterRun(processes, per_process)
    try:
        # The clock starts once every counter is connected and waiting at the barrier.
        with contextlib.suppress(threading.BrokenBarrierError):
            ready.wait()
        t0 = time.perf_counter()
        for _ in procs:
            _index, numbers, errors, latencies, *extra = out.get(timeout=600)
            run.extra += extra
            run.numbers += numbers
            run.errors += errors
            run.latencies += latencies
        run.wall = time.perf_counter() - t0
    finally:
        for p in procs:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    return run
