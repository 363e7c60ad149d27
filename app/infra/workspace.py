"""Loket's work files: a private folder in its data folder, private files, and nothing left behind.

Work in progress (an import's spool of checked rows, a restore's staged copy) goes into a folder of
its own under ``DATA/work`` (0700), one per operation and process, never into the system's shared
temporary folder. A file that must be written beside its destination (a backup, an export, a
report: renamed into place when complete) is created 0600 and registered in ``DATA/work`` while it
is incomplete. Anything a killed process left behind — its work folder, its registered partial
files, and the partial files older versions left in the backup folder — is removed by the next
start (``clean_stale``), once the process that made it is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.infra.paths import AppPaths

WORK = "work"
STALE_AFTER_S = 15 * 60
_MARKS = "partials"
_OWNED = re.compile(r"^[a-z]+-(?P<pid>\d+)-[0-9a-f]{8}$")
# Partial files of the backup mechanics (``.NAME.partPID``) and of exports (``.NAME.PID.part``).
_PARTIAL = re.compile(r"^\..+\.(?:part(?P<a>\d+)|(?P<b>\d+)\.part)(?:-journal|-wal|-shm)?$")


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def work_root(paths: AppPaths) -> Path:
    """``DATA/work``: readable by this account only."""
    return _private_dir(paths.data / WORK)


def make_private(path: Path) -> Path:
    """Readable and writable by its owner only (files with personal data)."""
    if os.name == "posix":
        path.chmod(0o600)
    return path


def create_private(path: Path) -> Path:
    """``path`` created empty with mode 0600 from its first byte: a library that then opens it for
    writing (SQLite, pg_dump, openpyxl) keeps the mode."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    return make_private(path)


@contextlib.contextmanager
def work_area(paths: AppPaths, purpose: str) -> Iterator[Path]:
    """A private folder for one operation, removed when it ends (and by the next start if this
    process is killed first)."""
    folder = _private_dir(work_root(paths) / f"{purpose}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def tracked(paths: AppPaths, partial: Path) -> Iterator[Path]:
    """Register an incomplete file written outside the work folder: removed when the block ends
    unless it was moved into place, and by the next start if this process dies first."""
    marks = _private_dir(work_root(paths) / _MARKS)
    mark = marks / f"{os.getpid()}-{secrets.token_hex(4)}.json"
    mark.write_text(json.dumps({"pid": os.getpid(), "path": str(partial)}), encoding="utf-8")
    make_private(mark)
    try:
        yield partial
    finally:
        for leftover in _with_side_files(partial):
            leftover.unlink(missing_ok=True)
        mark.unlink(missing_ok=True)


@contextlib.contextmanager
def partial_beside(paths: AppPaths, final: Path) -> Iterator[Path]:
    """A private, registered ``.NAME.PID.part`` beside ``final``; the caller moves it into place
    (``os.replace``) when it is complete."""
    tmp = final.with_name(f".{final.name}.{os.getpid()}.part")
    with tracked(paths, tmp):
        create_private(tmp)
        yield tmp


def write_private_file(paths: AppPaths, final: Path, data: bytes) -> Path:
    """``final`` written whole or not at all, 0600 (a file with personal data)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    with partial_beside(paths, final) as tmp:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    return make_private(final)


@contextlib.contextmanager
def private_tempdir(paths: AppPaths) -> Iterator[Path]:
    """This process's temporary files (``tempfile``: openpyxl's write-only sheets of an import
    report, …) in a work folder of its own instead of the shared system folder: private, removed at
    the end, and by the next start if the process is killed first."""
    previous = tempfile.tempdir
    with work_area(paths, "tmp") as folder:
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = previous


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE


def _with_side_files(path: Path) -> list[Path]:
    """A file and what SQLite may have made beside it while writing it."""
    return [path, *(path.with_name(path.name + side) for side in ("-journal", "-wal", "-shm"))]


def _partial_pid(name: str) -> int | None:
    m = _PARTIAL.match(name)
    return int(m["a"] or m["b"]) if m else None


def clean_stale(paths: AppPaths, folders: Iterable[Path] = ()) -> list[Path]:
    """Remove what dead processes left: their work folders, their registered partial files, and
    partial files in ``folders`` (the backup folder, the database's folder). → what was removed."""
    removed: list[Path] = []
    root = paths.data / WORK
    if root.is_dir():
        for entry in root.iterdir():
            m = _OWNED.match(entry.name)
            if entry.is_dir() and m and not pid_alive(int(m["pid"])):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
        marks = root / _MARKS
        if marks.is_dir():
            for mark in marks.glob("*.json"):
                try:
                    data = json.loads(mark.read_text(encoding="utf-8"))
                    pid, partial = int(data["pid"]), Path(str(data["path"]))
                except (OSError, ValueError, KeyError, TypeError):
                    mark.unlink(missing_ok=True)
                    continue
                if pid_alive(pid):
                    continue
                for leftover in _with_side_files(partial):
                    if leftover.exists():
                        leftover.unlink(missing_ok=True)
                        removed.append(leftover)
                mark.unlink(missing_ok=True)
    now = time.time()
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            owner = _partial_pid(entry.name)
            # Unregistered partials (older versions, or another computer writing to a shared backup
            # folder, whose process ids mean nothing here): only once nobody has written them for a while.
            if (
                owner is not None
                and entry.is_file()
                and not pid_alive(owner)
                and now - entry.stat().st_mtime > STALE_AFTER_S
            ):
                entry.unlink(missing_ok=True)
                removed.append(entry)
    return removed
