"""The live contribution quote beside the intake form: lines per programme, discounts, total, period."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.quote import Quote, QuoteResult
from ui import i18n
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish


def _label(text: str, name: str = "", *, role: str = "", align_right: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    if align_right:
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def short_discount(label: str | None) -> str:
    """``Potongan 50% iuran JKK dan JKM BPU (PP 50/2025)`` → ``Potongan 50% (PP 50/2025)``."""
    if not label:
        return translate("QuotePanel", "Potongan")
    head = label.split(" iuran ")[0] if " iuran " in label else label.split(" (")[0]
    tail = label[label.rfind("(") :] if "(" in label else ""
    return f"{head} {tail}".strip()


class QuotePanel(QFrame):
    """Shows a :class:`QuoteResult` (computed on the GUI thread: pure and well under a millisecond)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("quotePanel")
        self.setAccessibleName(translate("QuotePanel", "Perhitungan iuran"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        self.title = _label(translate("QuotePanel", "Iuran"), "quoteTitle")
        layout.addWidget(self.title)
        self.lines = QWidget()
        self.lines.setObjectName("quoteLines")
        self.grid = QGridLayout(self.lines)
        self.grid.setContentsMargins(0, 2, 0, 2)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(1)
        self.grid.setColumnStretch(0, 1)
        layout.addWidget(self.lines)
        self.total_row = QWidget()
        self.total_row.setObjectName("quoteTotalRow")
        total_layout = QHBoxLayout(self.total_row)
        total_layout.setContentsMargins(0, 4, 0, 0)
        self.total_caption = _label(translate("QuotePanel", "Total"), "quoteTotalCaption")
        self.total = _label("", "quoteTotal", align_right=True)
        total_layout.addWidget(self.total_caption)
        total_layout.addWidget(self.total, 1)
        layout.addWidget(self.total_row)
        self.period = _label("", "quotePeriod", role="derived")
        self.period.setWordWrap(True)
        layout.addWidget(self.period)
        self.notes = _label("", "quoteNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.quote: Quote | None = None
        self.show_message(translate("QuotePanel", "Memuat tabel tarif…"))

    # ---- states ---------------------------------------------------------------------------------
    def _clear_lines(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.setParent(None)
                w.deleteLater()

    def _set_notes(self, text: str, role: str = "hint") -> None:
        self.notes.setProperty("role", role)
        repolish(self.notes)
        self.notes.setText(text)
        self.notes.setVisible(bool(text))

    def show_message(self, text: str, *, warning: bool = False) -> None:
        """No figures to show yet (table loading, income missing) or the quote's issues."""
        self.quote = None
        self._clear_lines()
        self.lines.setVisible(False)
        self.title.setText(translate("QuotePanel", "Iuran"))
        self.total.setText("")
        self.total_row.setVisible(False)
        self.period.setText("")
        self.period.setVisible(False)
        self._set_notes(text, "warning" if warning else "hint")

    def show_result(self, result: QuoteResult, months: int) -> None:
        if result.quote is None:
            self.show_message("\n".join(display.message(i.message) for i in result.issues), warning=True)
            return
        self.quote = q = result.quote
        self._clear_lines()
        row = 0
        for t in q.programme_totals():
            name = _label(t.programme, f"quoteLine_{t.programme}")
            name.setToolTip(t.label)
            name.setProperty("role", "quoteProgramme")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(_label(display.figure(t.rate), role="quoteRate", align_right=True), row, 1)
            self.grid.addWidget(
                _label(
                    i18n.money(t.gross),
                    f"quoteAmount_{t.programme}",
                    align_right=True,
                ),
                row,
                2,
            )
            row += 1
            if t.discount:
                text = "  " + short_discount(t.discount_label)
                disc = _label(
                    text,
                    f"quoteDiscount_{t.programme}",
                    role="quoteDiscount",
                )
                disc.setToolTip(t.discount_label or "")
                self.grid.addWidget(disc, row, 0, 1, 2)
                self.grid.addWidget(
                    _label("−" + i18n.money(t.discount), role="quoteDiscount", align_right=True), row, 2
                )
                row += 1
        self.lines.setVisible(True)
        self.title.setText(translate("QuotePanel", "Iuran {months}").format(months=display.months(months)))
        self.total.setText(i18n.money(q.total))
        self.total_row.setVisible(True)
        per = q.monthly_total
        period = translate("QuotePanel", "Periode {period}").format(period=display.period(q.months))
        if months > 1 and per is not None:
            period += translate("QuotePanel", " · {per}/bulan").format(per=i18n.money(per))
        employer = sum(ln.employer for ln in q.lines)
        if employer:
            worker = sum(ln.worker for ln in q.lines)
            period += translate(
                "QuotePanel", "\nDibayar pemberi kerja {employer}\nDibayar pekerja {worker}"
            ).format(employer=i18n.money(employer), worker=i18n.money(worker))
        self.period.setText(period)
        self.period.setVisible(True)
        notes = [display.message(n.message) for n in q.notes if not n.code.startswith("quote.discount.")]
        self._set_notes("\n".join(f"• {n}" for n in notes))

    def set_compact(self, compact: bool) -> None:
        """After saving, the side column needs the room for payment and printing: notes fold away."""
        self.notes.setVisible(not compact and bool(self.notes.text()))

    def show_unpaid(self, result: QuoteResult) -> None:
        """``bulan_bayar = 0``: nothing is paid now; say what a month will cost later."""
        self.show_message("")
        self.quote = None
        self.title.setText(translate("QuotePanel", "Iuran: belum membayar"))
        per = result.quote.total if result.quote is not None else None
        text = translate("QuotePanel", "Peserta belum membayar iuran saat mendaftar.")
        if per is not None:
            text += translate("QuotePanel", "\nIuran per bulan nanti: {per}.").format(per=i18n.money(per))
        elif result.issues:
            text += "\n" + "\n".join(display.message(i.message) for i in result.issues)
        self.period.setText(text)
        self.period.setVisible(True)
