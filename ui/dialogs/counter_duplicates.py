"""Likely duplicates at intake, side by side with the form, inside the page (never a stacked dialog).

Saving anyway needs a supervisor who signs in on the officer's screen and a reason; the page runs
``supervisor_override`` and the enrolment with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from app.domain.membership import MembershipNumber
from app.services.records_dto import DuplicateCandidateDTO
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow, primary_button

# (intake key, label) in the order an officer compares a KTP.
ROWS: tuple[tuple[str, str], ...] = (
    ("nik", "NIK"),
    ("nama", QT_TRANSLATE_NOOP("DuplicatePanel", "Nama")),
    ("tanggal_lahir", QT_TRANSLATE_NOOP("DuplicatePanel", "Tanggal lahir")),
    ("jenis_kelamin", QT_TRANSLATE_NOOP("DuplicatePanel", "Jenis kelamin")),
    ("tempat_lahir", QT_TRANSLATE_NOOP("DuplicatePanel", "Tempat lahir")),
    ("nama_ibu", QT_TRANSLATE_NOOP("DuplicatePanel", "Nama ibu kandung")),
    ("alamat", QT_TRANSLATE_NOOP("DuplicatePanel", "Alamat")),
    ("no_hp", QT_TRANSLATE_NOOP("DuplicatePanel", "Nomor HP")),
    ("nik_region", QT_TRANSLATE_NOOP("DuplicatePanel", "Wilayah NIK")),
)
SAME_BG = QColor("#dff0e6")


def _date(value: dt.date) -> str:
    """As the form's birth-date field takes it, so typed and stored dates compare at a glance."""
    return value.strftime("%d-%m-%Y")


def _candidate_values(c: DuplicateCandidateDTO) -> dict[str, str]:
    return {
        "nik": c.nik,
        "nama": c.nama,
        "tanggal_lahir": _date(c.tanggal_lahir),
        "jenis_kelamin": display.gender(c.jenis_kelamin),
        "tempat_lahir": c.tempat_lahir,
        "nama_ibu": c.nama_ibu,
        "alamat": c.alamat,
        "no_hp": c.no_hp or "—",
        "nik_region": c.nik_region,
    }


