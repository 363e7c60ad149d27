"""End of day: a day of 2,000 enrolments and 2,000 payments — the summary PDF beside a bare
ReportLab table of the same rows, measured in the same run (target: at most 1.5× the bare table)."""

from __future__ import annotations

import datetime as dt
import io
import time

from benchmarks.harness import BENCH_PASSWORD, Row, median, temp_home

ROWS = 2_000
FIRST = ["Siti", "Ahmad", "Dewi", "Rudi", "Nur", "Bambang", "Agus", "Rina", "Joko", "Sri", "Yusuf", "Lestari"]
LAST = ["Aminah", "Fauzi", "Lestari", "Hartono", "Aisyah", "Sutrisno", "Salim", "Marlina", "Saputra", "Wahyuni",
        "Kurniawan", "Pratama", "Rahmawati", "Siregar", "Nasution", "Simanjuntak", "Hasibuan", "Lubis"]  # fmt: skip


class _Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _day(home: object) -> tuple[object, object]:
    """A branch whose 23 November 2026 holds ROWS enrolments, each with its payment, 07:30–16:30 WIB."""
    from app.bootstrap import open_app
    from app.services import auth, branch, enrolment
    from app.services import contributions as cs

    clock = _Clock(dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.UTC))
    opened = open_app(home=str(home), clock=clock, counter="BENCH")
    ctx = opened.ctx
    branch.setup_branch(ctx, code="101", name="KC Palembang", timezone="Asia/Jakarta")
    auth.create_first_supervisor(ctx, username="bench", full_name="Bangku Panjang", password=BENCH_PASSWORD)
    actor = auth.login(ctx, "bench", BENCH_PASSWORD)
    occupations = ["P001", "P002", "P003", "P010", "P020", "P030", "P041", "P053"]
    channels = ["LOKET", "LOKET", "DESA", "PASAR", "UKM", "EVENT"]
    villages = ["16.10.01.2005", "16.71.01.1001", None]
    step = dt.timedelta(seconds=9 * 3600 / ROWS)
    for i in range(ROWS):
        clock.now += step
        day = 1 + i % 28
        rec = {
            "nik": f"161001{40 + day:02d}0890{i + 1:04d}",
            "nama": f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}",
            "tempat_lahir": "Palembang",
            "tanggal_lahir": f"1990-08-{day:02d}",
            "jenis_kelamin": "P",
            "nama_ibu": "Fatimah",
            "alamat": "Jl. Merdeka No. 1",
            "kode_wilayah": villages[i % 3],
            "pekerjaan": occupations[i % len(occupations)],
            "segmen": "BPU",
            "penghasilan": 1_000_000,
            "program": "JKK,JKM",
            "kanal": channels[i % len(channels)],
        }
        out = enrolment.enrol_worker(ctx, actor, rec)
        assert out.status == "enrolled", out.errors
        assert out.number is not None
        cs.record_enrolment_payment(ctx, actor, out.number)
    return opened, actor


def _bare_table(rows: list[list[str]], chunk: int | None = None) -> bytes:
    """The floor: the same rows as one plain ReportLab table in a plain A4 document (or, with
    ``chunk``, as plain tables of that many rows: how the summary lays out its list)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from app.pdf import fonts

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    style = TableStyle([("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 7.2)])
    size = chunk or len(rows)
    tables = []
    for start in range(1, len(rows), size):
        t = Table([rows[0], *rows[start : start + size]], repeatRows=1)
        t.setStyle(style)
        tables.append(t)
    doc.build(tables)
    return buf.getvalue()


def run() -> list[Row]:
    from app.domain.day_summary import long_date
    from app.pdf.day_summary import enrolment_list_rows, render_day_summary
    from app.services import day

    with temp_home("loket-bench-day-") as home:
        t0 = time.perf_counter()
        opened, actor = _day(home)
        build_s = time.perf_counter() - t0
        ctx = opened.ctx  # type: ignore[attr-defined]
        date = dt.date(2026, 11, 23)
        gather = []
        for _ in range(3):
            t = time.perf_counter()
            summary = day.day_summary(ctx, actor, date, verify_chain=False)  # type: ignore[arg-type]
            gather.append((time.perf_counter() - t) * 1000)
        assert summary.figures.enrolment_count == ROWS and summary.figures.received_count == ROWS
        day.ensure_fonts()
        rows = [["No", "Jam", "Nomor", "Nama", "NIK", "Seg", "Pekerjaan", "Kanal", "Kab/kota", "Petugas"]]
        rows += enrolment_list_rows(summary)
        render_day_summary(summary)  # warm up both (font subsets, imports)
        _bare_table(rows)
        ours, bare, chunked = [], [], []
        for _ in range(5):
            t = time.perf_counter()
            pdf = render_day_summary(summary)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            _bare_table(rows)
            bare.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            _bare_table(rows, chunk=100)
            chunked.append((time.perf_counter() - t) * 1000)
        ratio = median(ours) / median(bare)
        ctx.engine.dispose()
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    return [
        Row(
            f"day summary data, {ROWS} enrolments + {ROWS} payments ({long_date(date)})", median(gather), "ms"
        ),
        Row(
            f"day summary PDF ({pages} pages, {ROWS} rows listed)",
            median(ours),
            "ms",
            median(bare),
            f"bare ReportLab table, {ROWS} rows",
            "≤ 1.5× floor",
            ratio <= 1.5,
        ),
        Row(
            "day summary PDF, against 100-row bare tables",
            median(ours),
            "ms",
            median(chunked),
            f"bare ReportLab, {ROWS} rows in 100-row tables",
        ),
        Row("building the benchmark day (enrol + pay)", build_s, "s"),
    ]
