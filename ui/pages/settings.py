"""Pengaturan (supervisor): branch, this counter, printers and card alignment, rate tables, backups, database.

Each tab is its own widget (``ui.settings_*``); the page holds the banner they report to and the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.roles import Permission
from ui.context import UiContext
from ui.i18n import translate
from ui.settings_backup import BackupTab
from ui.settings_base import message
from ui.settings_branch import BranchTab
from ui.settings_database import DatabaseTab
from ui.settings_holidays import HolidaysTab, UnconfirmedTab
from ui.settings_outreach import OutreachTab
from ui.settings_printer import PrinterTab
from ui.settings_rates import RatesTab
from ui.widgets import Banner


class SettingsPage(QWidget):
    """Pengaturan: one tab per subject, reporting to one banner."""

    nav_label = QT_TRANSLATE_NOOP("SettingsPage", "Pengaturan")
    shortcut = "F11"
    required_permission = Permission.SETTINGS

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.paths = ui.ctx.paths
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        title = QLabel(translate("SettingsPage", "Pengaturan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.banner = Banner("settingsBanner")
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.branch_tab = BranchTab(ui, self.banner)
        self.tabs.addTab(self.branch_tab, translate("SettingsPage", "Cabang && loket ini"))
        self.printer_tab = PrinterTab(ui, self.banner)
        self.tabs.addTab(self.printer_tab, translate("SettingsPage", "Printer kartu"))
        self.rates_tab = RatesTab(ui, self.banner)
        self.tabs.addTab(self.rates_tab, translate("SettingsPage", "Tabel iuran"))
        self.holidays_tab = HolidaysTab(ui, self._ok, self._fail)
        self.tabs.addTab(self.holidays_tab, translate("SettingsPage", "Hari libur"))
        self.unconfirmed_tab = UnconfirmedTab(ui, self._fail)
        self.tabs.addTab(self.unconfirmed_tab, translate("SettingsPage", "Belum terkonfirmasi"))
        self.outreach_tab = OutreachTab(ui, self._ok, self._fail)
        self.tabs.addTab(self.outreach_tab, translate("SettingsPage", "Jemput bola"))
        self.backup_tab = BackupTab(ui, self.banner)
        self.tabs.addTab(self.backup_tab, translate("SettingsPage", "Cadangan"))
        self.database_tab = DatabaseTab(ui, self.banner)
        self.tabs.addTab(self.database_tab, translate("SettingsPage", "Basis data"))
        layout.addWidget(self.tabs, 1)

    def _ok(self, text: str) -> None:
        self.banner.show_message("info", text)

    def _fail(self, exc: BaseException) -> None:
        self.banner.show_message("error", message(exc))

    def focus_first(self) -> None:
        self.tabs.setFocus()
