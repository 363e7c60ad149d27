"""The import wizard's last three steps as in-page panels: the dry run, the commit, the result.

Each step owns its widgets and shows the DTOs it is given; the page (``ui.pages.importer``)
renders the flow and makes every service call. The first three steps are ``ui.dialogs.import_steps``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.imports import (
    FileInfo,
    ImportReport,
    ImportResult,
    Sponsor,
    check_sponsor,
)
from app.domain.membership import MembershipNumber
from app.domain.payment_options import MONTH_COUNTS
from app.services.contribution_dto import SponsorBatchDTO
from ui import i18n
from ui.dialogs.import_report import ImportReportPanel, count
from ui.dialogs.import_steps import bare, hint, plain, section
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish
from ui.widgets import FieldRow

SPONSOR_MONTHS = MONTH_COUNTS  # the core's usual runs, as at the counter
MODE_LABELS = {
    "all": QT_TRANSLATE_NOOP("FileStep", "semua atau tidak sama sekali"),
    "accepted": QT_TRANSLATE_NOOP("FileStep", "hanya baris yang lolos"),
}


class CheckStep(QWidget):
    """Step 4: the dry run's summary and its report of rows refused and likely duplicates."""

    def __init__(self) -> None:
        super().__init__()
        v = bare(self)
        self.summary = plain("", "checkSummary", role="derived")
        v.addWidget(self.summary)
        self.panel = ImportReportPanel("checkReport")
        v.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        self.recheck_button = QPushButton(translate("CheckStep", "Periksa ulang"))
        self.recheck_button.setObjectName("recheckButton")
        self.xlsx_button = QPushButton(translate("CheckStep", "Simpan laporan XLSX…"))
        self.xlsx_button.setObjectName("checkXlsxButton")
        self.xlsx_button.setAccessibleName(
            translate("CheckStep", "Simpan laporan XLSX: setiap baris dengan kolom kesalahan")
        )
        self.pdf_button = QPushButton(translate("CheckStep", "Ringkasan PDF…"))
        self.pdf_button.setObjectName("checkPdfButton")
        buttons.addWidget(self.recheck_button)
        buttons.addStretch(1)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        v.addLayout(buttons)

    def show_report(self, report: ImportReport | None) -> None:
        if report is None:
            self.panel.clear()
            return
        self.panel.show_report(report)
        text = translate(
            "CheckStep",
            "Pemeriksaan selesai: {rows} baris data, {accepted} lolos, {rejected} ditolak. Belum ada yang disimpan.",
        ).format(rows=count(report.rows), accepted=count(report.accepted), rejected=count(report.rejected))
        if report.accepted == 0:
            text += translate("CheckStep", " Tidak ada baris yang lolos: perbaiki berkas lalu periksa ulang.")
        elif report.rejected:
            text += translate(
                "CheckStep",
                " Perbaiki baris yang ditolak lalu periksa ulang, atau simpan hanya baris yang lolos.",
            )
        self.summary.setText(text)


# ---- 5: commit ------------------------------------------------------------------------------------------


