"""The form that registers a construction project, with its charge by brackets beside it (shown, never
computed here: the core's quote is passed in)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import Issue
from app.domain.months import Month
from app.domain.projects import ContractCharge
from app.domain.rates import percent_text
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow, line_edit, primary_button

PROGRAMMES = ("JKK", "JKM")
ROW_HEIGHT = 26
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _date_edit(name: str, fmt: str, day: dt.date) -> QDateEdit:
    e = QDateEdit()
    e.setObjectName(name)
    e.setDisplayFormat(fmt)
    e.setDate(QDate(day.year, day.month, day.day))
    return e


class ProjectFormPanel(QGroupBox):
    """Name, owner, contractor, NPP, contract value, SPK date and months; Enter moves to the next field."""

    submitted = Signal()  # Enter in the last field: register the project

    def __init__(self, today: dt.date) -> None:
        super().__init__(translate("ProjectsPage", "Daftarkan proyek baru"))
        self.setObjectName("projectForm")
        self.rows: dict[str, FieldRow] = {}
        self.name = line_edit("projectName", 150)
        self.owner = line_edit("projectOwner", 150)
        self.contractor = line_edit("projectContractor", 150)
        self.npp = line_edit("projectNpp", 30)
        self.value = line_edit("projectValue", 30)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value.setPlaceholderText("180.000.000")
        self.spk = _date_edit("projectSpk", "dd-MM-yyyy", today)
        self.spk.setCalendarPopup(True)
        self.first = _date_edit("projectFirst", "MM-yyyy", today.replace(day=1))
        self.last = _date_edit("projectLast", "MM-yyyy", today.replace(day=1))

        body = QHBoxLayout(self)
        body.setSpacing(16)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(
            self._row("nama", translate("ProjectsPage", "Nama proyek"), self.name, True), 0, 0, 1, 3, top
        )
        grid.addWidget(
            self._row(
                "pemilik", translate("ProjectsPage", "Pemberi kerja (pemilik proyek)"), self.owner, True
            ),
            1,
            0,
            1,
            3,
            top,
        )
        grid.addWidget(
            self._row(
                "kontraktor", translate("ProjectsPage", "Kontraktor (penyedia jasa)"), self.contractor, True
            ),
            2,
            0,
            1,
            2,
            top,
        )
        grid.addWidget(self._row("npp", translate("ProjectsPage", "NPP (bila ada)"), self.npp), 2, 2, top)
        grid.addWidget(
            self._row(
                "nilai_kontrak", translate("ProjectsPage", "Nilai kontrak sebelum PPN (Rp)"), self.value, True
            ),
            3,
            0,
            1,
            3,
            top,
        )
        grid.addWidget(self._row("spk", translate("ProjectsPage", "Tanggal SPK"), self.spk, True), 4, 0, top)
        grid.addWidget(
            self._row("mulai", translate("ProjectsPage", "Bulan mulai"), self.first, True), 4, 1, top
        )
        grid.addWidget(
            self._row("sampai", translate("ProjectsPage", "Bulan selesai"), self.last, True), 4, 2, top
        )
        for c in range(3):
            grid.setColumnStretch(c, 1)
        fields = QWidget()
        left = QVBoxLayout(fields)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(grid)
        left.addStretch(1)
        buttons = QHBoxLayout()
        self.register_button = primary_button(
            translate("ProjectsPage", "Daftarkan proyek  (Ctrl+S)"), "registerProjectButton"
        )
        self.register_button.setAutoDefault(True)
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        charge = self._build_charge()
        # Fixed shares of the width: the charge table's contents must not push the fields about.
        for part in (fields, charge):
            part.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        body.addWidget(fields, 3)
        body.addWidget(charge, 4)
        for editor in self.editors():
            editor.installEventFilter(self)

    def _row(self, key: str, label: str, editor: QWidget, required: bool = False) -> FieldRow:
        r = FieldRow(key, label, editor, required=required)
        self.rows[key] = r
        return r

    def _build_charge(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("chargePanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(panel)
        v.setContentsMargins(12, 10, 12, 10)
        title = QLabel(translate("ProjectsPage", "Iuran dari nilai kontrak (bertingkat)"))
        title.setProperty("role", "fieldLabel")
        v.addWidget(title)
        self.charge_table = QTableWidget(0, 4)
        self.charge_table.setObjectName("chargeLines")
        self.charge_table.setHorizontalHeaderLabels(
            [
                translate("ProjectsPage", "Lapisan nilai"),
                translate("ProjectsPage", "Bagian nilai"),
                "JKK",
                "JKM",
            ]
        )
        self.charge_table.verticalHeader().setVisible(False)
        self.charge_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.charge_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.charge_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.charge_table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.charge_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fit(2)
        v.addWidget(self.charge_table)
        self.charge_note = QLabel(
            translate(
                "ProjectsPage",
                "Tarif tiap lapisan berlaku pada bagian nilai kontrak di lapisan itu; hasilnya dijumlahkan "
                "(PP 44/2015 pasal 54–55).",
            )
        )
        self.charge_note.setObjectName("fieldHint")
        self.charge_note.setWordWrap(True)
        v.addWidget(self.charge_note)
        v.addStretch(1)
        self.split = QLabel()
        self.split.setObjectName("chargeSplit")
        self.split.setTextFormat(Qt.TextFormat.PlainText)
        self.split.setProperty("role", "derived")
        self.split.setAlignment(Qt.AlignmentFlag.AlignRight)
        v.addWidget(self.split)
        total_row = QHBoxLayout()
        total_label = QLabel(translate("ProjectsPage", "Iuran proyek"))
        total_label.setProperty("role", "fieldLabel")
        total_row.addWidget(total_label)
        total_row.addStretch(1)
        self.total = QLabel("—")
        self.total.setObjectName("chargeTotal")
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.total.setStyleSheet("font-size: 15pt; font-weight: bold; color: #0f5a3a;")
        total_row.addWidget(self.total)
        v.addLayout(total_row)
        return panel

    def _fit(self, rows: int) -> None:
        header = self.charge_table.horizontalHeader().sizeHint().height()
        self.charge_table.setFixedHeight(header + max(rows, 2) * ROW_HEIGHT + 4)

    # ---- what the page reads and shows ----------------------------------------------------------------
    def editors(self) -> list[QWidget]:
        """In reading order: the order Tab and Enter walk."""
        return [
            self.name,
            self.owner,
            self.contractor,
            self.npp,
            self.value,
            self.spk,
            self.first,
            self.last,
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the form moves to the next field; in the last one it registers (``submitted``)."""
        editors = self.editors()
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and watched in editors
        ):
            i = editors.index(watched)  # type: ignore[arg-type]
            if i + 1 < len(editors):
                editors[i + 1].setFocus()
            else:
                self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

    def spk_date(self) -> dt.date:
        d = self.spk.date()
        return dt.date(d.year(), d.month(), d.day())

    def months(self) -> tuple[Month, Month]:
        a, b = self.first.date(), self.last.date()
        return Month(a.year(), a.month()), Month(b.year(), b.month())

    def show_charge(self, charge: ContractCharge | None) -> None:
        """The core's quote, bracket by bracket; None clears it (no valid value typed)."""
        if charge is None:
            self.charge_table.setRowCount(0)
            self._fit(2)
            self.split.clear()
            self.total.setText("—")
            return
        self.charge_table.setRowCount(len(charge.lines))
        self._fit(len(charge.lines))
        for i, ln in enumerate(charge.lines):
            bracket = (
                translate("ProjectsPage", "> {amount}").format(amount=display.rupiah(ln.lower))
                if ln.upper is None
                else translate("ProjectsPage", "≤ {amount}").format(amount=display.rupiah(ln.upper))
            )
            cells = [bracket, display.rupiah(ln.portion)]
            for code in PROGRAMMES:
                rate = display.figure(percent_text(ln.rates[code])) if code in ln.rates else "—"
                cells.append(f"{rate} = {display.rupiah(ln.amounts.get(code, 0))}")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.charge_table.setItem(i, j, item)
        self.split.setText(
            " + ".join(f"{code} {display.rupiah(charge.totals.get(code, 0))}" for code in PROGRAMMES)
        )
        self.total.setText(display.rupiah(charge.total))

    def clear_issues(self) -> None:
        for r in self.rows.values():
            r.set_error(None)

    def show_issues(self, issues: list[Issue]) -> list[Issue]:
        """Each finding at its field (the first one focused); the ones with no field here come back."""
        self.clear_issues()
        loose: list[Issue] = []
        first: FieldRow | None = None
        for issue in issues:
            r = self.rows.get(issue.field)
            if r is None:
                loose.append(issue)
                continue
            r.set_error(display.message(issue.message))
            first = first or r
        if first is not None:
            first.editor.setFocus()
            if isinstance(first.editor, QLineEdit):
                first.editor.selectAll()
        return loose

    def reset(self, today: dt.date) -> None:
        for e in (self.name, self.owner, self.contractor, self.npp, self.value):
            e.clear()
        self.spk.setDate(QDate(today.year, today.month, today.day))
        self.first.setDate(QDate(today.year, today.month, 1))
        self.last.setDate(QDate(today.year, today.month, 1))
        self.clear_issues()
        self.show_charge(None)
