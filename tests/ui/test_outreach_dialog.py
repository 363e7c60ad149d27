"""The outreach list from the dashboard: a month and a region in, the PDF previewed or an XLSX saved."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from app.domain.schedule import Schedule
from app.services import contributions, enrolment
from tests.conftest import FakeClock, bpu_record
from ui.context import UiContext
from ui.dialogs.outreach import OutreachDialog


def test_the_list_is_previewed_and_saved(
    qtbot: Any, ui_ctx: UiContext, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.now = dt.datetime(2027, 2, 20, 3, 0, tzinfo=dt.UTC)
    number = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(bulan_bayar=0)).number
    assert number is not None
    contributions.set_schedule(ui_ctx.ctx, ui_ctx.actor, number, Schedule.parse("3,9"))
    dialog = OutreachDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.month.date() == QDate(2027, 2, 1)
    dialog.month.setDate(QDate(2027, 3, 1))
    dialog.region.setText("16.10.01")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15_000)
    assert dialog.preview is not None
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.preview.pdf)).pages)
    assert number in text and "Maret 2027" in text
    assert dialog.summary.text() == "1 peserta, jumlah Rp100.800."
    dialog.preview.close()
    target = tmp_path / "daftar.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.xlsx_button.click()
    qtbot.waitUntil(target.exists, timeout=15_000)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == [number]
    dialog.region.setText("99.x")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=15_000)
    assert "Kode wilayah harus kode Kemendagri" in dialog.banner.text.text()
