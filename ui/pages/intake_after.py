"""Pendaftaran after Simpan: the first payment of the months chosen on the form, then the card and the
receipts (Ctrl+P), previewed one after the other."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.domain.quote import Quote
from app.domain.rates import RateBook
from app.services import contributions
from app.services.contribution_dto import PaymentDTO
from app.services.dto import MemberDTO
from app.services.intake_flow import IntakeFlow
from ui.context import UiContext
from ui.dialogs.counter_print import CounterPrintJob
from ui.i18n import translate
from ui.pages.intake_side import PRINT_TEXT, IntakeSide
from ui.theme import repolish


class IntakeAfterSave(QObject):
    """The saved worker's payment and printing on the side column; the flow says what comes next."""

    def __init__(self, ui: UiContext, owner: QWidget, side: IntakeSide, flow: IntakeFlow) -> None:
        super().__init__(owner)
        self.ui = ui
        self.owner = owner  # the print previews' parent
        self.side = side
        self.flow = flow
        self.saved_member: MemberDTO | None = None
        self.saved_quote: Quote | None = None
        self.print_job: CounterPrintJob | None = None
        side.print_button.clicked.connect(self.print_documents)
        side.payment_panel.paid.connect(self._on_paid)

    @property
    def busy(self) -> bool:
        """A print round is running (the next worker waits for it)."""
        return self.print_job is not None and self.print_job.busy

    def clear(self) -> None:
        """Nothing saved: no payment, nothing to print."""
        self.print_job = None
        self.saved_member = None
        self.saved_quote = None
        self.side.payment_panel.setVisible(False)
        self.side.print_button.setVisible(False)
        self.side.print_button.setText(translate("IntakePage", PRINT_TEXT))

    def start(self, member: MemberDTO, book: RateBook | None) -> None:
        """The worker is saved: take the months chosen on the form (if any), then print."""
        side = self.side
        self.saved_member = member
        months = member.current.months_at_enrolment if member.current else 0
        self.saved_quote = side.quote_panel.quote if months > 0 else None
        side.payment_panel.start(
            member.number,
            None
            if self.saved_quote is None
            else contributions.enrolment_payment_options(book, self.saved_quote),
        )
        side.quote_panel.set_compact(True)
        self.print_job = CounterPrintJob(self.ui, self.owner, member.number)
        self.print_job.finished.connect(self._on_print_round_done)
        self.print_job.failed.connect(self._on_print_failed)
        side.print_button.setVisible(True)
        side.print_button.setEnabled(True)
        self.flow.payment_due = side.payment_panel.pending
        self._set_print_primary(self.flow.print_primary)
        if self.flow.payment_due:
            side.payment_panel.focus_first()
        else:
            side.print_button.setFocus()

    def _set_print_primary(self, primary: bool) -> None:
        self.side.print_button.setProperty("primary", primary)
        repolish(self.side.print_button)

    def _on_paid(self, _payment: PaymentDTO) -> None:
        self.flow.paid()
        self._set_print_primary(self.flow.print_primary)
        self.side.banner.clear()
        self.side.print_button.setFocus()
        if self.saved_member is not None:
            self.ui.bus.member_changed.emit(self.saved_member.number)

    def print_documents(self) -> None:
        """Ctrl+P: issue the card and make the receipts, then preview them one after the other."""
        job = self.print_job
        if job is None or self.flow.editing or job.busy:
            return
        side = self.side
        if job.all_printed and (side.payment_panel.payment is None or "payment" in job.printed):
            side.banner.show_message(
                "info",
                translate(
                    "IntakePage",
                    "Kartu dan tanda terima sudah dicetak. Kartu gagal cetak dicatat di halaman Cetak Kartu (F6); "
                    "cetak ulang kartu memerlukan persetujuan supervisor.",
                ),
            )
            return
        side.banner.clear()
        if job.run(side.payment_panel.payment):
            side.print_button.setEnabled(False)
            side.print_button.setText(translate("IntakePage", "Menyiapkan kartu dan tanda terima…"))

    def _on_print_round_done(self) -> None:
        side = self.side
        side.print_button.setEnabled(True)
        side.print_button.setText(translate("IntakePage", PRINT_TEXT))
        job = self.print_job
        if job is not None and job.messages:
            side.banner.show_message("warning", "\n".join(job.messages))
        if job is not None and job.issued is not None and self.saved_member is not None:
            self.ui.bus.member_changed.emit(self.saved_member.number)
        side.next_button.setFocus()

    def _on_print_failed(self, message: str) -> None:
        side = self.side
        side.print_button.setEnabled(True)
        side.print_button.setText(translate("IntakePage", PRINT_TEXT))
        side.banner.show_message(
            "error", translate("IntakePage", "Gagal menyiapkan dokumen: {message}").format(message=message)
        )
        side.print_button.setFocus()
