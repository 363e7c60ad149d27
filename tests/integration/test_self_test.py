"""``loket --self-test`` runs the whole chain in a throwaway database and exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.launch import main


def test_self_test_passes_and_touches_nothing_else(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "Swauji berhasil." in out
    for step in (
        "daftarkan pekerja contoh",
        "cetak kartu peserta",
        "verifikasi QR kartu",
        "baca KTP contoh (luring)",
        "jalankan proses pembantu",
        "periksa rantai audit",
    ):
        assert f"OK {step}" in out
    assert not home.exists() or not any(home.rglob("*.sqlite3"))  # the real data folder stays untouched
