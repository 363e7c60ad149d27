"""Field rules decided in the core, without Qt: which programmes and terms a segment asks for, whether
the employer's NPP is required, the import's column choices, and NIK masking of someone's file."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.imports import REQUIRED_KEYS, check_choices, missing_keys
from app.domain.issues import Issue
from app.domain.nik import mask_cell, mask_nik
from app.domain.segment_fields import Need, segment_fields
from app.domain.terms import check_terms
from app.infra.reference import load_reference

REF = load_reference()
RULES = REF.eligibility
PROGRAMMES = ("JKK", "JKM", "JHT", "JP", "JKP")


@pytest.mark.parametrize(
    ("segment", "npp"),
    [("PU", Need.REQUIRED), ("JAKON", Need.OPTIONAL), ("BPU", Need.NONE), ("PMI", Need.NONE)],
)
def test_npp_is_required_for_pu_optional_for_construction_and_unused_elsewhere(
    segment: str, npp: Need
) -> None:
    fields = segment_fields(RULES, segment, PROGRAMMES)
    assert fields is not None and fields.npp is npp
    assert fields.npp_enabled is (npp is not Need.NONE)


@pytest.mark.parametrize("segment", ["PU", "JAKON", "BPU", "PMI"])
def test_the_npp_decision_is_the_record_checks_decision(segment: str) -> None:
    """What the form enables is what the record's checks accept, segment by segment."""
    fields = segment_fields(RULES, segment, PROGRAMMES)
    assert fields is not None

    def codes(npp: str) -> set[str]:
        errors: list[Issue] = []
        warnings: list[Issue] = []
        raw = {"pekerjaan": "P001", "segmen": segment, "npp": npp, "program": "JKK,JKM"}
        check_terms(
            raw, today=dt.date(2026, 12, 7), reference=REF, birth=None, errors=errors, warnings=warnings
        )
        return {i.code for i in errors + warnings if i.field == "npp"}

    assert ("npp.required" in codes("")) is (fields.npp is Need.REQUIRED)
    assert ("npp.ignored" in codes("12345678")) is (fields.npp is Need.NONE)


def test_programmes_fixed_on_off_or_chosen() -> None:
    bpu = segment_fields(RULES, "BPU", PROGRAMMES)
    assert bpu is not None
    assert bpu.programme("JKK").forced is True and not bpu.programme("JKK").editable
    assert bpu.programme("JHT").editable and bpu.programme("JHT").forced is None
    assert bpu.programme("JP").forced is False and not bpu.programme("JP").editable
    pu = segment_fields(RULES, "PU", PROGRAMMES)
    assert pu is not None and all(pu.programme(p).editable for p in ("JHT", "JP", "JKP"))
    assert pu.risk_class and not pu.migrant_terms
    pmi = segment_fields(RULES, "PMI", PROGRAMMES)
    assert pmi is not None and pmi.migrant_terms and not pmi.risk_class
    assert segment_fields(RULES, "XYZ", PROGRAMMES) is None


def test_mapping_choices_name_doubles_and_missing_keys() -> None:
    check = check_choices([("A", "nik"), ("B", "nama"), ("C", "nama"), ("D", None)])
    assert check.duplicates == {"nama": ("B", "C")}
    assert "nik" not in check.missing and "nama" not in check.missing
    assert set(check.missing) == set(REQUIRED_KEYS) - {"nik", "nama"}
    assert not check.ok
    full = check_choices([(chr(65 + i), k) for i, k in enumerate(REQUIRED_KEYS)])
    assert full.ok and full.missing == () and full.duplicates == {}
    assert missing_keys(REQUIRED_KEYS) == ()


def test_a_nik_anywhere_in_a_file_is_masked_on_screen() -> None:
    assert mask_cell("3171014501900002", nik_column=True) == "317101******0002"
    assert mask_cell("3171 0145 0190 0002") == "317101******0002"  # NIK-shaped in another column
    assert mask_cell("SITI AMINAH") == "SITI AMINAH"
    assert mask_cell("0812-3456-7890") == "0812-3456-7890"  # a phone number is not 16 digits
    assert mask_cell("   ", nik_column=True) == "   "


@given(st.text(alphabet="0123456789 .-", min_size=16, max_size=24))
def test_no_sixteen_digit_cell_shows_its_birth_date(text: str) -> None:
    shown = mask_cell(text)
    if len("".join(c for c in text if c.isdigit())) == 16:
        assert shown == mask_nik(text) and "******" in shown
    else:
        assert shown == text
