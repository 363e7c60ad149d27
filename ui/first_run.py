"""First start: set up the branch and the first supervisor account, in one dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.clock import TIMEZONES
from app.domain.issues import Issue
from ui.widgets import Banner, FieldRow, primary_button


class FirstRunDialog(QDialog):
    """Collects branch and supervisor data; ``submitted`` carries them as a dict."""

    submitted = Signal(dict)

    def __init__(self, database_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Loket — Pengaturan awal")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel("Selamat datang di Loket")
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        intro = QLabel(
            "Basis data baru sudah dibuat. Isi data kantor cabang dan akun supervisor pertama.\n"
            f"Basis data: {database_label}"
        )
        intro.setObjectName("pageHint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = Banner("firstRunBanner")
        layout.addWidget(self.banner)

        self.code = QLineEdit()
        self.code.setMaxLength(3)
        self.code.setObjectName("field_code")
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setObjectName("field_name")
        self.timezone = QComboBox()
        self.timezone.setObjectName("field_timezone")
        for tz, label in TIMEZONES.items():
            self.timezone.addItem(f"{label} ({tz})", tz)
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.username.setObjectName("field_username")
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.full_name.setObjectName("field_full_name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("field_password")
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setObjectName("field_password2")
        self.rows = {
            "code": FieldRow("code", "Kode cabang (3 digit, awalan nomor peserta)", self.code, required=True),
            "name": FieldRow("name", "Nama kantor cabang", self.name, required=True),
            "timezone": FieldRow("timezone", "Zona waktu", self.timezone, required=True),
            "username": FieldRow("username", "Nama pengguna supervisor", self.username, required=True),
            "full_name": FieldRow("full_name", "Nama lengkap supervisor", self.full_name, required=True),
            "password": FieldRow(
                "password", "Kata sandi (minimal 12 karakter)", self.password, required=True
            ),
            "password2": FieldRow("password2", "Ulangi kata sandi", self.password2, required=True),
        }
        for row in self.rows.values():
            layout.addWidget(row)
        self.button = primary_button("Simpan dan mulai", "firstRunButton")
        self.button.setDefault(True)
        layout.addWidget(self.button)
        self.button.clicked.connect(self._submit)
        self.code.setFocus()

    def show_issues(self, issues: list[Issue]) -> None:
        for row in self.rows.values():
            row.set_error(None)
        general = []
        for issue in issues:
            row = self.rows.get(issue.field)
            if row is not None:
                row.set_error(issue.message)
            else:
                general.append(issue.message)
        if general:
            self.banner.show_message("error", "\n".join(general))
        self.button.setEnabled(True)

    def _submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.show_issues([Issue("password2", "password.mismatch", "Kedua kata sandi tidak sama.")])
            return
        self.button.setEnabled(False)
        self.banner.clear()
        self.submitted.emit(
            {
                "code": self.code.text().strip(),
                "name": self.name.text().strip(),
                "timezone": self.timezone.currentData(),
                "username": self.username.text().strip().lower(),
                "full_name": self.full_name.text().strip(),
                "password": self.password.text(),
            }
        )
