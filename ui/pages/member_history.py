"""The Riwayat tab of Data Peserta: every audited change to a member, worded for the officer."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.payment_methods import METHOD_LABELS
from app.services.records_dto import HistoryEntryDTO
from ui import i18n
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import record_table as _table


class HistoryTab(QWidget):
    """Newest first; views of the record are audited but not listed here."""

    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 10, 8, 8)
        tz = timezone
        self.history_model: RowsModel[HistoryEntryDTO] = RowsModel(
            [
                Column(translate("MemberPage", "Waktu"), lambda h: display.when(h.occurred_at, tz)),
                Column(translate("MemberPage", "Petugas"), lambda h: h.actor),
                Column(translate("MemberPage", "Loket"), lambda h: h.counter),
                Column(translate("MemberPage", "Kejadian"), history_text),
            ],
            parent=self,
        )
        self.history_table = _table(
            "historyTable", translate("MemberPage", "Riwayat perubahan"), self.history_model, 3
        )
        v.addWidget(self.history_table, 1)
        note = QLabel(
            translate(
                "MemberPage", "Setiap perubahan dan setiap pembukaan data lengkap tercatat di jejak audit."
            )
        )
        note.setObjectName("pageHint")
        v.addWidget(note)

    def show_history(self, history: tuple[HistoryEntryDTO, ...]) -> None:
        self.history_model.set_rows(list(reversed(history)))  # newest first


def history_text(h: HistoryEntryDTO) -> str:
    """The service's summary, or ours for events it leaves as a bare action code."""
    if h.summary != h.action:
        return h.summary
    d = h.details
    total = d.get("total")
    money = i18n.money(total) if isinstance(total, int) and not isinstance(total, bool) else ""
    if h.action == "payment.record":
        months = d.get("months") or []
        span = (
            translate("MemberPage", "{first} s.d. {last}").format(first=months[0], last=months[-1])
            if len(months) > 1
            else (months[0] if months else "")
        )
        method = display.label(METHOD_LABELS.get(str(d.get("method")), str(d.get("method") or "")))
        return translate("MemberPage", "Iuran {money} dibayar ({method}), {months}: {span}.").format(
            money=money, method=method, months=display.months(len(months)), span=span
        )
    if h.action == "payment.void":
        return translate("MemberPage", "Pembayaran {money} dibatalkan: {reason}").format(
            money=money, reason=d.get("reason", "")
        )
    if h.action == "card.issue":
        if d.get("reprint_of"):
            return translate(
                "MemberPage", "Kartu baru dicetak (urutan {seq}) menggantikan seri {serial}."
            ).format(seq=d.get("seq"), serial=d["reprint_of"])
        return translate("MemberPage", "Kartu dicetak (urutan {seq}).").format(seq=d.get("seq"))
    if h.action == "card.revoke":
        return translate("MemberPage", "Kartu dicabut ({reason}).").format(reason=d.get("reason", ""))
    if h.action == "card.spoil":
        return translate("MemberPage", "Kartu rusak cetak: {reason}").format(reason=d.get("reason", ""))
    if h.action == "card.reprint_request":
        return translate("MemberPage", "Cetak ulang kartu {serial} diminta ({reason}).").format(
            serial=d.get("serial", ""), reason=d.get("reason", "")
        )
    if h.action == "card.reprint_approve":
        return translate("MemberPage", "Cetak ulang disetujui: {old} → {new}.").format(
            old=d.get("old", ""), new=d.get("new", "")
        )
    if h.action == "card.reprint_reject":
        return translate("MemberPage", "Permintaan cetak ulang ditolak.")
    if h.action == "receipt.print":
        return translate("MemberPage", "Tanda terima pendaftaran dicetak (cetakan ke-{copy}).").format(
            copy=d.get("copy", "?")
        )
    if h.action == "schedule.set":
        return translate("MemberPage", "Pola bayar diubah: {schedule}.").format(
            schedule=d.get("schedule", "")
        )
    if h.action == "member.duplicate_shown":
        return translate("MemberPage", "Ditampilkan sebagai kemungkinan duplikat saat pendaftaran.")
    return h.action
