"""Progress and cancellation for long work: plain protocols the GUI's task runner implements."""

from __future__ import annotations

import threading
from typing import Protocol


class ProgressSink(Protocol):
    """Where long work reports how far it has come (a progress bar, a log, or nothing)."""

    def __call__(self, done: int, total: int, message: str = "") -> None: ...


class CancelToken(Protocol):
    """What long work checks between steps to learn that the officer cancelled it."""

    @property
    def cancelled(self) -> bool: ...


class Cancelled(Exception):  # noqa: N818 - reads naturally: ``except Cancelled``
    """Raised by long work when its token was cancelled; nothing half-done is kept."""


def no_progress(done: int, total: int, message: str = "") -> None:
    return None


class CancelFlag:
    """A thread-safe token: the GUI thread sets it, the worker polls it."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


NEVER = CancelFlag()
