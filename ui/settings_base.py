"""What every tab of Pengaturan shares: the page's banner, this computer's settings, one error wording."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.issues import DomainError
from app.infra.settings import Settings, load_settings
from ui.context import UiContext
from ui.models import display
from ui.widgets import Banner


def message(exc: BaseException) -> str:
    """What the supervisor reads when a call fails (the services already speak Indonesian)."""
    if isinstance(exc, DomainError):
        return "\n".join(display.message(i.message) for i in exc.issues)
    return display.message_of(exc) or str(exc) or type(exc).__name__


class SettingsTab(QWidget):
    """One tab of Pengaturan: it reports to the page's banner and reads this computer's settings."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__()
        self.ui = ui
        self.paths = ui.ctx.paths
        self.banner = banner

    def _settings(self) -> Settings:
        return load_settings(self.paths)

    def _ok(self, text: str) -> None:
        self.banner.show_message("info", text)

    def _fail(self, exc: BaseException) -> None:
        self.banner.show_message("error", message(exc))
