"""The import report inside the wizard: count tiles, problems by code, and the first problem rows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.imports import CodeCount, ImportReport
from app.domain.intake import LABELS
from ui import i18n
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish

DUPLICATE_CODES = ("nik.duplicate", "import.duplicate_in_file")
LIKELY_CODE = "import.likely_duplicate"
SHOWN_LINES = 300  # problem lines in the table; the XLSX report holds every row
_FIELD_LABELS = {
    **LABELS,
    "import": QT_TRANSLATE_NOOP("Label", "Impor"),
    "file": QT_TRANSLATE_NOOP("Label", "Berkas"),
    "mapping": QT_TRANSLATE_NOOP("Label", "Pemetaan"),
    "sponsor": QT_TRANSLATE_NOOP("Label", "Penyandang"),
}


def count(n: int) -> str:
    """``12345`` → ``12.345`` in Indonesian, ``12,345`` in English."""
    return i18n.number(n)


def field_label(field: str) -> str:
    text = _FIELD_LABELS.get(field)
    return display.label(text) if text else field


def rows_with(counts: tuple[CodeCount, ...], *codes: str) -> int:
    return sum(c.count for c in counts if c.code in codes)


def _item(text: str, *, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # table items never render markup: names stay literal
    item.setToolTip(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(name: str, headers: list[str], accessible: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setAccessibleName(accessible)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)  # one line per problem; the tooltip and the XLSX report hold the whole text
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    t.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    return t


class CountTile(QFrame):
    """One figure of the report: a big number over its label."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__()
        self.setObjectName("countTile")
        self.setProperty("kind", "plain")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        self.value = QLabel("–")
        self.value.setObjectName(f"count_{key}")
        self.value.setProperty("role", "countValue")
        self.label = QLabel(label)
        self.label.setProperty("role", "countLabel")
        self.label.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.label)

    def set(self, value: int, kind: str = "plain", label: str | None = None) -> None:
        self.value.setText(count(value))
        if label is not None:
            self.label.setText(label)
        self.setProperty("kind", kind if value else "plain")
        repolish(self)
        self.setAccessibleName(f"{self.label.text()}: {count(value)}")


