"""An outreach laptop's standing with its branch: which branch it reports to, how many days it may
work without a sync (the supervisor's two limits), and the refusal of new enrolments past them.

The refusal lives here and is called by the enrolment writers themselves (the form, ``loket
enrol`` and the spreadsheet import all write through them), so no door can skip it. A branch
database (no home branch set) pays one small read per enrolment and is never limited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.driver import Driver
from app.db.hot_reads import has_setting
from app.db.models import Setting
from app.db.sync_models import SyncReply
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import valid_prefix
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.sync_freshness import (
    DEFAULT_FREEZE_DAYS,
    DEFAULT_WARN_DAYS,
    Freshness,
    SyncState,
    freshness,
    limit_issues,
)
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.day_lock import branch_timezone
from app.services.dto import Actor
from app.services.kanwil import put_setting

HOME_KEY = "outreach.home"
WARN_KEY = "outreach.warn_days"
FREEZE_KEY = "outreach.freeze_days"
SINCE_KEY = "outreach.since"  # when the laptop was set up for outreach (UTC, ISO)


@dataclass(frozen=True, slots=True)
class OutreachSettings:
    """``home`` None: this database is a branch, not an outreach laptop."""

    home: str | None
    warn_days: int
    freeze_days: int
    since: dt.datetime | None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_settings(session: Session) -> OutreachSettings:
    """An outreach laptop's sync settings: its home branch, warning and freeze limits."""
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(
                Setting.key.in_([HOME_KEY, WARN_KEY, FREEZE_KEY, SINCE_KEY])
            )
        ).all()
    )
    since = rows.get(SINCE_KEY)
    return OutreachSettings(
        rows.get(HOME_KEY) or None,
        _int(rows.get(WARN_KEY), DEFAULT_WARN_DAYS),
        _int(rows.get(FREEZE_KEY), DEFAULT_FREEZE_DAYS),
        dt.datetime.fromisoformat(since) if since else None,
    )


def last_sync(session: Session) -> dt.datetime | None:
    """When this laptop last imported an answer of its branch."""
    return session.execute(select(func.max(SyncReply.imported_at))).scalar_one_or_none()


def freshness_in(session: Session, ctx: ServiceContext, at: dt.datetime | None = None) -> Freshness:
    """How long since an outreach laptop last synced, and whether it must warn or stop enrolling."""
    settings = read_settings(session)
    tz = branch_timezone(session, ctx)
    today = business_date(at or ctx.clock(), tz)
    if settings.home is None:
        return freshness(home=None, since=None, ever_synced=False, today=today)
    synced = last_sync(session)
    when = synced or settings.since
    return freshness(
        home=settings.home,
        since=business_date(when, tz) if when is not None else None,
        ever_synced=synced is not None,
        today=today,
        warn_days=settings.warn_days,
        freeze_days=settings.freeze_days,
    )


def sync_freshness(ctx: ServiceContext) -> Freshness:
    """The laptop's standing now (``NOT_LAPTOP`` on a branch database)."""
    return ctx.read(lambda s: freshness_in(s, ctx))


def outreach_settings(ctx: ServiceContext) -> OutreachSettings:
    """An outreach laptop's sync settings, read in their own transaction."""
    return ctx.read(read_settings)


def ensure_enrolment_allowed(session: Session, ctx: ServiceContext, at: dt.datetime | None = None) -> None:
    """Inside the enrolling transaction: refuse (``outreach.frozen``) on a laptop past its limit."""
    if not has_setting(Driver.of(session), HOME_KEY):
        return  # a branch database: the common case costs one indexed read
    f = freshness_in(session, ctx, at)
    if f.state is SyncState.FROZEN:
        raise DomainError(f.issue() or Issue("sinkron", "outreach.frozen", "Laptop belum sinkron."))


def check_enrolment_allowed(ctx: ServiceContext) -> None:
    """The same refusal before any work starts (the CLI, the import's dry run)."""
    ctx.read(lambda s: ensure_enrolment_allowed(s, ctx))


def set_outreach(
    ctx: ServiceContext,
    actor: Actor,
    *,
    home: str | None,
    warn_days: int,
    freeze_days: int,
    password: str,
) -> OutreachSettings:
    """Make this database an outreach laptop of branch ``home`` (None: a branch again) with its two
    limits. Supervisor, password again, audited. Setting the home starts the count of days."""
    authorize(ctx, actor, Permission.SETTINGS)
    home = (home or "").strip() or None
    issues = limit_issues(warn_days, freeze_days)
    if home is not None and not valid_prefix(home):
        issues.insert(0, Issue("home", "outreach.home", "Kode cabang induk harus 3 digit angka, mis. 101."))
    if issues:
        raise DomainError(issues)
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> OutreachSettings:
        from app.db.models import Branch

        own = session.execute(select(Branch.code).limit(1)).scalar_one_or_none()
        if home is not None and home == own:
            raise DomainError(
                Issue(
                    "home",
                    "outreach.home_self",
                    msg(
                        "Kode {home} adalah kode laptop ini sendiri; cabang induk punya kode lain (mis. 101).",
                        home=home,
                    ),
                )
            )
        before = read_settings(session)
        since = before.since
        if home != before.home:
            since = ctx.clock() if home is not None else None
        put_setting(session, HOME_KEY, home)
        put_setting(session, WARN_KEY, str(warn_days))
        put_setting(session, FREEZE_KEY, str(freeze_days))
        put_setting(session, SINCE_KEY, since.isoformat() if since else None)
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="outreach.settings",
            entity="setting",
            entity_id=HOME_KEY,
            details={
                "home": home,
                "warn_days": warn_days,
                "freeze_days": freeze_days,
                "before": {
                    "home": before.home,
                    "warn_days": before.warn_days,
                    "freeze_days": before.freeze_days,
                },
            },
        )
        return OutreachSettings(home, warn_days, freeze_days, since)

    return ctx.write(work)
