"""Registration receipt (tanda terima pendaftaran): A5 for the office printer, 80 mm for thermal
printers. DTO in, PDF bytes out. The NIK arrives masked; names are drawn literally."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from app.pdf import fonts, qr
from app.pdf.card import new_canvas
from app.pdf.marks import (
    BLACK,
    GOLD,
    GREEN,
    GREEN_DARK,
    GREY,
    INK,
    MINT,
    MINT_DARK,
    WHITE,
    draw_emblem,
    long_date,
)
from app.pdf.text import draw_tracked, fit_lines, fit_one_line, wrap

LAYOUTS = ("a5", "thermal")
THERMAL_WIDTH = 80 * mm


@dataclass(frozen=True, slots=True)
class ProgrammeLine:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class RegistrationReceipt:
    receipt_id: str  # also the QR content
    branch_code: str
    branch_name: str
    enrolled_at: dt.datetime  # aware, in the branch's time zone
    timezone_label: str  # "WIB"
    number: str
    number_grouped: str
    name: str
    nik_masked: str
    birth_place: str
    birth_date: dt.date
    segment: str
    segment_label: str
    occupation: str
    programmes: tuple[ProgrammeLine, ...]
    months_paid: int
    funding: str
    channel: str
    officer_name: str
    counter: str
    note: str
    copy_number: int = 1  # 2, 3 …: printed again, marked as a copy

    def rows(self) -> list[tuple[str, str]]:
        when = f"{long_date(self.enrolled_at.date())}, {self.enrolled_at:%H.%M} {self.timezone_label}"
        return [
            ("Nama", self.name),
            ("NIK", self.nik_masked),
            ("Tempat, tgl. lahir", f"{self.birth_place}, {long_date(self.birth_date)}"),
            ("Segmen", f"{self.segment} — {self.segment_label}"),
            ("Pekerjaan", self.occupation),
            ("Iuran awal", f"{self.months_paid} bulan" if self.months_paid else "belum dibayar"),
            ("Sumber dana", self.funding),
            ("Kanal", self.channel),
            ("Waktu daftar", when),
            ("Petugas", f"{self.officer_name} · {self.counter}"),
        ]


def _header(c: Any, x: float, top: float, w: float, r: RegistrationReceipt) -> float:
    """Green band with the mark and title (A5); returns the y below it."""
    h = 21 * mm
    c.setFillColor(GREEN_DARK)
    c.rect(x, top - h, w, h, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(x, top - h - 1.2, w, 1.2, stroke=0, fill=1)
    radius = 6.2 * mm
    draw_emblem(c, x + 5 * mm + radius, top - h / 2, radius)
    tx = x + 8 * mm + 2 * radius
    c.setFillColor(WHITE)
    draw_tracked(c, tx, top - h / 2 + 2.2, "TANDA TERIMA PENDAFTARAN", fonts.BOLD, 12.5, 0.4)
    c.setFillColor(MINT_DARK)
    sub = fonts.printable(
        f"Jaminan Sosial Ketenagakerjaan · {r.branch_name} ({r.branch_code})", fonts.CONDENSED
    )
    size, sub = fit_one_line(sub, fonts.CONDENSED, 8.5, x + w - tx - 3 * mm, min_size=5.5)
    c.setFont(fonts.CONDENSED, size)
    c.drawString(tx, top - h / 2 - 10, sub)
    return float(top - h - 1.2)


def _thermal_header(c: Any, cx: float, top: float, w: float, r: RegistrationReceipt) -> float:
    """Black on white for thermal heads: the mark, the title, the branch, a double rule."""
    radius = 4.6 * mm
    draw_emblem(c, cx, top - radius, radius, ring=WHITE, disc=BLACK, ground=BLACK)
    y = top - 2 * radius - 12
    c.setFillColor(BLACK)
    size, title = fit_one_line("TANDA TERIMA PENDAFTARAN", fonts.BOLD, 9.6, w, min_size=7)
    c.setFont(fonts.BOLD, size)
    c.drawCentredString(cx, y, title)
    y -= 10
    for text in ("Jaminan Sosial Ketenagakerjaan", f"{r.branch_name} ({r.branch_code})"):
        size, line = fit_one_line(
            fonts.printable(text, fonts.CONDENSED), fonts.CONDENSED, 7.5, w, min_size=5.5
        )
        c.setFont(fonts.CONDENSED, size)
        c.drawCentredString(cx, y, line)
        y -= 9
    c.setStrokeColor(BLACK)
    c.setLineWidth(0.8)
    c.line(cx - w / 2, y, cx + w / 2, y)
    c.line(cx - w / 2, y - 2, cx + w / 2, y - 2)
    return float(y - 2)


def _copy_mark(c: Any, x: float, y: float, r: RegistrationReceipt, size: float) -> None:
    if r.copy_number > 1:
        c.setFillColorRGB(0.75, 0.12, 0.12)
        c.setFont(fonts.BOLD, size)
        c.drawRightString(x, y, f"SALINAN · cetakan ke-{r.copy_number}")


def _draw_a5(c: Any, r: RegistrationReceipt) -> None:
    pw, ph = A5
    margin = 12 * mm
    w = pw - 2 * margin
    y = _header(c, margin, ph - margin, w, r) - 9 * mm

    # Receipt number and the membership number, large.
    c.setFillColor(GREY)
    draw_tracked(c, margin, y, "NOMOR TANDA TERIMA", fonts.CONDENSED_BOLD, 7, 0.5)
    draw_tracked(c, margin + w / 2, y, "NOMOR PESERTA", fonts.CONDENSED_BOLD, 7, 0.5)
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, 11)
    c.drawString(margin, y - 14, fonts.printable(r.receipt_id))
    c.setFillColor(GREEN_DARK)
    draw_tracked(c, margin + w / 2, y - 16, r.number_grouped, fonts.BOLD, 16, 0.4)
    _copy_mark(c, margin + w, y + 14, r, 8)
    y -= 32

    c.setStrokeColor(MINT_DARK)
    c.setLineWidth(0.7)
    c.line(margin, y, margin + w, y)
    y -= 16

    # Details: label column and value column; values wrap, never overflow.
    qr_size = 27 * mm
    label_w = 31 * mm
    value_x = margin + label_w
    value_w = w - label_w - qr_size - 5 * mm
    details_top = y
    for label, value in r.rows():
        text = fonts.printable(value, fonts.CONDENSED_BOLD if label == "Nama" else fonts.CONDENSED)
        font = fonts.CONDENSED_BOLD if label == "Nama" else fonts.CONDENSED
        size, lines = fit_lines(text, font, value_w, sizes=((2, 10.0, 8.0), (4, 8.0, 7.0)))
        c.setFillColor(GREY)
        c.setFont(fonts.CONDENSED, 8.5)
        c.drawString(margin, y, label)
        c.setFillColor(INK)
        c.setFont(font, size)
        for i, line in enumerate(lines):
            c.drawString(value_x, y - i * size * 1.2, line)
        y -= max(1, len(lines)) * size * 1.2 + 5.5

    # QR with the receipt id, top right of the details.
    qr_top = details_top + 8
    code = qr.qr_ops(r.receipt_id)
    c.setFillColor(WHITE)
    qr.draw_ops(c, code, margin + w - qr_size, qr_top - qr_size, qr_size)
    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 7)
    c.drawCentredString(margin + w - qr_size / 2, qr_top - qr_size - 9, "ID tanda terima")

    # Programmes as chips with their names.
    y -= 6
    c.setFillColor(GREY)
    draw_tracked(c, margin, y, "PROGRAM YANG DIIKUTI", fonts.CONDENSED_BOLD, 7, 0.5)
    y -= 15
    for p in r.programmes:
        chip_w = 28
        c.setFillColor(GREEN)
        c.roundRect(margin, y - 3, chip_w, 12, 3, stroke=0, fill=1)
        c.setFillColor(WHITE)
        c.setFont(fonts.CONDENSED_BOLD, 8)
        c.drawCentredString(margin + chip_w / 2, y, fonts.printable(p.code))
        c.setFillColor(INK)
        c.setFont(fonts.CONDENSED, 9)
        c.drawString(margin + chip_w + 6, y, fonts.printable(p.label))
        y -= 15

    # Note and signatures.
    y -= 6
    c.setFillColor(MINT)
    lines = wrap(fonts.printable(r.note, fonts.CONDENSED), fonts.CONDENSED, 8.5, w - 10 * mm)
    box_h = len(lines) * 11 + 10
    c.roundRect(margin, y - box_h + 8, w, box_h, 4, stroke=0, fill=1)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED, 8.5)
    for i, line in enumerate(lines):
        c.drawString(margin + 5 * mm, y - 2 - i * 11, line)

    sig_y = margin + 16 * mm
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    for i, who in enumerate(("Petugas loket", "Peserta")):
        sx = margin + i * (w / 2 + 5 * mm)
        sw = w / 2 - 5 * mm
        c.line(sx, sig_y, sx + sw, sig_y)
        c.setFillColor(GREY)
        c.setFont(fonts.CONDENSED, 8)
        c.drawString(sx, sig_y - 10, who)
        c.setFillColor(INK)
        name = r.officer_name if i == 0 else r.name
        size, name = fit_one_line(fonts.printable(name, fonts.CONDENSED), fonts.CONDENSED, 8, sw, min_size=6)
        c.setFont(fonts.CONDENSED, size)
        c.drawString(sx, sig_y + 3, name)
    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 7)
    c.drawString(
        margin, margin, f"Loket · {fonts.printable(r.branch_name)} ({r.branch_code}) · {r.receipt_id}"
    )


class _Measure:
    """A canvas that draws nothing: running the layout on it tells how tall the receipt is."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> _Measure:
        return self


