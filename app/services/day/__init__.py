"""The day summary, closing a day (archived PDF with its hash) and reopening it
(``reading`` and ``closing``)."""

from __future__ import annotations

from app.services.day.closing import (
    MIN_REASON,
    ArchiveDamagedError,
    archived_pdf,
    close_day,
    day_status,
    reopen_day,
)
from app.services.day.reading import (
    DayLockDTO,
    DayStatusDTO,
    day_report,
    day_summary,
    ensure_fonts,
    summary_pdf,
)

__all__ = [
    "MIN_REASON",
    "ArchiveDamagedError",
    "DayLockDTO",
    "DayStatusDTO",
    "archived_pdf",
    "close_day",
    "day_report",
    "day_status",
    "day_summary",
    "ensure_fonts",
    "reopen_day",
    "summary_pdf",
]
