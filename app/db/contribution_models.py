"""Contributions: loaded rate tables, payments, the months each payment covers, sponsor batches.

A payment is never deleted. Voiding marks it and its covered months; the partial unique index on
``payment_month (member_id, month) WHERE NOT voided`` makes the database itself refuse a second
live payment for the same member and month, whichever counter or process tries.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base

PAYMENT_METHODS = ("cash", "transfer", "apbd", "employer")


class RateTableRow(Base):
    """A rate table a supervisor loaded; in force from ``effective_from`` (``YYYYMM``)."""

    __tablename__ = "rate_table"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[int] = mapped_column(Integer, index=True)
    body: Mapped[str] = mapped_column(Text)  # canonical JSON, as checked
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[dt.datetime]
    loaded_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))


class ReceiptSequence(Base):
    """Gapless receipt serials per kind, branch and year (``TBI-101-2026``), taken in the paying transaction."""

    __tablename__ = "receipt_sequence"

    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    next_serial: Mapped[int] = mapped_column(BigInteger)


class ContributionSchedule(Base):
    """A member's payment schedule when it is not monthly (``HARVEST:3,4,9,10``)."""

    __tablename__ = "contribution_schedule"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)
    schedule: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))


class SponsorBatch(Base):
    """One sponsor (e.g. a regency government) paying the same months for a list of members."""

    __tablename__ = "sponsor_batch"
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'apbd', 'employer')", name="method"),
        CheckConstraint("total >= 0", name="total"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
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
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    counter: Mapped[str] = mapped_column(String(64))


class Payment(Base):
    """One contribution payment by or for one member; the quote it was priced with is kept in ``detail``."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'apbd', 'employer')", name="method"),
        CheckConstraint("status IN ('PAID', 'VOID')", name="status"),
        CheckConstraint("total >= 0 AND gross_total >= 0 AND discount_total >= 0", name="amounts"),
        CheckConstraint("months_count >= 1", name="months_count"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id"))
    sponsor_batch_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_batch.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(60))
    schedule: Mapped[str] = mapped_column(String(40))
    first_month: Mapped[int]
    last_month: Mapped[int]
    months_count: Mapped[int]
    gross_total: Mapped[int] = mapped_column(BigInteger)
    discount_total: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON of the quote (lines, notes, table versions)
    received_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    counter: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(6), default="PAID")
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    void_reason: Mapped[str | None] = mapped_column(String(200))


class PaymentMonth(Base):
    """A month one payment covers for one member."""

    __tablename__ = "payment_month"
    __table_args__ = (
        Index(
            "uq_payment_month_live",
            "member_id",
            "month",
            unique=True,
            sqlite_where=text("NOT voided"),
            postgresql_where=text("NOT voided"),
        ),
        CheckConstraint("amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    month: Mapped[int]  # YYYYMM
    amount: Mapped[int] = mapped_column(BigInteger)
    voided: Mapped[bool] = mapped_column(default=False)
