"""The region's catch-up figure for ``bench_region``: a branch's day of changes (many members, each
with its enrolment and first payment of JKK and JKM) written while the Kanwil's subscription to
that branch is off, then the time from switching it back on until the Kanwil holds every row —
beside the floor: as many bare rows of the same widths, written in as many transactions, over the
same replication between the same two servers.

The rows are written as bulk SQL at the branch's database (``region_load.fill_members`` and
``fill_payments``, the fixtures the dashboard figures use), in the branch's id block: the fastest
honest writer for 100,000 members (the counters' own path is timed by the 200-enrolment backlog
figure); what is timed is replication, not the writing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.region_load import BLOCK, PASSWORD, fill_members, fill_payments

CODE = 121  # not 101, 111 or 112: the other figures' replication slots on these servers keep those names
TABLES = ("member", "enrolment", "payment", "payment_month")  # in the order they are written


def _arrived(conn: Any, table: str, key: int, timeout: float = 600.0) -> float:
    """Seconds until the row ``key`` of ``table`` is at the Kanwil (a primary-key look-up every 5 ms:
    the writes commit in order, so their last row arriving means all of them did)."""
    t0 = time.perf_counter()
    while conn.execute(f"SELECT 1 FROM {table} WHERE id = %s", (key,)).fetchone() is None:  # noqa: S608
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError(f"{table} {key} never reached the Kanwil")
        time.sleep(0.005)
    return time.perf_counter() - t0


def _synced(conn: Any, timeout: float = 120.0) -> None:
    """Wait until every table of the database's subscriptions is past its first copy."""
    t0 = time.perf_counter()
    while conn.execute("SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> 'r'").fetchone()[0]:
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("the first copy never finished")
        time.sleep(0.02)


def _drop(k: Any, subscription: str) -> None:
    k.execute(f"ALTER SUBSCRIPTION {subscription} DISABLE")
    k.execute(f"ALTER SUBSCRIPTION {subscription} SET (slot_name = NONE)")
    k.execute(f"DROP SUBSCRIPTION {subscription}")


