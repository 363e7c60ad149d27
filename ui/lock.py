"""Idle lock: after the configured minutes without input the window hides its data and asks for the password."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets import primary_button

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Watches every input event of the application; emits ``idle`` once the limit passes."""

    idle = Signal()

    def __init__(
        self, minutes: float, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic
    ):
        super().__init__(parent)
        self.limit_s = minutes * 60
        self.clock = clock
        self.last_input = clock()
        self.paused = False
        self.timer = QTimer(self, interval=5_000)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self.limit_s > 0:
            self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def check(self) -> None:
        if not self.paused and self.limit_s > 0 and self.clock() - self.last_input >= self.limit_s:
            self.paused = True
            self.idle.emit()

    def resume(self) -> None:
        self.last_input = self.clock()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockDialog(QDialog):
    """Asks the logged-in officer's password; ``submitted`` carries it to be checked off the GUI thread.

    Someone else at a locked counter (the supervisor come to close the day) uses "Ganti petugas".
    """

    submitted = Signal(str)
    quit_requested = Signal()
    switch_requested = Signal()

    def __init__(self, full_name: str, parent: QWidget | None = None, *, idle: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(translate("LockDialog", "Loket terkunci"))
        self.setModal(True)
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 22, 26, 22)
        title = QLabel(translate("LockDialog", "Layar terkunci"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        why = (
            translate(
                "LockDialog",
                "Terkunci karena tidak ada aktivitas. Masukkan kata sandi {full_name} untuk melanjutkan.",
            )
            if idle
            else translate(
                "LockDialog",
                "Layar dikunci oleh petugas {full_name}. Masukkan kata sandinya untuk melanjutkan.",
            )
        )
        who = QLabel(why.format(full_name=full_name))
        who.setObjectName("lockReason")
        who.setWordWrap(True)
        who.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(who)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("LockDialog", "Kata sandi"))
        layout.addWidget(self.password)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.button = primary_button(translate("LockDialog", "Buka kunci"), "unlockButton")
        self.button.setDefault(True)
        layout.addWidget(self.button)
        self.switch_button = QPushButton(translate("LockDialog", "Ganti petugas"))
        self.switch_button.setObjectName("lockSwitch")
        self.switch_button.setAutoDefault(False)
        layout.addWidget(self.switch_button)
        self.quit_button = QPushButton(translate("LockDialog", "Keluar dari Loket"))
        self.quit_button.setObjectName("lockQuit")
        self.quit_button.setAutoDefault(False)
        layout.addWidget(self.quit_button)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_requested)
        self.quit_button.clicked.connect(self.quit_requested)

    def reject(self) -> None:  # Escape must not unlock
        return

    def _submit(self) -> None:
        if self.password.text():
            self.button.setEnabled(False)
            self.submitted.emit(self.password.text())

    def show_error(self, message: str) -> None:
        self.button.setEnabled(True)
        self.error.setText(message)
        self.error.setVisible(True)
        self.password.clear()
        self.password.setFocus()
