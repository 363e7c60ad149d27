"""Fitting literal text into a box: measure, wrap, shrink, cut with an ellipsis, clamp to a number of
lines. Every function first makes the text printable in its font (:func:`app.pdf.fonts.printable`),
so hostile input (control characters, emoji, scripts the font lacks, endless words) can neither break
a page nor run off it. No markup is ever interpreted; :func:`literal` escapes text for a Paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.pdf.fonts import REGULAR, printable

ELLIPSIS = "…"


def width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, as drawn in ``font`` at ``size``."""
    return float(stringWidth(text, font, size))


def _break_word(word: str, font: str, size: float, max_width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and width(current + ch, font, size) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken between characters."""
    text = printable(text, font)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if width(word, font, size) <= max_width:
            current = word
        else:
            *full, current = _break_word(word, font, size, max_width)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines or [""]


def _one_line(text: str, font: str) -> str:
    """Printable, with runs of spaces made one and the ends trimmed (line breaks, tabs and other
    separators are not printable: they became U+FFFD)."""
    text = printable(text, font)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def _cut(text: str, font: str, size: float, max_width: float) -> str:
    """The longest start of ``text`` that fits ``max_width`` with an ellipsis after it."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(text[:mid] + ELLIPSIS, font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def ellipsize(text: str, font: str, size: float, max_width: float) -> str:
    """``text`` on one line, cut and ended with an ellipsis when it is wider than ``max_width``."""
    text = _one_line(text, font)
    return text if width(text, font, size) <= max_width else _cut(text, font, size, max_width)


def clamp(text: str, font: str, size: float, max_width: float, max_lines: int) -> list[str]:
    """Wrapped to ``max_width``, at most ``max_lines`` lines; the last one ends in an ellipsis when
    text remains."""
    lines = wrap(text, font, size, max_width)
    if len(lines) <= max_lines:
        return lines
    rest = " ".join(lines[max_lines - 1 :])
    return [*lines[: max_lines - 1], ellipsize(rest + ELLIPSIS, font, size, max_width)]


def fit_lines(
    text: str,
    font: str,
    max_width: float,
    *,
    sizes: Sequence[tuple[int, float, float]],
) -> tuple[float, list[str]]:
    """The first (size, lines) that fits: ``sizes`` lists (max lines, largest size, smallest size).

    Each entry is tried from its largest size down in 0.25 pt steps; at the last entry's smallest
    size the text is clamped to its line count, so it never overflows sideways or downwards.
    """
    for max_lines, largest, smallest in sizes:
        size = largest
        while size >= smallest - 1e-9:
            lines = wrap(text, font, size, max_width)
            if len(lines) <= max_lines:
                return size, lines
            size -= 0.25
    max_lines, _, size = sizes[-1]
    return size, clamp(text, font, size, max_width, max_lines)


def fit_one_line(
    text: str, font: str, size: float, max_width: float, *, min_size: float
) -> tuple[float, str]:
    """Shrink to ``min_size``; beyond that, cut the text and end it with an ellipsis."""
    text = _one_line(text, font)
    while size > min_size and width(text, font, size) > max_width:
        size -= 0.25
    if width(text, font, size) <= max_width:
        return size, text
    return size, _cut(text, font, size, max_width)


def draw_tracked(c: Any, x: float, y: float, text: str, font: str, size: float, tracking: float) -> None:
    """A small-caps style label with extra letter spacing."""
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(tracking)
    t.textOut(printable(text, font))
    t.setCharSpace(0)  # the text state outlives the text object in PDF: reset it for later strings
    c.drawText(t)


def literal(text: object, font: str = REGULAR) -> str:
    """``text`` for a ReportLab Paragraph: printable in ``font`` and escaped, so it prints as typed."""
    return escape(printable(str(text), font))
