"""The DejaVu fonts every Loket PDF embeds, registered once per process, and safe text for them."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "LoketSans"
BOLD = "LoketSans-Bold"
CONDENSED = "LoketSansCond"
CONDENSED_BOLD = "LoketSansCond-Bold"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_lock = threading.Lock()
_registered: Path | None = None
REPLACEMENT = "\ufffd"


class FontsNotRegisteredError(RuntimeError):
    def __init__(self) -> None:
        super().__init__("PDF fonts not registered: call app.pdf.fonts.register(resources_dir() / 'fonts')")


def register(font_dir: Path) -> None:
    """Register the four DejaVu faces from ``font_dir`` (idempotent, thread-safe)."""
    global _registered
    if _registered is not None:
        return
    with _lock:
        if _registered is not None:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_dir / file)))
        _registered = font_dir


def require() -> None:
    if _registered is None:
        raise FontsNotRegisteredError()


@lru_cache(maxsize=8)
def _glyphs(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def printable(text: str, font: str = REGULAR) -> str:
    """``text`` with every character the font cannot show, or that lies outside the Basic
    Multilingual Plane (ReportLab writes those into the PDF's text map wrongly), replaced by U+FFFD.
    Text is always drawn literally: no markup is interpreted anywhere."""
    glyphs = _glyphs(font)
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        ch if ord(ch) <= 0xFFFF and ord(ch) in glyphs and ch.isprintable() else REPLACEMENT for ch in text
    )
