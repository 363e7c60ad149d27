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
    """This counter's local settings (settings.json): database, printer, language, idle lock."""

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
        settings = settings.with_(counter_name=default_counter_name())
    return settings


def default_counter_name() -> str:
    """What stands in until the counter is named: the computer's host name."""
    return socket.gethostname()[:64] or "loket"


def save_settings(paths: AppPaths, settings: Settings) -> None:
    file: Path = paths.settings_file
    file.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    if data["counter_name"] == default_counter_name():
        data["counter_name"] = ""  # still unnamed: the first start asks (see ``counter_name_saved``)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.replace(tmp, file)


def counter_name_saved(paths: AppPaths) -> bool:
    """Whether this computer's counter has been given a name (not just the host name stood in)."""
    try:
        data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and bool(str(data.get("counter_name") or "").strip())
