"""The import wizard's first three steps as in-page panels: file, preview, column mapping (the dry run,
commit and result are ``ui.dialogs.import_outcome_steps``), and the small helpers all six share.

Each step owns its widgets and shows the DTOs it is given; the page (``ui.pages.importer``)
renders the flow and makes every service call.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.imports import (
    REQUIRED_KEYS,
    FileInfo,
    MappingCheck,
    check_choices,
    missing_keys,
)
from app.domain.intake import FIELDS, LABELS
from app.domain.issues import Issue
from app.domain.nik import mask_cell
from ui import i18n
from ui.dialogs.import_report import count
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish
from ui.widgets import FieldRow

Mapping = dict[str, str | None]

IGNORE = QT_TRANSLATE_NOOP("FileStep", "— abaikan kolom ini —")
AUTO_SHEET = QT_TRANSLATE_NOOP("FileStep", "— otomatis: lembar dengan judul kolom yang dikenali —")
ENCODINGS = {
    "utf-8": QT_TRANSLATE_NOOP("FileStep", "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP("FileStep", "UTF-8 (dengan BOM)"),
    "cp1252": QT_TRANSLATE_NOOP("FileStep", "Windows-1252 (ANSI)"),
    "utf-16": QT_TRANSLATE_NOOP("FileStep", "UTF-16 (Teks Unicode dari Excel)"),
}
DELIMITERS = {
    ",": QT_TRANSLATE_NOOP("FileStep", "koma ( , )"),
    ";": QT_TRANSLATE_NOOP("FileStep", "titik koma ( ; )"),
    "\t": QT_TRANSLATE_NOOP("FileStep", "tab"),
}
SOURCES = {
    "auto": QT_TRANSLATE_NOOP("FileStep", "dikenali dari judul kolom"),
    "saved": QT_TRANSLATE_NOOP("FileStep", "pemetaan tersimpan dari impor sebelumnya"),
    "explicit": QT_TRANSLATE_NOOP("FileStep", "dipilih petugas"),
}


def plain(text: str = "", name: str = "", *, role: str | None = None) -> QLabel:
    """A wrapping label that never renders markup (file names and cells come from outside)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    return label


def hint(text: str = "") -> QLabel:
    """Small grey help text (the house style's ``fieldHint``)."""
    label = plain(text, "fieldHint")
    return label


def shown_cell(text: str, *, nik: bool = False) -> str:
    """A cell as the wizard shows it: the core masks a NIK (its column, or anything NIK-shaped)."""
    return mask_cell(text, nik_column=nik)


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "fieldLabel")
    return label


def file_size(n: int) -> str:
    if n >= 1024 * 1024:
        return translate("FileStep", "{size} MB").format(size=i18n.decimal(n / 1024 / 1024))
    if n >= 1024:
        return translate("FileStep", "{size} KB").format(size=i18n.number(round(n / 1024)))
    return translate("FileStep", "{n} bita").format(n=n)


def key_text(key: str) -> str:
    return f"{key} — {display.label(LABELS[key])}" + ("  *" if key in REQUIRED_KEYS else "")


def bare(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 4, 0, 0)
    return layout


# ---- 1: the file --------------------------------------------------------------------------------------


