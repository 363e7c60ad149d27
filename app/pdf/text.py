"""Measuring, wrapping and shrinking literal text to fit a box (no markup is ever interpreted)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth


def width(text: str, font: str, size: float) -> float:
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


def fit_lines(
    text: str,
    font: str,
    max_width: float,
    *,
    sizes: Sequence[tuple[int, float, float]],
) -> tuple[float, list[str]]:
    """The first (size, lines) that fits: ``sizes`` lists (max lines, largest size, smallest size).

    Each entry is tried from its largest size down in 0.25 pt steps; the last entry's smallest size
    is used regardless (wrapping then decides the line count), so text never overflows sideways.
    """
    for max_lines, largest, smallest in sizes:
        size = largest
        while size >= smallest - 1e-9:
            lines = wrap(text, font, size, max_width)
            if len(lines) <= max_lines:
                return size, lines
            size -= 0.25
    size = sizes[-1][2]
    return size, wrap(text, font, size, max_width)


def fit_one_line(
    text: str, font: str, size: float, max_width: float, *, min_size: float
) -> tuple[float, str]:
    """Shrink to ``min_size``; beyond that, cut the text and end it with an ellipsis."""
    while size > min_size and width(text, font, size) > max_width:
        size -= 0.25
    if width(text, font, size) <= max_width:
        return size, text
    while text and width(text + "…", font, size) > max_width:
        text = text[:-1]
    return size, text.rstrip() + "…"


def draw_tracked(c: Any, x: float, y: float, text: str, font: str, size: float, tracking: float) -> None:
    """A small-caps style label with extra letter spacing."""
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(tracking)
    t.textOut(text)
    t.setCharSpace(0)  # the text state outlives the text object in PDF: reset it for later strings
    c.drawText(t)
