"""Autogenerate an Alembic revision: ``python tools/new_migration.py "message" REV_ID``.

Upgrades a scratch SQLite database to head, then diffs it against the models.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from app.db.engine import make_engine, sqlite_url
from app.db.schema import alembic_config


def main() -> None:
    message, rev_id = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as d:
        engine = make_engine(sqlite_url(str(Path(d) / "scratch.sqlite3")))
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
