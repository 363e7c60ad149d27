"""Persetujuan (supervisor): identity corrections and card reprints waiting for a decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission
from app.domain.states import CorrectionStatus
from app.services import cards, corrections
from app.services.approval_flow import ApprovalFlow, Blocked, tidy_note
from app.services.auth import AuthError
from app.services.records_dto import CorrectionDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.pages.approval_tabs import CorrectionsTab, DecisionBox, ReprintsTab
from ui.printing import PdfPreviewDialog
from ui.widgets import Banner, FieldRow


@dataclass(frozen=True)
class Pending:
    """What waits for a supervisor: corrections and reprint requests."""

    corrections: tuple[CorrectionDTO, ...]
    reprints: tuple[cards.ReprintRequestDTO, ...]


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
        self.flow = ApprovalFlow()  # one decision at a time; what is missing before one (Qt-free)
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
        self.corrections = CorrectionsTab(self.ui)
        self.reprints = ReprintsTab(self.ui)
        self.tabs.addTab(self.corrections, translate("ApprovalsPage", "&Koreksi data"))
        self.tabs.addTab(self.reprints, translate("ApprovalsPage", "&Cetak ulang kartu"))
        layout.addWidget(self.tabs, 1)
        c, r = self.corrections, self.reprints  # their parts under the page's names (wiring, tests)
        self.corrections_model, self.corrections_table = c.corrections_model, c.corrections_table
        self.changes_model, self.correction_title = c.changes_model, c.correction_title
        self.correction_reason, self.correction_decision = c.correction_reason, c.correction_decision
        self.open_member_button = c.open_member_button
        self.reprints_model, self.reprints_table = r.reprints_model, r.reprints_table
        self.reprint_title, self.reprint_detail = r.reprint_title, r.reprint_detail
        self.reprint_decision = r.reprint_decision

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
        return self.corrections.current()

    def current_reprint(self) -> cards.ReprintRequestDTO | None:
        return self.reprints.current()

    def _show_correction(self, *_: Any) -> None:
        self.corrections.show_current(self.flow)

    def _show_reprint(self, *_: Any) -> None:
        self.reprints.show_current(self.flow)

    def _open_member(self) -> None:
        c = self.current_correction()
        if c is not None:
            self.ui.bus.member_requested.emit(c.member_number)

    # ---- deciding ------------------------------------------------------------------------------------
    def _decide(
        self,
        decision: DecisionBox,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        error_row: FieldRow,
    ) -> None:
        self.flow.busy = True
        decision.set_enabled(False)
        self.banner.clear()

        def done(result: Any) -> None:
            if not shiboken6.isValid(self):
                return
            self.flow.busy = False
            decision.clear()
            on_success(result)  # emits member_changed: a visible page refreshes on it
            if not self.isVisible():
                self.refresh()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.flow.busy = False
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
        blocked = self.flow.approve_blocked(c is not None, d.password.text())
        if blocked is Blocked.PASSWORD:
            d.password_row.set_error(translate("ApprovalsPage", "Masukkan kata sandi Anda untuk menyetujui."))
            d.password.setFocus()
        if c is None or blocked is not Blocked.NOTHING:
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
        blocked = self.flow.reject_blocked(c is not None, d.note.text())
        if blocked is Blocked.NOTE:
            d.note_row.set_error(translate("ApprovalsPage", "Tulis alasan penolakan (minimal 5 karakter)."))
            d.note.setFocus()
        if c is None or blocked is not Blocked.NOTHING:
            return
        note = tidy_note(d.note.text())
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
        blocked = self.flow.approve_blocked(r is not None, d.password.text())
        if blocked is Blocked.PASSWORD:
            d.password_row.set_error(translate("ApprovalsPage", "Masukkan kata sandi Anda untuk menyetujui."))
            d.password.setFocus()
        if r is None or blocked is not Blocked.NOTHING:
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
        blocked = self.flow.reject_blocked(r is not None, d.note.text())
        if blocked is Blocked.NOTE:
            d.note_row.set_error(translate("ApprovalsPage", "Tulis alasan penolakan (minimal 5 karakter)."))
            d.note.setFocus()
        if r is None or blocked is not Blocked.NOTHING:
            return
        note = tidy_note(d.note.text())
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
