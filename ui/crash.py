"""Unexpected errors: a report without personal data, a plain message, and the officer's form kept."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__
from app.infra.logs import safe_traceback, write_crash_report
from ui.i18n import translate

log = logging.getLogger("loket.crash")


class CrashHandler:
    """Installed as ``sys.excepthook`` by the GUI. Qt keeps running after a slot raises, so whatever
    the officer typed stays on screen; the handler only reports."""

    def __init__(self, log_folder: Path, parent: Callable[[], QWidget | None]) -> None:
        self.log_folder = log_folder
        self.parent = parent
        self.last_report: Path | None = None
        self.showing = False

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        when = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        log.error("unexpected error:\n%s", safe_traceback(exc_type, exc, tb))
        try:
            self.last_report = write_crash_report(
                self.log_folder, exc_type, exc, tb, version=__version__, when=when
            )
        except OSError:
            self.last_report = None
        if self.showing:
            return  # never stack message boxes
        self.showing = True
        try:
            box = QMessageBox(self.parent())
            box.setObjectName("crashDialog")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(translate("CrashHandler", "Terjadi kesalahan"))
            where = (
                translate("CrashHandler", "\n\nLaporan (tanpa data peserta): {last_report}").format(
                    last_report=self.last_report
                )
                if self.last_report
                else ""
            )
            box.setText(
                translate(
                    "CrashHandler",
                    "Terjadi kesalahan yang tidak terduga. Data yang sedang diisi tetap ada di layar; "
                    "periksa lalu coba simpan lagi. Bila berulang, hubungi IT cabang.",
                )
                + where
            )
            box.open()
            box.finished.connect(self._closed)
        except RuntimeError:
            self.showing = False

    def _closed(self, _result: int) -> None:
        self.showing = False
