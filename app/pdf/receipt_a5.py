"""Receipts for contributions on A5 (the office printer): one payment on one page, a sponsor's batch
over as many pages as its member list needs."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm as _mm

from app.domain.money import format_rupiah
from app.domain.terbilang import terbilang
from app.pdf import fonts, qr
from app.pdf.marks import draw_stamp
from app.pdf.page import draw_receipt_head, draw_small_print, new_canvas
from app.pdf.palette import GREEN, GREEN_DARK, GREY, INK, RED, RULE, WHITE, ZEBRA
from app.pdf.receipt_data import SPONSOR_TITLE, TITLE, ReceiptData, SponsorMemberLine, SponsorReceiptData
from app.pdf.text import clamp, ellipsize, fit_lines, fit_one_line, wrap

mm: float = _mm
PAGE_W, PAGE_H = A5
M = 12 * mm
BODY_W = PAGE_W - 2 * M
TOP = PAGE_H - M
FOOTER_TOP = 32 * mm  # the officer's block, the QR and the small print sit below this
FIELD_ROW = 8.2 * mm
MEMBER_ROW = 6.2 * mm


def _fields(c: Any, y: float, pairs: Sequence[tuple[str, str]], row: float = FIELD_ROW) -> float:
    """Labelled values in two columns, filled column by column; values are cut to their column."""
    col_w = BODY_W / 2
    rows = (len(pairs) + 1) // 2
    for i, (label, value) in enumerate(pairs):
        col, r = divmod(i, rows)
        x, yy = M + col * col_w, y - r * row
        c.setFillColor(GREY)
        c.setFont(fonts.REGULAR, 7)
        c.drawString(x, yy, label.upper())
        font = fonts.BOLD if label in ("Nama", "Nomor peserta") else fonts.REGULAR
        size, value = fit_one_line(value, font, 9.5, col_w - 3 * mm, min_size=7.5)
        c.setFillColor(INK)
        c.setFont(font, size)
        c.drawString(x, yy - 4.2 * mm, value)
    return y - rows * row - 1 * mm


def _wide_field(c: Any, y: float, label: str, value: str) -> float:
    """A label and a value across the whole width, up to three lines (sponsor names can be long)."""
    c.setFillColor(GREY)
    c.setFont(fonts.REGULAR, 7)
    c.drawString(M, y, label.upper())
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, 9.5)
    lines = clamp(value, fonts.BOLD, 9.5, BODY_W, 3)
    for i, line in enumerate(lines):
        c.drawString(M, y - (i + 1) * 4.2 * mm, line)
    return y - (len(lines) + 1) * 4.2 * mm - 1.5 * mm


def _table_head(c: Any, y: float, cols: Sequence[tuple[str, float, str]]) -> float:
    c.setFillColor(GREEN)
    c.rect(M, y - 6 * mm, BODY_W, 6 * mm, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont(fonts.BOLD, 7.5)
    for label, x, align in cols:
        if align == "l":
            c.drawString(x + 1.5 * mm, y - 4.1 * mm, label)
        else:
            c.drawRightString(x - 1.5 * mm, y - 4.1 * mm, label)
    return y - 6 * mm


def _rule(c: Any, y: float) -> None:
    c.setStrokeColor(GREEN)
    c.setLineWidth(0.8)
    c.line(M, y, M + BODY_W, y)


def _total_box(c: Any, y: float, label: str, total: int) -> float:
    """The total in white on dark green, and the amount in words under it; returns the y below."""
    c.setFillColor(GREEN_DARK)
    c.roundRect(M + BODY_W - 80 * mm, y - 10 * mm, 80 * mm, 10 * mm, 2 * mm, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont(fonts.BOLD, 9)
    c.drawString(M + BODY_W - 77 * mm, y - 6.3 * mm, label)
    c.setFont(fonts.BOLD, 13)
    c.drawRightString(M + BODY_W - 3 * mm, y - 6.8 * mm, format_rupiah(total))
    y -= 14.5 * mm
    c.setFillColor(INK)
    c.setFont(fonts.REGULAR, 7.5)
    for line in wrap(f"Terbilang: {terbilang(total)}", fonts.REGULAR, 7.5, BODY_W):
        c.drawString(M, y, line)
        y -= 3.6 * mm
    return y


def _footer(c: Any, officer: str, counter: str, receipt_no: str, page: str = "") -> None:
    """The officer's block, the receipt's QR and the small print."""
    y = 13 * mm
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(M, FOOTER_TOP, M + BODY_W, FOOTER_TOP)
    qr.draw_qr(c, receipt_no, M + BODY_W - 17 * mm, y, 17 * mm)
    room = BODY_W - 22 * mm
    c.setFillColor(GREY)
    c.setFont(fonts.REGULAR, 7.5)
    c.drawString(M, y + 14.5 * mm, "Petugas loket")
    # The officer's name whole where it can be: shrunk, then on two lines above the signature rule.
    size, lines = fit_lines(officer, fonts.BOLD, room, sizes=((1, 9.0, 8.0), (2, 8.5, 6.5)))
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, size)
    for i, line in enumerate(lines):
        c.drawString(M, y + 6 * mm + (len(lines) - 1 - i) * size * 1.15, line)
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    c.line(M, y + 4.5 * mm, M + 60 * mm, y + 4.5 * mm)
    c.setFillColor(GREY)
    c.setFont(fonts.REGULAR, 7)
    c.drawString(M, y + 1.2 * mm, ellipsize(f"Loket: {counter}", fonts.REGULAR, 7, room))
    draw_small_print(
        c,
        M,
        M + BODY_W,
        y - 4 * mm,
        "Simpan tanda bukti ini. Dicetak oleh Loket; bukti sah tanpa tanda tangan basah.",
        page,
    )


# --- one payment -------------------------------------------------------------------------------------


def _payment_fields(r: ReceiptData) -> list[tuple[str, str]]:
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
    return fields


def _totals(r: ReceiptData) -> list[tuple[str, str, bool]]:
    """(label, amount, is a deduction) under the line items."""
    rows = [("Jumlah iuran", format_rupiah(r.gross_total), False)]
    if r.discount_total:
        rows.append(("Potongan iuran", f"-{format_rupiah(r.discount_total)}", True))
    if r.fine_total:
        rows.append(("Denda keterlambatan", format_rupiah(r.fine_total), False))
    if r.credit:
        rows.append(("Kredit kelebihan bayar", f"-{format_rupiah(r.credit)}", True))
    return rows


def draw_payment(c: Any, r: ReceiptData) -> None:
    """One payment's receipt on the current page."""
    y = draw_receipt_head(c, M, TOP, BODY_W, TITLE, r.branch, r.receipt_no, r.issued_at)
    for text, color in ((r.copy, INK), (r.void, RED)):
        if text:
            c.setFillColor(color)
            c.setFont(fonts.BOLD, 8)
            c.drawString(M, y + 1 * mm, ellipsize(text, fonts.BOLD, 8, BODY_W))
            y -= 3 * mm
    fields = _payment_fields(r)
    totals = _totals(r)
    # Many programmes and totals on one page: tighter rows, so the words and notes keep their room.
    compact = (len(fields) + 1) // 2 + len(r.lines) + len(totals) + len(r.after_total) > 11
    y = _fields(c, y, fields, 7.6 * mm if compact else FIELD_ROW)

    cols = [
        ("Program", M, "l"),
        ("Dasar", M + 40 * mm, "r"),
        ("Tarif", M + 53 * mm, "r"),
        ("Bln", M + 61 * mm, "r"),
        ("Iuran", M + 82 * mm, "r"),
        ("Potongan", M + 101 * mm, "r"),
        ("Jumlah", M + BODY_W, "r"),
    ]
    y = _table_head(c, y - 2 * mm, cols)
    row_h = 7.6 * mm if compact else 8.6 * mm
    base = 3.3 * mm if compact else 3.8 * mm  # the figures' baseline, clear of the label under the code
    for i, ln in enumerate(r.lines):
        if i % 2 == 1:
            c.setFillColor(ZEBRA)
            c.rect(M, y - row_h, BODY_W, row_h, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(fonts.BOLD, 8.5)
        c.drawString(M + 1.5 * mm, y - base, ellipsize(ln.programme, fonts.BOLD, 8.5, 14 * mm))
        c.setFillColor(GREY)
        c.setFont(fonts.CONDENSED, 6.8)
        c.drawString(M + 1.5 * mm, y - row_h + 1.6 * mm, ellipsize(ln.label, fonts.CONDENSED, 6.8, 38 * mm))
        c.setFillColor(INK)
        c.setFont(fonts.CONDENSED, 8)
        values = [
            "beragam" if ln.base is None else (format_rupiah(ln.base) if ln.base else "-"),
            ellipsize(ln.rate, fonts.CONDENSED, 8, 11 * mm),
            str(ln.months),
            format_rupiah(ln.gross),
            f"-{format_rupiah(ln.discount)}" if ln.discount else "-",
        ]
        for (_, x, _), v in zip(cols[1:6], values, strict=True):
            c.drawRightString(x - 1.5 * mm, y - base, v)
        c.setFont(fonts.CONDENSED_BOLD, 8.5)
        c.drawRightString(M + BODY_W - 1.5 * mm, y - base, format_rupiah(ln.amount))
        y -= row_h
    _rule(c, y)

    y -= 5 * mm
    label_x = M + BODY_W - 45 * mm
    c.setFont(fonts.REGULAR, 8.5)
    for i, (label, amount, deduction) in enumerate(totals):
        if i:
            y -= 4.8 * mm
        c.setFillColor(INK)
        c.drawRightString(label_x, y, label)
        c.setFillColor(GREEN_DARK if deduction else INK)
        c.drawRightString(M + BODY_W - 1.5 * mm, y, amount)
    y = _total_box(c, y - 4 * mm, "TOTAL DIBAYAR", r.total) - 1.5 * mm
    c.setFont(fonts.REGULAR, 8.5)
    c.setFillColor(INK)
    for extra, rupiah in r.after_total:
        c.drawRightString(label_x, y, ellipsize(extra, fonts.REGULAR, 8.5, label_x - M))
        c.drawRightString(M + BODY_W - 1.5 * mm, y, format_rupiah(rupiah))
        y -= 4.8 * mm
    c.setFillColor(GREY)
    c.setFont(fonts.REGULAR, 6.6)
    for note in r.all_notes():
        for line in wrap(f"• {note}", fonts.REGULAR, 6.6, BODY_W):
            if y < FOOTER_TOP + 2 * mm:
                break
            c.drawString(M, y, line)
            y -= 3.1 * mm
    if r.void:
        draw_stamp(c, "DIBATALKAN", PAGE_W / 2, PAGE_H / 2 - 10 * mm, 40)
    _footer(c, r.officer, r.counter, r.receipt_no)


def render_payment(r: ReceiptData) -> bytes:
    """One payment's receipt as a one-page A5 PDF."""
    buf = io.BytesIO()
    c = new_canvas(buf, A5, f"{TITLE} {r.receipt_no}", subject=TITLE.title())
    draw_payment(c, r)
    c.showPage()
    c.save()
    return buf.getvalue()


# --- a sponsor's batch --------------------------------------------------------------------------------


def _sponsor_fields(r: SponsorReceiptData) -> list[tuple[str, str]]:
    return [
        ("Cara bayar", r.method),
        ("Referensi", r.reference or "-"),
        ("Periode iuran", f"{r.period} ({r.months_count} bulan)"),
        ("Jumlah peserta", str(r.paid_members())),
        ("Total", format_rupiah(r.total)),
    ]


def _pages(
    members: Sequence[SponsorMemberLine], first: int, rest: int, tail: int
) -> list[list[SponsorMemberLine]]:
    """Members per page: ``first`` rows fit on page one, ``rest`` on the others, and the last page
    keeps ``tail`` rows' room for the total (and at least one member beside it)."""
    pages: list[list[SponsorMemberLine]] = []
    left = list(members)
    room = first
    while True:
        if len(left) + tail <= room:
            pages.append(left)
            return pages
        take = min(room, max(len(left) - 1, 0))
        pages.append(left[:take])
        left = left[take:]
        room = rest


def render_sponsor(r: SponsorReceiptData) -> bytes:
    """A sponsor's receipt with its member list, on as many A5 pages as needed."""
    buf = io.BytesIO()
    c = new_canvas(buf, A5, f"{SPONSOR_TITLE} {r.receipt_no}", subject=SPONSOR_TITLE.title())
    cols = [("No", M + 8 * mm, "r"), ("Nomor peserta", M + 8.5 * mm, "l"), ("Nama", M + 34.5 * mm, "l"),
            ("NIK", M + 78.5 * mm, "l"), ("Iuran", M + BODY_W, "r")]  # fmt: skip
    floor = FOOTER_TOP + 2 * mm
    # Page one's list starts under the sponsor and the fields; measured on a scratch canvas.
    body_top = draw_receipt_head(
        _Scratch(), M, TOP, BODY_W, SPONSOR_TITLE, r.branch, r.receipt_no, r.issued_at
    )
    first_top = _fields(
        _Scratch(), _wide_field(_Scratch(), body_top, "Diterima dari", r.sponsor), _sponsor_fields(r)
    )

    def per_page(top: float) -> int:
        return int((top - 6 * mm - floor) // MEMBER_ROW)

    tail_h = 4 * mm + 14.5 * mm + 2 * 3.6 * mm + 4 * mm
    chunks = _pages(r.members, per_page(first_top), per_page(body_top), int(-(-tail_h // MEMBER_ROW)))
    number = 0
    for page_no, chunk in enumerate(chunks, start=1):
        y = draw_receipt_head(c, M, TOP, BODY_W, SPONSOR_TITLE, r.branch, r.receipt_no, r.issued_at)
        if page_no == 1:
            y = _fields(c, _wide_field(c, y, "Diterima dari", r.sponsor), _sponsor_fields(r))
        y = _table_head(c, y, cols)
        for line in chunk:
            number += 1
            if number % 2 == 0:
                c.setFillColor(ZEBRA)
                c.rect(M, y - MEMBER_ROW, BODY_W, MEMBER_ROW, stroke=0, fill=1)
            c.setFillColor(GREY if line.voided else INK)
            c.setFont(fonts.CONDENSED, 8)
            base = y - 4.2 * mm
            c.drawRightString(M + 6.5 * mm, base, str(number))
            c.drawString(M + 10 * mm, base, ellipsize(line.number, fonts.CONDENSED, 8, 25 * mm))
            c.drawString(M + 36 * mm, base, ellipsize(line.name, fonts.CONDENSED, 8, 43 * mm))
            c.drawString(M + 80 * mm, base, ellipsize(line.nik_masked, fonts.CONDENSED, 8, 24 * mm))
            amount = "BATAL" if line.voided else format_rupiah(line.total)
            c.drawRightString(M + BODY_W - 1.5 * mm, base, amount)
            y -= MEMBER_ROW
        _rule(c, y)
        if page_no == len(chunks):
            y = _total_box(c, y - 4 * mm, "TOTAL DITERIMA", r.total)
            c.setFillColor(GREY)
            c.setFont(fonts.REGULAR, 6.6)
            c.drawString(
                M, y - 1 * mm, ellipsize(
                    f"Tanda bukti per peserta: {r.receipt_no}/0001 dan seterusnya, menurut nomor urut.",
                    fonts.REGULAR, 6.6, BODY_W,
                )
            )  # fmt: skip
        _footer(c, r.officer, r.counter, r.receipt_no, f"Halaman {page_no} dari {len(chunks)}")
        c.showPage()
    c.save()
    return buf.getvalue()


class _Scratch:
    """A canvas that draws nothing: running a layout on it tells where it ends."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> _Scratch:
        return self
