"""Registration receipt (tanda terima pendaftaran): A5 for the office printer, 80 mm for thermal
printers. DTO in, PDF bytes out. The NIK arrives masked; names are drawn literally."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from app.domain.cover_text import long_date
from app.pdf import fonts, qr
from app.pdf.page import draw_receipt_head, draw_small_print, new_canvas, receipt_time
from app.pdf.palette import GREEN, GREEN_DARK, GREY, INK, MINT, MINT_DARK, RED, WHITE
from app.pdf.roll import INNER, Roll
from app.pdf.text import clamp, draw_tracked, ellipsize, fit_lines, fit_one_line

LAYOUTS = ("a5", "thermal")
TITLE = "TANDA TERIMA PENDAFTARAN"


@dataclass(frozen=True, slots=True)
class ProgrammeLine:
    """A programme the member joined: its code and its name."""

    code: str
    label: str


@dataclass(frozen=True, slots=True)
class RegistrationReceipt:
    """Everything a registration receipt prints."""

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
        """The labelled details, in print order."""
        return [
            ("Nama", self.name),
            ("NIK", self.nik_masked),
            ("Tempat, tgl. lahir", f"{self.birth_place}, {long_date(self.birth_date)}"),
            ("Segmen", f"{self.segment} — {self.segment_label}"),
            ("Pekerjaan", self.occupation),
            ("Iuran awal", f"{self.months_paid} bulan" if self.months_paid else "belum dibayar"),
            ("Sumber dana", self.funding),
            ("Kanal", self.channel),
            ("Petugas", f"{self.officer_name} · {self.counter}"),
        ]

    def issued_at(self) -> str:
        """When the member was enrolled, as every receipt prints it: ``23-11-2026 10:00 WIB``."""
        return receipt_time(self.enrolled_at, self.timezone_label)

    def branch(self) -> str:
        """``KCP Indralaya (101)``."""
        return f"{self.branch_name} ({self.branch_code})"

    def copy_label(self) -> str:
        """``SALINAN · cetakan ke-2`` on a reprint, else empty."""
        return f"SALINAN · cetakan ke-{self.copy_number}" if self.copy_number > 1 else ""


# --- A5 --------------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = A5
M = 12 * mm
BODY_W = PAGE_W - 2 * M
QR_SIZE = 27 * mm
LABEL_W = 31 * mm
VALUE_W = BODY_W - LABEL_W - QR_SIZE - 5 * mm
SIGNATURE_Y = M + 16 * mm
# Looser to tighter: (max lines, largest, smallest size) per try, the name first.
_DETAIL_FITS: tuple[tuple[Sequence[tuple[int, float, float]], Sequence[tuple[int, float, float]]], ...] = (
    (((2, 10.0, 8.0), (3, 8.0, 7.0)), ((2, 10.0, 8.0), (3, 8.0, 7.0))),
    (((2, 10.0, 8.0), (3, 8.0, 7.0)), ((1, 10.0, 8.0), (2, 8.0, 7.0))),
    (((1, 10.0, 8.0), (2, 8.0, 7.0)), ((1, 10.0, 7.0),)),
)


def _details(r: RegistrationReceipt, budget: float) -> list[tuple[str, str, float, list[str]]]:
    """(label, font, size, lines) per detail: as roomy as ``budget`` points allow."""
    out: list[tuple[str, str, float, list[str]]] = []
    for name_fit, other_fit in _DETAIL_FITS:
        out = []
        for label, value in r.rows():
            font = fonts.CONDENSED_BOLD if label == "Nama" else fonts.CONDENSED
            size, lines = fit_lines(value, font, VALUE_W, sizes=name_fit if label == "Nama" else other_fit)
            out.append((label, font, size, lines))
        if sum(len(lines) * size * 1.2 + 5.5 for _, _, size, lines in out) <= budget:
            break
    return out


def _draw_a5(c: Any, r: RegistrationReceipt) -> None:
    y = draw_receipt_head(
        c, M, PAGE_H - M, BODY_W, TITLE, r.branch(), r.receipt_id, r.issued_at(),
        number_label="Nomor tanda terima",
    )  # fmt: skip

    # The membership number, large.
    y -= 2 * mm
    c.setFillColor(GREY)
    draw_tracked(c, M, y, "NOMOR PESERTA", fonts.CONDENSED_BOLD, 7, 0.5)
    c.setFillColor(GREEN_DARK)
    size, number = fit_one_line(r.number_grouped, fonts.BOLD, 16, BODY_W - 50 * mm, min_size=10)
    draw_tracked(c, M, y - 16, number, fonts.BOLD, size, 0.4)
    if r.copy_label():
        c.setFillColor(RED)
        c.setFont(fonts.BOLD, 8)
        c.drawRightString(M + BODY_W, y - 14, r.copy_label())
    y -= 32
    c.setStrokeColor(MINT_DARK)
    c.setLineWidth(0.7)
    c.line(M, y, M + BODY_W, y)
    y -= 16

    # What sits under the details, measured first, so the details take only the room that is left.
    note = clamp(r.note, fonts.CONDENSED, 8.5, BODY_W - 10 * mm, 3)
    programmes = r.programmes[:6]
    below = 6 + 15 + 15 * len(programmes) + 6 + len(note) * 11 + 10
    details = _details(r, y - below - (SIGNATURE_Y + 8 * mm))
    qr_top = y + 8
    for label, font, size, lines in details:
        c.setFillColor(GREY)
        c.setFont(fonts.CONDENSED, 8.5)
        c.drawString(M, y, label)
        c.setFillColor(INK)
        c.setFont(font, size)
        for i, line in enumerate(lines):
            c.drawString(M + LABEL_W, y - i * size * 1.2, line)
        y -= len(lines) * size * 1.2 + 5.5

    # QR with the receipt id, top right of the details.
    qr.draw_qr(c, r.receipt_id, M + BODY_W - QR_SIZE, qr_top - QR_SIZE, QR_SIZE)
    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 7)
    c.drawCentredString(M + BODY_W - QR_SIZE / 2, qr_top - QR_SIZE - 9, "ID tanda terima")

    # Programmes as chips with their names.
    y -= 6
    c.setFillColor(GREY)
    draw_tracked(c, M, y, "PROGRAM YANG DIIKUTI", fonts.CONDENSED_BOLD, 7, 0.5)
    y -= 15
    for p in programmes:
        chip_w = 28
        c.setFillColor(GREEN)
        c.roundRect(M, y - 3, chip_w, 12, 3, stroke=0, fill=1)
        c.setFillColor(WHITE)
        c.setFont(fonts.CONDENSED_BOLD, 8)
        c.drawCentredString(M + chip_w / 2, y, ellipsize(p.code, fonts.CONDENSED_BOLD, 8, chip_w - 4))
        c.setFillColor(INK)
        c.setFont(fonts.CONDENSED, 9)
        c.drawString(M + chip_w + 6, y, ellipsize(p.label, fonts.CONDENSED, 9, BODY_W - chip_w - 6))
        y -= 15

    # Note and signatures.
    y -= 6
    c.setFillColor(MINT)
    box_h = len(note) * 11 + 10
    c.roundRect(M, y - box_h + 8, BODY_W, box_h, 4, stroke=0, fill=1)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED, 8.5)
    for i, line in enumerate(note):
        c.drawString(M + 5 * mm, y - 2 - i * 11, line)

    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    for i, (who, name) in enumerate((("Petugas loket", r.officer_name), ("Peserta", r.name))):
        sx = M + i * (BODY_W / 2 + 5 * mm)
        sw = BODY_W / 2 - 5 * mm
        c.line(sx, SIGNATURE_Y, sx + sw, SIGNATURE_Y)
        c.setFillColor(GREY)
        c.setFont(fonts.CONDENSED, 8)
        c.drawString(sx, SIGNATURE_Y - 10, who)
        c.setFillColor(INK)
        size, name = fit_one_line(name, fonts.CONDENSED, 8, sw, min_size=6)
        c.setFont(fonts.CONDENSED, size)
        c.drawString(sx, SIGNATURE_Y + 3, name)
    draw_small_print(c, M, M + BODY_W, M, f"Loket · {r.branch()} · {r.receipt_id}")


# --- 80 mm ------------------------------------------------------------------------------------------------


def _render_thermal(r: RegistrationReceipt) -> bytes:
    roll = Roll()
    roll.header(TITLE, r.branch())
    roll.pair("No.", r.receipt_id, font=fonts.CONDENSED_BOLD)
    roll.pair("Tanggal", r.issued_at())
    roll.rule()
    if r.copy_label():
        roll.text(r.copy_label(), font=fonts.BOLD, size=7.5, align="c")
    roll.gap(4)
    roll.text("NOMOR PESERTA", font=fonts.CONDENSED_BOLD, size=7, align="c")
    size, number = fit_one_line(r.number_grouped, fonts.BOLD, 15, INNER, min_size=10)
    roll.text(number, font=fonts.BOLD, size=size, align="c")
    roll.rule()
    for label, value in r.rows():
        bold = label in ("Nama", "NIK")
        roll.field(label, value, label_width=24 * mm, font=fonts.CONDENSED_BOLD if bold else fonts.CONDENSED)
    for i, p in enumerate(r.programmes):
        roll.field("Program" if i == 0 else "", p.label, label_width=24 * mm, lead=p.code)
    roll.rule()
    roll.text(r.note, size=7.5)
    roll.qr(r.receipt_id, 26 * mm, r.receipt_id)
    return roll.render(f"Tanda terima pendaftaran {r.receipt_id}", TITLE.title())


def render_registration_receipt(receipt: RegistrationReceipt, layout: str = "a5") -> bytes:
    """``layout``: ``"a5"`` (148 × 210 mm) or ``"thermal"`` (80 mm wide, as long as needed)."""
    fonts.require()
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    if layout == "thermal":
        return _render_thermal(receipt)
    buf = io.BytesIO()
    c = new_canvas(buf, A5, f"Tanda terima pendaftaran {receipt.receipt_id}", subject=TITLE.title())
    _draw_a5(c, receipt)
    c.showPage()
    c.save()
    return buf.getvalue()
