"""The side of Cetak Kartu: recording a misprinted card (so that it is not valid) and the count of
reprint requests waiting for a supervisor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.domain.issues import DomainError
from app.services import cards
from app.services.cards import CardDTO, ReprintRequestDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import Banner, FieldRow


class SpoilBox(QGroupBox):
    """Rusak cetak: a card's serial and why; recorded at once, said in the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(translate("CardsPage", "Rusak cetak"))
        self.ui, self.banner = ui, banner  # what was done (or failed outside a field) is said there
        v = QVBoxLayout(self)
        note = QLabel(
            translate(
                "CardsPage",
                "Kartu macet atau salah cetak hari ini: catat serinya agar tidak berlaku. "
                "Kartu pengganti lalu dapat dicetak biasa.",
            )
        )
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        v.addWidget(note)
        self.spoil_serial = QLineEdit()
        self.spoil_serial.setObjectName("spoilSerial")
        self.spoil_serial.setMaxLength(24)
        self.spoil_serial.setPlaceholderText(translate("CardsPage", "mis. 10100000013-1"))
        self.spoil_reason = QLineEdit()
        self.spoil_reason.setObjectName("spoilReason")
        self.spoil_reason.setMaxLength(200)
        self.spoil_reason.setPlaceholderText(translate("CardsPage", "mis. printer macet"))
        self.spoil_rows = {
            "serial": FieldRow(
                "serial", translate("CardsPage", "Seri kartu"), self.spoil_serial, required=True
            ),
            "reason": FieldRow("reason", translate("CardsPage", "Alasan"), self.spoil_reason, required=True),
        }
        for row in self.spoil_rows.values():
            v.addWidget(row)
        self.spoil_button = QPushButton(translate("CardsPage", "Catat rusak cetak"))
        self.spoil_button.setObjectName("spoilButton")
        self.spoil_button.setAutoDefault(True)
        v.addWidget(self.spoil_button)
        self.spoil_serial.returnPressed.connect(self.spoil_reason.setFocus)
        self.spoil_reason.returnPressed.connect(self.spoil)
        self.spoil_button.clicked.connect(self.spoil)

    def spoil(self) -> None:
        for row in self.spoil_rows.values():
            row.set_error(None)
        serial, reason = self.spoil_serial.text().strip(), self.spoil_reason.text()
        if not serial:
            self.spoil_rows["serial"].set_error(
                translate("CardsPage", "Tulis seri kartu yang rusak, mis. 10100000013-1.")
            )
            self.spoil_serial.setFocus()
            return
        self.spoil_button.setEnabled(False)

        def done(card: CardDTO) -> None:
            self.spoil_button.setEnabled(True)
            self.spoil_serial.clear()
            self.spoil_reason.clear()
            self.banner.show_message(
                "info",
                translate(
                    "CardsPage",
                    "Kartu seri {serial} dicatat rusak cetak dan tidak berlaku lagi. Kartu pengganti dapat dicetak biasa.",
                ).format(serial=card.serial),
            )
            self.ui.bus.member_changed.emit(card.number)

        def failed(exc: BaseException) -> None:
            self.spoil_button.setEnabled(True)
            if isinstance(exc, DomainError):
                for issue in exc.issues:
                    row = self.spoil_rows.get(issue.field, self.spoil_rows["serial"])
                    row.set_error(display.message(issue.message))
                    row.editor.setFocus()
                return
            self.banner.show_message(
                "error", display.message_of(exc) or translate("CardsPage", "Gagal mencatat; coba lagi.")
            )

        self.ui.runner.run(
            lambda: cards.spoil_card(self.ui.ctx, self.ui.actor, serial, reason),
            on_success=done,
            on_error=failed,
        )


class ReprintBox(QGroupBox):
    """How many reprint requests wait, and the way to Persetujuan."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__(translate("CardsPage", "Cetak ulang"))
        self.ui = ui
        v = QVBoxLayout(self)
        self.reprint_label = QLabel(translate("CardsPage", "Menghitung permintaan cetak ulang…"))
        self.reprint_label.setObjectName("reprintCount")
        self.reprint_label.setWordWrap(True)
        self.reprint_label.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.reprint_label)
        self.approvals_button = QPushButton(translate("CardsPage", "Buka halaman Persetujuan"))
        self.approvals_button.setObjectName("openApprovals")
        self.approvals_button.clicked.connect(lambda: self.ui.bus.page_requested.emit("ApprovalsPage"))
        v.addWidget(self.approvals_button)

    def refresh_reprints(self) -> None:
        self.ui.runner.run(lambda: cards.pending_reprints(self.ui.ctx), on_success=self._on_reprints)

    def _on_reprints(self, pending: list[ReprintRequestDTO]) -> None:
        n = len(pending)
        if n == 0:
            self.reprint_label.setText(
                translate("CardsPage", "Tidak ada permintaan cetak ulang yang menunggu persetujuan.")
            )
        else:
            self.reprint_label.setText(
                (
                    translate("CardsPage", "1 permintaan cetak ulang menunggu persetujuan supervisor.")
                    if n == 1
                    else translate("CardsPage", "{n} permintaan cetak ulang menunggu persetujuan supervisor.")
                ).format(n=n)
            )
        self.reprint_label.setProperty("count", n)
