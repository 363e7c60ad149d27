"""Data Peserta's actions on payments and on cards: each opens its dialog (or runs off the GUI thread),
then says what was done in the page's banner and shows the paper to print. What may be done now is
the core's verdict (the page's buttons show it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject

from app.domain.member_actions import MemberAction
from app.domain.states import CardStatus
from app.services import cards, contributions, registration_receipt
from app.services.contribution_dto import PaymentDTO
from app.services.member_flow import CardKey, card_key
from ui import i18n
from ui.dialogs.member_payment import MemberPaymentDialog, PaymentDone
from ui.dialogs.member_reasons import spoil_dialog, void_dialog
from ui.dialogs.member_reprint import MemberReprintDialog, Reprinted, ReprintRequested
from ui.dialogs.member_schedule import MemberScheduleDialog
from ui.i18n import translate
from ui.models import display

if TYPE_CHECKING:
    from ui.pages.member import MemberPage


class PaymentActions(QObject):
    """Pay, set the payment calendar, void a payment, reprint its receipt, ask the cover on a date."""

    def __init__(self, page: MemberPage) -> None:
        super().__init__(page)
        self.page = page

    def cover_on(self, day: QDate) -> None:
        """ "Was he protected on that day?": asked of the service off the GUI thread."""
        page = self.page
        if page.view is None:
            return
        ctx, number, when = page.ui.ctx, page.view.member.number, day.toPython()
        page.ui.runner.run(
            lambda: contributions.cover_on_date(ctx, number, when),  # type: ignore[arg-type]
            on_success=page.cover.show_answer,
            on_error=page.failed,
        )

    def start_payment(self) -> None:
        page, view = self.page, self.page.view
        if view is None or not page.pay_button.isEnabled() or page.dialog is not None:
            return
        if view.payment_options is None:
            return
        dialog = MemberPaymentDialog(
            page.ui, view.member.number, view.member.nama, view.status, view.payment_options, page
        )
        page.open_dialog(dialog, self._on_paid)

    def _on_paid(self, done: PaymentDone) -> None:
        p = done.payment
        self.page.changed(
            translate(
                "MemberPage", "Pembayaran {total} untuk {period} diterima. Tanda bukti {receipt_no}."
            ).format(total=i18n.money(p.total), period=display.period(p.months), receipt_no=p.receipt_no)
        )
        self.page.tabs.setCurrentIndex(1)
        self.page.show_pdf(
            translate("MemberPage", "Tanda bukti iuran {receipt_no}").format(receipt_no=p.receipt_no),
            done.pdf,
            f"tanda-bukti-{p.receipt_no}.pdf",
        )

    def print_receipt(self, paper: str) -> None:
        """The receipt of the payment selected, again, on ``paper`` ("A5" or "80mm")."""
        page = self.page
        p = page.selected_payment()
        if p is None:
            page.banner.show_message("warning", translate("MemberPage", "Pilih dulu pembayaran di tabel."))
            return
        ctx, actor = page.ui.ctx, page.ui.actor
        page.ui.runner.run(
            lambda: contributions.reprint_receipt_pdf(ctx, actor, p.id, paper=paper),  # type: ignore[arg-type]
            on_success=lambda pdf: page.show_pdf(
                translate("MemberPage", "Tanda bukti iuran {receipt_no}").format(receipt_no=p.receipt_no),
                pdf,
                f"tanda-bukti-{p.receipt_no}.pdf",
            ),
            on_error=page.failed,
        )

    def start_schedule(self) -> None:
        page, view = self.page, self.page.view
        if view is None or page.dialog is not None or not view.actions.may(MemberAction.SCHEDULE):
            return
        dialog = MemberScheduleDialog(page.ui, view.member.number, view.member.nama, view.status, page)
        page.open_dialog(dialog, self._on_scheduled)

    def _on_scheduled(self, cover: Any) -> None:
        self.page.changed(
            translate("MemberPage", "Jadwal bayar disimpan: {schedule}.").format(
                schedule=display.schedule(cover.schedule, cover.schedule_label)
            )
        )

    def start_void(self) -> None:
        page = self.page
        p = page.selected_payment()
        if p is None or p.voided or not page.void_button.isEnabled() or page.dialog is not None:
            return
        page.open_dialog(void_dialog(page.ui, p, page), self._on_voided)

    def _on_voided(self, p: PaymentDTO) -> None:
        self.page.changed(
            translate("MemberPage", "Pembayaran {receipt_no} ({total}) dibatalkan.").format(
                receipt_no=p.receipt_no, total=i18n.money(p.total)
            ),
            "warning",
        )


class CardActions(QObject):
    """Print the first card, ask for (or approve) a reprint, record a misprint, print the registration
    receipt."""

    def __init__(self, page: MemberPage) -> None:
        super().__init__(page)
        self.page = page

    def issue_card(self) -> None:
        page, view = self.page, self.page.view
        if view is None or page.dialog is not None:
            return
        key = card_key(view.actions, card_in_force=view.issued_card is not None)
        if key is CardKey.POINT_TO_REPRINT and view.issued_card is not None:
            page.tabs.setCurrentIndex(2)
            page.banner.show_message(
                "warning",
                translate(
                    "MemberPage",
                    "Kartu seri {serial} masih berlaku. Untuk kartu hilang/rusak pilih Cetak ulang (perlu persetujuan supervisor).",
                ).format(serial=view.issued_card.serial),
            )
            return
        if key is not CardKey.ISSUE or not page.issue_button.isEnabled():  # (disabled while printing)
            return
        ctx, actor, number = page.ui.ctx, page.ui.actor, view.member.number
        page.card_button.setEnabled(False)
        page.issue_button.setEnabled(False)

        def work() -> tuple[cards.IssuedCard, bytes]:
            issued = cards.issue_card(ctx, actor, number)
            return issued, cards.card_pdf(issued.face)

        def done(result: tuple[cards.IssuedCard, bytes]) -> None:
            issued, pdf = result
            page.changed(
                translate(
                    "MemberPage", "Kartu seri {serial} tercatat. Cetak dari pratinjau (Ctrl+P)."
                ).format(serial=issued.card.serial)
            )
            page.tabs.setCurrentIndex(2)
            page.show_pdf(
                translate("MemberPage", "Kartu peserta {serial}").format(serial=issued.card.serial),
                pdf,
                f"kartu-{issued.card.serial}.pdf",
            )

        def failed(exc: BaseException) -> None:
            page.update_buttons()
            page.failed(exc)

        page.ui.runner.run(work, on_success=done, on_error=failed)

    def start_reprint(self) -> None:
        page, view = self.page, self.page.view
        if view is None or view.issued_card is None or page.dialog is not None:
            return
        if not page.reprint_button.isEnabled():
            return
        dialog = MemberReprintDialog(
            page.ui, view.member.number, view.member.nama, view.issued_card.serial, page
        )
        page.open_dialog(dialog, self._on_reprint)

    def _on_reprint(self, result: Reprinted | ReprintRequested) -> None:
        page = self.page
        if isinstance(result, ReprintRequested):
            page.changed(
                translate(
                    "MemberPage", "Permintaan cetak ulang #{id} diajukan; menunggu persetujuan supervisor."
                ).format(id=result.request.id)
            )
            return
        serial = result.issued.card.serial
        page.changed(
            translate(
                "MemberPage", "Cetak ulang disetujui. Kartu baru seri {serial}; kartu lama dicabut."
            ).format(serial=serial)
        )
        page.tabs.setCurrentIndex(2)
        page.show_pdf(
            translate("MemberPage", "Kartu peserta {serial}").format(serial=serial),
            result.pdf,
            f"kartu-{serial}.pdf",
        )

    def start_spoil(self) -> None:
        page = self.page
        card = page.selected_card()
        if card is None or card.status != CardStatus.ISSUED or page.dialog is not None:
            return
        page.open_dialog(
            spoil_dialog(page.ui, card, page),
            lambda c: page.changed(
                translate("MemberPage", "Kartu seri {serial} dicatat rusak cetak.").format(serial=c.serial),
                "warning",
            ),
        )

    def print_registration_receipt(self, layout: str) -> None:
        page, view = self.page, self.page.view
        if view is None:
            return
        ctx, actor, number = page.ui.ctx, page.ui.actor, view.member.number

        def work() -> tuple[str, bytes]:
            receipt = registration_receipt.registration_receipt(ctx, actor, number)
            return receipt.receipt_id, registration_receipt.receipt_pdf(receipt, layout)

        def done(result: tuple[str, bytes]) -> None:
            receipt_id, pdf = result
            page.show_pdf(
                translate("MemberPage", "Tanda terima pendaftaran {receipt_id}").format(
                    receipt_id=receipt_id
                ),
                pdf,
                f"tanda-terima-{receipt_id}.pdf",
            )
            page.ui.bus.member_changed.emit(number)  # the print is in the history

        page.ui.runner.run(work, on_success=done, on_error=page.failed)
