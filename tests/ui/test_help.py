"""F1 lists every page's key and the global shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from ui.context import UiContext
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
    keys = shortcut_keys(dialog)
    for page in window.pages.values():
        if getattr(page, "shortcut", ""):
            assert page.shortcut in keys
    assert {"F1", "Ctrl+L", "Ctrl+S", "Ctrl+N"} <= set(keys)


def shortcut_keys(dialog: Any) -> list[str]:
    """The keys in the help dialog's first column, as the officer reads them."""
    return [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]


def _listed(keys: list[str]) -> set[str]:
    out: set[str] = set()
    for entry in keys:
        out |= {k.strip() for k in entry.split(" / ")}
    return out


def test_f1_lists_every_key_the_window_and_its_pages_answer_and_no_key_has_two_meanings(
    qtbot: Any, ui_ctx: UiContext, supervisor: Any
) -> None:
    window = MainWindow(UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner))
    qtbot.addWidget(window)
    for name in list(window.pages):
        window.pages[name]  # every page built, with its keys
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    listed = _listed(shortcut_keys(dialog))
    owners: dict[str, set[str]] = {}
    for shortcut in window.findChildren(QShortcut):
        key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText).replace("Return", "Enter")
        if not key:
            continue
        owner = shortcut.parent()
        while owner is not None and owner.objectName() != "page" and owner is not window:
            owner = owner.parent()
        owners.setdefault(key, set()).add(type(owner).__name__ if owner is not window else "global")
        assert key in listed, f"{key} ({type(shortcut.parent()).__name__}) is missing from F1"
    for action in window.findChildren(QAction):
        key = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if key:
            assert key in listed, f"{key} ({action.text()}) is missing from F1"
    # A global key (the pages' F-keys, F1, Ctrl+L …) is never also a page's own key.
    global_keys = {k for k, who in owners.items() if "global" in who}
    for key in global_keys:
        assert owners[key] == {"global"}, f"{key} means two things: {owners[key]}"
    assert "F5" in global_keys and {"Ctrl+B", "Ctrl+P", "Ctrl+E", "Ctrl+R", "Ctrl+U"} <= listed
    assert owners["Ctrl+U"] == {"DashboardPage", "DayClosePage", "RegionPage"}  # refresh, the same meaning
