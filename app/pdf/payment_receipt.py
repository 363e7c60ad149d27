"""Receipts (tanda bukti penerimaan iuran): one payment, or one sponsor's batch, on A5 or an 80 mm roll.

The renderers take already-formatted data (the service does the time zone and labels) and return
PDF bytes. Amounts are integer rupiah. The NIK arrives masked; nothing here can print it whole.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A5 as _A5
from reportlab.lib.units import mm as _mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.domain.money import format_rupiah
from app.domain.terbilang import terbilang

mm: float = _mm
A5: tuple[float, float] = _A5
TITLE = "TANDA BUKTI PENERIMAAN IURAN"
SPONSOR_TITLE = "TANDA BUKTI PENERIMAAN IURAN KOLEKTIF"
PROGRAMME_NAME = "Jaminan Sosial Ketenagakerjaan"
GREEN = HexColor("#0E7A4B")
GREEN_DARK = HexColor("#0A5C38")
GREEN_LIGHT = HexColor("#E6F3EC")
INK = HexColor("#1C2630")
GREY = HexColor("#5B6670")
RULE = HexColor("#C9D3CE")
RED = HexColor("#B3261E")
ROLL_WIDTH = 80 * mm

F_REG, F_BOLD, F_COND, F_COND_BOLD = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSansCondensed",
    "DejaVuSansCondensed-Bold",
)


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    programme: str
    label: str
    base: int | None  # None: the base differs between months (e.g. a new JP cap)
    rate: str
    months: int
    gross: int
    discount: int
    amount: int


@dataclass(frozen=True, slots=True)
class ReceiptData:
    receipt_no: str
    branch: str
    issued_at: str  # local date and time with zone: "23-11-2026 10:00 WIB"
    officer: str
    counter: str
    member_number: str
    member_name: str
    nik_masked: str
    segment: str
    programmes: str
    period: str
    months_count: int
    schedule: str
    method: str
    reference: str | None
    lines: tuple[ReceiptLine, ...]
    gross_total: int
    discount_total: int
    total: int
    discount_labels: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    void: str | None = None  # "DIBATALKAN … oleh …: alasan"
    sponsor: str | None = None
    fine_total: int = 0  # PU late fine collected with the arrears
    fine_note: str | None = None  # "Denda keterlambatan 2% per bulan: Jan 2027 (2 bulan), …"
    credit: int = 0  # an earlier overpayment set against this payment (PP 50/2025 art. 6)
    cover: str | None = None  # the member's protection after this payment: "Dilindungi s.d. …"
    copy: str | None = None  # "SALINAN, dicetak ulang 07-12-2026 10:00" on a reprint
    cash_received: int | None = None  # cash handed over; the change is printed under the total


@dataclass(frozen=True, slots=True)
class SponsorMemberLine:
    number: str
    name: str
    nik_masked: str
    receipt_no: str
    total: int
    voided: bool = False


@dataclass(frozen=True, slots=True)
class SponsorReceiptData:
    receipt_no: str
    branch: str
    issued_at: str
    officer: str
    counter: str
    sponsor: str
    method: str
    reference: str | None
    period: str
    months_count: int
    members: tuple[SponsorMemberLine, ...]
    total: int


@lru_cache(maxsize=4)
def register_fonts(folder: Path) -> None:
    """Once per process and folder (ReportLab keeps a global registry)."""
    for name in (F_REG, F_BOLD, F_COND, F_COND_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten with an ellipsis so it fits ``width``."""
    if _width(text, font, size) <= width:
        return text
    while text and _width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _mark(c: Canvas, x: float, y: float, size: float) -> None:
    """Loket's own programme mark (no agency logo): a green tile with a rising path and a shield dot."""
    c.saveState()
    c.setFillColor(GREEN)
    c.roundRect(x, y, size, size, size * 0.22, stroke=0, fill=1)
    c.setStrokeColor(white)
    c.setLineWidth(size * 0.09)
    c.setLineCap(1)
    c.setLineJoin(1)
    p = c.beginPath()
    p.moveTo(x + size * 0.2, y + size * 0.32)
    p.lineTo(x + size * 0.42, y + size * 0.52)
    p.lineTo(x + size * 0.56, y + size * 0.40)
    p.lineTo(x + size * 0.8, y + size * 0.68)
    c.drawPath(p, stroke=1, fill=0)
    c.setFillColor(white)
    c.circle(x + size * 0.8, y + size * 0.68, size * 0.08, stroke=0, fill=1)
    c.restoreState()


