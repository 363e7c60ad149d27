"""The membership card: ID-1 / CR80 (85.60 × 53.98 mm), front and back. DTO in, PDF bytes out.

Every text is drawn with ``drawString``/text objects, so names print literally (no markup), in
DejaVu faces embedded in the PDF. The QR is a vector path (see :mod:`app.pdf.qr`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.units import mm

from app.domain.cover_text import long_date
from app.domain.months import MONTH_NAMES
from app.pdf import fonts, qr
from app.pdf.marks import draw_mark
from app.pdf.page import new_canvas
from app.pdf.palette import GOLD, GREEN, GREEN_DARK, GREY, INK, MINT, MINT_DARK, RED, WHITE, translucent
from app.pdf.text import draw_tracked, fit_lines, fit_one_line, width, wrap

CARD_WIDTH = 85.60 * mm
CARD_HEIGHT = 53.98 * mm
CARD_SIZE = (CARD_WIDTH, CARD_HEIGHT)

_HEADER = 33.0  # pt
_STRIP = 12.5
_LEFT = 11.5
_NAME_WIDTH = 150.0
_QR_SIZE = 61.0
_QR_X = CARD_WIDTH - 9.0 - _QR_SIZE
_QR_Y = 31.0
_BACK_LEFT = 9.5


def short_date(d: dt.date) -> str:
    """``23 Nov 2026``."""
    return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


@dataclass(frozen=True, slots=True)
class BenefitText:
    """One programme's benefit in plain words, for the back of the card."""

    code: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class CardFace:
    """Everything printed on one card. ``qr_text`` is the signed Claim 169 payload."""

    number: str
    number_grouped: str  # MembershipNumber.grouped()
    name: str
    segment: str  # "BPU"
    segment_label: str  # "Bukan Penerima Upah"
    programmes: tuple[str, ...]
    member_since: dt.date
    serial: str
    issued_on: dt.date
    branch_code: str
    branch_name: str
    key_id: str
    qr_text: str
    benefits: tuple[BenefitText, ...]
    found_card: str
    terms: str
    contact_centre: str = "175"
    preview: bool = False  # a "CONTOH" watermark: shown before the card is issued


def _round_rect(c: Any, x: float, y: float, w: float, h: float, r: float, fill: Any) -> None:
    c.setFillColor(fill)
    c.roundRect(x, y, w, h, r, stroke=0, fill=1)


def _chip(c: Any, x: float, y: float, text: str, *, size: float = 6.2, min_width: float = 0.0) -> float:
    """A programme chip; returns its width."""
    w = max(width(text, fonts.CONDENSED_BOLD, size) + 6.4, min_width)
    _round_rect(c, x, y, w, size + 3.6, 2.2, GREEN)
    c.setFillColor(WHITE)
    c.setFont(fonts.CONDENSED_BOLD, size)
    c.drawCentredString(x + w / 2, y + 2.05, text)
    return w


def _watermark(c: Any, x0: float, y0: float) -> None:
    """ "CONTOH" across a card that is not issued yet."""
    c.saveState()
    c.setFillColor(translucent(RED, 0.3))
    c.translate(x0 + CARD_WIDTH / 2, y0 + CARD_HEIGHT / 2)
    c.rotate(18)
    c.setFont(fonts.BOLD, 30)
    c.drawCentredString(0, -10, "CONTOH")
    c.setFont(fonts.BOLD, 7)
    c.drawCentredString(0, -22, "belum diterbitkan — tidak berlaku")
    c.restoreState()


def _form(c: Any, key: tuple[Any, ...], draw: Any) -> str:
    """A Form XObject drawn once per document and reused: the parts of a card that every card
    with the same ``key`` shares. On a sheet of 1,000 cards that leaves a few strings per card."""
    forms: dict[tuple[Any, ...], str] = c.__dict__.setdefault("_loket_card_forms", {})
    name = forms.get(key)
    if name is None:
        name = f"LoketCard{len(forms)}"
        c.beginForm(name, 0, 0, CARD_WIDTH, CARD_HEIGHT)
        draw(c)
        c.endForm()
        forms[key] = name
    return name


