"""Two of the region's figures, for ``bench_region``: replication lag while four counters enrol at
once on each of two branches, and the Kanwil dashboard over 10 branches' members — each beside its
floor measured in the same run (bare one-row INSERTs replicated under the same load; the
dashboard's aggregates as bare SQL on the same rows)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import median, percentile

PASSWORD = "Wilayah-Sumbagsel-2026!"
COUNTERS = 4
BLOCK = 10**12
# Sumatera Selatan's regencies and cities (Kemendagri codes).
REGENCIES = tuple(f"16.{n:02d}" for n in (*range(1, 14), 71, 72, 73, 74))


class _Arrivals:
    """Polls the Kanwil for keys committed at a branch; a key's lag is commit → first seen there."""

    def __init__(self, conninfo: str, query: str) -> None:
        import psycopg

        self.conn = psycopg.connect(conninfo, autocommit=True)
        self.query = query  # one parameter: the keys still on their way
        self.committed: dict[Any, float] = {}
        self.lags: list[float] = []
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def commit(self, key: Any) -> None:
        with self.lock:
            self.committed[key] = time.perf_counter()

    def _poll(self) -> None:
        while True:
            with self.lock:
                waiting = list(self.committed)
            if waiting:
                now = time.perf_counter()
                for (key,) in self.conn.execute(self.query, (waiting,)).fetchall():
                    with self.lock:
                        self.lags.append((now - self.committed.pop(key)) * 1000)
            elif self.done.is_set():
                return
            time.sleep(0.005)

    def finish(self, timeout: float = 300.0) -> list[float]:
        self.done.set()
        self.thread.join(timeout)
        self.conn.close()
        if self.committed:
            raise TimeoutError(f"{len(self.committed)} rows never reached the Kanwil")
        return self.lags


