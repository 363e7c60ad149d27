"""Cetak Kartu: A4 sheets of ten cards with crop marks for outreach events, spoiled prints, reprints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.issues import DomainError
from app.domain.roles import Permission
from app.services import cards
from app.services.card_sheet_flow import sheet_request, sheets_for
from app.services.cards import SheetResult
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.pages.cards_side import ReprintBox, SpoilBox
from ui.printing import PdfPreviewDialog, page_sizes_pt
from ui.widgets import Banner, primary_button

PREVIEW_MAX_PAGES = 20  # a 1:1 preview of more A4 pages costs too much memory: save, then print
MAKE_TEXT = QT_TRANSLATE_NOOP("CardsPage", "Buat lembar kartu  (Ctrl+Enter)")


class CardsPage(QWidget):
    """Cetak Kartu: A4 sheets of cards by enrolment date or by number, misprints, reprints waiting."""

    nav_label = QT_TRANSLATE_NOOP("CardsPage", "Cetak Kartu")
    shortcut = "F6"
    help_shortcuts = (("Ctrl+Enter", QT_TRANSLATE_NOOP("CardsPage", "buat lembar kartu")),)
    required_permission = Permission.PRINT

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.sheet: SheetResult | None = None
        self.preview: PdfPreviewDialog | None = None
        self.task: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        title = QLabel(translate("CardsPage", "Cetak Kartu"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        hint = QLabel(
            translate(
                "CardsPage",
                "Lembar A4 berisi 10 kartu dengan tanda potong, untuk acara jemput bola. Peserta yang sudah "
                "memegang kartu berlaku dilewati: penggantinya lewat cetak ulang dengan persetujuan supervisor.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.banner = Banner("cardsBanner")
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)
        body.addWidget(self._build_sheet_box(), 3)
        side = QVBoxLayout()
        side.setSpacing(10)
        self.spoil_box = SpoilBox(self.ui, self.banner)
        side.addWidget(self.spoil_box)
        self.reprint_box = ReprintBox(self.ui)
        side.addWidget(self.reprint_box)
        box = self.spoil_box  # its parts under the page's names (tests)
        self.spoil_serial, self.spoil_reason, self.spoil_rows = (
            box.spoil_serial,
            box.spoil_reason,
            box.spoil_rows,
        )
        self.reprint_label, self.approvals_button = (
            self.reprint_box.reprint_label,
            self.reprint_box.approvals_button,
        )
        side.addStretch(1)
        body.addLayout(side, 2)
        self.ui.bus.member_changed.connect(lambda _n: self.reprint_box.refresh_reprints())
        self.reprint_box.refresh_reprints()

    # ---- construction ---------------------------------------------------------------------------
    def _build_sheet_box(self) -> QGroupBox:
        box = QGroupBox(translate("CardsPage", "Lembar kartu A4"))
        v = QVBoxLayout(box)
        v.setSpacing(6)
        self.by_date = QRadioButton(translate("CardsPage", "Peserta yang didaftarkan pada tanggal"))
        self.by_date.setObjectName("sheetByDate")
        self.by_numbers = QRadioButton(
            translate("CardsPage", "Nomor peserta tertentu (satu nomor per baris)")
        )
        self.by_numbers.setObjectName("sheetByNumbers")
        group = QButtonGroup(self)
        group.addButton(self.by_date)
        group.addButton(self.by_numbers)
        self.by_date.setChecked(True)
        self.date = QDateEdit()
        self.date.setObjectName("sheetDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setAccessibleName(translate("CardsPage", "Tanggal pendaftaran"))
        today = business_date(self.ui.ctx.clock(), self.ui.branch.timezone)
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.date.setMaximumWidth(180)
        self.numbers = QPlainTextEdit()
        self.numbers.setObjectName("sheetNumbers")
        self.numbers.setAccessibleName(translate("CardsPage", "Nomor peserta, satu per baris"))
        self.numbers.setPlaceholderText("10100000013\n10100000021\n…")
        self.numbers.setTabChangesFocus(True)
        self.numbers.setMaximumHeight(110)
        v.addWidget(self.by_date)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(26, 0, 0, 0)
        date_row.addWidget(self.date)
        date_row.addStretch(1)
        v.addLayout(date_row)
        v.addWidget(self.by_numbers)
        numbers_row = QHBoxLayout()
        numbers_row.setContentsMargins(26, 0, 0, 0)
        numbers_row.addWidget(self.numbers)
        v.addLayout(numbers_row)
        self.numbers_error = QLabel()
        self.numbers_error.setObjectName("error_numbers")
        self.numbers_error.setProperty("role", "error")
        self.numbers_error.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers_error.setVisible(False)
        v.addWidget(self.numbers_error)
        buttons = QHBoxLayout()
        self.make_button = primary_button(translate("CardsPage", MAKE_TEXT), "makeSheetButton")
        self.make_button.setAutoDefault(True)
        buttons.addWidget(self.make_button)
        buttons.addStretch(1)
        self.show_button = QPushButton(translate("CardsPage", "Tampilkan lagi"))
        self.show_button.setObjectName("showSheetButton")
        self.save_button = QPushButton(translate("CardsPage", "Simpan PDF…"))
        self.save_button.setObjectName("saveSheetButton")
        for b in (self.show_button, self.save_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        v.addLayout(buttons)
        self.result_label = QLabel()
        self.result_label.setObjectName("sheetResult")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setProperty("role", "derived")
        v.addWidget(self.result_label)
        self.skipped = QTableWidget(0, 2)
        self.skipped.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.skipped.setObjectName("skippedTable")
        self.skipped.setHorizontalHeaderLabels(
            [translate("CardsPage", "Dilewati"), translate("CardsPage", "Alasan")]
        )
        self.skipped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.skipped.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skipped.setWordWrap(True)
        self.skipped.verticalHeader().setVisible(False)
        header = self.skipped.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.skipped.setVisible(False)
        v.addWidget(self.skipped, 1)
        v.addStretch(0)

        self.by_date.toggled.connect(self._on_mode_changed)
        self.numbers.textChanged.connect(lambda: self.by_numbers.setChecked(True))
        self.make_button.clicked.connect(self.make_sheet)
        self.show_button.clicked.connect(self.show_sheet)
        self.save_button.clicked.connect(self._on_save_clicked)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+Return"), self, self.make_sheet, context=within)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.make_sheet, context=within)
        return box

    # ---- sheets -----------------------------------------------------------------------------------
    def _on_mode_changed(self) -> None:
        self.numbers_error.setVisible(False)

    def make_sheet(self) -> None:
        if self.task is not None:
            return
        self.banner.clear()
        self.numbers_error.setVisible(False)
        ctx, actor = self.ui.ctx, self.ui.actor
        request = sheet_request(
            by_numbers=self.by_numbers.isChecked(),
            numbers_text=self.numbers.toPlainText(),
            day=self.date.date().toPython(),  # type: ignore[arg-type]
        )
        if request is None:
            self.numbers_error.setText(translate("CardsPage", "Tulis minimal satu nomor peserta."))
            self.numbers_error.setVisible(True)
            self.numbers.setFocus()
            return
        numbers, enrolled_on = request.numbers, request.enrolled_on

        def work(progress: Any, cancel: Any) -> SheetResult:
            return cards.print_card_sheet(
                ctx, actor, numbers=numbers, enrolled_on=enrolled_on, progress=progress, cancel=cancel
            )

        self.make_button.setEnabled(False)
        self.make_button.setText(translate("CardsPage", "Membuat lembar…"))
        self.task = self.ui.runner.run_with_dialog(
            self,
            translate("CardsPage", "Membuat lembar kartu…"),
            work,
            on_success=self._on_sheet_made,
            on_error=self._on_sheet_failed,
            on_cancel=self._on_sheet_cancelled,
        )

    def _done(self) -> None:
        self.task = None
        self.make_button.setEnabled(True)
        self.make_button.setText(translate("CardsPage", MAKE_TEXT))

    def _on_sheet_cancelled(self) -> None:
        self._done()
        self.banner.show_message(
            "warning", translate("CardsPage", "Dibatalkan. Tidak ada kartu yang dicatat.")
        )

    def _on_sheet_failed(self, exc: BaseException) -> None:
        self._done()
        if isinstance(exc, DomainError):
            text = "\n".join(display.message(i.message) for i in exc.issues)
        else:
            text = display.message_of(exc) or translate("CardsPage", "Lembar kartu gagal dibuat; coba lagi.")
        self.banner.show_message("error", str(text))

    def _on_sheet_made(self, result: SheetResult) -> None:
        self._done()
        self.sheet = result
        self.skipped.setRowCount(len(result.skipped))
        for i, s in enumerate(result.skipped):
            self.skipped.setItem(i, 0, QTableWidgetItem(s.key))
            self.skipped.setItem(i, 1, QTableWidgetItem(display.message(s.message)))
        self.skipped.resizeRowsToContents()
        self.skipped.setVisible(bool(result.skipped))
        has_pdf = result.pdf is not None
        self.show_button.setEnabled(has_pdf)
        self.save_button.setEnabled(has_pdf)
        n = len(result.cards)
        sheets = sheets_for(n)
        skipped = (
            translate("CardsPage", " · {skipped} dilewati").format(skipped=len(result.skipped))
            if result.skipped
            else ""
        )
        if not has_pdf:
            self.result_label.setText("")
            self.banner.show_message(
                "warning",
                translate("CardsPage", "Tidak ada kartu yang dapat dicetak{skipped}.").format(
                    skipped=skipped
                ),
            )
            return
        self.result_label.setText(
            translate(
                "CardsPage",
                "{n} kartu dicatat, {sheets} lembar A4 (depan dan belakang){skipped}. Cetak bolak-balik, lalu potong di tanda potong.",
            ).format(n=n, sheets=sheets, skipped=skipped)
        )
        self.show_sheet()

    def show_sheet(self) -> None:
        if self.sheet is None or self.sheet.pdf is None or self.preview is not None:
            return
        pdf = self.sheet.pdf
        if len(page_sizes_pt(pdf)) > PREVIEW_MAX_PAGES:
            self.banner.show_message(
                "info",
                translate(
                    "CardsPage",
                    "Lembar terlalu banyak untuk pratinjau. Simpan PDF lalu cetak dari pembaca PDF.",
                ),
            )
            return
        n = len(self.sheet.cards)
        dialog = PdfPreviewDialog(
            self.window(),
            translate("CardsPage", "Lembar kartu — {n} kartu").format(n=n),
            pdf,
            suggested_name=self._name(),
        )
        dialog.resize(1000, 700)  # an A4 sheet is wider than a card
        dialog.finished.connect(self._on_preview_closed)
        self.preview = dialog
        dialog.open()

    def _on_preview_closed(self) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = None
        self.make_button.setFocus()

    def _name(self) -> str:
        if self.sheet is not None and self.sheet.cards:
            return f"lembar-kartu-{self.sheet.cards[0].business_date.isoformat()}.pdf"
        return "lembar-kartu.pdf"

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("CardsPage", "Simpan lembar kartu"),
            self._name(),
            translate("CardsPage", "PDF (*.pdf)"),
        )
        if path:
            self.save_sheet_to(Path(path))

    def save_sheet_to(self, path: Path) -> None:
        if self.sheet is None or self.sheet.pdf is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.sheet.pdf)
        except OSError:
            self.banner.show_message(
                "error",
                translate("CardsPage", "Tidak dapat menyimpan ke {path}. Pilih folder lain.").format(
                    path=path
                ),
            )
            return
        self.banner.show_message(
            "info", translate("CardsPage", "Lembar kartu disimpan: {path}").format(path=path)
        )

    def focus_first(self) -> None:
        self.reprint_box.refresh_reprints()
        if self.by_numbers.isChecked():
            self.numbers.setFocus()
        else:
            self.date.setFocus()
