"""The Kanwil's side of the Wilayah page: which Kanwil is open and when it was asked, its branches'
links (``KanwilLinksTab``) and its dashboard (``KanwilBoardTab``). Everything runs on the Kanwil's
database, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.progress import CancelToken, ProgressSink
from app.services.region import status
from app.services.region.status import LinkDTO, RegionStatusDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.region_kanwil_board import KanwilBoardTab
from ui.region_kanwil_links import KanwilLinksTab
from ui.region_session import TZ, KanwilSession, check_cancel


class KanwilPanel(QWidget):
    """Shown once a Kanwil is open: ``status_shown`` / ``dashboard_shown`` after each load (tests)."""

    status_shown = Signal(object)  # RegionStatusDTO
    dashboard_shown = Signal(object)  # KanwilDashboardDTO

    def __init__(
        self, ui: UiContext, show: Callable[[str, str], None], fail: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.setObjectName("kanwilPanel")
        self.ui, self._show, self._fail = ui, show, fail
        self.session: KanwilSession | None = None
        self.links: tuple[LinkDTO, ...] = ()
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(6)
        self.where = QLabel()
        self.where.setObjectName("kanwilWhere")
        self.where.setProperty("role", "fieldLabel")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        v.addWidget(self.where)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("kanwilTabs")
        v.addWidget(self.tabs, 1)
        self.links_tab = KanwilLinksTab(ui, lambda: self.session, show, fail, self.show_status)
        self.links_tab.refresh_button.clicked.connect(self.load_status)
        self.board_tab = KanwilBoardTab(ui, lambda: self.session, fail)
        self.board_tab.shown.connect(self.dashboard_shown)
        self.tabs.addTab(self.links_tab, translate("KanwilPanel", "Keadaan cabang"))
        self.tabs.addTab(self.board_tab, translate("KanwilPanel", "Dasbor Kanwil"))
        self.tabs.currentChanged.connect(self._on_tabs_changed)

    def open_session(self, session: KanwilSession, first: RegionStatusDTO | None = None) -> None:
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self.board_tab.board = None
        if first is not None:
            self.show_status(first)
        else:
            self.load_status()

    def close_session(self) -> None:
        self.board_tab.stop()
        if self.session is not None:
            self.session.close()
        self.session = None

    def load_status(self) -> None:
        s = self.session
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> RegionStatusDTO:
            progress(0, 1, translate("KanwilPanel", "Menanyai Kanwil dan server tiap cabang…"))
            found = status.region_status(s.opened.ctx, s.actor)
            check_cancel(cancel)
            return found

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Keadaan replikasi wilayah"), work, on_success=self.show_status,
            on_error=self._fail,
        )  # fmt: skip

    def show_status(self, st: RegionStatusDTO) -> None:
        if not shiboken6.isValid(self):
            return
        tz = self.session.timezone if self.session else TZ
        self.links = st.links
        self.where.setText(
            translate("KanwilPanel", "{where} — diperiksa {at}").format(
                where=st.where, at=display.when(st.checked_at, tz)
            )
        )
        self.links_tab.show_links(st.links)
        self.status_shown.emit(st)

    def _on_tabs_changed(self, index: int) -> None:
        if index == 1 and self.board_tab.board is None and self.session is not None:
            self.board_tab.load_dashboard()


HELP = (
    ("Ctrl+U", QT_TRANSLATE_NOOP("RegionPage", "perbarui keadaan cabang ini / semua cabang Kanwil")),
    ("Enter", QT_TRANSLATE_NOOP("RegionPage", "di daftar cabang Kanwil: perbaiki cabang yang dipilih")),
)
