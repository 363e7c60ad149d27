"""Loket's own programme mark (no agency logo): a shelter over a worker on a gold ground, in a green
disc. Every document prints this one mark, drawn by :func:`draw_mark`; and the stamps laid over a page."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color

from app.pdf import fonts
from app.pdf.palette import BLACK, GOLD, GREEN, RED, WHITE, translucent
from app.pdf.text import width


def draw_mark(
    c: Any,
    cx: float,
    cy: float,
    r: float,
    *,
    ring: Color = WHITE,
    disc: Color = GREEN,
    ground: Color = GOLD,
    outline: bool = False,
) -> None:
    """The programme mark centred on (cx, cy) with outer radius ``r``: the figure in white on a
    filled disc, or (``outline``) the same figure in the disc's colour inside a ring on white."""
    c.saveState()
    figure = disc if outline else WHITE
    if outline:
        c.setStrokeColor(disc)
        c.setLineWidth(r * 0.1)
        c.circle(cx, cy, r * 0.9, stroke=1, fill=0)
    else:
        c.setFillColor(ring)
        c.circle(cx, cy, r, stroke=0, fill=1)
        c.setFillColor(disc)
        c.circle(cx, cy, r * 0.86, stroke=0, fill=1)
    # The shelter: a thick arc over the worker.
    c.setStrokeColor(figure)
    c.setLineWidth(r * 0.14)
    c.setLineCap(1)
    p = c.beginPath()
    p.arc(cx - r * 0.56, cy - r * 0.50, cx + r * 0.56, cy + r * 0.62, startAng=18, extent=144)
    c.drawPath(p, stroke=1, fill=0)
    # The worker: head and shoulders.
    c.setFillColor(figure)
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


def draw_mark_black(c: Any, cx: float, cy: float, r: float) -> None:
    """The programme mark in black line on white, for thermal heads, which print neither tints nor
    large solid areas well (same drawing as :func:`draw_mark`)."""
    draw_mark(c, cx, cy, r, disc=BLACK, ground=BLACK, outline=True)


def draw_stamp(c: Any, text: str, cx: float, cy: float, size: float, *, black: bool = False) -> None:
    """A boxed stamp (``DIBATALKAN``) tilted over the page, centred on (cx, cy): translucent red, or
    an outline in black for thermal heads, which print no tints."""
    c.saveState()
    c.translate(cx, cy)
    c.rotate(28)
    ink = BLACK if black else RED
    c.setStrokeColor(ink if black else translucent(ink, 0.5))
    c.setFillColor(ink if black else translucent(ink, 0.16))
    w = width(text, fonts.BOLD, size)
    t = c.beginText(-w / 2, -size * 0.35)
    t.setFont(fonts.BOLD, size)
    if black:
        t.setTextRenderMode(1)  # outlined letters: the text below stays readable
        c.setLineWidth(0.6)
    t.textOut(text)
    t.setTextRenderMode(0)
    c.drawText(t)
    c.setLineWidth(2 if not black else 1.2)
    c.roundRect(-w / 2 - 8, -size * 0.6, w + 16, size * 1.15, 6, stroke=1, fill=0)
    c.restoreState()
