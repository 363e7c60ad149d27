"""The day's automatic backup, started from the window after login (off the GUI thread)."""

from __future__ import annotations

import logging

from app.services import backup
from ui.context import UiContext

log = logging.getLogger(__name__)


def start_daily_backup(ui: UiContext) -> None:
    """``loket-auto-DATE`` in the backup folder when today's is not there yet; the newest 14 kept.

    Runs in the task runner: the officer works meanwhile (SQLite's online backup copies while the
    database is in use). A failure is logged and shown on the settings page (last backup), never
    stops the counter.
    """
    ctx, actor = ui.ctx, ui.actor  # the officer whose start of the day made it (audited)

    def failed(exc: BaseException) -> None:
        log.warning("daily backup failed: %s", type(exc).__name__)

    ui.runner.run(lambda: backup.daily_backup_if_due(ctx, actor), on_error=failed)
