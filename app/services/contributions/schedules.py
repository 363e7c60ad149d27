"""Payment schedules: monthly, or at harvest/catch time with a reason for non-seasonal occupations."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.contribution_models import ContributionSchedule
from app.domain.issues import DomainError, Issue
from app.domain.roles import Permission
from app.domain.schedule import Schedule, check_schedule_choice
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contribution_dto import CoverDTO
from app.services.contributions.cover import cover_dto, member_facts
from app.services.contributions.lookup import enrolment_of, member_by_key
from app.services.contributions.status_index import forget
from app.services.dto import Actor


def set_schedule(
    ctx: ServiceContext, actor: Actor, key: str, schedule: Schedule, *, reason: str | None = None
) -> CoverDTO:
    """Switch a member between monthly payment and a harvest/catch schedule.

    A harvest schedule is a payment calendar: at each harvest month the member pays ahead until
    the next one, so cover stays continuous. It is offered to BPU members; seasonal occupations
    (marked in the occupation data) need no reason, any other occupation needs one, recorded."""
    authorize(ctx, actor, Permission.PAY)

    def work(session: Session) -> CoverDTO:
        member = member_by_key(session, key)
        e = enrolment_of(session, member)
        if not schedule.monthly and e.segment != "BPU":
            raise DomainError(
                Issue(
                    "jadwal",
                    "schedule.segment",
                    "Jadwal bayar saat panen hanya untuk peserta Bukan Penerima Upah (BPU).",
                )
            )
        occupation = ctx.reference.occupations.by_code(e.occupation_code)
        why = check_schedule_choice(
            schedule, seasonal=occupation is not None and occupation.seasonal, reason=reason
        )
        row = session.get(ContributionSchedule, member.id)
        if schedule.monthly:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                ContributionSchedule(
                    member_id=member.id,
                    schedule=schedule.encode(),
                    reason=why,
                    updated_at=ctx.clock(),
                    updated_by_id=actor.id,
                )
            )
        else:
            row.schedule, row.reason = schedule.encode(), why
            row.updated_at, row.updated_by_id = ctx.clock(), actor.id
        forget(session, (member.id,))
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="schedule.set",
            entity="member",
            entity_id=member.number,
            member_id=member.id,
            details={"schedule": schedule.encode(), "reason": why},
        )
        facts = member_facts(session, ctx, member)
        return cover_dto(facts, facts.state())

    return ctx.write(work)
