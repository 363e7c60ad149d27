"""Session-level look-ups every contribution use case needs: the branch, a member, their enrolment,
schedule and paid months, the rate book and the working-day calendar."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.db import hot_reads
from app.db.contribution_models import Payment, PaymentMonth, RateTableRow
from app.db.driver import Driver
from app.db.homes import home_branch, home_branch_row
from app.db.models import Branch, Enrolment, Member
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
from app.domain.states import PaymentStatus, RecordStatus
from app.domain.workdays import WorkingCalendar
from app.infra.holidays import holiday_lookup
from app.infra.rates import shipped_rate_tables
from app.services.context import ServiceContext
from app.services.day_lock import branch_timezone
from app.services.dto import BranchDTO

JOINT_LEAVE_KEY = "holidays.joint_leave"  # "1": cuti bersama days count as holidays for due dates
OVERRIDES_KEY = "holidays.overrides"  # JSON: {"2027-03-15": "Cuti bersama (SKB)", "2027-03-20": null}


def branch_of(session: Session) -> Branch:
    """The home branch of this database; refuses with a message when the branch is not set up yet."""
    b = home_branch(session)
    if b is None:
        raise DomainError(Issue("branch", "branch.missing", "Cabang belum diatur (loket branch setup)."))
    return b


def branch_facts(session: Session) -> BranchDTO:
    """``branch_of`` as plain values, read straight through the driver (the payment's hot path)."""
    row = home_branch_row(driver_of(session))
    if row is None:
        raise DomainError(Issue("branch", "branch.missing", "Cabang belum diatur (loket branch setup)."))
    return BranchDTO(*row)


def today_at(session: Session, ctx: ServiceContext) -> dt.date:
    """The branch's business date now."""
    return business_date(ctx.clock(), branch_timezone(session, ctx))


def driver_of(session: Session) -> Driver:
    """The session's driver, for the hot path's reads: anything the ORM holds unwritten goes to the
    database first (as autoflush would), so a raw statement sees what the session sees."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return Driver.of(session)


def _as_date(value: object) -> dt.date:
    """A date column read through the driver (SQLite gives its text)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    assert isinstance(value, dt.date)
    return value


def not_found(key: str) -> DomainError:
    """The refusal shown when no member matches what the officer typed."""
    return DomainError(
        Issue("nomor", "member.not_found", msg("Peserta '{key}' tidak ditemukan.", key=key.strip()[:20]))
    )


def _member_by(column: Any) -> Select[Member]:
    """Built once: the statement's construction costs more than its run."""
    return (
        select(Member)
        .where(column == bindparam("key"))
        .order_by(Member.record_status != RecordStatus.ACTIVE, Member.id.desc())
        .limit(1)
    )


_BY_NIK = _member_by(Member.nik)
_BY_NUMBER = _member_by(Member.number)
_ENROLMENT = (
    select(Enrolment).where(Enrolment.member_id == bindparam("member")).order_by(Enrolment.id.desc()).limit(1)
)


def member_by_key(session: Session, key: str) -> Member:
    """By membership number (check digit verified) or NIK; the active record first."""
    text = key.strip()
    digits = clean_nik(text)
    if len(digits) == 16 and digits.isdigit():
        stmt, value = _BY_NIK, digits
    else:
        parsed = parse_number(text)
        if not isinstance(parsed, MembershipNumber):
            raise DomainError(Issue("nomor", parsed.code, parsed.message))
        stmt, value = _BY_NUMBER, parsed.value
    m = session.execute(stmt, {"key": value}).scalar_one_or_none()
    if m is None:
        raise not_found(key)
    return m


def enrolment_of(session: Session, member: Member) -> Enrolment:
    """The member's enrolment (programmes, wage, segment); refuses when the member has none."""
    e = session.execute(_ENROLMENT, {"member": member.id}).scalar_one_or_none()
    if e is None:
        raise DomainError(Issue("nomor", "member.no_enrolment", "Peserta ini belum punya data kepesertaan."))
    return e


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """A member's payment schedule with the reason it was last changed."""

    schedule: Schedule
    reason: str | None


def schedule_of(session: Session, member_id: int) -> ScheduleRow:
    """A member's payment schedule (the default one when none was ever set)."""
    row = hot_reads.schedule_row(driver_of(session), member_id)
    if row is None:
        return ScheduleRow(Schedule(), None)
    return ScheduleRow(Schedule.decode(row[0]), row[1])


def ledger_of(session: Session, member_id: int) -> Ledger:
    """Every live paid programme-month of a member, with the receipt and the day it was paid."""
    rows = hot_reads.ledger_rows(driver_of(session), member_id)
    return Ledger.of(
        PaidMonth(code, Month.from_int(month), _as_date(day), receipt, amount, method)
        for code, month, amount, receipt, day, method in rows
    )


def credit_used_of(session: Session, member_id: int) -> int:
    """PP 50/2025 art. 6 credit already set against this member's live payments."""
    return hot_reads.credit_used(driver_of(session), member_id, PaymentStatus.PAID.value)


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
    # The Kanwil's tables (region_rate_table, sent down) after this branch's own: the regional
    # office's table stands when both bring a table for the same month.
    # The rate tables by their content hash: a book is built once per set of tables (rows are never
    # changed in place: a table's hash is its body's), in the order ``RateBook.of`` needs them.
    """The contribution rate tables in force (Kanwil's and this branch's), built once per set of tables."""
    found = hot_reads.rate_table_hashes(driver_of(session))
    hashes = tuple(h for *_, h in sorted(found, key=lambda r: (r[0], r[1], str(r[2]))))
    book = _BOOKS.get(hashes)
    if book is None:
        book = _book(session)
        if len(_BOOKS) >= 8:
            _BOOKS.clear()
        _BOOKS[hashes] = book
    return book


_BOOKS: dict[tuple[str, ...], RateBook] = {}  # by the stored tables' hashes (a few sets per process)


def _book(session: Session) -> RateBook:
    rows = session.execute(select(RateTableRow.body).order_by(RateTableRow.id)).scalars().all()
    regional = session.execute(
        select(RegionRateTable.body).order_by(RegionRateTable.effective_from, RegionRateTable.loaded_at)
    ).scalars()
    return RateBook.of([*shipped_rate_tables(), *(_parse_stored(b) for b in [*rows, *regional])])


def stored_table(body: str) -> RateTable:
    """A rate table parsed back from the text the database keeps."""
    return _parse_stored(body)


@dataclass(frozen=True, slots=True)
class HolidaySettings:
    """The supervisor's holiday choices that move payment due dates: joint leave and per-day overrides."""

    joint_leave: bool
    overrides: dict[dt.date, str | None]


def holiday_settings(session: Session) -> HolidaySettings:
    """The holiday choices in the settings, for working out due dates and late fees."""
    joint, raw = _holiday_values(session)
    return _parse_holidays(joint, raw)


def _holiday_values(session: Session) -> tuple[bool, str | None]:
    rows = hot_reads.setting_values(driver_of(session), (JOINT_LEAVE_KEY, OVERRIDES_KEY))
    return rows.get(JOINT_LEAVE_KEY, "1") == "1", rows.get(OVERRIDES_KEY)


def _parse_holidays(joint: bool, raw: str | None) -> HolidaySettings:
    overrides: dict[dt.date, str | None] = {}
    if raw:
        for day, name in json.loads(raw).items():
            overrides[dt.date.fromisoformat(day)] = name
    return HolidaySettings(joint, overrides)


def calendar_of(session: Session) -> WorkingCalendar:
    """Weekends, Indonesian public holidays (and cuti bersama when the branch counts them), and the
    supervisor's overrides."""
    return _calendar(*_holiday_values(session))


@lru_cache(maxsize=16)
def _calendar(joint: bool, raw: str | None) -> WorkingCalendar:
    """One calendar per settings' values, kept: it remembers the due dates it worked out."""
    h = _parse_holidays(joint, raw)
    return WorkingCalendar(holiday_lookup(joint_leave=h.joint_leave), h.overrides)
