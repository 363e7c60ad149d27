"""The amount received and the change, then a confirmation, before any payment is recorded.

The steps are ``app.domain.cash.PaymentFlow``'s; this widget only shows them: the field for the cash
handed over, the change as it is typed, and the line the officer confirms (total, method, received,
change). A payment screen asks ``review`` on its first Enter and ``confirm`` on its second.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.cash import PaymentFlow, PayStep, Tender, parse_rupiah
from app.domain.issues import Issue
from app.domain.payment_methods import takes_tender
from ui import i18n
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow


class CashTender(QWidget):
    """``changed`` is emitted when the officer edits what was shown: the confirmation is withdrawn."""

    changed = Signal()

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact  # a narrow panel: a short label and a short confirmation line
        self.setObjectName("cashTender")
        self.flow = PaymentFlow()
        self.total: int | None = None
        self.method = "cash"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.received = QLineEdit()
        self.received.setObjectName("cashReceived")
        self.received.setMaxLength(20)
        self.received.setPlaceholderText("50.000")
        self.row = FieldRow(
            "uang_diterima",
            translate("CashTender", "Uang diterima")
            if compact
            else translate("CashTender", "Uang diterima dari peserta (tunai)"),
            self.received,
            required=True,
        )
        layout.addWidget(self.row)
        self.change = QLabel()
        self.change.setObjectName("cashChange")
        self.change.setTextFormat(Qt.TextFormat.PlainText)
        self.change.setProperty("role", "derived")
        layout.addWidget(self.change)
        self.confirmation = QLabel()
        self.confirmation.setObjectName("paymentConfirmation")
        self.confirmation.setTextFormat(Qt.TextFormat.PlainText)
        self.confirmation.setWordWrap(True)
        self.confirmation.setProperty("role", "warning")
        self.confirmation.setVisible(False)
        layout.addWidget(self.confirmation)
        self.received.textEdited.connect(self._on_received_edited)
        self._show_change()

    # ---- what is being paid ---------------------------------------------------------------------------
    def set_due(self, total: int | None, method: str) -> None:
        """The total on screen now and the method chosen; any confirmation shown is withdrawn."""
        if (total, method) != (self.total, self.method):
            self.back()
        self.total, self.method = total, method
        cash = takes_tender(method)
        self.row.setVisible(cash)
        self.change.setVisible(cash)
        if not cash:
            self.row.set_error(None)
        self._show_change()

    def reset(self) -> None:
        self.flow = PaymentFlow()
        self.received.clear()
        self.row.set_error(None)
        self.confirmation.setVisible(False)
        self._show_change()

    @property
    def confirming(self) -> bool:
        return self.flow.step is PayStep.CONFIRM

    # ---- the two steps --------------------------------------------------------------------------------
    def review(self) -> bool:
        """First Enter: check the amount received and show what will be recorded (True when shown)."""
        issues = self.flow.review(self.total, self.method, self.received.text())
        self.row.set_error(None)
        if issues:
            self._show_issue(issues[0])
            return False
        tender = self.flow.tender
        assert tender is not None
        self.confirmation.setText(self._confirmation_text(tender))
        self.confirmation.setVisible(True)
        self.change.setVisible(False)  # the confirmation line says it
        return True

    def confirm(self) -> Tender | None:
        """Second Enter: the tender to record, once."""
        return self.flow.confirm()

    def back(self) -> None:
        """Back to typing: nothing confirmed stays confirmed."""
        self.flow.back()
        if self.flow.step is PayStep.ENTER:
            self.confirmation.setVisible(False)
            self.change.setVisible(takes_tender(self.method))

    def failed(self) -> None:
        self.flow.failed()

    def recorded(self) -> None:
        self.flow.recorded()
        self.confirmation.setVisible(False)

    # ---- showing ----------------------------------------------------------------------------------------
    def _on_received_edited(self, _text: str) -> None:
        self.row.set_error(None)
        self._show_change()
        self.changed.emit()

    def _show_change(self) -> None:
        received = parse_rupiah(self.received.text())
        if self.total is None or received is None:
            self.change.setText(translate("CashTender", "Kembalian: –"))
        elif received < self.total:
            self.change.setText(
                translate("CashTender", "Kurang {amount}").format(amount=i18n.money(self.total - received))
            )
        else:
            self.change.setText(
                translate("CashTender", "Kembalian: {amount}").format(
                    amount=i18n.money(received - self.total)
                )
            )

    def _show_issue(self, issue: Issue) -> None:
        if issue.field == "uang_diterima" and self.row.isVisible():
            self.row.set_error(display.message(issue.message))
            self.received.setFocus()
            self.received.selectAll()
        else:
            self.confirmation.setText(display.message(issue.message))
            self.confirmation.setVisible(True)

    def _confirmation_text(self, tender: Tender) -> str:
        if self.compact:
            if tender.received is not None:
                return translate("CashTender", "Kembalian {change} · Enter lagi: catat").format(
                    change=i18n.money(tender.change)
                )
            return translate("CashTender", "Total {total} · Enter lagi: catat").format(
                total=i18n.money(tender.total)
            )
        if tender.received is not None:
            return translate(
                "CashTender",
                "Total {total} · tunai · diterima {received} · kembalian {change}. "
                "Tekan Enter sekali lagi untuk mencatat, atau ubah isian.",
            ).format(
                total=i18n.money(tender.total),
                received=i18n.money(tender.received),
                change=i18n.money(tender.change),
            )
        return translate(
            "CashTender", "Total {total} · {method}. Tekan Enter sekali lagi untuk mencatat, atau ubah isian."
        ).format(total=i18n.money(tender.total), method=display.label(self._method_label(tender.method)))

    @staticmethod
    def _method_label(method: str) -> str:
        from app.domain.payment_methods import METHOD_LABELS

        return METHOD_LABELS.get(method, method)
