"""The window's half of ``loket --self-test``: what the GUI needs from the bundle, checked without a window.

Printing (a receipt rendered by PDFium and painted through Qt's print support into a PDF file, and the
printer list through the CUPS plugin), translations (Loket's English and Qt's own), the SVG icons and the
dashboard's charts. A bundle that lost a Qt plugin or library fails here, in CI, instead of at a counter.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.services.context import ServiceContext
from app.services.dto import Actor
from ui.i18n import translate

Step = tuple[str, Callable[[ServiceContext, Actor, str], str]]


def _app() -> object:
    """The running QApplication, or a new one (offscreen when this machine has no display)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _print_receipt(ctx: ServiceContext, actor: Actor, number: str) -> str:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from app.services import registration_receipt
    from ui.printing import configure_printer, print_pdf

    _app()
    pdf = registration_receipt.receipt_pdf(registration_receipt.registration_receipt(ctx, actor, number))
    printers = len(QPrinterInfo.availablePrinterNames())  # loads the print-support plugin (CUPS)
    with tempfile.TemporaryDirectory(prefix="loket-selftest-print-") as d:
        out = Path(d) / "cetak.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        configure_printer(printer, pdf)
        pages = print_pdf(printer, pdf)
        printed = out.read_bytes()
    if not printed.startswith(b"%PDF") or pages < 1:
        raise RuntimeError(translate("SelfTest", "Hasil cetak Qt bukan PDF."))
    return f"{pages} halaman lewat PDFium + Qt, {printers} printer terpasang"


def _translations(ctx: ServiceContext, actor: Actor, number: str) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from ui.i18n import SOURCE_LANGUAGE, install_translator

    app = _app()
    qt = QTranslator()
    # Qt ships no Indonesian of its own; its English catalogue proves the translations folder is there.
    if not qt.load("qtbase_en", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError(translate("SelfTest", "Terjemahan Qt (qtbase_en) tidak ada."))
    try:
        if not install_translator(app, "en"):  # type: ignore[arg-type]
            raise RuntimeError(translate("SelfTest", "Terjemahan Inggris Loket tidak termuat."))
        english = translate("MainWindow", "Navigasi halaman")
    finally:
        install_translator(app, SOURCE_LANGUAGE)  # type: ignore[arg-type]
    if english != "Page navigation":
        raise RuntimeError(translate("SelfTest", "Terjemahan tidak dipakai: {text}").format(text=english))
    return "Indonesia + Inggris (Loket dan Qt)"


def _icons_and_chart(ctx: ServiceContext, actor: Actor, number: str) -> str:
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView
    from PySide6.QtGui import QIcon

    from app.infra.paths import resources_dir

    _app()
    icon = QIcon(str(resources_dir() / "icons" / "mark.svg"))
    if icon.pixmap(48, 48).isNull():
        raise RuntimeError(translate("SelfTest", "Ikon SVG tidak dapat digambar (plugin SVG Qt hilang)."))
    bars = QBarSet("uji")
    bars.append([3, 5, 2])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    view = QChartView(chart)
    view.resize(320, 200)
    if view.grab().isNull():
        raise RuntimeError(translate("SelfTest", "Grafik dasbor tidak dapat digambar."))
    return "ikon SVG, grafik batang QtCharts"


STEPS: list[Step] = [
    ("cetak lewat Qt (PDFium → printer)", _print_receipt),
    ("terjemahan antarmuka", _translations),
    ("ikon dan grafik", _icons_and_chart),
]


def register() -> None:
    """Add the window's steps to the self-test (once)."""
    from app.cli.selftest import EXTRA_STEPS

    known = {name for name, _fn in EXTRA_STEPS}
    EXTRA_STEPS.extend(step for step in STEPS if step[0] not in known)
