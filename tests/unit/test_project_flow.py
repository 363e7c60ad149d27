"""The construction-project desk without Qt: steps, what is offered to whom, where the cursor goes, the
charge by brackets line by line, and the form's text read the way registration reads it."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from app.domain.contributions import jakon_contract_charge, jakon_contract_contribution
from app.domain.membership import make_number
from app.domain.months import Month
from app.domain.projects import MAX_CONTRACT_VALUE, contract_charge
from app.domain.rates import ContractTier, RateBook
from app.domain.record_fields import parse_int
from app.infra.rates import shipped_rate_tables
from app.services.contributions.project_flow import (
    REFUSAL_LABELS,
    STEP_LABELS,
    Action,
    Focus,
    ProjectDesk,
    ProjectStep,
    read_value,
    read_worker_numbers,
    regroup,
)
from app.services.contributions.projects import ProjectDTO, ProjectRights, ProjectWorkerDTO

BOOK = RateBook.of(shipped_rate_tables())
EVERYTHING = ProjectRights(register=True, add_workers=True, pay=True)
WORKER = ProjectWorkerDTO("10100000013", "AHMAD FAUZI", "161001******0401")


def project(status: str = "REGISTERED", workers: int = 0, code: str = "PRJ-101-2026-000001") -> ProjectDTO:
    return ProjectDTO(
        code=code,
        name="JEMBATAN DESA",
        owner="PEMERINTAH DESA",
        contractor="CV SUMBER REJEKI",
        npp=None,
        contract_value=180_000_000,
        spk_date=dt.date(2026, 11, 16),
        months=(Month(2026, 11), Month(2026, 12)),
        status=status,
        jkk=346_000,
        jkm=46_000,
        receipt_no="TBK-101-2026-000001" if status == "PAID" else None,
        workers=(WORKER,) * workers,
    )


# ---- the charge, bracket by bracket ------------------------------------------------------------------
def test_the_elucidations_worked_example_line_by_line() -> None:
    charge = jakon_contract_charge(BOOK, Month(2026, 11), 180_000_000)
    assert [(ln.lower, ln.upper, ln.portion) for ln in charge.lines] == [
        (0, 100_000_000, 100_000_000),
        (100_000_000, 500_000_000, 80_000_000),
    ]
    assert [dict(ln.amounts) for ln in charge.lines] == [
        {"JKK": 210_000, "JKM": 30_000},
        {"JKK": 136_000, "JKM": 16_000},
    ]
    assert dict(charge.totals) == {"JKK": 346_000, "JKM": 46_000} and charge.total == 392_000
    assert charge.lines[0].rates["JKK"] == Fraction(21, 10_000)


def test_a_value_above_every_ceiling_uses_the_last_bracket() -> None:
    charge = jakon_contract_charge(BOOK, Month(2026, 11), 6_000_000_000)
    assert [ln.upper for ln in charge.lines] == [100_000_000, 500_000_000, 1_000_000_000, 5_000_000_000, None]
    assert charge.lines[-1].portion == 1_000_000_000 and charge.lines[-1].amounts == {
        "JKK": 900_000,
        "JKM": 100_000,
    }


TIERS = st.lists(
    st.tuples(st.integers(1, 10**9), st.integers(0, 300), st.integers(0, 300)), min_size=1, max_size=6
).map(
    lambda rows: tuple(
        ContractTier(
            None if i == len(rows) - 1 else sum(r[0] for r in rows[: i + 1]),
            {"JKK": Fraction(a, 100_000), "JKM": Fraction(b, 100_000)},
        )
        for i, (_, a, b) in enumerate(rows)
    )
)


@given(TIERS, st.integers(1, 10**13))
def test_lines_add_up_to_the_totals_to_the_rupiah(tiers: tuple[ContractTier, ...], value: int) -> None:
    charge = contract_charge(tiers, value)
    assert sum(ln.portion for ln in charge.lines) == value
    for code, total in charge.totals.items():
        assert sum(ln.amounts[code] for ln in charge.lines) == total
        exact = sum(ln.portion * ln.rates[code] for ln in charge.lines)
        assert abs(total - exact) <= Fraction(1, 2)
        assert all(isinstance(ln.amounts[code], int) for ln in charge.lines)


@given(st.integers(1, MAX_CONTRACT_VALUE))
def test_registration_and_the_form_charge_the_same(value: int) -> None:
    month = Month(2026, 11)
    assert dict(jakon_contract_charge(BOOK, month, value).totals) == jakon_contract_contribution(
        BOOK, month, value
    )


# ---- steps and what is offered -------------------------------------------------------------------------
def test_each_step_offers_the_next_action_and_says_it() -> None:
    desk = ProjectDesk(EVERYTHING)
    v = desk.view()
    assert v.step is ProjectStep.NEW and v.enabled == {Action.REGISTER} and v.next_action is Action.REGISTER
    desk.select(project())
    v = desk.view()
    assert v.step is ProjectStep.LIST_WORKERS and v.enabled == {Action.ADD_WORKERS}  # Ctrl+S: no hidden form
    assert v.next_action is Action.ADD_WORKERS
    desk.select(project(workers=2))
    v = desk.view()
    assert v.step is ProjectStep.PAY and v.can(Action.PAY) and not v.can(Action.PRINT)
    desk.select(project("PAID", workers=2))
    v = desk.view()
    assert v.step is ProjectStep.PRINT and v.can(Action.PRINT) and not v.can(Action.PAY)
    assert v.can(Action.ADD_WORKERS)  # a worker listed later is covered at once
    assert {s: STEP_LABELS[s] for s in ProjectStep} and "Ctrl+P" in v.hint


def test_one_call_at_a_time_and_the_cursor_goes_on() -> None:
    desk = ProjectDesk(EVERYTHING)
    assert desk.begin(Action.REGISTER)
    v = desk.view()
    assert v.busy and not v.enabled and Action.REGISTER in v.open
    assert not desk.begin(Action.REGISTER)  # a second Ctrl+S while the first is on its way
    assert desk.succeeded(project()) is Focus.WORKER and desk.step is ProjectStep.LIST_WORKERS
    assert not desk.begin(Action.REGISTER)  # the form is not on screen any more
    assert not desk.begin(Action.PAY)  # nobody listed yet
    assert desk.begin(Action.ADD_WORKERS) and desk.failed() is Focus.WORKER
    assert desk.begin(Action.ADD_WORKERS)
    assert desk.succeeded(project(workers=1)) is Focus.WORKER and desk.step is ProjectStep.PAY
    assert desk.begin(Action.PAY) and desk.failed() is Focus.METHOD and desk.project is not None
    assert desk.begin(Action.PAY) and desk.succeeded(project("PAID", workers=1)) is Focus.PRINT
    assert desk.begin(Action.PRINT) and desk.succeeded() is Focus.PRINT and desk.step is ProjectStep.PRINT


def test_a_late_answer_about_another_project_does_not_take_the_screen() -> None:
    desk = ProjectDesk(EVERYTHING)
    desk.select(project(workers=1))
    assert desk.begin(Action.PAY)
    desk.select(project(code="PRJ-101-2026-000002"))  # the officer moved on while it was paid
    desk.succeeded(project("PAID", workers=1))
    assert desk.project is not None and desk.project.code == "PRJ-101-2026-000002"


def test_what_the_role_does_not_allow_is_not_offered_and_says_why() -> None:
    desk = ProjectDesk(ProjectRights(register=True, add_workers=True, pay=False))
    desk.select(project(workers=3))
    v = desk.view()
    assert not v.can(Action.PAY) and Action.PAY not in v.open and not v.reference_enabled
    assert v.refused == {Action.PAY: REFUSAL_LABELS[Action.PAY]}
    assert not desk.begin(Action.PAY)


def test_the_reference_follows_the_cores_rule_for_the_method() -> None:
    desk = ProjectDesk(EVERYTHING)
    desk.select(project(workers=1))
    assert not desk.view().reference_required and not desk.view().reference_enabled
    for method in ("transfer", "apbd", "employer"):
        desk.set_method(method)
        assert desk.view().reference_required and desk.view().reference_enabled
    desk.select(project("PAID", workers=1))
    assert not desk.view().reference_enabled  # nothing to pay any more


# ---- the form's text ---------------------------------------------------------------------------------
def test_the_contract_value_as_typed() -> None:
    assert read_value("180.000.000").value == 180_000_000
    assert read_value("Rp180.000.000").value == 180_000_000
    assert read_value(" 180000000 ").value == 180_000_000
    for text, code in (
        ("", "project.value_empty"),
        ("18O.000.000", "project.value_text"),
        ("seratus juta", "project.value_text"),
        ("180.000.000,50", "project.value_text"),
        ("-5", "project.value_text"),
        ("0", "project.value"),
        ("Rp0", "project.value"),
        (str(MAX_CONTRACT_VALUE + 1), "project.value"),
    ):
        read = read_value(text)
        assert read.value is None and read.issue is not None and read.issue.code == code, text
        assert read.issue.field == "nilai_kontrak"


def test_regrouping_keeps_the_cursor_after_the_same_digit() -> None:
    assert regroup("1800000", 7) == ("1.800.000", 9)
    assert regroup("18000000", 2) == ("18.000.000", 2)
    assert regroup("1.800.0000", 10) == ("18.000.000", 10)
    assert regroup("Rp180000000", 4) == ("Rp180.000.000", 4)
    assert regroup("0012", 4) == ("12", 2)
    assert regroup("18O", 3) == ("18O", 3)  # not an amount: left for its error to name
    assert regroup("", 0) == ("", 0)


@given(st.text(alphabet="0123456789.", max_size=20), st.data())
def test_regrouped_text_reads_as_the_same_number(text: str, data: st.DataObject) -> None:
    cursor = data.draw(st.integers(0, len(text)))
    grouped, at = regroup(text, cursor)
    assert 0 <= at <= len(grouped)
    digits = text.replace(".", "")
    if digits and len(digits) <= 16:
        assert parse_int(grouped) == int(digits)
        kept = sum(ch.isdigit() for ch in text[:cursor]) - (len(digits) - len(digits.lstrip("0") or "0"))
        assert sum(ch.isdigit() for ch in grouped[:at]) == max(kept, 0)


def test_worker_numbers_are_checked_before_any_call() -> None:
    a, b = make_number("101", 1).value, make_number("101", 2).value
    grouped = f"{a[:3]} {a[3:7]} {a[7:10]} {a[10]}"
    assert read_worker_numbers(f"{grouped}, {b};{a}") == ((a, b), ())
    numbers, issues = read_worker_numbers(f"{a}, 12345, {a[:-1]}{(int(a[-1]) + 1) % 10}")
    assert numbers == (a,)
    assert [(i.field, i.code) for i in issues] == [
        ("12345", "nomor.format"),
        (f"{a[:-1]}{(int(a[-1]) + 1) % 10}", "nomor.check_digit"),
    ]
    assert read_worker_numbers("  ,, ")[1][0].code == "project.no_workers"
