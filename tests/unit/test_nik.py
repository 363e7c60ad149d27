"""NIK parsing: valid parts parse back to themselves; each kind of damage has its own code."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.nik import mask_nik, parse_nik
from app.domain.regions import KemendagriRegions, default_regions

TODAY = dt.date(2026, 11, 23)
REGIONS = default_regions()


class FakeRegions:
    """Unit tests of the parser do not need the real Kemendagri data."""

    provinces = {"16": "Sumatera Selatan", "31": "DKI Jakarta", "91": "Papua", "93": "Papua Selatan"}
    names = {
        "16.10": "Kabupaten Ogan Ilir",
        "16.10.01": "Muara Kuang",
        "31.71": "Kota Jakarta Pusat",
        "31.71.01": "Gambir",
        "93.01": "Kabupaten Merauke",
        "93.01.01": "Merauke",
    }

    def province_name(self, code: str) -> str | None:
        return self.provinces.get(code)

    def name(self, dotted_code: str) -> str | None:
        return self.names.get(dotted_code)

    def village(self, code: str) -> None:
        return None


FAKE = FakeRegions()


@st.composite
def nik_parts(draw: st.DrawFn) -> tuple[str, str, dt.date, str, str]:
    district = draw(st.sampled_from(["16.10.01", "31.71.01", "93.01.01"]))
    birth = draw(st.dates(min_value=dt.date(1927, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from("LP"))
    serial = draw(st.integers(1, 9999))
    day = birth.day + (40 if gender == "P" else 0)
    nik = f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    return nik, district, birth, gender, f"{serial:04d}"


@given(nik_parts())
def test_valid_parts_parse_back(parts: tuple[str, str, dt.date, str, str]) -> None:
    nik, district, birth, gender, serial = parts
    res = parse_nik(nik, today=TODAY, regions=FAKE)
    assert res.valid, res.errors
    info = res.info
    assert info is not None
    assert info.district_code == district
    assert info.regency_code == district[:5]
    assert info.province_code == district[:2]
    assert info.gender == gender
    assert info.serial == serial
    assert info.birth_date.year % 100 == birth.year % 100
    assert info.birth_date <= TODAY
    assert (info.birth_date.month, info.birth_date.day) == (birth.month, birth.day)


@given(nik_parts(), st.integers(0, 15), st.sampled_from("0123456789"))
def test_mutations_are_rejected_with_the_right_code(
    parts: tuple[str, str, dt.date, str, str], pos: int, digit: str
) -> None:
    nik = parts[0]
    mutated = nik[:pos] + digit + nik[pos + 1 :]
    assume(mutated != nik)
    res = parse_nik(mutated, today=TODAY, regions=FAKE)
    codes = {e.code for e in res.errors}
    pp, kk, cc = mutated[0:2], mutated[2:4], mutated[4:6]
    if pp not in FAKE.provinces:
        assert "nik.province" in codes
    if kk == "00":
        assert "nik.regency" in codes
    if cc == "00":
        assert "nik.district" in codes
    if mutated[12:] == "0000":
        assert "nik.serial" in codes
    day, month = int(mutated[6:8]), int(mutated[8:10])
    if day % 40 == 0 or day > 71 or (40 > day > 31) or month == 0 or month > 12:
        assert "nik.date" in codes
    if res.valid:
        assert pp in FAKE.provinces and kk != "00" and cc != "00" and mutated[12:] != "0000"


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("123", "nik.format"),
        ("16100145089000031", "nik.format"),
        ("16100145O8900003", "nik.format"),
        ("9910014508900003", "nik.province"),
        ("1600014508900003", "nik.regency"),
        ("1610004508900003", "nik.district"),
        ("1610013102900003", "nik.date"),  # 31 February
        ("1610017202900003", "nik.date"),  # 72 is not a day, even for women
        ("1610014508900000", "nik.serial"),
        ("1610010101300001", None),  # born 1 Jan 1930: valid
    ],
)
def test_each_failure_has_its_code(nik: str, code: str | None) -> None:
    res = parse_nik(nik, today=TODAY, regions=REGIONS)
    if code is None:
        assert res.valid
    else:
        assert code in {e.code for e in res.errors}
        assert all(e.message and e.field == "nik" for e in res.errors)


def test_real_region_names_and_female_day_offset() -> None:
    res = parse_nik("1610014508900003", today=TODAY, regions=REGIONS)
    assert res.info is not None
    assert res.info.gender == "P"
    assert res.info.birth_date == dt.date(1990, 8, 5)
    assert res.info.province == "Sumatera Selatan"
    assert res.info.regency == "Kabupaten Ogan Ilir"
    assert res.info.district == "Muara Kuang"
    assert not res.warnings


def test_leap_day_and_separators() -> None:
    assert parse_nik("16.10.01 290200 0001", today=TODAY, regions=REGIONS).valid
    assert not parse_nik("1610012902010001", today=TODAY, regions=REGIONS).valid  # 2001 not leap


def test_new_and_old_papua_codes_are_accepted() -> None:
    new = parse_nik("9301010101900001", today=TODAY, regions=REGIONS)  # Merauke, Papua Selatan
    assert new.valid
    assert new.info is not None and new.info.province == "Papua Selatan"
    old = parse_nik("9101010101900001", today=TODAY, regions=REGIONS)  # Merauke's pre-2022 code
    assert old.valid
    assert [w.code for w in old.warnings] == ["nik.region_unknown"]


def test_future_birth_date_in_nik_is_rejected() -> None:
    # Two-digit year 26 with a date after today is in the future.
    res = parse_nik("1610012512260001", today=TODAY, regions=REGIONS)
    assert "nik.date" in {e.code for e in res.errors}


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parser_never_raises(text: str) -> None:
    parse_nik(text, today=TODAY, regions=FAKE)


def test_mask_hides_birth_date_and_gender() -> None:
    assert mask_nik("1610014508900003") == "161001******0003"
    assert isinstance(REGIONS, KemendagriRegions)
