"""Every parser and validator takes arbitrary input without an uncaught exception (issue 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.cards import verify_card
from app.domain.cells import neutralise_cell
from app.domain.imports import coerce_cells, parse_mapping_text
from app.domain.intake import FIELDS, parse_heirs
from app.domain.membership import parse_number
from app.domain.people import check_name, normalise_phone
from app.domain.record_fields import parse_date, parse_programmes
from app.infra.logs import scrub

NOW = dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)
texts = st.text(max_size=200)
cells = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=300)
@given(texts)
def test_text_parsers(text: str) -> None:
    parse_date(text)
    parse_number(text)
    check_name("nama", text, label="Nama")
    normalise_phone("no_hp", text)
    parse_programmes(text)
    parse_heirs(text)
    parse_mapping_text(text)
    scrub(text)
    neutralise_cell(text)


@settings(max_examples=300)
@given(texts)
def test_qr_text_from_a_scanner(text: str) -> None:
    check = verify_card(text, trusted={}, revoked=set(), now=NOW)
    assert not check.valid


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), cells))
def test_spreadsheet_cells(row: dict[str, Any]) -> None:
    coerce_cells(row)
    for value in row.values():
        neutralise_cell(value)
