"""Every page, as a supervisor sees it: fits a 1366×768 screen, every control has an accessible name,
Tab walks every control of the page, and the window draws at high DPI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.services import branch as branch_service
from ui.context import UiContext
from ui.main_window import MainWindow

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QTabBar,
)
# The usable height of a 1366×768 laptop screen under a task bar and the window's title bar.
SCREEN_W, SCREEN_H = 1366, 768 - 40 - 30


@pytest.fixture
def window(qtbot: Any, opened: Any, supervisor: Any, runner: Any) -> MainWindow:
    b = branch_service.current_branch(opened.ctx)
    assert b is not None
    w = MainWindow(UiContext(opened, supervisor, b, runner))
    qtbot.addWidget(w)
    w.resize(SCREEN_W, SCREEN_H)
    w.show()
    qtbot.waitExposed(w)
    return w


def _controls(page: QWidget) -> list[QWidget]:
    found = []
    for w in page.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(page) or not w.isEnabled():
            continue
        if w.focusPolicy().value & 0x1 == 0:  # no Tab focus: not part of the keyboard flow
            continue
        if isinstance(w.parent(), QComboBox | QAbstractSpinBox):  # the line edit inside a combo box
            continue
        found.append(w)
    return found


def _name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def _show(qtbot: Any, window: MainWindow, name: str) -> None:
    """Show a page and let its background loads finish and its layout settle around their texts."""
    window.show_page(list(window.pages).index(name))
    qtbot.waitUntil(lambda: not window.ui.runner.busy, timeout=10_000)
    qtbot.wait(100)


def _pages(window: MainWindow) -> list[tuple[str, QWidget]]:
    return list(window.pages.items())


def test_every_page_fits_a_1366x768_screen(qtbot: Any, window: MainWindow) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H, hint
    for name, page in _pages(window):
        _show(qtbot, window, name)
        assert window.width() <= SCREEN_W and window.height() <= SCREEN_H, name
        clipped = []
        for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
            if not w.isVisibleTo(page) or not w.text() or (isinstance(w, QLabel) and w.wordWrap()):
                continue
            if w.width() + 2 < w.minimumSizeHint().width():
                clipped.append(f"{w.objectName() or type(w).__name__}: {w.text()!r}")
        assert not clipped, f"{name}: text cut off at 1366×768: {clipped}"


def test_every_control_has_an_accessible_name(qtbot: Any, window: MainWindow) -> None:
    missing = []
    for name, page in _pages(window):
        _show(qtbot, window, name)
        for w in _controls(page):
            if not _name(w) and not isinstance(w, QTabBar):
                missing.append(f"{name}: {type(w).__name__} {w.objectName()!r}")
    assert not missing, "controls a screen reader cannot name:\n" + "\n".join(missing)


def test_tab_reaches_every_control_of_every_page(qtbot: Any, window: MainWindow) -> None:
    """Starting at the page's first field, the Tab key (pressed, as an officer does) visits each of its
    controls before it comes back: a table or text box that keeps Tab for itself is a trap and fails."""
    for name, page in _pages(window):
        _show(qtbot, window, name)
        controls = _controls(page)
        if not controls:
            continue
        start = controls[0]
        start.setFocus()
        qtbot.waitUntil(lambda s=start: QApplication.focusWidget() is s, timeout=2000)
        seen: list[QWidget] = []
        for _ in range(len(controls) * 3 + 20):
            w = QApplication.focusWidget()
            if w is None:
                break
            if w in controls and w not in seen:
                seen.append(w)
            qtbot.keyClick(w, Qt.Key.Key_Tab)
            qtbot.wait(1)
        unreached = [f"{type(w).__name__} {w.objectName()!r} {_name(w)!r}" for w in controls if w not in seen]
        assert not unreached, f"{name}: Tab never reaches {unreached}"


def test_the_window_draws_at_twice_the_pixel_density(tmp_path: Path) -> None:
    """A 4K laptop at 200 %: the main window renders every page at device pixel ratio 2 and still fits."""
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        from tests.ui.hidpi_probe import probe
        sys.exit(probe(app, sys.argv[1]))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", LOKET_HOME=str(tmp_path / "h"))
    r = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "shots")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "pages=" in r.stdout
    shots = sorted((tmp_path / "shots").glob("*.png"))
    assert len(shots) >= 10
