"""The first payment, right after saving at intake: the months chosen on the form, cash by default."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.domain.issues import DomainError
from app.domain.payment_methods import reference_required, takes_tender
from app.domain.payment_options import PaymentOptions, method_options
from app.services import contributions
from app.services.contribution_dto import PaymentDTO
from ui import i18n
from ui.cash_tender import CashTender
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow, primary_button

PAY_TEXT = QT_TRANSLATE_NOOP("EnrolmentPaymentPanel", "Terima pembayaran  (Ctrl+B)")
CONFIRM_TEXT = QT_TRANSLATE_NOOP("EnrolmentPaymentPanel", "Ya, catat pembayaran  (Enter)")


class EnrolmentPaymentPanel(QFrame):
    """Records ``record_enrolment_payment`` off the GUI thread and says what was received."""

    paid = Signal(object)  # PaymentDTO

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("paymentPanel")
        self.number: str | None = None
        self.options: PaymentOptions | None = None  # the core's decision: methods, prices, discounts
        self.payment: PaymentDTO | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        self.title = QLabel(translate("EnrolmentPaymentPanel", "Pembayaran iuran"))
        self.title.setWordWrap(True)
        self.title.setObjectName("paymentTitle")
        self.amount = QLabel()
        self.amount.setObjectName("paymentAmount")
        self.amount.setTextFormat(Qt.TextFormat.PlainText)
        self.amount.setWordWrap(True)
        head = QHBoxLayout()  # "Bayar 3 bulan   Rp33.600" on one line: the column is short
        head.addWidget(self.title, 1)
        head.addWidget(self.amount, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(head)
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        # The column is 350 px: the closed box shows the chosen method (its list opens wide enough).
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.method.setMinimumContentsLength(8)
        for m in method_options("MANDIRI"):  # refilled from the member's options on start
            self.method.addItem(display.label(m.label), m.code)
        self.reference = QLineEdit()
        self.reference.setObjectName("paymentReference")
        self.reference.setMaxLength(60)
        self.rows = {
            "metode": FieldRow("metode", translate("EnrolmentPaymentPanel", "Cara bayar"), self.method),
            "referensi": FieldRow(
                "referensi",
                translate("EnrolmentPaymentPanel", "No. referensi (transfer/SP2D/surat)"),
                self.reference,
                required=True,
            ),
        }
        self.tender = CashTender(compact=True)
        side = QHBoxLayout()  # method and cash received side by side: the panel shares a short column
        side.setSpacing(8)
        side.addWidget(self.rows["metode"], 1)
        side.addWidget(self.tender.row, 1)
        layout.addLayout(side)
        layout.addWidget(self.rows["referensi"])
        layout.addWidget(self.tender)
        self.error = QLabel()
        self.error.setObjectName("paymentError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.pay_button = primary_button(translate("EnrolmentPaymentPanel", PAY_TEXT), "payButton")
        self.pay_button.setAutoDefault(True)  # Enter on the focused button pays
        layout.addWidget(self.pay_button)
        self.done = QLabel()
        self.done.setObjectName("paymentDone")
        self.done.setProperty("role", "derived")
        self.done.setTextFormat(Qt.TextFormat.PlainText)
        self.done.setWordWrap(True)
        self.done.setVisible(False)
        layout.addWidget(self.done)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.reference.returnPressed.connect(self.pay)
        self.reference.textEdited.connect(lambda _t: self._withdraw())
        self.tender.received.returnPressed.connect(self.pay)
        self.tender.changed.connect(self._withdraw)
        self.pay_button.clicked.connect(self.pay)
        self.setVisible(False)

    # ---- state --------------------------------------------------------------------------------------
    def start(self, number: str, options: PaymentOptions | None) -> None:
        """A member was just saved; ``options`` price the form's months for every way of paying (None
        when nothing is due now)."""
        self.number, self.options, self.payment = number, options, None
        self._busy = False
        if options is not None:
            self.method.blockSignals(True)
            self.method.clear()
            for m in options.methods:
                self.method.addItem(display.label(m.label), m.code)
            self.method.blockSignals(False)
        self.method.setCurrentIndex(0)
        self.reference.clear()
        self._clear_errors()
        self.done.setVisible(False)
        self.tender.reset()
        for w in (self.rows["metode"], self.pay_button, self.tender):
            w.setVisible(True)
        self.pay_button.setText(translate("EnrolmentPaymentPanel", PAY_TEXT))
        self.setVisible(options is not None)
        self._on_method_changed()

    def focus_first(self) -> None:
        """Cash (the default) starts at the amount received; other methods at the button."""
        if takes_tender(str(self.method.currentData())) and self.tender.row.isVisibleTo(self):
            self.tender.received.setFocus()
        else:
            self.pay_button.setFocus()

    @property
    def pending(self) -> bool:
        """Months chosen on the form and not yet paid."""
        return not self.isHidden() and self.payment is None

    def _needs_reference(self, method: str) -> bool:
        return (
            self.options.needs_reference(method) if self.options is not None else reference_required(method)
        )

    def _on_method_changed(self) -> None:
        method = str(self.method.currentData())
        needed = self._needs_reference(method)
        # The reference row appears only for the ways of paying that require one.
        self.rows["referensi"].setVisible(needed and self.payment is None)
        if not needed:
            self.reference.clear()
            self.rows["referensi"].set_error(None)
        options = self.options
        q = options.quote_for(method) if options is not None else None
        if options is not None and q is not None:
            self.title.setText(
                translate("EnrolmentPaymentPanel", "Bayar {months}").format(
                    months=display.months(len(q.months))
                )
            )
            text = i18n.money(q.total)
            if options.method(method).discount_withheld:
                text += translate("EnrolmentPaymentPanel", "  (tanpa potongan: dana APBD)")
            self.amount.setText(text)
        self.tender.set_due(q.total if q is not None else None, method)
        self._withdraw()

    def _withdraw(self) -> None:
        """What was edited is no longer what was confirmed: the first Enter reviews again."""
        self.tender.back()
        if not self._busy:
            self.pay_button.setText(translate("EnrolmentPaymentPanel", PAY_TEXT))

    def _clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        self.error.setVisible(False)

    # ---- paying ----------------------------------------------------------------------------------------
    def pay(self) -> None:
        if self._busy or self.number is None or self.payment is not None or self.isHidden():
            return
        method = str(self.method.currentData())
        reference = self.reference.text()
        self._clear_errors()
        if self._needs_reference(method) and not reference.strip():
            self.rows["referensi"].set_error(
                translate("EnrolmentPaymentPanel", "Nomor referensi wajib untuk cara bayar ini.")
            )
            self.reference.setFocus()
            return
        if not self.tender.confirming:
            # First Enter: the total, the amount received and the change on screen; nothing recorded.
            if self.tender.review():
                self.pay_button.setText(translate("EnrolmentPaymentPanel", CONFIRM_TEXT))
                self.pay_button.setFocus()
            return
        tender = self.tender.confirm()
        if tender is None:
            return
        number = self.number
        self._busy = True
        self.pay_button.setEnabled(False)
        self.pay_button.setText(translate("EnrolmentPaymentPanel", "Menyimpan pembayaran…"))
        self.ui.runner.run(
            lambda: contributions.record_enrolment_payment(
                self.ui.ctx,
                self.ui.actor,
                number,
                method=method,
                reference=reference or None,
                cash_received=tender.received,
            ),
            on_success=self._on_paid,
            on_error=self._on_failed,
        )

    def _on_paid(self, payment: PaymentDTO | None) -> None:
        self._busy = False
        self.pay_button.setEnabled(True)
        self.pay_button.setText(translate("EnrolmentPaymentPanel", PAY_TEXT))
        if payment is None:  # bulan_bayar was 0 after all
            self.setVisible(False)
            return
        self.payment = payment
        self.tender.recorded()
        for w in (*self.rows.values(), self.pay_button, self.tender):
            w.setVisible(False)
        self.title.setText(
            translate("EnrolmentPaymentPanel", "Lunas {months} · {period}").format(
                months=display.months(len(payment.months)), period=display.period(payment.months)
            )
        )
        ref = (
            translate("EnrolmentPaymentPanel", " · ref. {reference}").format(reference=payment.reference)
            if payment.reference
            else ""
        )
        self.amount.setText(i18n.money(payment.total))
        if payment.cash_received is not None and payment.change is not None:
            ref = translate("EnrolmentPaymentPanel", " · diterima {received} · kembalian {change}").format(
                received=i18n.money(payment.cash_received), change=i18n.money(payment.change)
            )
        self.done.setText(
            translate("EnrolmentPaymentPanel", "{method_label}{ref}\nTanda bukti {receipt_no}").format(
                method_label=display.label(payment.method_label), ref=ref, receipt_no=payment.receipt_no
            )
        )
        self.done.setVisible(True)
        self.paid.emit(payment)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.tender.failed()  # still confirming what is on screen: Enter tries again
        self.pay_button.setEnabled(True)
        self.pay_button.setText(
            translate("EnrolmentPaymentPanel", CONFIRM_TEXT if self.tender.confirming else PAY_TEXT)
        )
        if isinstance(exc, DomainError):
            for issue in exc.issues:
                row = self.rows.get(issue.field)
                if row is not None:
                    row.set_error(display.message(issue.message))
                else:
                    self.error.setText(display.message(issue.message))
                    self.error.setVisible(True)
            return
        message = display.message_of(exc) or translate(
            "EnrolmentPaymentPanel", "Pembayaran gagal disimpan; coba lagi."
        )
        self.error.setText(str(message))
        self.error.setVisible(True)
