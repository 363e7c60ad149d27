"""The pages of the main window, in navigation order. Each capability adds its page here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.pages.accounts import AccountsPage
from ui.pages.importer import ImportPage
from ui.pages.intake import IntakePage
from ui.pages.settings import SettingsPage

PageFactory = Callable[[UiContext], QWidget]

PAGES: list[PageFactory] = [IntakePage, SettingsPage, ImportPage, AccountsPage]
