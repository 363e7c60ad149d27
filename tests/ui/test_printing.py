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


class _Printers:
    @staticmethod
    def availablePrinterNames() -> list[str]:  # Qt's name
        return ["Kartu-Evolis"]


def _ink_box(pdf_path: Path) -> tuple[int, int, int, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        image = doc[0].render(scale=300 / 72).to_pil().convert("L")
    finally:
        doc.close()
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box


def test_the_card_printer_from_the_settings_prints_at_once_with_its_offsets(
    qtbot: Any, opened: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from app.infra.settings import load_settings, save_settings
    from app.pdf.alignment import render_alignment_page
    from app.services.cards import ensure_fonts
    from ui import printing

    monkeypatch.setattr(printing, "QPrinterInfo", _Printers)
    paths = opened.ctx.paths
    ensure_fonts()
    pdf = render_alignment_page("Cabang 101 KCP Indralaya")
    assert printing.card_print_options(paths, pdf) == {"printer_name": None, "offset_mm": (0.0, 0.0)}
    save_settings(
        paths,
        load_settings(paths).with_(card_printer="Kartu-Evolis", card_offset_x_mm=2.0, card_offset_y_mm=-1.0),
    )
    options = printing.card_print_options(paths, pdf)
    assert options == {"printer_name": "Kartu-Evolis", "offset_mm": (2.0, -1.0)}

    outputs = []
    for name, opts in (("plain", {}), ("aligned", options)):
        dialog = PdfPreviewDialog(None, "Kartu", pdf, suggested_name="kartu.pdf", **opts)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        out = tmp_path / f"{name}.pdf"

        def pdf_printer(out: Path = out) -> QPrinter:
            p = QPrinter(QPrinter.PrinterMode.HighResolution)
            p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            p.setOutputFileName(str(out))
            return p

        dialog.make_printer = pdf_printer  # type: ignore[method-assign]
        if name == "aligned":
            assert "Kartu-Evolis" in dialog.print_button.text()
            dialog.print_with_dialog()  # no dialog: straight to the card printer
            assert dialog.printed_pages == 1
        else:
            assert dialog.printer_name is None  # no printer chosen: Qt's dialog would ask
            printing.configure_printer(dialog.make_printer(), pdf)
            p = pdf_printer()
            printing.configure_printer(p, pdf)
            printing.print_pdf(p, pdf)
        outputs.append(_ink_box(out))
    (left0, _, _, bottom0), (left1, _, _, bottom1) = outputs
    px_per_mm = 300 / 25.4
    # The page moved 2 mm right and 1 mm up on the printed card (ink past the edge is cut off).
    assert abs((left1 - left0) - 2.0 * px_per_mm) <= 3
    assert abs((bottom0 - bottom1) - 1.0 * px_per_mm) <= 3


def test_receipts_are_not_card_sized(opened: Any) -> None:
    from ui import printing

    a5 = io.BytesIO()
    c = canvas.Canvas(a5, pagesize=(148 * mm, 210 * mm))
    c.drawString(20, 20, "TANDA BUKTI")
    c.save()
    assert printing.card_print_options(opened.ctx.paths, a5.getvalue()) == {}
    assert printing.is_card_sized(card_pdf())
