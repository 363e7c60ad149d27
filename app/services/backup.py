"""Backups and restores: a daily automatic backup with rotation, backups on demand, restore.

SQLite goes through the online backup API, PostgreSQL through pg_dump/pg_restore (custom
format). Secret keys (``ctx.paths.keys``) are never part of a backup: a backup restored on
another computer needs the branch's key files copied there separately.

Files (in ``backup_folder(ctx)``; times in names are UTC):
  loket-auto-YYYY-MM-DD.sqlite3          first start of each business day, the newest 14 kept
  loket-YYYYMMDD-HHMMSSZ.sqlite3|.dump   on demand (``loket backup``, the settings page)
  loket-pre-upgrade-REV-….sqlite3|.dump  made by bootstrap before a schema upgrade
  loket-replaced-….dump                  a PostgreSQL database replaced by a restore
A replaced SQLite database is kept beside the database file: ``loket.replaced-….sqlite3``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.db import backup as mech
from app.db.engine import sqlite_path
from app.db.pgtools import PgToolsMissingError
from app.db.schema import SchemaState, is_known_revision, schema_state
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission, Role
from app.infra.paths import AppPaths
from app.infra.settings import load_settings
from app.infra.workspace import tracked, work_area
from app.services import restore_journal
from app.services.audit import append_event
from app.services.auth import AuthError, authorize, has_officers, password_matches
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor

KEEP_DAILY = 14
AUTO_PREFIX = "loket-auto-"
DEFAULT_TZ = "Asia/Jakarta"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file in the backup folder, for the list the supervisor restores from."""

    path: Path
    kind: str  # "auto", "manual", "pre-upgrade", "replaced"
    backend: str  # "sqlite" or "postgresql"
    size_bytes: int
    modified_at: dt.datetime  # aware UTC, from the file system


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What ``inspect_backup`` found; ``ok`` means ``restore_backup`` will accept the file."""

    path: Path
    backend: str | None  # "sqlite", "postgresql", or None when not a backup at all
    revision: str | None
    head: str
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def needs_upgrade(self) -> bool:
        return self.ok and self.revision != self.head


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: where from, where the replaced database was kept, and if it needs an upgrade."""

    restored_from: Path
    replaced_kept_at: Path | None  # the database as it was just before the restore
    revision: str
    needs_upgrade: bool  # an older schema: reopen the app (bootstrap backs up, then upgrades)


class UpgradeBackupError(mech.BackupError):
    """The schema must be upgraded, but the backup that has to come first failed."""


def backup_folder_for(paths: AppPaths) -> Path:
    """The backup folder these settings name (``backups`` in the data folder when none is set)."""
    configured = load_settings(paths).backup_dir
    return Path(configured).expanduser() if configured else paths.data / "backups"


def backup_folder(ctx: ServiceContext) -> Path:
    """The backup folder this installation uses."""
    return backup_folder_for(ctx.paths)


def _backend(engine: Engine) -> str:
    return "sqlite" if engine.dialect.name == "sqlite" else "postgresql"


def _suffix(engine: Engine) -> str:
    return ".sqlite3" if engine.dialect.name == "sqlite" else ".dump"


