"""Cetak Kartu's sheet request without Qt: whom the officer asked for (everyone enrolled on a date, or
the numbers typed), whether a request may start, and how many A4 sheets the cards fill.

The page reads its fields into :func:`sheet_request` and renders the answer; the sheet itself is
``cards.print_card_sheet``'s.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.pdf.card_sheet import PER_SHEET  # cards on one A4 sheet, as the sheet is laid out


def parse_numbers(text: str) -> list[str]:
    """Membership numbers one per line (or separated by commas, semicolons or tabs)."""
    out: list[str] = []
    for line in text.splitlines():
        for token in re.split(r"[,;\t]+", line):
            token = token.strip()
            if token:
                out.append(token)
    return out


@dataclass(frozen=True, slots=True)
class SheetRequest:
    """Whom to print: ``numbers`` or everyone ``enrolled_on`` a day (exactly one of them)."""

    numbers: tuple[str, ...] | None = None
    enrolled_on: dt.date | None = None


def sheet_request(*, by_numbers: bool, numbers_text: str, day: dt.date) -> SheetRequest | None:
    """The request the form describes; None when numbers were chosen but none typed (said at the field)."""
    if not by_numbers:
        return SheetRequest(enrolled_on=day)
    numbers = parse_numbers(numbers_text)
    return SheetRequest(numbers=tuple(numbers)) if numbers else None


def sheets_for(cards: int) -> int:
    """A4 sheets needed for ``cards`` cards."""
    return (cards + PER_SHEET - 1) // PER_SHEET
