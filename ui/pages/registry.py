"""The pages of the main window, in navigation order. Each capability adds its page here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.pages.accounts import AccountsPage
from ui.pages.approvals import ApprovalsPage
from ui.pages.cards import CardsPage
from ui.pages.dashboard import DashboardPage
from ui.pages.day_close import DayClosePage
from ui.pages.importer import ImportPage
from ui.pages.intake import IntakePage
from ui.pages.member import MemberPage
from ui.pages.outreach import OutreachPage
from ui.pages.projects import ProjectsPage
from ui.pages.region import RegionPage
from ui.pages.search import SearchPage
from ui.pages.settings import SettingsPage
from ui.pages.verify import VerifyPage

PageFactory = Callable[[UiContext], QWidget]

# The order a counter works in: enrol, find, see, verify, print; then the supervisor's pages.
PAGES: list[PageFactory] = [
    IntakePage,
    SearchPage,
    MemberPage,
    VerifyPage,
    CardsPage,
    ImportPage,
    ProjectsPage,
    OutreachPage,
    DashboardPage,
    ApprovalsPage,
    DayClosePage,
    SettingsPage,
    AccountsPage,
    RegionPage,
]