def day_catch_up(
    kanwil: Any, branch: Any, home: Path, members: int
) -> tuple[float, float, float, dict[str, int]]:
    """A branch (``CODE``) linked to a Kanwil, its subscription switched off, ``members`` members with
    their enrolments and one month's payment written at the branch; → (seconds from switching it
    on until the Kanwil holds them all, the floor's seconds, seconds the bulk writes took at the
    branch, rows per table)."""
    import psycopg

    from app.bootstrap import open_app
    from app.services import auth
    from app.services import branch as branch_service
    from app.services.region import setup
    from tests.conftest import FakeClock

    for srv, name in ((kanwil, "day_k"), (branch, "day_b")):
        with psycopg.connect(srv.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
    clock = FakeClock()
    kctx = open_app(kanwil.url("day_k"), home=home / "day_k", clock=clock, counter="K").ctx
    setup.init_kanwil(kctx, code="900", name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    auth.create_first_supervisor(kctx, username="siti", full_name="Siti Kanwil", password=PASSWORD)
    ksup = auth.login(kctx, "siti", PASSWORD)
    bctx = open_app(branch.url("day_b"), home=home / "day_b", clock=clock, counter="L1").ctx
    branch_service.setup_branch(bctx, code=str(CODE), name=f"KC {CODE}", timezone="Asia/Jakarta")
    auth.create_first_supervisor(bctx, username="siti", full_name=f"Siti {CODE}", password=PASSWORD)
    setup.add_branch(kctx, ksup, branch.url("day_b"), regencies=("16.10",))
    subscription = f"loket_up_{CODE}"
    lo, hi = CODE * BLOCK, (CODE + 1) * BLOCK
    with (
        psycopg.connect(kanwil.conninfo("day_k"), autocommit=True) as k,
        psycopg.connect(branch.conninfo("day_b"), autocommit=True) as b,
    ):
        officer = b.execute("SELECT id FROM officer WHERE username = 'siti'").fetchone()[0]  # type: ignore[index]
        branch_id = b.execute("SELECT id FROM branch WHERE code = %s", (str(CODE),)).fetchone()[0]  # type: ignore[index]
        _arrived(k, "officer", officer, 120)
        _synced(k)  # the link runs: its first copy of every table is done
        k.execute(f"ALTER SUBSCRIPTION {subscription} DISABLE")
        t0 = time.perf_counter()
        fill_members(
            b,
            CODE,
            members,
            clock(),
            branch_id=branch_id,
            officer_id=officer,
            spread_s=8 * 3600,
            deactivated=False,
        )
        fill_payments(b, CODE, officer_id=officer, months=1)
        write_s = time.perf_counter() - t0
        rows, widths = {}, {}
        for table in TABLES:
            rows[table], widths[table] = b.execute(
                f"SELECT count(*), avg(pg_column_size(t.*))::int FROM {table} t WHERE id > %s AND id < %s",  # noqa: S608
                (lo, hi),
            ).fetchone()  # type: ignore[misc]
        last = b.execute("SELECT max(id) FROM payment_month WHERE id > %s AND id < %s", (lo, hi)).fetchone()[
            0
        ]  # type: ignore[index]
        k.execute(f"ALTER SUBSCRIPTION {subscription} ENABLE")
        seconds = _arrived(k, "payment_month", last)
        for table in TABLES:
            held = k.execute(
                f"SELECT count(*) FROM {table} WHERE id > %s AND id < %s",  # noqa: S608
                (lo, hi),
            ).fetchone()[0]  # type: ignore[index]
            assert held == rows[table], (table, held, rows[table])
        _drop(k, subscription)
    for ctx in (kctx, bctx):
        ctx.engine.dispose()
    return seconds, _bare(kanwil, branch, rows, widths), write_s, rows


def _bare(kanwil: Any, branch: Any, rows: dict[str, int], widths: dict[str, int]) -> float:
    """The floor: per table, as many bare rows (a key and a text of the width that brings the row to
    the table's average row size) written in one transaction, replicated to a bare table."""
    import psycopg

    for srv, name in ((kanwil, "day_bare_k"), (branch, "day_bare_b")):
        with psycopg.connect(srv.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
    with (
        psycopg.connect(kanwil.conninfo("day_bare_k"), autocommit=True) as k,
        psycopg.connect(branch.conninfo("day_bare_b"), autocommit=True) as b,
    ):
        for db in (k, b):
            db.execute("CREATE TABLE row_up (id bigint PRIMARY KEY, payload text NOT NULL)")
        b.execute("CREATE PUBLICATION day_bare FOR TABLE row_up")
        k.execute(
            f"CREATE SUBSCRIPTION day_bare CONNECTION '{branch.conninfo('day_bare_b')}' PUBLICATION day_bare"
        )
        b.execute("INSERT INTO row_up VALUES (0, 'x')")
        _arrived(k, "row_up", 0, 120)
        _synced(k)
        k.execute("ALTER SUBSCRIPTION day_bare DISABLE")
        empty = b.execute("SELECT pg_column_size(t.*) FROM row_up t WHERE id = 0").fetchone()[0] - 1  # type: ignore[index]
        start = 1
        for table in TABLES:
            b.execute(
                "INSERT INTO row_up SELECT %s + g, repeat('x', %s) FROM generate_series(0, %s - 1) g",
                (start, max(1, widths[table] - empty), rows[table]),
            )
            start += rows[table]
        k.execute("ALTER SUBSCRIPTION day_bare ENABLE")
        seconds = _arrived(k, "row_up", start - 1)
        held = k.execute("SELECT count(*) FROM row_up").fetchone()[0]  # type: ignore[index]
        assert held == start, (held, start)
        _drop(k, "day_bare")
    return seconds


__all__ = ["day_catch_up"]
