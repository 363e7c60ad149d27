"""Backing up and restoring the database itself: SQLite's online backup API, pg_dump/pg_restore.

Mechanics only (files, locks, subprocesses); naming, rotation and permissions live in
``app.services.backup``. A live SQLite database is never copied as a file: its newest pages may
sit in the -wal file, and a copy taken mid-write is torn. The backup API reads a consistent
snapshot through SQLite itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from app.db.pgtools import libpq_target, require_binaries
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# Tables every Loket database has had since the first schema.
LOKET_TABLES = frozenset({"alembic_version", "branch", "officer", "member", "audit_event", "audit_head"})
MIN_STEP_PAGES = 64  # progress and cancel are checked between backup steps: ~100 steps a backup
_RESTARTS_BEFORE_ONE_STEP = 3


class BackupError(RuntimeError):
    """A backup or restore could not be made or was refused. ``message`` is in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseInUseError(BackupError):
    """Other connections still have the database open, so it must not be replaced."""


class _TooManyRestartsError(Exception):
    pass


def file_kind(path: Path) -> str:
    """ "sqlite", "pgdump" or "unknown", judged by the file's first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return "unknown"
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "pgdump"
    return "unknown"


def _private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(0o600)


def partial_path(dest: Path) -> Path:
    """Where a backup (or a kept copy) is written until it is complete: ``.NAME.partPID`` beside it."""
    return dest.with_name(f".{dest.name}.part{os.getpid()}")


def _fresh_private(path: Path) -> None:
    """An empty file, 0600 from its first byte: SQLite and pg_dump then write into it keeping the
    mode (a backup holds every member's personal data, even while it is being written)."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    _private(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(tmp: Path, dest: Path, *, exclusive: bool) -> bool:
    """Move a finished file into place. ``exclusive``: never replace an existing ``dest``
    (two processes making the same daily backup: the first one wins). Returns False when
    ``dest`` already existed."""
    if exclusive:
        try:
            os.link(tmp, dest)
        except FileExistsError:
            tmp.unlink(missing_ok=True)
            return False
        except OSError:  # no hard links on this file system (FAT, some shares)
            if dest.exists():
                tmp.unlink(missing_ok=True)
                return False
            os.replace(tmp, dest)
            return True
        tmp.unlink()
        return True
    os.replace(tmp, dest)
    return True


def _copy_pages(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    progress: ProgressSink,
    cancel: CancelToken,
    message: str,
) -> None:
    """The backup API in steps, reporting pages. If other processes keep writing, the API
    restarts; after a few restarts we copy in one step (a consistent snapshot, no progress)."""
    state = {"remaining": -1, "restarts": 0}

    def on_step(_status: int, remaining: int, total: int) -> None:
        if cancel.cancelled and remaining > 0:  # at 0 the copy is already complete (committed)
            raise Cancelled()
        if state["remaining"] >= 0 and remaining > state["remaining"]:
            state["restarts"] += 1
            if state["restarts"] >= _RESTARTS_BEFORE_ONE_STEP:
                raise _TooManyRestartsError()
        state["remaining"] = remaining
        progress(total - remaining, total, message)

    pages = int(src.execute("PRAGMA page_count").fetchone()[0])
    try:
        src.backup(dst, pages=max(MIN_STEP_PAGES, pages // 100), progress=on_step)
    except _TooManyRestartsError:
        src.backup(dst)


def backup_sqlite(
    source: Path,
    dest: Path,
    *,
    exclusive: bool = False,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> bool:
    """Copy the live database ``source`` to ``dest`` through the online backup API.

    The copy is a self-contained file (rollback journal, no -wal), passes ``quick_check``,
    and is readable by its owner only. Returns False when ``exclusive`` and ``dest`` existed.
    """
    if not source.is_file():
        raise BackupError(f"File basis data tidak ditemukan: {source}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_path(dest)
    _fresh_private(tmp)
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                _copy_pages(src, dst, progress, cancel, "Mencadangkan basis data…")
                dst.execute("PRAGMA journal_mode = DELETE")
                check = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if check != "ok":
            raise BackupError(f"Cadangan yang baru dibuat rusak ({check}); cadangan dibatalkan.")
        _private(tmp)
        _fsync(tmp)
        return _place(tmp, dest, exclusive=exclusive)
    except sqlite3.Error as exc:
        raise BackupError(f"Cadangan SQLite gagal: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a backup file holds, found before anything is replaced."""

    kind: str  # "sqlite" or "pgdump"
    revision: str | None  # the schema revision (alembic_version) inside
    tables: frozenset[str]
    integrity: str  # "ok", or SQLite's first complaint

    @property
    def is_loket(self) -> bool:
        return self.tables >= LOKET_TABLES and self.revision is not None


def inspect_sqlite(path: Path, *, full: bool = True) -> Inspection:
    """Integrity (``PRAGMA integrity_check``, or ``quick_check``), tables and schema revision of
    a SQLite file that nobody is writing to (a backup, or a staged copy)."""
    if file_kind(path) != "sqlite":
        raise BackupError(f"{path.name} bukan file basis data SQLite.")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
            integrity = "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])
            tables = frozenset(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} tidak dapat dibaca sebagai basis data SQLite: {exc}") from exc
    return Inspection("sqlite", revision, tables, integrity)


def stage_sqlite(path: Path, folder: Path, *, cancel: CancelToken = NEVER) -> Path:
    """Copy a backup file into ``folder`` through the backup API (so a -wal beside it counts
    and the original is never modified) and return the staged copy."""
    staged = folder / "staged.sqlite3"
    _fresh_private(staged)
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(staged))
        try:
            _copy_pages(src, dst, no_progress, cancel, "")
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} tidak dapat dibaca sebagai basis data SQLite: {exc}") from exc
    finally:
        src.close()
    return staged


@contextlib.contextmanager
def exclusive_sqlite(live: Path, *, wait_seconds: float = 2.0) -> Iterator[sqlite3.Connection]:
    """Hold the live database so that no other connection can read or write it.

    In WAL mode an EXCLUSIVE lock is granted only while no other connection has the database
    open at all, even idle: so this both detects other Loket windows, counters or scripts using
    the file (refused with ``DatabaseInUseError``) and keeps them out until we are done.
    """
    conn = sqlite3.connect(str(live), timeout=wait_seconds, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")  # in EXCLUSIVE locking mode the lock outlives the transaction
        except sqlite3.OperationalError as exc:
            raise DatabaseInUseError(
                "Basis data sedang dibuka oleh program lain (jendela Loket lain, loket lain, atau "
                "skrip). Tutup semua Loket yang memakai basis data ini, lalu ulangi."
            ) from exc
        yield conn
    finally:
        conn.close()


def restore_sqlite(
    staged: Path,
    live: Path,
    *,
    keep_as: Path | None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> None:
    """Replace the content of ``live`` with ``staged`` while holding it exclusively.

    The replaced database is first saved to ``keep_as`` (backup API again). Writing into the
    live file goes through the backup API too: it is one write transaction on the destination,
    so a cancel or a crash part-way leaves the old content whole.
    """
    live.parent.mkdir(parents=True, exist_ok=True)
    if not live.exists():
        backup_sqlite(staged, live, progress=progress, cancel=cancel)
        return
    with exclusive_sqlite(live) as conn:
        if keep_as is not None:
            tmp = partial_path(keep_as)
            _fresh_private(tmp)
            try:
                keep = sqlite3.connect(str(tmp))
                try:
                    _copy_pages(conn, keep, no_progress, cancel, "")
                    keep.execute("PRAGMA journal_mode = DELETE")
                finally:
                    keep.close()
                _private(tmp)
                _fsync(tmp)
                _place(tmp, keep_as, exclusive=False)
            finally:
                tmp.unlink(missing_ok=True)
        src = sqlite3.connect(str(staged))
        try:
            _copy_pages(src, conn, progress, cancel, "Memulihkan basis data…")
        except sqlite3.Error as exc:
            raise BackupError(f"Pemulihan gagal, basis data lama tetap utuh: {exc}") from exc
        finally:
            src.close()
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":  # pragma: no cover - the staged copy passed integrity_check
            raise BackupError(f"Basis data hasil pemulihan rusak ({check}).")


# --- PostgreSQL -------------------------------------------------------------------------------


def server_major(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _run_tool(
    cmd: list[str],
    *,
    env: dict[str, str],
    cancel: CancelToken,
    progress: ProgressSink,
    message: str,
    watch: Path | None = None,
    stdin: int | None = None,
) -> None:
    """Run a PostgreSQL tool, polling so a cancel can stop it; progress is indeterminate
    (total 0), with the size written so far when ``watch`` is given."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)
        while True:
            try:
                proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if cancel.cancelled:
                    proc.terminate()
                    proc.wait()
                    raise Cancelled() from None
                size = watch.stat().st_size if watch is not None and watch.exists() else 0
                progress(0, 0, f"{message} ({size / 1e6:,.1f} MB)" if watch else message)
        if proc.returncode != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            raise BackupError(f"{Path(cmd[0]).name} gagal: {' '.join(detail[-3:]) or proc.returncode}")


def pg_dump(
    engine: Engine,
    dest: Path,
    *,
    exclusive: bool = False,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> bool:
    """``pg_dump --format=custom`` of the database behind ``engine`` into ``dest``."""
    tools = require_binaries(("pg_dump",), min_major=server_major(engine))
    conninfo, env = libpq_target(engine.url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_path(dest)
    _fresh_private(tmp)
    try:
        _run_tool(
            [str(tools.path("pg_dump")), "--format=custom", f"--file={tmp}", f"--dbname={conninfo}"],
            env=env,
            cancel=cancel,
            progress=progress,
            message="Mencadangkan basis data PostgreSQL…",
            watch=tmp,
        )
        _private(tmp)
        _fsync(tmp)
        return _place(tmp, dest, exclusive=exclusive)
    finally:
        tmp.unlink(missing_ok=True)


_TOC_TABLE = re.compile(r"^\d+;\s+\d+\s+\d+\s+TABLE\s+(\S+)\s+(\S+)\s")


def inspect_pg_archive(path: Path) -> Inspection:
    """Tables and schema revision of a pg_dump custom-format archive, without restoring it."""
    if file_kind(path) != "pgdump":
        raise BackupError(f"{path.name} bukan arsip pg_dump (format custom).")
    tools = require_binaries(("pg_restore",))
    listing = subprocess.run(
        [str(tools.path("pg_restore")), "--list", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if listing.returncode != 0:
        raise BackupError(f"Arsip {path.name} tidak dapat dibaca: {listing.stderr.strip()}")
    tables = frozenset(m.group(2) for line in listing.stdout.splitlines() if (m := _TOC_TABLE.match(line)))
    data = subprocess.run(
        [str(tools.path("pg_restore")), "--data-only", "--table=alembic_version", "--file=-", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    revision = None
    lines = data.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and i + 1 < len(lines):
            value = lines[i + 1].strip()
            revision = None if value == "\\." else value
            break
    return Inspection("pgdump", revision, tables, "ok" if data.returncode == 0 else data.stderr.strip())


@dataclass(frozen=True, slots=True)
class StoredOfficer:
    """An officer's account as a backup holds it, read to check a sign-in before restoring."""

    id: int
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool


def officer_in_backup(source: Path, backend: str, username: str) -> StoredOfficer | None:
    """One account as stored in a backup (a staged SQLite copy, or a pg_dump archive), unrestored."""
    if backend == "sqlite":
        try:
            conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            try:
                row = conn.execute(
                    "SELECT id, username, full_name, role, password_hash, active FROM officer WHERE username = ?",
                    (username,),
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        return StoredOfficer(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), bool(row[5]))
    tools = require_binaries(("pg_restore",))
    data = subprocess.run(
        [str(tools.path("pg_restore")), "--data-only", "--table=officer", "--file=-", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    columns: list[str] = []
    for line in data.stdout.splitlines():
        if line.startswith("COPY ") and "officer" in line:
            columns = [c.strip().strip('"') for c in line[line.index("(") + 1 : line.index(")")].split(",")]
            continue
        if not columns or line == "\\.":
            continue
        values = dict(zip(columns, line.split("\t"), strict=False))
        if values.get("username") == username:
            return StoredOfficer(
                int(values["id"]),
                username,
                values.get("full_name", username),
                values.get("role", ""),
                values.get("password_hash", ""),
                values.get("active") == "t",
            )
    return None


def pg_other_sessions(engine: Engine) -> list[str]:
    """Other sessions connected to this database (each as "application @ address")."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT coalesce(nullif(application_name, ''), '?') || ' @ ' "
                "|| coalesce(host(client_addr), 'lokal') FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND backend_type = 'client backend'"
            )
        ).scalars()
        return list(rows)


def pg_restore_replace(
    engine: Engine,
    archive: Path,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> None:
    """Replace every table of the database with the archive's, in ONE transaction.

    ``pg_restore`` turns the archive into SQL; ``psql --single-transaction`` runs our DROP of
    the current tables and that SQL together, so a failure or a cancel leaves the old data.
    """
    tools = require_binaries(("pg_restore", "psql"), min_major=server_major(engine))
    conninfo, env = libpq_target(engine.url)
    with engine.connect() as conn:
        current = list(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            ).scalars()
        )
        # The schema's own functions (trigger functions of the migrations) come back from the
        # archive too: dropped with the tables, not left to collide with the archive's copy.
        functions = list(
            conn.execute(
                text(
                    "SELECT quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
                    " FROM pg_proc p"
                    " JOIN pg_namespace n ON n.oid = p.pronamespace"
                    " WHERE n.nspname = 'public' AND NOT EXISTS ("
                    "  SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
                    " ORDER BY 1"
                )
            ).scalars()
        )
    drop = (
        "DROP TABLE IF EXISTS " + ", ".join(f'public."{t}"' for t in current) + " CASCADE;"
        if current
        else "SELECT 1;"
    )
    if functions:
        drop += " DROP FUNCTION IF EXISTS " + ", ".join(f"public.{f}" for f in functions) + " CASCADE;"
    producer = subprocess.Popen(
        # The database keeps its own publication and subscriptions (the region's link, ``app.db.
        # replication``): the archive's copies would collide with them, and a restored branch's
        # link is re-made on purpose by its Kanwil (``loket region accept-restore``).
        [
            str(tools.path("pg_restore")),
            "--no-owner",
            "--no-privileges",
            "--no-publications",
            "--no-subscriptions",
            "--file=-",
            str(archive),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert producer.stdout is not None
        _run_tool(
            [
                str(tools.path("psql")),
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                f"--command={drop}",
                "--file=-",
                f"--dbname={conninfo}",
            ],
            env=env,
            cancel=cancel,
            progress=progress,
            message="Memulihkan basis data PostgreSQL…",
            stdin=producer.stdout.fileno(),
        )
    finally:
        if producer.stdout is not None:
            producer.stdout.close()
        if producer.poll() is None:
            producer.terminate()
        producer.wait()
