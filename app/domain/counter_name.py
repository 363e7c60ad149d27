"""The counter's name (``Loket 1``, ``Meja Depan``): printed on receipts and kept in the audit trail."""

from __future__ import annotations

import re

from app.domain.issues import Issue
from app.domain.messages import msg

MAX_LENGTH = 40
_ALLOWED = re.compile(r"^[A-Za-z0-9 .,\-/#()]+$")


def clean_counter_name(text: str) -> str:
    return " ".join(text.split())


def validate_counter_name(text: str) -> list[Issue]:
    """Refusals for a counter name (the one rule the first start, the settings page and the CLI use)."""
    name = clean_counter_name(text)
    if not name:
        return [
            Issue(
                "loket",
                "counter.name_required",
                "Isi nama loket ini, mis. 'Loket 1' (dicetak di tanda terima).",
            )
        ]
    if len(name) > MAX_LENGTH:
        return [
            Issue(
                "loket",
                "counter.name_length",
                msg("Nama loket paling banyak {max_length} karakter.", max_length=MAX_LENGTH),
            )
        ]
    if not _ALLOWED.match(name):
        return [
            Issue(
                "loket",
                "counter.name_chars",
                "Nama loket hanya boleh berisi huruf, angka, spasi dan . , - / # ( ).",
            )
        ]
    return []