def _front_static(c: Any, face: CardFace) -> None:
    cw, ch = CARD_WIDTH, CARD_HEIGHT
    c.setFillColor(WHITE)
    c.rect(0, 0, cw, ch, stroke=0, fill=1)

    # Header band: deep green with a lighter sweep and a gold rule.
    c.setFillColor(GREEN_DARK)
    c.rect(0, ch - _HEADER, cw, _HEADER, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(cw * 0.58, ch)
    p.lineTo(cw, ch)
    p.lineTo(cw, ch - _HEADER)
    p.lineTo(cw * 0.70, ch - _HEADER)
    p.close()
    c.setFillColor(GREEN)
    c.drawPath(p, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(0, ch - _HEADER - 1.1, cw, 1.1, stroke=0, fill=1)

    draw_mark(c, _LEFT + 10.5, ch - _HEADER / 2, 11.2)
    c.setFillColor(WHITE)
    draw_tracked(c, _LEFT + 27, ch - 15.2, "KARTU PESERTA", fonts.BOLD, 8.6, 0.55)
    c.setFillColor(MINT_DARK)
    c.setFont(fonts.CONDENSED, 6.1)
    c.drawString(_LEFT + 27, ch - 24.2, "Jaminan Sosial Ketenagakerjaan")

    # Segment pill, right of the header.
    seg = fonts.printable(face.segment, fonts.CONDENSED_BOLD)
    seg_w = width(seg, fonts.CONDENSED_BOLD, 7.2) + 9
    _round_rect(c, cw - 9 - seg_w, ch - 17.5, seg_w, 10.6, 5.3, WHITE)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED_BOLD, 7.2)
    c.drawCentredString(cw - 9 - seg_w / 2, ch - 14.7, seg)
    size, label = fit_one_line(
        fonts.printable(face.segment_label, fonts.CONDENSED), fonts.CONDENSED, 4.9, 64, min_size=4.2
    )
    c.setFillColor(MINT_DARK)
    c.setFont(fonts.CONDENSED, size)
    c.drawRightString(cw - 9, ch - 25.6, label)

    # Field labels.
    c.setFillColor(GREY)
    draw_tracked(c, _LEFT, ch - _HEADER - 9.4, "NAMA PESERTA", fonts.CONDENSED_BOLD, 4.7, 0.45)
    draw_tracked(c, _LEFT, 73.5, "NOMOR PESERTA", fonts.CONDENSED_BOLD, 4.7, 0.45)
    draw_tracked(c, _LEFT, 50.5, "PROGRAM", fonts.CONDENSED_BOLD, 4.7, 0.45)
    draw_tracked(c, _LEFT, 29.0, "PESERTA SEJAK", fonts.CONDENSED_BOLD, 4.7, 0.45)
    draw_tracked(c, _LEFT + 58, 29.0, "KANTOR CABANG", fonts.CONDENSED_BOLD, 4.7, 0.45)

    # Programmes as chips.
    x = _LEFT
    for code_text in face.programmes:
        x += _chip(c, x, 38.2, fonts.printable(code_text, fonts.CONDENSED_BOLD)) + 2.6

    # Branch.
    size, branch = fit_one_line(
        fonts.printable(face.branch_name, fonts.CONDENSED_BOLD),
        fonts.CONDENSED_BOLD,
        7.0,
        _QR_X - 6 - (_LEFT + 58),
        min_size=5.2,
    )
    c.setFillColor(INK)
    c.setFont(fonts.CONDENSED_BOLD, size)
    c.drawString(_LEFT + 58, 20.0, branch)

    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 4.6)
    c.drawCentredString(_QR_X + _QR_SIZE / 2, _QR_Y - 7.2, "Pindai untuk cek keaslian")

    # Bottom strip: serial label and key.
    c.setFillColor(MINT)
    c.rect(0, 0, cw, _STRIP, stroke=0, fill=1)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED, 5.2)
    c.drawString(_LEFT, 4.6, "Seri kartu")
    c.drawRightString(
        cw - 9, 4.6, f"Cabang {fonts.printable(face.branch_code)} · kunci {fonts.printable(face.key_id)}"
    )


