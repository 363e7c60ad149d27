"""Per-machine settings (settings.json): the database URL and this counter's name."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from app.infra.paths import AppPaths


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str | None = None  # None: SQLite in the user data folder
    counter_name: str = ""
    language: str = "id"
    idle_lock_minutes: int = 10
    backup_dir: str | None = None  # None: "backups" in the data folder
    card_printer: str | None = None  # None: ask with the print dialog every time
    card_offset_x_mm: float = 0.0  # card-printer alignment (positive: right)
    card_offset_y_mm: float = 0.0  # (positive: down)
    ktp_scanner_dir: str | None = None  # the scanner's output folder, for "newest scan" when reading a KTP

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(paths: AppPaths) -> Settings:
    file = paths.settings_file
    data: dict[str, Any] = {}
    if file.exists():
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
    settings = Settings(**known)
    if not settings.counter_name:
        settings = settings.with_(counter_name=socket.gethostname()[:64] or "loket")
    return settings


def save_settings(paths: AppPaths, settings: Settings) -> None:
    file: Path = paths.settings_file
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, file)
