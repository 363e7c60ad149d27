"""Impor Massal: the bulk enrolment wizard — file, preview, column mapping, dry run, commit, result.

The flow (which step, what is enabled, what Enter does, where Back goes) is an
``app.services.importing.flow.ImportFlow``; this page renders it. The steps are panels
(``ui.dialogs.import_steps`` and ``import_outcome_steps``) in a QStackedWidget that shows the
flow's step; the dry run and the commit run under the task runner's progress dialog
(``ui.pages.import_runs``), and the reports are saved or shown by ``ui.pages.import_reports``.
Both runs write their per-row XLSX report into a private temporary folder as they read the file;
"Simpan laporan XLSX…" copies it where the officer wants.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.imports import FileInfo, ImportReport, ImportResult
from app.domain.roles import Permission
from app.services import importing
from app.services.importing.flow import STEPS, Action, ImportFlow, ImportStep
from ui.context import UiContext
from ui.dialogs.import_outcome_steps import CheckStep, CommitStep, ResultStep
from ui.dialogs.import_steps import FileStep, MappingStep, PreviewStep, plain
from ui.i18n import translate
from ui.pages.import_reports import ImportReports, error_text
from ui.pages.import_runs import ImportRuns
from ui.theme import repolish
from ui.widgets import Banner, primary_button

FILE, PREVIEW, MAPPING, CHECK, COMMIT, RESULT = STEPS
NAMES = {
    FILE: QT_TRANSLATE_NOOP("ImportPage", "Berkas"),
    PREVIEW: QT_TRANSLATE_NOOP("ImportPage", "Pratinjau"),
    MAPPING: QT_TRANSLATE_NOOP("ImportPage", "Pemetaan kolom"),
    CHECK: QT_TRANSLATE_NOOP("ImportPage", "Pemeriksaan"),
    COMMIT: QT_TRANSLATE_NOOP("ImportPage", "Simpan"),
    RESULT: QT_TRANSLATE_NOOP("ImportPage", "Hasil"),
}
PRIMARY = {
    FILE: QT_TRANSLATE_NOOP("ImportPage", "Baca berkas  (Enter)"),
    PREVIEW: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: pemetaan kolom  (Enter)"),
    MAPPING: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: periksa semua baris  (Enter)"),
    CHECK: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: simpan  (Enter)"),
    COMMIT: QT_TRANSLATE_NOOP("ImportPage", "Simpan ke basis data  (Enter)"),
    RESULT: QT_TRANSLATE_NOOP("ImportPage", "Impor berkas lain  (Enter)"),
}
__all__ = ["CHECK", "COMMIT", "FILE", "MAPPING", "PREVIEW", "RESULT", "ImportPage", "error_text"]


class ImportPage(QWidget):
    """The wizard. Enter runs the step's primary action; Alt+← / Alt+→ (or Ctrl+PgUp / Ctrl+PgDn)
    go back and forward; saving happens only by Enter or the button on step 5."""

    nav_label = QT_TRANSLATE_NOOP("ImportPage", "Impor Massal")
    shortcut = "F12"
    help_shortcuts = (
        ("Alt+Left / Ctrl+PgUp", QT_TRANSLATE_NOOP("ImportPage", "langkah sebelumnya")),
        ("Alt+Right / Ctrl+PgDown", QT_TRANSLATE_NOOP("ImportPage", "langkah berikutnya")),
    )
    required_permission = Permission.ENROL

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.flow = ImportFlow()
        self._work_dir = Path(tempfile.mkdtemp(prefix="loket-impor-"))  # 0700: the reports hold personal data
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self._work_dir), True)
        self._build()
        self.reports = ImportReports(self, ui, self.flow, self.banner, self.result_step)
        self.runs = ImportRuns(self, self._work_dir)
        self._wire()
        self.go(FILE)

    # ---- the flow's state, as the page's -----------------------------------------------------------
    @property
    def step(self) -> ImportStep:
        return self.flow.step

    @property
    def busy(self) -> bool:
        return self.flow.busy

    @property
    def info(self) -> FileInfo | None:
        return self.flow.info

    @property
    def report(self) -> ImportReport | None:
        """The dry run."""
        return self.flow.report

    @property
    def result(self) -> ImportResult | None:
        return self.flow.result

    # ---- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        outer.setSpacing(8)
        title = QLabel(translate("ImportPage", "Impor Massal"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        outer.addWidget(
            plain(
                translate(
                    "ImportPage",
                    "Banyak pekerja sekaligus dari XLSX/CSV. Setiap baris diperiksa dulu; tidak ada yang disimpan "
                    "sebelum langkah 5.   Enter = lanjut · Alt+← = kembali",
                ),
                "pageHint",
            )
        )
        strip = QHBoxLayout()
        strip.setSpacing(4)
        self.step_labels: dict[ImportStep, QLabel] = {}
        for i, step in enumerate(STEPS):
            label = QLabel(f"{i + 1}  {translate('ImportPage', NAMES[step])}")
            label.setObjectName("wizardStep")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            strip.addWidget(label, 1)
            self.step_labels[step] = label
        outer.addLayout(strip)
        self.banner = Banner("importBanner")
        outer.addWidget(self.banner)

        self.file_step = FileStep()
        self.preview_step = PreviewStep()
        self.mapping_step = MappingStep()
        self.check_step = CheckStep()
        self.commit_step = CommitStep()
        self.result_step = ResultStep()
        self.panels: dict[ImportStep, QWidget] = {
            FILE: self.file_step,
            PREVIEW: self.preview_step,
            MAPPING: self.mapping_step,
            CHECK: self.check_step,
            COMMIT: self.commit_step,
            RESULT: self.result_step,
        }
        self.stack = QStackedWidget()
        self.stack.setObjectName("importSteps")
        for step in STEPS:
            self.stack.addWidget(self.panels[step])
        # On a 1366×768 screen the taller steps (the check and result panels) scroll instead of
        # pushing the window past the screen.
        steps_scroll = QScrollArea()
        steps_scroll.setObjectName("importStepsScroll")
        steps_scroll.setWidgetResizable(True)
        steps_scroll.setFrameShape(QFrame.Shape.NoFrame)
        steps_scroll.setWidget(self.stack)
        outer.addWidget(steps_scroll, 1)

        bar = QHBoxLayout()
        self.back_button = QPushButton(translate("ImportPage", "‹ Kembali  (Alt+←)"))
        self.back_button.setObjectName("backButton")
        self.back_button.setAccessibleName(translate("ImportPage", "Kembali ke langkah sebelumnya"))
        self.status = plain("", "wizardStatus", role="derived")
        self.primary = primary_button(translate("ImportPage", PRIMARY[FILE]), "primaryButton")
        self.primary.setMinimumWidth(320)
        bar.addWidget(self.back_button)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.primary)
        outer.addLayout(bar)

    def _wire(self) -> None:
        self.primary.clicked.connect(self.forward)
        self.back_button.clicked.connect(self.back)
        f = self.file_step
        f.browse_button.clicked.connect(self._on_browse_clicked)
        f.template_button.clicked.connect(self._on_template_clicked)
        f.path_edit.textEdited.connect(self._on_path_edited)
        self.mapping_step.changed.connect(self._update_nav)
        self.commit_step.changed.connect(self._on_commit_choice_changed)
        c, reports = self.check_step, self.reports
        c.recheck_button.clicked.connect(self.runs.run_check)
        c.xlsx_button.clicked.connect(lambda: reports.on_save_xlsx_clicked("check"))
        c.pdf_button.clicked.connect(lambda: reports.show_pdf_summary("check"))
        r = self.result_step
        r.xlsx_button.clicked.connect(lambda: reports.on_save_xlsx_clicked("result"))
        r.pdf_button.clicked.connect(lambda: reports.show_pdf_summary("result"))
        r.open_member_button.clicked.connect(self._on_open_member_clicked)
        r.sponsor_receipt_button.clicked.connect(reports.show_sponsor_receipt)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Alt+Left", "Ctrl+PgUp"):
            QShortcut(QKeySequence(keys), self, self.back, context=scope)
        for keys in ("Alt+Right", "Ctrl+PgDown"):
            QShortcut(QKeySequence(keys), self, self._on_next_shortcut, context=scope)
        QShortcut(QKeySequence("Ctrl+O"), self, self._on_ctrl_o, context=scope)

    # ---- rendering the flow -------------------------------------------------------------------------
    def go(self, step: ImportStep) -> None:
        self.flow.step = step
        self.stack.setCurrentWidget(self.panels[step])
        for each, label in self.step_labels.items():
            label.setProperty("state", self.flow.mark(each).value)
            repolish(label)
        if step is CHECK:
            self.runs.enter_check()
        elif step is COMMIT and self.flow.info is not None and self.flow.report is not None:
            self.commit_step.set_report(self.flow.info, self.flow.report)
        self._update_nav()
        self.focus_first()

    def _update_nav(self) -> None:
        flow = self.flow
        flow.mapping_ok = self.mapping_step.ok()
        self.back_button.setVisible(flow.back_visible)
        self.back_button.setEnabled(not flow.busy)
        self.primary.setText(translate("ImportPage", PRIMARY[flow.step]))
        self.primary.setAccessibleName(translate("ImportPage", PRIMARY[flow.step]).split("  (")[0])
        self.primary.setEnabled(flow.primary_enabled)
        c = self.check_step
        c.recheck_button.setEnabled(flow.can_recheck)
        for b in (c.xlsx_button, c.pdf_button):
            b.setEnabled(flow.check_reports_enabled)
        self.result_step.xlsx_button.setEnabled(flow.result_xlsx_enabled)

    def set_busy(self, busy: bool, status: str = "") -> None:
        self.flow.busy = busy
        self.status.setText(status)
        self.stack.setEnabled(not busy)
        self._update_nav()

    def back(self) -> None:
        previous = self.flow.previous()
        if self.busy or not self.back_button.isVisibleTo(self) or previous is None:
            return
        self.banner.clear()
        self.status.setText("")
        self.go(previous)

    def forward(self) -> None:
        """The primary action of the current step."""
        if self.busy or not self.primary.isEnabled():
            return
        action = self.flow.action
        if action is Action.READ_FILE:
            self.read_file()
        elif action is Action.LEAVE_MAPPING:
            self._leave_mapping()
        elif action is Action.COMMIT:
            self.runs.commit()
        elif action is Action.RESTART:
            self.reset()
        else:
            following = self.flow.following()
            if following is not None:
                self.banner.clear()
                self.go(following)

    def _on_next_shortcut(self) -> None:
        if self.flow.next_by_shortcut:  # saving is never a side effect of "next": only Enter or the button
            self.forward()

    def _on_ctrl_o(self) -> None:
        if self.flow.can_browse:
            self._on_browse_clicked()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Editors leave Enter unhandled, so it bubbles up here: it presses the focused push button,
        # otherwise the step's primary action.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton) and focus is not self.primary and self.isAncestorOf(focus):
                focus.click()
            else:
                self.forward()
            event.accept()
            return
        super().keyPressEvent(event)

    def focus_first(self) -> None:
        step = self.step
        target: QWidget | None = None
        if step is FILE:
            target = self.file_step.path_edit
        elif step is MAPPING:
            target = self.mapping_step.first_open()
        elif step is COMMIT:
            c = self.commit_step
            target = c.mode_group.checkedButton() or c.mode_all
        if target is None or not target.isEnabled():
            target = self.primary if self.primary.isEnabled() else self.back_button
        if not target.isVisibleTo(self):
            target = self.stack.currentWidget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """A new import: step 1 with an empty form; the reports of the last one are deleted."""
        if not self.flow.reset():
            return
        self.reports.sponsor_batch = None
        for child in self._work_dir.iterdir():
            child.unlink(missing_ok=True)
        self.file_step.path_edit.clear()
        self.file_step.fill_sheets(None)
        self.check_step.show_report(None)
        self.check_step.summary.setText("")
        self.result_step.panel.clear()
        self.commit_step.reset()
        self.banner.clear()
        self.status.setText("")
        self.go(FILE)

    # ---- step 1: the file ----------------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        current = self.file_step.path_edit.text().strip()
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportPage", "Pilih berkas impor"),
            str(Path(current).parent) if current else "",
            translate("ImportPage", "Lembar kerja (*.xlsx *.csv *.txt);;Semua berkas (*)"),
        )
        if path:
            self.file_step.path_edit.setText(path)
            self._on_path_edited(path)
            self.read_file()

    def _on_path_edited(self, _text: str) -> None:
        self.file_step.path_row.set_error(None)
        if self.info is not None and self.info.path != self._typed_path():
            self.file_step.fill_sheets(None)  # another file: its sheets are not known yet

    def _typed_path(self) -> str:
        return self.file_step.path_edit.text().strip().strip('"')

    def read_file(self, path: str | None = None) -> None:
        """Read the file's first rows (sheets, headers, samples, mapping) and show the preview."""
        if path is not None:
            self.file_step.path_edit.setText(path)
            self._on_path_edited(path)
        path = self._typed_path()
        if not path:
            self.file_step.path_row.set_error(
                translate("ImportPage", "Pilih berkas XLSX atau CSV yang akan diimpor.")
            )
            self.file_step.path_edit.setFocus()
            return
        sheet = self.file_step.chosen_sheet()
        ctx = self.ui.ctx
        self.banner.clear()
        self.file_step.path_row.set_error(None)
        self.set_busy(True, translate("ImportPage", "Membaca berkas…"))
        self.ui.runner.run(
            lambda: importing.inspect_file(ctx, path, sheet=sheet),
            on_success=self._on_file_read,
            on_error=self.on_file_failed,
        )

    def _on_file_read(self, info: FileInfo) -> None:
        self.set_busy(False)
        self.flow.file_read(info)  # another file, sheet or content: earlier column choices do not apply
        self.file_step.fill_sheets(info)
        self.preview_step.show_info(info)
        self.mapping_step.build(info, self.flow.mapping)
        self.go(PREVIEW)

    def on_file_failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.file_step.path_row.set_error(error_text(exc))
        self.banner.show_message(
            "error",
            translate(
                "ImportPage",
                "Berkas ini tidak dapat diimpor; alasannya di bawah kolom berkas. Tidak ada yang berubah.",
            ),
        )
        if self.step is not FILE:
            self.go(FILE)
        self.file_step.path_edit.setFocus()

    def _on_template_clicked(self) -> None:
        dest, _ = QFileDialog.getSaveFileName(
            self,
            translate("ImportPage", "Simpan templat impor"),
            "templat-impor-loket.xlsx",
            translate("ImportPage", "Excel (*.xlsx)"),
        )
        if dest:
            self.write_template_to(Path(dest))

    def write_template_to(self, dest: Path) -> None:
        if dest.suffix.lower() != ".xlsx":
            dest = dest.with_suffix(".xlsx")
        ctx = self.ui.ctx
        self.ui.runner.run(
            lambda: importing.write_template(ctx, dest),
            on_success=lambda out: self.banner.show_message(
                "info",
                translate(
                    "ImportPage",
                    "Templat disimpan: {out}\nIsi mulai baris 3; baris 2 berisi petunjuk dan dilewati.",
                ).format(out=out),
            ),
            on_error=lambda exc: self.banner.show_message("error", error_text(exc)),
        )

    # ---- step 3: mapping -----------------------------------------------------------------------------
    def _leave_mapping(self) -> None:
        m = self.mapping_step
        if not m.ok() or self.info is None:
            return
        chosen = m.chosen()
        self.flow.columns_chosen(chosen, m.detected())
        self.banner.clear()
        if self.flow.mapping is None or not m.save.isChecked():
            self.go(CHECK)
            return
        ctx, actor, headers = self.ui.ctx, self.ui.actor, list(self.info.headers)
        self.set_busy(True, translate("ImportPage", "Menyimpan pemetaan…"))

        def saved(_: object) -> None:
            self.set_busy(False)
            self.go(CHECK)
            if not self.busy:
                self.status.setText(translate("ImportPage", "Pemetaan disimpan untuk berkas berikutnya."))

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            self.banner.show_message("error", error_text(exc))

        self.ui.runner.run(
            lambda: importing.save_header_mapping(ctx, actor, headers, chosen),
            on_success=saved,
            on_error=failed,
        )

    # ---- step 5: commit, step 6: the result -------------------------------------------------------------
    def _on_commit_choice_changed(self) -> None:
        if self.step is COMMIT and not self.busy and self.banner.property("kind") == "error":
            self.banner.clear()  # "complete what is marked red": the officer is doing it

    def _on_open_member_clicked(self) -> None:
        result = self.flow.result
        if result is not None and result.first_number:
            self.ui.bus.member_requested.emit(result.first_number)
