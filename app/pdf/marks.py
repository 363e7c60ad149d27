"""Loket's own programme mark and palette (no agency logo): a shelter over a worker, in a green disc."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.colors import Color, HexColor

GREEN_DARK = HexColor("#0B5D41")
GREEN = HexColor("#12895C")
GREEN_LIGHT = HexColor("#3DBE7E")
MINT = HexColor("#E6F4EC")
MINT_DARK = HexColor("#CFE9DA")
GOLD = HexColor("#F2B705")
INK = HexColor("#14241C")
GREY = HexColor("#5A6A62")
WHITE = HexColor("#FFFFFF")
BLACK = HexColor("#000000")

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def long_date(d: dt.date) -> str:
    """``23 November 2026``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d: dt.date) -> str:
    """``23 Nov 2026``."""
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def draw_emblem(
    c: Any, cx: float, cy: float, r: float, *, ring: Color = WHITE, disc: Color = GREEN, ground: Color = GOLD
) -> None:
    """The programme mark centred on (cx, cy) with outer radius ``r`` (black ``disc`` and
    ``ground`` for thermal printers)."""
    c.saveState()
    c.setFillColor(ring)
    c.circle(cx, cy, r, stroke=0, fill=1)
    c.setFillColor(disc)
    c.circle(cx, cy, r * 0.86, stroke=0, fill=1)
    # The shelter: a thick arc over the worker.
    c.setStrokeColor(WHITE)
    c.setLineWidth(r * 0.14)
    c.setLineCap(1)
    p = c.beginPath()
    p.arc(cx - r * 0.56, cy - r * 0.50, cx + r * 0.56, cy + r * 0.62, startAng=18, extent=144)
    c.drawPath(p, stroke=1, fill=0)
    # The worker: head and shoulders.
    c.setFillColor(WHITE)
    c.circle(cx, cy + r * 0.08, r * 0.15, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(cx - r * 0.30, cy - r * 0.50)
    p.curveTo(cx - r * 0.30, cy - r * 0.12, cx - r * 0.16, cy - r * 0.12, cx, cy - r * 0.12)
    p.curveTo(cx + r * 0.16, cy - r * 0.12, cx + r * 0.30, cy - r * 0.12, cx + r * 0.30, cy - r * 0.50)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    # The ground line, in gold: the programme's promise of a livelihood.
    c.setStrokeColor(ground)
    c.setLineWidth(r * 0.09)
    c.line(cx - r * 0.46, cy - r * 0.56, cx + r * 0.46, cy - r * 0.56)
    c.restoreState()
