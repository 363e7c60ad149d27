"""Tables of the region: members moving between branches, and the reference data the Kanwil sends
down to every branch (its branches, card keys, revoked cards, rate tables, regency targets).

The ``region_*`` tables are written only at the Kanwil (by ``loket region`` and by the Kanwil's
triggers over what its branches send up) and reach the branches through their subscription; a
branch never writes them, so no row can travel back up and loop.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class MemberTransfer(Base):
    """One step of a member's move between branches (mutasi), written by the branch that takes it:
    the origin's REQUEST (with the member's identity, heirs and schedule as they left), the
    destination's ACCEPT or REJECT, and the origin's CANCEL after a rejection.

    ``member_id`` and ``request_id`` are ids at the origin; the rows they name may live in another
    branch's database, so they are not foreign keys. Each branch publishes only its own steps.
    """

    __tablename__ = "member_transfer"
    __table_args__ = (CheckConstraint("kind IN ('REQUEST', 'ACCEPT', 'REJECT', 'CANCEL')", name="kind"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    request_id: Mapped[int | None] = mapped_column(Id, index=True)  # the REQUEST a decision answers
    member_id: Mapped[int] = mapped_column(Id)
    number: Mapped[str] = mapped_column(String(11), index=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    from_code: Mapped[str] = mapped_column(String(3))
    to_code: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(500))
    snapshot: Mapped[str | None] = mapped_column(Text)  # REQUEST: canonical JSON of what leaves
    at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date)
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))


class RegionBranch(Base):
    """A branch of the region, as the Kanwil registered it (``loket region add-branch``)."""

    __tablename__ = "region_branch"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(40))
    regencies: Mapped[str] = mapped_column(String(300), default="")  # "16.10,16.71": its area
    added_at: Mapped[dt.datetime]


class RegionCardKey(Base):
    """A public card key of some branch of the region: every branch verifies every other's cards."""

    __tablename__ = "region_card_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    branch_code: Mapped[str] = mapped_column(String(3))
    branch_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime]
    retired_at: Mapped[dt.datetime | None]


class RegionCardRevocation(Base):
    """A card no longer valid anywhere in the region: revoked, spoiled, or replaced by a newer card."""

    __tablename__ = "region_card_revocation"
    __table_args__ = (CheckConstraint("status IN ('revoked', 'spoiled')", name="status"),)

    serial: Mapped[str] = mapped_column(String(20), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(String(20))  # reprint reason, or "diganti"
    at: Mapped[dt.datetime]


class RegionRateTable(Base):
    """A rate table the Kanwil loaded; every branch uses it like one loaded there."""

    __tablename__ = "region_rate_table"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime]


class RegionTarget(Base):
    """The Kanwil's coverage target for one regency of the province (basis points, as
    ``coverage_target``); it stands above a branch's own target for the same regency."""

    __tablename__ = "region_target"
    __table_args__ = (
        CheckConstraint("workers > 0", name="workers"),
        CheckConstraint("target_bp BETWEEN 1 AND 10000 AND baseline_bp BETWEEN 0 AND 10000", name="pct"),
    )

    regency_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    regency_name: Mapped[str] = mapped_column(String(100))
    workers: Mapped[int] = mapped_column(BigInteger)
    target_bp: Mapped[int] = mapped_column(Integer)
    baseline_bp: Mapped[int] = mapped_column(Integer)
    baseline_date: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime]


class RegionalAuditHead(Base):
    """How far the Kanwil has seen each branch's audit chain: the newest event it received
    (``last_seq`` is the position within the branch's block, as the chain signs it) and when.

    Written only at the Kanwil, by a trigger on the replicated ``audit_event``
    (``app.db.regional_heads``) that only ever raises it; it flows down to every branch, so a
    branch knows what the Kanwil saw of its own trail (the ``region`` anchor of ``audit verify``).
    """

    __tablename__ = "regional_audit_head"
    __table_args__ = (CheckConstraint("last_seq > 0", name="last_seq"),)

    branch_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[dt.datetime]


class KanwilMemberTally(Base):
    """At the Kanwil: one narrow row per active member of the region, what the dashboard counts
    (``app.db.kanwil_tally``, kept by triggers; derived, never replicated; empty at a branch)."""

    __tablename__ = "kanwil_member_tally"

    member_id: Mapped[int] = mapped_column(Id, primary_key=True)
    regency: Mapped[str | None] = mapped_column(String(5))
    branch: Mapped[int] = mapped_column(Integer)  # the code of the branch holding him
    created_at: Mapped[dt.datetime]
    counted: Mapped[bool]  # registered since his regency's baseline (``kanwil_tally_baseline``)
    covered: Mapped[bool | None]  # the status index's answer, NULL while it has none
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    recheck_on: Mapped[dt.date | None] = mapped_column(Date)


class KanwilTallyBaseline(Base):
    """At the Kanwil: the first instant each target regency's tally rows count from."""

    __tablename__ = "kanwil_tally_baseline"

    regency: Mapped[str] = mapped_column(String(5), primary_key=True)
    counted_from: Mapped[dt.datetime]


class KanwilNikTwice(Base):
    """At the Kanwil: NIKs active at two member records at once (kept by the tally's trigger)."""

    __tablename__ = "kanwil_nik_twice"

    nik: Mapped[str] = mapped_column(String(16), primary_key=True)


class RegionRestore(Base):
    """A branch restored from an older backup, accepted by a Kanwil supervisor
    (``loket region accept-restore``): what the Kanwil had recorded of the branch's audit chain, the
    branch's head the record was re-based to, who accepted and why, and what was lost (counts per
    table; membership numbers). Written at the Kanwil, sent down to every branch."""

    __tablename__ = "region_restore"

    ref: Mapped[str] = mapped_column(String(40), primary_key=True)  # "101-20261207T220100"
    branch_code: Mapped[str] = mapped_column(String(3), index=True)
    accepted_at: Mapped[dt.datetime]
    accepted_by: Mapped[str] = mapped_column(String(40))  # the Kanwil supervisor's username
    accepted_by_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    recorded_seq: Mapped[int] = mapped_column(BigInteger)  # the Kanwil's record before
    recorded_hash: Mapped[str] = mapped_column(String(64))
    rebased_seq: Mapped[int] = mapped_column(BigInteger)  # the branch's head it was re-based to
    rebased_hash: Mapped[str] = mapped_column(String(64))
    restored_at: Mapped[dt.datetime | None]  # the branch's ``db.restore`` event, when it has one
    restored_file: Mapped[str | None] = mapped_column(String(200))
    lost: Mapped[str] = mapped_column(Text)  # JSON: table → {"missing": n, "changed": n}
    lost_numbers: Mapped[str] = mapped_column(Text)  # membership numbers no longer at the branch
    reused_numbers: Mapped[str] = mapped_column(Text)  # … of them, given again to another record


class RegionRestoreLoss(Base):
    """One row the Kanwil held of a restored branch that the branch no longer has ("missing") or
    holds in an older version ("changed"), kept as the Kanwil had it (JSON) when the restore was
    accepted. Written at the Kanwil, sent down to every branch."""

    __tablename__ = "region_restore_loss"
    __table_args__ = (CheckConstraint("change IN ('missing', 'changed')", name="change"),)

    restore_id: Mapped[str] = mapped_column(ForeignKey("region_restore.ref"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    change: Mapped[str] = mapped_column(String(8))
    row: Mapped[str] = mapped_column(Text)  # JSON, the Kanwil's copy