class CommitStep(QWidget):
    """Step 5: all-or-nothing or only the rows that passed, and an optional sponsor paying for them."""

    changed = Signal()  # the officer changed a choice

    def __init__(self) -> None:
        super().__init__()
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 4, 0, 0)
        h.setSpacing(16)
        left = QVBoxLayout()
        mode_box = QGroupBox(translate("CommitStep", "Mode penyimpanan (pilih salah satu)"))
        mv = QVBoxLayout(mode_box)
        mv.setSpacing(2)
        self.mode_all = QRadioButton(translate("CommitStep", "Semua atau tidak sama sekali"))
        self.mode_all.setObjectName("modeAll")
        self.mode_accepted = QRadioButton(translate("CommitStep", "Hanya baris yang lolos"))
        self.mode_accepted.setObjectName("modeAccepted")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_all)
        self.mode_group.addButton(self.mode_accepted)
        self.mode_all_hint = hint()
        self.mode_accepted_hint = hint()
        self.mode_all_hint.setContentsMargins(26, 0, 0, 6)
        self.mode_accepted_hint.setContentsMargins(26, 0, 0, 0)
        for widget in (self.mode_all, self.mode_all_hint, self.mode_accepted, self.mode_accepted_hint):
            mv.addWidget(widget)
        self.mode_error = plain("", "error_mode", role="error")
        self.mode_error.setVisible(False)
        mv.addWidget(self.mode_error)
        left.addWidget(mode_box)

        sponsor_box = QGroupBox(translate("CommitStep", "Penyandang dana (tidak wajib)"))
        sg = QGridLayout(sponsor_box)
        self.sponsor_check = QCheckBox(
            translate("CommitStep", "Iuran seluruh peserta dibayar APBD (pemerintah daerah)")
        )
        self.sponsor_check.setObjectName("sponsorCheck")
        sg.addWidget(self.sponsor_check, 0, 0, 1, 2)
        self.sponsor_name = QLineEdit()
        self.sponsor_name.setObjectName("sponsorName")
        self.sponsor_name.setMaxLength(100)
        self.sponsor_months = QComboBox()
        self.sponsor_months.setObjectName("sponsorMonths")
        for m in SPONSOR_MONTHS:
            self.sponsor_months.addItem(display.months(m), m)
        self.name_row = FieldRow(
            "sponsor_name",
            translate("CommitStep", "Nama penyandang dana"),
            self.sponsor_name,
            hint=translate("CommitStep", "mis. Pemkab Ogan Ilir"),
        )
        self.months_row = FieldRow(
            "sponsor_months", translate("CommitStep", "Lama pendanaan"), self.sponsor_months
        )
        sg.addWidget(self.name_row, 1, 0, Qt.AlignmentFlag.AlignTop)
        sg.addWidget(self.months_row, 1, 1, Qt.AlignmentFlag.AlignTop)
        sg.setColumnStretch(0, 3)
        sg.setColumnStretch(1, 1)
        sg.addWidget(
            hint(
                translate(
                    "CommitStep",
                    "Sumber dana setiap baris menjadi APBD dan bulan dibayar sama dengan lama pendanaan; setiap baris "
                    "diperiksa ulang dengan aturan itu saat disimpan. Iuran dicatat dengan tanda bukti penyandang "
                    "dana (APBD tidak mendapat potongan PP 50/2025).",
                )
            ),
            2,
            0,
            1,
            2,
        )
        left.addWidget(sponsor_box)
        left.addStretch(1)
        h.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(section(translate("CommitStep", "Ringkasan")))
        self.summary = plain("", "commitSummary")
        right.addWidget(self.summary)
        right.addSpacing(6)
        self.confirm = QCheckBox(translate("CommitStep", "Laporan sudah saya periksa"))
        self.confirm.setObjectName("confirmCommit")
        right.addWidget(self.confirm)
        self.confirm_error = plain("", "error_confirm", role="error")
        self.confirm_error.setVisible(False)
        right.addWidget(self.confirm_error)
        right.addWidget(
            hint(
                translate(
                    "CommitStep",
                    "Penyimpanan berjalan dalam satu transaksi: bila dibatalkan atau gagal di tengah jalan, tidak "
                    "ada satu pun peserta dari berkas ini yang tersimpan.",
                )
            )
        )
        right.addStretch(1)
        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(400)
        h.addWidget(panel)

        self.info: FileInfo | None = None
        self.report: ImportReport | None = None
        self.mode_group.buttonToggled.connect(self._on_mode_toggled)
        self.sponsor_check.toggled.connect(self._on_sponsor_toggled)
        self.sponsor_name.textEdited.connect(self._on_sponsor_edited)
        self.sponsor_months.currentIndexChanged.connect(self._on_sponsor_edited)
        self.confirm.toggled.connect(self._on_confirm_toggled)
        self._on_sponsor_toggled(False)

    def reset(self) -> None:
        self.mode_group.setExclusive(False)
        self.mode_all.setChecked(False)
        self.mode_accepted.setChecked(False)
        self.mode_group.setExclusive(True)
        self.sponsor_check.setChecked(False)
        self.sponsor_name.clear()
        self.sponsor_months.setCurrentIndex(0)
        self.confirm.setChecked(False)
        for label in (self.mode_error, self.confirm_error):
            label.setVisible(False)

    def mode(self) -> str | None:
        if self.mode_all.isChecked():
            return "all"
        if self.mode_accepted.isChecked():
            return "accepted"
        return None

    def set_report(self, info: FileInfo, report: ImportReport) -> None:
        self.info, self.report = info, report
        self.mode_all_hint.setText(
            translate(
                "CommitStep",
                "Bila satu baris saja ditolak, tidak ada yang disimpan. Saat ini {rejected} baris ditolak, jadi impor akan ditolak seluruhnya.",
            ).format(rejected=count(report.rejected))
            if report.rejected
            else translate(
                "CommitStep",
                "Semua baris lolos pemeriksaan; semuanya disimpan bersama, atau tidak sama sekali.",
            )
        )
        self.mode_accepted_hint.setText(
            translate("CommitStep", "{accepted} baris yang lolos disimpan; ").format(
                accepted=count(report.accepted)
            )
            + (
                translate(
                    "CommitStep", "{rejected} baris yang ditolak dilewati dan tetap tercantum di laporan."
                ).format(rejected=count(report.rejected))
                if report.rejected
                else translate("CommitStep", "tidak ada baris yang ditolak.")
            )
        )
        self.refresh()

    def refresh(self) -> None:
        r, info = self.report, self.info
        if r is None or info is None:
            self.summary.setText("")
            return
        lines = [
            translate("CommitStep", "Berkas: {file_name}").format(file_name=info.file_name)
            + (translate("CommitStep", ", lembar {sheet}").format(sheet=info.sheet) if info.sheet else "")
        ]
        lines.append(
            translate("CommitStep", "Baris data: {rows} · lolos {accepted} · ditolak {rejected}").format(
                rows=count(r.rows), accepted=count(r.accepted), rejected=count(r.rejected)
            )
        )
        mode = self.mode()
        if mode is None:
            lines.append(translate("CommitStep", "Mode: belum dipilih."))
        else:
            lines.append(
                translate("CommitStep", "Mode: {mode}.").format(mode=translate("FileStep", MODE_LABELS[mode]))
            )
            if mode == "all" and r.rejected:
                lines.append(
                    translate("CommitStep", "Akan ditolak seluruhnya: {rejected} baris tidak lolos.").format(
                        rejected=count(r.rejected)
                    )
                )
            else:
                lines.append(
                    translate("CommitStep", "Akan disimpan: {accepted} peserta.").format(
                        accepted=count(r.accepted)
                    )
                )
        if self.sponsor_check.isChecked():
            name = " ".join(self.sponsor_name.text().split()) or translate("CommitStep", "(nama belum diisi)")
            lines.append(
                translate("CommitStep", "Didanai {name}, {months}.").format(
                    name=name, months=display.months(int(self.sponsor_months.currentData() or 0))
                )
            )
        self.summary.setText("\n".join(lines))
        self.changed.emit()

    def sponsor(self) -> tuple[Sponsor | None, bool]:
        """The sponsor typed (or None), and whether it is acceptable; problems go under the fields."""
        if not self.sponsor_check.isChecked():
            return None, True
        sponsor, issues = check_sponsor(self.sponsor_name.text(), self.sponsor_months.currentData())
        for issue in issues:
            (self.months_row if issue.code == "sponsor.months" else self.name_row).set_error(
                display.message(issue.message)
            )
        return sponsor, not issues

    def validate(self) -> tuple[str | None, Sponsor | None, QWidget | None]:
        """Mode, sponsor, and the first widget needing attention (None when ready)."""
        first: QWidget | None = None
        mode = self.mode()
        if mode is None:
            self.mode_error.setText(
                translate(
                    "CommitStep",
                    "Pilih mode penyimpanan: semua atau tidak sama sekali, atau hanya baris yang lolos.",
                )
            )
            self.mode_error.setVisible(True)
            first = self.mode_all
        sponsor, sponsor_ok = self.sponsor()
        if not sponsor_ok and first is None:
            first = self.sponsor_name
        if not self.confirm.isChecked():
            self.confirm_error.setText(translate("CommitStep", "Centang bila laporan sudah diperiksa."))
            self.confirm_error.setVisible(True)
            if first is None:
                first = self.confirm
        return mode, sponsor, first

    def _on_mode_toggled(self, *_: Any) -> None:
        self.mode_error.setVisible(False)
        self.refresh()

    def _on_sponsor_toggled(self, on: bool) -> None:
        for w in (self.sponsor_name, self.sponsor_months):
            w.setEnabled(on)
        if not on:
            self.name_row.set_error(None)
            self.months_row.set_error(None)
        self.refresh()

    def _on_sponsor_edited(self, *_: Any) -> None:
        self.name_row.set_error(None)
        self.months_row.set_error(None)
        self.refresh()

    def _on_confirm_toggled(self, on: bool) -> None:
        if on:
            self.confirm_error.setVisible(False)


