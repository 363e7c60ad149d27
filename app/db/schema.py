"""Create, upgrade and inspect the schema with Alembic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    cfg.set_main_option("path_separator", "os")
    return cfg


@dataclass(frozen=True, slots=True)
class SchemaState:
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
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except Exception:
            known = False
    return SchemaState(current, head, known)


class SchemaTooNewError(RuntimeError):
    pass


def upgrade(engine: Engine, revision: str = "head") -> SchemaState:
    """Create or upgrade the schema; refuse a database from a newer Loket."""
    state = schema_state(engine)
    if not state.known:
        raise SchemaTooNewError(
            f"Basis data ini dibuat oleh versi Loket yang lebih baru (skema {state.current}). "
            "Perbarui aplikasi Loket sebelum membukanya."
        )
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return schema_state(engine)
