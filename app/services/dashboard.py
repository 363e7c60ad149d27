"""The branch dashboard: today, this week and this month; enrolments by channel and occupation;
coverage against the supervisor's target per regency of the branch's area."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.contribution_models import Payment
from app.db.coverage_queries import counted_from, enrolments_made, held_by_regency, made_by
from app.db.day_models import CoverageTarget
from app.db.homes import home_branch
from app.db.region_models import RegionBranch, RegionTarget
from app.domain.clock import business_date
from app.domain.coverage import Coverage, check_target
from app.domain.day_summary import CHANNEL_SHORT, Tally
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.reference import CHANNELS
from app.domain.roles import Permission
from app.domain.states import PaymentStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.contributions.status_index import StatusCounts
from app.services.dto import Actor
from app.services.region import dashboard as region_dashboard

PERIODS = ("today", "week", "month")
PERIOD_LABELS = {"today": "Hari ini", "week": "Minggu ini", "month": "Bulan ini"}


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The branch's enrolments and payments over one period (today, this week, this month)."""

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
    """One regency's coverage against its target, for the dashboard."""

    regency_code: str
    regency_name: str
    coverage: Coverage  # the region's counts (``coverage_queries``), as the Kanwil's

    @property
    def protected(self) -> int:
        """Members registered since the baseline who are protected today."""
        return self.coverage.protected_since


@dataclass(frozen=True, slots=True)
class DashboardDTO:
    """Everything the branch dashboard shows, read at once."""

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
    """A regency's coverage target as the supervisor set it."""

    regency_code: str
    regency_name: str
    workers: int
    target_bp: int
    baseline_bp: int
    baseline_date: dt.date


def period_bounds(today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The first and last day of today, this week and this month, for the dashboard's periods."""
    return {
        "today": (today, today),
        "week": (today - dt.timedelta(days=today.weekday()), today),
        "month": (today.replace(day=1), today),
    }


def _period(
    ctx: ServiceContext, session: Session, code: str, key: str, start: dt.date, end: dt.date
) -> PeriodFigures:
    """The enrolments and payments this branch made in the period (a moved member's history, made
    elsewhere, is the other branch's figure, as the Kanwil counts it: ``coverage_queries``)."""
    channels: dict[str, int] = {}
    occupations: dict[str, int] = {}
    for maker, channel, _segment, occupation, n in enrolments_made(session, start, end):
        if maker in (code, "000"):
            channels[channel] = channels.get(channel, 0) + n
            occupations[occupation] = occupations.get(occupation, 0) + n
    paid = session.execute(
        select(func.count(), func.coalesce(func.sum(Payment.total), 0)).where(
            Payment.business_date >= start,
            Payment.business_date <= end,
            Payment.status == PaymentStatus.PAID,
            made_by(Payment.id, code),
        )
    ).one()
    by_occupation = []
    for occupation, n in sorted(occupations.items(), key=lambda item: (-item[1], item[0])):
        occ = ctx.reference.occupations.by_code(occupation)
        by_occupation.append(Tally(occupation, occ.name.title() if occ else occupation, n))
    return PeriodFigures(
        key,
        PERIOD_LABELS[key],
        start,
        end,
        sum(channels.values()),
        int(paid[0]),
        int(paid[1]),
        tuple(Tally(c, CHANNEL_SHORT.get(c, c), channels.get(c, 0)) for c in CHANNELS),
        tuple(by_occupation),
    )


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


def _coverage(session: Session, code: str, timezone: str, today: dt.date) -> tuple[CoverageLine, ...]:
    """Per target regency: the baseline share plus the members this branch holds there who were
    registered after the baseline date and, of them, those protected today, by the region's one
    definition (``coverage_queries``, so the Kanwil counts the same)."""
    targets = _targets(session, code)
    since = {t.regency_code: counted_from(t.baseline_date, timezone) for t in targets}
    counted: dict[str, int] = {}
    protected: dict[str, int] = {}
    for held in held_by_regency(session, since, today):
        counted[held.regency] = counted.get(held.regency, 0) + held.since
        protected[held.regency] = protected.get(held.regency, 0) + held.since_protected
    return tuple(
        CoverageLine(
            t.regency_code,
            t.regency_name,
            Coverage(
                t.workers,
                t.baseline_bp,
                t.target_bp,
                t.baseline_date,
                counted.get(t.regency_code, 0),
                protected.get(t.regency_code, 0),
            ),
        )
        for t in targets
    )


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
        periods = tuple(_period(ctx, session, b.code, k, *bounds[k]) for k in PERIODS)
        statuses = status_index.status_counts(session, ctx)
        return DashboardDTO(
            today, b.code, b.name, periods, _coverage(session, b.code, b.timezone, today), statuses
        )

    return ctx.read(work)


def _target_dto(t: CoverageTarget) -> CoverageTargetDTO:
    return CoverageTargetDTO(
        t.regency_code, t.regency_name, t.workers, t.target_bp, t.baseline_bp, t.baseline_date
    )


def coverage_targets(ctx: ServiceContext) -> tuple[CoverageTargetDTO, ...]:
    """Every regency's coverage target, for the settings page."""

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
        else [
            Issue(
                "wilayah",
                "target.regency",
                msg("Kode kabupaten/kota {regency_code} tidak dikenal.", regency_code=regency_code[:10]),
            )
        ]
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
    """A supervisor removes a regency's coverage target; it is audited."""
    authorize(ctx, supervisor, Permission.CLOSE_DAY)

    def work(session: Session) -> None:
        t = session.get(CoverageTarget, regency_code)
        if t is None:
            raise DomainError(
                Issue(
                    "wilayah",
                    "target.not_found",
                    msg("Tidak ada target untuk {regency_code}.", regency_code=regency_code[:10]),
                )
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


def refresh_protection(
    ctx: ServiceContext, actor: Actor, *, progress: ProgressSink = no_progress, cancel: CancelToken = NEVER
) -> int:
    """At the Kanwil (supervisor): bring its own status index up to date for today, by the
    branch's code and rule on the replicated payments, before its dashboard counts who is
    protected. Incremental: only members missing from it or due for a recheck (the replicated
    writes forget their member's row by triggers, ``app.db.kanwil_cover``). Each batch is its own
    transaction; returns how many were worked out."""
    authorize(ctx, actor, Permission.REGION)
    ctx.read(region_dashboard.ensure_kanwil)
    return status_index.refresh(ctx, progress=progress, cancel=cancel)
