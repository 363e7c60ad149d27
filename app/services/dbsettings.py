"""The database settings page: try a database URL before saving it, then save it.

Nothing here opens the app on the new database; after saving, the GUI restarts through
``app.bootstrap.open_app`` (which upgrades the schema, after a backup, when needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from app.db.engine import describe, make_engine, sqlite_path, sqlite_url
from app.db.schema import schema_state
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.infra.paths import AppPaths
from app.infra.settings import load_settings, save_settings
from app.infra.storage import UnsafeStorageError, check_sqlite_location


@dataclass(frozen=True, slots=True)
class DatabaseProbe:
    """What ``probe_database`` found. ``ok``: Loket can use this database (maybe after an upgrade)."""

    url: str  # normalised (a bare path became a SQLite URL)
    label: str  # password-free, for the status bar
    backend: str  # "sqlite" or "postgresql"
    reachable: bool
    exists: bool  # False: a SQLite file or an empty database that Loket will set up
    schema: str | None  # the revision found, None when empty
    head: str
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.reachable and not self.issues

    @property
    def needs_upgrade(self) -> bool:
        return self.ok and self.schema is not None and self.schema != self.head


def normalise_url(url: str) -> str:
    """A database URL as stored: a bare file path becomes a SQLite URL to the absolute path."""
    text = url.strip()
    if "://" not in text:
        return sqlite_url(str(Path(text).expanduser().resolve()))
    return text


def probe_database(url: str, *, timeout_seconds: int = 5) -> DatabaseProbe:
    """Connect (without creating anything), and report the schema and any problem in Indonesian.

    Issue codes: ``db.url`` (not a URL Loket understands), ``db.location`` (SQLite on a network
    share or in a sync folder), ``db.connect`` (server unreachable, wrong password …),
    ``db.too_new`` (made by a newer Loket), ``db.foreign`` (holds another application's tables).
    """
    try:
        normal = normalise_url(url)
        parsed = make_url(normal)
    except ArgumentError:
        issue = Issue("database_url", "db.url", "Alamat basis data tidak dikenali.")
        return DatabaseProbe(url, url, "?", False, False, None, "", (issue,))
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        issue = Issue("database_url", "db.url", "Loket hanya mendukung SQLite dan PostgreSQL.")
        return DatabaseProbe(normal, normal, backend, False, False, None, "", (issue,))
    label = describe(normal)
    path = sqlite_path(normal)
    if path is not None:
        try:
            check_sqlite_location(path)
        except UnsafeStorageError as exc:
            issue = Issue("database_url", "db.location", exc.message)
            return DatabaseProbe(normal, label, backend, False, False, None, "", (issue,))
        if not path.exists():
            head = _head()
            return DatabaseProbe(normal, label, backend, True, False, None, head)
    args = {"connect_timeout": timeout_seconds} if backend == "postgresql" else {}
    engine = make_engine(normal, connect_args=args) if args else make_engine(normal)
    try:
        state = schema_state(engine)
        tables = set(inspect(engine).get_table_names())
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        issue = Issue(
            "database_url", "db.connect", msg("Tidak dapat terhubung ke basis data: {detail}", detail=detail)
        )
        return DatabaseProbe(normal, label, backend, False, False, None, _head(), (issue,))
    finally:
        engine.dispose()
    issues: list[Issue] = []
    if not state.known:
        issues.append(
            Issue(
                "database_url",
                "db.too_new",
                msg(
                    "Basis data ini dibuat oleh versi Loket yang lebih baru (skema {current}).",
                    current=state.current,
                ),
            )
        )
    if state.current is None and tables:
        issues.append(
            Issue(
                "database_url",
                "db.foreign",
                "Basis data ini berisi tabel aplikasi lain; pakai basis data kosong untuk Loket.",
            )
        )
    return DatabaseProbe(normal, label, backend, True, bool(tables), state.current, state.head, tuple(issues))


def _head() -> str:
    from alembic.script import ScriptDirectory

    from app.db.schema import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def save_database_url(paths: AppPaths, url: str | None) -> DatabaseProbe | None:
    """Store the database for this computer in settings.json (None: back to the local SQLite
    file). Refuses (``DomainError``) a URL that ``probe_database`` finds unusable."""
    settings = load_settings(paths)
    if url is None:
        save_settings(paths, settings.with_(database_url=None))
        return None
    probe = probe_database(url)
    if not probe.ok:
        raise DomainError(list(probe.issues))
    save_settings(paths, settings.with_(database_url=probe.url))
    return probe
