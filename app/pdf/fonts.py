"""The one font registry of every Loket PDF: the DejaVu faces, registered once per process, and
:func:`printable`, which keeps text to what those faces can show.

Services call :func:`register` with ``resources/fonts`` before rendering; every renderer starts with
:func:`require`. Nothing else in ``app/pdf`` registers a font or names one.
"""

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
MONO_BOLD = "Courier-Bold"  # one of PDF's standard faces, never embedded: hex digests only (ASCII)

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
    """A renderer ran before :func:`register` (a programming error, never the user's)."""

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
    """Raise :class:`FontsNotRegisteredError` unless :func:`register` has run in this process."""
    if _registered is None:
        raise FontsNotRegisteredError()


@lru_cache(maxsize=8)
def _glyphs(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def printable(text: str, font: str = REGULAR) -> str:
    """``text`` with every character the font cannot show, or that lies outside the Basic
    Multilingual Plane (ReportLab writes those into the PDF's text map wrongly), replaced by U+FFFD.
    Control and format characters (bidi overrides, zero-width joiners) are replaced too.
    Text is always drawn literally: no markup is interpreted anywhere."""
    if text.isprintable() and text.isascii():
        return text
    if font == MONO_BOLD:
        return "".join(ch if ch.isascii() and ch.isprintable() else "?" for ch in text)
    glyphs = _glyphs(font)
    if text.isprintable() and max(text) <= "\uffff" and glyphs.issuperset(map(ord, text)):
        return text  # the common case (Indonesian text with · or —), checked at C speed
    return "".join(
        ch if ord(ch) <= 0xFFFF and ord(ch) in glyphs and ch.isprintable() else REPLACEMENT for ch in text
    )
