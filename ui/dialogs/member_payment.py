"""Bayar iuran: months and method, the live quote shown before confirming, then the receipt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import Issue
from app.domain.payment_options import MonthsKind, PaymentOptions
from app.domain.quote import Quote
from app.domain.rates import percent_text
from app.services import contributions
from app.services.contribution_dto import CoverDTO, PaymentDTO
from ui.cash_tender import CashTender
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line
from ui.i18n import translate
from ui.models import display

NEXT_RUN = -1  # the schedule's next run: what is owed up to now, or the months until the next harvest
CONFIRM_TEXT = QT_TRANSLATE_NOOP("MemberPaymentDialog", "Terima pembayaran  (Enter)")
RECORD_TEXT = QT_TRANSLATE_NOOP("MemberPaymentDialog", "Ya, catat pembayaran  (Enter)")
PAPERS = (
    ("A5", QT_TRANSLATE_NOOP("MemberPaymentDialog", "A5 (lembar)")),
    ("80mm", QT_TRANSLATE_NOOP("MemberPaymentDialog", "Struk 80 mm")),
)
QUOTE_DELAY_MS = 120
# Service field names → this dialog's rows.
_FIELDS = {"bulan": "months", "metode": "method", "referensi": "reference"}


@dataclass(frozen=True)
class PaymentDone:
    """A payment taken in the dialog, with its receipt PDF and the paper it was made for."""

    payment: PaymentDTO
    pdf: bytes
    paper: str


class MemberPaymentDialog(MemberDialog):
    """``succeeded`` carries a :class:`PaymentDone` (the receipt already rendered)."""

    def __init__(
        self,
        ui: UiContext,
        number: str,
        name: str,
        status: CoverDTO | None,
        options: PaymentOptions,
        parent: QWidget | None = None,
    ) -> None:
        start = (
            f"{display.message(status.headline)}. "
            + translate("MemberPaymentDialog", "Mulai {label} (bulan pertama yang belum dibayar).").format(
                label=display.month(status.next_due_month)
            )
            if status is not None
            else translate("MemberPaymentDialog", "Mulai bulan pertama yang belum dibayar.")
        )
        super().__init__(
            ui,
            object_name="memberPaymentDialog",
            title=translate("MemberPaymentDialog", "Bayar iuran"),
            intro=f"{name} · {display.grouped(number)}\n{start}",
            confirm_text=translate("MemberPaymentDialog", CONFIRM_TEXT),
            parent=parent,
        )
        self.number = number
        self.options = options  # the core's decision: methods, references, months
        self.request_key = f"gui-{uuid.uuid4().hex}"  # a retried confirm never pays twice
        self.quote: Quote | None = None
        self._quoted_for: tuple[int | None, str] | None = None
        self._quote_generation = 0
        self._quote_timer = QTimer(self, singleShot=True, interval=QUOTE_DELAY_MS)
        self._quote_timer.timeout.connect(self._request_quote)

        self.months = QComboBox()
        self.months.setObjectName("paymentMonths")
        for choice in options.month_choices:
            if choice.kind is MonthsKind.SCHEDULE:
                self.months.addItem(
                    translate("MemberPaymentDialog", "Sesuai jadwal: {period}").format(
                        period=display.period(choice.months)
                    ),
                    NEXT_RUN,
                )
            elif choice.kind is MonthsKind.COUNT and choice.count is not None:
                self.months.addItem(display.months(choice.count), choice.count)
            else:
                self.months.addItem(translate("MemberPaymentDialog", "Lainnya…"), 0)
        self.custom = QSpinBox()
        self.custom.setObjectName("paymentCustomMonths")
        self.custom.setRange(options.min_months, options.max_months)
        self.custom.setSuffix(translate("MemberPaymentDialog", " bulan"))
        self.custom.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)  # ↑/↓ keys still step it
        self.custom.setStyleSheet("QSpinBox:disabled { background: #eceff0; color: #7b8a83; }")
        self.custom.setEnabled(False)
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        for m in options.methods:
            self.method.addItem(display.label(m.label), m.code)
        self.reference = line("paymentReference", max_len=60)
        self.reference.setEnabled(options.needs_reference(options.default_method))
        self.paper = QComboBox()
        self.paper.setObjectName("paymentPaper")
        for code, label in PAPERS:
            self.paper.addItem(translate("MemberPaymentDialog", label), code)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(
            self.row("months", translate("MemberPaymentDialog", "Jumlah bulan"), self.months), 0, 0, top
        )
        grid.addWidget(
            self.row("custom", translate("MemberPaymentDialog", "Jumlah lain (Lainnya…)"), self.custom),
            0,
            1,
            top,
        )
        grid.addWidget(
            self.row("method", translate("MemberPaymentDialog", "Cara bayar"), self.method), 1, 0, top
        )
        grid.addWidget(
            self.row(
                "reference",
                translate("MemberPaymentDialog", "Nomor referensi"),
                self.reference,
                hint=translate("MemberPaymentDialog", "Nomor transfer, SP2D, atau surat pemberi kerja"),
            ),
            1,
            1,
            top,
        )
        grid.addWidget(
            self.row("paper", translate("MemberPaymentDialog", "Tanda bukti"), self.paper), 2, 0, top
        )
        self.tender = CashTender()
        self.rows["uang_diterima"] = self.tender.row
        grid.addWidget(self.tender, 2, 1, top)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.body.addWidget(self._build_quote_panel(), 1)
        self.confirm.setEnabled(False)
        self.confirm.setText(translate("MemberPaymentDialog", RECORD_TEXT))  # wide enough for both texts
        self.confirm.setMinimumWidth(self.confirm.sizeHint().width())
        self.confirm.setText(translate("MemberPaymentDialog", CONFIRM_TEXT))
        # Tall enough up front for three lines of notes and an error under a field: a dialog does not
        # grow by itself when they appear.
        self.resize(800, max(self.sizeHint().height() + 120, 680))
        self.set_focus_order(
            [self.months, self.custom, self.method, self.reference, self.paper, self.tender.received]
        )
        self.reference.textEdited.connect(lambda _t: self._withdraw())
        self.tender.changed.connect(self._withdraw)

        self.months.currentIndexChanged.connect(self._on_months_changed)
        self.custom.valueChanged.connect(self._on_inputs_changed)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self._request_quote()

    def _build_quote_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("quotePanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(panel)
        v.setContentsMargins(12, 10, 12, 10)
        head = QHBoxLayout()
        title = QLabel(translate("MemberPaymentDialog", "Rincian iuran"))
        title.setProperty("role", "fieldLabel")
        head.addWidget(title)
        head.addStretch(1)
        self.period = QLabel()
        self.period.setObjectName("quotePeriod")
        self.period.setProperty("role", "derived")
        head.addWidget(self.period)
        v.addLayout(head)
        self.lines = QTableWidget(0, 5)
        self.lines.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.lines.setObjectName("quoteLines")
        self.lines.setHorizontalHeaderLabels(
            [
                translate("MemberPaymentDialog", "Program"),
                translate("MemberPaymentDialog", "Dasar / tarif"),
                translate("MemberPaymentDialog", "Bulan"),
                translate("MemberPaymentDialog", "Potongan"),
                translate("MemberPaymentDialog", "Jumlah"),
            ]
        )
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setDefaultSectionSize(28)
        self._fit_lines(2)
        v.addWidget(self.lines)
        self.notes = QLabel()
        self.notes.setObjectName("quoteNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setProperty("role", "warning")
        v.addWidget(self.notes)
        v.addStretch(1)
        total_row = QHBoxLayout()
        total_label = QLabel(translate("MemberPaymentDialog", "Total dibayar"))
        total_label.setProperty("role", "fieldLabel")
        total_row.addWidget(total_label)
        total_row.addStretch(1)
        self.total = QLabel("—")
        self.total.setObjectName("quoteTotal")
        self.total.setStyleSheet("font-size: 18pt; font-weight: bold; color: #0f5a3a;")
        total_row.addWidget(self.total)
        v.addLayout(total_row)
        return panel

    def _fit_lines(self, rows: int) -> None:
        """As tall as its programmes (two to five): no empty grey well under them."""
        header = self.lines.horizontalHeader().sizeHint().height()
        self.lines.setFixedHeight(header + max(rows, 2) * 28 + 4)

    # ---- the live quote -------------------------------------------------------------------------
    def inputs(self) -> tuple[int | None, str]:
        chosen = int(self.months.currentData())
        if chosen == NEXT_RUN:
            return (None, str(self.method.currentData()))
        return (chosen or self.custom.value(), str(self.method.currentData()))

    def _on_months_changed(self) -> None:
        self.custom.setEnabled(self.months.currentData() == 0)
        if self.custom.isEnabled():
            self.custom.setFocus()
        self._on_inputs_changed()

    def _on_method_changed(self) -> None:
        needed = self.options.needs_reference(str(self.method.currentData()))
        self.reference.setEnabled(needed)
        self.rows["reference"].label.setText(
            translate("MemberPaymentDialog", "Nomor referensi") + (" *" if needed else "")
        )
        if not needed:
            self.reference.clear()
            self.rows["reference"].set_error(None)
        self._on_inputs_changed()

    def _withdraw(self) -> None:
        """What was edited is no longer what was confirmed: the next Enter reviews again."""
        self.tender.back()
        if not self.busy:
            self.confirm.setText(translate("MemberPaymentDialog", CONFIRM_TEXT))

    def _on_inputs_changed(self) -> None:
        self._withdraw()
        self.tender.set_due(None, str(self.method.currentData()))
        self.confirm.setEnabled(False)  # until the quote for what is chosen now is on screen
        self.total.setText("…")
        self._quote_timer.start()

    def _request_quote(self) -> None:
        self._quote_generation += 1
        generation = self._quote_generation
        months, method = wanted = self.inputs()
        ctx, number = self.ui.ctx, self.number
        self.ui.runner.run(
            lambda: contributions.quote_for_member(ctx, number, months=months, method=method),
            on_success=lambda q: self._on_quote(generation, wanted, q),
            on_error=lambda exc: self._on_quote_failed(generation, exc),
        )

    def _on_quote(self, generation: int, wanted: tuple[int | None, str], quote: Quote) -> None:
        if not shiboken6.isValid(self) or generation != self._quote_generation:
            return
        self.quote = quote
        self._quoted_for = wanted
        self.period.setText(
            translate("MemberPaymentDialog", "{period} · {months}").format(
                period=display.period(quote.months), months=display.months(len(quote.months))
            )
        )
        totals = quote.programme_totals()
        self.lines.setRowCount(len(totals) + (1 if quote.fines else 0))
        self._fit_lines(len(totals) + (1 if quote.fines else 0))
        for i, t in enumerate(totals):
            rate = display.figure(t.rate)
            base = f"{display.rupiah(t.base)} × {rate}" if t.base else rate
            cells = (
                f"{t.programme} — {t.label}",
                base,
                str(t.months),
                display.rupiah(t.discount),
                display.rupiah(t.amount),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(i, j, item)
        if quote.fines:
            late = max(f.months_late for f in quote.fines)
            cells = (
                translate("MemberPaymentDialog", "Denda keterlambatan (pemberi kerja)"),
                translate("MemberPaymentDialog", "{rate} × sampai {months}").format(
                    rate=display.figure(percent_text(quote.fines[0].rate)), months=display.months(late)
                ),
                str(len({f.month for f in quote.fines})),
                "—",
                display.rupiah(quote.fine_total),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(len(totals), j, item)
        notes = sorted({ln.discount_label for ln in quote.lines if ln.discount_label})
        notes += [display.message(n.message) for n in quote.notes if not n.code.startswith("quote.discount.")]
        self.notes.setText("\n".join(notes[:3]))
        self.notes.setVisible(bool(notes))
        self.total.setText(display.rupiah(quote.total))
        self.tender.set_due(quote.total, wanted[1])
        self.rows["months"].set_error(None)
        self.error.setVisible(False)
        self.confirm.setEnabled(not self.busy and self.inputs() == wanted)

    def _on_quote_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._quote_generation:
            return
        self.quote = None
        self._quoted_for = None
        self.total.setText("—")
        self.lines.setRowCount(0)
        self.show_issues(
            [
                Issue(_FIELDS.get(i.field, i.field), i.code, display.message(i.message))
                for i in display.error_issues(exc)
            ]
        )

    # ---- paying ------------------------------------------------------------------------------------
    def submit(self) -> None:
        months, method = self.inputs()
        if self.quote is None or self._quoted_for != (months, method) or self._quote_timer.isActive():
            return  # the officer confirms only an amount they have seen
        reference = self.reference.text().strip() or None
        if self.options.needs_reference(method) and reference is None:
            self.show_issues(
                [
                    Issue(
                        "reference",
                        "payment.reference_required",
                        translate("MemberPaymentDialog", "Isi nomor referensi pembayaran."),
                    )
                ]
            )
            return
        if not self.tender.confirming:
            # First Enter: the total, the amount received and the change on screen; nothing recorded.
            if self.tender.review():
                self.confirm.setText(translate("MemberPaymentDialog", RECORD_TEXT))
                self.confirm.setFocus()
            return
        tender = self.tender.confirm()
        if tender is None:
            return
        ctx, actor, number, key = self.ui.ctx, self.ui.actor, self.number, self.request_key
        paper = str(self.paper.currentData())
        start = self.quote.months[0]
        count = months if months is not None else len(self.quote.months)

        def work() -> PaymentDone:
            payment = contributions.pay(
                ctx,
                actor,
                number,
                months=count,
                method=method,
                reference=reference,
                start=start,
                request_key=key,
                cash_received=tender.received,
            )
            pdf = contributions.receipt_pdf(ctx, payment.id, paper=paper)  # type: ignore[arg-type]
            return PaymentDone(payment, pdf, paper)

        self.run(work)

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        if shiboken6.isValid(self):
            self.tender.failed()
            self.show_issues(
                [
                    Issue(_FIELDS.get(i.field, i.field), i.code, display.message(i.message))
                    for i in display.error_issues(exc)
                ]
            )
