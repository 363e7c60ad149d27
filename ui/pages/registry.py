"""The pages of the main window, in navigation order. Each capability adds its page here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.pages.accounts import AccountsPage
from ui.pages.cards import CardsPage
from ui.pages.dashboard import DashboardPage
from ui.pages.day_close import DayClosePage
from ui.pages.intake import IntakePage
from ui.pages.settings import SettingsPage
from ui.pages.verify import VerifyPage

PageFactory = Callable[[UiContext], QWidget]

PAGES: list[PageFactory] = [
    IntakePage,
    VerifyPage,
    CardsPage,
    DashboardPage,
    DayClosePage,
    SettingsPage,
    AccountsPage,
]