def _counters(work: Callable[[int, int], None], branches: int, each: int) -> float:
    """``COUNTERS`` threads per branch, each doing ``each`` pieces of work; → wall seconds."""
    errors: list[BaseException] = []

    def counter(b: int, c: int) -> None:
        try:
            for j in range(each):
                work(b, (c * each + j))
        except BaseException as exc:  # reported after the join
            errors.append(exc)

    threads = [
        threading.Thread(target=counter, args=(b, c)) for b in range(branches) for c in range(COUNTERS)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - t0


def lag_under_load(kanwil: Any, server: Any, home: Path, each: int) -> tuple[list[float], list[float], float]:
    """Two branches (111, 112) on ``server``, four counters enrolling on each at once; every
    enrolment's lag from its commit to its member at the Kanwil. Then the floor: the same
    replication carrying one-row INSERTs from four connections per branch database."""
    import psycopg

    from app.bootstrap import open_app
    from app.services import auth, enrolment
    from app.services import branch as branch_service
    from app.services.region import setup
    from tests.conftest import OFFICER_PASSWORD, FakeClock
    from tests.day_fixtures import record_for

    codes = ("111", "112")  # not 101: the catch-up figure's slot on this server keeps that name
    for srv, name in ((kanwil, "load_k"), *((server, f"load_{c}") for c in codes)):
        with psycopg.connect(srv.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
    kctx = open_app(kanwil.url("load_k"), home=home / "900", clock=FakeClock(), counter="K").ctx
    setup.init_kanwil(kctx, code="900", name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    auth.create_first_supervisor(kctx, username="siti", full_name="Siti Kanwil", password=PASSWORD)
    ksup = auth.login(kctx, "siti", PASSWORD)
    sites = []
    for code in codes:
        ctx = open_app(
            server.url(f"load_{code}"), home=home / code, clock=FakeClock(), counter=f"L{code}"
        ).ctx
        branch_service.setup_branch(ctx, code=code, name=f"KC {code}", timezone="Asia/Jakarta")
        auth.create_first_supervisor(ctx, username="siti", full_name=f"Siti {code}", password=PASSWORD)
        sup = auth.login(ctx, "siti", PASSWORD)
        auth.add_officer(
            ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=sup
        )
        sites.append((ctx, auth.login(ctx, "budi", OFFICER_PASSWORD)))
        setup.add_branch(kctx, ksup, server.url(f"load_{code}"), regencies=())
    kinfo = kanwil.conninfo("load_k")
    with psycopg.connect(kinfo, autocommit=True) as k:
        deadline = time.monotonic() + 120
        while k.execute("SELECT count(*) FROM officer WHERE username = 'budi'").fetchone()[0] < 2:  # type: ignore[index]
            if time.monotonic() > deadline:
                raise TimeoutError("the branches never reached the Kanwil")
            time.sleep(0.05)

    arrivals = _Arrivals(kinfo, "SELECT number FROM member WHERE number = ANY(%s)")

    def enrol(b: int, i: int) -> None:
        ctx, officer = sites[b]
        out = enrolment.enrol_worker(ctx, officer, record_for(b * 5000 + i))
        assert out.status == "enrolled", out.errors
        arrivals.commit(out.number)

    wall = _counters(enrol, 2, each)
    lags = arrivals.finish()
    for ctx in (kctx, *(c for c, _o in sites)):
        ctx.engine.dispose()
    with psycopg.connect(kinfo, autocommit=True) as k:
        for code in codes:
            k.execute(f"ALTER SUBSCRIPTION loket_up_{code} DISABLE")
            k.execute(f"ALTER SUBSCRIPTION loket_up_{code} SET (slot_name = NONE)")
            k.execute(f"DROP SUBSCRIPTION loket_up_{code}")
    return lags, _bare_lag(kanwil, server, each), wall


def _bare_lag(kanwil: Any, server: Any, each: int) -> list[float]:
    import psycopg

    with psycopg.connect(kanwil.conninfo(), autocommit=True) as c:
        c.execute("CREATE DATABASE bare_load_k")
    k = psycopg.connect(kanwil.conninfo("bare_load_k"), autocommit=True)
    k.execute("CREATE TABLE row_up (id bigint PRIMARY KEY, payload text NOT NULL)")
    for b in (0, 1):
        with psycopg.connect(server.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE bare_load_{b}")
        with psycopg.connect(server.conninfo(f"bare_load_{b}"), autocommit=True) as c:
            c.execute("CREATE TABLE row_up (id bigint PRIMARY KEY, payload text NOT NULL)")
            c.execute("CREATE PUBLICATION bare_up FOR TABLE row_up")
        k.execute(
            f"CREATE SUBSCRIPTION bare_{b} CONNECTION '{server.conninfo(f'bare_load_{b}')}' PUBLICATION bare_up"
        )
    for b in (0, 1):  # both links running before the clock starts
        with psycopg.connect(server.conninfo(f"bare_load_{b}"), autocommit=True) as c:
            c.execute("INSERT INTO row_up VALUES (%s, 'x')", (-1 - b,))
    deadline = time.monotonic() + 60
    while k.execute("SELECT count(*) FROM row_up").fetchone()[0] < 2:  # type: ignore[index]
        if time.monotonic() > deadline:
            raise TimeoutError("bare replication never started")
        time.sleep(0.01)
    arrivals = _Arrivals(kanwil.conninfo("bare_load_k"), "SELECT id FROM row_up WHERE id = ANY(%s)")
    local = threading.local()

    def insert(b: int, i: int) -> None:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = psycopg.connect(server.conninfo(f"bare_load_{b}"), autocommit=True)
        key = b * 10**6 + i
        conn.execute("INSERT INTO row_up VALUES (%s, %s)", (key, "x" * 200))
        arrivals.commit(key)

    _counters(insert, 2, each)
    lags = arrivals.finish()
    for b in (0, 1):
        k.execute(f"ALTER SUBSCRIPTION bare_{b} DISABLE")
        k.execute(f"ALTER SUBSCRIPTION bare_{b} SET (slot_name = NONE)")
        k.execute(f"DROP SUBSCRIPTION bare_{b}")
    k.close()
    return lags


# ---- the Kanwil dashboard over many members --------------------------------------------------------
def _fill(conn: Any, branches: int, per_branch: int, now: dt.datetime) -> None:
    """``branches`` × ``per_branch`` members with one enrolment each, as replication leaves them at the
    Kanwil (rows in each branch's block), written as bulk SQL: the set-up is not what is timed."""
    codes = [101 + b for b in range(branches)]
    conn.execute("SET synchronous_commit = off")
    for code in codes:
        base = code * BLOCK
        conn.execute(
            "INSERT INTO branch (id, code, name, timezone, created_at) VALUES (%s, %s, %s, 'Asia/Jakarta', %s)",
            (base + 1, str(code), f"KC {code}", now),
        )
        conn.execute(
            "INSERT INTO officer (id, username, full_name, role, password_hash, active, failed_logins, created_at) "
            "VALUES (%s, 'budi', %s, 'officer', '!', true, 0, %s)",
            (base + 1, f"Budi {code}", now),
        )
        area = ",".join(REGENCIES[i] for i in range(len(REGENCIES)) if i % branches == code - 101)
        conn.execute(
            "INSERT INTO region_branch (code, name, timezone, regencies, added_at) VALUES (%s, %s, 'Asia/Jakarta', %s, %s)",
            (str(code), f"KC {code}", area, now),
        )
    # The tally's row trigger would count each bulk row one by one: off for the load, then the
    # tally is counted once from the rows, as ``region repair`` counts it (set-up, not timed).
    conn.execute("ALTER TABLE member DISABLE TRIGGER loket_kanwil_tally_m")
    for code in codes:
        fill_members(conn, code, per_branch, now, branch_id=code * BLOCK + 1, officer_id=code * BLOCK + 1)
    conn.execute("ALTER TABLE member ENABLE ALWAYS TRIGGER loket_kanwil_tally_m")
    conn.execute("SELECT 1 FROM member LIMIT 0")
    from app.db import kanwil_tally

    for sql in kanwil_tally.BACKFILL:
        conn.execute(sql)
    for table in ("member", "enrolment", "kanwil_member_tally", "kanwil_nik_twice"):
        conn.execute(f"VACUUM ANALYZE {table}")


def fill_members(
    conn: Any,
    code: int,
    n: int,
    now: dt.datetime,
    *,
    branch_id: int,
    officer_id: int,
    spread_s: int = 540 * 86400,
    deactivated: bool = True,
) -> None:
    """``n`` members of branch ``code`` (rows in its block) with one enrolment each, as bulk SQL (two
    statements, one transaction each): registered over the ``spread_s`` seconds before ``now``, one in
    fifty deactivated (``deactivated``), home regency spread over the province."""
    base = code * BLOCK
    regencies = "ARRAY[" + ",".join(f"'{r}'" for r in REGENCIES) + "]"
    channels = "ARRAY['LOKET','LOKET','DESA','PASAR','UKM','EVENT']"
    status = "CASE WHEN g %% 50 = 0 THEN 'DEACTIVATED' ELSE 'ACTIVE' END" if deactivated else "'ACTIVE'"
    conn.execute(
        f"""
        INSERT INTO member (id, number, branch_id, nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin,
                            nama_ibu, alamat, kode_wilayah, nik_district, record_status, created_at,
                            created_by_id)
        SELECT %(base)s + g, lpad((%(code)s::bigint * 100000000 + g)::text, 11, '0'), %(branch)s,
               '16' || lpad((%(code)s::bigint * 100000000 + g)::text, 14, '0'), 'PESERTA ' || g, 'PALEMBANG',
               date '1980-01-01' + (g %% 9000), CASE WHEN g %% 2 = 0 THEN 'L' ELSE 'P' END, 'IBU',
               'JL. PASAR ' || g, ({regencies})[1 + g %% {len(REGENCIES)}] || '.01.2001',
               ({regencies})[1 + (g / 7) %% {len(REGENCIES)}] || '.01', {status},
               %(now)s - make_interval(secs => (g * 7919) %% %(spread)s), %(officer)s
        FROM generate_series(1, %(n)s) g
        """,  # noqa: S608 - fixed text
        {"base": base, "code": code, "n": n, "now": now, "branch": branch_id, "officer": officer_id,
         "spread": spread_s},
    )  # fmt: skip
    conn.execute(
        f"""
        INSERT INTO enrolment (id, member_id, segment, occupation_code, programmes, income, funding_source,
                               channel, months_at_enrolment, enrolled_at, business_date, officer_id, counter,
                               mismatch_confirmed)
        SELECT m.id, m.id, CASE WHEN m.id %% 10 = 0 THEN 'PU' ELSE 'BPU' END, 'P001', 'JKK,JKM', 2000000,
               'MANDIRI', ({channels})[1 + m.id %% 6], 1, m.created_at,
               (m.created_at AT TIME ZONE 'Asia/Jakarta')::date, %(officer)s, 'L1', false
        FROM member m WHERE m.id > %(base)s AND m.id < %(base)s + {BLOCK}
        """,  # noqa: S608 - fixed text
        {"base": base, "officer": officer_id},
    )


def _fill_index(conn: Any, today: dt.date) -> None:
    """Every active member's status index row, as a refresh today would leave it (one in three
    protected), written as bulk SQL: the warm index the dashboard reads."""
    conn.execute(
        "INSERT INTO member_cover (member_id, status, covered, paid_through, arrears_months, as_of, recheck_on) "
        "SELECT id, CASE WHEN id %% 3 = 0 THEN 'AKTIF' ELSE 'BELUM_AKTIF' END, id %% 3 = 0, NULL, 0, %s, %s "
        "FROM member WHERE record_status = 'ACTIVE'",
        (today, today + dt.timedelta(days=30)),
    )
    conn.execute("VACUUM ANALYZE member_cover")
    conn.execute("VACUUM ANALYZE kanwil_member_tally")


def _floor_queries(conn: Any, month_start: dt.date, today: dt.date, *, pending: bool = False) -> None:
    """The dashboard's reads as bare SQL on the same tables: the tally grouped by regency and branch,
    this month's enrolments, the NIKs active twice; ``pending``: and the count of members the
    status index has no answer for (read only when some are missing)."""
    answered = "recheck_on > %(t)s AND as_of <= %(t)s"
    conn.execute(
        f"SELECT regency, branch, count(*), count(*) FILTER (WHERE covered AND {answered}), "  # noqa: S608
        f"count(*) FILTER (WHERE counted), count(*) FILTER (WHERE counted AND covered AND {answered}), "
        f"count(*) FILTER (WHERE {answered}) FROM kanwil_member_tally GROUP BY regency, branch",
        {"t": today},
    ).fetchall()
    conn.execute(
        "SELECT id / %s, channel, segment, occupation_code, count(*) FROM enrolment "
        "WHERE business_date BETWEEN %s AND %s GROUP BY 1, 2, 3, 4",
        (BLOCK, month_start, today),
    ).fetchall()
    conn.execute("SELECT count(*) FROM kanwil_nik_twice").fetchall()
    if pending:
        conn.execute(
            "SELECT count(*) FROM member m LEFT JOIN member_cover c ON c.member_id = m.id "
            "WHERE m.record_status = 'ACTIVE' AND EXISTS (SELECT 1 FROM enrolment e WHERE e.member_id = m.id) "
            "AND (c.member_id IS NULL OR NOT (c.recheck_on > %s AND c.as_of <= %s))",
            (today, today),
        ).fetchall()


def _question_bare(conn: Any, month_start: dt.date, today: dt.date, since: dt.datetime) -> None:
    """The dashboard's question asked of the replicated tables themselves, as bare SQL (what it read
    before the tally): every active member joined with his status index row and each regency's
    baseline, this month's enrolments, the active NIKs grouped."""
    baselines = ", ".join(["(%s, %s::timestamptz)"] * len(REGENCIES))
    conn.execute(
        "SELECT r, branch_id / %s, count(*), "  # noqa: S608 - the list is only %s
        "count(*) FILTER (WHERE c.covered AND c.recheck_on > %s AND c.as_of <= %s), "
        "count(*) FILTER (WHERE created_at >= b.at), "
        "count(*) FILTER (WHERE created_at >= b.at AND c.covered AND c.recheck_on > %s AND c.as_of <= %s), "
        "count(*) FILTER (WHERE c.recheck_on > %s AND c.as_of <= %s) "
        "FROM (SELECT coalesce(substr(kode_wilayah, 1, 5), substr(nik_district, 1, 5)) r, * FROM member) m "
        "LEFT JOIN member_cover c ON c.member_id = m.id "
        f"LEFT JOIN (VALUES {baselines}) b(regency, at) ON b.regency = m.r "
        "WHERE record_status = 'ACTIVE' GROUP BY 1, 2",
        (BLOCK, today, today, today, today, today, today, *(v for r in REGENCIES for v in (r, since))),
    ).fetchall()
    conn.execute(
        "SELECT id / %s, channel, segment, occupation_code, count(*) FROM enrolment "
        "WHERE business_date BETWEEN %s AND %s GROUP BY 1, 2, 3, 4",
        (BLOCK, month_start, today),
    ).fetchall()
    conn.execute(
        "SELECT count(*) FROM (SELECT nik FROM member WHERE record_status = 'ACTIVE' GROUP BY nik "
        "HAVING count(*) > 1) d"
    ).fetchall()


def kanwil_dashboard_at_scale(
    server: Any, home: Path, branches: int, per_branch: int, runs: int
) -> tuple[float, float, float, float, float]:
    """Median seconds of ``region.dashboard.kanwil_dashboard`` with the status index warm and its
    bare-SQL floor, with the index empty (it says how many are pending) and that floor, and the
    same question asked bare of the replicated tables (member ⋈ member_cover, no tally)."""
    import psycopg

    from app.bootstrap import open_app
    from app.services import auth, dashboard
    from app.services.region import dashboard as region_dashboard
    from app.services.region import setup
    from tests.conftest import FakeClock

    with psycopg.connect(server.conninfo(), autocommit=True) as c:
        c.execute("CREATE DATABASE scale_k")
    clock = FakeClock()
    kctx = open_app(server.url("scale_k"), home=home / "scale", clock=clock, counter="K").ctx
    setup.init_kanwil(kctx, code="900", name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    auth.create_first_supervisor(kctx, username="siti", full_name="Siti Kanwil", password=PASSWORD)
    ksup = auth.login(kctx, "siti", PASSWORD)
    baseline = dt.date(2026, 1, 1)
    for i, regency in enumerate(REGENCIES):
        dashboard.set_coverage_target(
            kctx, ksup, regency_code=regency, workers=150_000 + 10_000 * i, target_bp=5000, baseline_bp=3400,
            baseline_date=baseline,
        )  # fmt: skip
    now = clock()
    with psycopg.connect(server.conninfo("scale_k"), autocommit=True) as conn:
        _fill(conn, branches, per_branch, now)
        cold_board = region_dashboard.kanwil_dashboard(kctx, ksup)  # plans, caches
        held = sum(b.members for b in cold_board.branches)
        assert held == branches * (per_branch - per_branch // 50) == cold_board.pending, held
        conn.execute("VACUUM ANALYZE kanwil_member_tally")  # after the first call marked the baselines
        cold = []
        for _ in range(runs):
            t0 = time.perf_counter()
            region_dashboard.kanwil_dashboard(kctx, ksup)
            cold.append(time.perf_counter() - t0)
        _fill_index(conn, cold_board.today)
        board = region_dashboard.kanwil_dashboard(kctx, ksup)
        assert board.pending == 0 and sum(b.protected for b in board.branches) > 0
        timings = []
        for _ in range(runs):
            t0 = time.perf_counter()
            region_dashboard.kanwil_dashboard(kctx, ksup)
            timings.append(time.perf_counter() - t0)
        since = dt.datetime(2026, 1, 1, 17, tzinfo=dt.UTC)  # midnight WIB after the baseline date
        _floor_queries(conn, board.month_start, board.today)
        floors, cold_floors, question = [], [], []
        for _ in range(runs):  # interleaved: the same load on both
            t0 = time.perf_counter()
            _floor_queries(conn, board.month_start, board.today)
            floors.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            _question_bare(conn, board.month_start, board.today, since)
            question.append(time.perf_counter() - t0)
        conn.execute("DELETE FROM member_cover")  # empty, as before its first refresh
        conn.execute("VACUUM ANALYZE kanwil_member_tally")
        for _ in range(runs):
            t0 = time.perf_counter()
            _floor_queries(conn, board.month_start, board.today, pending=True)
            cold_floors.append(time.perf_counter() - t0)
    kctx.engine.dispose()
    return median(timings), median(floors), median(cold), median(cold_floors), median(question)


def fill_payments(conn: Any, code: int, *, officer_id: int | None = None, months: int | None = None) -> None:
    """One payment per member of branch ``code`` at its enrolment, of JKK and JKM from the enrolment
    month: ``months`` months each, else 1–12 (so today some are protected, some in arrears, some
    ended), as bulk SQL (two statements, one transaction each)."""
    base = code * BLOCK
    officer = base + 1 if officer_id is None else officer_id
    count = "1 + e.id %% 12" if months is None else str(int(months))
    conn.execute(
        f"""
        INSERT INTO payment (id, receipt_no, member_id, enrolment_id, method, schedule, first_month, last_month,
                             months_count, gross_total, discount_total, fine_total, credit_total, total, detail,
                             received_at, business_date, officer_id, counter, status)
        SELECT e.id, 'R' || e.id, e.member_id, e.id, 'cash', '',
               to_char(e.business_date, 'YYYYMM')::int,
               to_char(e.business_date + make_interval(months => ({count})::int - 1), 'YYYYMM')::int,
               {count}, 16800 * ({count}), 0, 0, 0, 16800 * ({count}), '{{}}',
               e.enrolled_at, e.business_date, %(officer)s, 'L1', 'PAID'
        FROM enrolment e WHERE e.id > %(base)s AND e.id < %(base)s + 1000000000000
        """,  # noqa: S608 - fixed text
        {"base": base, "officer": officer},
    )
    conn.execute(
        """
        INSERT INTO payment_month (id, payment_id, member_id, programme, month, amount, voided)
        SELECT %(first)s + row_number() OVER (), p.id, p.member_id, prog,
               to_char(p.business_date + make_interval(months => i), 'YYYYMM')::int,
               CASE prog WHEN 'JKK' THEN 10000 ELSE 6800 END, false
        FROM payment p CROSS JOIN LATERAL generate_series(0, p.months_count - 1) i
        CROSS JOIN (VALUES ('JKK'), ('JKM')) v(prog)
        WHERE p.id > %(base)s AND p.id < %(base)s + 1000000000000
        """,
        {"base": base, "first": base + 500_000_000_000},
    )
    conn.execute("VACUUM ANALYZE payment")
    conn.execute("VACUUM ANALYZE payment_month")


def kanwil_cold_refresh(server: Any, home: Path, per_branch: int) -> tuple[float, float, int]:
    """Seconds of ``dashboard.refresh_protection`` (the Kanwil's) on ``per_branch`` members with an empty
    status index (the Kanwil's first refresh), and its floor: reading the same facts and writing
    as many index rows as bare SQL. Returns (seconds, floor, members worked out)."""
    import psycopg

    from app.bootstrap import open_app
    from app.services import auth, dashboard
    from app.services.region import dashboard as region_dashboard
    from app.services.region import setup
    from tests.conftest import FakeClock

    with psycopg.connect(server.conninfo(), autocommit=True) as c:
        c.execute("CREATE DATABASE scale_c")
    clock = FakeClock()
    kctx = open_app(server.url("scale_c"), home=home / "scale_c", clock=clock, counter="K").ctx
    setup.init_kanwil(kctx, code="900", name="Kanwil Sumbagsel", timezone="Asia/Jakarta")
    auth.create_first_supervisor(kctx, username="siti", full_name="Siti Kanwil", password=PASSWORD)
    ksup = auth.login(kctx, "siti", PASSWORD)
    with psycopg.connect(server.conninfo("scale_c"), autocommit=True) as conn:
        _fill(conn, 1, per_branch, clock())
        fill_payments(conn, 101)
        t0 = time.perf_counter()
        done = dashboard.refresh_protection(kctx, ksup)
        seconds = time.perf_counter() - t0
        today = region_dashboard.kanwil_dashboard(kctx, ksup).today
        t0 = time.perf_counter()
        with conn.transaction():
            conn.execute(
                "SELECT m.*, e.* FROM member m JOIN enrolment e ON e.member_id = m.id WHERE m.record_status = 'ACTIVE'"
            ).fetchall()
            conn.execute(
                "SELECT pm.member_id, pm.programme, pm.month, pm.amount, p.receipt_no, p.business_date, p.method "
                "FROM payment_month pm JOIN payment p ON p.id = pm.payment_id WHERE NOT pm.voided"
            ).fetchall()
            conn.execute("CREATE TEMP TABLE bare_cover (LIKE member_cover) ON COMMIT DROP")
            conn.execute(
                "INSERT INTO bare_cover SELECT member_id, status, covered, paid_through, arrears_months, %s, "
                "recheck_on FROM member_cover",
                (today,),
            )
        floor = time.perf_counter() - t0
    kctx.engine.dispose()
    return seconds, floor, done


__all__ = ["kanwil_cold_refresh", "kanwil_dashboard_at_scale", "lag_under_load", "percentile"]
