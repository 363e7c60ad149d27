"""The status index: every active member's cover status, for figures over many members (the
dashboard's status counts and coverage against targets).

Each row is ``cover_on``'s answer for one member on ``as_of`` (his status, and ``covered``: BPJS
pays his benefits that day without conditions, the one meaning of "terlindungi" on every dashboard),
kept until ``recheck_on``, the first day it can change with no new payment
(``app/domain/cover_recheck.py``). A write that changes
what a member paid or owes calls ``forget`` in its own transaction; a new rate table or a holiday
change forgets everyone. ``refresh`` fills what is missing or due for a recheck, in batches, with
progress and cancellation: a branch's members mostly recheck once a month, after a due date.

The Kanwil keeps its own index of the members it holds, filled by this same code from the
replicated payments (the index itself is never replicated): there, the replicated writes forget
a member's row through triggers (``app.db.kanwil_cover``) instead of ``forget``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.orm import Session

from app.db.contribution_models import MemberCover
from app.db.coverage_queries import answered_on, pending_on, stale_members
from app.db.models import Member
from app.domain.cover import CoverStatus, cover_on
from app.domain.cover_recheck import recheck_on
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.states import RecordStatus
from app.services.context import ServiceContext
from app.services.contributions.bulk import bulk_facts
from app.services.contributions.lookup import today_at

BATCH = 900


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Active members by cover status, from the index; ``pending`` members are not in it yet."""

    as_of: dt.date
    counts: dict[CoverStatus, int]
    pending: int

    @property
    def members(self) -> int:
        return sum(self.counts.values())


def forget(session: Session, member_ids: Iterable[int]) -> None:
    """These members' cover changed: drop their rows (the next refresh recomputes them)."""
    ids = sorted(set(member_ids))
    for i in range(0, len(ids), BATCH):
        session.execute(delete(MemberCover).where(MemberCover.member_id.in_(ids[i : i + BATCH])))


def forget_all(session: Session) -> None:
    """Something every member's cover depends on changed (rate table, holidays)."""
    session.execute(delete(MemberCover))


def fresh_on(today: dt.date) -> ColumnElement[bool]:
    """SQL: the member's index row answers for ``today`` (join ``member_cover`` to use it)."""
    return answered_on(today)


def _stale_ids(session: Session, today: dt.date, limit: int, after: int = 0) -> list[int]:
    q = stale_members(today).where(Member.id > after).order_by(Member.id).limit(limit)
    return [int(i) for i in session.execute(q).scalars()]


def pending(session: Session, ctx: ServiceContext) -> int:
    """How many active members the index has no fresh answer for today."""
    return pending_on(session, today_at(session, ctx))


def _refresh_batch(session: Session, ctx: ServiceContext, ids: list[int]) -> int:
    members = session.execute(select(Member).where(Member.id.in_(ids)).order_by(Member.id)).scalars().all()
    rows = []
    for facts in bulk_facts(session, ctx, members):
        # The member page's rule for "protected on a date?", on today, with the state it stands on
        # (the same arguments as ``facts.state()``).
        answer = cover_on(
            facts.rules,
            facts.ledger,
            programmes=facts.owed,
            day=facts.today,
            calendar=facts.calendar,
            schedule=facts.schedule,
            registered=facts.enrolment.business_date,
        )
        state = answer.state
        rows.append(
            {
                "member_id": facts.member.id,
                "status": state.status.value,
                "covered": answer.covered,
                "paid_through": state.paid_through.as_int() if state.paid_through else None,
                "arrears_months": len(state.arrears),
                "as_of": state.as_of,
                "recheck_on": recheck_on(facts.rules, state, facts.calendar),
            }
        )
    forget(session, ids)
    if rows:
        session.execute(insert(MemberCover), rows)
    return len(rows)


def refresh(ctx: ServiceContext, *, progress: ProgressSink = no_progress, cancel: CancelToken = NEVER) -> int:
    """Bring the index up to date for today; returns how many members were recomputed. Each batch
    is its own transaction: a cancelled refresh keeps the batches done and raises ``Cancelled``."""
    total = ctx.read(lambda s: pending(s, ctx))
    done = 0
    after = 0  # batches walk the ids upward (a million members: no rescan of those done)
    progress(0, total, "Memperbarui status kepesertaan…")
    while True:
        if cancel.cancelled:
            raise Cancelled()

        def work(session: Session, after: int = after) -> list[int]:
            ids = _stale_ids(session, today_at(session, ctx), BATCH, after)
            if ids:
                _refresh_batch(session, ctx, ids)
            return ids

        ids = ctx.write(work)
        if not ids:
            if after == 0:
                break
            after = 0  # one more walk from the start: members forgotten meanwhile behind it
            continue
        after = ids[-1]
        done += len(ids)
        progress(min(done, total), max(total, done), "Memperbarui status kepesertaan…")
    return done


def status_counts(session: Session, ctx: ServiceContext) -> StatusCounts:
    """Active members by status as the index holds them today, and how many it has not answered."""
    today = today_at(session, ctx)
    rows = session.execute(
        select(MemberCover.status, func.count())
        .join(Member, Member.id == MemberCover.member_id)
        .where(Member.record_status == RecordStatus.ACTIVE, fresh_on(today))
        .group_by(MemberCover.status)
    ).all()
    counts = {s: 0 for s in CoverStatus}
    for status, n in rows:
        counts[CoverStatus(status)] = int(n)
    return StatusCounts(today, counts, pending_on(session, today))
