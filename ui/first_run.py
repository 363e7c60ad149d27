"""First start on a computer: where the database lives and the counter's name, then the branch and first
supervisor, then the card printer. Enter activates each step's button; then the login window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import TIMEZONES
from app.domain.counter_name import MAX_LENGTH, clean_counter_name, validate_counter_name
from app.domain.issues import Issue
from ui.i18n import translate
from ui.models import display
from ui.widgets import Banner, FieldRow, primary_button

STEP_DATABASE, STEP_BRANCH = 0, 1


class FirstRunDialog(QDialog):
    """``database_chosen`` carries a URL (None: the local SQLite file); ``submitted`` the branch data."""

    database_chosen = Signal(object)
    test_requested = Signal(str)
    submitted = Signal(dict)

    def __init__(
        self, database_label: str = "", parent: QWidget | None = None, *, counter_name: str = ""
    ) -> None:
        super().__init__(parent)
        self._counter_name = counter_name
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(translate("FirstRunDialog", "Loket — Pengaturan awal"))
        self.setMinimumWidth(740)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(translate("FirstRunDialog", "Selamat datang di Loket"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        self.banner = Banner("firstRunBanner")
        layout.addWidget(self.banner)
        self.steps = QStackedWidget()
        self.steps.setObjectName("firstRunSteps")
        self.steps.addWidget(self._database_step())
        self.steps.addWidget(self._branch_step(database_label))
        layout.addWidget(self.steps)

    # ---- step 1: the database -------------------------------------------------------------------------
    def _database_step(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            translate(
                "FirstRunDialog",
                "Langkah 1 dari 2 — Basis data. Satu loket di laptop atau di acara desa/pasar memakai basis data "
                "lokal. Bila beberapa loket di kantor cabang berbagi satu server, pilih server cabang.",
            )
        )
        intro.setObjectName("pageHint")
        intro.setWordWrap(True)
        v.addWidget(intro)
        self.db_local = QRadioButton(
            translate(
                "FirstRunDialog", "Basis data lokal di komputer ini (SQLite) — disarankan untuk satu loket"
            )
        )
        self.db_local.setObjectName("firstRunLocal")
        self.db_server = QRadioButton(translate("FirstRunDialog", "Server cabang (PostgreSQL)"))
        self.db_server.setObjectName("firstRunServer")
        self.db_local.setChecked(True)
        v.addWidget(self.db_local)
        v.addWidget(self.db_server)
        self.db_url = QLineEdit()
        self.db_url.setObjectName("firstRunUrl")
        self.db_url.setPlaceholderText(
            translate("FirstRunDialog", "postgresql+psycopg://loket@server-cabang/loket")
        )
        self.db_url.setEnabled(False)
        self.url_row = FieldRow("url", translate("FirstRunDialog", "Alamat server basis data"), self.db_url)
        v.addWidget(self.url_row)
        self.db_counter = self._counter_field("firstRunCounter")
        self.db_counter_row = FieldRow(
            "loket",
            translate("FirstRunDialog", "Nama loket ini (dicetak di tanda terima)"),
            self.db_counter,
            hint=translate("FirstRunDialog", "mis. Loket 1, Meja Depan, Laptop Desa 2"),
            required=True,
        )
        v.addWidget(self.db_counter_row)
        self.db_result = QLabel()
        self.db_result.setObjectName("firstRunProbe")
        self.db_result.setWordWrap(True)
        self.db_result.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.db_result)
        row = QHBoxLayout()
        self.db_test = QPushButton(translate("FirstRunDialog", "Tes koneksi"))
        self.db_test.setObjectName("firstRunTest")
        self.db_test.setEnabled(False)
        self.db_next = primary_button(translate("FirstRunDialog", "Lanjut"), "firstRunNext")
        self.db_next.setDefault(True)
        row.addWidget(self.db_test)
        row.addStretch(1)
        row.addWidget(self.db_next)
        v.addLayout(row)
        self.db_server.toggled.connect(self.db_url.setEnabled)
        self.db_server.toggled.connect(self.db_test.setEnabled)
        self.db_test.clicked.connect(lambda: self.test_requested.emit(self.db_url.text().strip()))
        self.db_next.clicked.connect(self._on_database_next)
        return page

    def _counter_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self._counter_name)
        field.setObjectName(name)
        field.setMaxLength(MAX_LENGTH)
        return field

    def counter_name(self) -> str:
        """The counter's name as typed in the step on screen."""
        field = self.db_counter if self.steps.currentIndex() == STEP_DATABASE else self.counter
        return clean_counter_name(field.text())

    def _on_database_next(self) -> None:
        if not self.db_next.isEnabled():
            return
        problems = validate_counter_name(self.db_counter.text())
        self.db_counter_row.set_error(display.message(problems[0].message) if problems else None)
        if problems:
            self.db_counter.setFocus()
            return
        if self.db_server.isChecked():
            url = self.db_url.text().strip()
            if not url:
                self.url_row.set_error(
                    translate("FirstRunDialog", "Isi alamat server, atau pilih basis data lokal.")
                )
                return
            self.url_row.set_error(None)
            self.db_next.setEnabled(False)
            self.database_chosen.emit(url)
        else:
            self.db_next.setEnabled(False)
            self.database_chosen.emit(None)

    def show_probe(self, text: str) -> None:
        self.db_result.setText(text)

    def database_failed(self, message: str) -> None:
        self.db_next.setEnabled(True)
        self.banner.show_message("error", message)

    # ---- step 2: branch, supervisor, printer -------------------------------------------------------------
    def _branch_step(self, database_label: str) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        self.branch_intro = QLabel()
        self.branch_intro.setObjectName("pageHint")
        self.branch_intro.setWordWrap(True)
        self.branch_intro.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.branch_intro)
        self.set_database_label(database_label)
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
        self.counter = self._counter_field("field_counter")
        self.printer = QComboBox()
        self.printer.setObjectName("field_printer")
        self.printer.addItem(translate("FirstRunDialog", "— tanyakan setiap mencetak —"), "")
        for printer_name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(printer_name, printer_name)
        self.rows = {
            "code": FieldRow(
                "code",
                translate("FirstRunDialog", "Kode cabang (3 digit)"),
                self.code,
                hint=translate("FirstRunDialog", "awalan nomor peserta"),
                required=True,
            ),
            "name": FieldRow(
                "name", translate("FirstRunDialog", "Nama kantor cabang"), self.name, required=True
            ),
            "timezone": FieldRow(
                "timezone", translate("FirstRunDialog", "Zona waktu"), self.timezone, required=True
            ),
            "username": FieldRow(
                "username",
                translate("FirstRunDialog", "Nama pengguna supervisor"),
                self.username,
                required=True,
            ),
            "full_name": FieldRow(
                "full_name",
                translate("FirstRunDialog", "Nama lengkap supervisor"),
                self.full_name,
                required=True,
            ),
            "password": FieldRow(
                "password",
                translate("FirstRunDialog", "Kata sandi (minimal 12 karakter)"),
                self.password,
                required=True,
            ),
            "password2": FieldRow(
                "password2", translate("FirstRunDialog", "Ulangi kata sandi"), self.password2, required=True
            ),
            "loket": FieldRow(
                "loket",
                translate("FirstRunDialog", "Nama loket ini (dicetak di tanda terima)"),
                self.counter,
                hint=translate("FirstRunDialog", "mis. Loket 1, Meja Depan"),
                required=True,
            ),
            "printer": FieldRow(
                "printer",
                translate("FirstRunDialog", "Printer kartu"),
                self.printer,
                hint=translate("FirstRunDialog", "bisa diubah di Pengaturan"),
            ),
        }
        grid = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        for key in ("code", "name", "timezone", "loket", "printer"):
            left.addWidget(self.rows[key])
        for key in ("username", "full_name", "password", "password2"):
            right.addWidget(self.rows[key])
        left.addStretch(1)
        right.addStretch(1)
        grid.addLayout(left)
        grid.addLayout(right)
        v.addLayout(grid)
        self.button = primary_button(translate("FirstRunDialog", "Simpan dan mulai"), "firstRunButton")
        self.button.setDefault(True)
        v.addWidget(self.button)
        self.button.clicked.connect(self._submit)
        return page

    def set_database_label(self, label: str) -> None:
        self.branch_intro.setText(
            translate(
                "FirstRunDialog",
                "Langkah 2 dari 2 — Basis data siap. Isi data kantor cabang dan akun supervisor pertama.",
            )
            + (translate("FirstRunDialog", "\nBasis data: {label}").format(label=label) if label else "")
        )

    def show_step(self, step: int) -> None:
        if step == STEP_BRANCH and not self.counter.text().strip():
            self.counter.setText(self.db_counter.text())
        self.steps.setCurrentIndex(step)
        # One default button per step: Enter anywhere in the step activates the one on screen.
        self.db_next.setDefault(step == STEP_DATABASE)
        self.button.setDefault(step == STEP_BRANCH)
        self.banner.clear()
        (self.db_local if step == STEP_DATABASE else self.code).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field or on a choice activates the step's button ("Lanjut", "Simpan dan mulai")."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            button = self.db_next if self.steps.currentIndex() == STEP_DATABASE else self.button
            if button.isEnabled():
                button.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_issues(self, issues: list[Issue]) -> None:
        for row in self.rows.values():
            row.set_error(None)
        general = []
        for issue in issues:
            row = self.rows.get(issue.field)
            if row is not None:
                row.set_error(display.message(issue.message))
            else:
                general.append(display.message(issue.message))
        if general:
            self.banner.show_message("error", "\n".join(general))
        self.button.setEnabled(True)

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        counter_problems = validate_counter_name(self.counter.text())
        if counter_problems:
            self.show_issues(counter_problems)
            self.counter.setFocus()
            return
        if self.password.text() != self.password2.text():
            self.show_issues(
                [
                    Issue(
                        "password2",
                        "password.mismatch",
                        translate("FirstRunDialog", "Kedua kata sandi tidak sama."),
                    )
                ]
            )
            return
        self.button.setEnabled(False)
        self.banner.clear()
        data: dict[str, Any] = {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "timezone": self.timezone.currentData(),
            "username": self.username.text().strip().lower(),
            "full_name": self.full_name.text().strip(),
            "password": self.password.text(),
            "printer": self.printer.currentData() or None,
            "counter": clean_counter_name(self.counter.text()),
        }
        self.submitted.emit(data)
