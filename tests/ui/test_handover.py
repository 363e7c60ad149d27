"""Handing the counter over: the login window takes typing at once, officers switch without quitting,
an unsaved intake form is asked about and kept for its officer, and the lock says who locked it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import select

from app.bootstrap import open_app
from app.db.models import AuditEvent
from app.infra.settings import load_settings, save_settings
from app.services import auth
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import OFFICER_PASSWORD
from ui.app import StartupController
from ui.theme import apply_theme


@pytest.fixture
def counter_home(home: Path) -> Path:
    """A computer already set up: a branch, the supervisor ``siti`` and the officer ``budi``."""
    opened = open_app(home=home)
    set_up_branch(opened.ctx)
    siti = auth.login(opened.ctx, "siti", SUPERVISOR_PASSWORD)
    auth.add_officer(
        opened.ctx,
        username="budi",
        full_name="Budi Santoso",
        role="officer",
        password=OFFICER_PASSWORD,
        by=siti,
    )
    save_settings(opened.ctx.paths, load_settings(opened.ctx.paths).with_(counter_name="Loket 1"))
    opened.ctx.engine.dispose()
    return home


@pytest.fixture
def controller(qapp: QApplication, counter_home: Path) -> Iterator[StartupController]:
    apply_theme(qapp)
    c = StartupController(home=str(counter_home))
    yield c
    if c.window is not None:
        c.window.leaving = True  # whatever a test left on the form: no question at teardown
        c.window.close()
    c.login.close()
    for _ in range(3):  # answers still on their way reach their (closed) windows while the runner lives
        c.runner.wait()
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if c.ready is not None:
        c.ready.opened.ctx.engine.dispose()


def log_in(qtbot: Any, c: StartupController, username: str, password: str) -> Any:
    login = c.login
    qtbot.waitUntil(lambda: login.isVisible() and login.ready, timeout=20_000)
    login.username.setFocus()
    login.username.selectAll()
    qtbot.keyClicks(login.username, username)
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, password)
    with qtbot.waitSignal(c.main_window_shown, timeout=20_000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = c.window
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def answer(qtbot: Any, box_name: str, button_name: str) -> list[str]:
    """Click ``button_name`` of the question box ``box_name`` once it is up; returns its texts."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == box_name:
            seen.extend([box.text(), box.informativeText()])
            box.findChild(QPushButton, button_name).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return seen


def fill_some_of_the_form(qtbot: Any, window: Any) -> Any:
    page = window.pages["IntakePage"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.nik)
    qtbot.keyClicks(page.nik, "1610014508900003")
    qtbot.keyClick(page.nik, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "Siti Aminah")
    page.penghasilan.setText("1.500.000")
    page.segmen.setCurrentIndex(page.segmen.findData("BPU"))
    page.programmes["JHT"].setChecked(True)
    return page


def test_the_login_window_takes_typing_before_the_database_is_open(
    qtbot: Any, controller: StartupController
) -> None:
    opening = threading.Event()
    real_open = controller._open

    def slow_open() -> Any:
        opening.wait(20)  # the database is still opening while the officer types
        return real_open()

    controller._open = slow_open  # type: ignore[method-assign]
    controller.start()
    login = controller.login
    assert login.isVisible() and not login.ready
    assert login.username.isEnabled() and login.password.isEnabled()
    assert login.focusWidget() is login.username  # the cursor waits in the name
    login.username.setFocus()
    qtbot.keyClicks(login.username, "budi")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, OFFICER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.pending == ("budi", OFFICER_PASSWORD)  # nothing typed early is lost
    assert login.button.text() == "Menunggu basis data…" and not login.button.isEnabled()
    with qtbot.waitSignal(controller.main_window_shown, timeout=20_000):
        opening.set()
    assert controller.window.ui.actor.username == "budi"


