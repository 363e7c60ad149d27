"""The one likely-duplicate rule: scores, thresholds and order, on plain data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.duplicates import THRESHOLD, Near, Person, matches, reason_ok, score, within

BORN = dt.date(1990, 8, 5)


def person(nama: str, nik: str = "1610014508900001", **kw: object) -> Person:
    return Person(nik=nik, nama=nama, tanggal_lahir=kw.pop("born", BORN), nik_district="16.10.01", **kw)  # type: ignore[arg-type]


def near(number: str, nama: str, nik: str, **kw: object) -> Near:
    return Near(
        member_id=int(number[-3:]), number=number, person=person(nama, nik, **kw), record_status="ACTIVE"
    )


def test_siti_aminah_beside_aminah_is_likely_whichever_door() -> None:
    # The split: the counter blocked it, the spreadsheet import let it through.
    assert score("SITI AMINAH", "AMINAH") >= THRESHOLD
    found = matches(person("SITI AMINAH"), [near("10100000013", "AMINAH", "1610014508900002")])
    assert [m.near.number for m in found] == ["10100000013"]


def test_spellings_order_and_joined_words_score_high_and_strangers_low() -> None:
    assert score("NUR HAYATI", "NURHAYATI") >= THRESHOLD
    assert score("AMINAH SITI", "SITI AMINAH") >= THRESHOLD
    assert score("MUHAMMAD RIZKI", "M. RIZKY") >= THRESHOLD
    assert score("BUDI SANTOSO", "SITI AMINAH") < THRESHOLD


def test_the_same_nik_or_another_birth_day_or_district_is_not_this_rule() -> None:
    p = person("SITI AMINAH")
    same_nik = near("10100000013", "SITI AMINAH", p.nik)
    other_day = near("10100000021", "SITI AMINAH", "1610014508900003", born=dt.date(1990, 8, 6))
    assert matches(p, [same_nik, other_day]) == []


def test_best_first_then_most_fields_alike() -> None:
    p = person("SITI AMINAH", nama_ibu="FATIMAH")
    a = near("10100000013", "SITI AMINA", "1610014508900002")
    b = near("10100000021", "SITI AMINA", "1610014508900003", nama_ibu="FATIMAH")
    c = near("10100000039", "SITI AMINAH", "1610014508900004")
    found = matches(p, [a, b, c])
    assert [m.near.number for m in found] == ["10100000039", "10100000021", "10100000013"]
    assert found[1].same == ("tanggal_lahir", "nama_ibu")


def test_within_a_file_each_row_names_the_earlier_rows_it_resembles() -> None:
    rows = [
        person("SITI AMINAH", "1610014508900001"),
        person("BUDI SANTOSO", "1610014508900002"),
        person("AMINAH", "1610014508900003"),
        person("SITI AMINAH", "1610014508900001"),  # the same NIK as row 0: the file's own check
    ]
    assert within(rows) == {2: [0], 3: [2]}


def test_an_override_needs_a_real_reason() -> None:
    assert not reason_ok("  ok  ") and reason_ok("KTP dicek, orang berbeda")


@pytest.mark.parametrize(
    ("a", "b", "likely"),
    [
        ("SITI AMINAH", "Siti Aminah", True),
        ("SITI AMINAH", "SITI AMINA", True),
        ("SITI AMINAH", "AMINAH SITI", True),
        ("SITI AMINAH", "SITI AMINAH BINTI ALI", True),
        ("MUHAMMAD RIZKI", "MUHAMAD RIZKY", True),
        ("SITI AMINAH", "BUDI SANTOSO", False),
        ("SITI", "SITI AMINAH", False),  # one shared short word is not enough
        ("", "SITI", False),
    ],
)
def test_the_rule_on_known_pairs(a: str, b: str, likely: bool) -> None:
    assert (score(a, b) >= THRESHOLD) is likely


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWY '.", max_size=40),
    st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWY '.", max_size=40),
)
def test_the_score_is_symmetric(a: str, b: str) -> None:
    assert score(a, b) == score(b, a)
    if any(c.isalpha() for c in a):
        assert score(a, a) == 100
