"""Printing a card-sized PDF through QPrinter, and the 1:1 preview."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from ui.printing import PdfPreviewDialog, configure_printer, page_sizes_pt, print_pdf


def card_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(85.6 * mm, 53.98 * mm))
    for side in ("DEPAN", "BELAKANG"):
        c.setFillColorRGB(0.07, 0.44, 0.29)
        c.rect(0, 0, 85.6 * mm, 10 * mm, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(5 * mm, 30 * mm, f"KARTU {side}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_print_to_a_pdf_printer_keeps_the_card_page_size(qapp: Any, tmp_path: Path) -> None:
    pdf = card_pdf()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    configure_printer(printer, pdf)
    assert print_pdf(printer, pdf) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - 85.6) < 0.5
    assert abs(float(box.height) / 72 * 25.4 - 53.98) < 0.5


def test_preview_shows_every_page_at_real_size_and_saves(qtbot: Any, tmp_path: Path) -> None:
    pdf = card_pdf()
    dialog = PdfPreviewDialog(None, "Pratinjau kartu", pdf, suggested_name="kartu.pdf")
    qtbot.addWidget(dialog)
    assert len(dialog.page_labels) == 2
    width_pt, _ = page_sizes_pt(pdf)[0]
    expected_px = width_pt / 72 * dialog.screen_dpi
    shown = dialog.page_labels[0].pixmap().deviceIndependentSize().width()
    assert abs(shown - expected_px) <= 2
    dialog.save_to(tmp_path / "salinan")
    assert (tmp_path / "salinan.pdf").read_bytes() == pdf
