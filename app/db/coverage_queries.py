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

Membership status (active, arrears, lapsed) is not part of these counts: it is the status index's
answer, which exists only where the payments were taken (``member_cover`` is not replicated).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

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


def held_by_regency(session: Session, since: Mapping[str, dt.datetime]) -> list[tuple[str, str, int, int]]:
    """(regency, branch code, members held, of them counted since the regency's baseline), in one
    pass over the active members. ``since``: regency → ``counted_from`` of its target."""
    regency = regency_of()
    counted: Any
    if since:
        after = sa.case(
            *((regency == code, sa.literal(at, Member.created_at.type)) for code, at in since.items()),
            else_=sa.null(),
        )
        counted = sa.func.count().filter(Member.created_at >= after)
    else:
        counted = sa.literal(0)
    code = Member.branch_id // BLOCK
    rows = session.execute(
        sa.select(regency, code, sa.func.count(), counted)
        .where(Member.record_status == "ACTIVE")
        .group_by(regency, code)
    )
    return [(str(r[0]), f"{int(r[1]):03d}", int(r[2]), int(r[3])) for r in rows]


def counted_since(regency_code: str, at: dt.datetime) -> tuple[Any, ...]:
    """SQL conditions on ``member``: held, living in ``regency_code``, registered since ``at`` (the
    row-by-row form of ``held_by_regency``'s count, to join with what only a branch knows)."""
    return (Member.record_status == "ACTIVE", regency_of() == regency_code, Member.created_at >= at)


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
