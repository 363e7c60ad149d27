"""Create, upgrade and inspect the schema with Alembic."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: counters starting together upgrade one at a time.
_MIGRATION_LOCK = 0x4C4F4B4554  # "LOKET"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    cfg.set_main_option("path_separator", "os")
    return cfg


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Which migration the database stands at against the one this Loket expects."""

    current: str | None  # None: an empty database
    head: str
    known: bool  # False: the database was made by a newer Loket

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    known = current is None or is_known_revision(current, script)
    return SchemaState(current, head, known)


def is_known_revision(revision: str | None, script: ScriptDirectory | None = None) -> bool:
    """Whether this Loket has a migration called ``revision`` (False: made by a newer Loket)."""
    if revision is None:
        return False
    script = script or ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False


class SchemaTooNewError(RuntimeError):
    """Raised when the database was migrated by a newer Loket, so this one must not open it."""

    pass


def too_new_message(revision: str | None) -> str:
    return (
        f"Basis data ini dibuat oleh versi Loket yang lebih baru (skema {revision}). "
        "Perbarui aplikasi Loket sebelum membukanya."
    )


class ForeignKeyBrokenError(RuntimeError):
    """A migration would have left rows pointing at rows that no longer exist: nothing was changed."""


def migrate(engine: Engine, action: str, revision: str) -> None:
    """Run Alembic's ``upgrade`` or ``downgrade`` in one transaction.

    On SQLite, rebuilding a table (how SQLite changes a constraint or drops a column) drops the old
    table, which foreign keys would refuse while other tables point at it. So, as SQLite's own
    procedure says, foreign keys are off during the migration and every reference is checked
    (``PRAGMA foreign_key_check``) before the commit; a broken one rolls the whole migration back.
    """
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw: Any = conn.connection.dbapi_connection
        if sqlite:  # on the driver: a statement through SQLAlchemy would begin a transaction first
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # Alembic reads the version inside this lock, so the second counter finds the
                    # schema already upgraded. (SQLite's BEGIN IMMEDIATE serialises the same way.)
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                cfg.attributes["connection"] = conn
                getattr(command, action)(cfg, revision)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise ForeignKeyBrokenError("migrasi membuat referensi antar tabel rusak; dibatalkan")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade(
    engine: Engine,
    revision: str = "head",
    *,
    before_upgrade: Callable[[SchemaState], object] | None = None,
) -> SchemaState:
    """Create or upgrade the schema; refuse a database from a newer Loket.

    ``before_upgrade`` runs when an existing database (not an empty one) is about to change:
    bootstrap passes a backup there, and an exception from it cancels the upgrade.
    """
    state = schema_state(engine)
    if not state.known:
        raise SchemaTooNewError(too_new_message(state.current))
    if state.current is not None and not state.up_to_date and before_upgrade is not None:
        before_upgrade(state)
    try:
        migrate(engine, "upgrade", revision)
    except CommandError:
        # A newer Loket upgraded the database between our look and our lock.
        again = schema_state(engine)
        if not again.known:
            raise SchemaTooNewError(too_new_message(again.current)) from None
        raise
    return schema_state(engine)
