"""The 80 mm thermal roll shared by every receipt: lines are measured first, then drawn on one page
exactly as tall as needed, in black only (thermal heads print no tints), within the ~72 mm a head
reaches. Text is wrapped or cut by the kit, so nothing runs off the paper."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm

from app.pdf import fonts, qr
from app.pdf.fonts import printable
from app.pdf.marks import draw_mark_black, draw_stamp
from app.pdf.page import PROGRAMME, new_canvas
from app.pdf.palette import BLACK
from app.pdf.text import ellipsize, fit_one_line, wrap
from app.pdf.text import width as text_width

WIDTH = 80 * mm
MARGIN = 4 * mm
INNER = WIDTH - 2 * MARGIN
LEADING = 1.32  # line height / font size
Draw = Callable[[Any, float], None]  # (canvas, y of the line's top)


class Roll:
    """A receipt on a thermal roll, built line by line from the top."""

    def __init__(self) -> None:
        self._ops: list[tuple[float, Draw]] = []
        self._stamp: str | None = None

    def add(self, height: float, draw: Draw) -> None:
        """A block ``height`` points tall, drawn by ``draw(canvas, top)``."""
        self._ops.append((height, draw))

    def gap(self, height: float) -> None:
        """Blank paper."""
        self.add(height, lambda c, y: None)

    def text(
        self, text: str, *, font: str = fonts.CONDENSED, size: float = 8, align: str = "l", indent: float = 0
    ) -> None:
        """``text`` wrapped to the roll (``align``: ``l``, ``c`` or ``r``)."""
        for line in wrap(text, font, size, INNER - indent):
            self.add(size * LEADING, _line(line, font, size, align, indent))

    def pair(
        self, left: str, right: str, *, font: str = fonts.CONDENSED, size: float = 8, indent: float = 0
    ) -> None:
        """A label on the left and its value on the right of one line; a value too long for that
        line goes whole under its label, wrapped and right-aligned."""
        if text_width(printable(right, font), font, size) > INNER * 0.68:
            self.text(left, font=font, size=size, indent=indent)
            self.text(right, font=font, size=size, align="r", indent=indent + 4 * mm)
            return
        right = ellipsize(right, font, size, INNER * 0.68)
        left = ellipsize(left, font, size, INNER - indent - text_width(right, font, size) - 2 * mm)

        def draw(c: Any, y: float) -> None:
            c.setFillColor(BLACK)
            c.setFont(font, size)
            c.drawString(MARGIN + indent, y - size, left)
            c.drawRightString(WIDTH - MARGIN, y - size, right)

        self.add(size * LEADING, draw)

    def field(
        self,
        label: str,
        value: str,
        *,
        label_width: float,
        font: str = fonts.CONDENSED,
        size: float = 8,
        lead: str = "",
    ) -> None:
        """A label column and the value wrapped beside it, after an optional bold ``lead`` (a code)."""
        lead = ellipsize(lead, fonts.CONDENSED_BOLD, size, 18 * mm) if lead else ""
        lead_w = text_width(lead, fonts.CONDENSED_BOLD, size) + 2 * mm if lead else 0.0
        x = MARGIN + label_width + lead_w
        lines = wrap(value, font, size, WIDTH - MARGIN - x)
        label = ellipsize(label, fonts.CONDENSED, size - 0.5, label_width - 1 * mm)
        for i, line in enumerate(lines):
            first = i == 0

            def draw(c: Any, y: float, line: str = line, first: bool = first) -> None:
                c.setFillColor(BLACK)
                if first:
                    c.setFont(fonts.CONDENSED, size - 0.5)
                    c.drawString(MARGIN, y - size, label)
                    if lead:
                        c.setFont(fonts.CONDENSED_BOLD, size)
                        c.drawString(MARGIN + label_width, y - size, lead)
                c.setFont(font, size)
                c.drawString(x, y - size, line)

            self.add(size * 1.25, draw)
        self.gap(2.5)

    def rule(self, *, dashed: bool = True, double: bool = False) -> None:
        """A line across the roll."""

        def draw(c: Any, y: float) -> None:
            c.setStrokeColor(BLACK)
            c.setLineWidth(0.6 if dashed else 0.8)
            if dashed:
                c.setDash(1.5, 1.5)
            for dy in (0.0, 2.0) if double else (0.0,):
                c.line(MARGIN, y - 1.5 * mm - dy, WIDTH - MARGIN, y - 1.5 * mm - dy)
            c.setDash()

        self.add(3 * mm + (2 if double else 0), draw)

    def header(self, title: str, branch: str) -> None:
        """The mark, the title, the programme and the branch, then a double rule."""
        radius = 4.6 * mm
        self.add(2 * radius + 2 * mm, lambda c, y: draw_mark_black(c, WIDTH / 2, y - radius, radius))
        size, title = fit_one_line(title, fonts.BOLD, 9.6, INNER, min_size=7)
        self.add(size * LEADING, _line(title, fonts.BOLD, size, "c", 0))
        for line in (PROGRAMME, branch):
            size, line = fit_one_line(line, fonts.CONDENSED, 7.5, INNER, min_size=6)
            self.add(size * LEADING, _line(line, fonts.CONDENSED, size, "c", 0))
        self.rule(dashed=False, double=True)

    def qr(self, text: str, size: float, caption: str) -> None:
        """A QR code centred on the roll, with a caption under it."""
        self.gap(2 * mm)
        self.add(size + 1 * mm, lambda c, y: qr.draw_qr(c, text, (WIDTH - size) / 2, y - size, size))
        self.text(caption, size=7, align="c")

    def stamp(self, text: str) -> None:
        """A stamp across the middle of the receipt (``DIBATALKAN``)."""
        self._stamp = text

    def render(self, title: str, subject: str = "") -> bytes:
        """The roll as a one-page PDF, with a tail for the cutter."""
        height = sum(h for h, _ in self._ops) + 2 * MARGIN + 4 * mm
        buf = io.BytesIO()
        c = new_canvas(buf, (WIDTH, height), title, subject=subject)
        y = height - MARGIN
        for h, draw in self._ops:
            draw(c, y)
            y -= h
        if self._stamp:
            draw_stamp(c, self._stamp, WIDTH / 2, height / 2, 22, black=True)
        c.showPage()
        c.save()
        return buf.getvalue()


def _line(text: str, font: str, size: float, align: str, indent: float) -> Draw:
    def draw(c: Any, y: float) -> None:
        c.setFillColor(BLACK)
        c.setFont(font, size)
        base = y - size
        if align == "c":
            c.drawCentredString(WIDTH / 2, base, text)
        elif align == "r":
            c.drawRightString(WIDTH - MARGIN, base, text)
        else:
            c.drawString(MARGIN + indent, base, text)

    return draw