@lru_cache(maxsize=4096)
def _name_layout(name: str) -> tuple[float, tuple[str, ...], float]:
    """(size, lines, first baseline): shrink, then wrap to two or three lines; never too wide."""
    size, lines = fit_lines(
        name, fonts.CONDENSED_BOLD, _NAME_WIDTH, sizes=((1, 10.5, 8.0), (2, 8.5, 6.5), (3, 6.75, 5.0))
    )
    leading = size * 1.12
    top = CARD_HEIGHT - _HEADER - 11.3
    block = leading * (len(lines) - 1) + size * 0.74
    zone = 24.5
    baseline = top - size * 0.74 - max(0.0, (zone - block) / 2 - 1.5) if len(lines) > 1 else top - 12.0
    return size, tuple(lines), baseline


def draw_front(c: Any, face: CardFace, code: qr.QrOps, x0: float = 0.0, y0: float = 0.0) -> None:
    """The front of one card with its lower-left corner at (x0, y0)."""
    key = (
        "front",
        face.segment,
        face.segment_label,
        face.programmes,
        face.branch_name,
        face.branch_code,
        face.key_id,
    )
    form = _form(c, key, lambda fc: _front_static(fc, face))
    c.saveState()
    c.translate(x0, y0)
    c.doForm(form)

    size, lines, baseline = _name_layout(fonts.printable(face.name, fonts.CONDENSED_BOLD))
    c.setFillColor(INK)
    c.setFont(fonts.CONDENSED_BOLD, size)
    for i, line in enumerate(lines):
        c.drawString(_LEFT, baseline - i * size * 1.12, line)

    # Membership number, grouped for reading aloud.
    c.setFillColor(GREEN_DARK)
    draw_tracked(c, _LEFT, 61.0, fonts.printable(face.number_grouped), fonts.BOLD, 11.6, 0.35)

    c.setFillColor(INK)
    c.setFont(fonts.CONDENSED_BOLD, 7.0)
    c.drawString(_LEFT, 20.0, short_date(face.member_since))

    qr.draw_ops(c, code, _QR_X, _QR_Y, _QR_SIZE)

    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED_BOLD, 5.6)
    c.drawString(_LEFT + width("Seri kartu", fonts.CONDENSED, 5.2) + 3, 4.6, fonts.printable(face.serial))
    if face.preview:
        _watermark(c, 0, 0)
    c.restoreState()


