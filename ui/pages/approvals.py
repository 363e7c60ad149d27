"""Persetujuan (supervisor): identity corrections and card reprints waiting for a decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission
from app.domain.states import CorrectionStatus
from app.services import cards, corrections
from app.services.auth import AuthError
from app.services.records_dto import CorrectionChangeDTO, CorrectionDTO
from ui.context import UiContext
from ui.dialogs.member_base import line, password_field
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.printing import PdfPreviewDialog
from ui.widgets import Banner, FieldRow, primary_button
from ui.widgets import record_table as _table


@dataclass(frozen=True)
class Pending:
    corrections: tuple[CorrectionDTO, ...]
    reprints: tuple[cards.ReprintRequestDTO, ...]


def _text(name: str, *, role: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons are typed by people
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class _Decision(QFrame):
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


class ApprovalsPage(QWidget):
    """Refreshes whenever it is shown and after every decision."""

    nav_label = QT_TRANSLATE_NOOP("ApprovalsPage", "Persetujuan")
    shortcut = "F8"
    required_permission = Permission.APPROVE
    refreshed = Signal(object)  # Pending, once on screen

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.preview: PdfPreviewDialog | None = None
        self.pending = Pending((), ())
        self._stale = True
        self._busy = False
        self._build()
        self._wire()

    # ---- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(8)
        title = QLabel(translate("ApprovalsPage", "Persetujuan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "ApprovalsPage",
                "Pilih baris dan periksa; setujui dengan kata sandi Anda (Enter) atau tolak dengan alasan. "
                "Tab = ke kata sandi · Ctrl+Tab = tab berikutnya",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.banner = Banner("approvalsBanner")
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("approvalTabs")
        self.tabs.addTab(self._build_corrections(), translate("ApprovalsPage", "&Koreksi data"))
        self.tabs.addTab(self._build_reprints(), translate("ApprovalsPage", "&Cetak ulang kartu"))
        layout.addWidget(self.tabs, 1)

    def _build_corrections(self) -> QWidget:
        tab = QWidget()
        h = QHBoxLayout(tab)
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
        self.correction_decision = _Decision(
            "correction", translate("ApprovalsPage", "&Setujui  (Enter)"), self.ui.actor.username
        )
        right.addWidget(self.correction_decision)
        h.addLayout(right, 5)
        return tab

    def _build_reprints(self) -> QWidget:
        tab = QWidget()
        h = QHBoxLayout(tab)
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
        self.reprint_decision = _Decision(
            "reprint", translate("ApprovalsPage", "&Setujui dan cetak  (Enter)"), self.ui.actor.username
        )
        right.addWidget(self.reprint_decision)
        h.addLayout(right, 5)
        return tab

    def _wire(self) -> None:
        self.corrections_table.selectionModel().currentRowChanged.connect(self._show_correction)
        self.reprints_table.selectionModel().currentRowChanged.connect(self._show_reprint)
        d = self.correction_decision
        d.approve.clicked.connect(self.approve_correction)
        d.password.returnPressed.connect(self.approve_correction)
        d.reject.clicked.connect(self.reject_correction)
        d.note.returnPressed.connect(self.reject_correction)
        r = self.reprint_decision
        r.approve.clicked.connect(self.approve_reprint)
        r.password.returnPressed.connect(self.approve_reprint)
        r.reject.clicked.connect(self.reject_reprint)
        r.note.returnPressed.connect(self.reject_reprint)
        self.open_member_button.clicked.connect(self._open_member)
        # Table → password → approve → note → reject: decide without the mouse.
        QWidget.setTabOrder(self.corrections_table, d.password)
        QWidget.setTabOrder(d.reject, self.open_member_button)
        QWidget.setTabOrder(self.reprints_table, r.password)
        self.ui.bus.member_changed.connect(self._on_member_changed)

    # ---- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor
        self._stale = False

        def work() -> Pending:
            reprints = tuple(cards.pending_reprints(ctx))
            return Pending(
                corrections.list_corrections(ctx, actor, status=CorrectionStatus.PENDING), reprints
            )

        self.ui.runner.run(work, on_success=self._on_refreshed, on_error=self._failed)

    def _on_refreshed(self, pending: Pending) -> None:
        if not shiboken6.isValid(self):
            return
        keep_c = self.current_correction()
        keep_r = self.current_reprint()
        self.pending = pending
        self.corrections_model.set_rows(pending.corrections)
        self.reprints_model.set_rows(pending.reprints)
        self.tabs.setTabText(
            0,
            translate("ApprovalsPage", "&Koreksi data ({corrections})").format(
                corrections=len(pending.corrections)
            ),
        )
        self.tabs.setTabText(
            1,
            translate("ApprovalsPage", "&Cetak ulang kartu ({reprints})").format(
                reprints=len(pending.reprints)
            ),
        )
        self._select(
            self.corrections_table, [c.id for c in pending.corrections], keep_c.id if keep_c else None
        )
        self._select(self.reprints_table, [r.id for r in pending.reprints], keep_r.id if keep_r else None)
        self._show_correction()
        self._show_reprint()
        self.refreshed.emit(pending)

    @staticmethod
    def _select(table: QTableView, ids: list[int], keep: int | None) -> None:
        if not ids:
            return
        row = ids.index(keep) if keep in ids else 0
        table.setCurrentIndex(table.model().index(row, 0))
        table.selectRow(row)

    def _on_member_changed(self, _number: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ---- showing -------------------------------------------------------------------------------------
    def current_correction(self) -> CorrectionDTO | None:
        return self.corrections_model.row_at(self.corrections_table.currentIndex().row())

    def current_reprint(self) -> cards.ReprintRequestDTO | None:
        return self.reprints_model.row_at(self.reprints_table.currentIndex().row())

    def _show_correction(self, *_: Any) -> None:
        c = self.current_correction()
        self.correction_decision.clear()
        self.correction_decision.set_enabled(c is not None and not self._busy)
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

    def _show_reprint(self, *_: Any) -> None:
        r = self.current_reprint()
        self.reprint_decision.clear()
        self.reprint_decision.set_enabled(r is not None and not self._busy)
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

    def _open_member(self) -> None:
        c = self.current_correction()
        if c is not None:
            self.ui.bus.member_requested.emit(c.member_number)

    # ---- deciding ------------------------------------------------------------------------------------
    def _decide(
        self,
        decision: _Decision,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        error_row: FieldRow,
    ) -> None:
        self._busy = True
        decision.set_enabled(False)
        self.banner.clear()

        def done(result: Any) -> None:
            if not shiboken6.isValid(self):
                return
            self._busy = False
            decision.clear()
            on_success(result)  # emits member_changed: a visible page refreshes on it
            if not self.isVisible():
                self.refresh()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._busy = False
            decision.set_enabled(True)
            if isinstance(exc, AuthError):
                decision.password_row.set_error(display.message(exc.message))
                decision.password.selectAll()
                decision.password.setFocus()
            else:
                error_row.set_error(display.error_text(exc))

        self.ui.runner.run(fn, on_success=done, on_error=failed)

    def approve_correction(self) -> None:
        c = self.current_correction()
        d = self.correction_decision
        if c is None or self._busy:
            return
        if not d.password.text():
            d.password_row.set_error(translate("ApprovalsPage", "Masukkan kata sandi Anda untuk menyetujui."))
            d.password.setFocus()
            return
        ctx, actor, password = self.ui.ctx, self.ui.actor, d.password.text()

        def done(result: CorrectionDTO) -> None:
            self.banner.show_message(
                "info",
                translate(
                    "ApprovalsPage", "Koreksi {ref} disetujui; data {member_nama} sudah diperbarui."
                ).format(ref=result.ref, member_nama=result.member_nama),
            )
            self.ui.bus.member_changed.emit(result.member_number)

        self._decide(
            d, lambda: corrections.approve_correction(ctx, actor, c.id, password), done, d.password_row
        )

    def reject_correction(self) -> None:
        c = self.current_correction()
        d = self.correction_decision
        if c is None or self._busy:
            return
        note = " ".join(d.note.text().split())
        if len(note) < corrections.MIN_REASON:
            d.note_row.set_error(translate("ApprovalsPage", "Tulis alasan penolakan (minimal 5 karakter)."))
            d.note.setFocus()
            return
        ctx, actor = self.ui.ctx, self.ui.actor

        def done(result: CorrectionDTO) -> None:
            self.banner.show_message(
                "info", translate("ApprovalsPage", "Koreksi {ref} ditolak.").format(ref=result.ref)
            )
            self.ui.bus.member_changed.emit(result.member_number)

        self._decide(d, lambda: corrections.reject_correction(ctx, actor, c.id, note), done, d.note_row)

    def approve_reprint(self) -> None:
        r = self.current_reprint()
        d = self.reprint_decision
        if r is None or self._busy:
            return
        if not d.password.text():
            d.password_row.set_error(translate("ApprovalsPage", "Masukkan kata sandi Anda untuk menyetujui."))
            d.password.setFocus()
            return
        ctx, username, password = self.ui.ctx, self.ui.actor.username, d.password.text()

        def work() -> tuple[cards.IssuedCard, bytes]:
            issued = cards.approve_reprint(ctx, r.id, approver_username=username, approver_password=password)
            return issued, cards.card_pdf(issued.face)

        def done(result: tuple[cards.IssuedCard, bytes]) -> None:
            issued, pdf = result
            serial = issued.card.serial
            self.banner.show_message(
                "info",
                translate("ApprovalsPage", "Cetak ulang {ref} disetujui. Kartu baru seri {serial}.").format(
                    ref=r.ref, serial=serial
                ),
            )
            self.ui.bus.member_changed.emit(r.number)
            self.show_pdf(
                translate("ApprovalsPage", "Kartu peserta {serial}").format(serial=serial),
                pdf,
                f"kartu-{serial}.pdf",
            )

        self._decide(d, work, done, d.password_row)

    def reject_reprint(self) -> None:
        r = self.current_reprint()
        d = self.reprint_decision
        if r is None or self._busy:
            return
        note = " ".join(d.note.text().split())
        if len(note) < 5:
            d.note_row.set_error(translate("ApprovalsPage", "Tulis alasan penolakan (minimal 5 karakter)."))
            d.note.setFocus()
            return
        ctx, actor = self.ui.ctx, self.ui.actor

        def done(result: cards.ReprintRequestDTO) -> None:
            self.banner.show_message(
                "info",
                translate("ApprovalsPage", "Permintaan cetak ulang {ref} ditolak.").format(ref=result.ref),
            )
            self.ui.bus.member_changed.emit(result.number)

        self._decide(d, lambda: cards.reject_reprint(ctx, actor, r.id, note=note), done, d.note_row)

    def show_pdf(self, title: str, pdf: bytes, suggested_name: str) -> None:
        if not shiboken6.isValid(self):
            return
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        self.preview = PdfPreviewDialog(self, title, pdf, suggested_name=suggested_name)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.banner.show_message("error", display.error_text(exc))

    def focus_first(self) -> None:
        table = self.corrections_table if self.tabs.currentIndex() == 0 else self.reprints_table
        table.setFocus()
