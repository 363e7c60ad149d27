"""The login window: shown first, usable at once, while the database opens behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.theme import repolish
from ui.widgets import primary_button


class LoginDialog(QDialog):
    """Username and password. ``submitted`` carries them; the caller checks them off the GUI thread.

    The fields take typing from the moment the window shows: a login asked for before the database
    is open waits (``pending``) and goes ahead as soon as it is (``set_ready``).
    """

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
        self.ready = False
        self.pending: tuple[str, str] | None = None
        self.username.setFocus()

    def set_ready(self, ready: bool, branch_text: str = "") -> None:
        """The database is open (``ready``): a login typed meanwhile goes ahead now. The focus stays
        where the officer is typing."""
        self.ready = ready
        if branch_text:
            self.branch_label.setText(branch_text)
        if ready and self.pending is not None:
            user, password = self.pending
            self.pending = None
            self.submitted.emit(user, password)

    def prefill(self, username: str, note: str = "") -> None:
        """After first start or a hand-over: the next person's name (if known) typed, the cursor in
        the password; ``note`` says what happened (e.g. a form kept for its officer)."""
        self.username.setText(username)
        self.password.clear()
        self.set_busy(False)
        if note:
            self.error.setProperty("role", "derived")
            self.error.setText(note)
            self.error.setVisible(True)
        else:
            self.error.setVisible(False)
        (self.password if username else self.username).setFocus()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.button.setText(
            translate("LoginDialog", "Memeriksa…") if busy else translate("LoginDialog", "Masuk")
        )

    def show_error(self, message: str) -> None:
        self.error.setProperty("role", "error")
        repolish(self.error)
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
        if not self.ready:  # the database is still opening: log in as soon as it is open
            self.pending = (user, self.password.text())
            self.button.setText(translate("LoginDialog", "Menunggu basis data…"))
            self.button.setEnabled(False)
            return
        self.submitted.emit(user, self.password.text())
