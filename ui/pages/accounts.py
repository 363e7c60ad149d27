"""Akun: every officer changes their own password; supervisors also manage the officers' accounts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import DomainError, Issue
from app.domain.roles import ROLE_LABELS, Permission, Role, allowed
from app.services import auth
from app.services.dto import OfficerDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import Banner, FieldRow, primary_button


def _password_field(name: str) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setMaxLength(256)
    return e


class AccountsPage(QWidget):
    """Akun: one's own password; for supervisors, the officers' accounts too."""

    nav_label = QT_TRANSLATE_NOOP("AccountsPage", "Akun & Petugas")
    shortcut = "F9"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.is_supervisor = allowed(ui.actor.role, Permission.MANAGE_OFFICERS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        title = QLabel(translate("AccountsPage", "Akun & Petugas"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.banner = Banner("accountsBanner")
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        layout.addLayout(row, 1)
        row.addWidget(self._build_password_box(), 0, Qt.AlignmentFlag.AlignTop)
        if self.is_supervisor:
            row.addWidget(self._build_officers_box(), 1)
        else:
            row.addStretch(1)

    # ---- own password ------------------------------------------------------------------------------
    def _build_password_box(self) -> QGroupBox:
        box = QGroupBox(translate("AccountsPage", "Ganti kata sandi saya"))
        box.setMinimumWidth(340)
        v = QVBoxLayout(box)
        self.current = _password_field("currentPassword")
        self.new = _password_field("newPassword")
        self.new2 = _password_field("newPassword2")
        self.pw_rows = {
            "current": FieldRow(
                "current", translate("AccountsPage", "Kata sandi sekarang"), self.current, required=True
            ),
            "password": FieldRow(
                "password",
                translate("AccountsPage", "Kata sandi baru (min. 12 karakter)"),
                self.new,
                required=True,
            ),
            "password2": FieldRow(
                "password2", translate("AccountsPage", "Ulangi kata sandi baru"), self.new2, required=True
            ),
        }
        for r in self.pw_rows.values():
            v.addWidget(r)
        self.change_button = primary_button(
            translate("AccountsPage", "Ganti kata sandi"), "changePasswordButton"
        )
        v.addWidget(self.change_button)
        self.change_button.clicked.connect(self._on_change_clicked)
        self.new2.returnPressed.connect(self._on_change_clicked)
        return box

    def _on_change_clicked(self) -> None:
        for r in self.pw_rows.values():
            r.set_error(None)
        if self.new.text() != self.new2.text():
            self.pw_rows["password2"].set_error(
                translate("AccountsPage", "Kedua kata sandi baru tidak sama.")
            )
            return
        current, new = self.current.text(), self.new.text()
        self.change_button.setEnabled(False)

        def done(_: object) -> None:
            self.change_button.setEnabled(True)
            for e in (self.current, self.new, self.new2):
                e.clear()
            self.banner.show_message("info", translate("AccountsPage", "Kata sandi sudah diganti."))

        def failed(exc: BaseException) -> None:
            self.change_button.setEnabled(True)
            if isinstance(exc, DomainError):
                for issue in exc.issues:
                    self.pw_rows.get(issue.field, self.pw_rows["password"]).set_error(
                        display.message(issue.message)
                    )
            else:
                self.pw_rows["current"].set_error(
                    display.message_of(exc) or translate("AccountsPage", "Kata sandi sekarang salah.")
                )

        self.ui.runner.run(
            lambda: auth.change_password(self.ui.ctx, self.ui.actor, current, new),
            on_success=done,
            on_error=failed,
        )

    # ---- officers (supervisor) ------------------------------------------------------------------------
    def _build_officers_box(self) -> QGroupBox:
        box = QGroupBox(translate("AccountsPage", "Petugas cabang"))
        v = QVBoxLayout(box)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setObjectName("officersTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("AccountsPage", "Nama pengguna"),
                translate("AccountsPage", "Nama lengkap"),
                translate("AccountsPage", "Peran"),
                translate("AccountsPage", "Status"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        v.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("deactivateReason")
        self.reason.setPlaceholderText("alasan")
        self.reason.setAccessibleName(translate("AccountsPage", "Alasan penonaktifan"))
        reason_label = QLabel(translate("AccountsPage", "Alasan:"))
        reason_label.setBuddy(self.reason)
        actions.addWidget(reason_label)
        actions.addWidget(self.reason, 1)
        self.deactivate_button = QPushButton(translate("AccountsPage", "Nonaktifkan"))
        self.deactivate_button.setObjectName("deactivateButton")
        self.activate_button = QPushButton(translate("AccountsPage", "Aktifkan / buka kunci"))
        self.activate_button.setObjectName("activateButton")
        actions.addWidget(self.deactivate_button)
        actions.addWidget(self.activate_button)
        v.addLayout(actions)

        add = QGroupBox(translate("AccountsPage", "Tambah petugas"))
        g = QHBoxLayout(add)
        self.add_username = QLineEdit()
        self.add_username.setObjectName("addUsername")
        self.add_name = QLineEdit()
        self.add_name.setObjectName("addFullName")
        self.add_role = QComboBox()
        self.add_role.setObjectName("addRole")
        for role in Role:
            self.add_role.addItem(display.label(ROLE_LABELS[role]), role.value)
        self.add_password = _password_field("addPassword")
        self.add_rows = {
            "username": FieldRow(
                "username", translate("AccountsPage", "Nama pengguna"), self.add_username, required=True
            ),
            "full_name": FieldRow(
                "full_name", translate("AccountsPage", "Nama lengkap"), self.add_name, required=True
            ),
            "role": FieldRow("role", translate("AccountsPage", "Peran"), self.add_role),
            "password": FieldRow(
                "password", translate("AccountsPage", "Kata sandi awal"), self.add_password, required=True
            ),
        }
        for r in self.add_rows.values():
            g.addWidget(r, 1)
        self.add_button = primary_button(translate("AccountsPage", "Tambah"), "addOfficerButton")
        g.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        v.addWidget(add)
        self.deactivate_button.clicked.connect(lambda: self._set_active(False))
        self.activate_button.clicked.connect(lambda: self._set_active(True))
        self.add_button.clicked.connect(self._add)
        self.add_button.setAutoDefault(True)  # Enter on the focused button adds
        for field in (self.add_username, self.add_name, self.add_password):
            field.returnPressed.connect(self._add)  # Enter in a field adds (errors show at their field)
        self.refresh()
        return box

    def refresh(self) -> None:
        if not self.is_supervisor:
            return
        self.ui.runner.run(lambda: auth.list_officers(self.ui.ctx, self.ui.actor), on_success=self._fill)

    def _fill(self, officers: list[OfficerDTO]) -> None:
        self.table.setRowCount(len(officers))
        for i, o in enumerate(officers):
            status = translate("AccountsPage", "aktif") if o.active else translate("AccountsPage", "nonaktif")
            if o.active and o.locked_until is not None and o.locked_until > self.ui.ctx.clock():
                status = translate("AccountsPage", "terkunci")
            for j, text in enumerate(
                (o.username, o.full_name, display.label(ROLE_LABELS.get(Role(o.role), o.role)), status)
            ):
                item = QTableWidgetItem(text)
                self.table.setItem(i, j, item)

    def _selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.banner.show_message("warning", translate("AccountsPage", "Pilih dulu petugas di tabel."))
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item else None

    def _set_active(self, active: bool) -> None:
        username = self._selected_username()
        if username is None:
            return
        reason = self.reason.text()

        def done(o: OfficerDTO) -> None:
            self.reason.clear()
            self.banner.show_message(
                "info",
                (
                    translate("AccountsPage", "Petugas {username} aktif.")
                    if o.active
                    else translate("AccountsPage", "Petugas {username} dinonaktifkan.")
                ).format(username=o.username),
            )
            self.refresh()

        def failed(exc: BaseException) -> None:
            msgs = (
                [display.message(i.message) for i in exc.issues]
                if isinstance(exc, DomainError)
                else [str(exc)]
            )
            self.banner.show_message("error", "\n".join(msgs))

        self.ui.runner.run(
            lambda: auth.set_officer_active(self.ui.ctx, self.ui.actor, username, active, reason),
            on_success=done,
            on_error=failed,
        )

    def _add(self) -> None:
        for r in self.add_rows.values():
            r.set_error(None)
        data = (
            self.add_username.text().strip().lower(),
            self.add_name.text(),
            self.add_role.currentData(),
            self.add_password.text(),
        )

        def done(o: OfficerDTO) -> None:
            for e in (self.add_username, self.add_name, self.add_password):
                e.clear()
            self.banner.show_message(
                "info",
                translate("AccountsPage", "Petugas {username} ditambahkan.").format(username=o.username),
            )
            self.refresh()

        def failed(exc: BaseException) -> None:
            issues = exc.issues if isinstance(exc, DomainError) else [Issue("username", "error", str(exc))]
            for issue in issues:
                self.add_rows.get(issue.field, self.add_rows["username"]).set_error(
                    display.message(issue.message)
                )

        self.ui.runner.run(
            lambda: auth.add_officer(
                self.ui.ctx,
                username=data[0],
                full_name=data[1],
                role=data[2],
                password=data[3],
                by=self.ui.actor,
            ),
            on_success=done,
            on_error=failed,
        )

    def focus_first(self) -> None:
        self.current.setFocus()
