"""The OCR engine behind the KTP reader: Tesseract (tesserocr) reading one printed line at a time.

Chosen by measurement against RapidOCR/PP-OCR (benchmarks/bench_ktp.py, README): on layout crops
both read the card; Tesseract is the smaller component by far and fast enough. The engine and its
trained data load on first use, never at start-up, and never from the network.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TEXT_CHARS = UPPER + DIGITS + " .,-/'()"
_LANGS = ("ind", "eng")


class EngineUnavailableError(Exception):
    """The reader's component is not installed on this computer (a message the officer can act on)."""

    code = "ktp.engine_missing"


@dataclass(frozen=True, slots=True)
class LineText:
    """The text OCR read on one strip of the card, with its confidence."""

    text: str
    confidence: float  # 0..1, the engine's mean over the line
    chars: tuple[tuple[str, float], ...] = ()  # each character with its own confidence, when known


class LineEngine(Protocol):
    """An OCR engine that reads one line of text from a strip of image (Tesseract, or a fake in tests)."""

    name: str

    def read_line(self, image: Image.Image, charset: str) -> LineText: ...


def tessdata_dirs() -> list[Path]:
    """Where Tesseract's trained data may be: LOKET_TESSDATA, the bundle, then the system's."""
    found: list[Path] = []
    env = os.environ.get("LOKET_TESSDATA")
    if env:
        found.append(Path(env))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(Path(frozen) / "tessdata")
    for base in (Path("/usr/share/tesseract-ocr"), Path("/usr/local/share/tesseract-ocr")):
        if base.is_dir():
            found.extend(sorted(base.glob("*/tessdata"), reverse=True))
    found.append(Path("/usr/share/tessdata"))
    return [d for d in found if d.is_dir()]


def _pick_data() -> tuple[Path, str]:
    for d in tessdata_dirs():
        for lang in _LANGS:
            if (d / f"{lang}.traineddata").is_file():
                return d, lang
    raise EngineUnavailableError(
        "Data bahasa OCR (ind.traineddata) tidak ditemukan; pasang komponen Baca KTP "
        "(Debian: tesseract-ocr-ind) atau atur LOKET_TESSDATA."
    )


class TesseractEngine:
    """One tesserocr API, reused for every line (loading it costs ~0.1 s); calls are serialised."""

    name = "tesseract"

    def __init__(self) -> None:
        try:
            # By name: the bundle carries Tesseract as an optional component (build-ktp.spec), so the
            # base bundle's analysis must not follow this import.
            tesserocr = importlib.import_module("tesserocr")
        except ImportError as exc:  # the optional component is not installed
            raise EngineUnavailableError(
                "Komponen Baca KTP belum terpasang di komputer ini (tesserocr). "
                "Data KTP tetap bisa diketik seperti biasa."
            ) from exc
        self._t = tesserocr
        data, lang = _pick_data()
        self.data_dir = data
        self.lang = lang
        self._api: Any = tesserocr.PyTessBaseAPI(
            path=str(data) + os.sep, lang=lang, psm=tesserocr.PSM.SINGLE_LINE, oem=tesserocr.OEM.LSTM_ONLY
        )
        self._api.SetVariable("load_system_dawg", "0")
        self._api.SetVariable("load_freq_dawg", "0")
        self._lock = threading.Lock()
        self._charset = ""

    def read_line(self, image: Image.Image, charset: str) -> LineText:
        t = self._t
        with self._lock:
            if charset != self._charset:
                self._api.SetVariable("tessedit_char_whitelist", charset)
                self._charset = charset
            self._api.SetImage(image)
            self._api.Recognize()
            chars: list[tuple[str, float]] = []
            it = self._api.GetIterator()
            level = t.RIL.SYMBOL
            words = t.RIL.WORD
            if it is not None:
                for sym in t.iterate_level(it, level):
                    try:
                        ch = sym.GetUTF8Text(level)
                    except RuntimeError:  # an empty symbol box
                        continue
                    if not ch:
                        continue
                    if chars and sym.IsAtBeginningOf(words):
                        chars.append((" ", 1.0))
                    chars.append((ch, max(0.0, min(1.0, sym.Confidence(level) / 100))))
            text = "".join(c for c, _ in chars)
            conf = self._api.MeanTextConf() / 100 if chars else 0.0
            self._api.Clear()
        return LineText(text, max(0.0, conf), tuple(chars))

    def close(self) -> None:
        with self._lock:
            self._api.End()


_engine: LineEngine | None = None
_engine_lock = threading.Lock()


def default_engine() -> LineEngine:
    """The process's engine, created on first use (lazily: the app starts without it)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = TesseractEngine()
        return _engine
