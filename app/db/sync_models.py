"""Outreach sync both ways: the laptop changes a branch received, and on the laptop, the branch's
answers it imported and what of its own work those answers confirmed (its outbox is the rest)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class PackageChange(Base):
    """At the branch: a correction or deactivation an outreach laptop made, as received. Applied here,
    already so here, or held in a conflict for a supervisor; (source, kind, ref) makes a second
    import of it a no-op."""

    __tablename__ = "package_change"
    __table_args__ = (
        UniqueConstraint("source_code", "kind", "source_ref"),
        CheckConstraint("kind IN ('correction', 'deactivation')", name="kind"),
        CheckConstraint("outcome IN ('APPLIED', 'ALREADY', 'CONFLICT')", name="outcome"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("imported_package.package_id"), index=True)
    source_code: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(12))
    source_ref: Mapped[int] = mapped_column(BigInteger)  # the laptop's own correction/deactivation id
    member_number: Mapped[str] = mapped_column(String(11), index=True)
    outcome: Mapped[str] = mapped_column(String(8))
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("member_correction.id"))
    deactivation_id: Mapped[int | None] = mapped_column(ForeignKey("member_deactivation.id"))
    conflict_id: Mapped[int | None] = mapped_column(ForeignKey("package_conflict.id"), index=True)
    record: Mapped[str] = mapped_column(Text)  # the change as the laptop sent it, JSON


class SyncReply(Base):
    """On an outreach laptop: an answer of its branch, imported. The newest is the last sync."""

    __tablename__ = "sync_reply"

    reply_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    source_code: Mapped[str] = mapped_column(String(3))
    key_id: Mapped[str] = mapped_column(String(16))
    branch_seq: Mapped[int] = mapped_column(BigInteger)  # the branch's audit head when it answered
    audit_seq: Mapped[int] = mapped_column(BigInteger)  # this laptop's events the branch holds, up to
    created_at: Mapped[dt.datetime]
    imported_at: Mapped[dt.datetime]
    imported_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    acknowledged: Mapped[int]  # records newly confirmed by this answer
    members_updated: Mapped[int]
    held: Mapped[str] = mapped_column(Text)  # the branch's open conflicts on this laptop's members, JSON


class OutboxAck(Base):
    """On an outreach laptop: a record of its own the branch confirmed it holds (``reply_id``), or a
    change that came from the branch itself (no reply: it never needs to go back)."""

    __tablename__ = "outbox_ack"
    __table_args__ = (
        CheckConstraint(
            "entity IN ('member', 'payment', 'card', 'correction', 'deactivation')", name="entity"
        ),
    )

    entity: Mapped[str] = mapped_column(String(12), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    reply_id: Mapped[str | None] = mapped_column(ForeignKey("sync_reply.reply_id"))