def test_switching_officer_keeps_an_unsaved_form_for_its_officer_only(
    qtbot: Any, controller: StartupController
) -> None:
    controller.start()
    budi_window = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    page = fill_some_of_the_form(qtbot, budi_window)

    # The question is asked; going back to the form leaves everything as it was.
    seen = answer(qtbot, "unsavedQuestion", "unsavedStay")
    qtbot.keyClick(
        budi_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "SITI AMINAH" in seen[0].upper() and controller.window is budi_window
    assert page.nama.text() == "Siti Aminah"

    # Keep it for Budi: the login window comes back, saying so.
    with qtbot.waitActive(budi_window):
        budi_window.activateWindow()
    answer(qtbot, "unsavedQuestion", "unsavedKeep")
    qtbot.keyClick(
        budi_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: controller.window is None and controller.login.isVisible(), timeout=10_000)
    assert "Budi Santoso" in controller.login.error.text() and controller.login.username.text() == ""

    # The supervisor comes to the counter: an empty form, not Budi's.
    siti_window = log_in(qtbot, controller, "siti", SUPERVISOR_PASSWORD)
    assert siti_window.ui.actor.username == "siti"
    assert siti_window.pages["IntakePage"].nik.text() == ""
    siti_window.switch_officer()  # nothing unsaved: no question
    qtbot.waitUntil(lambda: controller.window is None, timeout=10_000)

    # Budi back: his form as he left it.
    again = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    form = again.pages["IntakePage"]
    assert (form.nik.text(), form.nama.text(), form.penghasilan.text()) == (
        "1610014508900003",
        "Siti Aminah",
        "1.500.000",
    )
    assert form.programmes["JHT"].isChecked() and form.tanggal_lahir.text() == "05-08-1990"
    assert controller.drafts == {}

    def events(s: Any) -> list[tuple[str, str | None]]:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.actor)
            .where(AuditEvent.action.in_(("login.ok", "logout")))
            .order_by(AuditEvent.seq)
        )
        return [(a, b) for a, b in rows]

    ctx = again.ui.ctx
    controller.runner.wait()
    assert ctx.read(events)[1:] == [  # (the first: the fixture's supervisor adding Budi)
        ("login.ok", "budi"),
        ("logout", "budi"),
        ("login.ok", "siti"),
        ("logout", "siti"),
        ("login.ok", "budi"),
    ]


def test_discarding_an_unsaved_form_on_a_switch_clears_it(qtbot: Any, controller: StartupController) -> None:
    controller.start()
    window = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    fill_some_of_the_form(qtbot, window)
    answer(qtbot, "unsavedQuestion", "unsavedDiscard")
    window.actions_by_key["Ctrl+Shift+L"].trigger()  # the menu's item, as from Alt+L
    qtbot.waitUntil(lambda: controller.window is None, timeout=10_000)
    again = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    assert again.pages["IntakePage"].nik.text() == ""


def test_ctrl_l_says_who_locked_and_someone_else_can_take_the_counter(
    qtbot: Any, controller: StartupController
) -> None:
    controller.start()
    window = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    fill_some_of_the_form(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.lock_dialog
    assert lock is not None
    reason = lock.findChildren(type(lock.error), "lockReason")[0].text()
    assert "dikunci oleh petugas Budi Santoso" in reason and "tidak ada aktivitas" not in reason
    # The supervisor at the locked counter: "Ganti petugas". Budi is away: his form is kept for him.
    lock.switch_button.click()
    qtbot.waitUntil(lambda: controller.window is None and controller.login.isVisible(), timeout=10_000)
    assert "Budi Santoso" in controller.login.error.text()
    assert "budi" in controller.drafts


def test_the_idle_lock_says_it_was_inactivity(qtbot: Any, controller: StartupController) -> None:
    controller.start()
    window = log_in(qtbot, controller, "budi", OFFICER_PASSWORD)
    window.lock(idle=True)
    reason = window.lock_dialog.findChildren(type(window.lock_dialog.error), "lockReason")[0].text()
    assert "tidak ada aktivitas" in reason
