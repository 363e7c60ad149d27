"""Runs service calls off the GUI thread, with progress and cancel, and reports back by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.domain.progress import CancelFlag, Cancelled
from ui.i18n import translate

log = logging.getLogger(__name__)


class Task(QObject):
    """One unit of background work. Its signals arrive in the GUI thread (queued connections)."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.cancel_flag = CancelFlag()

    def report(self, done: int, total: int, message: str = "") -> None:
        # Called from the worker thread; the signal crosses to the GUI thread.
        _emit(self.progressed, done, total, message)

    def cancel(self) -> None:
        self.cancel_flag.cancel()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        try:
            if task.with_progress:
                result = task.fn(progress=task.report, cancel=task.cancel_flag)
            else:
                result = task.fn()
        except Cancelled:
            _emit(task.cancelled)
        except Exception as exc:
            # Only the type: database errors quote SQL parameters (NIKs, names) and logs hold none.
            log.warning("background task failed: %s", type(exc).__name__)
            _emit(task.failed, exc)
        else:
            _emit(task.succeeded, result)
        _emit(task.finished)


def _emit(signal: Any, *args: Any) -> None:
    """Deliver a result unless the application is already gone (closed while the work ran)."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.info("result of a background task dropped: the window was closed")


class TaskRunner(QObject):
    """Owns the worker pool. Pages call ``run`` and connect to the returned task's signals."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        with_progress: bool = False,
    ) -> Task:
        """Run ``fn()`` (or ``fn(progress=…, cancel=…)``) in a worker thread."""
        task = Task(fn, with_progress=with_progress)
        if on_success is not None:
            task.succeeded.connect(on_success, Qt.ConnectionType.QueuedConnection)
        if on_error is not None:
            task.failed.connect(on_error, Qt.ConnectionType.QueuedConnection)
        task.finished.connect(lambda: self._done(task), Qt.ConnectionType.QueuedConnection)
        was_busy = self.busy
        self._live.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        self.pool.start(_Runnable(task))
        return task

    def run_with_dialog(
        self,
        parent: QWidget,
        title: str,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Task:
        """Long work: a progress dialog with a cancel button that stops the work cleanly."""
        dialog = QProgressDialog(title, translate("TaskRunner", "Batalkan"), 0, 0, parent)
        dialog.setObjectName("taskProgress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        task = self.run(fn, on_success=on_success, on_error=on_error, with_progress=True)

        def progressed(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            if message:
                dialog.setLabelText(message)

        task.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
        dialog.canceled.connect(task.cancel)
        if on_cancel is not None:
            task.cancelled.connect(on_cancel, Qt.ConnectionType.QueuedConnection)
        task.finished.connect(dialog.close, Qt.ConnectionType.QueuedConnection)
        task.finished.connect(dialog.deleteLater, Qt.ConnectionType.QueuedConnection)
        task.dialog = dialog  # type: ignore[attr-defined]  # for tests
        return task

    def _done(self, task: Task) -> None:
        self._live.discard(task)
        task.deleteLater()
        if not self._live:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
