"""Export helpers: cell neutralisation, file names, masking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.cells import neutralise_cell
from app.domain.exports import check_export_name, mask_phone


def test_every_formula_trigger_is_neutralised_and_other_values_pass() -> None:
    for text in ("=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise_cell(text) == "'" + text
    for value in ("Siti", "1610014508900003", 42, None, "a=b"):
        assert neutralise_cell(value) == value


@given(st.text(max_size=30))
def test_a_neutralised_cell_never_starts_a_formula(text: str) -> None:
    out = neutralise_cell(text)
    assert isinstance(out, str) and not out.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text(max_size=90))
def test_an_accepted_name_is_one_plain_path_component(name: str) -> None:
    if check_export_name(name) is None:
        assert "/" not in name and "\\" not in name and ".." not in name and ":" not in name
        assert name.strip() == name and not name.startswith(".")


def test_names() -> None:
    assert check_export_name("laporan kantor pusat (nov)") is None
    assert check_export_name("loket-101-2026-11-23_2026-11-23") is None
    for bad in ("", "../x", "x/y", "LPT1", "aux.csv", "x" * 81, "nama.", "-rf"):
        issue = check_export_name(bad)
        assert issue is not None and issue.code == "export.name"


def test_phone_masking() -> None:
    assert mask_phone("+6281234567890") == "0812****7890"
    assert mask_phone(None) is None
