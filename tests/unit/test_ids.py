"""Row numbers as people read and type them (``app.domain.ids``)."""

from __future__ import annotations

import pytest

from app.domain.ids import BLOCK, block_of, code_of, local_part, parse_ref, short_ref

HOME = "101"
KEY = 101 * BLOCK + 3


def test_a_row_of_this_branch_reads_as_its_short_number() -> None:
    assert short_ref(KEY, HOME) == "#3"
    assert short_ref(3, HOME) == "#3"  # made before the branch had its block


def test_a_row_made_elsewhere_names_its_source() -> None:
    assert short_ref(201 * BLOCK + 3, HOME) == "#201-3"
    assert code_of(201 * BLOCK + 3) == "201" and local_part(201 * BLOCK + 3) == 3


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("3", KEY),
        ("#3", KEY),
        (" # 3 ", KEY),
        ("201-3", 201 * BLOCK + 3),
        ("#201-3", 201 * BLOCK + 3),
        (str(KEY), KEY),
        (KEY, KEY),
        (3, KEY),
    ],
)
def test_every_form_a_person_types_names_the_same_row(typed: str | int, key: int) -> None:
    assert parse_ref(typed, HOME) == key


@pytest.mark.parametrize(
    "typed", ["", "abc", "#", "-3", "0", "201-0", "3.5", "1e9", "201-" + "9" * 13, "1234-5", "3; DROP", 0, -1]
)
def test_anything_else_is_not_a_row_number(typed: str | int) -> None:
    assert parse_ref(typed, HOME) is None


def test_round_trip_over_the_blocks() -> None:
    for code in ("101", "201", "999"):  # block 000 holds no rows once a branch is set up (0016)
        for n in (1, 42, BLOCK - 1):
            key = block_of(code) + n
            assert parse_ref(short_ref(key, HOME).lstrip("#"), HOME) == key
