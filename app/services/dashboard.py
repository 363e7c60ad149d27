"""The branch dashboard: today, this week and this month; enrolments by channel and occupation;
coverage against the supervisor's target per regency of the branch's area."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.contribution_models import MemberCover, Payment
from app.db.day_models import CoverageTarget
from app.db.homes import home_branch
from app.db.models import Enrolment, Member
from app.db.region_models import RegionBranch, RegionTarget
from app.domain.clock import business_date
from app.domain.coverage import Coverage, check_target
from app.domain.day_summary import CHANNEL_SHORT, Tally
from app.domain.issues import DomainError, Issue
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.reference import CHANNELS
from app.domain.roles import Permission
from app.domain.states import PaymentStatus, RecordStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.contributions.status_index import StatusCounts
from app.services.dto import Actor

PERIODS = ("today", "week", "month")
PERIOD_LABELS = {"today": "Hari ini", "week": "Minggu ini", "month": "Bulan ini"}


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    key: str  # today | week | month
    label: str
    start: dt.date
    end: dt.date
    enrolments: int
    payments: int
    amount: int  # net of voids
    by_channel: tuple[Tally, ...]
    by_occupation: tuple[Tally, ...]


@dataclass(frozen=True, slots=True)
class CoverageLine:
    regency_code: str
    regency_name: str
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class DashboardDTO:
    today: dt.date
    branch_code: str
    branch_name: str
    periods: tuple[PeriodFigures, ...]
    coverage: tuple[CoverageLine, ...]
    statuses: StatusCounts  # active members by cover status; ``pending`` not yet worked out today

    def period(self, key: str) -> PeriodFigures:
        return next(p for p in self.periods if p.key == key)


@dataclass(frozen=True, slots=True)
class CoverageTargetDTO:
    regency_code: str
    regency_name: str
    workers: int
    target_bp: int
    baseline_bp: int
    baseline_date: dt.date


def period_bounds(today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    return {
        "today": (today, today),
        "week": (today - dt.timedelta(days=today.weekday()), today),
        "month": (today.replace(day=1), today),
    }


def _period(ctx: ServiceContext, session: Session, key: str, start: dt.date, end: dt.date) -> PeriodFigures:
    in_range = (Enrolment.business_date >= start, Enrolment.business_date <= end)
    channels = dict(
        session.execute(
            select(Enrolment.channel, func.count()).where(*in_range).group_by(Enrolment.channel)
        ).all()
    )
    occupations = session.execute(
        select(Enrolment.occupation_code, func.count())
        .where(*in_range)
        .group_by(Enrolment.occupation_code)
        .order_by(func.count().desc(), Enrolment.occupation_code)
    ).all()
    paid = session.execute(
        select(func.count(), func.coalesce(func.sum(Payment.total), 0)).where(
            Payment.business_date >= start, Payment.business_date <= end, Payment.status == PaymentStatus.PAID
        )
    ).one()
    by_occupation = []
    for code, n in occupations:
        occ = ctx.reference.occupations.by_code(code)
        by_occupation.append(Tally(code, occ.name.title() if occ else code, int(n)))
    return PeriodFigures(
        key,
        PERIOD_LABELS[key],
        start,
        end,
        sum(int(n) for n in channels.values()),
        int(paid[0]),
        int(paid[1]),
        tuple(Tally(c, CHANNEL_SHORT.get(c, c), int(channels.get(c, 0))) for c in CHANNELS),
        tuple(by_occupation),
    )


def _regency_expr() -> Any:
    """The member's home regency ("16.10"): the village code when known, else the NIK's district."""
    return func.coalesce(func.substr(Member.kode_wilayah, 1, 5), func.substr(Member.nik_district, 1, 5))


def _targets(session: Session, code: str) -> list[CoverageTarget | RegionTarget]:
    """The branch's own targets, and the Kanwil's for the regencies of its area (which stand)."""
    own: dict[str, CoverageTarget | RegionTarget] = {
        t.regency_code: t for t in session.execute(select(CoverageTarget)).scalars()
    }
    area = session.get(RegionBranch, code)
    if area is not None and area.regencies:
        wanted = area.regencies.split(",")
        for t in session.execute(select(RegionTarget).where(RegionTarget.regency_code.in_(wanted))).scalars():
            own[t.regency_code] = t
    return [own[k] for k in sorted(own)]


def _coverage(session: Session, code: str, today: dt.date) -> tuple[CoverageLine, ...]:
    """Per target regency: the baseline share plus the members enrolled since the baseline date
    whose membership runs today (the status index's answer: active, or within the arrears limit)."""
    lines = []
    regency = _regency_expr()
    for t in _targets(session, code):
        since = select(Enrolment.member_id).where(Enrolment.business_date > t.baseline_date)
        first_before = select(Enrolment.member_id).where(Enrolment.business_date <= t.baseline_date)
        n = session.execute(
            select(func.count())
            .select_from(Member)
            .join(MemberCover, MemberCover.member_id == Member.id)
            .where(
                Member.record_status == RecordStatus.ACTIVE,
                regency == t.regency_code,
                Member.id.in_(since),
                Member.id.not_in(first_before),
                status_index.fresh_on(today),
                status_index.still_member(),
            )
        ).scalar_one()
        lines.append(
            CoverageLine(
                t.regency_code,
                t.regency_name,
                Coverage(t.workers, t.baseline_bp, t.target_bp, t.baseline_date, int(n)),
            )
        )
    return tuple(lines)


def dashboard(ctx: ServiceContext, actor: Actor) -> DashboardDTO:
    """Every figure of the dashboard in one read (a few indexed aggregate queries). Status figures
    come from the status index; when ``statuses.pending`` is not 0, ``refresh_statuses`` brings it
    up to date (long work: progress and cancel) and the dashboard is read again."""
    authorize(ctx, actor, Permission.SEARCH)

    def work(session: Session) -> DashboardDTO:
        b = home_branch(session)
        if b is None:
            raise DomainError(Issue("cabang", "branch.missing", "Cabang belum diatur."))
        today = business_date(ctx.clock(), b.timezone)
        bounds = period_bounds(today)
        periods = tuple(_period(ctx, session, k, *bounds[k]) for k in PERIODS)
        statuses = status_index.status_counts(session, ctx)
        return DashboardDTO(today, b.code, b.name, periods, _coverage(session, b.code, today), statuses)

    return ctx.read(work)


def _target_dto(t: CoverageTarget) -> CoverageTargetDTO:
    return CoverageTargetDTO(
        t.regency_code, t.regency_name, t.workers, t.target_bp, t.baseline_bp, t.baseline_date
    )


def coverage_targets(ctx: ServiceContext) -> tuple[CoverageTargetDTO, ...]:
    def work(session: Session) -> tuple[CoverageTargetDTO, ...]:
        rows = session.execute(select(CoverageTarget).order_by(CoverageTarget.regency_code)).scalars()
        return tuple(_target_dto(t) for t in rows)

    return ctx.read(work)


def set_coverage_target(
    ctx: ServiceContext,
    supervisor: Actor,
    *,
    regency_code: str,
    workers: int,
    target_bp: int,
    baseline_bp: int,
    baseline_date: dt.date,
) -> CoverageTargetDTO:
    """Add or change the target of one regency (supervisor; audited)."""
    authorize(ctx, supervisor, Permission.CLOSE_DAY)
    digits = regency_code.replace(".", "").strip()
    code = f"{digits[:2]}.{digits[2:4]}"
    name = ctx.regions.name(code) if len(digits) == 4 and digits.isdigit() else None
    issues = (
        []
        if name
        else [Issue("wilayah", "target.regency", f"Kode kabupaten/kota {regency_code[:10]} tidak dikenal.")]
    )
    issues += check_target(workers, baseline_bp, target_bp)
    if issues:
        raise DomainError(issues)
    assert name is not None

    def work(session: Session) -> CoverageTargetDTO:
        t = session.get(CoverageTarget, code)
        now = ctx.clock()
        if t is None:
            t = CoverageTarget(regency_code=code, regency_name=name, updated_at=now, updated_by_id=supervisor.id,
                               workers=workers, target_bp=target_bp, baseline_bp=baseline_bp,
                               baseline_date=baseline_date)  # fmt: skip
            session.add(t)
        else:
            t.workers, t.target_bp, t.baseline_bp, t.baseline_date = (
                workers,
                target_bp,
                baseline_bp,
                baseline_date,
            )
            t.updated_at, t.updated_by_id = now, supervisor.id
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="target.set",
            entity="coverage_target",
            entity_id=code,
            details={
                "workers": workers,
                "target_bp": target_bp,
                "baseline_bp": baseline_bp,
                "baseline_date": baseline_date.isoformat(),
            },
        )
        return _target_dto(t)

    return ctx.write(work)


def remove_coverage_target(ctx: ServiceContext, supervisor: Actor, regency_code: str) -> None:
    authorize(ctx, supervisor, Permission.CLOSE_DAY)

    def work(session: Session) -> None:
        t = session.get(CoverageTarget, regency_code)
        if t is None:
            raise DomainError(
                Issue("wilayah", "target.not_found", f"Tidak ada target untuk {regency_code[:10]}.")
            )
        session.delete(t)
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="target.remove",
            entity="coverage_target",
            entity_id=regency_code,
        )

    ctx.write(work)


def refresh_statuses(
    ctx: ServiceContext, actor: Actor, *, progress: ProgressSink = no_progress, cancel: CancelToken = NEVER
) -> int:
    """Work out today's cover status of every member the status index has no answer for."""
    authorize(ctx, actor, Permission.SEARCH)
    return status_index.refresh(ctx, progress=progress, cancel=cancel)
