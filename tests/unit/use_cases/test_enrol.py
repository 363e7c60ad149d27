"""``enrol_worker``, the use case behind the intake page, ``loket enrol`` and the import: numbers, the
business day, the exact-NIK and likely-duplicate rules, the supervisor's audited override and the
regional check (a fake Kanwil), for every caller alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.db.models import Enrolment, Heir, Member
from app.domain.issues import DomainError
from app.domain.membership import make_number
from app.services.auth import PermissionDeniedError
from app.services.enrolment import enrol_worker
from app.services.records_dto import DuplicateOverride
from tests.conftest import bpu_record
from tests.unit.use_cases.conftest import BranchContext, Core, FakeKanwil

SITI_NIK = "1610014508900003"  # Muara Kuang, Ogan Ilir; born 5 August 1990, a woman


def enrolled(core: Core, **overrides: Any) -> str:
    out = enrol_worker(core.ctx, core.officer, bpu_record(**overrides))
    assert out.status == "enrolled" and out.number is not None, out.errors
    return out.number


def rows(core: Core) -> tuple[int, int, int]:
    return core.count(Member), core.count(Enrolment), core.count(Heir)


def test_a_walk_in_gets_the_next_number_of_its_branch_and_one_audit_event(core: Core) -> None:
    before = core.events()
    out = enrol_worker(core.ctx, core.officer, bpu_record(ahli_waris="BUDI:SUAMI"))
    assert out.status == "enrolled" and out.errors == ()
    assert out.number == make_number("101", 1).value == "10100000013"  # branch, serial, check digit
    assert out.member is not None and out.member.nama == "SITI AMINAH" and out.member.branch_code == "101"
    (e,) = out.member.enrolments
    assert (e.segment, e.programmes, e.officer, e.counter) == ("BPU", ("JKK", "JKM"), "budi", "LOKET-1")
    assert e.business_date == dt.date(2026, 11, 23)
    assert rows(core) == (1, 1, 1)
    (event,) = core.events()[len(before) :]
    assert (event.action, event.actor, event.entity_id) == ("member.enrol", "budi", out.number)
    assert event.details["segment"] == "BPU" and event.details["programmes"] == ["JKK", "JKM"]

    assert enrolled(core, nik="1610014508900004") == make_number("101", 2).value


@pytest.mark.parametrize(
    ("timezone", "utc", "day"),
    [
        (
            "Asia/Jakarta",
            dt.datetime(2026, 11, 23, 16, 59, tzinfo=dt.UTC),
            dt.date(2026, 11, 23),
        ),  # 23:59 WIB
        ("Asia/Jakarta", dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC), dt.date(2026, 11, 24)),  # 00:00 WIB
        (
            "Asia/Makassar",
            dt.datetime(2026, 11, 23, 16, 0, tzinfo=dt.UTC),
            dt.date(2026, 11, 24),
        ),  # 00:00 WITA
        (
            "Asia/Jayapura",
            dt.datetime(2026, 11, 23, 14, 59, tzinfo=dt.UTC),
            dt.date(2026, 11, 23),
        ),  # 23:59 WIT
    ],
)
def test_the_enrolment_is_dated_on_the_branchs_local_day(
    core: Core, branch_context: BranchContext, timezone: str, utc: dt.datetime, day: dt.date
) -> None:
    branch_context.move_to(timezone)
    core.clock.now = utc
    out = enrol_worker(core.ctx, core.officer, bpu_record())
    assert out.member is not None and out.member.current is not None
    assert out.member.current.business_date == day
    assert out.member.created_at == utc  # stored in UTC


def test_an_active_nik_is_refused_naming_its_number_and_nothing_is_written(core: Core) -> None:
    first = enrolled(core)
    before, trail = rows(core), core.events()
    out = enrol_worker(core.ctx, core.officer, bpu_record(nama="Siti Aminah Binti Ali", alamat="Jl. Lain 2"))
    assert out.status == "rejected" and out.existing_number == first
    (issue,) = out.errors
    assert (issue.field, issue.code) == ("nik", "nik.duplicate")
    assert issue.message == f"NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {first}."
    assert rows(core) == before and core.events() == trail


@pytest.mark.parametrize("nama", ["Siti Aminah", "Aminah", "Siti Aminah Binti"])
def test_a_likely_duplicate_is_refused_with_its_candidates_and_nothing_is_written(
    core: Core, nama: str
) -> None:
    """Another NIK, the same birth date and NIK district, a similar name: the counter's rule."""
    first = enrolled(core)
    before, trail = rows(core), core.events()
    out = enrol_worker(core.ctx, core.officer, bpu_record(nik="1610014508900004", nama=nama))
    assert out.status == "rejected"
    (issue,) = out.errors
    assert (issue.field, issue.code) == ("nama", "member.likely_duplicate") and first in issue.message
    assert [c.number for c in out.extra["likely_duplicates"]] == [first]
    assert rows(core) == before and core.events() == trail


def test_someone_else_born_the_same_day_is_no_duplicate(core: Core) -> None:
    enrolled(core)
    assert enrolled(core, nik="1610014508900004", nama="Dewi Lestari").startswith("101")


