"""Business dates: the branch's local calendar day for a UTC instant."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TIMEZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def business_date(instant: dt.datetime, timezone: str) -> dt.date:
    if instant.tzinfo is None:
        raise ValueError("business_date needs an aware datetime")
    return instant.astimezone(ZoneInfo(timezone)).date()


def local_time(instant: dt.datetime, timezone: str) -> dt.datetime:
    return instant.astimezone(ZoneInfo(timezone))
