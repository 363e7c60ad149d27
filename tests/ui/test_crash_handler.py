"""An unexpected error writes a report without personal data and keeps the form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit

from ui.crash import CrashHandler


def test_unexpected_error_reports_without_personal_data(qtbot: Any, tmp_path: Path) -> None:
    form = QLineEdit()
    qtbot.addWidget(form)
    form.setText("SITI AMINAH 1610014508900003")
    handler = CrashHandler(tmp_path, lambda: form)
    try:
        raise RuntimeError("simpan gagal untuk SITI AMINAH 1610014508900003")
    except RuntimeError as exc:
        handler(RuntimeError, exc, exc.__traceback__)
    assert handler.last_report is not None
    text = handler.last_report.read_text()
    assert "SITI" not in text and "1610014508900003" not in text and "RuntimeError" in text
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog")
    assert "tetap ada di layar" in box.text()
    handler(RuntimeError, RuntimeError("again"), None)  # a second error does not stack a second box
    assert sum(w.objectName() == "crashDialog" and w.isVisible() for w in QApplication.topLevelWidgets()) == 1
    box.close()
    assert form.text() == "SITI AMINAH 1610014508900003"
