"""Enrolling a walk-in worker: validate everything, allocate the number, write once, audit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Branch, Enrolment, Heir, Member, NumberSequence
from app.domain.clock import business_date
from app.domain.intake import IntakeRecord, IntakeResult, validate_intake
from app.domain.issues import Issue
from app.domain.membership import make_number
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO, EnrolOutcome
from app.services.members import active_member_number_for_nik, member_dto


class BranchNotSetUpError(RuntimeError):
    def __init__(self) -> None:
        super().__init__("Cabang belum diatur. Jalankan 'loket branch setup' atau wizard awal.")


def _duplicate(number: str) -> Issue:
    return Issue(
        "nik",
        "nik.duplicate",
        f"NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {number}.",
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


def _allocate_serial(session: Session, branch_id: int) -> int:
    """Take the next serial. The UPDATE locks the row until commit; a rollback returns it."""
    serial = session.execute(
        update(NumberSequence)
        .where(NumberSequence.branch_id == branch_id)
        .values(next_serial=NumberSequence.next_serial + 1)
        .returning(NumberSequence.next_serial)
    ).scalar_one()
    return int(serial) - 1


def _write_member(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    rec: IntakeRecord,
    branch: Branch,
    confirm_mismatch: bool,
) -> Member:
    now = ctx.clock()
    number = make_number(branch.code, _allocate_serial(session, branch.id))
    member = Member(
        number=number.value,
        branch_id=branch.id,
        nik=rec.nik,
        nama=rec.nama,
        tempat_lahir=rec.tempat_lahir,
        tanggal_lahir=rec.tanggal_lahir,
        jenis_kelamin=rec.jenis_kelamin,
        nama_ibu=rec.nama_ibu,
        no_hp=rec.no_hp,
        alamat=rec.alamat,
        kode_wilayah=rec.kode_wilayah,
        nik_district=rec.nik_info.district_code,
        record_status="ACTIVE",
        created_at=now,
        created_by_id=actor.id,
        heirs=[Heir(position=i, nama=h.nama, hubungan=h.hubungan) for i, h in enumerate(rec.ahli_waris)],
    )
    session.add(member)
    session.flush()
    session.add(
        Enrolment(
            member_id=member.id,
            segment=rec.segmen,
            occupation_code=rec.pekerjaan,
            programmes=",".join(rec.program),
            income=rec.penghasilan,
            funding_source=rec.sumber_dana,
            channel=rec.kanal,
            npp=rec.npp,
            months_at_enrolment=rec.bulan_bayar,
            enrolled_at=now,
            business_date=business_date(now, branch.timezone),
            officer_id=actor.id,
            counter=ctx.counter,
            mismatch_confirmed=confirm_mismatch,
        )
    )
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action="member.enrol",
        entity="member",
        entity_id=member.number,
        member_id=member.id,
        details={
            "segment": rec.segmen,
            "programmes": list(rec.program),
            "channel": rec.kanal,
            "funding": rec.sumber_dana,
            "mismatch_confirmed": confirm_mismatch,
        },
        at=now,
    )
    return member


def enrol_worker(
    ctx: ServiceContext,
    actor: Actor,
    raw: Mapping[str, Any],
    *,
    confirm_mismatch: bool = False,
    dry_run: bool = False,
) -> EnrolOutcome:
    """Validate and enrol one worker. Nothing is written unless the whole record is accepted."""
    authorize(ctx, actor, Permission.ENROL)
    branch = current_branch(ctx)
    if branch is None:
        raise BranchNotSetUpError()
    result = validate_record(ctx, raw, branch=branch, confirm_mismatch=confirm_mismatch)
    if not result.ok:
        return EnrolOutcome("rejected", errors=result.errors, warnings=result.warnings)
    rec = result.record
    assert rec is not None

    if dry_run:
        existing = ctx.read(lambda s: active_member_number_for_nik(s, rec.nik))
        if existing:
            return EnrolOutcome(
                "rejected", errors=(_duplicate(existing),), warnings=result.warnings, existing_number=existing
            )
        return EnrolOutcome("valid", warnings=result.warnings)

    def work(session: Session) -> EnrolOutcome:
        existing = active_member_number_for_nik(session, rec.nik)
        if existing:
            return EnrolOutcome(
                "rejected", errors=(_duplicate(existing),), warnings=result.warnings, existing_number=existing
            )
        branch_obj = session.get(Branch, branch.id)
        assert branch_obj is not None
        member = _write_member(session, ctx, actor, rec, branch_obj, confirm_mismatch)
        return EnrolOutcome(
            "enrolled",
            number=member.number,
            member=member_dto(session, ctx, member),
            warnings=result.warnings,
        )

    try:
        return ctx.write(work)
    except IntegrityError:
        # Another counter enrolled the same NIK between our check and our insert.
        existing = ctx.read(lambda s: active_member_number_for_nik(s, rec.nik))
        if existing is None:
            raise
        return EnrolOutcome(
            "rejected", errors=(_duplicate(existing),), warnings=result.warnings, existing_number=existing
        )
