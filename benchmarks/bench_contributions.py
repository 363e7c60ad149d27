"""Contributions: live quote, recording a payment, rendering a receipt — each beside a bare floor."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import tempfile
from pathlib import Path

from benchmarks.harness import Row, median, percentile, temp_home, time_calls


def _quote_rows() -> list[Row]:
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

    for _ in range(200):  # warm up
        quote(book, inp, Month(2026, 1), 12)
        bare()
    q = time_calls(lambda: quote(book, inp, Month(2026, 1), 12), 2000)
    r = time_calls(lambda: quote_record(book, reference, form, start=Month(2026, 1), months=12), 2000)
    floor = time_calls(bare, 2000)
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


def _payment_rows() -> list[Row]:
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
        for i in range(1, 201):
            rec = {
                "nik": f"161001450890{i:04d}",
                "nama": "Pekerja Uji",
                "tempat_lahir": "Palembang",
                "tanggal_lahir": "1990-08-05",
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
        it = iter(numbers)
        pay = time_calls(
            lambda: cs.pay(ctx, actor, next(it), months=3, method="cash", start=Month(2026, 4)), 150
        )
        book = cs.rate_book(ctx)
        load = time_calls(lambda: cs.rate_book(ctx), 200)
        status = time_calls(lambda: cs.member_cover(ctx, numbers[0]), 200)
        first = cs.payments_for_member(ctx, numbers[0])[0]
        a5 = time_calls(lambda: cs.receipt_pdf(ctx, first.id), 40)
        roll = time_calls(lambda: cs.receipt_pdf(ctx, first.id, paper="80mm"), 40)
        sponsor_numbers = numbers[150:200]
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

    raw = _raw_insert_floor()
    pdf_floor = _reportlab_floor()
    rows += [
        Row(
            "pay 3 months (quote, receipt no, audit), p50",
            median(pay),
            "ms",
            median(raw),
            "raw sqlite3 insert+commit",
        ),
        Row(
            "pay 3 months, p95",
            percentile(pay, 95),
            "ms",
            percentile(raw, 95),
            "raw sqlite3 insert+commit",
            "p95 < 100 ms",
            percentile(pay, 95) < 100,
        ),
        Row("rate_book(ctx) (page open / after load), p50", median(load), "ms"),
        Row("member_cover (status, arrears, next payment), p50", median(status), "ms"),
        Row("receipt PDF A5, p50", median(a5), "ms", median(pdf_floor), "ReportLab 1 page, TTF, 1 line"),
        Row("receipt PDF 80 mm, p50", median(roll), "ms", median(pdf_floor), "ReportLab 1 page, TTF, 1 line"),
        Row("sponsor batch, 50 members × 6 months", sponsor_ms, "ms"),
    ]
    return rows


def _raw_insert_floor() -> list[float]:
    with tempfile.TemporaryDirectory() as d:
        conn = sqlite3.connect(str(Path(d) / "floor.sqlite3"), isolation_level=None)
        conn.execute("pragma journal_mode=wal")
        conn.execute("pragma synchronous=full")
        conn.execute("create table t (id integer primary key, member integer, month integer, amount integer)")
        conn.execute("create unique index u on t (member, month)")
        counter = iter(range(10**6))

        def insert() -> None:
            i = next(counter)
            conn.execute("begin immediate")
            conn.execute("insert into t (member, month, amount) values (?, ?, ?)", (i, 202604, 16800))
            conn.execute("commit")

        out = time_calls(insert, 150)
        conn.close()
        return out


def _reportlab_floor() -> list[float]:
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

    return time_calls(one, 40)


def run() -> list[Row]:
    return _quote_rows() + _payment_rows()
