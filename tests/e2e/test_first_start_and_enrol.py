"""The real application from bootstrap, offscreen: first start, login, enrol; then the database is read."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.infra import heap
from tests.conftest import SUPERVISOR_PASSWORD
from ui.app import StartupController
from ui.theme import apply_theme


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_first_start_then_login_and_enrol(qtbot: Any, qapp: QApplication, home: Path) -> None:
    apply_theme(qapp)
    first = StartupController(home=str(home))
    first.start()
    qtbot.waitUntil(lambda: first.first_run is not None and first.first_run.isVisible(), timeout=20_000)
    dlg = first.first_run
    assert dlg.steps.currentIndex() == 0 and dlg.db_local.isChecked()  # where the database lives, first
    qtbot.mouseClick(dlg.db_next, Qt.MouseButton.LeftButton)  # the counter's name is asked first
    assert dlg.steps.currentIndex() == 0 and dlg.db_counter_row.error.isVisible()
    type_into(qtbot, dlg.db_counter, "Loket 1")
    qtbot.keyClick(dlg.db_counter, Qt.Key.Key_Return)  # Enter: "Lanjut"
    qtbot.waitUntil(lambda: dlg.steps.currentIndex() == 1, timeout=20_000)
    assert "loket.sqlite3" in dlg.branch_intro.text() and dlg.counter.text() == "Loket 1"
    type_into(qtbot, dlg.code, "101")
    type_into(qtbot, dlg.name, "KCP Indralaya")
    type_into(qtbot, dlg.username, "siti")
    type_into(qtbot, dlg.full_name, "Siti Rahmawati")
    type_into(qtbot, dlg.password, SUPERVISOR_PASSWORD)
    type_into(qtbot, dlg.password2, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dlg.password2, Qt.Key.Key_Return)  # Enter: "Simpan dan mulai"
    # Then the login window, as the README says: the supervisor's name typed, the cursor in the password.
    qtbot.waitUntil(lambda: first.first_run is None and first.login.isVisible(), timeout=20_000)
    assert first.login.username.text() == "siti" and QApplication.focusWidget() is first.login.password
    with qtbot.waitSignal(first.main_window_shown, timeout=20_000):
        qtbot.keyClicks(first.login.password, SUPERVISOR_PASSWORD)
        qtbot.keyClick(first.login.password, Qt.Key.Key_Return)
    window = first.window
    assert window.ui.ctx.counter == "Loket 1"  # printed on receipts from the first one
    assert "Siti Rahmawati" in window.status_officer.text()
    assert "101 KCP Indralaya" in window.status_branch.text()
    assert "loket.sqlite3" in window.status_db.text()
    window.close()
    first.runner.wait()
    first.ready.opened.ctx.engine.dispose()

    # Second start: the login window, then the intake page, keyboard only.
    app = StartupController(home=str(home))
    app.start()
    login = app.login
    qtbot.waitUntil(lambda: login.ready, timeout=20_000)
    assert "KCP Indralaya" in login.branch_label.text()
    type_into(qtbot, login.username, "siti")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, "salah-kata-sandi")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.error.isVisible(), timeout=10_000)
    assert "salah" in login.error.text()
    qtbot.keyClicks(login.password, SUPERVISOR_PASSWORD)
    heap.unsettle_heap()  # an earlier test in this process may have shown a main window
    with qtbot.waitSignal(app.main_window_shown, timeout=20_000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    # Once the window is up, the collector is set for a day at the counter (app.infra.heap).
    qtbot.waitUntil(lambda: gc.get_threshold() == heap.SETTLED_THRESHOLD, timeout=5_000)
    assert gc.get_freeze_count() > 0
    window = app.window
    with qtbot.waitActive(window):
        window.activateWindow()
    page = window.pages["IntakePage"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.nik)
    for text in ("1610014508900003", "Siti Aminah", "Indralaya"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    for text in ("Fatimah", "081234567890", "Jl. Merdeka No. 1"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # village: left empty
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # occupation: default
    assert QApplication.focusWidget() is page.penghasilan
    qtbot.keyClicks(page.penghasilan, "1000000")
    with qtbot.waitSignal(page.enrolled, timeout=20_000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    number = saved.args[0].number
    window.close()
    app.runner.wait()
    app.ready.opened.ctx.engine.dispose()

    with sqlite3.connect(home / "data" / "loket.sqlite3") as db:
        rows = db.execute(
            "select m.number, m.nik, m.nama, m.no_hp, e.income, e.programmes, o.username from member m "
            "join enrolment e on e.member_id = m.id join officer o on o.id = e.officer_id"
        ).fetchall()
    assert rows == [
        (number, "1610014508900003", "SITI AMINAH", "+6281234567890", 1_000_000, "JKK,JKM", "siti")
    ]
