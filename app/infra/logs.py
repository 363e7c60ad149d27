"""Rotating log files in the user log folder, scrubbed of anything that could be personal data."""

from __future__ import annotations

import logging
import logging.handlers
import re
import traceback
from pathlib import Path
from types import TracebackType

# NIKs (16 digits), membership numbers (11), phone numbers (+62…/08…, with separators) and any other
# long digit run. Names cannot be recognised by pattern: code must never log them (reviewed, tested).
_DIGITS = re.compile(r"\+?\d[\d .\-]{8,}\d")
_EMAILISH = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
LOG_FILE = "loket.log"


def scrub(text: str) -> str:
    text = _DIGITS.sub("[angka]", text)
    return _EMAILISH.sub("[email]", text)


class ScrubFilter(logging.Filter):
    """Applied to every record before it is written: the formatted message loses its digits."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = safe_traceback(*record.exc_info)
            record.exc_info = None
        return True


def configure_logging(folder: Path, *, level: int = logging.INFO) -> Path:
    """One rotating file (1 MiB × 5) per machine; idempotent."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for h in root.handlers:
        if getattr(h, "loket", False):
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_048_576, backupCount=5, encoding="utf-8")
    handler.loket = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ScrubFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return path


def safe_traceback(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """Where it failed (files, lines, functions) and the exception's type — never its message or locals,
    which can quote names, NIKs and SQL parameters."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def write_crash_report(
    folder: Path,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    version: str,
    when: str,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{when}.txt"
    body = (
        f"Loket {version} — laporan kesalahan ({when})\n"
        "Laporan ini tidak memuat data peserta: hanya jenis kesalahan dan letaknya di program.\n\n"
        f"{safe_traceback(exc_type, exc, tb)}\n"
    )
    path.write_text(body, encoding="utf-8")
    return path
