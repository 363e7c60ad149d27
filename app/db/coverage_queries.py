"""What a branch counts, in one definition that the branch dashboard and the Kanwil dashboard both
read, so the two agree for every branch:

- a member **held** by a branch is a member record that is ``ACTIVE`` there (not deactivated, not
  merged into another, not moved away: a moved member is held by the branch that accepted it), and
  the branch is the block of the record's ``branch_id``;
- a member **counts toward a regency's coverage since its baseline** when held, living in that
  regency (the village code, else the NIK's district), and first registered after the baseline
  date: ``created_at`` on or after the first midnight after the baseline date (a move keeps the
  member's ``created_at``, a re-enrolment does not reset it);
- an **enrolment of a period** belongs to the branch that made it: the block of the enrolment's id
  (a moved member's history stays the origin's; a laptop's enrolments become the importing
  branch's when its package is merged), dated by its business date.

- a held member is **protected** (terlindungi) today when the status index (``member_cover``) answers
  for today that BPJS pays his benefits without conditions (``cover_on``: the month paid in a
  running membership, or a PU employer's arrears within the limit). Enrolled and not yet paid,
  BPU in arrears (benefits only after settling), membership ended: registered (terdaftar), not
  protected; a member the index has no answer for today is not counted protected (the caller
  says how many are still pending).

Every count comes in pairs: registered (terdaftar, the active records) and protected
(terlindungi). The index is derived data, recomputed where it is read, never replicated: each
branch fills it from its own payments, the Kanwil from the replicated payments, with the same
code (``app.services.contributions.status_index``) and the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.contribution_models import MemberCover
from app.db.ids import BLOCK
from app.db.models import Enrolment, Member


def regency_of() -> Any:
    """The member's home regency ("16.10"): the village code when known, else the NIK's district."""
    return sa.func.coalesce(
        sa.func.substr(Member.kode_wilayah, 1, 5), sa.func.substr(Member.nik_district, 1, 5)
    )


def counted_from(baseline_date: dt.date, timezone: str) -> dt.datetime:
    """The first instant (UTC) after a target's baseline date, in the branch's local time."""
    local = dt.datetime.combine(baseline_date + dt.timedelta(days=1), dt.time(), ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def answered_on(today: dt.date) -> sa.ColumnElement[bool]:
    """SQL: the member's ``member_cover`` row answers for ``today``."""
    return sa.and_(MemberCover.recheck_on > today, MemberCover.as_of <= today)


def protected_on(today: dt.date) -> sa.ColumnElement[bool]:
    """SQL: the (outer-joined) ``member_cover`` row says the member is protected on ``today``."""
    return sa.and_(MemberCover.covered.is_(True), answered_on(today))


def stale_members(today: dt.date) -> sa.Select[Any]:
    """SQL: the ids of the active members with an enrolment whom the status index has no answer for
    on ``today`` (missing, or due for a recheck): what a refresh works out, what is pending."""
    return (
        sa.select(Member.id)
        .outerjoin(MemberCover, MemberCover.member_id == Member.id)
        .where(
            Member.record_status == "ACTIVE",
            sa.select(Enrolment.id).where(Enrolment.member_id == Member.id).exists(),
            sa.or_(MemberCover.member_id.is_(None), ~answered_on(today)),
        )
    )


def pending_on(session: Session, today: dt.date) -> int:
    """How many active members the status index has no answer for on ``today``."""
    q = sa.select(sa.func.count()).select_from(stale_members(today).subquery())
    return int(session.execute(q).scalar_one())


class Held(NamedTuple):
    """Active members of one home regency held by one branch, as ``held_by_regency`` counts them."""

    regency: str
    branch: str  # code
    members: int  # registered (terdaftar)
    protected: int  # of them, protected today (terlindungi)
    since: int  # of them, registered after the regency's baseline date
    since_protected: int  # of those, protected today
    answered: int  # of them, those the status index has an answer for today


def held_by_regency(session: Session, since: Mapping[str, dt.datetime], today: dt.date) -> list[Held]:
    """The active members by home regency and holding branch, with how many are protected today
    and how many were registered since the regency's baseline, in one pass over the members and
    their status index rows. ``since``: regency → ``counted_from`` of its target.

    Each member's regency, branch and answers are worked out once (a subquery); the regencies'
    baselines are a small list joined by regency code (a hash look-up per member, where a CASE
    over every target compared the member's regency with each code in turn)."""
    member = (
        sa.select(
            regency_of().label("regency"),
            (Member.branch_id // BLOCK).label("code"),
            Member.created_at,
            protected_on(today).label("protected"),
            answered_on(today).label("answered"),
        )
        .select_from(Member)
        .outerjoin(MemberCover, MemberCover.member_id == Member.id)
        .where(Member.record_status == "ACTIVE")
        .subquery("held")
    )
    counted: Any = sa.literal(0)
    counted_protected: Any = sa.literal(0)
    source: Any = member
    if since:
        rows_of = [
            sa.select(sa.literal(code).label("regency"), sa.literal(at, Member.created_at.type).label("at"))
            for code, at in since.items()
        ]  # a UNION ALL of one-row selects: SQLite has no column names for a VALUES list
        baselines = (sa.union_all(*rows_of) if len(rows_of) > 1 else rows_of[0]).subquery("baseline")
        after = member.c.created_at >= baselines.c.at
        counted = sa.func.count().filter(after)
        counted_protected = sa.func.count().filter(sa.and_(after, member.c.protected))
        source = member.outerjoin(baselines, baselines.c.regency == member.c.regency)
    rows = session.execute(
        sa.select(
            member.c.regency,
            member.c.code,
            sa.func.count(),
            sa.func.count().filter(member.c.protected),
            counted,
            counted_protected,
            sa.func.count().filter(member.c.answered),
        )
        .select_from(source)
        .group_by(member.c.regency, member.c.code)
    )
    return [Held(str(r[0]), f"{int(r[1]):03d}", *(int(n) for n in r[2:])) for r in rows]


def enrolments_made(session: Session, start: dt.date, end: dt.date) -> list[tuple[str, str, str, str, int]]:
    """(branch code that made it, channel, segment, occupation, count) of the enrolments whose
    business date is in ``start`` … ``end``."""
    code = Enrolment.id // BLOCK
    rows = session.execute(
        sa.select(code, Enrolment.channel, Enrolment.segment, Enrolment.occupation_code, sa.func.count())
        .where(Enrolment.business_date >= start, Enrolment.business_date <= end)
        .group_by(code, Enrolment.channel, Enrolment.segment, Enrolment.occupation_code)
    )
    return [(f"{int(r[0]):03d}", str(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


def made_by(column: Any, code: str) -> Any:
    """SQL: the row's id is in branch ``code``'s block (this database wrote it), or below every block
    (written before the database had a branch code)."""
    low = int(code) * BLOCK
    return sa.or_(column < BLOCK, sa.and_(column > low, column < low + BLOCK))


def active_nik_duplicates(session: Session) -> int:
    """How many NIKs are held active by more than one member record (at the Kanwil: at two branches)."""
    twice = (
        sa.select(Member.nik)
        .where(Member.record_status == "ACTIVE")
        .group_by(Member.nik)
        .having(sa.func.count() > 1)
        .subquery()
    )
    return int(session.execute(sa.select(sa.func.count()).select_from(twice)).scalar_one())
