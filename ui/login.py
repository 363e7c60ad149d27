"""The login window: shown first, while the database opens behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets import primary_button


class LoginDialog(QDialog):
    """Username and password. ``submitted`` carries them; the caller checks them off the GUI thread."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(translate("LoginDialog", "Loket — Masuk"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(6)
        title = QLabel(translate("LoginDialog", "Loket Pendaftaran"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        self.branch_label = QLabel(translate("LoginDialog", "Membuka basis data…"))
        self.branch_label.setObjectName("loginBranch")
        self.branch_label.setProperty("role", "derived")
        self.branch_label.setTextFormat(Qt.TextFormat.PlainText)
        self.branch_label.setWordWrap(True)
        layout.addWidget(self.branch_label)
        layout.addSpacing(10)
        user_label = QLabel(translate("LoginDialog", "Nama pengguna"))
        user_label.setProperty("role", "fieldLabel")
        layout.addWidget(user_label)
        self.username = QLineEdit()
        self.username.setObjectName("loginUsername")
        self.username.setMaxLength(40)
        self.username.setAccessibleName(translate("LoginDialog", "Nama pengguna"))
        user_label.setBuddy(self.username)
        layout.addWidget(self.username)
        pw_label = QLabel(translate("LoginDialog", "Kata sandi"))
        pw_label.setProperty("role", "fieldLabel")
        layout.addWidget(pw_label)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.password.setAccessibleName(translate("LoginDialog", "Kata sandi"))
        pw_label.setBuddy(self.password)
        layout.addWidget(self.password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        self.button = primary_button(translate("LoginDialog", "Masuk"), "loginButton")
        self.button.setDefault(True)
        layout.addWidget(self.button)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.set_ready(False)

    def set_ready(self, ready: bool, branch_text: str = "") -> None:
        for w in (self.username, self.password, self.button):
            w.setEnabled(ready)
        if branch_text:
            self.branch_label.setText(branch_text)
        if ready:
            self.username.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.button.setText(
            translate("LoginDialog", "Memeriksa…") if busy else translate("LoginDialog", "Masuk")
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        user = self.username.text().strip()
        if not user:
            self.username.setFocus()
            return
        if not self.password.text():
            self.password.setFocus()
            return
        self.error.setVisible(False)
        self.submitted.emit(user, self.password.text())
