"""Reading one value of a record the way every door reads it: text, whole numbers, dates, programmes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from app.domain.reference import PROGRAMMES

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def clean_text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_date(value: Any) -> dt.date | None:
    """ISO ``YYYY-MM-DD``, ``DD/MM/YYYY`` (also with - or .), or a date/datetime object."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
        m = _DMY.fullmatch(text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def parse_int(value: Any) -> int | None:
    """Integers only, never through float: ``1500000``, ``1.500.000``, ``Rp1.500.000``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip().upper().removeprefix("RP").strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        text = text.replace(",", "")
    if not text.isascii() or not text.isdigit():
        return None
    return int(text)


def parse_programmes(value: Any) -> tuple[list[str], list[str]]:
    """→ (known codes in canonical order, unknown tokens)."""
    items = value if isinstance(value, list | tuple) else re.split(r"[,;+\s]+", str(value or ""))
    tokens = [str(t).strip().upper() for t in items if str(t).strip()]
    unknown = [t for t in tokens if t not in PROGRAMMES]
    known = [p for p in PROGRAMMES if p in tokens]
    return known, unknown
