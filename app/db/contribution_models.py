"""Contributions: loaded rate tables, payments, the programme-months each payment pays, sponsor batches.

A payment is never deleted. Voiding marks it and its paid months; the partial unique index on
``payment_month (member_id, programme, month) WHERE NOT voided`` makes the database itself refuse a
second live payment for the same member, programme and month, whichever counter or process tries.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class RateTableRow(Base):
    """A rate table a supervisor loaded; in force from ``effective_from`` (``YYYYMM``)."""

    __tablename__ = "rate_table"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[int] = mapped_column(Integer, index=True)
    body: Mapped[str] = mapped_column(Text)  # canonical JSON, as checked
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[dt.datetime]
    loaded_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))


class ReceiptSequence(Base):
    """Gapless receipt serials per kind, branch and year (``TBI-101-2026``), taken in the paying transaction."""

    __tablename__ = "receipt_sequence"

    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    next_serial: Mapped[int] = mapped_column(BigInteger)


class ContributionSchedule(Base):
    """A member's payment schedule when it is not monthly (``HARVEST:3,4,9,10``), with the reason
    when the occupation is not a seasonal one."""

    __tablename__ = "contribution_schedule"

    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), primary_key=True)
    schedule: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))


class SponsorBatch(Base):
    """One sponsor (e.g. a regency government) paying the same months for a list of members."""

    __tablename__ = "sponsor_batch"
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'apbd', 'employer')", name="method"),
        CheckConstraint("total >= 0", name="total"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    sponsor: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(60))
    months_count: Mapped[int]
    first_month: Mapped[int]
    last_month: Mapped[int]
    member_count: Mapped[int]
    total: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    counter: Mapped[str] = mapped_column(String(64))


class Payment(Base):
    """One contribution payment by or for one member; the quote it was priced with is kept in ``detail``."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'apbd', 'employer')", name="method"),
        CheckConstraint("status IN ('PAID', 'VOID')", name="status"),
        CheckConstraint(
            "total >= 0 AND gross_total >= 0 AND discount_total >= 0 AND fine_total >= 0 AND credit_total >= 0",
            name="amounts",
        ),
        CheckConstraint("months_count >= 1", name="months_count"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    enrolment_id: Mapped[int | None] = mapped_column(Id, ForeignKey("enrolment.id"))
    sponsor_batch_id: Mapped[int | None] = mapped_column(Id, ForeignKey("sponsor_batch.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(60))
    schedule: Mapped[str] = mapped_column(String(40))
    first_month: Mapped[int]
    last_month: Mapped[int]
    months_count: Mapped[int]
    gross_total: Mapped[int] = mapped_column(BigInteger)
    discount_total: Mapped[int] = mapped_column(BigInteger)
    fine_total: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    credit_total: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    total: Mapped[int] = mapped_column(BigInteger)  # gross − discount + fine − credit
    # Cash handed over by the payer (the change is cash_received − total); None for other methods,
    # and for cash taken before Loket asked (or by a command that did not say).
    cash_received: Mapped[int | None] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON of the quote (lines, fines, notes, tables)
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)  # a retried request's key
    received_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"), index=True)
    counter: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(6), default="PAID")
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    void_reason: Mapped[str | None] = mapped_column(String(200))


class PaymentMonth(Base):
    """One programme's contribution month paid by one payment for one member."""

    __tablename__ = "payment_month"
    __table_args__ = (
        Index(
            "uq_payment_month_live",
            "member_id",
            "programme",
            "month",
            unique=True,
            sqlite_where=text("NOT voided"),
            postgresql_where=text("NOT voided"),
        ),
        CheckConstraint("amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    payment_id: Mapped[int] = mapped_column(Id, ForeignKey("payment.id"), index=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    programme: Mapped[str] = mapped_column(String(3))
    month: Mapped[int]  # YYYYMM
    amount: Mapped[int] = mapped_column(BigInteger)  # what this programme-month cost (after discount)
    voided: Mapped[bool] = mapped_column(default=False)


class CoverStatusBefore(Base):
    """Each member's status as the old model computed it when the cover model changed (migration
    0010), kept so ``loket db cover-report`` can list whose status changed and why."""

    __tablename__ = "cover_status_before"

    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))  # AKTIF | MENUNGGAK | NONAKTIF (old model)
    arrears: Mapped[int]
    taken_on: Mapped[dt.date] = mapped_column(Date)


class ConstructionProject(Base):
    """A construction project registered with its contract value (PP 44/2015 art. 54–55): JKK and JKM
    are charged on the value by marginal brackets and cover every worker listed under it for the
    project's months."""

    __tablename__ = "construction_project"
    __table_args__ = (
        CheckConstraint("contract_value > 0", name="contract_value"),
        CheckConstraint("last_month >= first_month", name="months"),
        CheckConstraint("status IN ('REGISTERED', 'PAID')", name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # PRJ-101-2026-000001
    name: Mapped[str] = mapped_column(String(150))
    owner: Mapped[str] = mapped_column(String(150))  # pengguna jasa
    contractor: Mapped[str] = mapped_column(String(150))  # penyedia jasa
    npp: Mapped[str | None] = mapped_column(String(30))
    contract_value: Mapped[int] = mapped_column(BigInteger)  # before VAT
    spk_date: Mapped[dt.date] = mapped_column(Date)
    first_month: Mapped[int]
    last_month: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="REGISTERED")
    registered_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date)
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    receipt_no: Mapped[str | None] = mapped_column(String(24), unique=True)
    method: Mapped[str | None] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(60))
    jkk: Mapped[int] = mapped_column(BigInteger, default=0)
    jkm: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_at: Mapped[dt.datetime | None]


class MemberCover(Base):
    """The status index: each active member's cover status as ``cover_state`` answered it on
    ``as_of``, kept until ``recheck_on`` (the next day it can change with no new payment). A write
    that changes what a member paid or owes deletes the member's row; the index refills it."""

    __tablename__ = "member_cover"

    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    covered: Mapped[bool]
    paid_through: Mapped[int | None] = mapped_column(Integer)  # YYYYMM
    arrears_months: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[dt.date] = mapped_column(Date)
    recheck_on: Mapped[dt.date] = mapped_column(Date, index=True)

    __table_args__ = (Index("ix_member_cover_status", "status"),)
