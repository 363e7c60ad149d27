"""Fonts and the one style sheet, loaded once at start."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.infra.paths import resources_dir

_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")


def apply_theme(app: QApplication) -> None:
    """Pin the shipped fonts (the screen matches the printed cards) and apply the style sheet."""
    fonts = resources_dir() / "fonts"
    for name in _FONTS:
        QFontDatabase.addApplicationFont(str(fonts / name))
    font = QFont("DejaVu Sans", 11)
    app.setFont(font)
    qss = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    app.setStyleSheet(qss.replace("@RESOURCES@", resources_dir().as_posix()))
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "mark.svg")))


def repolish(widget: object) -> None:
    """Re-apply the style after a dynamic property (``invalid``, ``kind``) changed."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
