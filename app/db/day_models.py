"""End of day: closed days with their archived summary PDF, coverage targets, and the packages
merged from outreach laptops (what they brought, their audit events and their conflicts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class DayLock(Base):
    """One closing of one business day. At most one row per date is ``CLOSED``; reopening keeps
    the row (status ``REOPENED``, who, when, why) and a later close adds a new one."""

    __tablename__ = "day_lock"
    __table_args__ = (
        Index(
            "uq_day_lock_closed",
            "business_date",
            unique=True,
            sqlite_where=text("status = 'CLOSED'"),
            postgresql_where=text("status = 'CLOSED'"),
        ),
        CheckConstraint("status IN ('CLOSED', 'REOPENED')", name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="CLOSED")
    closed_at: Mapped[dt.datetime]
    closed_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    summary: Mapped[str] = mapped_column(Text)  # the summary's JSON, as archived
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)  # the day's last event before closing
    audit_hash: Mapped[str | None] = mapped_column(String(64))
    reopened_at: Mapped[dt.datetime | None]
    reopened_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    reopen_reason: Mapped[str | None] = mapped_column(String(500))


class DayCashCount(Base):
    """The cash one officer handed in when the supervisor closed the day, against what the day's
    cash payments of that officer add up to; a difference carries the supervisor's reason."""

    __tablename__ = "day_cash_count"
    __table_args__ = (
        UniqueConstraint("day_lock_id", "officer_id", name="uq_day_cash_count_officer"),
        CheckConstraint("expected >= 0 AND counted >= 0", name="amounts"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    day_lock_id: Mapped[int] = mapped_column(ForeignKey("day_lock.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    expected: Mapped[int] = mapped_column(BigInteger)
    counted: Mapped[int] = mapped_column(BigInteger)
    difference: Mapped[int] = mapped_column(BigInteger)  # counted − expected
    reason: Mapped[str | None] = mapped_column(String(200))


class CoverageTarget(Base):
    """A supervisor's coverage target for one regency of the branch's area (percentages in
    basis points: 5000 = 50%). Coverage now = baseline + members enrolled after the baseline date."""

    __tablename__ = "coverage_target"
    __table_args__ = (
        CheckConstraint("workers > 0", name="workers"),
        CheckConstraint("target_bp BETWEEN 1 AND 10000 AND baseline_bp BETWEEN 0 AND 10000", name="pct"),
    )

    regency_code: Mapped[str] = mapped_column(String(5), primary_key=True)  # "16.10"
    regency_name: Mapped[str] = mapped_column(String(100))
    workers: Mapped[int] = mapped_column(BigInteger)
    target_bp: Mapped[int] = mapped_column(Integer)
    baseline_bp: Mapped[int] = mapped_column(Integer)
    baseline_date: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))


class ImportedPackage(Base):
    """A package from an outreach laptop merged here; its id makes a second import a no-op."""

    __tablename__ = "imported_package"

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    source_code: Mapped[str] = mapped_column(String(3))
    source_name: Mapped[str] = mapped_column(String(100))
    key_id: Mapped[str] = mapped_column(String(16))
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime]
    imported_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    imported_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    members: Mapped[int]
    payments: Mapped[int]
    payments_amount: Mapped[int] = mapped_column(BigInteger)
    cards: Mapped[int]
    events: Mapped[int]
    conflicts: Mapped[int]
    # The branch's audit head in the last answer the laptop had imported (None: never synced, or
    # a package from before the sync both ways): what the branch's next answer starts from.
    seen_seq: Mapped[int | None] = mapped_column(BigInteger)


class PackageRecord(Base):
    """A row this database received from a package (member, enrolment, payment, card), so the
    day summaries count it on the day it was imported, not on the laptop's day."""

    __tablename__ = "package_record"
    __table_args__ = (
        Index("ix_package_record_entity_local", "entity", "local_id"),
        CheckConstraint("entity IN ('member', 'enrolment', 'payment', 'card')", name="entity"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("imported_package.package_id"), index=True)
    entity: Mapped[str] = mapped_column(String(10))
    local_id: Mapped[int] = mapped_column(Id)


class PackageConflict(Base):
    """A member of a package not merged: the same NIK is an active member here under another
    number (or the number is taken by another NIK), or the member was changed both on the laptop
    and here since the laptop's last sync (``changed_both``: merged field by field), or a new member
    merged who resembles one here by the counter's rule (``likely_duplicate``). A supervisor
    decides; the record is kept."""

    __tablename__ = "package_conflict"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('nik_both', 'number_taken', 'changed_both', 'likely_duplicate')", name="kind"
        ),
        CheckConstraint("status IN ('OPEN', 'RESOLVED')", name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("imported_package.package_id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    number: Mapped[str] = mapped_column(String(11))  # in the package
    local_number: Mapped[str] = mapped_column(String(11))  # here
    record: Mapped[str] = mapped_column(Text)  # the package's member with its rows, as JSON
    status: Mapped[str] = mapped_column(String(8), default="OPEN")
    created_at: Mapped[dt.datetime]
    resolved_at: Mapped[dt.datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    note: Mapped[str | None] = mapped_column(String(500))


class ImportedAuditEvent(Base):
    """An audit event of an outreach laptop's chain, kept as it was signed there. It stays out of
    this database's own chain (which it would break); the local ``package.import`` event names
    the package and its manifest hash, and the package signature covers these rows."""

    __tablename__ = "imported_audit_event"
    __table_args__ = (UniqueConstraint("source_code", "source_seq", "hash"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("imported_package.package_id"), index=True)
    source_code: Mapped[str] = mapped_column(String(3))
    source_seq: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    member_number: Mapped[str | None] = mapped_column(String(11))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
