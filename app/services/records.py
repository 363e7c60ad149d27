"""A member's full record for the detail page, and the history of every change to it.

Opening the full record (full NIK) is an audited event (``member.view``); so is reading a
member's history, which holds old and new identity values.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.cards_models import Card, CardReprint
from app.db.models import AuditEvent, Member
from app.db.search_models import MemberDeactivation
from app.domain.clock import business_date
from app.domain.member_actions import MemberActions, member_actions
from app.domain.member_actions import MemberFacts as ActionFacts
from app.domain.roles import Permission
from app.domain.states import CardStatus, RecordStatus, ReprintStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.corrections import pending_for_member
from app.services.day_lock import branch_timezone, closed_lock
from app.services.dto import Actor, MemberDTO
from app.services.member_lookup import not_found as not_found
from app.services.member_lookup import resolve_member as resolve_member
from app.services.members import member_dto
from app.services.records_dto import HistoryEntryDTO, MemberRecordDTO

# What the history tab lists by default: changes, not views.
VIEW_ACTIONS = frozenset({"member.view", "member.history"})
REASON_LABELS = {
    "MENINGGAL": "meninggal dunia",
    "LUAR_NEGERI": "pindah ke luar negeri",
    "DUPLIKAT": "duplikat, digabung",
}


def _summary(action: str, d: dict[str, Any]) -> str:
    def changes() -> str:
        ch = d.get("changes") or {}
        return "; ".join(f"{f}: {v.get('old') or '-'} → {v.get('new') or '-'}" for f, v in ch.items())

    reason = d.get("reason")
    if action == "member.enrol":
        return f"Didaftarkan: segmen {d.get('segment')}, program {', '.join(d.get('programmes') or [])}."
    if action == "member.duplicate_override":
        return f"Didaftarkan meski mirip peserta {', '.join(d.get('candidates') or [])}; disetujui {d.get('supervisor')}: {reason}"
    if action == "member.correction.propose":
        return f"Koreksi #{d.get('correction_id')} diajukan ({reason}): {changes()}"
    if action == "member.correction.approve":
        return f"Koreksi #{d.get('correction_id')} disetujui: {changes()}"
    if action == "member.correction.reject":
        return f"Koreksi #{d.get('correction_id')} ditolak: {d.get('note')}"
    if action == "member.deactivate":
        label = REASON_LABELS.get(str(reason), str(reason))
        into = f" ke nomor {d['into']}" if d.get("into") else ""
        return f"Dinonaktifkan: {label}{into}." + (f" {d['note']}" if d.get("note") else "")
    if action == "member.merge_target":
        return f"Nomor {d.get('merged')} digabung ke peserta ini."
    if action == "member.view":
        return "Data lengkap dibuka."
    if action == "member.history":
        return "Riwayat perubahan dibuka."
    return action


def _history(session: Session, member_id: int, include_views: bool) -> tuple[HistoryEntryDTO, ...]:
    stmt = (
        select(
            AuditEvent.seq,
            AuditEvent.occurred_at,
            AuditEvent.actor,
            AuditEvent.counter,
            AuditEvent.action,
            AuditEvent.details,
        )
        .where(AuditEvent.member_id == member_id)
        .order_by(AuditEvent.seq)
    )
    if not include_views:
        stmt = stmt.where(AuditEvent.action.not_in(sorted(VIEW_ACTIONS)))
    out = []
    for seq, at, actor, counter, action, raw in session.execute(stmt):
        try:
            details = json.loads(raw) if raw else {}
        except ValueError:
            details = {"_raw": raw}
        if not isinstance(details, dict):
            details = {"_value": details}
        out.append(HistoryEntryDTO(seq, at, actor, counter, action, _summary(action, details), details))
    return tuple(out)


def _actions(session: Session, ctx: ServiceContext, actor: Actor, m: Member, dto: MemberDTO) -> MemberActions:
    """What ``actor`` may do with ``m`` now: his role, the record, its card and today's business day."""
    card = session.execute(
        select(Card.serial).where(Card.member_id == m.id, Card.status == CardStatus.ISSUED).limit(1)
    ).scalar_one_or_none()
    reprint = session.execute(
        select(CardReprint.id)
        .where(CardReprint.member_id == m.id, CardReprint.status == ReprintStatus.PENDING)
        .limit(1)
    ).scalar_one_or_none()
    today = business_date(ctx.clock(), branch_timezone(session, ctx))
    facts = ActionFacts(
        record_status=m.record_status,
        merged_into=dto.merged_into,
        enrolled=bool(dto.enrolments),
        issued_card=card,
        reprint_pending=reprint is not None,
        day_closed=closed_lock(session, today) is not None,
    )
    return member_actions(actor.role, facts)


def open_member_record(
    ctx: ServiceContext, actor: Actor, key: int | str, *, via: str = "gui"
) -> MemberRecordDTO:
    """Everything the detail page shows. The view is audited in the same transaction."""
    authorize(ctx, actor, Permission.VIEW_RECORD)

    def work(session: Session) -> MemberRecordDTO:
        m = resolve_member(session, key, full=True)
        dto = member_dto(session, ctx, m)
        deactivation = session.execute(
            select(MemberDeactivation.reason)
            .where(MemberDeactivation.member_id == m.id)
            .order_by(MemberDeactivation.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        merged_from = tuple(
            session.execute(
                select(Member.number).where(Member.merged_into_id == m.id).order_by(Member.number)
            ).scalars()
        )
        record = MemberRecordDTO(
            member=dto,
            history=_history(session, m.id, include_views=False),
            pending_corrections=pending_for_member(session, m.id),
            deactivation_reason=deactivation if m.record_status != RecordStatus.ACTIVE else None,
            merged_from=merged_from,
            actions=_actions(session, ctx, actor, m, dto),
        )
        append_event(
            session,
            ctx,
            actor=actor,
            action="member.view",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={"via": via},
        )
        return record

    return ctx.write(work)


def member_history(
    ctx: ServiceContext, actor: Actor, key: int | str, *, include_views: bool = False
) -> tuple[HistoryEntryDTO, ...]:
    """Every audited change to a member, oldest first (reading it is audited too)."""
    authorize(ctx, actor, Permission.VIEW_RECORD)

    def work(session: Session) -> tuple[HistoryEntryDTO, ...]:
        m = resolve_member(session, key)
        entries = _history(session, m.id, include_views)
        append_event(
            session,
            ctx,
            actor=actor,
            action="member.history",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
        )
        return entries

    return ctx.write(work)
