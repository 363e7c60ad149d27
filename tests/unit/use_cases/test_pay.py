"""Paying contributions, the use cases behind the payment dialogs and ``loket quote``/``pay``: what a
quote says, what a payment covers and charges, a harvest schedule as a payment calendar, and every
refusal (nothing written, said in Indonesian). The fake clock decides "now" (Monday 23 November 2026).

The figures a branch relies on: a BPU worker with income Rp1.000.000 and JKK+JKM owes Rp16.800 a
month (JKK Rp10.000 + JKM Rp6.800), halved for the months April–December 2026 (PP 50/2025 art. 7(b),
in the shipped rate table), but not when the regional budget (APBD) pays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.db.contribution_models import Payment
from app.domain.issues import DomainError
from app.domain.months import Month
from app.domain.schedule import Schedule
from app.services import contributions
from app.services.auth import PermissionDeniedError
from app.services.dto import Actor
from app.services.enrolment import enrol_worker
from tests.conftest import bpu_record
from tests.unit.use_cases.conftest import Core

FULL, HALF = 16_800, 8_400
NOV_2026 = Month(2026, 11)


def member(core: Core, **overrides: Any) -> str:
    out = enrol_worker(core.ctx, core.officer, bpu_record(**overrides))
    assert out.number is not None, out.errors
    return out.number


def months_from(first: Month, n: int) -> tuple[Month, ...]:
    return tuple(first.plus(i) for i in range(n))


@pytest.mark.parametrize(
    ("months", "total"),
    [
        (1, HALF),  # November 2026
        (3, 2 * HALF + FULL),  # Nov, Dec 2026 halved; January 2027 full
        (6, 2 * HALF + 4 * FULL),
        (12, 2 * HALF + 10 * FULL),
    ],
)
def test_a_quote_prices_each_month_with_the_rule_in_force_and_writes_nothing(
    core: Core, months: int, total: int
) -> None:
    number = member(core)
    before = core.events()
    quote = contributions.quote_for_member(core.ctx, number, months=months)
    assert quote.months == months_from(NOV_2026, months)
    assert quote.total == total and quote.gross_total == months * FULL
    assert quote.discount_total == quote.gross_total - total
    assert core.events() == before and core.count(Payment) == 0


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_a_payment_covers_the_quoted_months_charges_the_quote_and_is_audited(core: Core, months: int) -> None:
    number = member(core)
    quote = contributions.quote_for_member(core.ctx, number, months=months)
    before = core.events()
    paid = contributions.pay(core.ctx, core.officer, number, months=months, method="cash")
    assert paid.receipt_no == "TBI-101-2026-000001" and paid.status == "PAID"
    assert paid.quote.months == quote.months and paid.quote.total == quote.total
    assert (paid.officer, paid.counter, paid.business_date) == ("budi", "LOKET-1", dt.date(2026, 11, 23))
    assert "1610014508900003" not in paid.nik_masked  # a receipt never holds the full NIK
    (event,) = core.events()[len(before) :]
    assert (event.action, event.actor, event.entity_id) == ("payment.record", "budi", paid.receipt_no)
    assert event.details["total"] == quote.total
    assert event.details["months"] == [str(m) for m in quote.months]
    cover = contributions.member_cover(core.ctx, number)
    assert cover.paid_through == NOV_2026.plus(months - 1) and cover.covered


def test_the_next_payment_starts_after_the_months_paid_and_receipts_count_on(core: Core) -> None:
    number = member(core)
    contributions.pay(core.ctx, core.officer, number, months=3, method="cash")
    quote = contributions.quote_for_member(core.ctx, number, months=1)
    assert quote.months == (Month(2027, 2),) and quote.total == FULL
    second = contributions.pay(core.ctx, core.other_officer, number, months=1, method="cash")
    assert second.receipt_no == "TBI-101-2026-000002" and second.officer == "ani"


def test_the_regional_budget_pays_the_full_contribution_with_its_reference(core: Core) -> None:
    number = member(core)
    assert contributions.quote_for_member(core.ctx, number, months=1, method="apbd").total == FULL
    paid = contributions.pay(
        core.ctx, core.officer, number, months=1, method="apbd", reference="SP2D 900/12/2026"
    )
    assert paid.quote.total == FULL and paid.reference == "SP2D 900/12/2026"


def test_a_retried_request_is_recorded_once(core: Core) -> None:
    number = member(core)
    first = contributions.pay(core.ctx, core.officer, number, months=1, method="cash", request_key="dlg-7f3a")
    again = contributions.pay(core.ctx, core.officer, number, months=1, method="cash", request_key="dlg-7f3a")
    assert again.repeated and again.id == first.id and again.receipt_no == first.receipt_no
    assert core.count(Payment) == 1


# --- a harvest schedule: a payment calendar -------------------------------------------------------------


def test_a_farmer_pays_at_harvest_until_the_next_harvest_and_cover_stays_continuous(core: Core) -> None:
    number = member(core)  # P001 petani/pekebun: a seasonal occupation, no reason needed
    before = core.events()
    cover = contributions.set_schedule(core.ctx, core.officer, number, Schedule(frozenset({3, 9})))
    assert cover.schedule == "HARVEST:3,9"
    (event,) = core.events()[len(before) :]
    assert (event.action, event.details) == ("schedule.set", {"schedule": "HARVEST:3,9", "reason": None})
    # November is no harvest month: the first payment bridges to March.
    assert cover.next_months == months_from(NOV_2026, 4) and cover.next_amount == 2 * HALF + 2 * FULL
    first = contributions.pay(core.ctx, core.officer, number, method="cash")  # no months: the schedule's run
    assert first.quote.months == months_from(NOV_2026, 4) and first.quote.total == 50_400
    assert first.cover_after == "Dilindungi s.d. 28 Februari 2027"
    # At the March harvest the farmer pays March–August, until the September harvest.
    core.clock.now = dt.datetime(2027, 3, 10, 3, 0, tzinfo=dt.UTC)
    second = contributions.pay(core.ctx, core.officer, number, method="cash")
    assert second.quote.months == months_from(Month(2027, 3), 6) and second.quote.total == 6 * FULL
    assert second.receipt_no == "TBI-101-2027-000001"  # a new year, a new receipt series
    assert second.cover_after == "Dilindungi s.d. 31 Agustus 2027"


def test_a_harvest_schedule_for_other_work_needs_a_reason_and_is_for_bpu_only(core: Core) -> None:
    labourer = member(core, nik="1610014508900004", pekerjaan="P005")  # buruh harian lepas: not seasonal
    harvest = Schedule(frozenset({3, 9}))
    with pytest.raises(DomainError) as refused:
        contributions.set_schedule(core.ctx, core.officer, labourer, harvest)
    assert refused.value.issues[0].code == "schedule.reason_required"
    assert "bukan pekerjaan musiman" in refused.value.issues[0].message
    reason = "Upah dibayar per musim tanam"
    assert (
        contributions.set_schedule(core.ctx, core.officer, labourer, harvest, reason=reason).schedule
        == "HARVEST:3,9"
    )
    assert core.events()[-1].details == {"schedule": "HARVEST:3,9", "reason": reason}

    wage_earner = member(core, nik="1610014508900005", segmen="PU", npp="12345678", program="JKK,JKM,JHT")
    with pytest.raises(DomainError) as pu:
        contributions.set_schedule(core.ctx, core.officer, wage_earner, harvest, reason=reason)
    assert pu.value.issues[0].code == "schedule.segment"


# --- refusals: said in Indonesian, nothing written ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code", "words"),
    [
        ({"months": 0}, "months.count", "Jumlah bulan harus 1–12"),
        ({"months": 13}, "months.count", "Jumlah bulan harus 1–12"),
        ({"months": True}, "months.count", "Jumlah bulan harus 1–12"),
        ({"months": 1, "method": "bitcoin"}, "payment.method", "Cara bayar harus"),
        ({"months": 1, "method": "transfer"}, "payment.reference_required", "Nomor referensi wajib"),
        ({"months": 1, "method": "employer", "reference": "   "}, "payment.reference_required", "wajib"),
        (
            {"months": 1, "method": "transfer", "reference": "x" * 61},
            "payment.reference_length",
            "60 karakter",
        ),
        ({"months": 1, "start": Month(2026, 10)}, "payment.start_too_old", "dimulai dari"),
        ({"months": 12, "start": Month(2027, 1)}, "payment.start_too_far", "Paling jauh"),
        ({"months": 1, "request_key": "x" * 65}, "payment.request_key", "64 karakter"),
    ],
)
def test_a_payment_the_rules_do_not_allow_is_refused_and_writes_nothing(
    core: Core, kwargs: dict[str, Any], code: str, words: str
) -> None:
    number = member(core)
    before = core.events()
    with pytest.raises(DomainError) as refused:
        contributions.pay(core.ctx, core.officer, number, **{"method": "cash", **kwargs})
    (issue,) = refused.value.issues
    assert issue.code == code and words in issue.message
    assert core.count(Payment) == 0 and core.events() == before


def test_months_already_paid_are_refused_naming_the_receipt(core: Core) -> None:
    number = member(core)
    paid = contributions.pay(core.ctx, core.officer, number, months=2, method="cash")
    with pytest.raises(DomainError) as refused:
        contributions.pay(
            core.ctx, core.other_officer, number, months=1, method="cash", start=Month(2026, 12)
        )
    (issue,) = refused.value.issues
    assert (
        issue.code == "payment.overlap"
        and paid.receipt_no in issue.message
        and "sudah dibayar" in issue.message
    )
    assert core.count(Payment) == 1


def test_a_member_number_with_a_wrong_check_digit_pays_nothing(core: Core) -> None:
    number = member(core)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(DomainError) as refused:
        contributions.pay(core.ctx, core.officer, wrong, months=1, method="cash")
    assert refused.value.issues[0].code == "nomor.check_digit"
    assert core.count(Payment) == 0


def test_a_role_without_the_right_to_take_payments_is_refused_and_the_refusal_audited(core: Core) -> None:
    number = member(core)
    guest = Actor(id=999, username="tamu", full_name="Tamu", role="tamu")
    before = core.events()
    with pytest.raises(PermissionDeniedError) as refused:
        contributions.pay(core.ctx, guest, number, months=1, method="cash")
    assert refused.value.message == (
        "Akses ditolak: akun tamu berperan tamu, yang tidak boleh mencatat pembayaran iuran."
    )
    assert [(e.action, e.entity_id) for e in core.events()[len(before) :]] == [("access.denied", "pay")]
    assert core.count(Payment) == 0
