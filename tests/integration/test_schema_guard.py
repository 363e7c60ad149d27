"""Opening a database: a newer schema is refused, an older one is backed up and then upgraded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.bootstrap import open_app
from app.db import schema
from app.db.backup import file_kind, inspect_pg_archive, inspect_sqlite
from app.db.engine import make_engine
from app.db.schema import SchemaTooNewError
from app.infra.settings import load_settings, save_settings
from app.services import backup, branch
from app.services.backup import UpgradeBackupError
from tests.pg_fixtures import is_sqlite

ROOT = Path(__file__).resolve().parents[2]

PROBE_MIGRATION = '''"""test only: a later schema"""
import sqlalchemy as sa
from alembic import op

revision = "9999probe"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe_upgrade", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("probe_upgrade")
'''


def stamp(url: str, revision: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_database_from_a_newer_loket_is_refused(any_db_url: str, home: Path) -> None:
    open_app(any_db_url, home=home).ctx.engine.dispose()
    stamp(any_db_url, "ffffffffffff")
    with pytest.raises(SchemaTooNewError, match="versi Loket yang lebih baru"):
        open_app(any_db_url, home=home)
    # Looking is still allowed (``loket db status``), changing is not.
    looked = open_app(any_db_url, home=home, migrate=False)
    looked.ctx.engine.dispose()
    assert looked.schema.current == "ffffffffffff" and not looked.schema.known


def test_the_cli_says_so_and_exits_3(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "LOKET_HOME": str(home)}
    env.pop("LOKET_DB", None)
    cli = [sys.executable, "-m", "app.cli"]
    assert subprocess.run([*cli, "db", "upgrade"], env=env, capture_output=True, timeout=120).returncode == 0
    stamp(f"sqlite+pysqlite:///{home}/data/loket.sqlite3", "ffffffffffff")
    r = subprocess.run([*cli, "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 3 and "lebih baru (skema ffffffffffff)" in r.stderr
    assert "Traceback" not in r.stderr


class LaterLoket:
    """Makes this process a "newer Loket": one more migration than the database has."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        script = ScriptDirectory.from_config(schema.alembic_config())
        self.old_head = script.get_current_head()
        folder.mkdir()
        (folder / "9999_probe.py").write_text(PROBE_MIGRATION.format(head=self.old_head), encoding="utf-8")
        self._folder = folder
        self._monkeypatch = monkeypatch

    def enable(self) -> None:
        original = schema.alembic_config
        locations = os.pathsep.join([str(schema.MIGRATIONS / "versions"), str(self._folder)])

        def config() -> Config:
            cfg = original()
            cfg.set_main_option("version_locations", locations)
            return cfg

        self._monkeypatch.setattr(schema, "alembic_config", config)


@pytest.fixture
def later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LaterLoket:
    return LaterLoket(tmp_path / "later_versions", monkeypatch)


def test_an_older_database_is_backed_up_before_it_is_upgraded(
    any_db_url: str, home: Path, later: LaterLoket
) -> None:
    old = open_app(any_db_url, home=home)
    branch.setup_branch(old.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    old.ctx.engine.dispose()

    later.enable()
    new = open_app(any_db_url, home=home)
    try:
        assert new.schema.current == "9999probe" and new.schema.up_to_date
        assert "probe_upgrade" in inspect(new.ctx.engine).get_table_names()
        made = [i for i in backup.list_backups(new.ctx) if i.kind == "pre-upgrade"]
        assert len(made) == 1
        saved = made[0].path
        assert saved.name.startswith(f"loket-pre-upgrade-{later.old_head}-")
        if is_sqlite(any_db_url):
            check = inspect_sqlite(saved)
            assert check.integrity == "ok"
        else:
            assert file_kind(saved) == "pgdump"
            check = inspect_pg_archive(saved)
        # The backup holds the database as it was: the old revision, no new table.
        assert check.revision == later.old_head and check.is_loket and "probe_upgrade" not in check.tables
        # Opening again makes no second backup.
        open_app(any_db_url, home=home).ctx.engine.dispose()
        assert len([i for i in backup.list_backups(new.ctx) if i.kind == "pre-upgrade"]) == 1
    finally:
        new.ctx.engine.dispose()


def test_no_upgrade_when_the_backup_fails(home: Path, later: LaterLoket, tmp_path: Path) -> None:
    opened = open_app(home=home)
    opened.ctx.engine.dispose()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    save_settings(
        opened.ctx.paths, load_settings(opened.ctx.paths).with_(backup_dir=str(blocker / "backups"))
    )

    later.enable()
    with pytest.raises(UpgradeBackupError, match="Pembaruan dibatalkan"):
        open_app(home=home)
    looked = open_app(home=home, migrate=False)
    looked.ctx.engine.dispose()
    assert looked.schema.current == later.old_head and not looked.schema.up_to_date  # untouched