def _qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The receipt number as a QR code drawn with vector squares (crisp on thermal printers)."""
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=2)
    q.add_data(text)
    q.make(fit=True)
    matrix = q.get_matrix()
    n = len(matrix)
    cell = size / n
    c.saveState()
    c.setFillColor(INK)
    for r, row in enumerate(matrix):
        run_start = None
        for col in range(n + 1):
            on = col < n and row[col]
            if on and run_start is None:
                run_start = col
            elif not on and run_start is not None:
                c.rect(
                    x + run_start * cell,
                    y + size - (r + 1) * cell,
                    (col - run_start) * cell,
                    cell,
                    stroke=0,
                    fill=1,
                )
                run_start = None
    c.restoreState()


def _void_stamp(c: Canvas, cx: float, cy: float, size: float) -> None:
    c.saveState()
    c.translate(cx, cy)
    c.rotate(28)
    c.setFillColor(Color(RED.red, RED.green, RED.blue, alpha=0.16))
    c.setStrokeColor(Color(RED.red, RED.green, RED.blue, alpha=0.5))
    c.setFont(F_BOLD, size)
    w = _width("DIBATALKAN", F_BOLD, size)
    c.drawCentredString(0, -size * 0.35, "DIBATALKAN")
    c.setLineWidth(2)
    c.roundRect(-w / 2 - 8, -size * 0.6, w + 16, size * 1.15, 6, stroke=1, fill=0)
    c.restoreState()


def _pdf_bytes(draw: Callable[[Canvas], None], pagesize: tuple[float, float], title: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize, pageCompression=1, invariant=1)
    c.setTitle(title)
    c.setAuthor("Loket")
    c.setSubject(TITLE.title())
    draw(c)
    c.save()
    return buf.getvalue()


# --- A5 -----------------------------------------------------------------------------------------------


def _a5_header(c: Canvas, title: str, branch: str, receipt_no: str, issued_at: str) -> float:
    width, height = A5
    m = 12 * mm
    top = height - m
    _mark(c, m, top - 13 * mm, 13 * mm)
    c.setFillColor(GREEN_DARK)
    size = 12.5
    while size > 9 and _width(title, F_BOLD, size) > width - 2 * m - 16 * mm:
        size -= 0.5
    c.setFont(F_BOLD, size)
    c.drawString(m + 16 * mm, top - 5.2 * mm, title)
    c.setFillColor(GREY)
    c.setFont(F_REG, 8.5)
    c.drawString(m + 16 * mm, top - 9.6 * mm, f"{PROGRAMME_NAME} · {branch}")
    c.setFont(F_REG, 8)
    c.drawString(m + 16 * mm, top - 13 * mm, "Loket pendaftaran dan pembayaran iuran peserta")
    y = top - 18 * mm
    # Receipt number and time in a band under the title.
    c.setFillColor(GREEN_LIGHT)
    c.roundRect(m, y - 9 * mm, width - 2 * m, 9 * mm, 2 * mm, stroke=0, fill=1)
    c.setFillColor(GREY)
    c.setFont(F_REG, 7.5)
    c.drawString(m + 3 * mm, y - 3.6 * mm, "Nomor tanda bukti")
    c.drawRightString(width - m - 3 * mm, y - 3.6 * mm, "Tanggal dan jam")
    c.setFillColor(INK)
    c.setFont(F_BOLD, 10)
    c.drawString(m + 3 * mm, y - 7.4 * mm, receipt_no)
    c.drawRightString(width - m - 3 * mm, y - 7.4 * mm, issued_at)
    return y - 13 * mm


def _a5_fields(c: Canvas, y: float, pairs: list[tuple[str, str]], *, columns: int = 2) -> float:
    width, _ = A5
    m = 12 * mm
    col_w = (width - 2 * m) / columns
    rows = (len(pairs) + columns - 1) // columns
    for i, (label, value) in enumerate(pairs):
        col, row = divmod(i, rows)
        x = m + col * col_w
        yy = y - row * 8.6 * mm
        c.setFillColor(GREY)
        c.setFont(F_REG, 7)
        c.drawString(x, yy, label.upper())
        c.setFillColor(INK)
        font = F_BOLD if label in ("Nama", "Nomor peserta") else F_REG
        c.setFont(font, 9.5)
        c.drawString(x, yy - 4.2 * mm, _fit(value, font, 9.5, col_w - 3 * mm))
    return y - rows * 8.6 * mm - 1 * mm


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` to ``width``; the last allowed line ends in … when text remains."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if _width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word if _width(word, font, size) <= width else _fit(word, font, size, width)
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _fit(" ".join(lines[max_lines - 1 :]), font, size, width)]
    return lines


def _a5_wide_field(c: Canvas, y: float, label: str, value: str) -> float:
    """A label and a value across the whole width, wrapped (sponsor names can be long)."""
    width, _ = A5
    m = 12 * mm
    c.setFillColor(GREY)
    c.setFont(F_REG, 7)
    c.drawString(m, y, label.upper())
    c.setFillColor(INK)
    c.setFont(F_BOLD, 9.5)
    lines = _wrap(value, F_BOLD, 9.5, width - 2 * m, 3)
    for i, line in enumerate(lines):
        c.drawString(m, y - 4.2 * mm - i * 4.2 * mm, line)
    return y - (len(lines) + 1) * 4.2 * mm - 1.5 * mm


def _rule(c: Canvas, x1: float, x2: float, y: float, color: Color = RULE, width: float = 0.6) -> None:
    c.setStrokeColor(color)
    c.setLineWidth(width)
    c.line(x1, y, x2, y)


def _a5_footer(c: Canvas, officer: str, counter: str, receipt_no: str, page: str = "") -> None:
    width, _ = A5
    m = 12 * mm
    y = 13 * mm
    _rule(c, m, width - m, y + 19 * mm)
    _qr(c, receipt_no, width - m - 17 * mm, y, 17 * mm)
    c.setFillColor(GREY)
    c.setFont(F_REG, 7.5)
    c.drawString(m, y + 14.5 * mm, "Petugas loket")
    c.setFillColor(INK)
    c.setFont(F_BOLD, 9)
    c.drawString(m, y + 6 * mm, officer)
    _rule(c, m, m + 60 * mm, y + 4.5 * mm, GREY, 0.5)
    c.setFillColor(GREY)
    c.setFont(F_REG, 7)
    c.drawString(m, y + 1.2 * mm, f"Loket: {counter}")
    c.setFont(F_REG, 6.5)
    c.drawString(
        m, y - 4 * mm, "Simpan tanda bukti ini. Dicetak oleh Loket; bukti sah tanpa tanda tangan basah."
    )
    if page:
        c.drawRightString(width - m, y - 4 * mm, page)


def _a5_payment(c: Canvas, r: ReceiptData) -> None:
    width, height = A5
    m = 12 * mm
    y = _a5_header(c, TITLE, r.branch, r.receipt_no, r.issued_at)
    if r.copy:
        c.setFillColor(INK)
        c.setFont(F_BOLD, 8)
        c.drawString(m, y + 1 * mm, _fit(r.copy, F_BOLD, 8, width - 2 * m))
        y -= 3 * mm
    if r.void:
        c.setFillColor(RED)
        c.setFont(F_BOLD, 8)
        c.drawString(m, y + 1 * mm, _fit(r.void, F_BOLD, 8, width - 2 * m))
        y -= 3 * mm
    fields = [
        ("Nomor peserta", r.member_number),
        ("Nama", r.member_name),
        ("NIK", r.nik_masked),
        ("Segmen · program", f"{r.segment} · {r.programmes}"),
        ("Periode iuran", f"{r.period} ({r.months_count} bulan)"),
        ("Perlindungan", r.cover or "-"),
        ("Jadwal", r.schedule),
        ("Cara bayar", r.method),
        ("Referensi", r.reference or "-"),
    ]
    if r.sponsor:
        fields.append(("Dibayar oleh", r.sponsor))
    y = _a5_fields(c, y, fields)

    # Line items: one row per programme over the period.
    cols = [
        ("Program", m, "l"),
        ("Dasar", m + 40 * mm, "r"),
        ("Tarif", m + 53 * mm, "r"),
        ("Bln", m + 61 * mm, "r"),
        ("Iuran", m + 82 * mm, "r"),
        ("Potongan", m + 101 * mm, "r"),
        ("Jumlah", width - m, "r"),
    ]
    y -= 2 * mm
    c.setFillColor(GREEN)
    c.rect(m, y - 6 * mm, width - 2 * m, 6 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(F_BOLD, 7.5)
    for label, x, align in cols:
        tx = x + (1.5 * mm if align == "l" else -1.5 * mm)
        (c.drawString if align == "l" else c.drawRightString)(tx, y - 4.1 * mm, label)
    y -= 6 * mm
    for i, ln in enumerate(r.lines):
        row_h = 8.6 * mm
        if i % 2 == 1:
            c.setFillColor(HexColor("#F5F8F6"))
            c.rect(m, y - row_h, width - 2 * m, row_h, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(F_BOLD, 8.5)
        c.drawString(m + 1.5 * mm, y - 4 * mm, ln.programme)
        c.setFillColor(GREY)
        c.setFont(F_COND, 6.8)
        c.drawString(m + 1.5 * mm, y - 7.2 * mm, _fit(ln.label, F_COND, 6.8, 38 * mm))
        c.setFillColor(INK)
        c.setFont(F_COND, 8)
        values = [
            "beragam" if ln.base is None else (format_rupiah(ln.base) if ln.base else "-"),
            ln.rate,
            str(ln.months),
            format_rupiah(ln.gross),
            f"-{format_rupiah(ln.discount)}" if ln.discount else "-",
        ]
        for (_, x, _), v in zip(cols[1:6], values, strict=True):
            c.drawRightString(x - 1.5 * mm, y - 4 * mm, v)
        c.setFont(F_COND_BOLD, 8.5)
        c.drawRightString(width - m - 1.5 * mm, y - 4 * mm, format_rupiah(ln.amount))
        y -= row_h
    _rule(c, m, width - m, y, GREEN, 0.8)

    # Totals, right-aligned under the table.
    y -= 5 * mm
    label_x = width - m - 45 * mm
    c.setFont(F_REG, 8.5)
    c.setFillColor(INK)
    c.drawRightString(label_x, y, "Jumlah iuran")
    c.drawRightString(width - m - 1.5 * mm, y, format_rupiah(r.gross_total))
    if r.discount_total:
        y -= 4.8 * mm
        c.drawRightString(label_x, y, "Potongan iuran")
        c.setFillColor(GREEN_DARK)
        c.drawRightString(width - m - 1.5 * mm, y, f"-{format_rupiah(r.discount_total)}")
        c.setFillColor(INK)
    if r.fine_total:
        y -= 4.8 * mm
        c.drawRightString(label_x, y, "Denda keterlambatan")
        c.drawRightString(width - m - 1.5 * mm, y, format_rupiah(r.fine_total))
    if r.credit:
        y -= 4.8 * mm
        c.drawRightString(label_x, y, "Kredit kelebihan bayar")
        c.setFillColor(GREEN_DARK)
        c.drawRightString(width - m - 1.5 * mm, y, f"-{format_rupiah(r.credit)}")
    y -= 4 * mm
    c.setFillColor(GREEN_DARK)
    c.roundRect(width - m - 80 * mm, y - 10 * mm, 80 * mm, 10 * mm, 2 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(F_BOLD, 9)
    c.drawString(width - m - 77 * mm, y - 6.3 * mm, "TOTAL DIBAYAR")
    c.setFont(F_BOLD, 13)
    c.drawRightString(width - m - 3 * mm, y - 6.8 * mm, format_rupiah(r.total))
    y -= 14.5 * mm
    if r.cash_received is not None:
        c.setFillColor(INK)
        c.setFont(F_REG, 8.5)
        c.drawRightString(label_x, y, "Uang diterima (tunai)")
        c.drawRightString(width - m - 1.5 * mm, y, format_rupiah(r.cash_received))
        y -= 4.6 * mm
        c.drawRightString(label_x, y, "Kembalian")
        c.setFont(F_BOLD, 8.5)
        c.drawRightString(width - m - 1.5 * mm, y, format_rupiah(r.cash_received - r.total))
        y -= 6 * mm
    c.setFillColor(INK)
    c.setFont(F_REG, 7.5)
    for part in simpleSplit(f"Terbilang: {terbilang(r.total)}", F_REG, 7.5, width - 2 * m):
        c.drawString(m, y, part)
        y -= 3.6 * mm
    y -= 1.5 * mm
    notes = (
        [f"{label}." for label in r.discount_labels] + ([r.fine_note] if r.fine_note else []) + list(r.notes)
    )
    c.setFillColor(GREY)
    c.setFont(F_REG, 6.6)
    for note in notes:
        for part in simpleSplit(f"• {note}", F_REG, 6.6, width - 2 * m):
            if y < 34 * mm:
                break
            c.drawString(m, y, part)
            y -= 3.1 * mm
    if r.void:
        _void_stamp(c, width / 2, height / 2 - 10 * mm, 40)
    _a5_footer(c, r.officer, r.counter, r.receipt_no)


def _a5_sponsor(c: Canvas, r: SponsorReceiptData) -> None:
    width, _ = A5
    m = 12 * mm
    row_h = 6.2 * mm
    per_first, per_next = 14, 20
    chunks: list[tuple[SponsorMemberLine, ...]] = [r.members[:per_first]]
    rest = r.members[per_first:]
    while rest:
        chunks.append(rest[:per_next])
        rest = rest[per_next:]
    number = 0
    for page_no, chunk in enumerate(chunks, start=1):
        y = _a5_header(c, SPONSOR_TITLE, r.branch, r.receipt_no, r.issued_at)
        if page_no == 1:
            y = _a5_wide_field(c, y, "Diterima dari", r.sponsor)
            y = _a5_fields(
                c,
                y,
                [
                    ("Cara bayar", r.method),
                    ("Referensi", r.reference or "-"),
                    ("Periode iuran", f"{r.period} ({r.months_count} bulan)"),
                    ("Jumlah peserta", str(sum(1 for x in r.members if not x.voided))),
                    ("Total", format_rupiah(r.total)),
                ],
            )
        cols = [("No", m + 8 * mm, "r"), ("Nomor peserta", m + 10 * mm, "l"), ("Nama", m + 36 * mm, "l"),
                ("NIK", m + 80 * mm, "l"), ("Iuran", width - m, "r")]  # fmt: skip
        c.setFillColor(GREEN)
        c.rect(m, y - 6 * mm, width - 2 * m, 6 * mm, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(F_BOLD, 7.5)
        for label, x, align in cols:
            (c.drawString if align == "l" else c.drawRightString)(
                x - (1.5 * mm if align == "r" else 0), y - 4.1 * mm, label
            )
        y -= 6 * mm
        for line in chunk:
            number += 1
            if number % 2 == 0:
                c.setFillColor(HexColor("#F5F8F6"))
                c.rect(m, y - row_h, width - 2 * m, row_h, stroke=0, fill=1)
            c.setFillColor(GREY if line.voided else INK)
            c.setFont(F_COND, 8)
            base = y - 4.2 * mm
            c.drawRightString(m + 6.5 * mm, base, str(number))
            c.drawString(m + 10 * mm, base, line.number)
            c.drawString(m + 36 * mm, base, _fit(line.name, F_COND, 8, 43 * mm))
            c.drawString(m + 80 * mm, base, line.nik_masked)
            c.drawRightString(
                width - m - 1.5 * mm, base, "BATAL" if line.voided else format_rupiah(line.total)
            )
            y -= row_h
        _rule(c, m, width - m, y, GREEN, 0.8)
        if page_no == len(chunks):
            y -= 4 * mm
            c.setFillColor(GREEN_DARK)
            c.roundRect(width - m - 80 * mm, y - 10 * mm, 80 * mm, 10 * mm, 2 * mm, stroke=0, fill=1)
            c.setFillColor(white)
            c.setFont(F_BOLD, 9)
            c.drawString(width - m - 77 * mm, y - 6.3 * mm, "TOTAL DITERIMA")
            c.setFont(F_BOLD, 13)
            c.drawRightString(width - m - 3 * mm, y - 6.8 * mm, format_rupiah(r.total))
            y -= 14.5 * mm
            c.setFillColor(INK)
            c.setFont(F_REG, 7.5)
            for part in simpleSplit(f"Terbilang: {terbilang(r.total)}", F_REG, 7.5, width - 2 * m):
                c.drawString(m, y, part)
                y -= 3.6 * mm
            c.setFillColor(GREY)
            c.setFont(F_REG, 6.6)
            c.drawString(
                m,
                y - 1 * mm,
                f"Tanda bukti per peserta: {r.receipt_no}/0001 dan seterusnya, menurut nomor urut.",
            )
        _a5_footer(c, r.officer, r.counter, r.receipt_no, f"Halaman {page_no} dari {len(chunks)}")
        c.showPage()


# --- 80 mm roll ------------------------------------------------------------------------------------


class _Roll:
    """A thermal-roll layout: measured first, then drawn on one page exactly as tall as needed."""

    margin = 4 * mm

    def __init__(self) -> None:
        self.ops: list[tuple[float, Callable[[Canvas, float], None]]] = []
        self.inner = ROLL_WIDTH - 2 * self.margin

    def add(self, height: float, fn: Callable[[Canvas, float], None]) -> None:
        self.ops.append((height, fn))

    def gap(self, height: float) -> None:
        self.add(height, lambda c, y: None)

    def text(
        self,
        text: str,
        *,
        font: str = F_COND,
        size: float = 8,
        align: str = "l",
        color: Color = INK,
        indent: float = 0,
    ) -> None:
        for part in simpleSplit(text, font, size, self.inner - indent) or [""]:
            self.add(size * 1.32, self._draw_text(part, font, size, align, color, indent))

    def _draw_text(
        self, part: str, font: str, size: float, align: str, color: Color, indent: float
    ) -> Callable[[Canvas, float], None]:
        x0, x1 = self.margin + indent, ROLL_WIDTH - self.margin

        def draw(c: Canvas, y: float) -> None:
            c.setFillColor(color)
            c.setFont(font, size)
            base = y - size
            if align == "c":
                c.drawCentredString(ROLL_WIDTH / 2, base, part)
            elif align == "r":
                c.drawRightString(x1, base, part)
            else:
                c.drawString(x0, base, part)

        return draw

    def pair(self, left: str, right: str, *, font: str = F_COND, size: float = 8, color: Color = INK) -> None:
        right_w = _width(right, font, size)
        left = _fit(left, font, size, self.inner - right_w - 2 * mm)
        x0, x1 = self.margin, ROLL_WIDTH - self.margin

        def draw(c: Canvas, y: float) -> None:
            c.setFillColor(color)
            c.setFont(font, size)
            c.drawString(x0, y - size, left)
            c.drawRightString(x1, y - size, right)

        self.add(size * 1.32, draw)

    def rule(self, dashed: bool = True) -> None:
        def draw(c: Canvas, y: float) -> None:
            c.setStrokeColor(INK)
            c.setLineWidth(0.5)
            if dashed:
                c.setDash(1.5, 1.5)
            c.line(self.margin, y - 1.5 * mm, ROLL_WIDTH - self.margin, y - 1.5 * mm)
            c.setDash()

        self.add(3 * mm, draw)

    def render(self, title: str, extra: Callable[[Canvas, float], None] | None = None) -> bytes:
        height = sum(h for h, _ in self.ops) + 2 * self.margin

        def draw(c: Canvas) -> None:
            y = height - self.margin
            for h, fn in self.ops:
                fn(c, y)
                y -= h
            if extra is not None:
                extra(c, height)

        return _pdf_bytes(draw, (ROLL_WIDTH, height), title)


def _roll_header(roll: _Roll, title: str, branch: str, receipt_no: str, issued_at: str, officer: str) -> None:
    def mark(c: Canvas, y: float) -> None:
        _mark(c, ROLL_WIDTH / 2 - 4.5 * mm, y - 9 * mm, 9 * mm)

    roll.add(10.5 * mm, mark)
    roll.text(title, font=F_COND_BOLD, size=9.5, align="c")
    roll.text(PROGRAMME_NAME, size=7.5, align="c", color=GREY)
    roll.text(branch, size=7.5, align="c", color=GREY)
    roll.rule()
    roll.pair("No.", receipt_no, font=F_COND_BOLD)
    roll.pair("Tanggal", issued_at)
    roll.pair("Petugas", officer)
    roll.rule()


def _roll_total(roll: _Roll, label: str, total: int) -> None:
    roll.rule(dashed=False)
    roll.pair(label, format_rupiah(total), font=F_COND_BOLD, size=11)
    roll.text(f"Terbilang: {terbilang(total)}", size=7, color=GREY)


def _roll_qr(roll: _Roll, receipt_no: str) -> None:
    roll.gap(2 * mm)

    def qr(c: Canvas, y: float) -> None:
        _qr(c, receipt_no, ROLL_WIDTH / 2 - 11 * mm, y - 22 * mm, 22 * mm)

    roll.add(23 * mm, qr)
    roll.text("Simpan tanda bukti ini. Terima kasih.", size=7, align="c", color=GREY)


def _roll_payment(r: ReceiptData) -> bytes:
    roll = _Roll()
    _roll_header(roll, TITLE, r.branch, r.receipt_no, r.issued_at, r.officer)
    if r.copy:
        roll.text(r.copy, font=F_COND_BOLD, size=8, align="c")
    roll.pair("Peserta", r.member_number, font=F_COND_BOLD)
    roll.text(r.member_name, font=F_COND_BOLD)
    roll.pair("NIK", r.nik_masked)
    roll.pair("Segmen", f"{r.segment} · {r.programmes}")
    roll.pair("Periode", f"{r.period}")
    roll.pair("Jumlah bulan", str(r.months_count))
    if r.cover:
        roll.text(r.cover, size=7.5)
    if r.schedule != "Bulanan":
        roll.text(r.schedule, size=7.5)
    roll.pair("Cara bayar", r.method)
    if r.reference:
        roll.pair("Referensi", r.reference)
    if r.sponsor:
        roll.text(f"Dibayar oleh {r.sponsor}", size=7.5)
    roll.rule()
    for ln in r.lines:
        rate = f" × {ln.rate}" if ln.rate != "-" else " (tanpa iuran tambahan)"
        roll.pair(f"{ln.programme}  {ln.months} bln{rate}", format_rupiah(ln.gross), font=F_COND_BOLD)
        roll.text(ln.label, size=7, color=GREY, indent=4 * mm)
        if ln.base is None:
            roll.text("dasar beragam per bulan", size=7, color=GREY, indent=4 * mm)
        elif ln.base:
            roll.text(f"dasar {format_rupiah(ln.base)}", size=7, color=GREY, indent=4 * mm)
        if ln.discount:
            roll.pair("    potongan", f"-{format_rupiah(ln.discount)}", size=7.5)
        roll.gap(1 * mm)
    roll.rule()
    roll.pair("Jumlah iuran", format_rupiah(r.gross_total))
    if r.discount_total:
        roll.pair("Potongan iuran", f"-{format_rupiah(r.discount_total)}")
    if r.fine_total:
        roll.pair("Denda keterlambatan", format_rupiah(r.fine_total))
    if r.credit:
        roll.pair("Kredit kelebihan bayar", f"-{format_rupiah(r.credit)}")
    _roll_total(roll, "TOTAL", r.total)
    if r.cash_received is not None:
        roll.pair("Uang diterima (tunai)", format_rupiah(r.cash_received))
        roll.pair("Kembalian", format_rupiah(r.cash_received - r.total), font=F_COND_BOLD)
    for label in r.discount_labels:
        roll.text(f"{label}.", size=6.8, color=GREY)
    if r.fine_note:
        roll.text(r.fine_note, size=6.5, color=GREY)
    for note in r.notes:
        roll.text(f"• {note}", size=6.5, color=GREY)
    if r.void:
        roll.rule(dashed=False)
        roll.text(r.void, font=F_COND_BOLD, size=8, color=RED)
    roll.gap(1.5 * mm)
    roll.pair("Loket", r.counter, size=7, color=GREY)
    _roll_qr(roll, r.receipt_no)

    def stamp(c: Canvas, height: float) -> None:
        if r.void:
            _void_stamp(c, ROLL_WIDTH / 2, height / 2, 22)

    return roll.render(f"{TITLE} {r.receipt_no}", stamp)


def _roll_sponsor(r: SponsorReceiptData) -> bytes:
    roll = _Roll()
    _roll_header(roll, SPONSOR_TITLE, r.branch, r.receipt_no, r.issued_at, r.officer)
    roll.text("Diterima dari", size=7.5, color=GREY)
    roll.text(r.sponsor, font=F_COND_BOLD, size=9)
    roll.pair("Cara bayar", r.method)
    if r.reference:
        roll.pair("Referensi", r.reference)
    roll.pair("Periode", r.period)
    roll.pair("Jumlah bulan", str(r.months_count))
    roll.pair("Jumlah peserta", str(sum(1 for x in r.members if not x.voided)))
    roll.rule()
    for i, line in enumerate(r.members, start=1):
        roll.pair(
            f"{i}. {line.number}",
            "BATAL" if line.voided else format_rupiah(line.total),
            font=F_COND_BOLD,
            size=7.5,
        )
        roll.text(f"{line.name} · {line.nik_masked}", size=7, color=GREY, indent=4 * mm)
    _roll_total(roll, "TOTAL", r.total)
    roll.gap(1.5 * mm)
    roll.pair("Loket", r.counter, size=7, color=GREY)
    _roll_qr(roll, r.receipt_no)
    return roll.render(f"{SPONSOR_TITLE} {r.receipt_no}")


# --- entry points ----------------------------------------------------------------------------------


def render_payment_receipt(data: ReceiptData, *, fonts: Path, paper: str = "A5") -> bytes:
    """PDF bytes of one payment's receipt; ``paper`` is ``A5`` or ``80mm``; ``fonts`` holds DejaVu."""
    register_fonts(fonts)
    if paper == "80mm":
        return _roll_payment(data)
    if paper != "A5":
        raise ValueError(f"unknown paper {paper!r}")

    def draw(c: Canvas) -> None:
        _a5_payment(c, data)
        c.showPage()

    return _pdf_bytes(draw, A5, f"{TITLE} {data.receipt_no}")


def render_sponsor_receipt(data: SponsorReceiptData, *, fonts: Path, paper: str = "A5") -> bytes:
    """PDF bytes of a sponsor's receipt with its member list; ``paper`` is ``A5`` or ``80mm``."""
    register_fonts(fonts)
    if paper == "80mm":
        return _roll_sponsor(data)
    if paper != "A5":
        raise ValueError(f"unknown paper {paper!r}")
    return _pdf_bytes(lambda c: _a5_sponsor(c, data), A5, f"{SPONSOR_TITLE} {data.receipt_no}")
