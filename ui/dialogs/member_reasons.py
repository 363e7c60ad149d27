"""The two reason dialogs of Data Peserta: void a payment (supervisor, with password) and record a card
spoiled in printing."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services import cards, contributions
from app.services.contribution_dto import PaymentDTO
from ui import i18n
from ui.context import UiContext
from ui.dialogs.member_base import MemberReasonDialog
from ui.i18n import translate
from ui.models import display


def void_dialog(ui: UiContext, p: PaymentDTO, parent: QWidget) -> MemberReasonDialog:
    """Batalkan pembayaran: ``succeeded`` carries the voided :class:`PaymentDTO`."""
    ctx, actor = ui.ctx, ui.actor
    return MemberReasonDialog(
        ui,
        object_name="memberVoidDialog",
        title=translate("MemberPage", "Batalkan pembayaran"),
        intro=(
            translate(
                "MemberPage",
                "Tanda bukti {receipt_no} · {total} · {period}\nPembayaran tidak dihapus: ditandai DIBATALKAN dengan alasan, dan bulannya dapat dibayar lagi.",
            ).format(receipt_no=p.receipt_no, total=i18n.money(p.total), period=display.period(p.months))
        ),
        confirm_text=translate("MemberPage", "Batalkan pembayaran  (Enter)"),
        reason_label=translate("MemberPage", "Alasan pembatalan"),
        password=True,
        action=lambda reason, password: contributions.void_payment(
            ctx, actor, p.id, reason=reason, password=password
        ),
        parent=parent,
    )


def spoil_dialog(ui: UiContext, card: cards.CardDTO, parent: QWidget) -> MemberReasonDialog:
    """Catat rusak cetak: ``succeeded`` carries the spoiled card."""
    ctx, actor = ui.ctx, ui.actor
    return MemberReasonDialog(
        ui,
        object_name="memberSpoilDialog",
        title=translate("MemberPage", "Catat rusak cetak"),
        intro=(
            translate(
                "MemberPage",
                "Kartu seri {serial}. Hanya pada hari kartu dicetak (printer macet, salah cetak). Seri ini tidak berlaku lagi; setelah itu cetak kartu baru.",
            ).format(serial=card.serial)
        ),
        confirm_text=translate("MemberPage", "Catat rusak cetak  (Enter)"),
        reason_label=translate("MemberPage", "Apa yang terjadi"),
        password=False,
        min_reason=3,
        action=lambda reason, _password: cards.spoil_card(ctx, actor, card.serial, reason),
        parent=parent,
    )