# ---- 6: result --------------------------------------------------------------------------------------------


class ResultStep(QWidget):
    """Step 6: what was written, and its papers: the report (XLSX, PDF) and the sponsor's receipt."""

    def __init__(self) -> None:
        super().__init__()
        v = bare(self)
        self.outcome = QFrame()
        self.outcome.setObjectName("successPanel")
        grid = QGridLayout(self.outcome)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.setVerticalSpacing(2)
        self.title = plain("", "outcomeTitle", role="outcomeTitle")
        self.numbers = plain("", "outcomeNumbers", role="outcomeNumbers")
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = plain("", "outcomeReason")
        self.batch = plain("", "outcomeBatch")
        self.sponsor = plain("", "outcomeSponsor")
        self.sponsor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for i, w in enumerate((self.title, self.numbers, self.reason, self.batch, self.sponsor)):
            grid.addWidget(w, i, 0)
        grid.setColumnStretch(0, 1)
        buttons = QVBoxLayout()
        self.open_member_button = QPushButton(translate("ResultStep", "Buka peserta pertama"))
        self.open_member_button.setObjectName("openMemberButton")
        self.sponsor_receipt_button = QPushButton(translate("ResultStep", "Tanda bukti penyandang dana…"))
        self.sponsor_receipt_button.setObjectName("sponsorReceiptButton")
        buttons.addWidget(self.open_member_button)
        buttons.addWidget(self.sponsor_receipt_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 0, 1, 5, 1)
        v.addWidget(self.outcome)
        self.panel = ImportReportPanel("resultReport")
        v.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.xlsx_button = QPushButton(translate("ResultStep", "Simpan laporan XLSX…"))
        self.xlsx_button.setObjectName("resultXlsxButton")
        self.xlsx_button.setAccessibleName(
            translate("ResultStep", "Simpan laporan XLSX dengan nomor peserta setiap baris")
        )
        self.pdf_button = QPushButton(translate("ResultStep", "Ringkasan PDF…"))
        self.pdf_button.setObjectName("resultPdfButton")
        row.addWidget(self.xlsx_button)
        row.addWidget(self.pdf_button)
        v.addLayout(row)

    def show_result(self, result: ImportResult) -> None:
        report = result.report
        self.panel.show_report(report)
        self.sponsor.setText("")
        self.sponsor.setVisible(False)
        self.sponsor_receipt_button.setVisible(False)
        committed = result.committed and result.first_number and result.last_number
        self.outcome.setObjectName("successPanel" if committed else "refusedPanel")
        self.numbers.setVisible(bool(committed))
        self.reason.setVisible(not committed)
        if committed:
            assert result.first_number and result.last_number
            first = MembershipNumber(result.first_number).grouped()
            last = MembershipNumber(result.last_number).grouped()
            self.title.setText(
                translate("ResultStep", "Tersimpan: {enrolled} peserta terdaftar").format(
                    enrolled=count(result.enrolled)
                )
            )
            self.numbers.setText(
                translate("ResultStep", "Nomor peserta {first} s.d. {last}").format(first=first, last=last)
                if first != last
                else translate("ResultStep", "Nomor peserta {first}").format(first=first)
            )
            rejected = (
                translate("ResultStep", " · {rejected} baris ditolak, tidak disimpan").format(
                    rejected=count(report.rejected)
                )
                if report.rejected
                else ""
            )
            mode = translate("FileStep", MODE_LABELS[report.mode]) if report.mode in MODE_LABELS else ""
            self.batch.setText(
                translate("ResultStep", "Batch impor #{batch_id} · mode {mode}{rejected}").format(
                    batch_id=result.batch_id, mode=mode, rejected=rejected
                )
            )
            if report.sponsor is not None:
                self.sponsor.setText(
                    translate("ResultStep", "Didanai {name}, {months}.").format(
                        name=report.sponsor.name, months=display.months(report.sponsor.months)
                    )
                )
                self.sponsor.setVisible(True)
            self.open_member_button.setVisible(True)
        else:
            self.title.setText(translate("ResultStep", "Tidak ada yang disimpan"))
            self.reason.setText(self.refusal_text(result))
            self.batch.setText(translate("ResultStep", "Basis data tidak berubah."))
            self.open_member_button.setVisible(False)
        for widget in (self.outcome, self.title):
            repolish(widget)

    @staticmethod
    def refusal_text(result: ImportResult) -> str:
        refusal = result.refusal
        if refusal is not None and refusal.code == "import.refused_all":
            # The service's text names the CLI's mode 'accepted'; here it is a radio button.
            return translate(
                "ResultStep",
                "Mode semua atau tidak sama sekali: {rejected} baris ditolak, jadi tidak ada yang disimpan. Perbaiki baris tersebut lalu periksa ulang, atau kembali (Alt+←) dan pilih “Hanya baris yang lolos”.",
            ).format(rejected=count(result.report.rejected))
        return (
            display.message(refusal.message)
            if refusal is not None
            else translate("ResultStep", "Impor ditolak; tidak ada yang disimpan.")
        )

    def show_sponsor_batch(self, batch: SponsorBatchDTO | None, last_receipt: str | None) -> None:
        if batch is None:
            self.sponsor.setText(
                self.sponsor.text() + translate("ResultStep", " Tanda bukti penyandang dana tidak ditemukan.")
            )
            return
        receipts = batch.receipt_no
        if last_receipt and last_receipt != batch.receipt_no:
            receipts += translate(
                "ResultStep", " s.d. {last_receipt} (satu tanda bukti per 500 peserta)"
            ).format(last_receipt=last_receipt)
        self.sponsor.setText(
            translate(
                "ResultStep",
                "Didanai {sponsor}: iuran {period} ({months}).\n"
                "Tanda bukti penyandang dana {receipts} · {count} peserta · {total}",
            ).format(
                sponsor=batch.sponsor,
                period=display.period(batch.months),
                months=display.months(len(batch.months)),
                receipts=receipts,
                count=count(len(batch.members)),
                total=i18n.money(batch.total),
            )
        )
        self.sponsor.setVisible(True)
        self.sponsor_receipt_button.setVisible(True)
