"""Work done behind the login window while the officer types, so the password opens the window fast.

PySide6 makes each Qt enum type (``Qt.AlignmentFlag``, ``QSizePolicy.Policy`` …) the first time it
is used: about 0.7 ms each, some 140 of them for the first page — a tenth of a second after the
password. Here they are made in small slices on the GUI thread (Qt's types are not made from
another thread), a few milliseconds per turn of the event loop: typing is never held.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer

SLICE_S = 0.006  # per turn of the event loop


def _enum_names() -> Iterator[tuple[type, str]]:
    from PySide6 import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtWidgets, QtGui):
        for class_name in dir(module):
            cls = getattr(module, class_name, None)
            if not isinstance(cls, type):
                continue
            for name in list(vars(cls)):
                if name[:1].isupper():
                    yield cls, name


class EnumWarmer(QObject):
    """Touches every Qt enum type of QtCore, QtWidgets and QtGui, a slice per event-loop turn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = _enum_names()
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._step)
        self.made = 0

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def done(self) -> bool:
        return not self._timer.isActive()

    def _step(self) -> None:
        until = time.perf_counter() + SLICE_S
        while time.perf_counter() < until:
            try:
                cls, name = next(self._names)
            except StopIteration:
                self._timer.stop()
                return
            value = getattr(cls, name, None)  # (None: an attribute PySide6 cannot give here)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                self.made += 1
