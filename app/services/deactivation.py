"""Closing a member record: died, moved abroad, or a duplicate merged into the record that
carries on (the merged number then leads there)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Member
from app.db.search_models import MemberDeactivation
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.corrections import close_pending
from app.services.dto import Actor
from app.services.member_lookup import resolve_member
from app.services.records_dto import DeactivationDTO
from app.services.search_index import remove_postings

# Command-line words and the stored reasons.
REASONS = {"died": "MENINGGAL", "abroad": "LUAR_NEGERI", "merged": "DUPLIKAT"}
MAX_NOTE = 500


def _reason(reason: str) -> str:
    code = REASONS.get(reason.strip().lower(), reason.strip().upper())
    if code not in REASONS.values():
        raise DomainError(
            Issue(
                "reason",
                "deactivate.reason",
                "Alasan: died (meninggal), abroad (pindah ke luar negeri) atau merged (duplikat digabung).",
            )
        )
    return code


def _require_active(m: Member) -> None:
    if m.record_status != RecordStatus.ACTIVE:
        raise DomainError(
            Issue(
                "member",
                "member.not_active",
                msg(
                    "Peserta {number} sudah tidak aktif ({record_status}).",
                    number=m.number,
                    record_status=m.record_status,
                ),
            )
        )


def deactivate_member(
    ctx: ServiceContext,
    supervisor: Actor,
    member_key: int | str,
    reason: str,
    *,
    into: int | str | None = None,
    note: str = "",
) -> DeactivationDTO:
    """Close a record. A merge (``reason="merged"``) needs ``into``: the active record that stays."""
    authorize(ctx, supervisor, Permission.APPROVE)
    code = _reason(reason)
    note = " ".join(note.split())[:MAX_NOTE]
    if code == "DUPLIKAT" and into is None:
        raise DomainError(
            Issue("into", "deactivate.into", "Sebutkan nomor peserta tujuan penggabungan (--into).")
        )
    if code != "DUPLIKAT" and into is not None:
        raise DomainError(Issue("into", "deactivate.into", "Nomor tujuan hanya untuk penggabungan duplikat."))

    def work(session: Session) -> DeactivationDTO:
        m = resolve_member(session, member_key)
        _require_active(m)
        target = resolve_member(session, into) if into is not None else None
        return close_member(session, ctx, supervisor, m, code, note=note, target=target)[1]

    return ctx.write(work)


def close_member(
    session: Session,
    ctx: ServiceContext,
    supervisor: Actor,
    m: Member,
    code: str,
    *,
    note: str = "",
    target: Member | None = None,
    merged_elsewhere: str | None = None,
    origin: Mapping[str, Any] | None = None,
) -> tuple[MemberDeactivation, DeactivationDTO]:
    """Close ``m`` in the caller's transaction (``code``: a stored reason), audited; ``origin``
    (e.g. the outreach package it came in) is added to the event. ``merged_elsewhere``: a duplicate
    whose surviving record is not in this database (an outreach laptop told by its branch)."""
    if code not in REASONS.values():
        _reason(code)
    if (code == "DUPLIKAT") != (target is not None or merged_elsewhere is not None):
        raise DomainError(Issue("into", "deactivate.into", "Nomor tujuan hanya untuk penggabungan duplikat."))
    _require_active(m)
    if target is not None:
        if target.id == m.id:
            raise DomainError(
                Issue("into", "deactivate.into_self", "Tidak dapat menggabung peserta ke dirinya.")
            )
        if target.record_status != RecordStatus.ACTIVE:
            raise DomainError(
                Issue(
                    "into",
                    "deactivate.into_inactive",
                    msg("Peserta tujuan {number} tidak aktif.", number=target.number),
                )
            )
    note = " ".join(note.split())[:MAX_NOTE]
    previous = m.record_status
    now = ctx.clock()
    if target is not None:
        m.record_status = "MERGED"
        m.merged_into_id = target.id
        remove_postings(session, m.id, m.nama)  # its name now leads to the surviving record
    else:
        m.record_status = "DEACTIVATED"
    row = MemberDeactivation(
        member_id=m.id,
        reason=code,
        note=note,
        merged_into_id=target.id if target else None,
        previous_status=previous,
        by_id=supervisor.id,
        at=now,
    )
    session.add(row)
    closed = close_pending(
        session, ctx, supervisor, m.id, f"Ditutup otomatis: peserta dinonaktifkan ({code})."
    )
    session.flush()
    append_event(
        session,
        ctx,
        actor=supervisor,
        action="member.deactivate",
        entity="member",
        entity_id=m.number,
        member_id=m.id,
        details={
            "reason": code,
            "note": note,
            "into": target.number if target else merged_elsewhere,
            "before": previous,
            "after": m.record_status,
            "corrections_closed": len(closed),
            "corrections_closed_ids": closed,
            **(origin or {}),
        },
    )
    if target is not None:
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.merge_target",
            entity="member",
            entity_id=target.number,
            member_id=target.id,
            details={"merged": m.number},
        )
    return row, DeactivationDTO(
        member_id=m.id,
        number=m.number,
        reason=code,
        record_status=m.record_status,
        merged_into=target.number if target else merged_elsewhere,
        by=supervisor.username,
        at=now,
    )
