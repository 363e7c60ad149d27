"""A card-sized alignment test page: a frame 2 mm inside the edge, a centre cross and millimetre ticks."""

from __future__ import annotations

import io

from reportlab.lib.units import mm

from app.pdf import fonts
from app.pdf.card import CARD_HEIGHT, CARD_SIZE, CARD_WIDTH
from app.pdf.page import new_canvas
from app.pdf.palette import GREEN_DARK, INK
from app.pdf.text import ellipsize

INSET_MM = 2.0


def render_alignment_page(branch_label: str) -> bytes:
    """Print it on a blank card: the frame must sit 2 mm from every edge; the offsets correct the rest."""
    fonts.require()
    buf = io.BytesIO()
    c = new_canvas(buf, CARD_SIZE, "Uji penjajaran kartu")
    c.setStrokeColor(GREEN_DARK)
    c.setLineWidth(0.5)
    inset = INSET_MM * mm
    c.rect(inset, inset, CARD_WIDTH - 2 * inset, CARD_HEIGHT - 2 * inset, stroke=1, fill=0)
    cx, cy = CARD_WIDTH / 2, CARD_HEIGHT / 2
    c.line(cx - 5 * mm, cy, cx + 5 * mm, cy)
    c.line(cx, cy - 5 * mm, cx, cy + 5 * mm)
    c.setLineWidth(0.3)
    for i in range(0, int(CARD_WIDTH / mm) + 1):
        length = (2.5 if i % 10 == 0 else 1.5 if i % 5 == 0 else 0.8) * mm
        c.line(i * mm, CARD_HEIGHT, i * mm, CARD_HEIGHT - length)
        c.line(i * mm, 0, i * mm, length)
    for i in range(0, int(CARD_HEIGHT / mm) + 1):
        length = (2.5 if i % 10 == 0 else 1.5 if i % 5 == 0 else 0.8) * mm
        c.line(0, i * mm, length, i * mm)
        c.line(CARD_WIDTH, i * mm, CARD_WIDTH - length, i * mm)
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, 7)
    c.drawCentredString(cx, cy + 9 * mm, "UJI PENJAJARAN KARTU")
    c.setFont(fonts.REGULAR, 5.5)
    c.drawCentredString(cx, cy - 9 * mm, "Bingkai hijau harus tepat 2 mm dari setiap tepi kartu.")
    c.drawCentredString(cx, cy - 12 * mm, "Geser dengan pengaturan X/Y (mm) lalu cetak ulang.")
    c.drawCentredString(cx, cy - 15 * mm, ellipsize(branch_label, fonts.REGULAR, 5.5, CARD_WIDTH - 8 * mm))
    c.showPage()
    c.save()
    return buf.getvalue()
