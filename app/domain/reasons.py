"""The reason a person writes for an audited action (a correction, a reopened day, a decision on a
conflict, a spoiled card): spaces collapsed, and its length within bounds so the trail says something
and stays readable. One rule, so every door reads a reason the same way."""

from __future__ import annotations

REASON_MIN = 5
REASON_MAX = 500


def collapse(raw: object) -> str:
    """The text with runs of spaces, tabs and line breaks collapsed to one space, ends trimmed."""
    return " ".join(str(raw).split())


def clean_reason(raw: object, *, lo: int = REASON_MIN, hi: int = REASON_MAX) -> str | None:
    """The collapsed reason, or None when it is shorter than ``lo`` or longer than ``hi`` characters
    (the caller says which action wanted it, in its own words)."""
    text = collapse(raw)
    return text if lo <= len(text) <= hi else None
