"""Impor Massal: the bulk enrolment wizard — file, preview, column mapping, dry run, commit, result.

The steps are panels in a QStackedWidget (``ui.dialogs.import_steps``); this page owns the flow
and calls ``app.services.importing`` off the GUI thread. The dry run and the commit run under the
task runner's progress dialog, whose cancel stops the work with nothing written. Both runs write
their per-row XLSX report into a private temporary folder as they read the file; "Simpan laporan
XLSX…" copies it where the officer wants.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

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

from app.domain.imports import FileInfo, ImportFileError, ImportReport, ImportResult
from app.domain.issues import DomainError
from app.domain.progress import Cancelled
from app.domain.roles import Permission
from app.infra.heap import bulk_gc
from app.services import contributions, importing, members
from app.services.contribution_dto import SponsorBatchDTO
from ui.context import UiContext
from ui.dialogs.import_report import count
from ui.dialogs.import_steps import (
    CheckStep,
    CommitStep,
    FileStep,
    Mapping,
    MappingStep,
    PreviewStep,
    ResultStep,
    plain,
)
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog
from ui.tasks import Task
from ui.theme import repolish
from ui.widgets import Banner, primary_button

STEPS = (
    QT_TRANSLATE_NOOP("ImportPage", "Berkas"),
    QT_TRANSLATE_NOOP("ImportPage", "Pratinjau"),
    QT_TRANSLATE_NOOP("ImportPage", "Pemetaan kolom"),
    QT_TRANSLATE_NOOP("ImportPage", "Pemeriksaan"),
    QT_TRANSLATE_NOOP("ImportPage", "Simpan"),
    QT_TRANSLATE_NOOP("ImportPage", "Hasil"),
)
FILE, PREVIEW, MAPPING, CHECK, COMMIT, RESULT = range(len(STEPS))
PRIMARY = {
    FILE: QT_TRANSLATE_NOOP("ImportPage", "Baca berkas  (Enter)"),
    PREVIEW: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: pemetaan kolom  (Enter)"),
    MAPPING: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: periksa semua baris  (Enter)"),
    CHECK: QT_TRANSLATE_NOOP("ImportPage", "Lanjut: simpan  (Enter)"),
    COMMIT: QT_TRANSLATE_NOOP("ImportPage", "Simpan ke basis data  (Enter)"),
    RESULT: QT_TRANSLATE_NOOP("ImportPage", "Impor berkas lain  (Enter)"),
}


def error_text(exc: BaseException) -> str:
    """What the officer reads when a call fails (the services already speak Indonesian)."""
    if isinstance(exc, DomainError):
        return "\n".join(display.message(i.message) for i in exc.issues)
    message = display.message_of(exc)
    if isinstance(message, str) and message:
        return message
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return translate("ImportPage", "Berkas tidak dapat dibaca atau ditulis{where}: {value}.").format(
            where=where, value=exc.strerror or translate("ImportPage", "kesalahan sistem berkas")
        )
    return translate("ImportPage", "Terjadi kesalahan yang tidak terduga. Tidak ada yang berubah; coba lagi.")


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
        self.info: FileInfo | None = None
        self.mapping: Mapping | None = None  # None: as the service detected it (header names or saved)
        self.report: ImportReport | None = None  # the dry run
        self.report_key: tuple[Any, ...] | None = None  # what that dry run checked
        self.result: ImportResult | None = None
        self.sponsor_batch: SponsorBatchDTO | None = None
        self.check_xlsx: Path | None = None
        self.result_xlsx: Path | None = None
        self.task: Task | None = None
        self.busy = False
        self.preview: PdfPreviewDialog | None = None
        self._runs = 0
        self._work_dir = Path(tempfile.mkdtemp(prefix="loket-impor-"))  # 0700: the reports hold personal data
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self._work_dir), True)
        self._build()
        self._wire()
        self.go(FILE)

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
        self.step_labels: list[QLabel] = []
        for i, name in enumerate(STEPS):
            label = QLabel(f"{i + 1}  {translate('ImportPage', name)}")
            label.setObjectName("wizardStep")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            strip.addWidget(label, 1)
            self.step_labels.append(label)
        outer.addLayout(strip)
        self.banner = Banner("importBanner")
        outer.addWidget(self.banner)

        self.file_step = FileStep()
        self.preview_step = PreviewStep()
        self.mapping_step = MappingStep()
        self.check_step = CheckStep()
        self.commit_step = CommitStep()
        self.result_step = ResultStep()
        self.stack = QStackedWidget()
        self.stack.setObjectName("importSteps")
        for w in (
            self.file_step,
            self.preview_step,
            self.mapping_step,
            self.check_step,
            self.commit_step,
            self.result_step,
        ):
            self.stack.addWidget(w)
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
        c = self.check_step
        c.recheck_button.clicked.connect(self.run_check)
        c.xlsx_button.clicked.connect(lambda: self._on_save_xlsx_clicked("check"))
        c.pdf_button.clicked.connect(lambda: self.show_pdf_summary("check"))
        r = self.result_step
        r.xlsx_button.clicked.connect(lambda: self._on_save_xlsx_clicked("result"))
        r.pdf_button.clicked.connect(lambda: self.show_pdf_summary("result"))
        r.open_member_button.clicked.connect(self._on_open_member_clicked)
        r.sponsor_receipt_button.clicked.connect(self.show_sponsor_receipt)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Alt+Left", "Ctrl+PgUp"):
            QShortcut(QKeySequence(keys), self, self.back, context=scope)
        for keys in ("Alt+Right", "Ctrl+PgDown"):
            QShortcut(QKeySequence(keys), self, self._on_next_shortcut, context=scope)
        QShortcut(QKeySequence("Ctrl+O"), self, self._on_ctrl_o, context=scope)

    # ---- navigation ---------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        for i, label in enumerate(self.step_labels):
            label.setProperty("state", "current" if i == step else ("done" if i < step else "todo"))
            repolish(label)
        if step == CHECK:
            self._enter_check()
        elif step == COMMIT and self.info is not None and self.report is not None:
            self.commit_step.set_report(self.info, self.report)
        self._update_nav()
        self.focus_first()

    def _committed(self) -> bool:
        return self.result is not None and self.result.committed

    def _update_nav(self) -> None:
        step = self.step
        self.back_button.setVisible(step > FILE and not (step == RESULT and self._committed()))
        self.back_button.setEnabled(not self.busy)
        self.primary.setText(translate("ImportPage", PRIMARY[step]))
        self.primary.setAccessibleName(translate("ImportPage", PRIMARY[step]).split("  (")[0])
        ready = {
            MAPPING: self.mapping_step.ok(),
            CHECK: self.report is not None and self.report.accepted > 0,
        }.get(step, True)
        self.primary.setEnabled(not self.busy and ready)
        c = self.check_step
        c.recheck_button.setEnabled(not self.busy and self.info is not None)
        for b in (c.xlsx_button, c.pdf_button):
            b.setEnabled(not self.busy and self.report is not None)
        self.result_step.xlsx_button.setEnabled(self.result_xlsx is not None)

    def _set_busy(self, busy: bool, status: str = "") -> None:
        self.busy = busy
        self.status.setText(status)
        self.stack.setEnabled(not busy)
        self._update_nav()

    def back(self) -> None:
        if self.busy or not self.back_button.isVisibleTo(self):
            return
        self.banner.clear()
        self.status.setText("")
        self.go(self.step - 1)

    def forward(self) -> None:
        """The primary action of the current step."""
        if self.busy or not self.primary.isEnabled():
            return
        step = self.step
        if step == FILE:
            self.read_file()
        elif step == MAPPING:
            self._leave_mapping()
        elif step == COMMIT:
            self.commit()
        elif step == RESULT:
            self.reset()
        else:
            self.banner.clear()
            self.go(step + 1)

    def _on_next_shortcut(self) -> None:
        if self.step < COMMIT:  # saving is never a side effect of "next": only Enter or the button
            self.forward()

    def _on_ctrl_o(self) -> None:
        if self.step == FILE and not self.busy:
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
        if step == FILE:
            target = self.file_step.path_edit
        elif step == MAPPING:
            target = self.mapping_step.first_open()
        elif step == COMMIT:
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
        if self.busy:
            return
        self.info = self.mapping = self.report = self.report_key = self.result = None
        self.sponsor_batch = self.check_xlsx = self.result_xlsx = None
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
        self._set_busy(True, translate("ImportPage", "Membaca berkas…"))
        self.ui.runner.run(
            lambda: importing.inspect_file(ctx, path, sheet=sheet),
            on_success=self._on_file_read,
            on_error=self._on_file_failed,
        )

    def _on_file_read(self, info: FileInfo) -> None:
        self._set_busy(False)
        old = self.info
        if old is None or (old.path, old.sheet, old.sha256) != (info.path, info.sheet, info.sha256):
            self.mapping = None  # another file, sheet or content: earlier choices do not apply
        self.info = info
        self.file_step.fill_sheets(info)
        self.preview_step.show_info(info)
        self.mapping_step.build(info, self.mapping)
        self.go(PREVIEW)

    def _on_file_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.file_step.path_row.set_error(error_text(exc))
        self.banner.show_message(
            "error",
            translate(
                "ImportPage",
                "Berkas ini tidak dapat diimpor; alasannya di bawah kolom berkas. Tidak ada yang berubah.",
            ),
        )
        if self.step != FILE:
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
        self.mapping = None if chosen == m.detected() else chosen
        self.banner.clear()
        if self.mapping is None or not m.save.isChecked():
            self.go(CHECK)
            return
        ctx, actor, headers = self.ui.ctx, self.ui.actor, list(self.info.headers)
        self._set_busy(True, translate("ImportPage", "Menyimpan pemetaan…"))

        def saved(_: object) -> None:
            self._set_busy(False)
            self.go(CHECK)
            if not self.busy:
                self.status.setText(translate("ImportPage", "Pemetaan disimpan untuk berkas berikutnya."))

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_message("error", error_text(exc))

        self.ui.runner.run(
            lambda: importing.save_header_mapping(ctx, actor, headers, chosen),
            on_success=saved,
            on_error=failed,
        )

    # ---- step 4: the dry run --------------------------------------------------------------------------
    def _plan_key(self) -> tuple[Any, ...]:
        assert self.info is not None
        mapping = tuple(sorted((self.mapping or {}).items()))
        return (self.info.path, self.info.sheet, self.info.sha256, mapping)

    def _enter_check(self) -> None:
        if self.info is None or (self.report is not None and self.report_key == self._plan_key()):
            return
        self.report = None
        self.check_xlsx = None
        self.check_step.show_report(None)
        self.check_step.summary.setText("")
        if not self.busy:
            self.run_check()

    def run_check(self) -> None:
        """The dry run: every row checked as the intake form checks it; nothing is written."""
        if self.info is None or self.busy:
            return
        ctx, actor, path = self.ui.ctx, self.ui.actor, self.info.path
        sheet, mapping, key = self.info.sheet, self.mapping, self._plan_key()
        self._runs += 1
        dest = self._work_dir / f"periksa-{self._runs}.xlsx"
        self.report = None
        self.check_step.show_report(None)
        self.check_step.summary.setText(translate("ImportPage", "Memeriksa setiap baris…"))
        self.banner.clear()
        self._set_busy(True, translate("ImportPage", "Memeriksa…"))

        def work(progress: Any, cancel: Any) -> ImportReport:
            with bulk_gc():  # the window chooses the GC tuning for its bulk pass, not the service
                return importing.validate_import(
                    ctx, actor, path, mapping, progress=progress, cancel=cancel, sheet=sheet, report_xlsx=dest
                )

        def done(report: ImportReport) -> None:
            self.task = None
            self.report, self.report_key, self.check_xlsx = report, key, dest
            self.check_step.show_report(report)
            self._set_busy(False)
            self.focus_first()

        self.task = self.ui.runner.run_with_dialog(
            self,
            translate("ImportPage", "Memeriksa baris…"),
            work,
            on_success=done,
            on_error=self._on_check_failed,
            on_cancel=self._on_check_cancelled,
        )

    def _on_check_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, ImportFileError) and all(i.code.startswith("file.") for i in exc.issues):
            # The file itself (no data rows, too many rows, changed on disk): step 1 is where it is fixed.
            self.check_step.summary.setText("")
            self.report_key = None
            self.go(FILE)
            self._on_file_failed(exc)
            return
        self.check_step.summary.setText(translate("ImportPage", "Pemeriksaan tidak dapat dilakukan."))
        self.banner.show_message(
            "error",
            translate("ImportPage", "{exc}\nTidak ada yang berubah di basis data.").format(
                exc=error_text(exc)
            ),
        )
        self.focus_first()

    def _on_check_cancelled(self) -> None:
        self.task = None
        self._set_busy(False)
        self.check_step.summary.setText(
            translate("ImportPage", "Pemeriksaan dibatalkan. Tekan “Periksa ulang” untuk memulai lagi.")
        )
        self.banner.show_message(
            "warning", translate("ImportPage", "Pemeriksaan dibatalkan. Tidak ada yang berubah.")
        )

    # ---- step 5: commit -------------------------------------------------------------------------------
    def _on_commit_choice_changed(self) -> None:
        if self.step == COMMIT and not self.busy and self.banner.property("kind") == "error":
            self.banner.clear()  # "complete what is marked red": the officer is doing it

    def commit(self) -> None:
        """Write the rows in ONE transaction (the service's), with progress and cancel."""
        if self.info is None or self.report is None or self.busy:
            return
        mode, sponsor, attention = self.commit_step.validate()
        if attention is not None or mode is None:
            self.banner.show_message(
                "error", translate("ImportPage", "Belum bisa disimpan: lengkapi yang ditandai merah.")
            )
            if attention is not None:
                attention.setFocus()
            return
        ctx, actor, path = self.ui.ctx, self.ui.actor, self.info.path
        sheet, mapping, sha = self.info.sheet, self.mapping, self.report.sha256
        self._runs += 1
        dest = self._work_dir / f"hasil-{self._runs}.xlsx"
        counts: dict[str, int] = {}
        self.banner.clear()
        self._set_busy(True, translate("ImportPage", "Menyimpan…"))

        def work(progress: Any, cancel: Any) -> ImportResult:
            counts["before"] = members.enrolments_total(ctx)
            try:
                with bulk_gc():
                    return importing.commit_import(
                        ctx,
                        actor,
                        path,
                        mapping,
                        mode,
                        sponsor,
                        progress=progress,
                        cancel=cancel,
                        sheet=sheet,
                        report_xlsx=dest,
                        expected_sha256=sha,
                    )
            except Cancelled:
                counts["after"] = members.enrolments_total(ctx)  # shown to the officer: unchanged
                raise

        self.task = self.ui.runner.run_with_dialog(
            self,
            translate("ImportPage", "Menyimpan peserta…"),
            work,
            on_success=lambda result: self._on_committed(result, dest),
            on_error=self._on_commit_failed,
            on_cancel=lambda: self._on_commit_cancelled(counts),
        )

    def _on_committed(self, result: ImportResult, dest: Path) -> None:
        self.task = None
        self.result = result
        self.result_xlsx = dest if dest.exists() else None
        self.sponsor_batch = None
        self._set_busy(False)
        self.result_step.show_result(result)  # the outcome panel says it all: no banner on top of it
        self.banner.clear()
        self.status.setText(
            translate("ImportPage", "Tersimpan: {enrolled} peserta, batch #{batch_id}.").format(
                enrolled=count(result.enrolled), batch_id=result.batch_id
            )
            if result.committed
            else ""
        )
        self.go(RESULT)
        if result.committed and result.report.sponsor is not None and result.first_number:
            self._load_sponsor_batch(result.first_number, result.last_number)

    def _on_commit_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        text = error_text(exc)
        if isinstance(exc, DomainError) and any(i.code == "file.changed" for i in exc.issues):
            self.report_key = None  # the dry run no longer describes the file: step 4 checks again
            text += translate("ImportPage", "\nAlt+← kembali ke langkah 4 untuk memeriksa ulang.")
        self.banner.show_message(
            "error", translate("ImportPage", "{text}\nTidak ada yang disimpan.").format(text=text)
        )
        self.focus_first()

    def _on_commit_cancelled(self, counts: dict[str, int]) -> None:
        self.task = None
        self._set_busy(False)
        before, after = counts.get("before"), counts.get("after")
        proof = (
            translate(
                "ImportPage", " Jumlah pendaftaran di basis data: {before} sebelum, {after} sesudah."
            ).format(before=count(before), after=count(after))
            if before is not None and after is not None
            else ""
        )
        self.banner.show_message(
            "warning",
            translate(
                "ImportPage", "Penyimpanan dibatalkan. Tidak ada peserta dari berkas ini yang tersimpan."
            )
            + proof,
        )
        self.status.setText(translate("ImportPage", "Dibatalkan; basis data seperti sebelum impor."))
        self.focus_first()

    # ---- step 6: the result ---------------------------------------------------------------------------
    def _load_sponsor_batch(self, first: str, last: str | None) -> None:
        ctx = self.ui.ctx

        def receipt_of(number: str) -> str | None:
            return next(
                (
                    p.sponsor_receipt_no
                    for p in contributions.payments_for_member(ctx, number)
                    if p.sponsor_receipt_no
                ),
                None,
            )

        def work() -> tuple[SponsorBatchDTO | None, str | None]:
            first_receipt = receipt_of(first)
            last_receipt = receipt_of(last) if last and last != first else None
            batch = contributions.get_sponsor_batch(ctx, first_receipt) if first_receipt else None
            return batch, last_receipt

        def done(found: tuple[SponsorBatchDTO | None, str | None]) -> None:
            self.sponsor_batch = found[0]
            self.result_step.show_sponsor_batch(*found)

        self.ui.runner.run(
            work,
            on_success=done,
            on_error=lambda exc: self.banner.show_message(
                "warning",
                translate("ImportPage", "Tanda bukti penyandang dana tidak dapat dibaca: {exc}").format(
                    exc=error_text(exc)
                ),
            ),
        )

    def show_sponsor_receipt(self) -> None:
        if self.sponsor_batch is None:
            return
        ctx, receipt = self.ui.ctx, self.sponsor_batch.receipt_no
        self.ui.runner.run(
            lambda: contributions.sponsor_receipt_pdf(ctx, receipt),
            on_success=lambda pdf: self._open_preview(
                translate("ImportPage", "Tanda bukti penyandang dana {receipt}").format(receipt=receipt),
                pdf,
                f"{receipt}.pdf",
            ),
            on_error=lambda exc: self.banner.show_message("error", error_text(exc)),
        )

    def _on_open_member_clicked(self) -> None:
        if self.result is not None and self.result.first_number:
            self.ui.bus.member_requested.emit(self.result.first_number)

    # ---- the reports ------------------------------------------------------------------------------------
    def _report_for(self, which: str) -> tuple[ImportReport | None, Path | None]:
        if which == "result":
            return (self.result.report if self.result else None), self.result_xlsx
        return self.report, self.check_xlsx

    def _suggested(self, which: str, suffix: str) -> str:
        stem = Path(self.info.file_name).stem if self.info else "impor"
        return f"laporan-{stem}-{'hasil' if which == 'result' else 'periksa'}{suffix}"

    def _on_save_xlsx_clicked(self, which: str) -> None:
        dest, _ = QFileDialog.getSaveFileName(
            self,
            translate("ImportPage", "Simpan laporan XLSX"),
            self._suggested(which, ".xlsx"),
            translate("ImportPage", "Excel (*.xlsx)"),
        )
        if dest:
            self.save_xlsx_report_to(Path(dest), which)

    def save_xlsx_report_to(self, dest: Path, which: str = "check") -> None:
        """Copy the run's report (every row with its status, number and problems) to ``dest``."""
        source = self._report_for(which)[1]
        if source is None:
            return
        if dest.suffix.lower() != ".xlsx":
            dest = dest.with_suffix(".xlsx")

        def copy() -> Path:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".{dest.name}.tmp")
            shutil.copyfile(source, tmp)
            tmp.replace(dest)
            return dest

        self.ui.runner.run(
            copy,
            on_success=lambda out: self.banner.show_message(
                "info", translate("ImportPage", "Laporan XLSX disimpan: {out}").format(out=out)
            ),
            on_error=lambda exc: self.banner.show_message("error", error_text(exc)),
        )

    def show_pdf_summary(self, which: str = "check") -> None:
        report = self._report_for(which)[0]
        if report is None:
            return
        title = (
            translate("ImportPage", "Ringkasan hasil impor")
            if which == "result"
            else translate("ImportPage", "Ringkasan pemeriksaan impor")
        )
        name = self._suggested(which, ".pdf")
        self.ui.runner.run(
            lambda: importing.render_report_pdf(report),
            on_success=lambda pdf: self._open_preview(title, pdf, name),
            on_error=lambda exc: self.banner.show_message("error", error_text(exc)),
        )

    def _open_preview(self, title: str, pdf: bytes, name: str) -> None:
        if self.preview is not None:
            self.preview.close()
        dialog = PdfPreviewDialog(self, title, pdf, suggested_name=name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._preview_closed(dialog))
        self.preview = dialog
        dialog.open()

    def _preview_closed(self, dialog: PdfPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
