"""The real application from bootstrap, offscreen: enrol at the intake page, F3, type the name, Enter,
and the member page shows the number (the view audited)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import SUPERVISOR_PASSWORD
from ui.app import StartupController
from ui.theme import apply_theme


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_enrol_then_find_by_name_and_open_the_member(qtbot: Any, qapp: QApplication, home: Path) -> None:
    apply_theme(qapp)
    app = StartupController(home=str(home))
    app.start()
    qtbot.waitUntil(lambda: app.first_run is not None and app.first_run.isVisible(), timeout=20_000)
    dlg = app.first_run
    type_into(qtbot, dlg.db_counter, "Loket 2")
    qtbot.mouseClick(dlg.db_next, Qt.MouseButton.LeftButton)  # the database: local SQLite
    qtbot.waitUntil(lambda: dlg.steps.currentIndex() == 1, timeout=20_000)
    for widget, text in (
        (dlg.code, "101"),
        (dlg.name, "KCP Indralaya"),
        (dlg.username, "siti"),
        (dlg.full_name, "Siti Rahmawati"),
        (dlg.password, SUPERVISOR_PASSWORD),
        (dlg.password2, SUPERVISOR_PASSWORD),
    ):
        type_into(qtbot, widget, text)
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.first_run is None and app.login.isVisible(), timeout=20_000)
    with qtbot.waitSignal(app.main_window_shown, timeout=20_000):
        qtbot.keyClicks(app.login.password, SUPERVISOR_PASSWORD)
        qtbot.keyClick(app.login.password, Qt.Key.Key_Return)
    window = app.window
    with qtbot.waitActive(window):
        window.activateWindow()

    intake = window.pages["IntakePage"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.nik)
    for text in ("1610014508900003", "Siti Aminah", "Indralaya", "Fatimah", "081234567890", "Jl. Merdeka 1"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # village: left empty
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # occupation: default
    qtbot.keyClicks(intake.penghasilan, "1000000")
    with qtbot.waitSignal(intake.enrolled, timeout=20_000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    number = saved.args[0].number

    # F3: the search page, the cursor in its box.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    search = window.pages["SearchPage"]
    assert window.stack.currentWidget() is search
    assert QApplication.focusWidget() is search.box
    member = window.pages["MemberPage"]
    with qtbot.waitSignal(member.loaded, timeout=20_000):
        qtbot.keyClicks(search.box, "siti aminah")
        qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is member
    assert member.number.text().replace(" ", "") == number
    assert member.values["nik"].text() == "1610014508900003"
    assert search.model.index(0, 2).data() == "161001******0003"  # masked in the results
    window.close()
    app.runner.wait()
    qtbot.waitUntil(lambda: not app.runner.busy)  # every queued completion delivered before teardown
    app.ready.opened.ctx.engine.dispose()

    with sqlite3.connect(home / "data" / "loket.sqlite3") as db:
        views = db.execute("select actor, entity_id from audit_event where action = 'member.view'").fetchall()
    assert views == [("siti", number)]
