"""Read a KTP picture's printed lines: straighten the card, cut the layout's lines, OCR each one.

A line read unsure is read again from a differently prepared strip and the surer reading kept; the
NIK is always read twice, and the two readings must agree for it to count as sure. The picture and
every strip cut from it are dropped (and the buffers zeroed where Python lets us) once read.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps

from app.domain import ktp_layout as layout
from app.domain.ktp_reading import SURE, WEAKEST, LineRead
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.infra.ktp_image import Straightened, open_image, straighten
from app.infra.ktp_lines import LINE_PX, line_image
from app.infra.ktp_ocr import DIGITS, TEXT_CHARS, LineEngine, LineText

_CHARSETS = {"nik": DIGITS, "rt_rw": DIGITS + "/"}
# Free text no list can check: read a second time from another preparation; the two must agree.
READ_TWICE = frozenset({"nama", "ttl", "alamat"})


@dataclass(frozen=True, slots=True)
class CardLines:
    """Every layout line read from one KTP picture, and whether a card was found in it."""

    lines: dict[str, LineRead]
    card_found: bool


def _variant(strip: Image.Image, kind: int) -> Image.Image:
    """Another preparation of the same strip: sharpened and thresholded (1), smaller (2) or larger (3)."""
    if kind == 1:
        sharp = strip.filter(ImageFilter.UnsharpMask(radius=3, percent=160, threshold=0))
        hist = sharp.histogram()
        total = sum(hist)
        acc, cut = 0, 128
        for i, n in enumerate(hist):  # the darkest ~18 % of pixels are ink
            acc += n
            if acc > total * 0.18:
                cut = i + 8
                break
        return sharp.point(lambda v: 0 if v < cut else 255)
    w, h = strip.size
    f = (30 if kind == 2 else 50) / LINE_PX
    return ImageOps.autocontrast(
        strip.resize((max(1, round(w * f)), max(1, round(h * f))), Image.Resampling.LANCZOS)
    )


def _as_read(key: str, t: LineText, agreed: bool = True) -> LineRead:
    weakest = min((c for ch, c in t.chars if ch != " "), default=0.0)
    return LineRead(key, t.text, t.confidence, weakest, agreed)


def _good(r: LineRead) -> bool:
    return bool(r.text.strip()) and r.confidence >= SURE and r.weakest >= WEAKEST


def _score(r: LineRead) -> float:
    return (r.confidence + r.weakest) if r.text.strip() else -1.0


def _read_nik(engine: LineEngine, strip: Image.Image, first: LineRead) -> LineRead:
    """The NIK read from four preparations; sure only when at least three give the same 16 digits."""
    reads = [first] + [_as_read("nik", engine.read_line(_variant(strip, k), DIGITS)) for k in (1, 2, 3)]
    votes: dict[str, list[LineRead]] = {}
    for r in reads:
        votes.setdefault(r.text.replace(" ", ""), []).append(r)
    text, backers = max(votes.items(), key=lambda kv: (len(kv[1]), len(kv[0]) == 16, max(map(_score, kv[1]))))
    best = max(backers, key=_score)
    return LineRead("nik", text, best.confidence, min(r.weakest for r in backers), agreed=len(backers) >= 3)


def read_band(engine: LineEngine, card: Image.Image, band: layout.Band) -> LineRead:
    charset = _CHARSETS.get(band.key, TEXT_CHARS)
    strip = line_image(card, band)
    first = _as_read(band.key, engine.read_line(strip, charset))
    if band.key == "nik":
        return _read_nik(engine, strip, first)
    if _good(first):
        if band.key not in READ_TWICE:
            return first
        second = engine.read_line(_variant(strip, 3), charset)
        return LineRead(first.key, first.text, first.confidence, first.weakest, first.agreed, second.text)
    best = first
    for kind in (1, 2):
        again = _as_read(band.key, engine.read_line(_variant(strip, kind), charset))
        if _score(again) > _score(best):
            best = again
        if _good(best):
            break
    return best


def read_lines(
    engine: LineEngine,
    data: bytes | bytearray,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> CardLines:
    """The printed lines of the KTP in ``data`` (an encoded image), read by ``engine``."""
    bands = layout.READ_BANDS
    total = len(bands) + 2
    progress(0, total, "Membuka gambar…")
    img, scale = open_image(data)
    progress(1, total, "Mencari kartu dan meluruskannya…")
    straight: Straightened = straighten(img, scale)
    wipe(img)
    lines: dict[str, LineRead] = {}
    try:
        for i, band in enumerate(bands):
            if cancel.cancelled:
                raise Cancelled()
            progress(2 + i, total, "Membaca tulisan pada KTP…")
            lines[band.key] = read_band(engine, straight.card, band)
    finally:
        wipe(straight.card)
    progress(total, total, "Selesai")
    return CardLines(lines, straight.found)


def wipe(img: Image.Image) -> None:
    """Overwrite a decoded picture's pixels before letting it go (the KTP photo is personal data)."""
    with contextlib.suppress(ValueError, OSError):
        img.paste(0, (0, 0, img.size[0], img.size[1]))
    img.close()
