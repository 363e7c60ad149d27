"""Session-level look-ups every contribution use case needs: the branch, a member, their enrolment,
schedule and paid months, the rate book and the working-day calendar."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.contribution_models import ContributionSchedule, Payment, PaymentMonth, RateTableRow
from app.db.homes import home_branch
from app.db.models import Branch, Enrolment, Member, Setting
from app.db.region_models import RegionRateTable
from app.domain.clock import business_date
from app.domain.contributions import occupation_flags
from app.domain.cover import Ledger, PaidMonth
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.months import Month
from app.domain.nik import clean_nik
from app.domain.quote import QuoteInput
from app.domain.rate_parse import parse_rate_json
from app.domain.rates import RateBook, RateTable
from app.domain.schedule import Schedule
from app.domain.workdays import WorkingCalendar
from app.infra.holidays import holiday_lookup
from app.infra.rates import shipped_rate_tables
from app.services.context import ServiceContext

JOINT_LEAVE_KEY = "holidays.joint_leave"  # "1": cuti bersama days count as holidays for due dates
OVERRIDES_KEY = "holidays.overrides"  # JSON: {"2027-03-15": "Cuti bersama (SKB)", "2027-03-20": null}


def branch_of(session: Session) -> Branch:
    b = home_branch(session)
    if b is None:
        raise DomainError(Issue("branch", "branch.missing", "Cabang belum diatur (loket branch setup)."))
    return b


def today_at(session: Session, ctx: ServiceContext) -> dt.date:
    """The business date now at this database's own branch (the Kanwil's, at the Kanwil)."""
    home = home_branch(session)
    return business_date(ctx.clock(), home.timezone if home is not None else "Asia/Jakarta")


def not_found(key: str) -> DomainError:
    return DomainError(
        Issue("nomor", "member.not_found", msg("Peserta '{key}' tidak ditemukan.", key=key.strip()[:20]))
    )


def member_by_key(session: Session, key: str) -> Member:
    """By membership number (check digit verified) or NIK; the active record first."""
    text = key.strip()
    digits = clean_nik(text)
    if len(digits) == 16 and digits.isdigit():
        criterion = Member.nik == digits
    else:
        parsed = parse_number(text)
        if not isinstance(parsed, MembershipNumber):
            raise DomainError(Issue("nomor", parsed.code, parsed.message))
        criterion = Member.number == parsed.value
    m = session.execute(
        select(Member).where(criterion).order_by(Member.record_status != "ACTIVE", Member.id.desc()).limit(1)
    ).scalar_one_or_none()
    if m is None:
        raise not_found(key)
    return m


def enrolment_of(session: Session, member: Member) -> Enrolment:
    e = session.execute(
        select(Enrolment).where(Enrolment.member_id == member.id).order_by(Enrolment.id.desc()).limit(1)
    ).scalar_one_or_none()
    if e is None:
        raise DomainError(Issue("nomor", "member.no_enrolment", "Peserta ini belum punya data kepesertaan."))
    return e


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    schedule: Schedule
    reason: str | None


def schedule_of(session: Session, member_id: int) -> ScheduleRow:
    row = session.execute(
        select(ContributionSchedule.schedule, ContributionSchedule.reason).where(
            ContributionSchedule.member_id == member_id
        )
    ).first()
    if row is None:
        return ScheduleRow(Schedule(), None)
    return ScheduleRow(Schedule.decode(row[0]), row[1])


def ledger_of(session: Session, member_id: int) -> Ledger:
    """Every live paid programme-month of a member, with the receipt and the day it was paid."""
    rows = session.execute(
        select(
            PaymentMonth.programme,
            PaymentMonth.month,
            PaymentMonth.amount,
            Payment.receipt_no,
            Payment.business_date,
            Payment.method,
        )
        .join(Payment, Payment.id == PaymentMonth.payment_id)
        .where(PaymentMonth.member_id == member_id, PaymentMonth.voided.is_(False))
    ).all()
    return Ledger.of(
        PaidMonth(code, Month.from_int(month), day, receipt, amount, method)
        for code, month, amount, receipt, day, method in rows
    )


def credit_used_of(session: Session, member_id: int) -> int:
    """PP 50/2025 art. 6 credit already set against this member's live payments."""
    used = session.execute(
        select(func.coalesce(func.sum(Payment.credit_total), 0)).where(
            Payment.member_id == member_id, Payment.status == "PAID"
        )
    ).scalar_one()
    return int(used)


def payment_ids_by_month(session: Session, member_id: int) -> dict[tuple[str, Month], str]:
    """(programme, month) → the receipt number paying it: for the officer's overlap message."""
    rows = session.execute(
        select(PaymentMonth.programme, PaymentMonth.month, Payment.receipt_no)
        .join(Payment, Payment.id == PaymentMonth.payment_id)
        .where(PaymentMonth.member_id == member_id, PaymentMonth.voided.is_(False))
    ).all()
    return {(code, Month.from_int(m)): receipt for code, m, receipt in rows}


def quote_input_for(ctx: ServiceContext, e: Enrolment) -> QuoteInput:
    """What the arithmetic needs from a member's current enrolment."""
    occ = ctx.reference.occupations.by_code(e.occupation_code)
    return QuoteInput(
        segment=e.segment,
        income=e.income,
        programmes=tuple(p for p in e.programmes.split(",") if p),
        funding=e.funding_source,
        flags=occupation_flags(occ),
        risk_class=e.risk_class,
        jht_amount=e.pmi_jht,
    )


@lru_cache(maxsize=64)
def _parse_stored(body: str) -> RateTable:
    return parse_rate_json(body)


def rate_book_of(session: Session) -> RateBook:
    rows = session.execute(select(RateTableRow.body).order_by(RateTableRow.id)).scalars().all()
    # The Kanwil's tables (region_rate_table, sent down) after this branch's own: the regional
    # office's table stands when both bring a table for the same month.
    regional = session.execute(
        select(RegionRateTable.body).order_by(RegionRateTable.effective_from, RegionRateTable.loaded_at)
    ).scalars()
    return RateBook.of([*shipped_rate_tables(), *(_parse_stored(b) for b in [*rows, *regional])])


def stored_table(body: str) -> RateTable:
    return _parse_stored(body)


@dataclass(frozen=True, slots=True)
class HolidaySettings:
    joint_leave: bool
    overrides: dict[dt.date, str | None]


def holiday_settings(session: Session) -> HolidaySettings:
    query = select(Setting.key, Setting.value).where(Setting.key.in_([JOINT_LEAVE_KEY, OVERRIDES_KEY]))
    rows: dict[str, str] = {key: value for key, value in session.execute(query)}
    joint = rows.get(JOINT_LEAVE_KEY, "1") == "1"
    overrides: dict[dt.date, str | None] = {}
    raw = rows.get(OVERRIDES_KEY)
    if raw:
        for day, name in json.loads(raw).items():
            overrides[dt.date.fromisoformat(day)] = name
    return HolidaySettings(joint, overrides)


def calendar_of(session: Session) -> WorkingCalendar:
    """Weekends, Indonesian public holidays (and cuti bersama when the branch counts them), and the
    supervisor's overrides."""
    h = holiday_settings(session)
    return WorkingCalendar(holiday_lookup(joint_leave=h.joint_leave), h.overrides)
