"""Contributions: live quote, recording a payment, rendering a receipt — each beside a bare floor."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import sqlite3
import time
from pathlib import Path

from benchmarks.harness import Row, median, percentile, temp_home, time_calls


def _quote_rows(n: int = 2000) -> list[Row]:
    from app.domain.contributions import quote, quote_record
    from app.domain.months import Month
    from app.domain.quote import QuoteInput
    from app.domain.rates import RateBook
    from app.infra.rates import shipped_rate_tables
    from app.infra.reference import load_reference

    book = RateBook.of(shipped_rate_tables())
    reference = load_reference()
    inp = QuoteInput("BPU", 1_234_567, ("JKK", "JKM", "JHT"), flags=frozenset({"transport"}))
    form = {"segmen": "BPU", "penghasilan": "1.234.567", "program": "JKK,JKM,JHT", "pekerjaan": "P053"}

    def bare() -> int:
        # The same 36 figures with plain integer arithmetic and no rules: the floor of any quote.
        total = 0
        for month in range(12):
            jkk, jkm, jht = (1_234_567 + 50) // 100, 6_800, (2 * 1_234_567 + 50) // 100
            if month < 15:
                jkk, jkm = jkk - (jkk + 1) // 2, jkm - (jkm + 1) // 2
            total += jkk + jkm + jht
        return total

    for _ in range(n // 10):  # warm up
        quote(book, inp, Month(2026, 1), 12)
        bare()
    q = time_calls(lambda: quote(book, inp, Month(2026, 1), 12), n)
    r = time_calls(lambda: quote_record(book, reference, form, start=Month(2026, 1), months=12), n)
    floor = time_calls(bare, n)
    return [
        Row("quote 12 months × 3 programmes, p50", median(q), "ms", median(floor), "plain int loop"),
        Row(
            "quote 12 months × 3 programmes, p95",
            percentile(q, 95),
            "ms",
            percentile(floor, 95),
            "plain int loop",
            "p95 < 10 ms",
            percentile(q, 95) < 10,
        ),
        Row(
            "live quote from form values, p95",
            percentile(r, 95),
            "ms",
            percentile(floor, 95),
            "plain int loop",
            "p95 < 10 ms",
            percentile(r, 95) < 10,
        ),
    ]


def _payment_rows(scale: int = 1) -> list[Row]:
    """``scale`` divides every count (--smoke: 10)."""
    from app.bootstrap import open_app
    from app.domain.months import Month
    from app.services import auth, branch, enrolment
    from app.services import contributions as cs

    password = "Kantor-Cabang-101!"
    rows: list[Row] = []
    with temp_home() as home:
        now = [dt.datetime(2026, 4, 6, 3, 0, tzinfo=dt.UTC)]
        opened = open_app(home=home, clock=lambda: now[0], counter="BENCH")
        ctx = opened.ctx
        branch.setup_branch(ctx, code="101", name="KCP Bench", timezone="Asia/Jakarta")
        auth.create_first_supervisor(ctx, username="siti", full_name="Siti", password=password)
        actor = auth.login(ctx, "siti", password)
        numbers = []
        for i in range(1, 210 // scale + 1):
            # Each worker born on another day: the likely-duplicate rule sees 200 different people.
            day, month = 1 + i % 28, 1 + i // 28 % 12
            rec = {
                "nik": f"161001{day + 40:02d}{month:02d}90{i:04d}",
                "nama": "Pekerja Uji",
                "tempat_lahir": "Palembang",
                "tanggal_lahir": f"1990-{month:02d}-{day:02d}",
                "jenis_kelamin": "P",
                "nama_ibu": "Ibu Uji",
                "alamat": "Jl. Uji",
                "pekerjaan": "P001",
                "segmen": "BPU",
                "penghasilan": 1_000_000,
                "program": "JKK,JKM,JHT",
                "bulan_bayar": 0,
            }
            out = enrolment.enrol_worker(ctx, actor, rec)
            assert out.number is not None
            numbers.append(out.number)
        # The floor pays the same members on its own copy of the same database (so neither finds
        # its page cache stale because the other wrote), in blocks taken in turn with ours, so a
        # shared machine that slows down during the run weighs on both alike.
        floor_db = _RawPayFloor(_copy_database(ctx, home), ctx.audit_key)
        pay_count = 150 // scale
        block = max(1, pay_count // 5)
        warm = numbers[200 // scale :]
        for number in warm[: max(1, 10 // scale)]:  # first calls compile statements, fill caches
            floor_db.pay(number)
            cs.pay(ctx, actor, number, months=3, method="cash", start=Month(2026, 4))
        pay: list[float] = []
        raw: list[float] = []
        for b in range(0, pay_count, block):
            chunk = numbers[b : min(b + block, pay_count)]
            raw.extend(floor_db.pay(number) for number in chunk)
            for number in chunk:
                t0 = time.perf_counter()
                cs.pay(ctx, actor, number, months=3, method="cash", start=Month(2026, 4))
                pay.append((time.perf_counter() - t0) * 1000)
        floor_db.close()
        book = cs.rate_book(ctx)
        load = time_calls(lambda: cs.rate_book(ctx), 200 // scale)
        status = time_calls(lambda: cs.member_cover(ctx, numbers[0]), 200 // scale)
        first = cs.payments_for_member(ctx, numbers[0])[0]
        a5 = time_calls(lambda: cs.receipt_pdf(ctx, first.id), 40 // scale)
        roll = time_calls(lambda: cs.receipt_pdf(ctx, first.id, paper="80mm"), 40 // scale)
        sponsor_numbers = numbers[150 // scale : 200 // scale]
        t0 = dt.datetime.now()
        cs.pay_sponsored(
            ctx,
            actor,
            sponsor="Pemkab Bench",
            numbers=sponsor_numbers,
            months=6,
            reference="SP2D",
            start=Month(2026, 4),
        )
        sponsor_ms = (dt.datetime.now() - t0).total_seconds() * 1000
        assert book.tables
        opened.ctx.engine.dispose()

    pdf_floor = _reportlab_floor(40 // scale)
    rows += [
        Row(
            "pay 3 months (quote, receipt no, audit), p50",
            median(pay),
            "ms",
            median(raw),
            "raw sqlite3, same rows + commit, p50",
        ),
        Row(
            "pay 3 months, p95",
            percentile(pay, 95),
            "ms",
            percentile(raw, 95),
            "raw sqlite3, same rows + commit, p95",
            "≤ 3× floor",
            percentile(pay, 95) <= 3 * percentile(raw, 95),
        ),
        Row("rate_book(ctx) (page open / after load), p50", median(load), "ms"),
        Row("member_cover (status, arrears, next payment), p50", median(status), "ms"),
        Row("receipt PDF A5, p50", median(a5), "ms", median(pdf_floor), "ReportLab 1 page, TTF, 1 line"),
        Row("receipt PDF 80 mm, p50", median(roll), "ms", median(pdf_floor), "ReportLab 1 page, TTF, 1 line"),
        Row(f"sponsor batch, {len(sponsor_numbers)} members × 6 months", sponsor_ms, "ms"),
    ]
    return rows


def _copy_database(ctx: object, home: Path) -> Path:
    """A copy of the benchmark's database (sqlite3's backup API: consistent while it is open)."""
    from app.services.context import ServiceContext

    assert isinstance(ctx, ServiceContext)
    source = Path(str(ctx.engine.url.database))
    target = home / "floor-copy.sqlite3"
    src, dst = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


class _RawPayFloor:
    """One 3-month payment in raw sqlite3 on the same schema, writing the same rows Loket writes: the
    member and its paid months read, the day's lock looked at, the receipt number taken, the payment
    and its 9 programme-months, the member's status row dropped, one chained and sealed audit event
    (HMAC-SHA256 as Loket's), then COMMIT under WAL + synchronous FULL. No rules, no ORM."""

    def __init__(self, database: Path, key: bytes) -> None:
        con = sqlite3.connect(str(database), isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            con.execute(f"PRAGMA {pragma}")
        self.con, self.key = con, key
        self.officer = con.execute("select id from officer limit 1").fetchone()[0]
        lines = [
            {"programme": c, "month": f"2026-{m:02d}", "amount": a, "base": 1_000_000, "rate": "1%"}
            for m in (4, 5, 6)
            for c, a in (("JKK", 10_000), ("JKM", 6_800), ("JHT", 20_000))
        ]
        self.detail = json.dumps({"lines": lines, "total": 110_400}, sort_keys=True, separators=(",", ":"))

    def pay(self, number: str) -> float:
        con = self.con
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        member = con.execute(
            "select id from member where number = ? order by record_status != 'ACTIVE', id desc limit 1",
            (number,),
        ).fetchone()[0]
        con.execute(
            "select id, segment, programmes, income from enrolment where member_id = ? order by id desc limit 1",
            (member,),
        ).fetchone()
        con.execute(
            "select pm.programme, pm.month, p.receipt_no from payment_month pm join payment p"
            " on p.id = pm.payment_id where pm.member_id = ? and pm.voided = 0",
            (member,),
        ).fetchall()
        con.execute(
            "select 1 from day_lock where business_date = '2026-04-06' and status = 'CLOSED'"
        ).fetchone()
        serial = con.execute(
            "update receipt_sequence set next_serial = next_serial + 1 where key = 'FLR-101-2026'"
            " returning next_serial"
        ).fetchone()
        if serial is None:
            con.execute("insert into receipt_sequence (key, next_serial) values ('FLR-101-2026', 2)")
            serial = (2,)
        receipt = f"FLR-101-2026-{serial[0] - 1:06d}"
        payment = con.execute(
            "insert into payment (receipt_no, member_id, method, schedule, first_month, last_month,"
            " months_count, gross_total, discount_total, fine_total, credit_total, total, detail,"
            " received_at, business_date, officer_id, counter, status) values (?, ?, 'cash', 'M', 202604,"
            " 202606, 3, 110400, 0, 0, 0, 110400, ?, '2026-04-06 03:00:00.000000', '2026-04-06', ?,"
            " 'BENCH', 'PAID')",
            (receipt, member, self.detail, self.officer),
        ).lastrowid
        con.executemany(
            "insert into payment_month (payment_id, member_id, programme, month, amount, voided)"
            " values (?, ?, ?, ?, ?, 0)",
            [
                (payment, member, c, m, a)
                for m in (202604, 202605, 202606)
                for c, a in (("JKK", 10_000), ("JKM", 6_800), ("JHT", 20_000))
            ],
        )
        con.execute("delete from member_cover where member_id = ?", (member,))
        seq, prev = con.execute(
            "update audit_head set last_seq = last_seq + 1 where id = 1 returning last_seq, last_hash"
        ).fetchone()
        details = '{"method":"cash","months":["2026-04","2026-05","2026-06"],"total":110400}'
        body = json.dumps(
            [
                seq,
                "2026-04-06T03:00:00.000000+00:00",
                "siti",
                "BENCH",
                "payment.record",
                "payment",
                receipt,
                member,
                hashlib.sha256(details.encode()).hexdigest(),
                prev,
            ]
        )
        digest = hmac.new(self.key, body.encode(), hashlib.sha256).hexdigest()
        con.execute(
            "insert into audit_event (seq, occurred_at, business_date, officer_id, actor, counter, action,"
            " entity, entity_id, member_id, details, prev_hash, hash) values (?, '2026-04-06 03:00:00.000000',"
            " '2026-04-06', ?, 'siti', 'BENCH', 'payment.record', 'payment', ?, ?, ?, ?, ?)",
            (seq, self.officer, receipt, member, details, prev, digest),
        )
        con.execute("update audit_head set last_hash = ? where id = 1", (digest,))
        seal = hmac.new(self.key, json.dumps(["audit-head", seq, digest]).encode(), hashlib.sha256)
        con.execute("update audit_seal set mac = ? where id = 1", (seal.hexdigest(),))
        con.execute("COMMIT")
        return (time.perf_counter() - t0) * 1000

    def close(self) -> None:
        self.con.close()


def _reportlab_floor(n: int = 40) -> list[float]:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from app.infra.paths import resources_dir

    pdfmetrics.registerFont(TTFont("FloorSans", str(resources_dir() / "fonts" / "DejaVuSans.ttf")))

    def one() -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A5)
        c.setFont("FloorSans", 10)
        c.drawString(40, 500, "TANDA BUKTI PENERIMAAN IURAN Rp16.800")
        c.showPage()
        c.save()
        return buf.getvalue()

    return time_calls(one, n)


def run(smoke: bool = False) -> list[Row]:
    if smoke:
        return _quote_rows(100) + _payment_rows(scale=10)
    return _quote_rows() + _payment_rows()
