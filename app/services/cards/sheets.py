"""A4 sheets of ten cards for the day's members, signed and recorded, in worker processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card
from app.db.models import Enrolment, Member
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import parse_number
from app.domain.messages import msg
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import CardStatus
from app.pdf.card import CardFace
from app.pdf.card_sheet import render_card_sheet
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.card_keys import ensure_published, require_branch, signing_key
from app.services.cards.dto import CardDTO, SheetResult, SkippedMember
from app.services.cards.issue import (
    _already_issued,
    _card_dtos,
    _check_printable,
    _face,
    _Holder,
    _holder,
    _sign,
    _write_card,
    ensure_fonts,
)
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor

# --- sheets ------------------------------------------------------------------------------------


def _members_for_sheet(
    session: Session, numbers: Sequence[str] | None, enrolled_on: dt.date | None
) -> tuple[list[tuple[_Holder, int]], list[SkippedMember]]:
    """Printable members with their next card sequence, and those left out."""
    skipped: list[SkippedMember] = []
    wanted: list[str] = []
    if numbers is not None:
        for raw in numbers:
            parsed = parse_number(raw)
            if isinstance(parsed, Issue):
                skipped.append(SkippedMember(raw.strip(), parsed.code, parsed.message))
            elif parsed.value not in wanted:
                wanted.append(parsed.value)
        stmt = select(Member).where(Member.number.in_(wanted))
    else:
        assert enrolled_on is not None
        ids = select(Enrolment.member_id).where(Enrolment.business_date == enrolled_on)
        stmt = select(Member).where(Member.id.in_(ids))
    found = {m.number: m for m in session.execute(stmt.options(selectinload(Member.enrolments))).scalars()}
    order = wanted if numbers is not None else sorted(found)
    members: list[Member] = []
    issued_rows = session.execute(
        select(Card.member_id, Card.serial).where(
            Card.member_id.in_([m.id for m in found.values()]), Card.status == CardStatus.ISSUED
        )
    )
    issued = {member_id: serial for member_id, serial in issued_rows}
    for number in order:
        m = found.get(number)
        if m is None:
            skipped.append(SkippedMember(number, "member.not_found", f"Peserta {number} tidak ditemukan."))
            continue
        try:
            _check_printable(m)
        except DomainError as exc:
            skipped.append(SkippedMember(number, exc.issues[0].code, exc.issues[0].message))
            continue
        if m.id in issued:
            issue = _already_issued(issued[m.id])
            skipped.append(SkippedMember(number, issue.code, issue.message))
            continue
        members.append(m)
    seq_rows = session.execute(
        select(Card.member_id, func.max(Card.seq))
        .where(Card.member_id.in_([m.id for m in members]))
        .group_by(Card.member_id)
    )
    seqs = {member_id: seq for member_id, seq in seq_rows}
    return [(_holder(m), int(seqs.get(m.id) or 0) + 1) for m in members], skipped


def print_card_sheet(
    ctx: ServiceContext,
    actor: Actor,
    *,
    numbers: Sequence[str] | None = None,
    enrolled_on: dt.date | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    workers: int | None = None,
) -> SheetResult:
    """A4 sheets of 10 cards for the given numbers, or for everyone enrolled on ``enrolled_on``.

    Members who already hold a valid card are skipped (they need a reprint). The PDF is made first
    and the cards are recorded only when it is complete, so a cancel (``Cancelled``) leaves nothing.
    """
    authorize(ctx, actor, Permission.PRINT)
    if (numbers is None) == (enrolled_on is None):
        raise ValueError("give numbers or enrolled_on")
    branch = require_branch(ctx)
    members, skipped = ctx.read(lambda s: _members_for_sheet(s, numbers, enrolled_on))
    if not members:
        return SheetResult(None, (), tuple(skipped))
    key = signing_key(ctx, branch, actor=actor)
    ensure_fonts()
    now = ctx.clock().astimezone(dt.UTC).replace(microsecond=0)
    issued_on = business_date(now, branch.timezone)
    faces: list[CardFace] = []
    for m, seq in members:
        serial, qr_text = _sign(m, seq, now, key)
        faces.append(
            _face(ctx, m, branch, serial=serial, issued_on=issued_on, key_id=key.key_id, qr_text=qr_text)
        )
    pdf = render_card_sheet(faces, progress=progress, cancel=cancel, workers=workers)
    progress(len(faces), len(faces), "Menyimpan catatan kartu…")

    def work(session: Session) -> list[CardDTO]:
        ensure_day_open(session, ctx, now)
        cards: list[Card] = []
        ids = [m.id for m, _seq in members]
        meanwhile = session.execute(
            select(Card.serial).where(Card.member_id.in_(ids), Card.status == CardStatus.ISSUED).limit(1)
        ).scalar()
        if meanwhile is not None:
            raise DomainError(
                Issue(
                    "nomor",
                    "card.concurrent",
                    msg("Kartu seri {meanwhile} baru saja dicetak di loket lain.", meanwhile=meanwhile),
                )
            )
        for (m, _seq), face in zip(members, faces, strict=True):
            seq = int(face.serial.rsplit("-", 1)[1])
            card = Card(
                serial=face.serial,
                member_id=m.id,
                seq=seq,
                key_id=key.key_id,
                issued_at=now,
                business_date=issued_on,
                issued_by_id=actor.id,
                counter=ctx.counter,
                status=CardStatus.ISSUED,
            )
            session.add(card)
            cards.append(card)
        session.flush()
        ensure_published(session, ctx, key, branch)
        for (m, _seq), card in zip(members, cards, strict=True):
            append_event(
                session,
                ctx,
                actor=actor,
                action="card.issue",
                entity="card",
                entity_id=card.serial,
                member_id=m.id,
                details={"key_id": key.key_id, "seq": card.seq, "sheet": True},
                at=now,
            )
        return _card_dtos(session, cards, {m.id: m.number for m, _seq in members})

    recorded: list[CardDTO] = _write_card(ctx, work)
    return SheetResult(pdf, tuple(recorded), tuple(skipped))