class FileStep(QWidget):
    """Step 1: the XLSX or CSV file to import, its sheet, and what it must contain."""

    def __init__(self) -> None:
        super().__init__()
        v = bare(self)
        box = QGroupBox(translate("FileStep", "Berkas yang diimpor"))
        g = QGridLayout(box)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("filePath")
        self.path_edit.setPlaceholderText(translate("FileStep", "mis. C:\\Data\\pemkab-ogan-ilir.xlsx"))
        self.browse_button = QPushButton(translate("FileStep", "Pilih berkas…  (Ctrl+O)"))
        self.browse_button.setObjectName("browseButton")
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.path_edit, 1)
        h.addWidget(self.browse_button)
        self.path_row = FieldRow("path", translate("FileStep", "Berkas XLSX atau CSV"), row, required=True)
        self.path_edit.setAccessibleName(translate("FileStep", "Berkas XLSX atau CSV"))
        self.path_row.label.setBuddy(self.path_edit)
        g.addWidget(self.path_row, 0, 0)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_row = FieldRow(
            "sheet",
            translate("FileStep", "Lembar (XLSX)"),
            self.sheet_combo,
            hint=translate(
                "FileStep",
                "Daftar lembar muncul setelah berkas dibaca; ganti lembar lalu tekan Enter untuk membaca ulang.",
            ),
        )
        g.addWidget(self.sheet_row, 1, 0)
        v.addWidget(box)

        help_box = QGroupBox(translate("FileStep", "Isi berkas"))
        hv = QVBoxLayout(help_box)
        hv.addWidget(
            plain(
                translate(
                    "FileStep",
                    "Satu baris per pekerja dengan judul kolom di atasnya (baris judul dokumen di atas judul kolom "
                    "boleh ada). Judul kolom memakai kunci rekaman — nik, nama, tempat_lahir, tanggal_lahir, "
                    "jenis_kelamin, nama_ibu, alamat, pekerjaan, segmen, penghasilan, program, … — atau variannya "
                    "seperti “Nama Lengkap” dan “Tgl Lahir”; judul lain dapat dipetakan di langkah 3.",
                )
            )
        )
        hv.addWidget(
            hint(
                translate(
                    "FileStep",
                    "CSV: UTF-8 atau Windows-1252, pemisah koma atau titik koma. Format kolom NIK sebagai Teks "
                    "agar Excel tidak mengubah digit terakhirnya.",
                )
            )
        )
        t = QHBoxLayout()
        self.template_button = QPushButton(translate("FileStep", "Unduh templat XLSX…"))
        self.template_button.setObjectName("templateButton")
        self.template_button.setAccessibleName(
            translate("FileStep", "Unduh templat XLSX kosong dengan judul kolom dan petunjuk")
        )
        t.addWidget(self.template_button)
        t.addWidget(
            hint(translate("FileStep", "Templat kosong: judul kolom, petunjuk isi dan daftar pilihan.")), 1
        )
        hv.addLayout(t)
        v.addWidget(help_box)
        v.addStretch(1)
        self.fill_sheets(None)

    def fill_sheets(self, info: FileInfo | None) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItem(translate("FileStep", AUTO_SHEET), None)
        if info is not None:
            for name in info.sheets:
                self.sheet_combo.addItem(name, name)
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(info.sheet), 0))
        self.sheet_combo.setEnabled(info is not None and len(info.sheets) > 1)
        self.sheet_combo.blockSignals(False)

    def chosen_sheet(self) -> str | None:
        data = self.sheet_combo.currentData() if self.sheet_combo.isEnabled() else None
        return str(data) if data else None


# ---- 2: preview ---------------------------------------------------------------------------------------


