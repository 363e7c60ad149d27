"""Daftar bayar saat panen: who pays at a month's harvest in a village or district, for planning a
"Masuk Desa" day; shown as a printable PDF or saved as a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.months import Month
from app.domain.outreach import OutreachList
from app.services.contributions.outreach import outreach_due, outreach_pdf, outreach_xlsx
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog
from ui.widgets import Banner, FieldRow, primary_button


class OutreachDialog(QDialog):
    """Month and region in; the list out (preview with print and save, or an XLSX)."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("outreachDialog")
        self.setWindowTitle(translate("OutreachDialog", "Daftar bayar saat panen"))
        self.preview: PdfPreviewDialog | None = None
        v = QVBoxLayout(self)
        title = QLabel(translate("OutreachDialog", "Daftar bayar saat panen"))
        title.setObjectName("pageTitle")
        v.addWidget(title)
        hint = QLabel(
            translate(
                "OutreachDialog",
                "Peserta dengan jadwal bayar saat panen yang pembayarannya jatuh tempo pada bulan ini (atau masih "
                "terutang), dengan jumlahnya: untuk menyiapkan kegiatan Masuk Desa.",
            )
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.banner = Banner("outreachBanner")
        v.addWidget(self.banner)
        row = QHBoxLayout()
        self.month = QDateEdit()
        self.month.setObjectName("outreachMonth")
        self.month.setDisplayFormat("MM-yyyy")
        self.month.setCalendarPopup(False)
        today = business_date(ui.ctx.clock(), ui.branch.timezone)
        self.month.setDate(QDate(today.year, today.month, 1))
        self.region = QLineEdit()
        self.region.setObjectName("outreachRegion")
        self.region.setMaxLength(16)
        row.addWidget(FieldRow("month", translate("OutreachDialog", "Bulan (BB-TTTT)"), self.month))
        row.addWidget(
            FieldRow(
                "region",
                translate("OutreachDialog", "Kode wilayah (boleh kosong)"),
                self.region,
                hint=translate("OutreachDialog", "kecamatan atau desa, mis. 16.10.01"),
            ),
            1,
        )
        v.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("outreachSummary")
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.show_button = primary_button(
            translate("OutreachDialog", "Tampilkan PDF  (Enter)"), "outreachShow"
        )
        self.show_button.setDefault(True)
        self.xlsx_button = QPushButton(translate("OutreachDialog", "Simpan XLSX…"))
        self.xlsx_button.setObjectName("outreachXlsx")
        close = QPushButton(translate("OutreachDialog", "Tutup  (Esc)"))
        close.setObjectName("outreachClose")
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        v.addLayout(buttons)
        self.show_button.clicked.connect(lambda: self.make(save=False))
        self.xlsx_button.clicked.connect(lambda: self.make(save=True))
        close.clicked.connect(self.reject)
        self.setTabOrder(self.month, self.region)
        self.setTabOrder(self.region, self.show_button)
        self.setTabOrder(self.show_button, self.xlsx_button)
        self.setTabOrder(self.xlsx_button, close)
        self.resize(640, 280)
        self.last: OutreachList | None = None

    def make(self, *, save: bool) -> None:
        d = self.month.date()
        month = Month(d.year(), d.month())
        region = self.region.text().strip() or None
        target: Path | None = None
        if save:
            name, _ = QFileDialog.getSaveFileName(
                self,
                translate("OutreachDialog", "Simpan daftar"),
                f"bayar-panen-{month}.xlsx",
                translate("OutreachDialog", "Excel (*.xlsx)"),
            )
            if not name:
                return
            target = Path(name)
        ctx, actor = self.ui.ctx, self.ui.actor

        def work() -> tuple[OutreachList, bytes | None]:
            data = outreach_due(ctx, actor, month=month, region=region)
            if target is not None:
                outreach_xlsx(data, target)
                return data, None
            return data, outreach_pdf(data)

        self.banner.clear()
        self.ui.runner.run(work, on_success=lambda r: self._done(r, target), on_error=self._failed)

    def _done(self, result: tuple[OutreachList, bytes | None], target: Path | None) -> None:
        if not shiboken6.isValid(self):
            return
        data, pdf = result
        self.last = data
        self.summary.setText(
            translate("OutreachDialog", "{count} peserta, jumlah {total}.").format(
                count=len(data.rows), total=display.rupiah(data.total)
            )
        )
        if target is not None:
            self.banner.show_message(
                "info", translate("OutreachDialog", "Disimpan: {path}").format(path=target)
            )
            return
        assert pdf is not None
        self.preview = PdfPreviewDialog(
            self,
            translate("OutreachDialog", "Daftar bayar saat panen {month}").format(
                month=display.month(data.month)
            ),
            pdf,
            suggested_name=f"bayar-panen-{data.month}.pdf",
        )
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message("error", display.error_text(exc))
