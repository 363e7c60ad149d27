"""The KTP reading's own logic: field normalisers and the card's cross-check (no OCR, no images)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.ktp_fields import gender, nik_digits, rt_rw, snap, split_birth, street
from app.domain.ktp_reading import LineRead, read_card
from app.domain.regions import default_regions
from app.infra.reference import load_reference

TODAY = dt.date(2026, 11, 23)
# A generated person (not a real card): Kabupaten Ciamis, Kecamatan Jatinagara (32.07.12), a woman
# born 27-10-1980 (day + 40 = 67).
CARD = {
    "provinsi": "PROVINSI JAWA BARAT",
    "kabupaten": "KABUPATEN CIAMIS",
    "nik": "3207126710800819",
    "nama": "IMAS",
    "ttl": "JAKARTA, 27-10-1980",
    "jenis_kelamin": "PEREMPUAN",
    "alamat": "JL. DIPONEGORO NO. 75",
    "rt_rw": "012/008",
    "kel_desa": "SUKANAGARA",
    "kecamatan": "JATINAGARA",
    "pekerjaan": "PETANI/PEKEBUN",
}


def lines(**changes: str) -> dict[str, LineRead]:
    out = {k: LineRead(k, v, 0.93, 0.8) for k, v in CARD.items()}
    for k, v in changes.items():
        out[k] = LineRead(k, v, 0.9, 0.6)
    return out


def read(**changes: str):
    regions = default_regions()
    return read_card(
        lines(**changes), today=TODAY, regions=regions, tree=regions, occupations=load_reference().occupations
    )


def test_a_clean_card_is_sure_and_agrees_with_its_nik() -> None:
    r = read()
    assert r.unsure == ()
    assert all(c.ok for c in r.checks)
    assert {c.code for c in r.checks} == {"ktp.check.birth_date", "ktp.check.gender", "ktp.check.region"}
    assert r.prefill() == {
        "nik": "3207126710800819",
        "nama": "IMAS",
        "tempat_lahir": "JAKARTA",
        "tanggal_lahir": "1980-10-27",
        "jenis_kelamin": "P",
        "alamat": "JL. DIPONEGORO NO. 75 RT 012/RW 008",
        "kode_wilayah": r.kode_wilayah,
        "pekerjaan": "P001",
    }
    assert r.kode_wilayah.startswith("32.07.12.")
    assert default_regions().name(r.kode_wilayah) == "Sukanagara"


@pytest.mark.parametrize(
    ("position", "digit", "check"),
    [
        (7, "2", "ktp.check.birth_date"),  # day 27 → 22 (month/day digits)
        (6, "2", "ktp.check.gender"),  # 67 → 27: the NIK now says a man
        (5, "5", "ktp.check.region"),  # district 12 → 15
    ],
)
def test_one_misread_nik_digit_is_caught_and_never_sure(position: int, digit: str, check: str) -> None:
    nik = CARD["nik"]
    wrong = nik[:position] + digit + nik[position + 1 :]
    assert wrong != nik
    # The engine was quite sure of the wrong digit, and its readings even agreed.
    r = read_card(
        {**lines(), "nik": LineRead("nik", wrong, 0.95, 0.9, agreed=True)},
        today=TODAY,
        regions=default_regions(),
        tree=default_regions(),
        occupations=load_reference().occupations,
    )
    assert not r.get("nik").sure
    failed = [c for c in r.checks if not c.ok]
    assert [c.code for c in failed] == [check]
    assert "nik" in failed[0].fields


def test_a_misread_printed_date_is_pointed_at_not_the_nik() -> None:
    r = read_card(
        {
            **lines(),
            "nik": LineRead("nik", CARD["nik"], 0.97, 0.9, agreed=True),
            "ttl": LineRead("ttl", "JAKARTA, 21-10-1980", 0.7, 0.2),
        },
        today=TODAY,
        regions=default_regions(),
        tree=default_regions(),
        occupations=load_reference().occupations,
    )
    check = next(c for c in r.checks if c.code == "ktp.check.birth_date")
    assert not check.ok
    assert check.fields[0] == "tanggal_lahir"
    assert "Tanggal lahir" in check.message
    assert not r.get("tanggal_lahir").sure


def test_region_names_are_matched_to_kemendagri_and_occupation_to_the_list() -> None:
    r = read(kecamatan="JATlNAGARA", kabupaten="KABUPATEN CIAMlS", pekerjaan="PETANl/PEKEBUN")
    assert r.get("kecamatan").value == "JATINAGARA"
    assert r.get("kabupaten").value == "KABUPATEN CIAMIS"
    assert r.get("pekerjaan").value == "PETANI/PEKEBUN"
    assert r.pekerjaan_code == "P001"


def test_an_unknown_occupation_is_kept_as_read_and_marked() -> None:
    r = read(pekerjaan="ASTRONOT")
    f = r.get("pekerjaan")
    assert f.value == "ASTRONOT" and not f.sure and "daftar pekerjaan" in f.note
    assert "pekerjaan" not in r.prefill()


def test_unreadable_lines_are_unsure_with_a_reason() -> None:
    r = read(nama="", ttl="")
    assert not r.get("nama").sure and r.get("nama").note == "tidak terbaca"
    assert not r.get("tanggal_lahir").sure
    assert not r.get("nik").sure  # nothing printed to check it against


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("012/008", "012/008"),
        ("12 / 8", "012/008"),
        ("012008", "012/008"),
        ("O12/OO8", "012/008"),
        ("12", ""),
    ],
)
def test_rt_rw(text: str, want: str) -> None:
    assert rt_rw(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("JAKARTA, 27-10-1980", ("JAKARTA", "27-10-1980")),
        (": KOTA BARU,01-02-1999", ("KOTA BARU", "01-02-1999")),
        ("BANDUNG 3-4-1970", ("BANDUNG", "03-04-1970")),
        ("BANDUNG", ("BANDUNG", "")),
    ],
)
def test_split_birth(text: str, want: tuple[str, str]) -> None:
    assert split_birth(text) == want


def test_gender_words() -> None:
    assert gender("LAKI-LAKI")[0] == "L"
    assert gender("PEREMPUAN")[0] == "P"
    assert gender("PEREMPUAM")[0] == "P"
    assert gender("XX")[0] == ""


@given(st.text(max_size=60))
def test_parsers_never_fail_on_any_text(text: str) -> None:
    split_birth(text)
    rt_rw(text)
    gender(text)
    assert nik_digits(text).isdigit() or nik_digits(text) == ""
    snap(text, {"a": "SUKAMAJU", "b": "SUKAMULYA"})


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("JL MERDEKA NO, 10", "JL. MERDEKA NO. 10"),
        ("JL,MERDEKA NO.10", "JL. MERDEKA NO. 10"),
        ("GG MAWAR NO 3", "GG. MAWAR NO. 3"),
        ("DUSUN KRAJAN", "DUSUN KRAJAN"),
        ("JLN. RAYA", "JLN. RAYA"),  # a word that only starts like JL is left alone
    ],
)
def test_street_abbreviations_are_written_one_way(text: str, want: str) -> None:
    assert street(text) == want


def test_a_birthplace_one_letter_off_a_city_is_marked_naming_the_city() -> None:
    f = read(ttl="BEMARANG, 27-10-1980").get("tempat_lahir")
    assert f.value == "BEMARANG" and not f.sure and "SEMARANG" in f.note
    assert read(ttl="JAKARTA, 27-10-1980").get("tempat_lahir").sure  # a known name stays as read
    assert read(ttl="SOLO, 27-10-1980").get("tempat_lahir").sure  # a town, not a misread SOLOK


def test_two_readings_that_differ_make_a_sure_looking_field_unsure() -> None:
    regions = default_regions()
    r = read_card(
        {
            **lines(),
            "nama": LineRead("nama", "SUKARNO ABDUL RIYANIO", 0.95, 0.9, alt="SUKARNO ABDUL RIYANTO"),
        },
        today=TODAY,
        regions=regions,
        tree=regions,
        occupations=load_reference().occupations,
    )
    f = r.get("nama")
    assert not f.sure and "dua pembacaan berbeda" in f.note
