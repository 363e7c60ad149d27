"""Counter speed, measured: a standard BPU walk-in enrolled in the real window from login to saved,
keyboard only. Keystrokes that are not the worker's data (navigation, confirmations) are counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import open_app
from app.infra.settings import load_settings, save_settings
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from ui.app import StartupController
from ui.theme import apply_theme

# The walk-in: a farmer from Ogan Ilir, one month of JKK + JKM, occupation as last used.
WORKER = {
    "nik": "1610014508900003",
    "nama": "Siti Aminah",
    "tempat_lahir": "Indralaya",
    "nama_ibu": "Fatimah",
    "no_hp": "081234567890",
    "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
    "penghasilan": "1000000",
}
LIMIT = 15


class Keyboard:
    """Types into whatever has the focus — like an officer — and counts the non-data keys."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.extra: list[str] = []

    def data(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, name: str = ""
    ) -> None:
        self.extra.append(name or str(key.name))
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_a_bpu_walk_in_takes_at_most_15_extra_keystrokes(qtbot: Any, qapp: QApplication, home: Path) -> None:
    opened = open_app(home=home)
    set_up_branch(opened.ctx)
    save_settings(opened.ctx.paths, load_settings(opened.ctx.paths))  # this computer is set up
    opened.ctx.engine.dispose()
    apply_theme(qapp)
    controller = StartupController(home=str(home))
    controller.start()
    qtbot.waitUntil(lambda: controller.login.ready, timeout=20_000)
    kb = Keyboard(qtbot)
    kb.data("siti")
    kb.key(Qt.Key.Key_Return, name="Enter")
    kb.data(SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(controller.main_window_shown, timeout=20_000):
        kb.key(Qt.Key.Key_Return, name="Enter")
    login_keys = len(kb.extra)
    window = controller.window
    with qtbot.waitActive(window):
        window.activateWindow()
    page = window.pages["IntakePage"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.nik)

    kb.extra.clear()
    for field in ("nik", "nama", "tempat_lahir"):
        kb.data(WORKER[field])
        kb.key(Qt.Key.Key_Return, name="Enter")
    assert QApplication.focusWidget() is page.nama_ibu  # birth date and gender came from the NIK
    for field in ("nama_ibu", "no_hp", "alamat"):
        kb.data(WORKER[field])
        kb.key(Qt.Key.Key_Return, name="Enter")
    kb.key(Qt.Key.Key_Return, name="Enter")  # village: left empty
    kb.key(Qt.Key.Key_Return, name="Enter")  # occupation: kept from last use
    assert QApplication.focusWidget() is page.penghasilan
    kb.data(WORKER["penghasilan"])
    with qtbot.waitSignal(page.enrolled, timeout=20_000) as saved:
        kb.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, name="Ctrl+S")
    member = saved.args[0]
    assert member.nama == "SITI AMINAH" and member.current.programmes == ("JKK", "JKM")
    assert len(kb.extra) <= LIMIT, kb.extra
    print(f"\nlogin: {login_keys} extra keys; enrolment: {len(kb.extra)} extra keys: {' '.join(kb.extra)}")
    window.close()
    controller.runner.wait()
    controller.ready.opened.ctx.engine.dispose()
