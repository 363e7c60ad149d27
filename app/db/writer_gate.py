"""Writers to one SQLite file wait their turn at a gate before ``BEGIN IMMEDIATE``, and are woken in turn.

SQLite has no queue for its write lock: a writer that finds it taken sleeps and tries again (its busy
handler sleeps 1, 2, 5, 10 … 100 ms), so with four counters writing at once a counter tries again
well after the lock came free, and an unlucky one loses many tries in a row (measured: p99 ~40 ms,
the worst cases near 1 s). Polling faster only spends the CPU that the writer holding the lock needs.

Here a write transaction first takes an exclusive ``flock`` on a small file beside the database
(``loket.sqlite3-writer``); ``BEGIN IMMEDIATE`` then finds SQLite's lock free. A writer that finds the
gate taken sleeps in ``select`` on a named pipe (in the temporary folder, see ``wake_path``): the
writer leaving the gate writes one byte there, which wakes a waiter at once. A waiter also looks again every 50 ms, so a
holder that died (the kernel drops its flock, but it wrote no byte) delays nobody for long, and the
wait gives up after the caller's timeout (SQLite's busy timeout: the same "database is busy" as
before). A program writing without the gate is still waited for by SQLite's own busy handler.

The gate is released by the connection class below when its transaction ends (``commit``,
``rollback``, ``close``), however it ends. It changes nothing of what is written or when it is durable:
only the order in which waiting writers go. POSIX only (``flock`` and named pipes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import select
import sqlite3
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no gate; writers poll for SQLite's lock (app.db.engine)
    fcntl = None  # type: ignore[assignment]

_LOOK_AGAIN_S = 0.05  # a waiter looks at the gate at least this often (a holder may have died)
_LOOK_WITHOUT_PIPE_S = 0.002  # … and this often when there is no wake-up pipe it can trust


def gate_path(database: Path) -> Path:
    return database.with_name(database.name + "-writer")


def wake_path(database: Path) -> Path:
    """The wake-up pipe: in this user's folder under the system's temporary folder (never beside the
    database, where a copy of the data folder would trip over a named pipe), named by the database."""
    key = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"loket-writers-{os.getuid()}" / f"{key}.fifo"


def available() -> bool:
    return fcntl is not None and hasattr(os, "mkfifo")


def _open_wake_pipe(database: Path) -> int | None:
    """The wake-up pipe, opened for reading and writing; None when it cannot be trusted (a folder or
    pipe that is not this user's, a link): waiters then look at the gate every few milliseconds."""
    path = wake_path(database)
    uid = os.getuid()
    with contextlib.suppress(FileExistsError):
        os.mkdir(path.parent, 0o700)
    folder = os.lstat(path.parent)
    if not stat.S_ISDIR(folder.st_mode) or folder.st_uid != uid or folder.st_mode & 0o022:
        return None
    with contextlib.suppress(FileExistsError):
        os.mkfifo(path, 0o600)
    try:
        # Read and write ends in one: opening never blocks, and the pipe never sees "no writer".
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return None
    pipe = os.fstat(fd)
    if not stat.S_ISFIFO(pipe.st_mode) or pipe.st_uid != uid:
        os.close(fd)
        return None
    return fd


def _sleep_until_woken(fd: int, timeout: float) -> bool:
    """Sleep until a byte is in the wake-up pipe, or ``timeout`` seconds."""
    ready, _, _ = select.select([fd], [], [], timeout)
    return bool(ready)


class GateTimeoutError(Exception):
    """The gate stayed taken for the whole wait (another counter's write took that long)."""


class _Gate:
    """One connection's handles on the gate file and the wake-up pipe (opened once, kept open)."""

    def __init__(self, database: Path) -> None:
        assert fcntl is not None
        self.lock_fd = os.open(gate_path(database), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            self.wake_fd = _open_wake_pipe(database)
        except OSError:
            self.wake_fd = None
        self.held = False

    def enter(self, timeout: float) -> None:
        assert fcntl is not None
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pass
            left = deadline - time.monotonic()
            if left <= 0:
                raise GateTimeoutError()
            if self.wake_fd is None:
                time.sleep(min(left, _LOOK_WITHOUT_PIPE_S))
                continue
            if _sleep_until_woken(self.wake_fd, min(left, _LOOK_AGAIN_S)):
                with contextlib.suppress(BlockingIOError):
                    os.read(self.wake_fd, 1)  # one wake-up each; another waiter may have taken it
        self.held = True
        self._drain()  # wake-ups written while nobody waited are stale: the next leave writes anew

    def leave(self) -> None:
        assert fcntl is not None
        if not self.held:
            return
        self.held = False
        fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
        if self.wake_fd is not None:
            with contextlib.suppress(BlockingIOError):  # a full pipe already wakes everyone
                os.write(self.wake_fd, b"w")

    def _drain(self) -> None:
        if self.wake_fd is None:
            return
        with contextlib.suppress(BlockingIOError):
            while os.read(self.wake_fd, 512):
                pass

    def close(self) -> None:
        try:
            self.leave()
        finally:
            os.close(self.lock_fd)
            if self.wake_fd is not None:
                os.close(self.wake_fd)


class GatedConnection(sqlite3.Connection):
    """sqlite3's connection, holding the writers' gate from ``enter_gate`` to the end of its transaction."""

    _gate: _Gate | None = None

    def enter_gate(self, database: Path, timeout: float) -> None:
        """Wait (up to ``timeout`` seconds) for the writers before this one; raises GateTimeoutError."""
        if not available():
            return
        if self._gate is None:
            self._gate = _Gate(database)
        if not self._gate.held:
            self._gate.enter(timeout)

    def leave_gate(self) -> None:
        if self._gate is not None:
            self._gate.leave()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self.leave_gate()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave_gate()

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._gate is not None:
                self._gate.close()
                self._gate = None