def test_a_supervisors_override_saves_the_likely_duplicate_and_audits_who_why_and_what(core: Core) -> None:
    first = enrolled(core)
    before = core.events()
    override = DuplicateOverride(core.supervisor, "Orang berbeda: KTP asli dan ibu kandung dicek")
    twin = bpu_record(nik="1610014508900004", nama="Siti Aminah")
    out = enrol_worker(core.ctx, core.officer, twin, override=override)
    assert out.status == "enrolled" and out.number == make_number("101", 2).value
    enrol, allowed = core.events()[len(before) :]
    assert (enrol.action, enrol.entity_id) == ("member.enrol", out.number)
    assert (allowed.action, allowed.actor, allowed.entity_id) == (
        "member.duplicate_override",
        "budi",
        out.number,
    )
    assert allowed.details["supervisor"] == "siti"
    assert allowed.details["reason"] == "Orang berbeda: KTP asli dan ibu kandung dicek"
    assert allowed.details["candidates"] == [first]


def test_an_override_is_audited_only_when_something_resembled(core: Core) -> None:
    override = DuplicateOverride(core.supervisor, "Jaga-jaga saja, tidak ada yang mirip")
    enrol_worker(core.ctx, core.officer, bpu_record(), override=override)
    assert [e.action for e in core.events()].count("member.duplicate_override") == 0


def test_an_override_needs_a_supervisor_and_a_reason(core: Core) -> None:
    enrolled(core)
    twin = bpu_record(nik="1610014508900004", nama="Siti Aminah")
    before, trail = rows(core), len(core.events())
    by_officer = DuplicateOverride(core.other_officer, "Orang berbeda, sudah dicek")
    with pytest.raises(PermissionDeniedError) as refused:
        enrol_worker(core.ctx, core.officer, twin, override=by_officer)
    assert refused.value.message.startswith("Akses ditolak: hanya supervisor")
    no_reason = DuplicateOverride(core.supervisor, "ok")
    with pytest.raises(DomainError) as short:
        enrol_worker(core.ctx, core.officer, twin, override=no_reason)
    assert short.value.issues[0].code == "duplicate.reason"
    assert rows(core) == before
    assert [e.action for e in core.events()[trail:]] == ["access.denied"]  # the refusal, nothing else


def test_a_dry_run_gives_the_same_verdict_and_writes_nothing(core: Core) -> None:
    first = enrolled(core)
    before, trail = rows(core), core.events()
    assert (
        enrol_worker(
            core.ctx, core.officer, bpu_record(nik="1610014508900005", nama="Dewi"), dry_run=True
        ).status
        == "valid"
    )
    dup = enrol_worker(
        core.ctx, core.officer, bpu_record(nik="1610014508900004", nama="Aminah"), dry_run=True
    )
    assert dup.status == "rejected" and dup.errors[0].code == "member.likely_duplicate"
    same = enrol_worker(core.ctx, core.officer, bpu_record(), dry_run=True)
    assert same.errors[0].code == "nik.duplicate" and same.existing_number == first
    assert rows(core) == before and core.events() == trail


def test_a_bad_record_is_refused_at_its_fields_in_indonesian(core: Core) -> None:
    out = enrol_worker(core.ctx, core.officer, bpu_record(nik="1610014508900000", nama="Siti <script>"))
    assert out.status == "rejected"
    by_field = {i.field: i for i in out.errors}
    assert by_field["nik"].code.startswith("nik.") and by_field["nama"].code == "nama.chars"
    assert all(i.message and "Traceback" not in i.message for i in out.errors)
    assert rows(core) == (0, 0, 0)


# --- the regional check, against a fake Kanwil ---------------------------------------------------------


def test_a_nik_active_at_another_branch_of_the_region_is_refused(core: Core, kanwil: FakeKanwil) -> None:
    elsewhere = make_number("102", 7).value
    kanwil.hold(SITI_NIK, elsewhere, "102", "KCP Prabumulih")
    out = enrol_worker(core.ctx, core.officer, bpu_record())
    assert out.status == "rejected"
    (issue,) = out.errors
    assert issue.code == "nik.region_duplicate"
    assert (
        "cabang 102 KCP Prabumulih" in issue.message
        and elsewhere in issue.message
        and "mutasi" in issue.message
    )
    assert kanwil.asked == [(SITI_NIK,)]
    assert rows(core) == (0, 0, 0)


def test_a_member_moving_between_branches_is_not_enrolled_again(core: Core, kanwil: FakeKanwil) -> None:
    kanwil.hold(SITI_NIK, make_number("102", 7).value, "102", "KCP Prabumulih", moving_to="103")
    out = enrol_worker(core.ctx, core.officer, bpu_record(), dry_run=True)
    assert out.errors[0].code == "nik.region_moving" and "ke cabang 103" in out.errors[0].message


def test_a_silent_kanwil_is_said_and_the_branchs_own_checks_still_apply(
    core: Core, kanwil: FakeKanwil
) -> None:
    kanwil.down = True
    out = enrol_worker(core.ctx, core.officer, bpu_record())
    assert out.status == "enrolled"
    assert [w.code for w in out.warnings] == ["region.check_skipped"]
    again = enrol_worker(core.ctx, core.officer, bpu_record())
    assert again.status == "rejected" and again.errors[0].code == "nik.duplicate"
    assert [w.code for w in again.warnings] == ["region.check_skipped"]


def test_the_kanwil_is_asked_only_about_this_nik_and_its_own_branch_is_not_elsewhere(
    core: Core, kanwil: FakeKanwil
) -> None:
    kanwil.hold(SITI_NIK, make_number("101", 99).value, "101", "KCP Indralaya")  # this branch's own row
    assert enrolled(core) == make_number("101", 1).value
    assert kanwil.asked == [(SITI_NIK,)]
