"""Settings: the card printer and the card's alignment (offsets, a test page)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.infra.settings import save_settings
from ui.context import UiContext
from ui.i18n import translate
from ui.printing import PdfPreviewDialog
from ui.settings_base import SettingsTab
from ui.widgets import Banner, FieldRow, primary_button


class PrinterTab(SettingsTab):
    """One tab of Pengaturan; it reports to the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(ui, banner)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        box = QGroupBox(translate("SettingsPage", "Printer kartu dan penjajaran"))
        g = QGridLayout(box)
        s = self._settings()
        self.printer = QComboBox()
        self.printer.setObjectName("cardPrinter")
        self.printer.addItem(translate("SettingsPage", "— tanyakan setiap mencetak —"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        if s.card_printer and self.printer.findData(s.card_printer) < 0:
            self.printer.addItem(
                translate("SettingsPage", "{card_printer} (tidak terpasang)").format(
                    card_printer=s.card_printer
                ),
                s.card_printer,
            )
        self.printer.setCurrentIndex(max(self.printer.findData(s.card_printer or ""), 0))
        self.offset_x = self._offset_spin("offsetX", s.card_offset_x_mm)
        self.offset_y = self._offset_spin("offsetY", s.card_offset_y_mm)
        g.addWidget(FieldRow("printer", translate("SettingsPage", "Printer kartu"), self.printer), 0, 0, 1, 2)
        g.addWidget(FieldRow("x", translate("SettingsPage", "Geser X (mm, + ke kanan)"), self.offset_x), 1, 0)
        g.addWidget(FieldRow("y", translate("SettingsPage", "Geser Y (mm, + ke bawah)"), self.offset_y), 1, 1)
        buttons = QHBoxLayout()
        self.test_page = QPushButton(translate("SettingsPage", "Pratinjau halaman uji penjajaran"))
        self.test_page.setObjectName("alignmentTest")
        self.save_printer = primary_button(translate("SettingsPage", "Simpan printer"), "savePrinter")
        buttons.addWidget(self.test_page)
        buttons.addStretch(1)
        buttons.addWidget(self.save_printer)
        g.addLayout(buttons, 2, 0, 1, 2)
        hint = QLabel(
            translate(
                "SettingsPage",
                "Cetak halaman uji pada kartu kosong. Bingkai hijau harus tepat 2 mm dari setiap tepi; "
                "bila bergeser, isi X/Y lalu cetak lagi.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        g.addWidget(hint, 3, 0, 1, 2)
        self.test_page.clicked.connect(self._on_test_page)
        self.save_printer.clicked.connect(self._on_save_printer)
        v.addWidget(box)
        v.addStretch(1)

    def _offset_spin(self, name: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-10.0, 10.0)
        spin.setSingleStep(0.1)
        spin.setDecimals(1)
        spin.setSuffix(translate("SettingsPage", " mm"))
        spin.setValue(value)
        return spin

    def _on_save_printer(self) -> None:
        s = self._settings().with_(
            card_printer=self.printer.currentData() or None,
            card_offset_x_mm=round(self.offset_x.value(), 1),
            card_offset_y_mm=round(self.offset_y.value(), 1),
        )
        save_settings(self.paths, s)
        self._ok(translate("SettingsPage", "Printer kartu dan penjajaran disimpan."))

    def alignment_pdf(self) -> bytes:
        from app.pdf.alignment import render_alignment_page
        from app.services.cards import ensure_fonts

        ensure_fonts()
        return render_alignment_page(
            translate("SettingsPage", "Cabang {code} {name}").format(
                code=self.ui.branch.code, name=self.ui.branch.name
            )
        )

    def _on_test_page(self) -> None:
        self.ui.runner.run(self.alignment_pdf, on_success=self._show_test_page, on_error=self._fail)

    def _show_test_page(self, pdf: bytes) -> None:
        # The offsets on screen now (saved or not), so a supervisor can try a value before saving it.
        dialog = PdfPreviewDialog(
            self,
            translate("SettingsPage", "Halaman uji penjajaran kartu"),
            pdf,
            suggested_name="uji-penjajaran.pdf",
            printer_name=self.printer.currentData() or None,
            offset_mm=(self.offset_x.value(), self.offset_y.value()),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
