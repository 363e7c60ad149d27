"""The database settings page's services: probe a URL, then save it for this computer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import open_app
from app.db.engine import make_engine
from app.domain.issues import DomainError
from app.infra.paths import app_paths
from app.infra.settings import load_settings
from app.services.dbsettings import probe_database, save_database_url


def codes(probe: object) -> list[str]:
    return [i.code for i in probe.issues]  # type: ignore[attr-defined]


def test_a_new_sqlite_file_is_fine_and_is_not_created_by_probing(tmp_path: Path) -> None:
    target = tmp_path / "laptop" / "loket.sqlite3"
    probe = probe_database(str(target))
    assert probe.ok and probe.backend == "sqlite" and not probe.exists and probe.schema is None
    assert probe.url.startswith("sqlite") and not target.parent.exists()


def test_unusable_urls_are_explained(tmp_path: Path) -> None:
    assert codes(probe_database(str(tmp_path / "Dropbox" / "loket.sqlite3"))) == ["db.location"]
    assert codes(probe_database("mysql://root@localhost/loket")) == ["db.url"]
    assert codes(probe_database("postgresql+psycopg://loket@127.0.0.1:1/loket")) == ["db.connect"]


@pytest.mark.postgres
def test_postgres_databases_empty_current_newer_and_foreign(
    pg_url: str, pg_empty_url: str, home: Path
) -> None:
    current = probe_database(pg_url)
    assert current.ok and current.exists and current.schema == current.head and not current.needs_upgrade
    assert "@" not in current.label  # no user or password in the status bar label

    empty = probe_database(pg_empty_url)
    assert empty.ok and not empty.exists and empty.schema is None

    for url, sql in (
        (pg_url, "UPDATE alembic_version SET version_num = 'ffffffffffff'"),
        (pg_empty_url, "CREATE TABLE invoices (id int)"),
    ):
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text(sql))
        engine.dispose()
    assert codes(probe_database(pg_url)) == ["db.too_new"]
    assert codes(probe_database(pg_empty_url)) == ["db.foreign"]


@pytest.mark.postgres
def test_saving_the_server_url_makes_the_next_start_use_it(pg_url: str, home: Path) -> None:
    paths = app_paths(home)
    probe = save_database_url(paths, pg_url)
    assert probe is not None and load_settings(paths).database_url == pg_url
    opened = open_app(home=home)
    try:
        assert opened.database_label.startswith("PostgreSQL:")
    finally:
        opened.ctx.engine.dispose()
    save_database_url(paths, None)
    assert load_settings(paths).database_url is None
    with pytest.raises(DomainError):
        save_database_url(paths, "postgresql+psycopg://loket@127.0.0.1:1/loket")
    assert load_settings(paths).database_url is None