class ImportReportPanel(QWidget):
    """What a dry run or a commit found. Shows the service's ``ImportReport`` as it is."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        self.tiles = {
            "rows": CountTile("rows", translate("ImportReportPanel", "Baris data")),
            "valid": CountTile("valid", translate("ImportReportPanel", "Lolos pemeriksaan")),
            "rejected": CountTile("rejected", translate("ImportReportPanel", "Ditolak")),
            "duplicates": CountTile(
                "duplicates", translate("ImportReportPanel", "Duplikat NIK (di berkas / sudah terdaftar)")
            ),
            "likely": CountTile("likely", translate("ImportReportPanel", "Mungkin duplikat (periksa KTP)")),
            "warnings": CountTile("warnings", translate("ImportReportPanel", "Dengan peringatan")),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        layout.addLayout(tiles)

        self.codes = _table(
            "codesTable",
            [
                translate("ImportReportPanel", "Jenis"),
                translate("ImportReportPanel", "Kode"),
                translate("ImportReportPanel", "Kolom"),
                translate("ImportReportPanel", "Baris"),
                translate("ImportReportPanel", "Contoh pesan"),
            ],
            translate("ImportReportPanel", "Masalah menurut kode"),
        )
        head = self.codes.horizontalHeader()
        for i in range(4):
            head.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.problems = _table(
            "problemsTable",
            [
                translate("ImportReportPanel", "Baris"),
                "NIK",
                translate("ImportReportPanel", "Status"),
                translate("ImportReportPanel", "Kolom"),
                translate("ImportReportPanel", "Pesan"),
            ],
            translate("ImportReportPanel", "Baris bermasalah"),
        )
        head = self.problems.horizontalHeader()
        for i in range(4):
            head.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.problems_note = QLabel()
        self.problems_note.setObjectName("fieldHint")
        self.problems_note.setWordWrap(True)
        self.problems_note.setTextFormat(Qt.TextFormat.PlainText)

        codes_box = QWidget()
        v = QVBoxLayout(codes_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        label = QLabel(translate("ImportReportPanel", "Masalah menurut kode"))
        label.setProperty("role", "fieldLabel")
        label.setBuddy(self.codes)
        v.addWidget(label)
        v.addWidget(self.codes)
        problems_box = QWidget()
        v = QVBoxLayout(problems_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        label = QLabel(translate("ImportReportPanel", "Baris bermasalah (nomor baris seperti di Excel)"))
        label.setProperty("role", "fieldLabel")
        label.setBuddy(self.problems)
        v.addWidget(label)
        v.addWidget(self.problems, 1)
        v.addWidget(self.problems_note)
        self.codes.setMinimumHeight(118)  # the header and three codes
        self.problems.setMinimumHeight(150)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("reportSplit")
        split.setChildrenCollapsible(False)
        split.addWidget(codes_box)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.report: ImportReport | None = None

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        committed = report.committed
        t = self.tiles
        t["rows"].set(report.rows)
        if committed:
            passed = translate("ImportReportPanel", "Terdaftar")
        elif report.status == "refused":
            passed = translate("ImportReportPanel", "Lolos, tetapi tidak disimpan")
        else:
            passed = translate("ImportReportPanel", "Lolos pemeriksaan")
        t["valid"].set(report.enrolled if committed else report.accepted, "good", passed)
        t["rejected"].set(report.rejected, "bad")
        t["duplicates"].set(rows_with(report.error_counts, *DUPLICATE_CODES), "bad")
        t["likely"].set(rows_with(report.warning_counts, LIKELY_CODE), "warn")
        t["warnings"].set(report.with_warnings, "warn")

        codes = [(translate("ImportReportPanel", "Kesalahan"), c) for c in report.error_counts] + [
            (translate("ImportReportPanel", "Peringatan"), c) for c in report.warning_counts
        ]
        self.codes.setRowCount(len(codes))
        for r, (kind, c) in enumerate(codes):
            self.codes.setItem(r, 0, _item(kind))
            self.codes.setItem(r, 1, _item(c.code))
            self.codes.setItem(r, 2, _item(field_label(c.field)))
            self.codes.setItem(r, 3, _item(count(c.count), align_right=True))
            self.codes.setItem(r, 4, _item(display.message(c.message)))

        lines: list[tuple[str, str, str, str, str]] = []
        for o in report.problems:
            for kind, issues in (
                (translate("ImportReportPanel", "Ditolak"), o.errors),
                (translate("ImportReportPanel", "Peringatan"), o.warnings),
            ):
                for i in issues:
                    lines.append(
                        (str(o.row), o.nik or "", kind, field_label(i.field), display.message(i.message))
                    )
        shown = lines[:SHOWN_LINES]
        self.problems.setRowCount(len(shown))
        for r, line in enumerate(shown):
            for col, text in enumerate(line):
                self.problems.setItem(r, col, _item(text, align_right=col == 0))
        hidden = len(lines) - len(shown)
        if report.problems_truncated or hidden > 0:
            self.problems_note.setText(
                translate(
                    "ImportReportPanel",
                    "Hanya sebagian baris bermasalah ditampilkan; laporan XLSX memuat setiap baris.",
                )
            )
        elif not lines:
            self.problems_note.setText(translate("ImportReportPanel", "Tidak ada baris bermasalah."))
        else:
            self.problems_note.setText("")
        self.problems_note.setVisible(bool(self.problems_note.text()))

    def clear(self) -> None:
        self.report = None
        for tile in self.tiles.values():
            tile.value.setText("–")
            tile.setProperty("kind", "plain")
            repolish(tile)
        self.codes.setRowCount(0)
        self.problems.setRowCount(0)
        self.problems_note.setVisible(False)