def _draw_thermal(c: Any, r: RegistrationReceipt, top: float) -> float:
    """Lays the 80 mm receipt out downwards from ``top``; returns the lowest y used."""
    margin = 4 * mm  # thermal heads print ~72 mm of the 80 mm roll
    w = THERMAL_WIDTH - 2 * margin
    cx = THERMAL_WIDTH / 2
    y = _thermal_header(c, cx, top - 4 * mm, w, r) - 12
    c.setFillColor(BLACK)
    c.setFont(fonts.CONDENSED, 8)
    c.drawCentredString(cx, y, f"No. {fonts.printable(r.receipt_id)}")
    if r.copy_number > 1:
        y -= 10
        c.setFont(fonts.BOLD, 7.5)
        c.drawCentredString(cx, y, f"SALINAN · cetakan ke-{r.copy_number}")
    y -= 16
    c.setFont(fonts.CONDENSED_BOLD, 7)
    c.drawCentredString(cx, y, "NOMOR PESERTA")
    size, number = fit_one_line(r.number_grouped, fonts.BOLD, 15, w, min_size=10)
    c.setFont(fonts.BOLD, size)
    y -= 17
    c.drawCentredString(cx, y, number)
    y -= 10

    def rule(at: float) -> None:
        c.setStrokeColor(BLACK)
        c.setLineWidth(0.6)
        c.setDash(1.5, 1.5)
        c.line(margin, at, margin + w, at)
        c.setDash()

    rule(y)
    y -= 13
    label_w = 24 * mm
    for label, value in r.rows():
        font = fonts.CONDENSED_BOLD if label in ("Nama", "NIK") else fonts.CONDENSED
        c.setFont(fonts.CONDENSED, 7.5)
        c.drawString(margin, y, label)
        c.setFont(font, 8.0)
        for line in wrap(fonts.printable(value, font), font, 8.0, w - label_w):
            c.drawString(margin + label_w, y, line)
            y -= 10
        y -= 2.5
    c.setFont(fonts.CONDENSED, 7.5)
    c.drawString(margin, y, "Program")
    for p in r.programmes:
        c.setFont(fonts.CONDENSED_BOLD, 8)
        c.drawString(margin + label_w, y, fonts.printable(p.code))
        c.setFont(fonts.CONDENSED, 8)
        c.drawString(margin + label_w + 20, y, fonts.printable(p.label))
        y -= 10.5
    y -= 2
    rule(y)
    c.setFont(fonts.CONDENSED, 7.5)
    for line in wrap(fonts.printable(r.note, fonts.CONDENSED), fonts.CONDENSED, 7.5, w):
        y -= 10
        c.drawString(margin, y, line)
    qr_size = 26 * mm
    y -= 8 + qr_size
    qr.draw_ops(c, qr.qr_ops(r.receipt_id), cx - qr_size / 2, y, qr_size)
    y -= 10
    c.setFont(fonts.CONDENSED, 7)
    c.drawCentredString(cx, y, fonts.printable(r.receipt_id))
    return float(y)


def render_registration_receipt(receipt: RegistrationReceipt, layout: str = "a5") -> bytes:
    """``layout``: ``"a5"`` (148 × 210 mm) or ``"thermal"`` (80 mm wide, as long as needed)."""
    fonts.require()
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    buf = io.BytesIO()
    title = f"Tanda terima pendaftaran {receipt.receipt_id}"
    if layout == "a5":
        c = new_canvas(buf, A5, title)
        _draw_a5(c, receipt)
    else:
        page_h = -_draw_thermal(_Measure(), receipt, 0.0) + 8 * mm  # the tail the cutter needs
        c = new_canvas(buf, (THERMAL_WIDTH, page_h), title)
        _draw_thermal(c, receipt, page_h)
    c.showPage()
    c.save()
    return buf.getvalue()
