"""Enrolling a walk-in worker: validate everything, allocate the number, write once, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.db.driver import Driver, ReservedIds
from app.db.member_rows import ids_by_number
from app.db.models import Enrolment, Heir, Member
from app.db.sequences import take_member_serials
from app.domain.clock import business_date
from app.domain.intake import IntakeRecord, IntakeResult, validate_intake
from app.domain.issues import Issue
from app.domain.membership import make_number
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.services.audit import AuditItem, append_event, append_events
from app.services.auth import authorize
from app.services.branch_read import BranchNotSetUpError, cached_branch, current_branch
from app.services.context import ServiceContext
from app.services.day_lock import branch_timezone, day_status, ensure_day_open, refuse_closed_day
from app.services.dto import Actor, BranchDTO, EnrolmentDTO, EnrolOutcome, HeirDTO, MemberDTO
from app.services.duplicates import check_override, duplicate_issue, likely_duplicates, record_override
from app.services.members import active_member_number_for_nik
from app.services.outreach_sync import check_enrolment_allowed, ensure_enrolment_allowed
from app.services.records_dto import DuplicateCandidateDTO, DuplicateOverride
from app.services.region.check import regional_lookup
from app.services.search_index import index_member, postings_for, write_postings


def _duplicate(number: str) -> Issue:
    return Issue(
        "nik",
        "nik.duplicate",
        msg("NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {number}.", number=number),
    )


def _likely_duplicate(dups: list[DuplicateCandidateDTO], warnings: tuple[Issue, ...]) -> EnrolOutcome:
    return EnrolOutcome(
        "rejected",
        errors=(duplicate_issue(dups),),
        warnings=warnings,
        extra={"likely_duplicates": tuple(dups)},
    )


def validate_record(
    ctx: ServiceContext, raw: Mapping[str, Any], *, branch: BranchDTO, confirm_mismatch: bool = False
) -> IntakeResult:
    """The domain validation, with today's date in the branch's time zone."""
    return validate_intake(
        raw,
        today=business_date(ctx.clock(), branch.timezone),
        regions=ctx.regions,
        reference=ctx.reference,
        confirm_mismatch=confirm_mismatch,
    )


_MEMBER = cast(Table, Member.__table__)
_HEIR = cast(Table, Heir.__table__)
_ENROLMENT = cast(Table, Enrolment.__table__)


def _allocate_serial(session: Session, branch_id: int) -> int:
    """Take the next serial (``app.db.sequences``: the row stays locked until commit; a rollback
    returns it)."""
    return take_member_serials(Driver.of(session), branch_id)


def _member_row(
    rec: IntakeRecord, number: str, branch: BranchDTO, actor: Actor, now: dt.datetime
) -> dict[str, Any]:
    return {
        "number": number,
        "branch_id": branch.id,
        "nik": rec.nik,
        "nama": rec.nama,
        "tempat_lahir": rec.tempat_lahir,
        "tanggal_lahir": rec.tanggal_lahir,
        "jenis_kelamin": rec.jenis_kelamin,
        "nama_ibu": rec.nama_ibu,
        "no_hp": rec.no_hp,
        "alamat": rec.alamat,
        "kode_wilayah": rec.kode_wilayah,
        "nik_district": rec.nik_info.district_code,
        "record_status": "ACTIVE",
        "merged_into_id": None,
        "created_at": now,
        "created_by_id": actor.id,
    }


def _enrolment_row(
    ctx: ServiceContext,
    member_id: int,
    rec: IntakeRecord,
    actor: Actor,
    now: dt.datetime,
    day: dt.date,
    confirm_mismatch: bool,
) -> dict[str, Any]:
    return {
        "member_id": member_id,
        "segment": rec.segmen,
        "occupation_code": rec.pekerjaan,
        "programmes": ",".join(rec.program),
        "income": rec.penghasilan,
        "funding_source": rec.sumber_dana,
        "channel": rec.kanal,
        "npp": rec.npp,
        "risk_class": rec.kelas_risiko,
        "pmi_route": rec.pmi.route if rec.pmi else None,
        "pmi_contract_months": rec.pmi.contract_months if rec.pmi else None,
        "pmi_departure": rec.pmi.departure.as_int() if rec.pmi else None,
        "pmi_jht": rec.pmi.jht_amount if rec.pmi else None,
        "months_at_enrolment": rec.bulan_bayar,
        "enrolled_at": now,
        "business_date": day,
        "officer_id": actor.id,
        "counter": ctx.counter,
        "mismatch_confirmed": confirm_mismatch,
    }


def _enrol_details(rec: IntakeRecord, confirm_mismatch: bool) -> dict[str, Any]:
    return {
        "segment": rec.segmen,
        "programmes": list(rec.program),
        "channel": rec.kanal,
        "funding": rec.sumber_dana,
        "mismatch_confirmed": confirm_mismatch,
    }


def _write_member(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    rec: IntakeRecord,
    branch: BranchDTO,
    confirm_mismatch: bool,
) -> MemberDTO:
    """Member, heirs, enrolment and audit event in the caller's transaction (the counter's hot path:
    statements go straight to the driver, see app.db.driver)."""
    driver = Driver.of(session)
    now = ctx.clock()
    # Read before the pipeline and passed down: inside it only the driver may query (the kept branch
    # row may go stale while this counter waits there for the number, and reading it again would not).
    tz = branch_timezone(session, ctx)
    # The number locks the branch's sequence row until commit: other counters wait from then on. So
    # on PostgreSQL the statements go out pipelined, and only three replies are waited for inside
    # that window (the number, the audit head, the end); ids come from their sequences beforehand.
    ensure_enrolment_allowed(session, ctx, now)  # refused on an outreach laptop too long without a sync
    with driver.pipeline():
        reserved = driver.reserve_ids(_MEMBER, _ENROLMENT)
        day, closed = day_status(session, ctx, now, timezone=tz)
        ids = (
            None
            if closed
            else _write_rows(session, ctx, actor, rec, branch, confirm_mismatch, now, day, reserved, tz)
        )
    if ids is None:
        refuse_closed_day(session, ctx, day)  # today is closed: nothing was written
    member_id, enrolment_id, number = ids
    return _enrolled_dto(ctx, rec, branch, actor, member_id, enrolment_id, number, now, day)


def _write_rows(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    rec: IntakeRecord,
    branch: BranchDTO,
    confirm_mismatch: bool,
    now: dt.datetime,
    day: dt.date,
    reserved: ReservedIds | None,
    timezone: str,
) -> tuple[int, int, str]:
    """(member id, enrolment id, number) of the rows just written."""
    driver = Driver.of(session)
    member_id, enrolment_id = reserved.get() if reserved is not None else (None, None)
    number = make_number(branch.code, _allocate_serial(session, branch.id)).value
    # A second active member with the same NIK violates uq_member_active_nik here.
    member = _member_row(rec, number, branch, actor, now)
    if member_id is None:
        member_id = driver.insert(_MEMBER, member, returning="id")
    else:
        driver.insert(_MEMBER, {"id": member_id, **member})
    index_member(
        session,
        (member_id, rec.nama, rec.tanggal_lahir, rec.nik_info.district_code, rec.kode_wilayah, "ACTIVE"),
    )
    driver.insert_many(
        _HEIR,
        [
            {"member_id": member_id, "position": i, "nama": h.nama, "hubungan": h.hubungan}
            for i, h in enumerate(rec.ahli_waris)
        ],
    )
    enrolment = _enrolment_row(ctx, member_id, rec, actor, now, day, confirm_mismatch)
    if enrolment_id is None:
        enrolment_id = driver.insert(_ENROLMENT, enrolment, returning="id")
    else:
        driver.insert(_ENROLMENT, {"id": enrolment_id, **enrolment})
    append_event(
        session,
        ctx,
        actor=actor,
        action="member.enrol",
        entity="member",
        entity_id=number,
        member_id=member_id,
        details=_enrol_details(rec, confirm_mismatch),
        at=now,
        timezone=timezone,
    )
    return int(member_id), int(enrolment_id), number


@dataclass(frozen=True, slots=True)
class WrittenMember:
    """The id and membership number of a member an enrolment has just saved."""

    member_id: int
    number: str


def allocate_serials(session: Session, branch: BranchDTO, count: int) -> int:
    """Take ``count`` consecutive serials at once (the same statement as one enrolment's); returns the
    first. The row stays locked until commit."""
    return take_member_serials(Driver.of(session), branch.id, count)


def write_members(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    records: Sequence[IntakeRecord],
    branch: BranchDTO,
    *,
    first_serial: int,
    audit_details: Sequence[Mapping[str, Any]] | None = None,
    now: dt.datetime | None = None,
) -> list[WrittenMember]:
    """Many members at once in the caller's transaction: the bulk twin of ``_write_member``.

    Numbers are ``first_serial``, ``first_serial + 1`` … (taken with ``allocate_serials``);
    rows go in with multi-row INSERT … RETURNING, one ``member.enrol`` audit event each
    (``audit_details[i]`` is merged into event *i*'s details). Nothing is committed here.
    """
    if not records:
        return []
    conn = session.connection()
    now = now or ctx.clock()
    ensure_enrolment_allowed(session, ctx, now)  # refused on an outreach laptop too long without a sync
    day = ensure_day_open(session, ctx, now)  # as one enrolment: never written into a closed day
    numbers = [make_number(branch.code, first_serial + i).value for i in range(len(records))]
    # A plain executemany (SQLite's RETURNING would go row by row); the serial range is ours
    # (the sequence row is locked), so the number range finds exactly these rows.
    bulk_insert(
        conn,
        _MEMBER,
        [_member_row(rec, n, branch, actor, now) for rec, n in zip(records, numbers, strict=True)],
    )
    by_number = ids_by_number(Driver.of(session), numbers[0], numbers[-1])
    ids = [by_number[n] for n in numbers]
    # Imported members are found by name like any other (the search index is kept in the same transaction).
    write_postings(
        session,
        postings_for(
            (mid, rec.nama, rec.tanggal_lahir, rec.nik_info.district_code, rec.kode_wilayah, "ACTIVE")
            for mid, rec in zip(ids, records, strict=True)
        ),
    )
    heirs = [
        {"member_id": mid, "position": i, "nama": h.nama, "hubungan": h.hubungan}
        for mid, rec in zip(ids, records, strict=True)
        for i, h in enumerate(rec.ahli_waris)
    ]
    bulk_insert(conn, _HEIR, heirs)
    bulk_insert(
        conn,
        _ENROLMENT,
        [
            _enrolment_row(ctx, mid, rec, actor, now, day, False)
            for mid, rec in zip(ids, records, strict=True)
        ],
    )
    append_events(
        session,
        ctx,
        actor=actor,
        events=[
            AuditItem(
                action="member.enrol",
                entity="member",
                entity_id=number,
                member_id=mid,
                details={**_enrol_details(rec, False), **(audit_details[i] if audit_details else {})},
            )
            for i, (rec, number, mid) in enumerate(zip(records, numbers, ids, strict=True))
        ],
        at=now,
    )
    return [WrittenMember(mid, number) for mid, number in zip(ids, numbers, strict=True)]


def _enrolled_dto(
    ctx: ServiceContext,
    rec: IntakeRecord,
    branch: BranchDTO,
    actor: Actor,
    member_id: int,
    enrolment_id: int,
    number: str,
    now: dt.datetime,
    day: dt.date,
) -> MemberDTO:
    """The new member as a DTO, built from what was just written (no second read)."""
    village = ctx.regions.village(rec.kode_wilayah) if rec.kode_wilayah else None
    occupation = ctx.reference.occupations.by_code(rec.pekerjaan)
    return MemberDTO(
        id=member_id,
        number=number,
        nik=rec.nik,
        nama=rec.nama,
        tempat_lahir=rec.tempat_lahir,
        tanggal_lahir=rec.tanggal_lahir,
        jenis_kelamin=rec.jenis_kelamin,
        nama_ibu=rec.nama_ibu,
        no_hp=rec.no_hp,
        alamat=rec.alamat,
        kode_wilayah=rec.kode_wilayah,
        wilayah=village.path if village else None,
        nik_region=rec.nik_info.region_label() or rec.nik_info.district_code,
        record_status=RecordStatus.ACTIVE,
        merged_into=None,
        created_at=now,
        branch_code=branch.code,
        heirs=tuple(HeirDTO(h.nama, h.hubungan) for h in rec.ahli_waris),
        enrolments=(
            EnrolmentDTO(
                id=enrolment_id,
                segment=rec.segmen,
                occupation_code=rec.pekerjaan,
                occupation_name=occupation.name if occupation else rec.pekerjaan,
                programmes=rec.program,
                income=rec.penghasilan,
                funding_source=rec.sumber_dana,
                channel=rec.kanal,
                npp=rec.npp,
                months_at_enrolment=rec.bulan_bayar,
                enrolled_at=now,
                business_date=day,
                officer=actor.username,
                counter=ctx.counter,
                risk_class=rec.kelas_risiko,
                pmi_route=rec.pmi.route if rec.pmi else None,
                pmi_contract_months=rec.pmi.contract_months if rec.pmi else None,
                pmi_departure=str(rec.pmi.departure) if rec.pmi else None,
                pmi_jht=rec.pmi.jht_amount if rec.pmi else None,
            ),
        ),
    )


def enrol_worker(
    ctx: ServiceContext,
    actor: Actor,
    raw: Mapping[str, Any],
    *,
    confirm_mismatch: bool = False,
    dry_run: bool = False,
    override: DuplicateOverride | None = None,
) -> EnrolOutcome:
    """Validate and enrol one worker. Nothing is written unless the whole record is accepted.

    A likely duplicate — similar name, same birth date and NIK district (``app/domain/duplicates``)
    — is refused for every caller with the candidates in ``extra["likely_duplicates"]``, unless a
    supervisor's ``override`` (with a reason) is given; the override is audited beside the record.
    """
    authorize(ctx, actor, Permission.ENROL)
    if override is not None:
        check_override(ctx, override)
    branch = cached_branch(ctx)
    if branch is None:
        raise BranchNotSetUpError()
    result = validate_record(ctx, raw, branch=branch, confirm_mismatch=confirm_mismatch)
    if not result.ok:
        return EnrolOutcome("rejected", errors=result.errors, warnings=result.warnings)
    rec = result.record
    assert rec is not None
    # The region: a NIK active at another branch is refused too (asked of the Kanwil, briefly).
    regional = regional_lookup(ctx, [rec.nik], branch.code)
    if regional.skipped is not None:
        result = replace(result, warnings=(*result.warnings, regional.skipped))
    elsewhere = regional.issue(rec.nik)
    if elsewhere is not None:
        return EnrolOutcome("rejected", errors=(elsewhere,), warnings=result.warnings)

    if dry_run:
        check_enrolment_allowed(ctx)
        existing = ctx.read(lambda s: active_member_number_for_nik(s, rec.nik))
        if existing:
            return EnrolOutcome(
                "rejected", errors=(_duplicate(existing),), warnings=result.warnings, existing_number=existing
            )
        dups = ctx.read(lambda s: likely_duplicates(s, ctx, rec))
        if dups and override is None:
            return _likely_duplicate(dups, result.warnings)
        return EnrolOutcome("valid", warnings=result.warnings)

    def work(session: Session) -> EnrolOutcome:
        dups = likely_duplicates(session, ctx, rec)
        if dups and override is None:
            return _likely_duplicate(dups, result.warnings)
        member = _write_member(session, ctx, actor, rec, branch, confirm_mismatch)
        if dups and override is not None:
            record_override(session, ctx, actor, override, member, dups)
        return EnrolOutcome("enrolled", number=member.number, member=member, warnings=result.warnings)

    try:
        return ctx.write(work)
    except IntegrityError:
        # The NIK is already an active member (the partial unique index refused the insert).
        existing = ctx.read(lambda s: active_member_number_for_nik(s, rec.nik))
        if existing is None:
            raise
        return EnrolOutcome(
            "rejected", errors=(_duplicate(existing),), warnings=result.warnings, existing_number=existing
        )


def find_likely_duplicates(
    ctx: ServiceContext, actor: Actor, record: IntakeRecord | Mapping[str, Any]
) -> tuple[DuplicateCandidateDTO, ...]:
    """Candidates for the side-by-side view at intake. Showing them is audited (full records)."""
    authorize(ctx, actor, Permission.ENROL)
    rec = _as_record(ctx, record)
    if rec is None:
        return ()

    def work(session: Session) -> tuple[DuplicateCandidateDTO, ...]:
        found = likely_duplicates(session, ctx, rec)
        if found:
            append_event(
                session,
                ctx,
                actor=actor,
                action="member.duplicate_shown",
                entity="member",
                details={"candidates": [c.number for c in found]},
            )
        return tuple(found)

    return ctx.write(work)


def _as_record(ctx: ServiceContext, record: IntakeRecord | Mapping[str, Any]) -> IntakeRecord | None:
    if isinstance(record, IntakeRecord):
        return record
    branch = current_branch(ctx)
    if branch is None:
        return None
    return validate_record(ctx, record, branch=branch, confirm_mismatch=True).record
