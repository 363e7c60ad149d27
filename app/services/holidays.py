"""The branch's holidays for due dates: public holidays from the pinned ``holidays`` package, whether
cuti bersama counts (the regulations do not say [U]), and the supervisor's overrides for late
decrees and regional holidays. Every counter on the database uses the same list."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.infra.holidays import holidays_in
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.contributions.lookup import (
    JOINT_LEAVE_KEY,
    OVERRIDES_KEY,
    holiday_settings,
    today_at,
)
from app.services.dto import Actor

MAX_OVERRIDES = 500
MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class HolidayDTO:
    """One holiday (or a supervisor's working-day override) with where it comes from."""

    day: dt.date
    name: str
    source: str  # "libur nasional", "cuti bersama", "ditambah supervisor", "hari kerja (supervisor)"
    working: bool = False  # an override that makes the day a working day after all


@dataclass(frozen=True, slots=True)
class HolidaysDTO:
    """A year's holidays as due dates use them, and the supervisor's overrides."""

    joint_leave: bool
    year: int
    days: tuple[HolidayDTO, ...]  # the package's days of ``year`` with the overrides applied
    overrides: tuple[HolidayDTO, ...]  # every override, all years


def holidays(ctx: ServiceContext, *, year: int | None = None) -> HolidaysDTO:
    """The holidays of a year (default: this one) as due dates see them."""

    def work(session: Session) -> HolidaysDTO:
        h = holiday_settings(session)
        y = year or today_at(session, ctx).year
        public = holidays_in(y, joint_leave=False)
        every = holidays_in(y, joint_leave=h.joint_leave)
        days: dict[dt.date, HolidayDTO] = {
            d: HolidayDTO(d, name, "libur nasional" if d in public else "cuti bersama")
            for d, name in every.items()
        }
        overrides = []
        for d, name in sorted(h.overrides.items()):
            o = HolidayDTO(
                d,
                name or "hari kerja",
                "hari kerja (supervisor)" if name is None else "ditambah supervisor",
                name is None,
            )
            overrides.append(o)
            if d.year == y:
                if name is None:
                    days.pop(d, None)
                else:
                    days[d] = o
        return HolidaysDTO(h.joint_leave, y, tuple(days[d] for d in sorted(days)), tuple(overrides))

    return ctx.read(work)


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def set_joint_leave(ctx: ServiceContext, actor: Actor, counts: bool, *, password: str) -> HolidaysDTO:
    """Whether cuti bersama days move a due date (supervisor, password again, audited)."""
    authorize(ctx, actor, Permission.SETTINGS)
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> None:
        _put(session, JOINT_LEAVE_KEY, "1" if counts else "0")
        session.flush()
        status_index.forget_all(session)  # due dates move: every member's status is rechecked
        append_event(
            session,
            ctx,
            actor=actor,
            action="holidays.joint_leave",
            entity="setting",
            entity_id=JOINT_LEAVE_KEY,
            details={"counts": counts},
        )

    ctx.write(work)
    return holidays(ctx)


def set_override(
    ctx: ServiceContext, actor: Actor, day: dt.date, *, name: str | None, working: bool = False, password: str
) -> HolidaysDTO:
    """Declare ``day`` a holiday (``name``: the decree, e.g. "Cuti bersama SKB 3 Menteri 2027") or,
    with ``working``, a working day after all. Supervisor, password again, audited."""
    authorize(ctx, actor, Permission.SETTINGS)
    label = " ".join((name or "").split()) or None
    if not working and (label is None or len(label) < 3):
        raise DomainError(
            Issue(
                "nama", "holiday.name", "Tulis nama hari libur atau dasar keputusannya (minimal 3 karakter)."
            )
        )
    if label is not None and len(label) > MAX_NAME:
        raise DomainError(
            Issue(
                "nama",
                "holiday.name_length",
                msg("Nama hari libur paling banyak {max_name} karakter.", max_name=MAX_NAME),
            )
        )
    if not 2015 <= day.year <= 2100:
        raise DomainError(Issue("tanggal", "holiday.year", "Tanggal harus antara tahun 2015 dan 2100."))
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> None:
        current = holiday_settings(session).overrides
        if day not in current and len(current) >= MAX_OVERRIDES:
            raise DomainError(
                Issue(
                    "tanggal",
                    "holiday.too_many",
                    msg("Paling banyak {max_overrides} hari pengecualian.", max_overrides=MAX_OVERRIDES),
                )
            )
        current[day] = None if working else label
        _store_overrides(
            session, ctx, actor, current, day, "holidays.override", {"name": label, "working": working}
        )

    ctx.write(work)
    return holidays(ctx, year=day.year)


def _store_overrides(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    overrides: dict[dt.date, str | None],
    day: dt.date,
    action: str,
    details: dict[str, object],
) -> None:
    """Write the overrides, make every member's status be worked out again (due dates move) and
    audit the change of ``day``."""
    _put(
        session,
        OVERRIDES_KEY,
        json.dumps({d.isoformat(): n for d, n in sorted(overrides.items())}, ensure_ascii=False),
    )
    session.flush()
    status_index.forget_all(session)
    append_event(
        session, ctx, actor=actor, action=action, entity="setting", entity_id=day.isoformat(), details=details
    )


def remove_override(ctx: ServiceContext, actor: Actor, day: dt.date, *, password: str) -> HolidaysDTO:
    """Drop an override: the day is what the holiday list says again."""
    authorize(ctx, actor, Permission.SETTINGS)
    reauthenticate(ctx, actor, password)

    def work(session: Session) -> None:
        current = holiday_settings(session).overrides
        if day not in current:
            raise DomainError(
                Issue(
                    "tanggal",
                    "holiday.not_found",
                    msg("Tidak ada pengecualian pada {day}.", day=format(day, "%d-%m-%Y")),
                )
            )
        del current[day]
        _store_overrides(session, ctx, actor, current, day, "holidays.override_removed", {})

    ctx.write(work)
    return holidays(ctx, year=day.year)
