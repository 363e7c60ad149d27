"""Idle lock on the main window, and the accounts page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services import auth
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages.accounts import AccountsPage


def test_idle_lock_hides_the_data_until_the_password(qtbot: Any, ui_ctx: Any) -> None:
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    now = [1000.0]
    window.idle.clock = lambda: now[0]
    window.idle.limit_s = 600
    window.idle.resume()
    now[0] += 599
    window.idle.check()
    assert window.lock_dialog is None
    now[0] += 2
    window.idle.check()
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.centralWidget().isVisible()
    qtbot.keyClicks(dialog.password, "salah-sandi-ini")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert window.lock_dialog is dialog and not window.centralWidget().isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape does not unlock
    assert window.lock_dialog is dialog
    qtbot.keyClicks(dialog.password, OFFICER_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=10_000)
    assert window.centralWidget().isVisible()


def test_officer_sees_only_their_password_box(qtbot: Any, ui_ctx: Any) -> None:
    page = AccountsPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.is_supervisor and not hasattr(page, "table")
    page.current.setText(OFFICER_PASSWORD)
    page.new.setText("Sandi-Baru-Loket-2026")
    page.new2.setText("Sandi-Baru-Loket-2026")
    page.change_button.click()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10_000)
    assert auth.login(ui_ctx.ctx, "budi", "Sandi-Baru-Loket-2026").username == "budi"


def test_supervisor_adds_and_deactivates_an_officer(qtbot: Any, ui_ctx: Any, supervisor: Any) -> None:
    sup_ui = UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner)
    page = AccountsPage(sup_ui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    page.add_username.setText("rina")
    page.add_name.setText("Rina Wulandari")
    page.add_password.setText("pendek")
    page.add_button.click()
    qtbot.waitUntil(lambda: page.add_rows["password"].error.isVisible(), timeout=10_000)
    page.add_password.setText("Loket-Sore-Ceria-9")
    qtbot.keyClick(page.add_password, Qt.Key.Key_Return)  # Enter adds, as the button would
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10_000)
    page.table.selectRow([page.table.item(i, 0).text() for i in range(3)].index("budi"))
    page.reason.setText("pindah tugas")
    page.deactivate_button.click()
    qtbot.waitUntil(lambda: "dinonaktifkan" in page.banner.text.text(), timeout=10_000)
    assert auth.officer_by_username(ui_ctx.ctx, "budi") is None
    assert auth.login(ui_ctx.ctx, "siti", SUPERVISOR_PASSWORD).role == "supervisor"