class DuplicatePanel(QWidget):
    """The form's data next to each likely duplicate; Esc goes back to the form."""

    back_requested = Signal()
    open_member_requested = Signal(str)  # a membership number
    override_requested = Signal(str, str, str)  # supervisor username, password, reason

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("duplicatePanel")
        self.candidates: tuple[DuplicateCandidateDTO, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        title = QLabel(translate("DuplicatePanel", "Kemungkinan data ganda"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.explain = QLabel(
            translate(
                "DuplicatePanel",
                "Nama mirip, tanggal lahir dan kecamatan NIK sama dengan peserta yang sudah terdaftar. "
                "Bandingkan dengan KTP. Sel hijau = sama persis dengan formulir.",
            )
        )
        self.explain.setObjectName("pageHint")
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)

        self.table = QTableWidget(len(ROWS), 1)

        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setObjectName("duplicateTable")
        self.table.setAccessibleName(
            translate("DuplicatePanel", "Perbandingan data formulir dan peserta terdaftar")
        )
        self.table.setVerticalHeaderLabels([translate("DuplicatePanel", label) for _k, label in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        layout.addWidget(self.table, 1)

        same_row = QHBoxLayout()
        same = QLabel(translate("DuplicatePanel", "Orang yang sama? Jangan didaftarkan lagi."))
        same.setProperty("role", "fieldLabel")
        same_row.addWidget(same)
        same_row.addStretch(1)
        self.open_button = QPushButton(translate("DuplicatePanel", "Buka data peserta"))
        self.open_button.setObjectName("duplicateOpenMember")
        self.back_button = QPushButton(translate("DuplicatePanel", "Kembali ke formulir  (Esc)"))
        self.back_button.setObjectName("duplicateBack")
        self.back_button.setAutoDefault(True)
        same_row.addWidget(self.open_button)
        same_row.addWidget(self.back_button)
        layout.addLayout(same_row)

        box = QGroupBox(
            translate("DuplicatePanel", "Bukan orang yang sama — simpan dengan persetujuan supervisor")
        )
        box.setObjectName("duplicateOverrideBox")
        v = QVBoxLayout(box)
        fields = QHBoxLayout()
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("dupSupervisor")
        self.supervisor.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("dupPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.reason = QLineEdit()
        self.reason.setObjectName("dupReason")
        self.reason.setMaxLength(200)
        self.rows = {
            "supervisor": FieldRow(
                "supervisor", translate("DuplicatePanel", "Supervisor"), self.supervisor, required=True
            ),
            "password": FieldRow(
                "password", translate("DuplicatePanel", "Kata sandi supervisor"), self.password, required=True
            ),
            "reason": FieldRow(
                "reason",
                translate("DuplicatePanel", "Alasan"),
                self.reason,
                hint=translate("DuplicatePanel", "mis. orang berbeda, sudah dicek KK"),
                required=True,
            ),
        }
        fields.addWidget(self.rows["supervisor"], 2, Qt.AlignmentFlag.AlignTop)
        fields.addWidget(self.rows["password"], 2, Qt.AlignmentFlag.AlignTop)
        fields.addWidget(self.rows["reason"], 4, Qt.AlignmentFlag.AlignTop)
        v.addLayout(fields)
        self.error = QLabel()
        self.error.setObjectName("dupOverrideError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        v.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.override_button = primary_button(
            translate("DuplicatePanel", "Simpan dengan persetujuan  (Ctrl+Enter)"), "dupOverrideButton"
        )
        self.override_button.setAutoDefault(True)
        buttons.addWidget(self.override_button)
        v.addLayout(buttons)
        layout.addWidget(box)

        for a, b in (
            (self.back_button, self.open_button),
            (self.open_button, self.supervisor),
            (self.supervisor, self.password),
            (self.password, self.reason),
            (self.reason, self.override_button),
        ):
            QWidget.setTabOrder(a, b)
        self.back_button.clicked.connect(self.back_requested)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.override_button.clicked.connect(self._submit)
        self.supervisor.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.reason.setFocus)
        self.reason.returnPressed.connect(self._submit)
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Esc"), self, self.back_requested.emit, context=ctx)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._submit, context=ctx)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._submit, context=ctx)

    # ---- content ----------------------------------------------------------------------------------
    def show_candidates(self, form: Mapping[str, str], candidates: Sequence[DuplicateCandidateDTO]) -> None:
        """``form``: the typed values under the keys of :data:`ROWS`, already formatted for people."""
        self.candidates = tuple(candidates)
        self.table.clear()
        self.table.setColumnCount(1 + len(self.candidates))
        self.table.setVerticalHeaderLabels([translate("DuplicatePanel", label) for _k, label in ROWS])
        headers = [translate("DuplicatePanel", "Formulir ini")] + [
            translate("DuplicatePanel", "{number}\n{status} · nama mirip {similarity:.0f}%").format(
                number=MembershipNumber(c.number).grouped(),
                status=display.record_status(c.record_status).lower(),
                similarity=c.similarity,
            )
            for c in self.candidates
        ]
        self.table.setHorizontalHeaderLabels(headers)
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (key, _label) in enumerate(ROWS):
            typed = form.get(key, "")
            self.table.setItem(r, 0, QTableWidgetItem(typed or "—"))
            for c_index, cand in enumerate(self.candidates, start=1):
                value = _candidate_values(cand)[key]
                item = QTableWidgetItem(value)
                if key in cand.same or (key == "nik" and value == typed):
                    item.setBackground(QBrush(SAME_BG))
                    item.setFont(bold)
                    item.setToolTip(translate("DuplicatePanel", "Sama dengan formulir"))
                self.table.setItem(r, c_index, item)
        self.table.resizeRowsToContents()
        self.open_button.setEnabled(bool(self.candidates))
        many = len(self.candidates) > 1
        self.open_button.setText(
            translate("DuplicatePanel", "Buka data peserta pertama")
            if many
            else translate("DuplicatePanel", "Buka data peserta")
        )
        self.clear_errors()

    def _on_open_clicked(self) -> None:
        if self.candidates:
            self.open_member_requested.emit(self.candidates[0].number)

    # ---- override ---------------------------------------------------------------------------------
    def _submit(self) -> None:
        if not self.override_button.isEnabled():
            return
        self.clear_errors()
        missing = False
        for key, edit, message in (
            (
                "supervisor",
                self.supervisor,
                translate("DuplicatePanel", "Nama pengguna supervisor wajib diisi."),
            ),
            ("password", self.password, translate("DuplicatePanel", "Kata sandi supervisor wajib diisi.")),
            ("reason", self.reason, translate("DuplicatePanel", "Alasan wajib diisi (minimal 5 karakter).")),
        ):
            if not edit.text().strip():
                self.rows[key].set_error(message)
                if not missing:
                    edit.setFocus()
                missing = True
        if missing:
            return
        self.override_requested.emit(
            self.supervisor.text().strip().lower(), self.password.text(), self.reason.text()
        )

    def set_busy(self, busy: bool) -> None:
        self.override_button.setEnabled(not busy)
        self.override_button.setText(
            translate("DuplicatePanel", "Menyimpan…")
            if busy
            else translate("DuplicatePanel", "Simpan dengan persetujuan  (Ctrl+Enter)")
        )

    def show_error(self, field: str, message: str) -> None:
        row = self.rows.get(field)
        if row is None:
            self.error.setText(message)
            self.error.setVisible(True)
            return
        row.set_error(message)
        row.editor.setFocus()
        if field == "password":
            self.password.clear()

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        self.error.setVisible(False)
        self.error.clear()

    def reset(self) -> None:
        for e in (self.supervisor, self.password, self.reason):
            e.clear()
        self.clear_errors()
        self.set_busy(False)

    def focus_first(self) -> None:
        self.back_button.setFocus()


def form_values(record: Mapping[str, Any], nik_region: str) -> dict[str, str]:
    """The intake form's values in the comparison's terms."""
    text = {k: " ".join(str(record.get(k) or "").split()) for k in record}
    return {
        "nik": "".join(ch for ch in text.get("nik", "") if ch.isdigit()),
        "nama": text.get("nama", "").upper(),
        "tanggal_lahir": text.get("tanggal_lahir", "").replace("/", "-"),
        "jenis_kelamin": display.gender(text.get("jenis_kelamin", "")),
        "tempat_lahir": text.get("tempat_lahir", "").upper(),
        "nama_ibu": text.get("nama_ibu", "").upper(),
        "alamat": text.get("alamat", "").upper(),
        "no_hp": text.get("no_hp", ""),
        "nik_region": nik_region,
    }
