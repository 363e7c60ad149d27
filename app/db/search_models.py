"""Tables for finding members and keeping their records honest: the name-key index,
identity corrections, deactivations and the seal over the audit chain's head."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.ids import Id
from app.db.models import Base


class MemberNameKey(Base):
    """One row per (name key, member): the postings of the name index.

    Birth year and regency codes ride along so filtered searches never touch ``member``.
    Rows are derived data: ``loket search reindex`` rebuilds them from ``member``.
    """

    __tablename__ = "member_name_key"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), primary_key=True)
    birth_year: Mapped[int] = mapped_column(SmallInteger)
    nik_regency: Mapped[str] = mapped_column(String(4))  # "1610", where the NIK was issued
    home_regency: Mapped[str | None] = mapped_column(String(4))  # from kode_wilayah


class NameKeyStat(Base):
    """The vocabulary of word keys (not pair keys) with their posting counts, for typo and
    prefix expansion."""

    __tablename__ = "name_key_stat"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    postings: Mapped[int] = mapped_column(Integer)


class MemberCorrection(Base):
    """An officer's proposal to change identity fields; a supervisor approves or rejects it."""

    __tablename__ = "member_correction"
    __table_args__ = (CheckConstraint("status IN ('PENDING', 'APPROVED', 'REJECTED')", name="status"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True, default="PENDING")
    reason: Mapped[str] = mapped_column(String(500))
    confirm_mismatch: Mapped[bool] = mapped_column(default=False)
    proposed_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    proposed_at: Mapped[dt.datetime]
    decided_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    decided_at: Mapped[dt.datetime | None]
    decision_note: Mapped[str | None] = mapped_column(String(500))

    changes: Mapped[list[MemberCorrectionChange]] = relationship(
        order_by="MemberCorrectionChange.id", cascade="all, delete-orphan"
    )


class MemberCorrectionChange(Base):
    """One field of a correction: the value when proposed and the value asked for."""

    __tablename__ = "member_correction_change"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    correction_id: Mapped[int] = mapped_column(Id, ForeignKey("member_correction.id"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(String(250))
    new_value: Mapped[str | None] = mapped_column(String(250))


class MemberDeactivation(Base):
    """Why and by whom a member record was closed (died, moved abroad, merged into another)."""

    __tablename__ = "member_deactivation"
    __table_args__ = (CheckConstraint("reason IN ('MENINGGAL', 'LUAR_NEGERI', 'DUPLIKAT')", name="reason"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    reason: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(Id, ForeignKey("member.id"))
    previous_status: Mapped[str] = mapped_column(String(12))
    by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    at: Mapped[dt.datetime]


class AuditSeal(Base):
    """An HMAC over the audit head (last seq and hash), so rewinding the head after cutting
    off the newest events is detected. One row, updated with every appended event."""

    __tablename__ = "audit_seal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mac: Mapped[str] = mapped_column(String(64))
