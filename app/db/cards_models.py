"""Membership cards: every printed card with its serial and status, reprint requests, and the
public card keys of this branch's counters and of branches it trusts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class Card(Base):
    """One printed card. ``serial`` = membership number + "-" + the card's sequence for that number."""

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("member_id", "seq"),
        CheckConstraint("status IN ('issued', 'revoked', 'spoiled')", name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    serial: Mapped[str] = mapped_column(String(20), unique=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    seq: Mapped[int]
    key_id: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    issued_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    counter: Mapped[str] = mapped_column(String(64))
    approved_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))  # reprints only
    status: Mapped[str] = mapped_column(String(8), default="issued")
    status_reason: Mapped[str | None] = mapped_column(String(20))  # reprint reason code
    status_note: Mapped[str | None] = mapped_column(String(200))
    status_at: Mapped[dt.datetime | None]
    status_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))


class CardReprint(Base):
    """A request to print a new card for a member who has one; a supervisor decides."""

    __tablename__ = "card_reprint"
    __table_args__ = (
        CheckConstraint("reason IN ('hilang', 'rusak', 'perubahan_data')", name="reason"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    requested_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))
    requested_at: Mapped[dt.datetime]
    decided_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    decided_at: Mapped[dt.datetime | None]
    old_card_id: Mapped[int | None] = mapped_column(Id, ForeignKey("card.id"))
    new_card_id: Mapped[int | None] = mapped_column(Id, ForeignKey("card.id"))


class CardKey(Base):
    """A public card key known to every counter on this database: the keys of this branch's
    counters (published when a counter makes or rotates its key) and keys imported from other
    branches. Private keys never enter the database."""

    __tablename__ = "card_key"
    __table_args__ = (CheckConstraint("origin IN ('own', 'imported')", name="origin"),)

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw bytes
    branch_code: Mapped[str] = mapped_column(String(3))
    branch_name: Mapped[str] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(10))
    counter: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    retired_at: Mapped[dt.datetime | None]
    added_at: Mapped[dt.datetime]
