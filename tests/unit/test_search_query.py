"""Classifying what was typed into the search box."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.checkdigit import damm_valid
from app.domain.issues import Issue
from app.domain.membership import make_number
from app.domain.search_query import (
    BadQuery,
    EmptyQuery,
    NameQuery,
    NikQuery,
    NumberQuery,
    PhoneQuery,
    classify,
    number_corrections,
    parse_region,
)

NUMBER = make_number("101", 1234).value


def test_nik_number_phone_name() -> None:
    assert classify("1610014508900003") == NikQuery("1610014508900003")
    assert classify("1610.0145.0890.0003") == NikQuery("1610014508900003")
    assert classify(NUMBER) == NumberQuery(NUMBER)
    assert classify(f"{NUMBER[:3]} {NUMBER[3:7]} {NUMBER[7:10]} {NUMBER[10]}") == NumberQuery(NUMBER)
    assert classify("0812-3456-7890") == PhoneQuery("+6281234567890")
    assert classify("+62 812 3456 7890") == PhoneQuery("+6281234567890")
    assert classify("siti aminah") == NameQuery(("SITI", "AMINAH"), open_last=True)
    assert classify("siti aminah ") == NameQuery(("SITI", "AMINAH"), open_last=False)
    assert classify("Siti Aminah 1990") == NameQuery(("SITI", "AMINAH"), open_last=False, birth_year=1990)
    assert isinstance(classify(""), EmptyQuery)


def test_wrong_check_digit_is_reported_with_one_typo_corrections() -> None:
    wrong = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    q = classify(wrong)
    assert isinstance(q, BadQuery) and q.issue.code == "nomor.check_digit"
    assert NUMBER in q.number_suggestions
    swapped = NUMBER[:4] + NUMBER[5] + NUMBER[4] + NUMBER[6:]
    if swapped != NUMBER:
        q2 = classify(swapped)
        assert isinstance(q2, BadQuery) and NUMBER in q2.number_suggestions


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_corrections_are_valid_and_one_edit_away(digits: str) -> None:
    for cand in number_corrections(digits):
        assert damm_valid(cand) and cand != digits
        diff = [i for i in range(11) if cand[i] != digits[i]]
        assert len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1)


@given(st.text(max_size=60))
def test_classify_never_raises(text: str) -> None:
    q = classify(text)
    assert isinstance(q, NikQuery | NumberQuery | PhoneQuery | NameQuery | BadQuery | EmptyQuery)


def test_too_short_and_odd_digits() -> None:
    assert classify("ab").issue.code == "search.too_short"  # type: ignore[union-attr]
    assert classify("12345").issue.code == "search.digits"  # type: ignore[union-attr]


def test_regions() -> None:
    assert parse_region("16") == "16"
    assert parse_region("16.10") == "1610"
    assert parse_region("1610") == "1610"
    assert parse_region(None) is None and parse_region(" ") is None
    assert isinstance(parse_region("16.1"), Issue)
