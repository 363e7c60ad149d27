"""Data Peserta: one member's full record (the only screen besides intake with the full NIK), payments,
cards and history, and the actions on them. Every opening is an audited view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.member_actions import MemberAction, offered
from app.services import cards
from app.services.contribution_dto import PaymentDTO
from app.services.member_flow import Control, member_controls
from app.services.records_dto import DeactivationDTO
from ui.context import UiContext
from ui.dialogs.member_correction import MemberCorrectionDialog
from ui.dialogs.member_deactivate import MemberDeactivateDialog
from ui.i18n import translate
from ui.models import display
from ui.pages.member_actions import CardActions, PaymentActions
from ui.pages.member_history import HistoryTab
from ui.pages.member_parts import CardsTab, IdentityTab, MemberHeader, PaymentsTab, show_record_banner
from ui.pages.member_view import MemberView, load_member_view
from ui.printing import PdfPreviewDialog, card_print_options
from ui.widgets import Banner, primary_button


class MemberPage(QWidget):
    """Opens on ``bus.member_requested``; refreshes on ``bus.member_changed``."""

    loaded = Signal(object)  # MemberView, once it is on screen
    nav_label = QT_TRANSLATE_NOOP("MemberPage", "Data Peserta")
    shortcut = "F4"
    help_shortcuts = (
        ("Ctrl+B", QT_TRANSLATE_NOOP("MemberPage", "bayar iuran")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("MemberPage", "cetak kartu")),
        ("Ctrl+E", QT_TRANSLATE_NOOP("MemberPage", "ajukan koreksi data")),
    )

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.view: MemberView | None = None
        self.dialog: Any = None  # the open dialog, if any (tests drive it)
        self.preview: PdfPreviewDialog | None = None
        self._generation = 0
        self._stale = False
        self.can_approve = offered(ui.actor.role, MemberAction.DEACTIVATE)
        self.can_void = offered(ui.actor.role, MemberAction.VOID_PAYMENT)
        self._build()
        self.payment_actions = PaymentActions(self)
        self.card_actions = CardActions(self)
        self._wire()
        self._show_empty()

    # ---- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel(translate("MemberPage", "Data Peserta"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        open_label = QLabel(translate("MemberPage", "Buka nomor peserta / NIK:"))
        open_label.setProperty("role", "fieldLabel")
        self.open_box = QLineEdit()
        self.open_box.setObjectName("openBox")
        self.open_box.setAccessibleName(translate("MemberPage", "Buka nomor peserta atau NIK"))
        self.open_box.setMaxLength(24)
        self.open_box.setFixedWidth(230)
        open_label.setBuddy(self.open_box)
        top.addWidget(open_label)
        top.addWidget(self.open_box)
        layout.addLayout(top)
        self.banner = Banner("memberBanner")
        layout.addWidget(self.banner)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        empty = QLabel(
            translate(
                "MemberPage",
                "Belum ada peserta yang dibuka.\n\n"
                "Tekan F3 untuk mencari peserta, atau ketik nomor peserta / NIK di kanan atas lalu Enter.",
            )
        )
        empty.setObjectName("memberEmpty")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setProperty("role", "derived")
        self.stack.addWidget(empty)
        content = QWidget()
        c = QVBoxLayout(content)
        c.setContentsMargins(0, 0, 0, 0)
        c.setSpacing(8)
        self.header = MemberHeader()
        c.addWidget(self.header)
        self.record_banner = Banner("recordBanner")
        c.addWidget(self.record_banner)
        c.addLayout(self._build_actions())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("memberTabs")
        tz = self.ui.branch.timezone
        self.identity_tab = IdentityTab()
        self.payments_tab = PaymentsTab(offer_void=self.can_void)
        self.cards_tab = CardsTab(tz)
        self.history_tab = HistoryTab(tz)
        self.tabs.addTab(self.identity_tab, translate("MemberPage", "&Data diri"))
        self.tabs.addTab(self.payments_tab, translate("MemberPage", "&Iuran"))
        self.tabs.addTab(self.cards_tab, translate("MemberPage", "&Kartu && tanda terima"))
        self.tabs.addTab(self.history_tab, translate("MemberPage", "&Riwayat"))
        self._alias_parts()
        c.addWidget(self.tabs, 1)
        self.stack.addWidget(content)

    def _alias_parts(self) -> None:
        """The parts' widgets under the page's own names (the wiring below and the tests use them)."""
        h, pay, crd = self.header, self.payments_tab, self.cards_tab
        self.name, self.number, self.subtitle = h.name, h.number, h.subtitle
        self.record_chip, self.contrib_chip = h.record_chip, h.contrib_chip
        self.values, self.pending_box, self.pending = (
            self.identity_tab.values,
            self.identity_tab.pending_box,
            self.identity_tab.pending,
        )
        self.cover, self.payments_model, self.payments_table = (
            pay.cover,
            pay.payments_model,
            pay.payments_table,
        )
        self.receipt_a5, self.receipt_80 = pay.receipt_a5, pay.receipt_80
        self.schedule_button, self.void_button = pay.schedule_button, pay.void_button
        self.cards_model, self.cards_table, self.reprint_note = (
            crd.cards_model,
            crd.cards_table,
            crd.reprint_note,
        )
        self.issue_button, self.reprint_button, self.spoil_button = (
            crd.issue_button,
            crd.reprint_button,
            crd.spoil_button,
        )
        self.reg_a5, self.reg_80 = crd.reg_a5, crd.reg_80
        self.history_model, self.history_table = (
            self.history_tab.history_model,
            self.history_tab.history_table,
        )

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.pay_button = primary_button(translate("MemberPage", "Bayar iuran  (Ctrl+B)"), "payButton")
        self.card_button = QPushButton(translate("MemberPage", "Cetak kartu  (Ctrl+P)"))
        self.card_button.setObjectName("cardButton")
        self.correct_button = QPushButton(translate("MemberPage", "Ajukan koreksi  (Ctrl+E)"))
        self.correct_button.setObjectName("correctButton")
        self.deactivate_button = QPushButton(translate("MemberPage", "Nonaktifkan…"))
        self.deactivate_button.setObjectName("deactivateButton")
        if not self.can_approve:  # (setVisible(True) before it is in a layout would show it as a window)
            self.deactivate_button.hide()
        for b in (self.pay_button, self.card_button, self.correct_button, self.deactivate_button):
            b.setAccessibleName(b.text().split("  ")[0])
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _wire(self) -> None:
        self.ui.bus.member_requested.connect(self.open_member)
        self.ui.bus.member_changed.connect(self._on_member_changed)
        self.open_box.returnPressed.connect(self._on_open_box)
        pay, crd = self.payment_actions, self.card_actions
        self.pay_button.clicked.connect(pay.start_payment)
        self.card_button.clicked.connect(crd.issue_card)
        self.issue_button.clicked.connect(crd.issue_card)
        self.correct_button.clicked.connect(self.start_correction)
        self.deactivate_button.clicked.connect(self.start_deactivation)
        self.receipt_a5.clicked.connect(lambda: pay.print_receipt("A5"))
        self.receipt_80.clicked.connect(lambda: pay.print_receipt("80mm"))
        self.cover.date_asked.connect(pay.cover_on)
        self.void_button.clicked.connect(pay.start_void)
        self.schedule_button.clicked.connect(pay.start_schedule)
        self.reprint_button.clicked.connect(crd.start_reprint)
        self.spoil_button.clicked.connect(crd.start_spoil)
        self.reg_a5.clicked.connect(lambda: crd.print_registration_receipt("a5"))
        self.reg_80.clicked.connect(lambda: crd.print_registration_receipt("thermal"))
        self.record_banner.action.clicked.connect(self._open_survivor)
        self.payments_table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.cards_table.selectionModel().selectionChanged.connect(self.update_buttons)
        for key, slot in (
            ("Ctrl+B", pay.start_payment),
            ("Ctrl+P", crd.issue_card),
            ("Ctrl+E", self.start_correction),
        ):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ---- loading ---------------------------------------------------------------------------------
    def open_member(self, key: str, *, via: str = "gui") -> None:
        """Load and show a member (by number or NIK) off the GUI thread; a newer request wins."""
        key = key.strip()
        if not key:
            return
        self._generation += 1
        generation = self._generation
        self._stale = False
        refresh = via == "gui.refresh"
        if not refresh:
            self.banner.show_message("info", translate("MemberPage", "Memuat data peserta…"))
        ui = self.ui
        self.ui.runner.run(
            lambda: load_member_view(ui, key, via=via),
            on_success=lambda view: self._on_loaded(generation, view, refresh),
            on_error=lambda exc: self._on_load_failed(generation, exc),
        )

    def reload(self) -> None:
        if self.view is not None:
            self.open_member(self.view.member.number, via="gui.refresh")

    def _on_loaded(self, generation: int, view: MemberView, refresh: bool) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # an older request; a newer one is on its way
        self.view = view
        if not refresh:
            self.banner.clear()  # a refresh keeps the message about what was just done
        self._show(view)
        self.stack.setCurrentIndex(1)
        if not refresh:
            self.open_box.clear()
            (self.pay_button if self.pay_button.isEnabled() else self.tabs).setFocus()
        self.loaded.emit(view)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.banner.show_message("error", display.error_text(exc))

    def _on_member_changed(self, number: str) -> None:
        if self.view is None or number != self.view.member.number:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # reloaded (and audited) when the officer comes back to it

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_open_box(self) -> None:
        text = self.open_box.text().strip()
        if text:
            self.open_member(text)

    def _open_survivor(self) -> None:
        if self.view is not None and self.view.member.merged_into:
            self.ui.bus.member_requested.emit(self.view.member.merged_into)

    # ---- showing ---------------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.stack.setCurrentIndex(0)

    def _show(self, view: MemberView) -> None:
        self.header.show_view(view)
        show_record_banner(self.record_banner, view)
        self.identity_tab.show_view(view, self.ui.branch.timezone)
        self.payments_tab.show_view(view)
        self.cards_tab.show_view(view)
        self.history_tab.show_history(view.record.history)
        self.tabs.setTabText(
            1, translate("MemberPage", "&Iuran ({payments})").format(payments=len(view.payments))
        )
        self.tabs.setTabText(
            2, translate("MemberPage", "&Kartu && tanda terima ({cards})").format(cards=len(view.cards))
        )
        self.update_buttons()

    def update_buttons(self) -> None:
        """Each action button shows the core's verdict: enabled, or disabled with the reason as tooltip."""
        payment, card = self.selected_payment(), self.selected_card()
        states = member_controls(
            self.view.actions if self.view is not None else None,
            payment_voided=payment.voided if payment is not None else None,
            card_status=card.status if card is not None else None,
        )
        for control, button in (
            (Control.PAY, self.pay_button),
            (Control.ISSUE_CARD, self.issue_button),
            (Control.REPRINT_CARD, self.reprint_button),
            (Control.REGISTRATION_RECEIPT, self.reg_a5),
            (Control.REGISTRATION_RECEIPT, self.reg_80),
            (Control.CORRECT, self.correct_button),
            (Control.DEACTIVATE, self.deactivate_button),
            (Control.SCHEDULE, self.schedule_button),
            (Control.CARD_KEY, self.card_button),
            (Control.PAYMENT_RECEIPT, self.receipt_a5),
            (Control.PAYMENT_RECEIPT, self.receipt_80),
            (Control.VOID_PAYMENT, self.void_button),
            (Control.SPOIL_CARD, self.spoil_button),
        ):
            state = states[control]
            button.setEnabled(state.enabled)
            if state.reason is not None:
                button.setToolTip(display.message(state.reason) if state.reason else "")

    def selected_payment(self) -> PaymentDTO | None:
        return self.payments_tab.selected()

    def selected_card(self) -> cards.CardDTO | None:
        return self.cards_tab.selected()

    # ---- actions ---------------------------------------------------------------------------------------
    def open_dialog(self, dialog: Any, on_success: Callable[[Any], None]) -> None:
        self.dialog = dialog
        dialog.succeeded.connect(on_success)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def show_pdf(self, title: str, pdf: bytes, suggested_name: str) -> None:
        """The 1:1 preview with print and save (opened only once no other dialog is open)."""
        if not shiboken6.isValid(self):
            return  # the page closed while the PDF was being made
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        self.preview = PdfPreviewDialog(
            self,
            title,
            pdf,
            suggested_name=suggested_name,
            **card_print_options(self.ui.ctx.paths, pdf),
        )
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def changed(self, message: str, kind: str = "info") -> None:
        if not shiboken6.isValid(self):
            return
        self.banner.show_message(kind, message)
        if self.view is not None:
            self.ui.bus.member_changed.emit(self.view.member.number)

    def failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.banner.show_message("error", display.error_text(exc))

    def start_correction(self) -> None:
        view = self.view
        if view is None or not self.correct_button.isEnabled() or self.dialog is not None:
            return
        self.open_dialog(MemberCorrectionDialog(self.ui, view.member, self), self._on_proposed)

    def _on_proposed(self, correction: Any) -> None:
        text = translate(
            "MemberPage", "Koreksi {ref} diajukan; data berubah setelah disetujui supervisor."
        ).format(ref=correction.ref)
        if correction.warnings:
            text += "\n" + "\n".join(display.message(w.message) for w in correction.warnings)
        self.changed(text)

    def start_deactivation(self) -> None:
        view = self.view
        if view is None or not self.deactivate_button.isEnabled() or self.dialog is not None:
            return
        self.open_dialog(MemberDeactivateDialog(self.ui, view.member, self), self._on_deactivated)

    def _on_deactivated(self, d: DeactivationDTO) -> None:
        into = (
            translate("MemberPage", " dan digabung ke {merged_into}").format(
                merged_into=display.grouped(d.merged_into)
            )
            if d.merged_into
            else ""
        )
        self.changed(
            translate("MemberPage", "Peserta {number} dinonaktifkan{into}.").format(
                number=display.grouped(d.number), into=into
            ),
            "warning",
        )
        if d.merged_into:
            self.ui.bus.member_changed.emit(d.merged_into)

    def focus_first(self) -> None:
        if self.view is None:
            self.open_box.setFocus()
        else:
            self.tabs.setFocus()
