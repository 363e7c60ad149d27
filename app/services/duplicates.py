"""Likely duplicates at intake, beyond the exact NIK: a similar name born the same day in the
same district (where the NIK was issued). Saving anyway needs a supervisor and a reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Member
from app.domain.intake import IntakeRecord
from app.domain.issues import DomainError, Issue
from app.domain.names import comparable, similarity
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize, login
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor, MemberDTO
from app.services.records_dto import DuplicateCandidateDTO, DuplicateOverride
from app.services.search import region_label

THRESHOLD = 80.0  # name similarity (0–100) above which two records are shown side by side
MIN_OVERRIDE_REASON = 5
_COMPARED = ("nama", "tanggal_lahir", "jenis_kelamin", "nama_ibu", "tempat_lahir", "alamat", "no_hp")


def likely_duplicates(
    session: Session, ctx: ServiceContext, rec: IntakeRecord
) -> list[DuplicateCandidateDTO]:
    """Active members with a similar name, the same birth date and the same NIK district.

    Reads only the few members born that day in that district (``ix_member_birth_region``).
    The exact-NIK duplicate is the enrolment's own check and is not repeated here.
    """
    rows = session.execute(
        select(Member).where(
            Member.tanggal_lahir == rec.tanggal_lahir,
            Member.nik_district == rec.nik_info.district_code,
            Member.record_status == "ACTIVE",
            Member.nik != rec.nik,
        )
    ).scalars()
    typed = comparable(rec.nama)
    out = []
    for m in rows:
        score = similarity(typed, comparable(m.nama))
        if score < THRESHOLD:
            continue
        same = tuple(f for f in _COMPARED if getattr(m, f) == getattr(rec, f))
        out.append(
            DuplicateCandidateDTO(
                member_id=m.id,
                number=m.number,
                nik=m.nik,
                nama=m.nama,
                tanggal_lahir=m.tanggal_lahir,
                jenis_kelamin=m.jenis_kelamin,
                nama_ibu=m.nama_ibu,
                tempat_lahir=m.tempat_lahir,
                alamat=m.alamat,
                no_hp=m.no_hp,
                nik_region=region_label(ctx, m.nik_district),
                record_status=m.record_status,
                similarity=round(score, 1),
                same=same,
            )
        )
    out.sort(key=lambda c: (-c.similarity, -len(c.same), c.number))
    return out


def duplicate_issue(candidates: list[DuplicateCandidateDTO]) -> Issue:
    numbers = ", ".join(c.number for c in candidates[:3])
    return Issue(
        "nama",
        "member.likely_duplicate",
        f"Mirip peserta yang sudah terdaftar ({numbers}): nama mirip, tanggal lahir dan kecamatan NIK sama. "
        "Bandingkan datanya; simpan tetap hanya dengan persetujuan supervisor dan alasannya.",
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
    from app.services.enrolment import validate_record  # enrolment imports this module

    branch = current_branch(ctx)
    if branch is None:
        return None
    return validate_record(ctx, record, branch=branch, confirm_mismatch=True).record


def check_override(ctx: ServiceContext, override: DuplicateOverride) -> None:
    """The override must come from someone allowed to approve, with a real reason."""
    if len(" ".join(override.reason.split())) < MIN_OVERRIDE_REASON:
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
    append_event(
        session,
        ctx,
        actor=actor,
        action="member.duplicate_override",
        entity="member",
        entity_id=member.number,
        member_id=member.id,
        details={
            "supervisor": override.supervisor.username,
            "supervisor_id": override.supervisor.id,
            "reason": " ".join(override.reason.split()),
            "candidates": [c.number for c in candidates],
        },
    )