class PreviewStep(QWidget):
    """Step 2: what was read of the file (kind, encoding, sheet, header row) and its first rows."""

    FACTS = (
        ("file", QT_TRANSLATE_NOOP("PreviewStep", "Berkas")),
        ("kind", QT_TRANSLATE_NOOP("PreviewStep", "Jenis")),
        ("encoding", QT_TRANSLATE_NOOP("PreviewStep", "Pengodean")),
        ("delimiter", QT_TRANSLATE_NOOP("PreviewStep", "Pemisah")),
        ("sheet", QT_TRANSLATE_NOOP("PreviewStep", "Lembar")),
        ("header", QT_TRANSLATE_NOOP("PreviewStep", "Baris judul kolom")),
        ("rows", QT_TRANSLATE_NOOP("PreviewStep", "Perkiraan baris data")),
        ("source", QT_TRANSLATE_NOOP("PreviewStep", "Pemetaan kolom")),
    )

    def __init__(self) -> None:
        super().__init__()
        v = bare(self)
        box = QGroupBox(translate("PreviewStep", "Yang terbaca dari berkas"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.facts: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(self.FACTS):
            r, c = divmod(i, 2)
            value = plain("", f"fact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(section(translate("PreviewStep", label)), r, c * 2)
            grid.addWidget(value, r, c * 2 + 1)
            self.facts[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        v.addWidget(box)
        self.issues = plain("", "previewIssues", role="warning")
        self.notes = plain("", "previewNotes", role="warning")
        v.addWidget(self.issues)
        v.addWidget(self.notes)
        caption = section(translate("PreviewStep", "Baris data pertama (paling banyak 10)"))
        v.addWidget(caption)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("sampleTable")
        self.table.setAccessibleName(translate("PreviewStep", "Baris data pertama berkas"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        caption.setBuddy(self.table)
        v.addWidget(self.table, 1)

    def show_info(self, info: FileInfo) -> None:
        f = self.facts
        f["file"].setText(f"{info.file_name} ({file_size(info.size)})")
        f["kind"].setText(
            translate("PreviewStep", "Excel (XLSX)")
            if info.kind == "xlsx"
            else translate("PreviewStep", "Teks berpemisah (CSV)")
        )
        f["encoding"].setText(
            translate("FileStep", ENCODINGS[info.encoding])
            if info.encoding in ENCODINGS
            else info.encoding or translate("PreviewStep", "— (XLSX)")
        )
        f["delimiter"].setText(
            translate("FileStep", DELIMITERS[info.delimiter])
            if info.delimiter in DELIMITERS
            else info.delimiter or translate("PreviewStep", "— (XLSX)")
        )
        if info.sheet:
            others = (
                translate("PreviewStep", "  (dari {n} lembar: {sheets})").format(
                    n=len(info.sheets), sheets=", ".join(info.sheets)
                )
                if len(info.sheets) > 1
                else ""
            )
            f["sheet"].setText(f"{info.sheet}{others}")
        else:
            f["sheet"].setText(translate("PreviewStep", "— (CSV)"))
        f["header"].setText(translate("PreviewStep", "baris {header_row}").format(header_row=info.header_row))
        f["rows"].setText(
            translate("PreviewStep", "± {estimated_rows} baris").format(
                estimated_rows=count(info.estimated_rows)
            )
            if info.estimated_rows is not None
            else translate("PreviewStep", "belum diketahui (dihitung saat pemeriksaan)")
        )
        f["source"].setText(
            translate("FileStep", SOURCES[info.mapping_source])
            if info.mapping_source in SOURCES
            else info.mapping_source
        )

        issues = [self._plain_issue(info, i) for i in info.issues]
        self.issues.setText(
            translate("PreviewStep", "Perlu pemetaan kolom:\n• ") + "\n• ".join(issues) if issues else ""
        )
        self.issues.setVisible(bool(issues))
        notes = [display.message(i.message) for i in info.notes]
        self.notes.setText(translate("PreviewStep", "Catatan:\n• ") + "\n• ".join(notes) if notes else "")
        self.notes.setVisible(bool(notes))

        t = self.table
        t.clear()
        t.setColumnCount(len(info.columns))
        t.setRowCount(len(info.sample_rows))
        untitled = translate("MappingStep", "(tanpa judul)")
        t.setHorizontalHeaderLabels([f"{c.letter} · {c.header or untitled}" for c in info.columns])
        nik_columns = {i for i, c in enumerate(info.columns) if c.key == "nik"}
        for r, values in enumerate(info.sample_rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(shown_cell(text[:200], nik=c in nik_columns))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                t.setItem(r, c, item)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        t.resizeColumnsToContents()
        for c in range(t.columnCount()):
            t.setColumnWidth(c, min(max(t.columnWidth(c), 60), 240))

    @staticmethod
    def _plain_issue(info: FileInfo, issue: Issue) -> str:
        if issue.code == "mapping.missing":
            # The service's text names the CLI's --map; here the next step is the way.
            missing = [display.label(LABELS[k]) for k in missing_keys(c.key for c in info.columns if c.key)]
            return translate(
                "PreviewStep", "Kolom wajib belum dikenali: {fields}. Petakan di langkah berikutnya."
            ).format(fields=", ".join(missing))
        return display.message(issue.message)


# ---- 3: mapping ---------------------------------------------------------------------------------------


class MappingStep(QWidget):
    """Step 3: which column fills which key of the intake record."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 4, 0, 0)
        h.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(
            hint(
                translate(
                    "MappingStep",
                    "Pilih untuk setiap kolom berkas kunci rekaman yang diisinya; kolom yang tidak diperlukan "
                    "diabaikan. Kunci bertanda * wajib ada.",
                )
            )
        )
        self.body = QWidget()
        self.body.setObjectName("formBody")
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        scroll = QScrollArea()
        scroll.setObjectName("mappingScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setObjectName("formViewport")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.addWidget(scroll, 1)
        h.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(section(translate("MappingStep", "Kolom wajib")))
        self.required_labels: dict[str, QLabel] = {}
        for key in REQUIRED_KEYS:
            label = plain("", f"required_{key}", role="derived")
            right.addWidget(label)
            self.required_labels[key] = label
        right.addSpacing(4)
        self.error = plain("", "mappingError", role="error")
        self.error.setVisible(False)
        right.addWidget(self.error)
        right.addSpacing(8)
        self.save = QCheckBox(translate("MappingStep", "Simpan pemetaan untuk berikutnya"))
        self.save.setObjectName("saveMapping")
        self.save.setChecked(True)
        right.addWidget(self.save)
        right.addWidget(
            hint(
                translate(
                    "MappingStep",
                    "Berkas berikutnya dengan judul kolom yang sama langsung memakai pemetaan ini. "
                    "Impor yang tersimpan selalu mengingat pemetaannya.",
                )
            )
        )
        right.addStretch(1)
        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(330)
        h.addWidget(panel)
        self.info: FileInfo | None = None
        self.combos: list[tuple[str, str, QComboBox]] = []  # (letter, header, combo)

    def build(self, info: FileInfo, chosen: Mapping | None) -> None:
        """One row per column of the file, pre-filled with ``chosen``, else what the service detected
        (a header it knows, or the mapping saved for these headers)."""
        self.info = info
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for c, text in enumerate(
            (
                translate("MappingStep", "Kolom"),
                translate("MappingStep", "Judul di berkas"),
                translate("MappingStep", "Contoh isi"),
                translate("MappingStep", "Dipakai sebagai"),
            )
        ):
            self.grid.addWidget(section(text), 0, c)
        for r, col in enumerate(info.columns, start=1):
            letter = QLabel(col.letter)
            letter.setProperty("role", "derived")
            example = next(
                (row[col.index] for row in info.sample_rows if row[col.index :] and row[col.index]), ""
            )
            example = shown_cell(example, nik=col.key == "nik")
            combo = QComboBox()
            combo.setObjectName(f"map_{col.letter}")
            combo.setAccessibleName(
                translate("MappingStep", "Kolom {letter} {header}: dipakai sebagai").format(
                    letter=col.letter, header=col.header
                )
            )
            combo.addItem(translate("FileStep", IGNORE), None)
            for field in FIELDS:
                combo.addItem(key_text(field), field)
            combo.setMaxVisibleItems(len(FIELDS) + 1)
            current = (chosen or {}).get(col.header, col.key) if col.header else None
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.setEnabled(bool(col.header))
            if not col.header:
                combo.setToolTip(translate("MappingStep", "Kolom tanpa judul selalu diabaikan."))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.grid.addWidget(letter, r, 0)
            self.grid.addWidget(plain(col.header or translate("MappingStep", "(tanpa judul)")), r, 1)
            self.grid.addWidget(hint(example[:40] + ("…" if len(example) > 40 else "")), r, 2)
            self.grid.addWidget(combo, r, 3)
            self.combos.append((col.letter, col.header, combo))
        self.grid.setRowStretch(len(info.columns) + 1, 1)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 2)
        self.grid.setColumnStretch(3, 3)
        for (_l1, _h1, a), (_l2, _h2, b) in itertools.pairwise(self.combos):
            QWidget.setTabOrder(a, b)
        self._refresh()

    def chosen(self) -> Mapping:
        """Header → key as the combo boxes say (``None``: the column is ignored)."""
        return {h: c.currentData() for _letter, h, c in self.combos if h}

    def detected(self) -> Mapping:
        assert self.info is not None
        return {c.header: c.key for c in self.info.columns if c.header}

    def check(self) -> MappingCheck:
        """The combo boxes' choices checked by the core (the import checks them the same way)."""
        return check_choices((letter, combo.currentData()) for letter, _header, combo in self.combos)

    def problems(self) -> list[str]:
        check = self.check()
        out = [
            translate(
                "MappingStep",
                "{field} dipilih untuk beberapa kolom ({cols}). Pilih satu, abaikan yang lain.",
            ).format(field=display.label(LABELS[k]), cols=", ".join(cols))
            for k, cols in check.duplicates.items()
        ]
        missing = [display.label(LABELS[k]) for k in check.missing]
        if missing:
            out.append(
                translate("MappingStep", "Belum dipetakan: {fields}.").format(fields=", ".join(missing))
            )
        return out

    def ok(self) -> bool:
        return self.info is not None and not self.problems()

    def first_open(self) -> QComboBox | None:
        """Where the officer starts: while a required key is missing, the first column whose header
        was not recognised (row counters and our report columns are ignored on purpose)."""
        if not self.combos or self.info is None:
            return None
        if not self.ok():
            unknown = {c.letter for c in self.info.columns if c.source == "unknown"}
            for letter, header, combo in self.combos:
                if header and combo.currentData() is None and letter in unknown:
                    return combo
        return self.combos[0][2]

    def _on_combo_changed(self, *_: Any) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        check = self.check()
        fed = check.fed
        for key, label in self.required_labels.items():
            cols = fed.get(key)
            label.setText(
                translate("MappingStep", "✓ {field} — kolom {cols}").format(
                    field=display.label(LABELS[key]), cols=", ".join(cols)
                )
                if cols
                else translate("MappingStep", "✗ {field} — belum").format(field=display.label(LABELS[key]))
            )
            label.setProperty("role", "derived" if cols else "error")
            repolish(label)
        problems = self.problems()
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        for _letter, _header, combo in self.combos:
            key = combo.currentData()
            combo.setProperty("invalid", bool(key and key in check.duplicates))
            repolish(combo)


# ---- 4: the dry run -----------------------------------------------------------------------------------
