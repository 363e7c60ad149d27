"""Impor Massal's two long runs, off the GUI thread under the task runner's progress dialog: the dry
run (step 4: every row checked, nothing written) and the commit (step 5: one transaction). A cancel
stops either with nothing written; each writes its per-row XLSX report into the page's folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.imports import ImportFileError, ImportReport, ImportResult
from app.domain.issues import DomainError
from app.domain.progress import Cancelled
from app.infra.heap import bulk_gc
from app.services import importing, members
from app.services.importing.flow import ImportStep
from ui.dialogs.import_report import count
from ui.i18n import translate
from ui.pages.import_reports import error_text
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.pages.importer import ImportPage


class ImportRuns:
    """Starts the page's dry run and commit and tells the page (and its flow) how they ended."""

    def __init__(self, page: ImportPage, work_dir: Path) -> None:
        self.page = page
        self.flow = page.flow
        self.work_dir = work_dir
        self.task: Task | None = None
        self._runs = 0

    # ---- step 4: the dry run --------------------------------------------------------------------------
    def enter_check(self) -> None:
        p = self.page
        if not self.flow.needs_check:
            return
        self.flow.check_started()
        p.check_step.show_report(None)
        p.check_step.summary.setText("")
        if not self.flow.busy:
            self.run_check()

    def run_check(self) -> None:
        """The dry run: every row checked as the intake form checks it; nothing is written."""
        p, flow = self.page, self.flow
        if flow.info is None or flow.busy:
            return
        ctx, actor, path = p.ui.ctx, p.ui.actor, flow.info.path
        sheet, mapping, key = flow.info.sheet, flow.mapping, flow.plan_key()
        self._runs += 1
        dest = self.work_dir / f"periksa-{self._runs}.xlsx"
        flow.report = None
        p.check_step.show_report(None)
        p.check_step.summary.setText(translate("ImportPage", "Memeriksa setiap baris…"))
        p.banner.clear()
        p.set_busy(True, translate("ImportPage", "Memeriksa…"))

        def work(progress: Any, cancel: Any) -> ImportReport:
            with bulk_gc():  # the window chooses the GC tuning for its bulk pass, not the service
                return importing.validate_import(
                    ctx, actor, path, mapping, progress=progress, cancel=cancel, sheet=sheet, report_xlsx=dest
                )

        def done(report: ImportReport) -> None:
            self.task = None
            flow.checked(report, key, dest)
            p.check_step.show_report(report)
            p.set_busy(False)
            p.focus_first()

        self.task = p.ui.runner.run_with_dialog(
            p,
            translate("ImportPage", "Memeriksa baris…"),
            work,
            on_success=done,
            on_error=self._on_check_failed,
            on_cancel=self._on_check_cancelled,
        )

    def _on_check_failed(self, exc: BaseException) -> None:
        p = self.page
        self.task = None
        p.set_busy(False)
        if isinstance(exc, ImportFileError) and all(i.code.startswith("file.") for i in exc.issues):
            # The file itself (no data rows, too many rows, changed on disk): step 1 is where it is fixed.
            p.check_step.summary.setText("")
            self.flow.file_changed()
            p.go(ImportStep.FILE)
            p.on_file_failed(exc)
            return
        p.check_step.summary.setText(translate("ImportPage", "Pemeriksaan tidak dapat dilakukan."))
        p.banner.show_message(
            "error",
            translate("ImportPage", "{exc}\nTidak ada yang berubah di basis data.").format(
                exc=error_text(exc)
            ),
        )
        p.focus_first()

    def _on_check_cancelled(self) -> None:
        p = self.page
        self.task = None
        p.set_busy(False)
        p.check_step.summary.setText(
            translate("ImportPage", "Pemeriksaan dibatalkan. Tekan “Periksa ulang” untuk memulai lagi.")
        )
        p.banner.show_message(
            "warning", translate("ImportPage", "Pemeriksaan dibatalkan. Tidak ada yang berubah.")
        )

    # ---- step 5: commit -------------------------------------------------------------------------------
    def commit(self) -> None:
        """Write the rows in ONE transaction (the service's), with progress and cancel."""
        p, flow = self.page, self.flow
        if flow.info is None or flow.report is None or flow.busy:
            return
        mode, sponsor, attention = p.commit_step.validate()
        if attention is not None or mode is None:
            p.banner.show_message(
                "error", translate("ImportPage", "Belum bisa disimpan: lengkapi yang ditandai merah.")
            )
            if attention is not None:
                attention.setFocus()
            return
        ctx, actor, path = p.ui.ctx, p.ui.actor, flow.info.path
        sheet, mapping, sha = flow.info.sheet, flow.mapping, flow.report.sha256
        self._runs += 1
        dest = self.work_dir / f"hasil-{self._runs}.xlsx"
        counts: dict[str, int] = {}
        p.banner.clear()
        p.set_busy(True, translate("ImportPage", "Menyimpan…"))

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

        self.task = p.ui.runner.run_with_dialog(
            p,
            translate("ImportPage", "Menyimpan peserta…"),
            work,
            on_success=lambda result: self._on_committed(result, dest),
            on_error=self._on_commit_failed,
            on_cancel=lambda: self._on_commit_cancelled(counts),
        )

    def _on_committed(self, result: ImportResult, dest: Path) -> None:
        p = self.page
        self.task = None
        self.flow.finished(result, dest if dest.exists() else None)
        p.reports.sponsor_batch = None
        p.set_busy(False)
        p.result_step.show_result(result)  # the outcome panel says it all: no banner on top of it
        p.banner.clear()
        p.status.setText(
            translate("ImportPage", "Tersimpan: {enrolled} peserta, batch #{batch_id}.").format(
                enrolled=count(result.enrolled), batch_id=result.batch_id
            )
            if result.committed
            else ""
        )
        p.go(ImportStep.RESULT)
        if result.committed and result.report.sponsor is not None and result.first_number:
            p.reports.load_sponsor_batch(result.first_number, result.last_number)

    def _on_commit_failed(self, exc: BaseException) -> None:
        p = self.page
        self.task = None
        p.set_busy(False)
        text = error_text(exc)
        if isinstance(exc, DomainError) and any(i.code == "file.changed" for i in exc.issues):
            self.flow.file_changed()  # the dry run no longer describes the file: step 4 checks again
            text += translate("ImportPage", "\nAlt+← kembali ke langkah 4 untuk memeriksa ulang.")
        p.banner.show_message(
            "error", translate("ImportPage", "{text}\nTidak ada yang disimpan.").format(text=text)
        )
        p.focus_first()

    def _on_commit_cancelled(self, counts: dict[str, int]) -> None:
        p = self.page
        self.task = None
        p.set_busy(False)
        before, after = counts.get("before"), counts.get("after")
        proof = (
            translate(
                "ImportPage", " Jumlah pendaftaran di basis data: {before} sebelum, {after} sesudah."
            ).format(before=count(before), after=count(after))
            if before is not None and after is not None
            else ""
        )
        p.banner.show_message(
            "warning",
            translate(
                "ImportPage", "Penyimpanan dibatalkan. Tidak ada peserta dari berkas ini yang tersimpan."
            )
            + proof,
        )
        p.status.setText(translate("ImportPage", "Dibatalkan; basis data seperti sebelum impor."))
        p.focus_first()
