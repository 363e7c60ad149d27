"""Cetak Kartu's request decided without Qt: the numbers typed, a date, and the sheets they fill."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.services.card_sheet_flow import PER_SHEET, SheetRequest, parse_numbers, sheet_request, sheets_for

DAY = dt.date(2026, 11, 23)


def test_numbers_are_read_one_per_line_or_between_commas_semicolons_and_tabs() -> None:
    text = "10100000013\n 10100000021 , 10100000039;10100000047\t10100000055\n\n  \n"
    assert parse_numbers(text) == ["10100000013", "10100000021", "10100000039", "10100000047", "10100000055"]
    assert parse_numbers("") == [] and parse_numbers(" ,;\t\n") == []


@given(st.text(max_size=200))
def test_parsing_never_fails_and_never_keeps_blanks(text: str) -> None:
    assert all(token and token == token.strip() for token in parse_numbers(text))


def test_by_date_asks_for_everyone_enrolled_that_day() -> None:
    assert sheet_request(by_numbers=False, numbers_text="10100000013", day=DAY) == SheetRequest(
        enrolled_on=DAY
    )


def test_by_numbers_needs_at_least_one_number() -> None:
    assert sheet_request(by_numbers=True, numbers_text=" \n ,", day=DAY) is None
    request = sheet_request(by_numbers=True, numbers_text="10100000013\n10100000021", day=DAY)
    assert request == SheetRequest(numbers=("10100000013", "10100000021"))


def test_ten_cards_fill_one_sheet_and_the_eleventh_starts_another() -> None:
    assert PER_SHEET == 10
    assert [sheets_for(n) for n in (0, 1, 10, 11, 20, 21)] == [0, 1, 1, 2, 2, 3]
