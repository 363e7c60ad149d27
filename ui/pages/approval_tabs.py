"""The two queues of Persetujuan: identity corrections (old and new data side by side) and card reprints
(why, and which card is revoked), each with its decision box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import cards
from app.services.approval_flow import ApprovalFlow
from app.services.records_dto import CorrectionChangeDTO, CorrectionDTO
from ui.context import UiContext
from ui.dialogs.member_base import line, password_field
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import FieldRow, primary_button
from ui.widgets import record_table as _table


def _text(name: str, *, role: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons are typed by people
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class DecisionBox(QFrame):
    """Password + approve, note + reject: the two ways a pending item leaves the queue."""

    def __init__(self, prefix: str, approve_text: str, username: str) -> None:
        super().__init__()
        g = QGridLayout(self)
        g.setContentsMargins(0, 6, 0, 0)
        g.setHorizontalSpacing(10)
        self.password = password_field(f"{prefix}Password")
        self.password_row = FieldRow(
            f"{prefix}_password",
            translate("_Decision", "Kata sandi {username}").format(username=username),
            self.password,
        )
        self.approve = primary_button(approve_text, f"{prefix}Approve")
        self.note = line(f"{prefix}Note", max_len=200)
        self.note_row = FieldRow(
            f"{prefix}_note",
            translate("_Decision", "Alasan penolakan"),
            self.note,
        )
        self.reject = QPushButton(translate("_Decision", "&Tolak"))
        self.reject.setObjectName(f"{prefix}Reject")
        g.addWidget(self.password_row, 0, 0)
        g.addWidget(self.approve, 0, 1, Qt.AlignmentFlag.AlignBottom)
        g.addWidget(self.note_row, 1, 0)
        g.addWidget(self.reject, 1, 1, Qt.AlignmentFlag.AlignBottom)
        g.setColumnStretch(0, 1)
        QWidget.setTabOrder(self.password, self.approve)
        QWidget.setTabOrder(self.approve, self.note)
        QWidget.setTabOrder(self.note, self.reject)

    def set_enabled(self, enabled: bool) -> None:
        for w in (self.password, self.approve, self.note, self.reject):
            w.setEnabled(enabled)

    def clear(self) -> None:
        self.password.clear()
        self.note.clear()
        self.password_row.set_error(None)
        self.note_row.set_error(None)


class CorrectionsTab(QWidget):
    """Corrections waiting: the list, the one selected (old and new data, the reason), its decision."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        h = QHBoxLayout(self)
        h.setContentsMargins(8, 10, 8, 8)
        h.setSpacing(14)
        tz = self.ui.branch.timezone
        self.corrections_model: RowsModel[CorrectionDTO] = RowsModel(
            [
                Column(translate("ApprovalsPage", "No."), lambda c: c.ref, right=True),
                Column(
                    translate("ApprovalsPage", "Nomor peserta"), lambda c: display.grouped(c.member_number)
                ),
                Column(translate("ApprovalsPage", "Nama"), lambda c: c.member_nama),
                Column(translate("ApprovalsPage", "Diajukan"), lambda c: display.when(c.proposed_at, tz)),
            ],
            parent=self,
        )
        self.corrections_table = _table(
            "correctionsTable", translate("ApprovalsPage", "Koreksi menunggu"), self.corrections_model, 2
        )
        h.addWidget(self.corrections_table, 6)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.correction_title = _text("correctionTitle")
        self.correction_title.setStyleSheet("font-size: 13pt; font-weight: bold; color: #0f5a3a;")
        right.addWidget(self.correction_title)
        self.changes_model: RowsModel[CorrectionChangeDTO] = RowsModel(
            [
                Column(translate("ApprovalsPage", "Kolom"), lambda ch: ch.label),
                Column(translate("ApprovalsPage", "Data lama"), lambda ch: ch.old_value or "—"),
                Column(translate("ApprovalsPage", "Data baru"), lambda ch: ch.new_value or "—"),
            ],
            parent=self,
        )
        self.changes_table = _table(
            "correctionChanges", translate("ApprovalsPage", "Data lama dan baru"), self.changes_model, 2
        )
        self.changes_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.changes_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.changes_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right.addWidget(self.changes_table, 1)
        self.correction_reason = _text("correctionReason")
        right.addWidget(self.correction_reason)
        self.open_member_button = QPushButton(translate("ApprovalsPage", "Buka data peserta (F4)"))
        self.open_member_button.setObjectName("correctionOpenMember")
        right.addWidget(self.open_member_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.correction_decision = DecisionBox(
            "correction", translate("ApprovalsPage", "&Setujui  (Enter)"), self.ui.actor.username
        )
        right.addWidget(self.correction_decision)
        h.addLayout(right, 5)

    def current(self) -> CorrectionDTO | None:
        return self.corrections_model.row_at(self.corrections_table.currentIndex().row())

    def show_current(self, flow: ApprovalFlow) -> None:
        """The item selected in full, its decision open as the flow says (one decision at a time)."""
        c = self.current()
        self.correction_decision.clear()
        self.correction_decision.set_enabled(flow.decision_open(c is not None))
        self.open_member_button.setEnabled(c is not None)
        if c is None:
            self.correction_title.setText(translate("ApprovalsPage", "Tidak ada koreksi yang menunggu."))
            self.changes_model.set_rows([])
            self.correction_reason.setText("")
            return
        self.correction_title.setText(
            translate("ApprovalsPage", "Koreksi {ref} · {member_nama} · {member_number}").format(
                ref=c.ref, member_nama=c.member_nama, member_number=display.grouped(c.member_number)
            )
        )
        self.changes_model.set_rows(c.changes)
        self.correction_reason.setText(
            translate("ApprovalsPage", "Alasan: {reason}\nDiajukan oleh {proposed_by}, {proposed_at}").format(
                reason=c.reason,
                proposed_by=c.proposed_by,
                proposed_at=display.when(c.proposed_at, self.ui.branch.timezone),
            )
        )


class ReprintsTab(QWidget):
    """Reprint requests waiting: the list, the one selected (why, the card revoked), its decision."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        h = QHBoxLayout(self)
        h.setContentsMargins(8, 10, 8, 8)
        h.setSpacing(14)
        tz = self.ui.branch.timezone
        self.reprints_model: RowsModel[cards.ReprintRequestDTO] = RowsModel(
            [
                Column(translate("ApprovalsPage", "No."), lambda r: r.ref, right=True),
                Column(translate("ApprovalsPage", "Nomor peserta"), lambda r: display.grouped(r.number)),
                Column(translate("ApprovalsPage", "Nama"), lambda r: r.nama),
                Column(translate("ApprovalsPage", "Alasan"), lambda r: display.label(r.reason_label)),
                Column(translate("ApprovalsPage", "Diminta"), lambda r: display.when(r.requested_at, tz)),
            ],
            parent=self,
        )
        self.reprints_table = _table(
            "reprintsTable", translate("ApprovalsPage", "Permintaan cetak ulang"), self.reprints_model, 2
        )
        h.addWidget(self.reprints_table, 6)
        right = QVBoxLayout()
        right.setSpacing(6)
        self.reprint_title = _text("reprintTitle")
        self.reprint_title.setStyleSheet("font-size: 13pt; font-weight: bold; color: #0f5a3a;")
        right.addWidget(self.reprint_title)
        self.reprint_detail = _text("reprintDetail")
        right.addWidget(self.reprint_detail)
        right.addStretch(1)
        self.reprint_decision = DecisionBox(
            "reprint", translate("ApprovalsPage", "&Setujui dan cetak  (Enter)"), self.ui.actor.username
        )
        right.addWidget(self.reprint_decision)
        h.addLayout(right, 5)

    def current(self) -> cards.ReprintRequestDTO | None:
        return self.reprints_model.row_at(self.reprints_table.currentIndex().row())

    def show_current(self, flow: ApprovalFlow) -> None:
        """The item selected in full, its decision open as the flow says (one decision at a time)."""
        r = self.current()
        self.reprint_decision.clear()
        self.reprint_decision.set_enabled(flow.decision_open(r is not None))
        if r is None:
            self.reprint_title.setText(translate("ApprovalsPage", "Tidak ada permintaan cetak ulang."))
            self.reprint_detail.setText("")
            return
        name = r.nama
        self.reprint_title.setText(
            translate("ApprovalsPage", "Permintaan {ref} · {name} · {number}").format(
                ref=r.ref, name=name, number=display.grouped(r.number)
            )
        )
        lines = [
            translate("ApprovalsPage", "Alasan: {reason_label}").format(
                reason_label=display.label(r.reason_label)
            )
            + (f" — {r.note}" if r.note else ""),
            translate("ApprovalsPage", "Kartu yang dicabut: seri {value}").format(value=r.old_serial or "—"),
            translate("ApprovalsPage", "Diminta oleh {requested_by}, {requested_at}").format(
                requested_by=r.requested_by,
                requested_at=display.when(r.requested_at, self.ui.branch.timezone),
            ),
            translate("ApprovalsPage", "Setelah disetujui, kartu baru langsung ditampilkan untuk dicetak."),
        ]
        self.reprint_detail.setText("\n".join(lines))
