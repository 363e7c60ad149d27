"""Cash at the counter: amounts as officers type them, the change, the two-step payment, the close's counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cash import (
    CashCount,
    PaymentFlow,
    PayStep,
    check_cash_counts,
    check_received,
    parse_rupiah,
    received_issues,
)
from app.domain.issues import DomainError


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50000", 50_000),
        ("50.000", 50_000),
        ("Rp50.000", 50_000),
        ("rp 50.000,-", 50_000),
        ("1.250.000", 1_250_000),
        ("  200 000 ", 200_000),
        ("50.000,00", 50_000),
        ("", None),
        ("lima puluh ribu", None),
        ("50.00", None),
        ("-5000", None),
        ("5e4", None),
        ("99999999999999", None),
    ],
)
def test_amounts_as_officers_type_them(text: str, value: int | None) -> None:
    assert parse_rupiah(text) == value


@given(st.integers(min_value=0, max_value=10_000_000_000))
def test_every_grouped_amount_reads_back(n: int) -> None:
    assert parse_rupiah(f"{n:,}".replace(",", ".")) == n
    assert parse_rupiah(f"Rp{n}") == n


@given(st.text(max_size=40))
def test_hostile_amount_text_never_raises(text: str) -> None:
    value = parse_rupiah(text)
    assert value is None or 0 <= value <= 10_000_000_000


def test_the_amount_received_must_cover_the_total() -> None:
    assert [i.code for i in received_issues(33_600, "")] == ["cash.received_required"]
    assert [i.code for i in received_issues(33_600, "tiga puluh")] == ["cash.received_invalid"]
    short = received_issues(33_600, "30.000")
    assert [i.code for i in short] == ["cash.received_short"] and "Rp3.600" in short[0].message
    assert received_issues(33_600, "33.600") == [] and received_issues(33_600, "50.000") == []


def test_the_service_rule_refuses_short_cash_and_cash_for_transfers() -> None:
    check_received("cash", 33_600, None)
    check_received("cash", 33_600, 50_000)
    with pytest.raises(DomainError) as exc:
        check_received("cash", 33_600, 33_599)
    assert exc.value.issues[0].code == "cash.received_short"
    with pytest.raises(DomainError) as exc:
        check_received("transfer", 33_600, 50_000)
    assert exc.value.issues[0].code == "cash.received_not_cash"


def test_nothing_is_recorded_without_seeing_the_total_and_confirming() -> None:
    flow = PaymentFlow()
    assert flow.confirm() is None  # a single key on the first screen records nothing
    assert [i.code for i in flow.review(33_600, "cash", "20.000")] == ["cash.received_short"]
    assert flow.step is PayStep.ENTER
    assert flow.review(33_600, "cash", "50.000") == []
    assert flow.step is PayStep.CONFIRM and flow.tender is not None and flow.tender.change == 16_400
    flow.back()
    assert flow.step is PayStep.ENTER and flow.tender is None
    assert flow.review(33_600, "cash", "33.600") == []
    tender = flow.confirm()
    assert tender is not None and tender.change == 0 and flow.step is PayStep.RECORDING
    assert flow.confirm() is None  # a second Enter while it records does not record twice
    flow.failed()
    assert flow.step is PayStep.CONFIRM
    assert flow.confirm() is not None
    flow.recorded()
    assert flow.step is PayStep.DONE


def test_other_methods_confirm_without_an_amount_received() -> None:
    flow = PaymentFlow()
    assert flow.review(None, "cash", "50.000")[0].code == "cash.no_total"
    assert flow.review(33_600, "transfer", "") == []
    tender = flow.confirm()
    assert tender is not None and tender.received is None and tender.change == 0


def test_every_officer_who_took_cash_is_counted_and_a_difference_has_a_reason() -> None:
    expected = {"budi": 100_800, "ani": 33_600, "siti": 0}
    counts, issues = check_cash_counts(expected, {"budi": 100_800}, {})
    assert [i.code for i in issues] == ["cash.count_missing"] and "ani" in issues[0].message
    counts, issues = check_cash_counts(expected, {"budi": 100_000, "ani": 33_600}, {"budi": "  "})
    assert [(i.field, i.code) for i in issues] == [("alasan.budi", "cash.reason_required")]
    assert "-Rp800" in issues[0].message
    counts, issues = check_cash_counts(
        expected, {"budi": 100_000, "ani": 33_600}, {"budi": "uang kembalian  salah hitung"}
    )
    assert issues == []
    assert counts == [
        CashCount("ani", 33_600, 33_600, ""),
        CashCount("budi", 100_800, 100_000, "uang kembalian salah hitung"),
    ]
    assert counts[1].difference == -800
    _counts, issues = check_cash_counts(expected, {"budi": -1, "ani": 33_600}, {})
    assert [i.code for i in issues] == ["cash.count_invalid"]
