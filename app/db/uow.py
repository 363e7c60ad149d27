"""Unit of work: one transaction per use case, retried when the database says "try again"."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
# Waits before running a transaction again after the server went away before its commit (seconds).
RECONNECT_WAITS = (0.5, 1.0, 2.0, 4.0)

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available. psycopg raises
# them as OperationalError subclasses; SQLAlchemy wraps those in its own OperationalError with
# the driver's exception in ``.orig``, whose ``sqlstate`` carries the code.
_PG_RETRY_CODES = frozenset({"40001", "40P01", "55P03"})


class DatabaseBusyError(RuntimeError):
    """The database stayed busy through every retry. ``message`` is for the officer; nothing
    of the transaction was kept, so the same action can simply be tried again."""

    def __init__(self, attempts: int) -> None:
        self.attempts = attempts
        self.message = (
            "Basis data sedang sibuk melayani loket lain dan transaksi ini belum tersimpan. "
            "Tunggu sebentar lalu ulangi; tidak ada data yang setengah tersimpan."
        )
        super().__init__(self.message)


class StorageError(RuntimeError):
    """The disk refused the write (full, or failing). Nothing of the transaction was kept; once space
    is freed or the disk is fixed, the same action works again. ``message`` is for the officer."""

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "full" | "io"
        if kind == "full":
            self.message = (
                "Penyimpanan penuh: data belum tersimpan dan tidak ada yang setengah tersimpan. "
                "Kosongkan ruang disk (atau hubungi IT cabang), lalu ulangi."
            )
        else:
            self.message = (
                "Disk gagal membaca/menulis: data belum tersimpan dan tidak ada yang setengah tersimpan. "
                "Hubungi IT cabang; setelah diperbaiki, ulangi."
            )
        super().__init__(self.message)


class DatabaseUnavailableError(RuntimeError):
    """The database server cannot be reached, or the connection to it broke. ``message`` is for the
    officer. ``in_commit``: it broke while the transaction was being committed, so whether that
    transaction was saved is unknown (everything else was rolled back by the server). ``saved`` is
    what the command had already saved before, when the command can say (set by the command)."""

    def __init__(self, where: str, *, in_commit: bool = False) -> None:
        self.where = where
        self.in_commit = in_commit
        self.saved = ""
        if in_commit:
            self.message = (
                f"Hubungan ke server basis data ({where}) terputus tepat saat menyimpan: belum pasti "
                "tersimpan atau tidak. Periksa datanya (mis. 'loket member show' atau 'loket search') "
                "sebelum mengulang, agar tidak tercatat dua kali."
            )
        else:
            self.message = (
                f"Server basis data ({where}) tidak dapat dihubungi atau berhenti. Perintah ini tidak "
                "menyimpan apa pun yang belum selesai. Periksa server/jaringan (atau hubungi IT cabang), "
                "lalu ulangi."
            )
        super().__init__(self.message)

    def describe(self) -> str:
        return f"{self.message} {self.saved}".strip()


# psycopg: connection_exception (class 08), admin_shutdown / crash_shutdown / cannot_connect_now.
_PG_GONE_CODES = frozenset({"57P01", "57P02", "57P03"})
_GONE_MARKERS = (
    "server closed the connection",
    "connection refused",
    "could not connect",
    "connection is closed",
    "the connection is lost",
    "terminating connection",
    "no connection to the server",
    "connection timeout expired",
    "consuming input failed",
    "connection to server",
)


def is_disconnect(exc: BaseException) -> bool:
    """The server went away (or was never there), as opposed to refusing the statement."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None) or ""
    if code.startswith("08") or code in _PG_GONE_CODES:
        return True
    if not isinstance(exc, DBAPIError | OSError):
        return False
    msg = str(orig).lower()
    return any(m in msg for m in _GONE_MARKERS)


def where_of(factory: sessionmaker[Session]) -> str:
    """Which database (``PostgreSQL: host:port/db``), never its password."""
    from app.db.engine import describe

    bind = factory.kw.get("bind")
    url = getattr(bind, "url", None)
    return describe(url.render_as_string(hide_password=True)) if url is not None else "?"


_FULL_MARKERS = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
_IO_MARKERS = ("disk i/o error", "input/output error", "could not write", "could not read block")
_PG_FULL_CODES = frozenset({"53100"})  # disk_full
_PG_IO_CODES = frozenset({"58030"})  # io_error


def storage_problem(exc: BaseException) -> str | None:
    """``"full"`` or ``"io"`` when ``exc`` is the disk refusing, else None."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None)
    msg = str(orig).lower()
    if code in _PG_FULL_CODES or any(m in msg for m in _FULL_MARKERS):
        return "full"
    if code in _PG_IO_CODES or any(m in msg for m in _IO_MARKERS):
        return "io"
    return None


class UnitOfWork:
    """``with UnitOfWork(factory) as uow: ... uow.commit()`` — anything not committed is rolled back."""

    def __init__(self, factory: sessionmaker[Session], *, readonly: bool = False) -> None:
        self._factory = factory
        self._readonly = readonly
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        if self._readonly:
            self.session.connection(execution_options={"sqlite_begin": "DEFERRED"})
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()


def is_transient(exc: BaseException) -> bool:
    """Errors that a retry of the whole transaction can cure."""
    if isinstance(exc, OperationalError):
        msg = str(exc.orig).lower() if exc.orig is not None else ""
        if "database is locked" in msg or "database is busy" in msg:
            return True
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        if code in _PG_RETRY_CODES:
            return True
    return False


def run_in_transaction(
    factory: sessionmaker[Session],
    work: Callable[[Session], T],
    *,
    attempts: int = 8,
    readonly: bool = False,
) -> T:
    """Run ``work`` in one transaction and commit; retry it whole on transient failures.

    ``work`` may therefore run more than once: it must not have effects outside the session.
    When every attempt failed transiently, ``DatabaseBusyError`` is raised (never a raw
    driver error), chained to the last failure.
    """
    delay = 0.01
    lost = 0
    for attempt in range(1, attempts + 1):
        committing = False
        try:
            with UnitOfWork(factory, readonly=readonly) as uow:
                result = work(uow.session)
                if not readonly:
                    committing = True
                    uow.commit()
                return result
        except DBAPIError as exc:
            if (kind := storage_problem(exc)) is not None:
                raise StorageError(kind) from exc
            if is_disconnect(exc):
                # Lost before the commit: the server rolled the transaction back, so running it again
                # is safe (a server restarting comes back within seconds). Lost DURING the commit: the
                # outcome is unknown, and only a person can say whether to run it again.
                if committing:
                    raise DatabaseUnavailableError(where_of(factory), in_commit=True) from None
                lost += 1
                if lost > len(RECONNECT_WAITS):
                    raise DatabaseUnavailableError(where_of(factory)) from None
                time.sleep(RECONNECT_WAITS[lost - 1])
                continue
            if not is_transient(exc):
                raise
            if attempt == attempts:
                raise DatabaseBusyError(attempts) from exc
            time.sleep(delay + random.uniform(0, delay))
            delay = min(delay * 2, 0.5)
    raise DatabaseBusyError(attempts)
