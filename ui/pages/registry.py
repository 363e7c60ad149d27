"""The pages of the main window, in navigation order. Each capability adds its page here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.pages.accounts import AccountsPage
from ui.pages.approvals import ApprovalsPage
from ui.pages.intake import IntakePage
from ui.pages.member import MemberPage
from ui.pages.search import SearchPage

PageFactory = Callable[[UiContext], QWidget]

PAGES: list[PageFactory] = [IntakePage, SearchPage, MemberPage, ApprovalsPage, AccountsPage]
