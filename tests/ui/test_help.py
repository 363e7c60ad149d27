"""F1 lists every page's key and the global shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.main_window import MainWindow


def test_f1_shows_every_shortcut(qtbot: Any, ui_ctx: Any) -> None:
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_dialog is not None and window.help_dialog.isVisible(), timeout=5000)
    dialog = window.help_dialog
    assert dialog is not None
    keys = dialog.shortcut_keys()
    for page in window.pages.values():
        if getattr(page, "shortcut", ""):
            assert page.shortcut in keys
    assert {"F1", "Ctrl+L", "Ctrl+S", "Ctrl+N"} <= set(keys)
