"""Closing the business day, and an officer's own summary: the use cases behind the Tutup Hari page and
``loket day close``/``day report``. The fake clock decides which day it is in the branch's zone.

A day: Budi enrols two workers and takes Rp33.600 cash (3 months) and Rp8.400 by transfer; Ani takes
Rp8.400 cash. Closing needs the supervisor's password and each officer's cash counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.db.day_models import DayLock
from app.domain.issues import DomainError
from app.services import contributions, day
from app.services.auth import AuthError, PermissionDeniedError
from app.services.enrolment import enrol_worker
from tests.branch_setup import SUPERVISOR_PASSWORD
from tests.conftest import OFFICER_PASSWORD, bpu_record
from tests.unit.use_cases.conftest import Core

MONDAY = dt.date(2026, 11, 23)
COUNTED = {"budi": 33_600, "ani": 8_400}


def busy_day(core: Core) -> tuple[str, str]:
    a = enrol_worker(core.ctx, core.officer, bpu_record()).number
    b = enrol_worker(core.ctx, core.officer, bpu_record(nik="1610014508900004")).number
    assert a is not None and b is not None
    contributions.pay(core.ctx, core.officer, a, months=3, method="cash")  # 8.400 + 8.400 + 16.800
    contributions.pay(core.ctx, core.other_officer, b, months=1, method="cash")
    contributions.pay(core.ctx, core.officer, b, months=1, method="transfer", reference="TRF 0012")
    return a, b


def close(
    core: Core, cash_counted: dict[str, int] | None = None, cash_reasons: dict[str, str] | None = None
) -> day.DayStatusDTO:
    return day.close_day(
        core.ctx,
        core.supervisor,
        MONDAY,
        password=SUPERVISOR_PASSWORD,
        cash_counted=cash_counted,
        cash_reasons=cash_reasons,
    )


def test_closing_locks_the_day_and_audits_its_totals_and_the_cash_counted(core: Core) -> None:
    busy_day(core)
    core.clock.advance(hours=7)  # 17:00 WIB
    before = core.events()
    status = close(core, cash_counted=COUNTED)
    assert status.closed and status.business_date == MONDAY
    lock = status.current
    assert lock is not None and lock.closed_by == "siti" and lock.closed_at == core.clock.now
    password_check, event = core.events()[len(before) :]  # the password re-entered is audited too
    assert (password_check.action, password_check.actor) == ("login.ok", "siti")
    assert (event.action, event.actor, event.entity_id) == ("day.close", "siti", "2026-11-23")
    d = event.details
    assert (d["enrolments"], d["received"], d["net"], d["reconciled"]) == (2, 50_400, 50_400, True)
    assert d["cash_counted"] == {
        "ani": {"expected": 8_400, "counted": 8_400, "reason": ""},
        "budi": {"expected": 33_600, "counted": 33_600, "reason": ""},
    }
    assert d["pdf_sha256"] == lock.pdf_sha256 and d["day_audit_seq"] == lock.audit_seq
    assert day.day_status(core.ctx, MONDAY).closed


def test_a_day_already_closed_is_refused(core: Core) -> None:
    busy_day(core)
    close(core, cash_counted=COUNTED)
    with pytest.raises(DomainError) as refused:
        close(core, cash_counted=COUNTED)
    (issue,) = refused.value.issues
    assert issue.code == "day.already_closed" and issue.message == "Hari 23 November 2026 sudah ditutup."
    assert core.count(DayLock) == 1


def test_a_closed_day_takes_no_more_work_and_the_next_day_does(core: Core) -> None:
    a, _ = busy_day(core)
    core.clock.advance(hours=7)  # closed at 17.00 WIB
    close(core, cash_counted=COUNTED)
    for work in (
        lambda: enrol_worker(core.ctx, core.officer, bpu_record(nik="1610014508900005")),
        lambda: contributions.pay(core.ctx, core.officer, a, months=1, method="cash"),
    ):
        with pytest.raises(DomainError) as refused:
            work()
        (issue,) = refused.value.issues
        assert issue.code == "day.closed"
        assert "23 November 2026 sudah ditutup oleh Siti Rahmawati pukul 17.00" in issue.message
    core.clock.advance(hours=7)  # 00:00 WIB on Tuesday: a new business day
    out = enrol_worker(core.ctx, core.officer, bpu_record(nik="1610014508900005"))
    assert out.member is not None and out.member.current is not None
    assert out.member.current.business_date == MONDAY + dt.timedelta(days=1)


def test_work_after_midnight_belongs_to_the_next_day_and_does_not_hold_the_close_up(core: Core) -> None:
    a, _ = busy_day(core)
    core.clock.now = dt.datetime(2026, 11, 23, 17, 5, tzinfo=dt.UTC)  # 00.05 WIB on Tuesday
    tuesday = contributions.pay(core.ctx, core.officer, a, months=1, method="cash")
    assert tuesday.business_date == MONDAY + dt.timedelta(days=1)
    assert close(core, cash_counted=COUNTED).closed  # Monday's cash, not Tuesday's


def test_every_officer_who_took_cash_is_counted_and_a_difference_needs_a_reason(core: Core) -> None:
    busy_day(core)
    with pytest.raises(DomainError) as missing:
        close(core, cash_counted={"budi": 33_600})
    assert [(i.field, i.code) for i in missing.value.issues] == [("kas.ani", "cash.count_missing")]
    assert (
        "Hitung uang tunai petugas ani" in missing.value.issues[0].message
        and "Rp8.400" in missing.value.issues[0].message
    )
    short = {"budi": 33_000, "ani": 8_400}
    with pytest.raises(DomainError) as no_reason:
        close(core, cash_counted=short)
    assert [(i.field, i.code) for i in no_reason.value.issues] == [("alasan.budi", "cash.reason_required")]
    assert not day.day_status(core.ctx, MONDAY).closed
    close(core, cash_counted=short, cash_reasons={"budi": "uang kembalian kurang Rp600"})
    (event,) = [e for e in core.events() if e.action == "day.close"]
    assert event.details["cash_counted"]["budi"] == {
        "expected": 33_600,
        "counted": 33_000,
        "reason": "uang kembalian kurang Rp600",
    }


def test_closing_needs_a_supervisor_and_their_password(core: Core) -> None:
    busy_day(core)
    with pytest.raises(AuthError) as wrong:
        day.close_day(core.ctx, core.supervisor, MONDAY, password="bukan-sandinya", cash_counted=COUNTED)
    assert wrong.value.message == "Nama pengguna atau kata sandi salah."
    with pytest.raises(PermissionDeniedError) as officer:
        day.close_day(core.ctx, core.officer, MONDAY, password=OFFICER_PASSWORD, cash_counted=COUNTED)
    assert officer.value.message.startswith("Akses ditolak: hanya supervisor yang boleh menutup hari")
    assert core.count(DayLock) == 0


def test_a_day_not_yet_come_cannot_be_closed(core: Core) -> None:
    with pytest.raises(DomainError) as refused:
        day.close_day(core.ctx, core.supervisor, MONDAY + dt.timedelta(days=1), password=SUPERVISOR_PASSWORD)
    assert (
        refused.value.issues[0].code == "day.future"
        and "24 November 2026 belum tiba" in refused.value.issues[0].message
    )


def test_an_empty_day_closes_with_zero_totals(core: Core) -> None:
    close(core)
    (event,) = [e for e in core.events() if e.action == "day.close"]
    assert (event.details["enrolments"], event.details["received"], event.details["cash_counted"]) == (
        0,
        0,
        {},
    )


# --- an officer's own summary --------------------------------------------------------------------------


def test_an_officer_reads_their_own_takings(core: Core) -> None:
    busy_day(core)
    mine = day.day_summary(core.ctx, core.officer, MONDAY, officer="budi", verify_chain=False)
    assert mine.officer == "budi" and mine.officer_name == "Budi Santoso"
    f = mine.figures
    assert (f.enrolment_count, f.received_count, f.received_amount) == (2, 2, 42_000)
    assert [(t.officer, t.cash, t.amount("transfer")) for t in f.takings] == [("budi", 33_600, 8_400)]
    hers = day.day_summary(core.ctx, core.other_officer, MONDAY, officer="ANI ", verify_chain=False)
    assert (hers.figures.enrolment_count, hers.figures.received_amount) == (0, 8_400)
    branch = day.day_summary(core.ctx, core.supervisor, MONDAY, verify_chain=False)
    assert branch.figures.received_amount == 50_400 and branch.audit.chain_ok


def test_an_officer_may_not_read_another_officers_or_the_branchs_summary(core: Core) -> None:
    busy_day(core)
    for officer in ("ani", None):
        with pytest.raises(PermissionDeniedError) as refused:
            day.day_summary(core.ctx, core.officer, MONDAY, officer=officer, verify_chain=False)
        assert refused.value.message.startswith("Akses ditolak: hanya supervisor yang boleh menutup hari")
    assert (
        day.day_summary(
            core.ctx, core.supervisor, MONDAY, officer="ani", verify_chain=False
        ).figures.received_amount
        == 8_400
    )
