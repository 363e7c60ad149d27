"""Likely duplicates, beyond the exact NIK: a similar name born the same day in the same district
(where the NIK was issued) — the rule in ``app/domain/duplicates.py``, applied by the enrolment
and import services for every door. Saving anyway needs a supervisor and a reason, audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.db.near_members import near_members
from app.domain.duplicates import Match, Person, matches, reason_ok
from app.domain.intake import IntakeRecord
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize, login
from app.services.context import ServiceContext
from app.services.dto import Actor, MemberDTO
from app.services.records_dto import DuplicateCandidateDTO, DuplicateOverride
from app.services.search import region_label


def person_of(rec: IntakeRecord) -> Person:
    """What the likely-duplicate rule compares of a checked intake record."""
    return Person(
        nik=rec.nik,
        nama=rec.nama,
        tanggal_lahir=rec.tanggal_lahir,
        nik_district=rec.nik_info.district_code,
        jenis_kelamin=rec.jenis_kelamin,
        nama_ibu=rec.nama_ibu,
        tempat_lahir=rec.tempat_lahir,
        alamat=rec.alamat,
        no_hp=rec.no_hp,
    )


def candidate_dto(ctx: ServiceContext, m: Match) -> DuplicateCandidateDTO:
    """A likely duplicate as plain values for the side-by-side comparison at the counter."""
    p = m.near.person
    return DuplicateCandidateDTO(
        member_id=m.near.member_id,
        number=m.near.number,
        nik=p.nik,
        nama=p.nama,
        tanggal_lahir=p.tanggal_lahir,
        jenis_kelamin=p.jenis_kelamin or "",
        nama_ibu=p.nama_ibu or "",
        tempat_lahir=p.tempat_lahir or "",
        alamat=p.alamat or "",
        no_hp=p.no_hp,
        nik_region=region_label(ctx, p.nik_district),
        record_status=m.near.record_status,
        similarity=m.score,
        same=m.same,
    )


def likely_duplicates_many(
    session: Session, ctx: ServiceContext, people: Sequence[Person]
) -> list[list[DuplicateCandidateDTO]]:
    """The rule for many records at once (an import, a package): one batch query, then each
    record's candidates, best first."""
    near = near_members(session.connection(), [p.key for p in people])
    return [[candidate_dto(ctx, m) for m in matches(p, near.get(p.key, ()))] for p in people]


def likely_duplicates(
    session: Session, ctx: ServiceContext, rec: IntakeRecord
) -> list[DuplicateCandidateDTO]:
    """Active members with a similar name, the same birth date and the same NIK district
    (``app/domain/duplicates.py``). The exact-NIK duplicate is the enrolment's own check."""
    return likely_duplicates_many(session, ctx, [person_of(rec)])[0]


def duplicate_issue(candidates: list[DuplicateCandidateDTO]) -> Issue:
    """The warning that names the likely duplicates, asking for a supervisor's approval to save anyway."""
    numbers = ", ".join(c.number for c in candidates[:3])
    return Issue(
        "nama",
        "member.likely_duplicate",
        msg(
            "Mirip peserta yang sudah terdaftar ({numbers}): nama mirip, tanggal lahir dan kecamatan NIK sama. Bandingkan datanya; simpan tetap hanya dengan persetujuan supervisor dan alasannya.",
            numbers=numbers,
        ),
    )


def check_override(ctx: ServiceContext, override: DuplicateOverride) -> None:
    """The override must come from someone allowed to approve, with a real reason."""
    if not reason_ok(override.reason):
        raise DomainError(
            Issue(
                "reason",
                "duplicate.reason",
                "Alasan menyimpan data yang mirip wajib diisi (minimal 5 karakter).",
            )
        )
    authorize(ctx, override.supervisor, Permission.APPROVE)


def supervisor_override(ctx: ServiceContext, username: str, password: str, reason: str) -> DuplicateOverride:
    """For the "save anyway" dialog: the supervisor signs in on the officer's screen."""
    supervisor = login(ctx, username, password)
    override = DuplicateOverride(supervisor, " ".join(reason.split()))
    check_override(ctx, override)  # PermissionDeniedError for an officer's account
    return override


def record_override(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    override: DuplicateOverride,
    member: MemberDTO,
    candidates: list[DuplicateCandidateDTO],
) -> None:
    """Audit a save-anyway next to the enrolment it allowed."""
    audit_override(session, ctx, actor, override, member.number, member.id, [c.number for c in candidates])


def audit_override(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    override: DuplicateOverride,
    number: str,
    member_id: int,
    resembled: Sequence[str],
    **more: Any,
) -> None:
    """The ``member.duplicate_override`` event: who allowed it, why, and what it resembled
    (member numbers, or rows of the same import file)."""
    append_event(
        session,
        ctx,
        actor=actor,
        action="member.duplicate_override",
        entity="member",
        entity_id=number,
        member_id=member_id,
        details={
            "supervisor": override.supervisor.username,
            "supervisor_id": override.supervisor.id,
            "reason": " ".join(override.reason.split()),
            "candidates": list(resembled),
            **more,
        },
    )
