"""Logs and crash reports carry no NIK, phone number or exception text."""

from __future__ import annotations

import logging
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.infra.logs import configure_logging, safe_traceback, scrub, write_crash_report


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_scrub_removes_every_nik(nik: str) -> None:
    assert nik not in scrub(f"gagal menyimpan NIK {nik} untuk peserta")


def test_scrub_removes_phone_numbers_and_numbers() -> None:
    text = scrub("hp +62 812-3456-7890 / 0812 3456 7890, nomor 10100000013, mail a.b@x.id, 5 baris")
    assert "812" not in text and "10100000013" not in text and "a.b@x.id" not in text
    assert "5 baris" in text


def test_log_file_gets_scrubbed_records(tmp_path: Path) -> None:
    root = logging.getLogger()
    for h in [h for h in root.handlers if getattr(h, "loket", False)]:  # another test's log folder
        root.removeHandler(h)
        h.close()
    path = configure_logging(tmp_path)
    log = logging.getLogger("loket.test")
    log.warning("duplikat %s", "1610014508900003")
    try:
        raise ValueError("NIK 1610014508900003 SITI AMINAH")
    except ValueError:
        log.exception("gagal")
    for h in list(logging.getLogger().handlers):
        if getattr(h, "loket", False):
            h.close()
            logging.getLogger().removeHandler(h)
    text = path.read_text()
    assert "1610014508900003" not in text and "SITI AMINAH" not in text
    assert "duplikat [angka]" in text and "builtins.ValueError" in text


def test_crash_report_has_no_message(tmp_path: Path) -> None:
    try:
        raise RuntimeError("gagal untuk SITI AMINAH 1610014508900003")
    except RuntimeError as exc:
        path = write_crash_report(tmp_path, RuntimeError, exc, exc.__traceback__, version="0.1", when="x")
        assert "SITI" not in path.read_text() and "1610014508900003" not in path.read_text()
        assert "test_logs.py" in safe_traceback(RuntimeError, exc, exc.__traceback__)
