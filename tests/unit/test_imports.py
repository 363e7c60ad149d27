"""Pure import rules: formula neutralising, header matching, cell coercion, name similarity."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cells import FORMULA_TRIGGERS, neutralise_cell
from app.domain.imports import (
    HINTS,
    REQUIRED_KEYS,
    check_sponsor,
    coerce_cells,
    excel_serial_date,
    header_signature,
    is_hints_row,
    normalise_header,
    parse_mapping_text,
    resolve_columns,
)
from app.domain.intake import FIELDS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+62812", "'+62812"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("SITI", "SITI"),
        ("", ""),
        (12, 12),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    out = neutralise_cell(text)
    assert isinstance(out, str)
    assert not out.startswith(FORMULA_TRIGGERS)
    assert out.endswith(text) and len(out) - len(text) in (0, 1)


def test_indonesian_header_variants_map_to_keys() -> None:
    headers = [
        "No.",
        "NIK KTP",
        "Nama Lengkap",
        "Tmp. Lahir",
        "Tgl Lahir",
        "L/P",
        "Nama Ibu Kandung",
        "No. HP",
        "Alamat",
        "Pekerjaan",
        "SEGMEN",
        "Upah",
        "program",
        "Keterangan",
        "Warna Favorit",
    ]
    columns, issues = resolve_columns(headers)
    assert issues == []
    keys = {c.header: c.key for c in columns}
    assert keys["NIK KTP"] == "nik" and keys["Nama Lengkap"] == "nama" and keys["No. HP"] == "no_hp"
    assert (
        keys["Tgl Lahir"] == "tanggal_lahir"
        and keys["L/P"] == "jenis_kelamin"
        and keys["Upah"] == "penghasilan"
    )
    assert keys["No."] is None and keys["Warna Favorit"] is None
    sources = {c.header: c.source for c in columns}
    assert sources["No."] == "ignored" and sources["Warna Favorit"] == "unknown"
    assert [c.letter for c in columns][:3] == ["A", "B", "C"]


def test_every_key_and_label_matches_itself() -> None:
    columns, issues = resolve_columns(list(FIELDS))
    assert issues == [] and [c.key for c in columns] == list(FIELDS)
    assert normalise_header(" Tanggal_Lahir ") == normalise_header("tanggal lahir") == "tanggallahir"


def test_mapping_problems_are_reported() -> None:
    _, issues = resolve_columns(["NIK", "NIK KTP", "Nama"])
    codes = {i.code for i in issues}
    assert codes == {"mapping.duplicate_key", "mapping.missing"}
    missing = next(i for i in issues if i.code == "mapping.missing")
    assert "tempat_lahir" in missing.message and "nik" not in missing.message.split(":")[1].split(".")[0]

    mapping, problems = parse_mapping_text("Nama Pegawai=nama, NIK Lama=, Asal=tempat_lahir,oops")
    assert mapping == {"Nama Pegawai": "nama", "NIK Lama": None, "Asal": "tempat_lahir"}
    assert [p.code for p in problems] == ["mapping.format"]
    cols, issues = resolve_columns(
        ["NIK", "NIK Lama", "Nama Pegawai", "Asal", *REQUIRED_KEYS[3:]], explicit={**mapping, "Hobi": "hobi"}
    )
    assert {c.header: c.key for c in cols}["NIK Lama"] is None
    assert {i.code for i in issues} == {"mapping.unknown_key", "mapping.unknown_header"}


@given(st.permutations(["NIK", "Nama Lengkap", "Tgl. Lahir", "Alamat", "No HP"]))
def test_signature_ignores_order_case_and_punctuation(headers: list[str]) -> None:
    assert header_signature(headers) == header_signature(
        ["nik", "NAMA LENGKAP", "tgl lahir", "alamat", "no. hp"]
    )


def test_hints_row_is_recognised() -> None:
    assert is_hints_row(dict(HINTS))
    assert not is_hints_row({"nik": "1610014508900003", "nama": "SITI"})


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (1.61001450890000e15, "nik.numeric"),  # Excel kept 15 digits
        (1610014508900000, "nik.numeric"),  # typed into a number cell: the 16th digit became 0
        ("1.61001450890000E+15", "nik.numeric"),  # the same, exported to CSV as text
        ("1,61001E+15", "nik.numeric"),
        (9171014508900003.0, "nik.numeric"),  # above 2**53 a double cannot hold every 16-digit number
        (161001450890.0, "nik.numeric"),  # digits missing
    ],
)
def test_nik_stored_as_a_number_is_refused_when_digits_may_be_lost(cell: object, code: str) -> None:
    out = coerce_cells({"nik": cell})
    assert [i.code for i in out.errors] == [code]
    assert "nik" not in out.raw


def test_exact_numeric_nik_is_kept_with_a_warning() -> None:
    for cell in (1610014508900003, 1610014508900003.0, "1.610014508900003E+15"):
        out = coerce_cells({"nik": cell})
        assert out.raw["nik"] == "1610014508900003", cell
        assert not out.errors
    assert [i.code for i in coerce_cells({"nik": 1610014508900003}).warnings] == ["nik.numeric_cell"]
    assert coerce_cells({"nik": " 1610014508900003 "}).raw["nik"] == "1610014508900003"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (32725, dt.date(1989, 8, 5)),
        (32725.0, dt.date(1989, 8, 5)),
        (19890805, "1989-08-05"),
        ("17 Agustus 1945", dt.date(1945, 8, 17)),
        ("5-Agt-1990", dt.date(1990, 8, 5)),
        ("1 Jan. 2000", dt.date(2000, 1, 1)),
        ("05/08/1990", "05/08/1990"),  # validate_intake reads DD/MM/YYYY itself
        (dt.datetime(1990, 8, 5, 0, 0), dt.datetime(1990, 8, 5, 0, 0)),
    ],
)
def test_birth_dates_from_cells(cell: object, expected: object) -> None:
    assert coerce_cells({"tanggal_lahir": cell}).raw["tanggal_lahir"] == expected


def test_1904_workbooks_and_serial_edges() -> None:
    assert excel_serial_date(31263, epoch_1904=True) == dt.date(1989, 8, 5)
    assert excel_serial_date(0) is None and excel_serial_date(float("nan")) is None
    assert excel_serial_date(59) == dt.date(1900, 2, 28) and excel_serial_date(61) == dt.date(1900, 3, 1)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 12, 31)))
def test_serial_numbers_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert excel_serial_date(serial) == day
    assert excel_serial_date(serial + 0.75) == day  # a time of day does not move the date


def test_other_cells() -> None:
    out = coerce_cells(
        {
            "no_hp": 81234567890,
            "kode_wilayah": 1610012005,
            "npp": 12345678,
            "penghasilan": 1500000.0,
            "nama": "#N/A",
            "alamat": "x" * 20_000,
            "nama_ibu": "   ",
            "jenis_kelamin": None,
        }
    )
    assert out.raw == {
        "no_hp": "081234567890",
        "kode_wilayah": "1610012005",
        "npp": "12345678",
        "penghasilan": 1500000.0,
    }
    assert sorted(i.code for i in out.errors) == ["import.cell_error", "import.cell_too_long"]
    assert coerce_cells({"no_hp": 6281234567890}).raw["no_hp"] == "+6281234567890"


def test_sponsor_checks() -> None:
    sponsor, issues = check_sponsor("  Pemkab   Ogan Ilir ", 6)
    assert issues == [] and sponsor is not None and sponsor.name == "Pemkab Ogan Ilir"
    _, issues = check_sponsor("", 5)
    assert {i.code for i in issues} == {"sponsor.name", "sponsor.months"}
