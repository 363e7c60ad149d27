"""Composition root: settings → engine → session factory → services. GUI, CLI and tests start here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.db.engine import describe, make_engine, make_session_factory, sqlite_path, sqlite_url
from app.db.schema import SchemaState, schema_state, upgrade
from app.domain.regions import default_regions
from app.infra.paths import AppPaths, app_paths
from app.infra.reference import load_reference
from app.infra.secrets import load_or_create_key
from app.infra.settings import Settings, load_settings
from app.infra.storage import check_sqlite_location
from app.infra.workspace import clean_stale
from app.services.audit import check_audit_key
from app.services.backup import backup_folder_for, pre_upgrade_backup
from app.services.context import ServiceContext, utc_now
from app.services.restore_journal import finish_pending as finish_pending_restore


@dataclass(frozen=True, slots=True)
class Opened:
    """What opening Loket's database gives the GUI and CLI: the services, the settings and the schema state."""

    ctx: ServiceContext
    settings: Settings
    database_url: str
    schema: SchemaState

    @property
    def database_label(self) -> str:
        return describe(self.database_url)


def resolve_database_url(paths: AppPaths, settings: Settings, db: str | None) -> str:
    """``--db`` beats ``LOKET_DB`` beats settings.json beats the SQLite file in the data folder."""
    url = db or os.environ.get("LOKET_DB") or settings.database_url
    if not url:
        return sqlite_url(str(paths.default_database))
    if "://" not in url:  # a bare path means a SQLite file
        return sqlite_url(str(Path(url).expanduser().resolve()))
    return url


def open_app(
    db: str | None = None,
    *,
    home: str | os.PathLike[str] | None = None,
    migrate: bool = True,
    clock: Callable[[], dt.datetime] = utc_now,
    counter: str | None = None,
) -> Opened:
    paths = app_paths(home)
    paths.ensure()
    settings = load_settings(paths)
    url = resolve_database_url(paths, settings, db)
    if (db_path := sqlite_path(url)) is not None:
        # Refuse network shares and cloud-sync folders (UnsafeStorageError) before creating anything.
        check_sqlite_location(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
    # What killed runs left (work folders, partial backups, exports and copies) goes first.
    clean_stale(paths, [backup_folder_for(paths), *([db_path.parent] if db_path is not None else [])])
    engine = make_engine(url)
    try:
        if migrate:
            # An existing older schema is backed up first (UpgradeBackupError if that fails); a
            # newer one is refused (SchemaTooNewError). The daily backup is not taken here: see
            # app.services.backup.daily_backup_if_due, which the GUI runs in its task runner.
            backup = pre_upgrade_backup(engine, paths, clock)
            state = upgrade(engine, before_upgrade=backup)
        else:
            state = schema_state(engine)
    except BaseException:
        engine.dispose()
        raise
    if url.startswith("sqlite") and os.name == "posix":
        db_file = Path(url.split(":///", 1)[-1])
        for suffix in ("", "-wal", "-shm"):
            f = db_file.with_name(db_file.name + suffix)
            if f.exists():
                f.chmod(0o600)
    ctx = ServiceContext(
        engine=engine,
        session_factory=make_session_factory(engine),
        paths=paths,
        audit_key=load_or_create_key(paths.keys / "audit.key"),
        counter=(counter or settings.counter_name)[:64],
        regions=default_regions(),
        reference=load_reference(),
        clock=clock,
    )
    if migrate:
        try:
            check_audit_key(ctx)  # AuditKeyMismatchError: copy the key from the first counter
            finish_pending_restore(ctx)  # a restore killed, or waiting for this upgrade: its event
        except BaseException:
            engine.dispose()
            raise
    return Opened(ctx, settings, url, state)


def open_kanwil(opened: Opened, url: str, *, timeout_s: int = 5) -> Opened:
    """The Kanwil's database, opened beside the one this window works on (the Wilayah page): the same
    home, audit key, reference data and clock. Nothing is upgraded from here, and a computer whose
    audit key is not the Kanwil's is refused before anything is written (a login is audited there).
    Refusals are ``DomainError`` (URL, server, schema, not a Kanwil) or ``AuditKeyMismatchError``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from app.domain.issues import DomainError, Issue
    from app.services.region.setup import require_kanwil

    def refuse(code: str, message: str) -> DomainError:
        return DomainError(Issue("kanwil_url", code, message))

    text = url.strip()
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise refuse(
            "kanwil.url", "URL Kanwil tidak dikenali. Contoh: postgresql+psycopg://loket@kanwil/loket"
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise refuse("kanwil.url", "Basis data Kanwil selalu server PostgreSQL (postgresql+psycopg://…).")
    engine = make_engine(text, connect_args={"connect_timeout": timeout_s})
    try:
        try:
            state = schema_state(engine)
        except DBAPIError:
            raise refuse(
                "kanwil.unreachable",
                f"Server Kanwil ({describe(text)}) tidak dapat dihubungi, atau nama pengguna/kata sandi di URL "
                "ditolak. Periksa alamat dan jaringan.",
            ) from None
        if state.current is None or not state.up_to_date:
            raise refuse(
                "kanwil.schema",
                f"Basis data di {describe(text)} belum disiapkan atau versinya berbeda dengan Loket ini. "
                "IT Kanwil menyiapkan atau memperbaruinya: loket region init --db URL_KANWIL.",
            )
        ctx = ServiceContext(
            engine=engine,
            session_factory=make_session_factory(engine),
            paths=opened.ctx.paths,
            audit_key=opened.ctx.audit_key,
            counter=opened.ctx.counter,
            regions=opened.ctx.regions,
            reference=opened.ctx.reference,
            clock=opened.ctx.clock,
        )
        require_kanwil(ctx)
        check_audit_key(ctx)
    except BaseException:
        engine.dispose()
        raise
    return Opened(ctx, opened.settings, text, state)
