"""Target editor (supervisor): coverage target, baseline and workers in scope per regency."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.coverage import format_bp, parse_percent
from app.domain.issues import DomainError, Issue
from app.services import dashboard as dash_service
from app.services.dashboard import CoverageTargetDTO
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import Banner, FieldRow, primary_button


class EodTargetsDialog(QDialog):
    """A small table of targets and a form that adds or changes one (Enter saves)."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("eodTargets")
        self.setWindowTitle(translate("EodTargetsDialog", "Target cakupan per kabupaten/kota"))
        self.targets: tuple[CoverageTargetDTO, ...] = ()
        layout = QVBoxLayout(self)
        title = QLabel(translate("EodTargetsDialog", "Target cakupan per kabupaten/kota"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "EodTargetsDialog",
                "Cakupan sekarang = cakupan awal + peserta wilayah itu yang mendaftar sesudah tanggal awal. "
                "Contoh: Sumatera Selatan menargetkan 50% pekerja terlindungi, dari 34%.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.banner = Banner("targetsBanner")
        layout.addWidget(self.banner)

        self.table = QTableWidget(0, 5)

        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setObjectName("targetsTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("EodTargetsDialog", "Kode"),
                translate("EodTargetsDialog", "Kabupaten/kota"),
                translate("EodTargetsDialog", "Pekerja"),
                translate("EodTargetsDialog", "Awal"),
                translate("EodTargetsDialog", "Target"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selected)
        self.table.setMinimumHeight(140)
        layout.addWidget(self.table)

        form = QGridLayout()
        self.regency = QLineEdit()
        self.regency.setObjectName("targetRegency")
        self.regency.setPlaceholderText("16.10")
        self.workers = QLineEdit()
        self.workers.setObjectName("targetWorkers")
        self.target = QLineEdit()
        self.target.setObjectName("targetPercent")
        self.baseline = QLineEdit()
        self.baseline.setObjectName("targetBaseline")
        self.baseline_date = QDateEdit()
        self.baseline_date.setObjectName("targetBaselineDate")
        self.baseline_date.setCalendarPopup(True)
        self.baseline_date.setDisplayFormat("dd-MM-yyyy")
        self.baseline_date.setDate(QDate(dt.date.today().year, 1, 1))
        self.rows = {
            "wilayah": FieldRow(
                "wilayah",
                translate("EodTargetsDialog", "Kode kabupaten/kota (Kemendagri)"),
                self.regency,
                required=True,
            ),
            "pekerja": FieldRow(
                "pekerja", translate("EodTargetsDialog", "Pekerja di wilayah"), self.workers, required=True
            ),
            "awal": FieldRow(
                "awal", translate("EodTargetsDialog", "Cakupan awal (%)"), self.baseline, required=True
            ),
            "target": FieldRow(
                "target", translate("EodTargetsDialog", "Target (%)"), self.target, required=True
            ),
            "tanggal": FieldRow(
                "tanggal",
                translate("EodTargetsDialog", "Tanggal cakupan awal"),
                self.baseline_date,
                required=True,
            ),
        }
        for i, key in enumerate(self.rows):
            form.addWidget(self.rows[key], i // 3, i % 3)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.save_button = primary_button(
            translate("EodTargetsDialog", "Simpan target  (Enter)"), "targetSave"
        )
        self.remove_button = QPushButton(translate("EodTargetsDialog", "Hapus yang dipilih"))
        self.remove_button.setObjectName("targetRemove")
        self.close_button = QPushButton(translate("EodTargetsDialog", "Tutup  (Esc)"))
        self.close_button.setObjectName("targetClose")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove_selected)
        self.close_button.clicked.connect(self.accept)
        for edit in (self.regency, self.workers, self.baseline, self.target):
            edit.returnPressed.connect(self.save)
        self.setTabOrder(self.regency, self.workers)
        self.setTabOrder(self.workers, self.baseline)
        self.setTabOrder(self.baseline, self.target)
        self.setTabOrder(self.target, self.baseline_date)
        self.resize(760, 480)
        self.load()

    def load(self) -> None:
        ctx = self.ui.ctx
        self.ui.runner.run(lambda: dash_service.coverage_targets(ctx), on_success=self._on_loaded)

    def _on_loaded(self, targets: tuple[CoverageTargetDTO, ...]) -> None:
        self.targets = targets
        self.table.setRowCount(len(targets))
        for row, t in enumerate(targets):
            for col, text in enumerate(
                [
                    t.regency_code,
                    t.regency_name,
                    i18n.number(t.workers),
                    display.figure(format_bp(t.baseline_bp)),
                    display.figure(format_bp(t.target_bp)),
                ]
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _on_table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        t = self.targets[rows[0].row()]
        self.regency.setText(t.regency_code)
        self.workers.setText(str(t.workers))
        self.baseline.setText(format_bp(t.baseline_bp).rstrip("%"))
        self.target.setText(format_bp(t.target_bp).rstrip("%"))
        self.baseline_date.setDate(QDate(t.baseline_date.year, t.baseline_date.month, t.baseline_date.day))

    def save(self) -> None:
        for r in self.rows.values():
            r.set_error(None)
        self.banner.clear()
        issues: list[Issue] = []
        digits = self.workers.text().replace(".", "").replace(",", "").strip()
        workers = int(digits) if digits.isdigit() else 0
        if not digits.isdigit():
            issues.append(
                Issue(
                    "pekerja",
                    "target.workers",
                    translate("EodTargetsDialog", "Tulis jumlah pekerja dengan angka."),
                )
            )
        target, baseline = (
            parse_percent(self.target.text(), "target"),
            parse_percent(self.baseline.text(), "awal"),
        )
        issues += [x for x in (target, baseline) if isinstance(x, Issue)]
        if issues:
            self._show_issues(issues)
            return
        assert isinstance(target, int) and isinstance(baseline, int)
        q = self.baseline_date.date()
        when = dt.date(q.year(), q.month(), q.day())
        ctx, actor, code = self.ui.ctx, self.ui.actor, self.regency.text()
        self.save_button.setEnabled(False)

        def done(t: CoverageTargetDTO) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(
                "info",
                translate("EodTargetsDialog", "Target {regency_name} disimpan.").format(
                    regency_name=t.regency_name
                ),
            )
            self.load()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            if isinstance(exc, DomainError):
                self._show_issues(exc.issues)
            else:
                self.banner.show_message(
                    "error",
                    display.message_of(exc) or translate("EodTargetsDialog", "Target belum tersimpan."),
                )

        self.ui.runner.run(
            lambda: dash_service.set_coverage_target(
                ctx,
                actor,
                regency_code=code,
                workers=workers,
                target_bp=target,
                baseline_bp=baseline,
                baseline_date=when,
            ),
            on_success=done,
            on_error=failed,
        )

    def _show_issues(self, issues: list[Issue]) -> None:
        for issue in issues:
            row = self.rows.get(issue.field)
            if row is not None:
                row.set_error(display.message(issue.message))
            else:
                self.banner.show_message("error", display.message(issue.message))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.banner.show_message(
                "info", translate("EodTargetsDialog", "Pilih dulu baris target yang akan dihapus.")
            )
            return
        code = self.targets[rows[0].row()].regency_code
        ctx, actor = self.ui.ctx, self.ui.actor
        self.ui.runner.run(
            lambda: dash_service.remove_coverage_target(ctx, actor, code),
            on_success=lambda _r: self.load(),
            on_error=lambda exc: self.banner.show_message("error", display.message_of(exc) or str(exc)),
        )
