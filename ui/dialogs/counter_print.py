"""Card and receipts for the member just enrolled: made off the GUI thread, shown one preview at a time.

The card is issued (signed and recorded) once; its PDF and the receipts are kept, so closing a preview
without printing and pressing Ctrl+P again shows the same documents instead of issuing a second card.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.domain.issues import DomainError
from app.services import cards, contributions, registration_receipt
from app.services.cards import IssuedCard
from app.services.contribution_dto import PaymentDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog, card_print_options

CARD, REGISTRATION, PAYMENT = "card", "registration", "payment"


def merge_pdfs(parts: list[bytes]) -> bytes:
    """One document from several (the registration and payment receipts print together)."""
    if len(parts) == 1:
        return parts[0]
    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(p) for p in parts]
    try:
        for src in sources:
            out.import_pages(src)
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for src in sources:
            src.close()
        out.close()


@dataclass(frozen=True, slots=True)
class _Made:
    card: IssuedCard | None
    card_pdf: bytes | None
    card_error: str | None
    receipts: dict[str, bytes]


class CounterPrintJob(QObject):
    """Everything printed for one member at the counter. ``run`` shows what has not been printed yet."""

    started = Signal()
    finished = Signal()  # every preview of this round closed
    failed = Signal(str)
    dialog_opened = Signal(object)  # PdfPreviewDialog, for tests and screenshots

    def __init__(self, ui: UiContext, parent: QWidget, number: str) -> None:
        super().__init__(parent)
        self.ui = ui
        self.parent_widget = parent
        self.number = number
        self.issued: IssuedCard | None = None
        self.pdfs: dict[str, bytes] = {}
        self.printed: set[str] = set()
        self.shown: list[str] = []  # kinds, in the order previews opened (for tests)
        self.dialog: PdfPreviewDialog | None = None
        self.busy = False
        self._queue: list[tuple[str, str, bytes]] = []
        self.messages: list[str] = []

    # ---- making -----------------------------------------------------------------------------------
    def run(self, payment: PaymentDTO | None) -> bool:
        """Make what is missing, then preview every document not printed yet. False when busy."""
        if self.busy or self.dialog is not None:
            return False
        self.busy = True
        self.messages = []
        self.started.emit()
        ctx, actor, number = self.ui.ctx, self.ui.actor, self.number
        need_card = CARD not in self.pdfs and self.issued is None
        need_registration = REGISTRATION not in self.pdfs
        need_payment = payment is not None and PAYMENT not in self.pdfs
        issued = self.issued
        need_card_pdf = CARD not in self.pdfs

        def work() -> _Made:
            card, card_pdf, card_error = issued, None, None
            if need_card:
                try:
                    card = cards.issue_card(ctx, actor, number)
                except DomainError as exc:
                    card_error = "\n".join(display.message(i.message) for i in exc.issues)
            if card is not None and need_card_pdf:
                card_pdf = cards.card_pdf(card.face)
            receipts: dict[str, bytes] = {}
            if need_registration:
                receipt = registration_receipt.registration_receipt(ctx, actor, number)
                receipts[REGISTRATION] = registration_receipt.receipt_pdf(receipt, "a5")
            if need_payment and payment is not None:
                receipts[PAYMENT] = contributions.receipt_pdf(ctx, payment.id, paper="A5")
            return _Made(card, card_pdf, card_error, receipts)

        self.ui.runner.run(work, on_success=self._on_made, on_error=self._on_failed)
        return True

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, DomainError):
            text = "\n".join(display.message(i.message) for i in exc.issues)
        else:
            text = display.message_of(exc) or translate(
                "CounterPrintJob", "Dokumen tidak dapat dibuat. Coba lagi."
            )
        self.failed.emit(str(text))

    def _on_made(self, made: _Made) -> None:
        if made.card is not None:
            self.issued = made.card
        if made.card_pdf is not None:
            self.pdfs[CARD] = made.card_pdf
        self.pdfs.update(made.receipts)
        if made.card_error:
            self.messages.append(made.card_error)
        self._queue = []
        if CARD in self.pdfs and CARD not in self.printed:
            serial = self.issued.card.serial if self.issued else self.number
            self._queue.append(
                (
                    CARD,
                    translate("CounterPrintJob", "Kartu peserta — seri {serial}").format(serial=serial),
                    self.pdfs[CARD],
                )
            )
        receipts = [k for k in (REGISTRATION, PAYMENT) if k in self.pdfs and k not in self.printed]
        if receipts:
            title = translate("CounterPrintJob", "Tanda terima pendaftaran") + (
                translate("CounterPrintJob", " dan bukti iuran") if PAYMENT in receipts else ""
            )
            merged = merge_pdfs([self.pdfs[k] for k in receipts])
            self._queue.append(("+".join(receipts), title, merged))
        self._show_next()

    # ---- showing ------------------------------------------------------------------------------------
    def _show_next(self) -> None:
        if not self._queue:
            self.busy = False
            self.finished.emit()
            return
        kind, title, pdf = self._queue.pop(0)
        names = {CARD: f"kartu-{self.number}.pdf"}
        dialog = PdfPreviewDialog(
            self.parent_widget.window(),
            title,
            pdf,
            suggested_name=names.get(kind, f"tanda-terima-{self.number}.pdf"),
            **card_print_options(self.ui.ctx.paths, pdf),
        )
        dialog.setProperty("document", kind)
        dialog.finished.connect(lambda _result: self._on_closed(kind, dialog))
        self.dialog = dialog
        self.shown.append(kind)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_closed(self, kind: str, dialog: PdfPreviewDialog) -> None:
        if dialog.printed_pages:
            self.printed.update(kind.split("+"))
        self.dialog = None
        dialog.deleteLater()
        # The next preview opens after this one is gone: never two dialogs at once.
        QTimer.singleShot(0, self._show_next)

    @property
    def all_printed(self) -> bool:
        return CARD in self.printed and REGISTRATION in self.printed