def _back_static(c: Any, face: CardFace) -> None:
    cw, ch = CARD_WIDTH, CARD_HEIGHT
    c.setFillColor(WHITE)
    c.rect(0, 0, cw, ch, stroke=0, fill=1)
    c.setFillColor(GREEN_DARK)
    c.rect(0, ch - 4.2, cw, 4.2, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(0, ch - 5.2, cw, 1.0, stroke=0, fill=1)

    left, right = _BACK_LEFT, cw - _BACK_LEFT
    c.setFillColor(GREEN_DARK)
    draw_tracked(c, left, ch - 15.0, "MANFAAT PROGRAM ANDA", fonts.BOLD, 6.6, 0.4)
    draw_mark(c, right - 6.5, ch - 14.0, 6.6, ring=MINT)

    # What each programme covers, in plain words.
    y = ch - 25.0
    text_x = left + 19.0
    text_w = right - text_x
    size, leading = 5.05, 5.9
    for b in face.benefits:
        _chip(c, left, y - 2.2, fonts.printable(b.code, fonts.CONDENSED_BOLD), size=5.2, min_width=16.0)
        label = fonts.printable(b.label, fonts.CONDENSED_BOLD) + " — "
        body = fonts.printable(b.text, fonts.CONDENSED)
        label_w = width(label, fonts.CONDENSED_BOLD, size)
        first = wrap(body, fonts.CONDENSED, size, text_w - label_w)
        first_line = first[0]
        rest_text = body[len(first_line) :].strip()
        c.setFillColor(INK)
        c.setFont(fonts.CONDENSED_BOLD, size)
        c.drawString(text_x, y, label)
        c.setFont(fonts.CONDENSED, size)
        c.drawString(text_x + label_w, y, first_line)
        y -= leading
        for line in wrap(rest_text, fonts.CONDENSED, size, text_w) if rest_text else []:
            c.drawString(text_x, y, line)
            y -= leading
        y -= 2.0

    # Contact centre and found-card note.
    box_w, box_h = 50.0, 27.0
    box_x, box_y = right - box_w, 15.5
    _round_rect(c, box_x, box_y, box_w, box_h, 4, MINT)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.CONDENSED_BOLD, 4.8)
    c.drawCentredString(box_x + box_w / 2, box_y + box_h - 7.4, "CONTACT CENTER")
    c.setFont(fonts.BOLD, 14)
    c.drawCentredString(box_x + box_w / 2, box_y + 5.2, fonts.printable(face.contact_centre))

    c.setFillColor(INK)
    note_w = box_x - left - 8
    ny = box_y + box_h - 5.2
    found = fonts.printable(face.found_card, fonts.CONDENSED)
    heading, _, body = found.partition("? ") if "? " in found else ("", "", found)
    if heading:
        c.setFont(fonts.CONDENSED_BOLD, 5.4)
        c.drawString(left, ny, heading + "?")
        ny -= 6.2
    c.setFont(fonts.CONDENSED, 5.0)
    for line in wrap(body, fonts.CONDENSED, 5.0, note_w):
        c.drawString(left, ny, line)
        ny -= 5.8
    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 4.5)
    for line in wrap(fonts.printable(face.terms, fonts.CONDENSED), fonts.CONDENSED, 4.5, note_w):
        c.drawString(left, ny - 1.0, line)
        ny -= 5.2

    c.setStrokeColor(MINT_DARK)
    c.setLineWidth(0.5)
    c.line(left, 9.8, right, 9.8)


def draw_back(c: Any, face: CardFace, x0: float = 0.0, y0: float = 0.0) -> None:
    """The back of one card with its lower-left corner at (x0, y0)."""
    key = ("back", face.benefits, face.found_card, face.terms, face.contact_centre)
    form = _form(c, key, lambda fc: _back_static(fc, face))
    c.saveState()
    c.translate(x0, y0)
    c.doForm(form)
    left, right = _BACK_LEFT, CARD_WIDTH - _BACK_LEFT
    c.setFillColor(GREY)
    branch = fonts.printable(f"{face.branch_name} ({face.branch_code})", fonts.CONDENSED)
    footer = f"Diterbitkan {branch} · {long_date(face.issued_on)} · seri {fonts.printable(face.serial)}"
    size, footer = fit_one_line(footer, fonts.CONDENSED, 4.5, right - left, min_size=3.8)
    c.setFont(fonts.CONDENSED, size)
    c.drawString(left, 4.2, footer)
    if face.preview:
        _watermark(c, 0, 0)
    c.restoreState()


def render_card(face: CardFace) -> bytes:
    """One card: page 1 the front, page 2 the back, each exactly 85.60 × 53.98 mm."""
    fonts.require()
    buf = io.BytesIO()
    c = new_canvas(buf, CARD_SIZE, f"Kartu peserta {face.number}")
    draw_front(c, face, qr.qr_ops(face.qr_text))
    c.showPage()
    draw_back(c, face)
    c.showPage()
    c.save()
    return buf.getvalue()