def _stamp(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%SZ")


def _live_file(engine: Engine) -> Path:
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None:
        raise mech.BackupError("Basis data SQLite di memori tidak dapat dicadangkan.")
    return path


def _ensure_folder(folder: Path) -> None:
    """Backups hold personal data: a folder we create is private to this account."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def _write_backup(
    engine: Engine,
    dest: Path,
    paths: AppPaths,
    *,
    exclusive: bool = False,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> bool:
    """The backup file, private (0600) from its first byte; its partial file is registered, so a
    killed backup leaves nothing behind after the next start."""
    try:
        _ensure_folder(dest.parent)
        with tracked(paths, mech.partial_path(dest)):
            if engine.dialect.name == "sqlite":
                return mech.backup_sqlite(
                    _live_file(engine), dest, exclusive=exclusive, progress=progress, cancel=cancel
                )
            return mech.pg_dump(engine, dest, exclusive=exclusive, progress=progress, cancel=cancel)
    except PgToolsMissingError as exc:
        raise mech.BackupError(str(exc)) from exc
    except OSError as exc:
        raise mech.BackupError(
            f"Cadangan tidak dapat ditulis ke {dest.parent}: {exc.strerror or exc}"
        ) from exc


def _info(path: Path) -> BackupInfo:
    name = path.name
    kind = "manual"
    for prefix, k in (
        (AUTO_PREFIX, "auto"),
        ("loket-pre-upgrade-", "pre-upgrade"),
        ("loket-replaced-", "replaced"),
    ):
        if name.startswith(prefix):
            kind = k
    st = path.stat()
    return BackupInfo(
        path,
        kind,
        "sqlite" if name.endswith(".sqlite3") else "postgresql",
        st.st_size,
        dt.datetime.fromtimestamp(st.st_mtime, dt.UTC),
    )


def _audit_backup(ctx: ServiceContext, actor: Actor, info: BackupInfo) -> None:
    ctx.write(
        lambda s: append_event(
            s,
            ctx,
            actor=actor,
            action="db.backup",
            entity="database",
            details={"file": info.path.name, "kind": info.kind, "bytes": info.size_bytes},
        )
    )


def backup_now(
    ctx: ServiceContext,
    actor: Actor,
    dest: Path | None = None,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> BackupInfo:
    """Back up the database now, to ``dest`` or a time-stamped file in the backup folder: a
    supervisor's power (a backup is every member's personal data, written wherever asked)."""
    authorize(ctx, actor, Permission.SETTINGS)
    target = dest or backup_folder(ctx) / f"loket-{_stamp(ctx.clock())}{_suffix(ctx.engine)}"
    _refuse_the_live_file(ctx.engine, target)
    _write_backup(ctx.engine, target, ctx.paths, progress=progress, cancel=cancel)
    info = _info(target)
    _audit_backup(ctx, actor, info)
    return info


def _refuse_the_live_file(engine: Engine, path: Path) -> None:
    """A backup written over the database itself (or read from it as a "backup") is a mistake."""
    if engine.dialect.name != "sqlite":
        return
    live = _live_file(engine).resolve()
    names = {live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")}
    if path.resolve() in names:
        raise mech.BackupError(f"{path} adalah basis data yang sedang dipakai, bukan file cadangan.")


def _pg_alone(engine: Engine) -> None:
    others = mech.pg_other_sessions(engine)
    if others:
        raise mech.DatabaseInUseError(
            f"Masih ada {len(others)} koneksi lain ke basis data ini "
            f"({', '.join(sorted(set(others))[:5])}). Tutup Loket di semua loket, lalu ulangi pemulihan."
        )


def _today(ctx: ServiceContext) -> dt.date:
    branch = current_branch(ctx)
    return business_date(ctx.clock(), branch.timezone if branch else DEFAULT_TZ)


def daily_backup_if_due(
    ctx: ServiceContext,
    actor: Actor,
    *,
    keep: int = KEEP_DAILY,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> BackupInfo | None:
    """At the first start of a business day, back up the SQLite database and keep the newest
    ``keep`` daily backups. Returns None when today's backup exists already, and for PostgreSQL
    (the branch server is backed up on the server, by IT's schedule or ``loket backup``).

    Any officer's start of the day may trigger it (``actor``, named in the audit event): it writes
    only into the private backup folder. Two windows starting at once produce one file.
    """
    if ctx.engine.dialect.name != "sqlite":
        return None
    folder = backup_folder(ctx)
    dest = folder / f"{AUTO_PREFIX}{_today(ctx).isoformat()}.sqlite3"
    if dest.exists():
        return None
    if not _write_backup(ctx.engine, dest, ctx.paths, exclusive=True, progress=progress, cancel=cancel):
        return None  # another process made it a moment ago
    info = _info(dest)
    _audit_backup(ctx, actor, info)
    rotate_daily(folder, keep=keep)
    return info


def rotate_daily(folder: Path, *, keep: int = KEEP_DAILY) -> list[Path]:
    """Delete all but the ``keep`` newest daily backups; returns what was deleted."""
    daily = sorted(folder.glob(f"{AUTO_PREFIX}????-??-??.sqlite3"), reverse=True)
    gone = daily[keep:]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def list_backups(ctx: ServiceContext) -> tuple[BackupInfo, ...]:
    """Backups in the backup folder, newest first (for the restore dialog)."""
    folder = backup_folder(ctx)
    if not folder.is_dir():
        return ()
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix in (".sqlite3", ".dump")]
    infos = [_info(p) for p in files if not p.name.startswith(".")]
    return tuple(sorted(infos, key=lambda i: (i.modified_at, i.path.name), reverse=True))


def _check(path: Path, engine: Engine, inspection: mech.Inspection | None, error: str | None) -> BackupCheck:
    state = schema_state(engine)
    backend = None if inspection is None else ("sqlite" if inspection.kind == "sqlite" else "postgresql")
    issues: list[Issue] = []
    if error:
        issues.append(Issue("file", "backup.unreadable", error))
    elif inspection is not None:
        if backend != _backend(engine):
            hint = (
                "Pindahkan data SQLite ke server dengan 'loket db copy --to URL'."
                if backend == "sqlite"
                else "Arsip PostgreSQL hanya dapat dipulihkan ke server PostgreSQL."
            )
            issues.append(
                Issue(
                    "file",
                    "backup.backend",
                    msg(
                        "Cadangan {backend} tidak dapat dipulihkan ke basis data {backend2}. {hint}",
                        backend=backend,
                        backend2=_backend(engine),
                        hint=hint,
                    ),
                )
            )
        if inspection.integrity != "ok":
            issues.append(
                Issue(
                    "file",
                    "backup.integrity",
                    msg(
                        "Cadangan rusak (pemeriksaan keutuhan: {integrity}).", integrity=inspection.integrity
                    ),
                )
            )
        elif not inspection.is_loket:
            issues.append(Issue("file", "backup.not_loket", "File ini bukan basis data Loket."))
        else:
            if not is_known_revision(inspection.revision):
                issues.append(
                    Issue(
                        "file",
                        "backup.too_new",
                        msg(
                            "Cadangan ini dibuat oleh versi Loket yang lebih baru (skema {revision}). Perbarui aplikasi Loket lebih dulu.",
                            revision=inspection.revision,
                        ),
                    )
                )
    return BackupCheck(path, backend, inspection.revision if inspection else None, state.head, tuple(issues))


def _inspect(engine: Engine, path: Path, staging: Path) -> tuple[BackupCheck, Path | None]:
    if not path.is_file():
        issue = Issue("file", "backup.missing", msg("File cadangan tidak ditemukan: {path}", path=path))
        return BackupCheck(path, None, None, schema_state(engine).head, (issue,)), None
    kind = mech.file_kind(path)
    if kind == "unknown":
        issue = Issue(
            "file", "backup.kind", "File ini bukan cadangan Loket (bukan SQLite maupun arsip pg_dump)."
        )
        return BackupCheck(path, None, None, schema_state(engine).head, (issue,)), None
    try:
        if kind == "sqlite":
            staged = mech.stage_sqlite(path, staging)
            return _check(path, engine, mech.inspect_sqlite(staged, full=True), None), staged
        return _check(path, engine, mech.inspect_pg_archive(path), None), path
    except (mech.BackupError, PgToolsMissingError) as exc:
        return _check(path, engine, None, str(exc)), None


def inspect_backup(ctx: ServiceContext, path: Path) -> BackupCheck:
    """Check a backup file before restoring it: kind, integrity, a Loket schema this app knows."""
    with work_area(ctx.paths, "restore") as staging:
        return _inspect(ctx.engine, path, staging)[0]


def restore_backup(
    ctx: ServiceContext,
    actor: Actor,
    path: Path,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> RestoreResult:
    """Replace the database with a backup, after checking it; the replaced one is kept.

    Refused (``DatabaseInUseError``) while any other connection has the database open: other
    windows, counters or scripts must close first. This process's own pooled connections are
    closed here; afterwards the caller must reopen the app through bootstrap (the restored
    schema may be older and is then upgraded, after a backup, like any older database).
    """
    authorize(ctx, actor, Permission.SETTINGS)
    return _restore(ctx, actor, path, progress=progress, cancel=cancel)


def _restore(
    ctx: ServiceContext,
    actor: Actor,
    path: Path,
    *,
    progress: ProgressSink,
    cancel: CancelToken,
    admit: Callable[[BackupCheck, Path], None] | None = None,
) -> RestoreResult:
    """The restore itself, journalled (``app.services.restore_journal``): its ``db.restore`` event
    is written when it completes, or by the next start if it could not be (killed, or an older
    schema that must first be upgraded). ``admit`` may refuse the checked backup before anything
    is replaced."""
    engine = ctx.engine
    _refuse_the_live_file(engine, path)
    with work_area(ctx.paths, "restore") as staging:
        progress(0, 0, "Memeriksa keutuhan cadangan…")
        check, source = _inspect(engine, path, staging)
        if not check.ok or source is None:
            raise DomainError(list(check.issues))
        assert check.revision is not None
        if admit is not None:
            admit(check, source)
        stamp = _stamp(ctx.clock())
        kept: Path | None
        if engine.dialect.name == "sqlite":
            live = _live_file(engine)
            kept = live.with_name(f"{live.stem}.replaced-{stamp}{live.suffix}") if live.exists() else None
        else:
            kept = backup_folder(ctx) / f"loket-replaced-{stamp}.dump"
        journal = restore_journal.begin(ctx, actor, path, kept)
        engine.dispose()  # our own idle connections would count as "in use"
        try:
            if engine.dialect.name == "sqlite":
                with tracked(ctx.paths, mech.partial_path(kept)) if kept else contextlib.nullcontext():
                    mech.restore_sqlite(
                        source, _live_file(engine), keep_as=kept, progress=progress, cancel=cancel
                    )
            else:
                assert kept is not None
                _pg_alone(engine)
                _write_backup(engine, kept, ctx.paths, progress=progress, cancel=cancel)
                _pg_alone(engine)  # again: someone may have connected during the dump
                mech.pg_restore_replace(engine, source, progress=progress, cancel=cancel)
        except BaseException:
            engine.dispose()
            with contextlib.suppress(Exception):  # nothing was replaced: no event, no journal
                restore_journal.finish(ctx, journal, at_start=False)
            raise
        engine.dispose()
    result = RestoreResult(path, kept, check.revision, check.needs_upgrade)
    if not result.needs_upgrade:
        restore_journal.finish(ctx, journal, at_start=False)
    return result


def restore_onto_new(
    ctx: ServiceContext,
    username: str,
    password: str,
    path: Path,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> RestoreResult:
    """A new, empty database (a replaced computer, a rebuilt server) has no supervisor to ask: the
    supervisor proves who they are against the backup being restored, whose accounts are about to
    become this database's. Refused as soon as this database has any account (then it is
    ``restore_backup``, by one of its own supervisors). A refusal is audited here."""
    if has_officers(ctx):
        raise DomainError(
            Issue(
                "supervisor",
                "restore.not_new",
                "Basis data ini sudah punya akun: pemulihan dilakukan supervisornya (kata sandinya diminta).",
            )
        )

    def admit(check: BackupCheck, source: Path) -> None:
        row = mech.officer_in_backup(source, check.backend or "", username.strip().lower())
        ok = (
            row is not None
            and row.role == Role.SUPERVISOR.value
            and row.active
            and password_matches(row.password_hash, password)
        )
        if not ok or row is None:
            ctx.write(
                lambda s: append_event(
                    s,
                    ctx,
                    actor=None,
                    action="restore.denied",
                    entity="officer",
                    entity_id=username[:40],
                    details={"file": path.name},
                )
            )
            raise AuthError(
                "login.invalid", "Nama pengguna atau kata sandi supervisor (di cadangan itu) salah."
            )

    # The journal names the supervisor; the event is written under their account in the restored data.
    named = Actor(0, username.strip().lower(), username, Role.SUPERVISOR.value)
    return _restore(ctx, named, path, progress=progress, cancel=cancel, admit=admit)


def pre_upgrade_backup(
    engine: Engine, paths: AppPaths, clock: Callable[[], dt.datetime]
) -> Callable[[SchemaState], Path]:
    """For ``app.db.schema.upgrade(before_upgrade=…)``: back up an older database first."""
    folder = backup_folder_for(paths)

    def run(state: SchemaState) -> Path:
        dest = folder / f"loket-pre-upgrade-{state.current}-{_stamp(clock())}{_suffix(engine)}"
        try:
            _write_backup(engine, dest, paths)
        except mech.BackupError as exc:
            raise UpgradeBackupError(
                f"Skema basis data perlu diperbarui ({state.current} → {state.head}), tetapi cadangan "
                f"sebelum pembaruan gagal: {exc.message} Pembaruan dibatalkan; data tidak diubah."
            ) from exc
        return dest

    return run
