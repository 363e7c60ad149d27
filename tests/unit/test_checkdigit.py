"""The Damm check digit catches every single-digit error and every adjacent transposition."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from app.domain.checkdigit import damm_digit, damm_valid
from app.domain.membership import make_number, make_numbers, parse_number


def _all_single_errors(number: str) -> list[str]:
    out = []
    for i, ch in enumerate(number):
        for d in "0123456789":
            if d != ch:
                out.append(number[:i] + d + number[i + 1 :])
    return out


def _all_adjacent_swaps(number: str) -> list[str]:
    out = []
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            out.append(number[:i] + number[i + 1] + number[i] + number[i + 2 :])
    return out


def test_known_damm_vector() -> None:
    # The worked example from Damm's algorithm description: 572 → check digit 4.
    assert damm_digit("572") == "4"
    assert damm_valid("5724")
    assert not damm_valid("5723")


def test_large_sample_catches_every_single_error_and_adjacent_swap() -> None:
    rng = random.Random(7)
    checked = 0
    for _ in range(3000):
        number = make_number(f"{rng.randint(1, 999):03d}", rng.randint(1, 9_999_999)).value
        assert damm_valid(number)
        for wrong in _all_single_errors(number) + _all_adjacent_swaps(number):
            assert not damm_valid(wrong), (number, wrong)
            checked += 1
    assert checked > 3000 * 99


@given(prefix=st.integers(1, 999), serial=st.integers(1, 9_999_999))
def test_numbers_round_trip(prefix: int, serial: int) -> None:
    n = make_number(f"{prefix:03d}", serial)
    assert len(n.value) == 11
    parsed = parse_number(n.grouped())
    assert parsed == n
    assert n.serial == serial and n.prefix == f"{prefix:03d}"


@given(st.text(max_size=30))
def test_parse_number_never_raises(text: str) -> None:
    parse_number(text)


def test_parse_number_reports_codes() -> None:
    good = make_number("101", 42).value
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert getattr(parse_number(bad), "code", None) == "nomor.check_digit"
    assert getattr(parse_number("123"), "code", None) == "nomor.format"


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=9_999_999),
    st.integers(min_value=1, max_value=40),
)
def test_numbers_made_in_runs_are_the_numbers_made_one_by_one(prefix: int, first: int, count: int) -> None:
    first = min(first, 9_999_999 - count + 1)
    p = f"{prefix:03d}"
    assert make_numbers(p, first, count) == [make_number(p, s).value for s in range(first, first + count)]


def test_a_run_refuses_what_one_number_refuses() -> None:
    assert make_numbers("101", 5, 0) == []
    for args in (("000", 1, 3), ("101", 0, 3), ("101", 9_999_998, 3)):
        try:
            make_numbers(*args)
        except ValueError:
            continue
        raise AssertionError(f"{args} accepted")
