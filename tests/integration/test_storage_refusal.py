"""open_app refuses a SQLite database on a network share or in a cloud-sync folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import open_app
from app.infra.storage import UnsafeStorageError


def test_a_sqlite_database_in_a_sync_folder_is_refused(tmp_path: Path, home: Path) -> None:
    target = tmp_path / "OneDrive - Kantor" / "loket.sqlite3"
    with pytest.raises(UnsafeStorageError, match=r"sinkronisasi awan \(OneDrive\)"):
        open_app(str(target), home=home)
    assert not target.parent.exists()  # nothing was created there

    env = {**os.environ, "LOKET_HOME": str(home), "LOKET_DB": str(tmp_path / "Dropbox" / "loket.sqlite3")}
    r = subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 3 and "Dropbox" in r.stderr and "Traceback" not in r.stderr


def test_a_symlink_into_a_sync_folder_is_refused_too(tmp_path: Path, home: Path) -> None:
    real = tmp_path / "Dropbox" / "loket"
    real.mkdir(parents=True)
    link = tmp_path / "data-loket"
    link.symlink_to(real)
    with pytest.raises(UnsafeStorageError):
        open_app(str(link / "loket.sqlite3"), home=home)
