"""A member row by id, membership number (check digit verified) or NIK: the one look-up every
use case on a member starts from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.models import Member
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.nik import clean_nik
from app.domain.states import RecordStatus


def not_found(key: object) -> DomainError:
    """The refusal shown when no member matches the number or NIK given."""
    return DomainError(Issue("member", "member.not_found", msg("Peserta '{key}' tidak ditemukan.", key=key)))


def resolve_member(session: Session, key: int | str, *, full: bool = False) -> Member:
    """A member by id, membership number (check digit verified) or NIK (the active record first)."""
    stmt = select(Member)
    if full:
        stmt = stmt.options(selectinload(Member.heirs), selectinload(Member.enrolments))
    if isinstance(key, int):
        m = session.execute(stmt.where(Member.id == key)).scalar_one_or_none()
        if m is None:
            raise not_found(key)
        return m
    digits = clean_nik(key)
    if len(digits) == 16 and digits.isdigit():
        criterion = Member.nik == digits
    else:
        parsed = parse_number(key)
        if not isinstance(parsed, MembershipNumber):
            raise DomainError(parsed)
        criterion = Member.number == parsed.value
    m = session.execute(
        stmt.where(criterion).order_by(Member.record_status != RecordStatus.ACTIVE, Member.id.desc()).limit(1)
    ).scalar_one_or_none()
    if m is None:
        raise not_found(key)
    return m
