"""The intake record: every rule, its code, and its Indonesian message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.intake import FIELDS, validate_intake
from app.domain.people import check_name, normalise_phone
from app.domain.regions import default_regions
from app.infra.reference import load_reference
from tests.conftest import bpu_record

TODAY = dt.date(2026, 11, 23)
REGIONS = default_regions()
REF = load_reference()


def run(rec: dict[str, Any], confirm: bool = False) -> Any:
    return validate_intake(rec, today=TODAY, regions=REGIONS, reference=REF, confirm_mismatch=confirm)


def codes(rec: dict[str, Any], confirm: bool = False) -> set[str]:
    return {e.code for e in run(rec, confirm).errors}


def test_standard_bpu_record_is_normalised() -> None:
    res = run(bpu_record(ahli_waris="Budi Santoso:suami; Ani:ANAK"))
    assert res.ok, res.errors
    r = res.record
    assert r.nama == "SITI AMINAH"
    assert r.no_hp == "+6281234567890"
    assert r.program == ("JKK", "JKM")
    assert r.bulan_bayar == 1 and r.sumber_dana == "MANDIRI" and r.kanal == "LOKET"
    assert r.kode_wilayah == "16.10.01.2005"
    assert [(h.nama, h.hubungan) for h in r.ahli_waris] == [("BUDI SANTOSO", "SUAMI"), ("ANI", "ANAK")]
    assert set(r.as_dict()) == set(FIELDS)


def test_all_errors_are_reported_at_once() -> None:
    res = run({"nik": "12", "nama": "", "segmen": "XX", "penghasilan": "-5", "program": "ABC"})
    got = {e.code for e in res.errors}
    assert {
        "nik.format",
        "nama.required",
        "tempat_lahir.required",
        "tanggal_lahir.required",
        "jenis_kelamin.required",
        "nama_ibu.required",
        "alamat.required",
        "pekerjaan.required",
        "segmen.value",
        "penghasilan.format",
        "program.unknown",
    } <= got
    assert all(e.message for e in res.errors)


def test_nik_disagreements_must_be_confirmed() -> None:
    rec = bpu_record(tanggal_lahir="1990-08-06", jenis_kelamin="L")
    assert {"nik.birth_date_mismatch", "nik.gender_mismatch"} <= codes(rec)
    res = run(rec, confirm=True)
    assert res.ok
    assert {"nik.birth_date_mismatch", "nik.gender_mismatch"} == {w.code for w in res.warnings}


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"nama": "Siti <b>Aminah</b>"}, "nama.chars"),
        ({"nama": "X" * 101}, "nama.length"),
        ({"nama": "Siti 😀"}, "nama.chars"),
        ({"nama": "Siti\x00Aminah"}, "nama.chars"),
        ({"tanggal_lahir": "05-13-1990"}, "tanggal_lahir.format"),
        ({"tanggal_lahir": "2030-01-01"}, "tanggal_lahir.future"),
        ({"jenis_kelamin": "X"}, "jenis_kelamin.value"),
        ({"no_hp": "021-5551234"}, "no_hp.mobile"),
        ({"no_hp": "12345"}, "no_hp.format"),
        ({"kode_wilayah": "99.99.99.9999"}, "kode_wilayah.unknown"),
        ({"pekerjaan": "ASTRONOT"}, "pekerjaan.unknown"),
        ({"segmen": "PU"}, "npp.required"),
        ({"penghasilan": 0}, "penghasilan.positive"),
        ({"penghasilan": 1.5}, "penghasilan.format"),
        ({"penghasilan": 10**12}, "penghasilan.range"),
        ({"program": "JKK"}, "program.required_base"),
        ({"program": "JKK,JKM,JP"}, "program.eligibility"),
        ({"bulan_bayar": 2}, "bulan_bayar.value"),
        ({"sumber_dana": "BANK"}, "sumber_dana.value"),
        ({"kanal": "TV"}, "kanal.value"),
        ({"ahli_waris": "BUDI"}, "ahli_waris.format"),
        ({"ahli_waris": "BUDI:SEPUPU"}, "ahli_waris.hubungan"),
    ],
)
def test_rule_codes(overrides: dict[str, Any], code: str) -> None:
    assert code in codes(bpu_record(**overrides))


def test_pu_needs_npp_and_may_take_jp_and_jkp() -> None:
    rec = bpu_record(segmen="PU", npp="17081342", program="JKK,JKM,JHT,JP,JKP", penghasilan="5.000.000")
    res = run(rec)
    assert res.ok, res.errors
    assert res.record.penghasilan == 5_000_000


def test_jkp_needs_jht_and_an_age_under_54() -> None:
    assert "program.requires" in codes(bpu_record(segmen="PU", npp="17081342", program="JKK,JKM,JKP"))
    old = bpu_record(
        nik="1610010101700001",
        tanggal_lahir="1970-01-01",
        jenis_kelamin="L",
        segmen="PU",
        npp="17081342",
        program="JKK,JKM,JHT,JKP",
    )
    assert "program.age" in codes(old)


def test_too_young_for_segment() -> None:
    rec = bpu_record(nik="1610010101150001", tanggal_lahir="2015-01-01", jenis_kelamin="L")
    assert "tanggal_lahir.too_young" in codes(rec)


def test_dates_in_day_month_year_and_date_objects() -> None:
    assert run(bpu_record(tanggal_lahir="05/08/1990")).ok
    assert run(bpu_record(tanggal_lahir=dt.date(1990, 8, 5))).ok


def test_occupation_by_name() -> None:
    res = run(bpu_record(pekerjaan="nelayan/perikanan"))
    assert res.ok and res.record.pekerjaan == "P003"


def test_names() -> None:
    assert check_name("nama", "  o'neil   d'souza-putri ", label="Nama")[0] == "O'NEIL D'SOUZA-PUTRI"
    assert check_name("nama", "Muh. Ali, S.Pd.", label="Nama")[0] == "MUH. ALI, S.PD."
    assert check_name("nama", "Ñoño Élan", label="Nama")[0] == "ÑOÑO ÉLAN"
    assert check_name("nama", "---", label="Nama")[1][0].code == "nama.chars"


@pytest.mark.parametrize("raw", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890"])
def test_phones_normalise_to_e164(raw: str) -> None:
    assert normalise_phone("no_hp", raw) == ("+6281234567890", [])


def test_phone_lengths() -> None:
    assert normalise_phone("no_hp", "0811234567")[0] == "+62811234567"  # 10 digits
    assert normalise_phone("no_hp", "08123456789012")[0] is None  # 14 digits


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(allow_nan=True), st.booleans()),
    )
)
def test_validator_never_raises_on_hostile_input(raw: dict[str, Any]) -> None:
    res = run(raw)
    assert res.ok or res.errors
