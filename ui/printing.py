"""PDF preview at 1:1, printing through Qt's print dialog, and saving a copy — for cards and receipts."""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import TypedDict

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.infra.paths import AppPaths
from app.infra.settings import load_settings
from app.infra.workspace import make_private
from ui.i18n import translate
from ui.widgets import primary_button

POINTS_PER_INCH = 72.0
CARD_MM = (85.60, 53.98)  # ID-1 / CR80


def is_card_sized(pdf: bytes) -> bool:
    width, height = page_sizes_pt(pdf)[0]
    as_mm = sorted((width / POINTS_PER_INCH * 25.4, height / POINTS_PER_INCH * 25.4), reverse=True)
    return abs(as_mm[0] - CARD_MM[0]) < 0.5 and abs(as_mm[1] - CARD_MM[1]) < 0.5


class PrintOptions(TypedDict, total=False):
    """Where and how a PDF is printed: the printer and the card alignment offsets."""

    printer_name: str | None
    offset_mm: tuple[float, float]


def card_print_options(paths: AppPaths, pdf: bytes) -> PrintOptions:
    """For a card-sized PDF: this counter's card printer and its alignment offsets (Pengaturan, F11)."""
    if not is_card_sized(pdf):
        return {}
    s = load_settings(paths)
    return {"printer_name": s.card_printer, "offset_mm": (s.card_offset_x_mm, s.card_offset_y_mm)}


def page_sizes_pt(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Rasterise every page at ``dpi`` (pypdfium2: PDFium, the renderer Chrome uses)."""
    doc = pdfium.PdfDocument(pdf)
    images: list[QImage] = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=False)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            n_channels = bitmap.n_channels
            raw = ctypes.string_at(bitmap.buffer, stride * height)
            fmt = QImage.Format.Format_RGBA8888 if n_channels == 4 else QImage.Format.Format_RGB888
            images.append(QImage(raw, width, height, stride, fmt).copy())
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return images


def configure_printer(printer: QPrinter, pdf: bytes) -> None:
    """Page size and orientation of the printer = the PDF's first page (a card is 85.60 × 53.98 mm)."""
    width, height = page_sizes_pt(pdf)[0]
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "Loket", QPageSize.SizeMatchPolicy.ExactMatch
    )
    orientation = QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    printer.setFullPage(True)


def print_pdf(printer: QPrinter, pdf: bytes, *, offset_mm: tuple[float, float] = (0.0, 0.0)) -> int:
    """Paint each page at the printer's resolution; ``offset_mm`` nudges it for card-printer alignment."""
    dpi = min(max(printer.resolution(), 150), 600)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(translate("PdfPreviewDialog", "Printer tidak dapat dibuka."))
    try:
        pages = render_pages(pdf, dpi)
        target_dpi = printer.resolution()
        dx = offset_mm[0] / 25.4 * target_dpi
        dy = offset_mm[1] / 25.4 * target_dpi
        for i, image in enumerate(pages):
            if i:
                printer.newPage()
            w = image.width() * target_dpi / dpi
            h = image.height() * target_dpi / dpi
            painter.drawImage(QRectF(dx, dy, w, h), image)
    finally:
        painter.end()
    return len(pages)


class PdfPreviewDialog(QDialog):
    """Shows a document at its real size on this screen, with Print (Ctrl+P) and Save (Ctrl+S)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        pdf: bytes,
        *,
        suggested_name: str,
        printer_name: str | None = None,
        offset_mm: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.pdf = pdf
        # A card printer chosen in the settings prints at once, with its alignment offsets; without
        # one (or when it is not installed on this PC) Qt's print dialog asks.
        self.printer_name = printer_name if printer_name in QPrinterInfo.availablePrinterNames() else None
        self.offset_mm = offset_mm
        self.suggested_name = suggested_name
        self.printed_pages = 0
        screen = QGuiApplication.primaryScreen()
        # Physical DPI makes the preview 1:1 with the printed card on a calibrated screen.
        self.screen_dpi = screen.physicalDotsPerInch() if screen else 96.0
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        note = QLabel(
            translate("PdfPreviewDialog", "Ukuran sebenarnya (1:1). Periksa nama dan nomor sebelum mencetak.")
        )
        note.setObjectName("pageHint")
        layout.addWidget(note)
        pages = QWidget()
        pages.setObjectName("previewPages")
        pages_layout = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for image in render_pages(pdf, self.screen_dpi * max(self.devicePixelRatioF(), 1.0)):
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(max(self.devicePixelRatioF(), 1.0))
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: 1px solid #c8d3ce;")
            pages_layout.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        label = (
            translate("PdfPreviewDialog", "Cetak ke {printer}  (Ctrl+P)").format(printer=self.printer_name)
            if self.printer_name
            else translate("PdfPreviewDialog", "Cetak  (Ctrl+P)")
        )
        self.print_button = primary_button(label, "previewPrint")
        self.save_button = QPushButton(translate("PdfPreviewDialog", "Simpan PDF…  (Ctrl+S)"))
        self.save_button.setObjectName("previewSave")
        self.close_button = QPushButton(translate("PdfPreviewDialog", "Tutup  (Esc)"))
        self.close_button.setObjectName("previewClose")
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_with_dialog)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_with_dialog)
        self.resize(760, 620)

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        return printer

    def print_with_dialog(self) -> None:
        printer = self.make_printer()
        configure_printer(printer, self.pdf)
        if not self.printer_name:
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(translate("PdfPreviewDialog", "Cetak"))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        self.printed_pages = print_pdf(printer, self.pdf, offset_mm=self.offset_mm)
        self.accept()

    def save_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("PdfPreviewDialog", "Simpan PDF"),
            self.suggested_name,
            translate("PdfPreviewDialog", "PDF (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        path.write_bytes(self.pdf)
        make_private(path)  # cards, receipts and summaries carry personal data
