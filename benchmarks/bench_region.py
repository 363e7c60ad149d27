"""The region's replication (branch → Kanwil, PostgreSQL logical replication) on two real servers
on loopback: how long a branch's backlog of enrolments takes to reach the Kanwil once its link is
back (and a branch's whole day of 100,000 members, ``region_catchup``), how long one enrolment
takes to arrive while the link runs, and while four counters enrol at once on each of two
branches, each beside the same replication carrying bare one-row transactions
between the same servers (the floor); and the Kanwil dashboard over 10 branches × 100,000 members
beside its aggregates as bare SQL (``region_load``)."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import Row, median, percentile
from benchmarks.region_catchup import day_catch_up
from benchmarks.region_load import kanwil_cold_refresh, kanwil_dashboard_at_scale, lag_under_load

BACKLOG = 200  # enrolments made while the Kanwil's subscription is off
LIVE = 30  # enrolments timed one by one while it runs
EACH = 25  # enrolments per counter, 4 counters on each of 2 branches at once
BRANCHES, PER_BRANCH = 10, 100_000  # the Kanwil dashboard's members
COLD = 100_000  # members of the Kanwil's first status index refresh
DAY = 100_000  # members of a branch's day of changes, caught up at once
PASSWORD = "Wilayah-Sumbagsel-2026!"


def _wait(check: Callable[[], bool], timeout: float = 300.0) -> float:
    """Seconds until ``check`` holds (polled every 5 ms)."""
    t0 = time.perf_counter()
    while not check():
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("replication did not arrive")
        time.sleep(0.005)
    return time.perf_counter() - t0


class _Db:
    def __init__(self, server: Any, name: str) -> None:
        import psycopg

        self.server = server
        self.name = name
        with psycopg.connect(server.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        self.conn = psycopg.connect(server.conninfo(name), autocommit=True)

    def one(self, sql: str, *params: Any) -> Any:
        return self.conn.execute(sql, params).fetchone()[0]  # type: ignore[index]


def _loket(
    kanwil: Any, branch: Any, home: Path, backlog: int, live: int
) -> tuple[int, float, list[float], float]:
    from app.bootstrap import open_app
    from app.services import auth, enrolment
    from app.services import branch as branch_service
    from app.services.region import setup
    from tests.conftest import OFFICER_PASSWORD, FakeClock
    from tests.day_fixtures import record_for

    k, b = _Db(kanwil, "kanwil"), _Db(branch, "cabang")
    kctx = open_app(kanwil.url("kanwil"), home=home / "900", clock=FakeClock(), counter="K").ctx
    setup.init_kanwil(kctx, code="900", name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    auth.create_first_supervisor(kctx, username="siti", full_name="Siti Kanwil", password=PASSWORD)
    ksup = auth.login(kctx, "siti", PASSWORD)
    bctx = open_app(branch.url("cabang"), home=home / "101", clock=FakeClock(), counter="L1").ctx
    branch_service.setup_branch(bctx, code="101", name="KC 101", timezone="Asia/Jakarta")
    auth.create_first_supervisor(bctx, username="siti", full_name="Siti 101", password=PASSWORD)
    sup = auth.login(bctx, "siti", PASSWORD)
    auth.add_officer(
        bctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=sup
    )
    officer = auth.login(bctx, "budi", OFFICER_PASSWORD)
    setup.add_branch(kctx, ksup, branch.url("cabang"), regencies=("16.10",))
    lo = 101 * 10**12
    members = f"SELECT count(*) FROM member WHERE id > {lo} AND id < {lo + 10**12}"  # noqa: S608
    chain = f"SELECT count(*) FROM audit_event WHERE seq > {lo} AND seq < {lo + 10**12}"  # noqa: S608
    _wait(lambda: k.one("SELECT count(*) FROM officer WHERE username = 'budi'") == 1)

    def enrol(i: int) -> None:
        out = enrolment.enrol_worker(bctx, officer, record_for(i))
        assert out.status == "enrolled", out.errors

    # Backlog: the link is off while the branch works, then comes back.
    k.conn.execute("ALTER SUBSCRIPTION loket_up_101 DISABLE")
    audit_before = b.one("SELECT count(*) FROM audit_event")
    t0 = time.perf_counter()
    for i in range(backlog):
        enrol(i)
    enrol_s = time.perf_counter() - t0
    rows = (
        sum(
            b.one(f"SELECT count(*) FROM {t} WHERE id > {lo}")  # noqa: S608
            for t in ("member", "enrolment", "heir", "payment")
        )
        + b.one("SELECT count(*) FROM audit_event")
        - audit_before
    )
    audit_all = b.one("SELECT count(*) FROM audit_event")
    k.conn.execute("ALTER SUBSCRIPTION loket_up_101 ENABLE")
    catch_up = _wait(lambda: k.one(members) == backlog and k.one(chain) == audit_all)
    # Live: one enrolment at a time, from its commit to its arrival at the Kanwil.
    lags = []
    for i in range(backlog, backlog + live):
        enrol(i)
        t1 = time.perf_counter()
        want = i + 1
        _wait(lambda want=want: k.one(members) == want)
        lags.append((time.perf_counter() - t1) * 1000)
    for ctx in (kctx, bctx):
        ctx.engine.dispose()
    k.conn.execute("ALTER SUBSCRIPTION loket_up_101 DISABLE")
    k.conn.execute("ALTER SUBSCRIPTION loket_up_101 SET (slot_name = NONE)")
    k.conn.execute("DROP SUBSCRIPTION loket_up_101")
    return rows, catch_up, lags, enrol_s


def _bare(kanwil: Any, branch: Any, per_txn: int, backlog: int, live: int) -> tuple[float, list[float]]:
    """The same replication carrying ``backlog`` bare transactions of ``per_txn`` rows each (as many as
    Loket's enrolments wrote), then one-row transactions one at a time."""
    transactions = backlog * per_txn
    k, b = _Db(kanwil, "bare_k"), _Db(branch, "bare_b")
    for db in (k, b):
        db.conn.execute("CREATE TABLE row_up (id bigint PRIMARY KEY, payload text NOT NULL)")
    b.conn.execute("CREATE PUBLICATION bare_up FOR TABLE row_up")
    k.conn.execute(
        f"CREATE SUBSCRIPTION bare_up CONNECTION '{branch.conninfo('bare_b')}' PUBLICATION bare_up"
    )
    b.conn.execute("INSERT INTO row_up VALUES (0, 'x')")
    _wait(lambda: k.one("SELECT count(*) FROM row_up") == 1)
    k.conn.execute("ALTER SUBSCRIPTION bare_up DISABLE")
    for t in range(backlog):
        with b.conn.transaction():
            for j in range(per_txn):
                b.conn.execute("INSERT INTO row_up VALUES (%s, %s)", (1 + t * per_txn + j, "x" * 200))
    k.conn.execute("ALTER SUBSCRIPTION bare_up ENABLE")
    catch_up = _wait(lambda: k.one("SELECT count(*) FROM row_up") == transactions + 1)
    lags = []
    for i in range(transactions + 1, transactions + 1 + live):
        b.conn.execute("INSERT INTO row_up VALUES (%s, %s)", (i, "x" * 200))
        t1 = time.perf_counter()
        _wait(lambda i=i: k.one("SELECT count(*) FROM row_up") == i + 1)
        lags.append((time.perf_counter() - t1) * 1000)
    k.conn.execute("ALTER SUBSCRIPTION bare_up DISABLE")
    k.conn.execute("ALTER SUBSCRIPTION bare_up SET (slot_name = NONE)")
    k.conn.execute("DROP SUBSCRIPTION bare_up")
    return catch_up, lags


def run(smoke: bool = False) -> list[Row]:
    from tests.pg_server import PgServer, PgUnavailableError
    from tests.region_fixtures import LOGICAL

    backlog, live = (20, 5) if smoke else (BACKLOG, LIVE)
    each, per_branch, runs = (2, 1_000, 1) if smoke else (EACH, PER_BRANCH, 5)
    cold_members = 1_000 if smoke else COLD
    day = 2_000 if smoke else DAY
    try:
        kanwil = PgServer.start(durable=True, settings=LOGICAL)
    except PgUnavailableError as exc:
        print(f"  region skipped: {exc}", file=sys.stderr)
        return []
    try:
        branch = PgServer.start(durable=True, settings=LOGICAL)
        try:
            with tempfile.TemporaryDirectory(prefix="loket-bench-region-") as d:
                rows, catch_up, lags, enrol_s = _loket(kanwil, branch, Path(d), backlog, live)
                bare_catch_up, bare_lags = _bare(kanwil, branch, max(1, rows // backlog), backlog, live)
                day_s, day_floor, day_write_s, day_rows = day_catch_up(kanwil, branch, Path(d), day)
                load, bare_load, load_s = lag_under_load(kanwil, branch, Path(d), each)
                board_s, board_floor, board_cold, cold_floor, question_s = kanwil_dashboard_at_scale(
                    kanwil, Path(d), BRANCHES, per_branch, runs
                )
                refresh_s, refresh_floor, refreshed = kanwil_cold_refresh(kanwil, Path(d), cold_members)
        finally:
            branch.stop()
    finally:
        kanwil.stop()
    return [
        Row(
            f"region catch-up: {backlog} enrolments ({rows} rows) after the link is back",
            catch_up,
            "s",
            bare_catch_up,
            f"{backlog} bare txns × {rows // backlog} rows replicated",
        ),
        Row(f"region: making those {backlog} enrolments at the branch", enrol_s, "s"),
        Row(
            f"region catch-up: a branch's day of {day:,} members (with enrolments and a month paid: "
            f"{sum(day_rows.values()):,} rows) after the link is back",
            day_s,
            "s",
            day_floor,
            "as many bare rows of the same widths, same transactions, replicated",
        ),
        Row(f"region: writing that day at the branch (bulk SQL, {len(day_rows)} tables)", day_write_s, "s"),
        Row(
            "region lag: one enrolment, commit → at Kanwil, median",
            median(lags),
            "ms",
            median(bare_lags),
            "one-row INSERT replicated",
        ),
        Row(
            "region lag: one enrolment, commit → at Kanwil, p95",
            percentile(lags, 95),
            "ms",
            percentile(bare_lags, 95),
            "one-row INSERT replicated",
            "< 1000 ms",
            percentile(lags, 95) < 1000,
        ),
        Row(
            f"region lag under load: 4 counters × 2 branches, {len(load)} enrolments "
            f"in {load_s:.1f} s, median",
            median(load),
            "ms",
            median(bare_load),
            "one-row INSERTs, same load",
        ),
        Row(
            "region lag under load: 4 counters × 2 branches, p95",
            percentile(load, 95),
            "ms",
            percentile(bare_load, 95),
            "one-row INSERTs, same load",
            "< 2000 ms",
            percentile(load, 95) < 2000,
        ),
        Row(
            f"Kanwil dashboard: {BRANCHES} branches × {per_branch:,} members, status index warm, median of {runs}",
            board_s,
            "s",
            board_floor,
            "its 3 reads as bare SQL (the tally grouped, the month's enrolments, NIKs twice)",
            "< 1 s",
            board_s < 1.0,
        ),
        Row(
            f"Kanwil dashboard's question over the replicated tables, bare SQL (no tally), median of {runs}",
            question_s,
            "s",
            None,
            "members ⋈ status index ⋈ baselines grouped, NIKs grouped: what it read before the tally",
        ),
        Row(
            f"Kanwil dashboard: same, status index empty (registered, pending shown), median of {runs}",
            board_cold,
            "s",
            cold_floor,
            "its 4 reads as bare SQL",
        ),
        Row(
            f"Kanwil status index, cold refresh: {refreshed:,} members with payments",
            refresh_s,
            "s",
            refresh_floor,
            "same facts read, as many rows written, bare SQL",
        ),
    ]


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run()))
