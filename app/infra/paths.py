"""Where Loket keeps its files: the user data folder (platformdirs), or ``LOKET_HOME``."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Loket"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Where Loket keeps its database, settings, keys and logs on this computer."""

    data: Path  # the SQLite database and backups
    config: Path  # settings.json
    keys: Path  # secret keys, outside the database and outside backups
    logs: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def default_database(self) -> Path:
        return self.data / "loket.sqlite3"

    def ensure(self) -> None:
        for p in (self.data, self.config, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        self.keys.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            self.keys.chmod(0o700)


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    root = home if home is not None else os.environ.get("LOKET_HOME")
    if root:
        base = Path(root)
        return AppPaths(base / "data", base / "config", base / "keys", base / "logs")
    dirs = PlatformDirs(APP_NAME, appauthor=False)
    config = Path(dirs.user_config_dir)
    return AppPaths(Path(dirs.user_data_dir), config, config / "keys", Path(dirs.user_log_dir))


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the PyInstaller bundle, or at the repository root."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
