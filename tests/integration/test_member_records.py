"""Member records in a real SQLite file: the detail view (audited), history, the name index kept
in step, corrections, duplicates at intake, deactivation and merging."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from app.db.models import AuditEvent, Member, Setting
from app.db.search_models import MemberCorrection, MemberNameKey, NameKeyStat
from app.domain import duplicates as rule
from app.domain.issues import DomainError
from app.domain.names import KEY_VERSION
from app.domain.progress import CancelFlag, Cancelled
from app.services import corrections, deactivation, duplicates, enrolment
from app.services.audit import verify_audit
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import Actor
from app.services.records import member_history, open_member_record
from app.services.records_dto import DuplicateOverride
from app.services.search import search_members
from app.services.search_index import INDEX_VERSION_SETTING, index_version, rebuild_search_index
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, bpu_record
from tests.search_fixtures import SECOND_SUPERVISOR_PASSWORD, add_second_supervisor, enrol, person


@pytest.fixture
def second_supervisor(ctx: Any, supervisor: Actor) -> Actor:
    return add_second_supervisor(ctx, supervisor)


def numbers_for(ctx: Any, actor: Actor, text: str) -> list[str]:
    return [r.number for r in search_members(ctx, actor, text).rows]


def events(ctx: Any, action: str) -> list[dict[str, Any]]:
    rows = ctx.read(
        lambda s: (
            s.execute(select(AuditEvent.details).where(AuditEvent.action == action).order_by(AuditEvent.seq))
            .scalars()
            .all()
        )
    )
    return [json.loads(r) for r in rows]


# --- index and detail -------------------------------------------------------------------------


def test_enrolled_member_is_found_at_once_and_the_full_view_is_audited(ctx: Any, officer: Actor) -> None:
    number = enrol(ctx, officer, bpu_record(nama="Nurhayati Binti Ahmad"))
    assert numbers_for(ctx, officer, "nur hayati") == [number]
    record = open_member_record(ctx, officer, number)
    assert record.member.nik == "1610014508900003"  # full NIK on the detail page only
    assert [h.action for h in record.history] == ["member.enrol"]
    assert "segmen BPU" in record.history[0].summary
    view = events(ctx, "member.view")
    assert view == [{"via": "gui"}]
    assert verify_audit(ctx).ok


def test_rebuild_index_with_progress_and_cancel(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    enrol(ctx, officer, bpu_record())
    enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    before = ctx.read(lambda s: s.execute(select(func.count()).select_from(MemberNameKey)).scalar_one())
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        rebuild_search_index(ctx, supervisor, cancel=flag)
    assert (
        ctx.read(lambda s: s.execute(select(func.count()).select_from(MemberNameKey)).scalar_one()) == before
    )
    seen: list[tuple[int, int]] = []
    result = rebuild_search_index(ctx, supervisor, progress=lambda d, t, m="": seen.append((d, t)))
    assert result.members == 2 and result.postings == before
    assert seen[-1] == (2, 2)
    assert ctx.read(index_version) == KEY_VERSION  # what name search checks before it trusts the index
    stats = ctx.read(lambda s: dict(s.execute(select(NameKeyStat.key, NameKeyStat.postings)).all()))
    assert stats["BMBNG"] == 1 and all(" " not in k for k in stats)


def test_name_search_says_when_the_index_is_not_built(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    enrol(ctx, officer, bpu_record())
    ctx.write(lambda s: s.execute(delete(Setting).where(Setting.key == INDEX_VERSION_SETTING)))
    page = search_members(ctx, officer, "siti aminah")
    assert page.issues[0].code == "search.index_missing" and not page.rows
    assert search_members(ctx, officer, "1610014508900003").rows  # exact searches still work
    assert ctx.read(index_version) is None
    rebuild_search_index(ctx, supervisor)
    assert search_members(ctx, officer, "siti aminah").rows


# --- corrections ------------------------------------------------------------------------------


def test_correction_proposed_then_approved_by_another_supervisor(
    ctx: Any, officer: Actor, supervisor: Actor, second_supervisor: Actor
) -> None:
    number = enrol(ctx, officer, bpu_record(nama="Siti Aminah"))
    c = corrections.propose_correction(
        ctx,
        officer,
        number,
        {"nama": "siti aminah binti umar", "nama_ibu": "Fatimah Zahra"},
        "Salah ketik, sesuai KTP",
    )
    assert c.status == "PENDING" and c.proposed_by == "budi"
    assert {(ch.field, ch.old_value, ch.new_value) for ch in c.changes} == {
        ("nama", "SITI AMINAH", "SITI AMINAH BINTI UMAR"),
        ("nama_ibu", "FATIMAH", "FATIMAH ZAHRA"),
    }
    assert [x.id for x in corrections.list_corrections(ctx, supervisor)] == [c.id]
    assert open_member_record(ctx, officer, number).member.nama == "SITI AMINAH"  # not yet

    with pytest.raises(AuthError):
        corrections.approve_correction(ctx, supervisor, c.id, "wrong password")
    with pytest.raises(PermissionDeniedError):
        corrections.approve_correction(ctx, officer, c.id, OFFICER_PASSWORD)
    done = corrections.approve_correction(ctx, supervisor, c.id, SUPERVISOR_PASSWORD)
    assert done.status == "APPROVED" and done.decided_by == "siti"

    record = open_member_record(ctx, officer, number)
    assert record.member.nama == "SITI AMINAH BINTI UMAR" and record.member.nama_ibu == "FATIMAH ZAHRA"
    assert not record.pending_corrections
    assert numbers_for(ctx, officer, "aminah binti umar") == [number]
    history = member_history(ctx, officer, number)
    assert [h.action for h in history] == [
        "member.enrol",
        "member.correction.propose",
        "member.correction.approve",
    ]
    approved = events(ctx, "member.correction.approve")[0]
    assert approved["changes"]["nama"] == {"old": "SITI AMINAH", "new": "SITI AMINAH BINTI UMAR"}
    assert approved["reason"] == "Salah ketik, sesuai KTP"
    assert corrections.list_corrections(ctx, supervisor) == ()
    assert [x.status for x in corrections.list_corrections(ctx, supervisor, status=None)] == ["APPROVED"]
    assert verify_audit(ctx).ok


def test_nobody_approves_their_own_correction(
    ctx: Any, officer: Actor, supervisor: Actor, second_supervisor: Actor
) -> None:
    number = enrol(ctx, officer, bpu_record())
    c = corrections.propose_correction(ctx, supervisor, number, {"alamat": "Jl. Mawar 2"}, "Pindah rumah")
    with pytest.raises(DomainError) as err:
        corrections.approve_correction(ctx, supervisor, c.id, SUPERVISOR_PASSWORD)
    assert err.value.issues[0].code == "correction.four_eyes"
    done = corrections.approve_correction(ctx, second_supervisor, c.id, SECOND_SUPERVISOR_PASSWORD)
    assert done.status == "APPROVED"
    assert open_member_record(ctx, officer, number).member.alamat == "JL. MAWAR 2"


def test_nik_correction_is_validated_like_intake(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    number = enrol(ctx, officer, bpu_record())
    other = enrol(ctx, officer, person("Dewi Lestari", "1990-08-05", "P", serial=77))
    other_nik = open_member_record(ctx, officer, other).member.nik

    def refused(changes: dict[str, Any], **kw: Any) -> str:
        with pytest.raises(DomainError) as err:
            corrections.propose_correction(ctx, officer, number, changes, "Koreksi NIK sesuai KTP", **kw)
        return err.value.issues[0].code

    assert refused({"nik": "1610014508900000"}) == "nik.serial"
    assert refused({"nik": "12345"}) == "nik.format"
    assert refused({"nik": other_nik}) == "nik.duplicate"
    assert refused({"nik": "1610014608900003"}) == "nik.birth_date_mismatch"  # 6 Aug, record says 5 Aug
    assert refused({"jenis_kelamin": "L"}) == "nik.gender_mismatch"
    assert refused({"nik": "1610014508900003"}) == "correction.same"
    assert refused({"agama": "x"}) == "correction.field"
    with pytest.raises(DomainError) as err:
        corrections.propose_correction(ctx, officer, number, {"nama": "Siti"}, "x")
    assert err.value.issues[0].code == "correction.reason"

    # A NIK issued in another district, same birth date: accepted, region follows the NIK.
    c = corrections.propose_correction(ctx, officer, number, {"nik": "3273014508900011"}, "NIK baru (pindah)")
    corrections.approve_correction(ctx, supervisor, c.id, SUPERVISOR_PASSWORD)
    m = open_member_record(ctx, officer, number).member
    assert m.nik == "3273014508900011" and m.nik_region.startswith("Sukasari")
    assert search_members(ctx, officer, "1610014508900003").rows == ()
    from app.services.records_dto import SearchFilters

    found = search_members(ctx, officer, "siti aminah", filters=SearchFilters(region="32.73"))
    assert [r.number for r in found.rows] == [number]


def test_rejected_and_stale_corrections(
    ctx: Any, officer: Actor, supervisor: Actor, second_supervisor: Actor
) -> None:
    number = enrol(ctx, officer, bpu_record())
    a = corrections.propose_correction(ctx, officer, number, {"no_hp": "0813 1111 2222"}, "Nomor HP baru")
    with pytest.raises(DomainError) as err:
        corrections.propose_correction(ctx, officer, number, {"no_hp": "0813 1111 3333"}, "Nomor HP lain")
    assert err.value.issues[0].code == "correction.pending"
    with pytest.raises(DomainError):
        corrections.reject_correction(ctx, supervisor, a.id, "")
    rejected = corrections.reject_correction(ctx, supervisor, a.id, "Nomor tidak dapat dihubungi")
    assert rejected.status == "REJECTED" and rejected.decision_note == "Nomor tidak dapat dihubungi"
    with pytest.raises(DomainError) as err:
        corrections.approve_correction(ctx, supervisor, a.id, SUPERVISOR_PASSWORD)
    assert err.value.issues[0].code == "correction.decided"
    assert open_member_record(ctx, officer, number).member.no_hp == "+6281234567890"

    b = corrections.propose_correction(ctx, officer, number, {"no_hp": "0813 1111 2222"}, "Nomor HP baru")
    c = corrections.propose_correction(ctx, officer, number, {"alamat": "Jl. Kenanga 5"}, "Pindah rumah")
    d = corrections.propose_correction(ctx, supervisor, number, {"tempat_lahir": "Palembang"}, "Sesuai akta")
    corrections.approve_correction(ctx, supervisor, b.id, SUPERVISOR_PASSWORD)
    corrections.approve_correction(ctx, second_supervisor, d.id, SECOND_SUPERVISOR_PASSWORD)
    # Someone changes the address behind the proposal's back: approval refuses stale data.
    ctx.write(
        lambda s: s.execute(
            Member.__table__.update().where(Member.number == number).values(alamat="JL. LAIN")
        )
    )
    with pytest.raises(DomainError) as err:
        corrections.approve_correction(ctx, supervisor, c.id, SUPERVISOR_PASSWORD)
    assert err.value.issues[0].code == "correction.stale"
    stored = ctx.read(
        lambda s: s.execute(select(MemberCorrection.status).order_by(MemberCorrection.id)).scalars().all()
    )
    assert stored == ["REJECTED", "APPROVED", "PENDING", "APPROVED"]


# --- duplicates at intake -----------------------------------------------------------------------


def test_likely_duplicate_needs_a_supervisor_and_a_reason(
    ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    first = enrol(ctx, officer, bpu_record(nama="Siti Aminah", nama_ibu="Fatimah"))
    # Same woman, NIK mistyped in its serial, name spelt a little differently.
    again = bpu_record(nik="1610014508900007", nama="Sitti Aminah", no_hp=None)

    found = enrolment.find_likely_duplicates(ctx, officer, again)
    assert [c.number for c in found] == [first]
    assert found[0].similarity >= rule.THRESHOLD
    assert {"tanggal_lahir", "nama_ibu", "jenis_kelamin"} <= set(found[0].same)
    assert events(ctx, "member.duplicate_shown") == [{"candidates": [first]}]

    refused = enrolment.enrol_worker(ctx, officer, again)
    assert refused.status == "rejected" and refused.errors[0].code == "member.likely_duplicate"
    assert [c.number for c in refused.extra["likely_duplicates"]] == [first]
    dry = enrolment.enrol_worker(ctx, officer, again, dry_run=True)
    assert dry.errors[0].code == "member.likely_duplicate"

    with pytest.raises(AuthError):
        duplicates.supervisor_override(ctx, "siti", "wrong", "Orang berbeda, sudah dicek KK")
    with pytest.raises(PermissionDeniedError):
        duplicates.supervisor_override(ctx, "budi", OFFICER_PASSWORD, "Orang berbeda, sudah dicek KK")
    with pytest.raises(DomainError):
        enrolment.enrol_worker(ctx, officer, again, override=DuplicateOverride(supervisor, " "))
    override = duplicates.supervisor_override(
        ctx, "siti", SUPERVISOR_PASSWORD, "Orang berbeda, sudah dicek KK"
    )
    saved = enrolment.enrol_worker(ctx, officer, again, override=override)
    assert saved.status == "enrolled"
    audit = events(ctx, "member.duplicate_override")
    assert audit == [
        {
            "supervisor": "siti",
            "supervisor_id": supervisor.id,
            "reason": "Orang berbeda, sudah dicek KK",
            "candidates": [first],
        }
    ]
    history = member_history(ctx, officer, saved.number or "")
    assert [h.action for h in history] == ["member.enrol", "member.duplicate_override"]


def test_no_duplicate_for_other_names_dates_or_districts(ctx: Any, officer: Actor) -> None:
    enrol(ctx, officer, bpu_record(nama="Siti Aminah"))
    other_name = bpu_record(nik="1610014508900008", nama="Dewi Lestari")
    other_date = bpu_record(nik="1610014608900008", tanggal_lahir="1990-08-06", nama="Siti Aminah")
    other_district = bpu_record(nik="1610024508900008", nama="Siti Aminah", kode_wilayah=None)
    for rec in (other_name, other_date, other_district):
        assert enrolment.find_likely_duplicates(ctx, officer, rec) == ()
    # Without the check (imports, scripts) enrolment behaves as before.
    assert enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900009")).status == "enrolled"


# --- deactivation and merging -----------------------------------------------------------------


def test_deactivate_died_keeps_the_record_findable(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    number = enrol(ctx, officer, bpu_record())
    with pytest.raises(PermissionDeniedError):
        deactivation.deactivate_member(ctx, officer, number, "died")
    with pytest.raises(DomainError):
        deactivation.deactivate_member(ctx, supervisor, number, "bored")
    out = deactivation.deactivate_member(ctx, supervisor, number, "died", note="Akta kematian 12/2026")
    assert out.record_status == "DEACTIVATED" and out.reason == "MENINGGAL"
    rows = search_members(ctx, officer, "siti aminah").rows
    assert [(r.number, r.record_status) for r in rows] == [(number, "DEACTIVATED")]
    record = open_member_record(ctx, officer, number)
    assert record.deactivation_reason == "MENINGGAL"
    assert "meninggal dunia" in record.history[-1].summary
    with pytest.raises(DomainError) as err:
        deactivation.deactivate_member(ctx, supervisor, number, "abroad")
    assert err.value.issues[0].code == "member.not_active"


def test_merged_duplicate_points_to_the_surviving_member(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    keep = enrol(ctx, officer, bpu_record(nama="Siti Aminah"))
    dup = enrol(
        ctx,
        officer,
        bpu_record(nik="1610014508900007", nama="Sitti Aminah"),
        override=DuplicateOverride(supervisor, "Dicek nanti, diduga orang yang sama"),
    )
    pending = corrections.propose_correction(ctx, officer, dup, {"alamat": "Jl. Lain 1"}, "Alamat baru")
    with pytest.raises(DomainError):
        deactivation.deactivate_member(ctx, supervisor, dup, "merged")
    with pytest.raises(DomainError):
        deactivation.deactivate_member(ctx, supervisor, dup, "merged", into=dup)
    out = deactivation.deactivate_member(ctx, supervisor, dup, "merged", into=keep)
    assert out.record_status == "MERGED" and out.merged_into == keep

    by_number = search_members(ctx, officer, dup)
    assert [(r.number, r.matched_by) for r in by_number.rows] == [(keep, "merged_number"), (dup, "number")]
    assert by_number.rows[1].merged_into == keep
    assert numbers_for(ctx, officer, "siti aminah") == [keep]  # the merged name no longer lists
    assert open_member_record(ctx, officer, keep).merged_from == (dup,)
    assert [c.status for c in corrections.list_corrections(ctx, supervisor, status=None)] == ["REJECTED"]
    assert pending.id
    keep_history = member_history(ctx, officer, keep)
    assert keep_history[-1].action == "member.merge_target" and dup in keep_history[-1].summary
    with pytest.raises(DomainError) as err:
        corrections.propose_correction(ctx, officer, dup, {"alamat": "Jl. X"}, "Alamat baru")
    assert err.value.issues[0].code == "correction.merged"
    other = enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    with pytest.raises(DomainError) as err:
        deactivation.deactivate_member(ctx, supervisor, other, "merged", into=dup)
    assert err.value.issues[0].code == "deactivate.into_inactive"
    assert verify_audit(ctx).ok
