"""Reprints: the officer's request, the supervisor's approval or refusal, the new card."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card, CardReprint
from app.db.models import Member, Officer
from app.domain.cards import (
    REPRINT_REASONS,
)
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.states import ReprintStatus
from app.infra.card_keys import SigningKey
from app.services.audit import append_event
from app.services.auth import authorize, login
from app.services.branch_read import row_key, row_label
from app.services.card_keys import require_branch, signing_key
from app.services.cards.dto import IssuedCard, ReprintRequestDTO
from app.services.cards.issue import (
    _card_dtos,
    _check_printable,
    _issued_card,
    _load_member,
    _new_card,
    _number,
    _usernames,
    _write_card,
    ensure_fonts,
)
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO

# --- reprints ------------------------------------------------------------------------------------


def _check_reason(reason: str, note: str | None) -> tuple[str, str | None]:
    if reason not in REPRINT_REASONS:
        raise DomainError(
            Issue(
                "reason",
                "card.reprint_reason",
                "Alasan cetak ulang harus salah satu dari: " + ", ".join(REPRINT_REASONS) + ".",
            )
        )
    note = " ".join(note.split()) if note else None
    if note and len(note) > 200:
        raise DomainError(
            Issue("note", "card.reprint_note", "Catatan cetak ulang paling banyak 200 karakter.")
        )
    return reason, note or None


def _approver(ctx: ServiceContext, username: str, password: str) -> Actor:
    """The supervisor approving, after re-entering their password."""
    approver = login(ctx, username, password)
    authorize(ctx, approver, Permission.APPROVE)
    return approver


def _request_reprint(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    member: Member,
    current: Card,
    reason: str,
    note: str | None,
) -> CardReprint:
    """A pending reprint request for ``current`` (audited); approval revokes the old serial."""
    req = CardReprint(
        member_id=member.id,
        reason=reason,
        note=note,
        status=ReprintStatus.PENDING,
        requested_by_id=actor.id,
        requested_at=ctx.clock(),
        old_card_id=current.id,
    )
    session.add(req)
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action="card.reprint_request",
        entity="card_reprint",
        entity_id=str(req.id),
        member_id=member.id,
        details={"reason": reason, "serial": current.serial},
    )
    return req


def _reprint_dto(session: Session, r: CardReprint) -> ReprintRequestDTO:
    names = _usernames(session, {r.requested_by_id, r.decided_by_id})
    rows = session.execute(
        select(Card.id, Card.serial).where(Card.id.in_([r.old_card_id or 0, r.new_card_id or 0]))
    )
    serials = {card_id: serial for card_id, serial in rows}
    number, nama = session.execute(select(Member.number, Member.nama).where(Member.id == r.member_id)).one()
    return ReprintRequestDTO(
        id=r.id,
        ref=row_label(session, r.id),
        number=number,
        nama=nama,
        reason=r.reason,
        reason_label=REPRINT_REASONS[r.reason],
        note=r.note,
        status=r.status,
        requested_by=names.get(r.requested_by_id, "?"),
        requested_at=r.requested_at,
        decided_by=names.get(r.decided_by_id) if r.decided_by_id else None,
        decided_at=r.decided_at,
        old_serial=serials.get(r.old_card_id) if r.old_card_id else None,
        new_serial=serials.get(r.new_card_id) if r.new_card_id else None,
    )


def _current_for_reprint(session: Session, m: Member) -> Card:
    current = _issued_card(session, m.id)
    if current is None:
        raise DomainError(
            Issue(
                "nomor",
                "card.none_issued",
                msg(
                    "Peserta {number} tidak memiliki kartu yang berlaku; cetak kartu biasa (tanpa cetak ulang).",
                    number=m.number,
                ),
            )
        )
    return current


def _approve_in(
    session: Session,
    ctx: ServiceContext,
    req: CardReprint,
    m: Member,
    requester: Actor,
    approver: Actor,
    branch: BranchDTO,
    key: SigningKey,
) -> IssuedCard:
    now = ctx.clock()
    old = _current_for_reprint(session, m)
    old.status, old.status_reason, old.status_note = "revoked", req.reason, req.note
    old.status_at, old.status_by_id = now, approver.id
    session.flush()
    append_event(
        session,
        ctx,
        actor=approver,
        action="card.revoke",
        entity="card",
        entity_id=old.serial,
        member_id=m.id,
        details={"reason": req.reason, "reprint_request": req.id},
    )
    card, face = _new_card(
        session,
        ctx,
        requester,
        m,
        branch,
        key,
        approved_by=approver,
        details={"reprint_of": old.serial, "reason": req.reason, "approved_by": approver.username},
    )
    req.status, req.decided_by_id, req.decided_at = "approved", approver.id, now
    req.old_card_id, req.new_card_id = old.id, card.id
    session.flush()
    append_event(
        session,
        ctx,
        actor=approver,
        action="card.reprint_approve",
        entity="card_reprint",
        entity_id=str(req.id),
        member_id=m.id,
        details={"old": old.serial, "new": card.serial, "reason": req.reason},
    )
    return IssuedCard(_card_dtos(session, [card], {m.id: m.number})[0], face)


def request_reprint(
    ctx: ServiceContext, actor: Actor, number: str, *, reason: str, note: str | None = None
) -> ReprintRequestDTO:
    """File a reprint request for a supervisor to approve later (see :func:`approve_reprint`)."""
    authorize(ctx, actor, Permission.PRINT)
    reason, note = _check_reason(reason, note)
    parsed = _number(number)

    def work(session: Session) -> ReprintRequestDTO:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        current = _current_for_reprint(session, m)
        pending = session.execute(
            select(CardReprint.id).where(
                CardReprint.member_id == m.id, CardReprint.status == ReprintStatus.PENDING
            )
        ).scalar()
        if pending is not None:
            raise DomainError(
                Issue(
                    "nomor",
                    "card.reprint_pending",
                    msg("Permintaan cetak ulang #{pending} masih menunggu persetujuan.", pending=pending),
                )
            )
        req = _request_reprint(session, ctx, actor, m, current, reason, note)
        return _reprint_dto(session, req)

    result: ReprintRequestDTO = ctx.write(work)
    return result


def pending_reprints(ctx: ServiceContext) -> list[ReprintRequestDTO]:
    """The reprint requests waiting for a supervisor, oldest first."""

    def work(session: Session) -> list[ReprintRequestDTO]:
        rows = session.execute(
            select(CardReprint).where(CardReprint.status == ReprintStatus.PENDING).order_by(CardReprint.id)
        ).scalars()
        return [_reprint_dto(session, r) for r in rows]

    return ctx.read(work)


def approve_reprint(
    ctx: ServiceContext, request_id: int | str, *, approver_username: str, approver_password: str
) -> IssuedCard:
    """A supervisor approves a pending request: the old serial is revoked, a new card is signed."""
    approver = _approver(ctx, approver_username, approver_password)
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=approver)
    ensure_fonts()

    def work(session: Session) -> IssuedCard:
        req = _pending_reprint(session, request_id)
        m = session.execute(
            select(Member).where(Member.id == req.member_id).options(selectinload(Member.enrolments))
        ).scalar_one()
        _check_printable(m)
        requester = session.get(Officer, req.requested_by_id)
        assert requester is not None
        by = Actor(requester.id, requester.username, requester.full_name, requester.role)
        return _approve_in(session, ctx, req, m, by, approver, branch, key)

    result: IssuedCard = _write_card(ctx, work)
    return result


def _pending_reprint(session: Session, request_id: int | str) -> CardReprint:
    """The reprint request a person named (``3``, ``#201-3`` or its stored key), refused unless it
    still waits for a supervisor's decision."""
    key = row_key(
        session, request_id, field="request", code="card.reprint_not_pending", what="Permintaan cetak ulang"
    )
    req = session.get(CardReprint, key)
    if req is None or req.status != ReprintStatus.PENDING:
        label = row_label(session, key)
        raise DomainError(
            Issue(
                "request",
                "card.reprint_not_pending",
                msg("Permintaan cetak ulang {label} tidak menunggu.", label=label),
            )
        )
    return req


def reject_reprint(
    ctx: ServiceContext, approver: Actor, request_id: int | str, *, note: str | None = None
) -> ReprintRequestDTO:
    """A supervisor refuses a reprint request, with an optional note; it is audited."""
    authorize(ctx, approver, Permission.APPROVE)

    def work(session: Session) -> ReprintRequestDTO:
        req = _pending_reprint(session, request_id)
        req.status, req.decided_by_id, req.decided_at = "rejected", approver.id, ctx.clock()
        if note:
            req.note = " ".join(f"{req.note or ''} / ditolak: {note}".split())[:200]
        session.flush()
        append_event(
            session,
            ctx,
            actor=approver,
            action="card.reprint_reject",
            entity="card_reprint",
            entity_id=str(req.id),
            member_id=req.member_id,
        )
        return _reprint_dto(session, req)

    result: ReprintRequestDTO = ctx.write(work)
    return result


def reprint_card(
    ctx: ServiceContext,
    actor: Actor,
    number: str,
    *,
    reason: str,
    note: str | None = None,
    approver_username: str,
    approver_password: str,
) -> IssuedCard:
    """Request and approve in one step, the supervisor standing at the counter: checks the
    supervisor's password first, then revokes the old serial and signs the new card together."""
    authorize(ctx, actor, Permission.PRINT)
    reason, note = _check_reason(reason, note)
    parsed = _number(number)
    approver = _approver(ctx, approver_username, approver_password)
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=actor)
    ensure_fonts()

    def work(session: Session) -> IssuedCard:
        m = _load_member(session, parsed.value)
        _check_printable(m)
        current = _current_for_reprint(session, m)
        req = _request_reprint(session, ctx, actor, m, current, reason, note)
        return _approve_in(session, ctx, req, m, actor, approver, branch, key)

    result: IssuedCard = _write_card(ctx, work)
    return result
