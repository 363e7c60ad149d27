"""Impor Massal's papers: the per-row XLSX reports, the PDF summaries, the sponsor's receipt.

The dry run and the commit write their XLSX report into the page's private folder as they read the
file; "Simpan laporan XLSX…" copies it where the officer wants. PDFs open in the preview dialog.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.imports import ImportReport
from app.domain.issues import DomainError
from app.services import contributions, importing
from app.services.contribution_dto import SponsorBatchDTO
from app.services.importing.flow import ImportFlow
from ui.context import UiContext
from ui.dialogs.import_outcome_steps import ResultStep
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog
from ui.widgets import Banner


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


class ImportReports:
    """The reports of the page's import (its :class:`ImportFlow`), saved or shown; messages go to its banner."""

    def __init__(
        self, page: QWidget, ui: UiContext, flow: ImportFlow, banner: Banner, result_step: ResultStep
    ) -> None:
        self.page = page
        self.ui = ui
        self.flow = flow
        self.banner = banner
        self.result_step = result_step
        self.sponsor_batch: SponsorBatchDTO | None = None
        self.preview: PdfPreviewDialog | None = None

    # ---- the sponsor's receipt ----------------------------------------------------------------------
    def load_sponsor_batch(self, first: str, last: str | None) -> None:
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

    # ---- the reports ------------------------------------------------------------------------------------
    def _report_for(self, which: str) -> tuple[ImportReport | None, Path | None]:
        f = self.flow
        if which == "result":
            return (f.result.report if f.result else None), f.result_xlsx
        return f.report, f.check_xlsx

    def _suggested(self, which: str, suffix: str) -> str:
        stem = Path(self.flow.info.file_name).stem if self.flow.info else "impor"
        return f"laporan-{stem}-{'hasil' if which == 'result' else 'periksa'}{suffix}"

    def on_save_xlsx_clicked(self, which: str) -> None:
        dest, _ = QFileDialog.getSaveFileName(
            self.page,
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
        dialog = PdfPreviewDialog(self.page, title, pdf, suggested_name=name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._preview_closed(dialog))
        self.preview = dialog
        dialog.open()

    def _preview_closed(self, dialog: PdfPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
