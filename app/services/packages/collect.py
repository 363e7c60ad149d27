"""What a package carries, read from the laptop's database.

Two selections: a **period** (the members enrolled here in it, with everything of theirs, and the
corrections, deactivations and audit events of those days) and the **outbox** (everything of this
laptop's own work its branch has not yet confirmed holding). Every member a carried row points at
travels with its current record and enrolment, so the branch can check it as the intake form would.
Corrections and deactivations that came from the branch itself (an answer) never travel back.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card
from app.db.contribution_models import Payment, PaymentMonth
from app.db.day_models import PackageRecord
from app.db.models import AuditEvent, Enrolment, Heir, Member, Officer
from app.db.search_models import MemberCorrection, MemberDeactivation
from app.db.sync_models import OutboxAck, SyncReply
from app.domain.states import CorrectionStatus
from app.services.packages.format import PARTS, iso

CHUNK = 5000


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def acked(entity: str) -> Any:
    """The keys of ``entity`` the branch confirmed holding (or that came from the branch)."""
    return select(OutboxAck.key).where(OutboxAck.entity == entity)


def acked_from_branch(entity: str) -> Any:
    """Changes that came in an answer of the branch: they never travel back."""
    return select(OutboxAck.key).where(OutboxAck.entity == entity, OutboxAck.reply_id.is_(None))


def own_members() -> Any:
    """This database's own members (not received in a package)."""
    imported = select(PackageRecord.local_id).where(PackageRecord.entity == "member")
    return select(Member.id).where(Member.id.not_in(imported))


@dataclass
class Selection:
    """The ids to carry: members (with heirs and enrolments), payments, cards, changes, events."""

    members: set[int] = field(default_factory=set)
    payments: list[int] = field(default_factory=list)
    cards: list[int] = field(default_factory=list)
    corrections: list[int] = field(default_factory=list)
    deactivations: list[int] = field(default_factory=list)
    events_after: int | None = None  # outbox: events after this sequence number
    events_days: tuple[dt.date, dt.date] | None = None  # period: events of these days


def _ids(session: Session, stmt: Any) -> list[int]:
    return [int(x) for x in session.execute(stmt).scalars()]


def _member_ids(session: Session, model: Any, ids: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for chunk in _chunks(ids):
        out.update(
            int(x) for x in session.execute(select(model.member_id).where(model.id.in_(chunk))).scalars()
        )
    return out


def select_period(session: Session, start: dt.date, end: dt.date, tz_days: Any) -> Selection:
    """The members enrolled from ``start`` to ``end`` with all their payments and cards, and the
    corrections and deactivations decided on those days (``tz_days``: datetime → business date)."""
    own = own_members()
    members = set(
        _ids(
            session,
            select(Enrolment.member_id).where(
                Enrolment.business_date >= start, Enrolment.business_date <= end, Enrolment.member_id.in_(own)
            ),
        )
    )
    sel = Selection(members=members, events_days=(start, end))
    listed = sorted(members)
    for chunk in _chunks(listed):
        sel.payments += _ids(
            session, select(Payment.id).where(Payment.member_id.in_(chunk)).order_by(Payment.id)
        )
        sel.cards += _ids(session, select(Card.id).where(Card.member_id.in_(chunk)).order_by(Card.id))
    for cid, at in session.execute(
        select(MemberCorrection.id, MemberCorrection.decided_at).where(
            MemberCorrection.status == CorrectionStatus.APPROVED,
            MemberCorrection.member_id.in_(own),
            cast(MemberCorrection.id, String).not_in(acked_from_branch("correction")),
        )
    ):
        if at is not None and start <= tz_days(at) <= end:
            sel.corrections.append(int(cid))
    for did, at in session.execute(
        select(MemberDeactivation.id, MemberDeactivation.at).where(
            MemberDeactivation.member_id.in_(own),
            cast(MemberDeactivation.id, String).not_in(acked_from_branch("deactivation")),
        )
    ):
        if start <= tz_days(at) <= end:
            sel.deactivations.append(int(did))
    sel.members |= _member_ids(session, MemberCorrection, sel.corrections)
    sel.members |= _member_ids(session, MemberDeactivation, sel.deactivations)
    return sel


def acked_audit_seq(session: Session) -> int:
    """This laptop's audit events the branch holds: every one up to this sequence number."""
    return int(session.execute(select(func.max(SyncReply.audit_seq))).scalar_one_or_none() or 0)


def select_outbox(session: Session) -> Selection:
    """Everything of this laptop's own work the branch has not confirmed holding."""
    own = own_members()
    sel = Selection(events_after=acked_audit_seq(session))
    sel.members = set(_ids(session, own.where(Member.number.not_in(acked("member")))))
    sel.payments = _ids(
        session,
        select(Payment.id)
        .where(Payment.member_id.in_(own), Payment.receipt_no.not_in(acked("payment")))
        .order_by(Payment.id),
    )
    sel.cards = _ids(
        session,
        select(Card.id).where(Card.member_id.in_(own), Card.serial.not_in(acked("card"))).order_by(Card.id),
    )
    sel.corrections = _ids(
        session,
        select(MemberCorrection.id)
        .where(
            MemberCorrection.status == CorrectionStatus.APPROVED,
            MemberCorrection.member_id.in_(own),
            cast(MemberCorrection.id, String).not_in(acked("correction")),
        )
        .order_by(MemberCorrection.id),
    )
    sel.deactivations = _ids(
        session,
        select(MemberDeactivation.id)
        .where(
            MemberDeactivation.member_id.in_(own),
            cast(MemberDeactivation.id, String).not_in(acked("deactivation")),
        )
        .order_by(MemberDeactivation.id),
    )
    for model, ids in ((Payment, sel.payments), (Card, sel.cards)):
        sel.members |= _member_ids(session, model, ids)
    sel.members |= _member_ids(session, MemberCorrection, sel.corrections)
    sel.members |= _member_ids(session, MemberDeactivation, sel.deactivations)
    return sel


class _Seen:
    """The branch's audit head in the newest answer imported before a moment on this laptop."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(SyncReply.imported_at, SyncReply.branch_seq).order_by(SyncReply.imported_at)
        ).all()
        self.times = [r[0] for r in rows]
        self.seqs = [int(r[1]) for r in rows]

    def at(self, moment: dt.datetime | None) -> int | None:
        if moment is None:
            return self.seqs[-1] if self.seqs else None
        i = bisect.bisect_right(self.times, moment)
        return self.seqs[i - 1] if i else None


def collect(session: Session, sel: Selection) -> dict[str, list[dict[str, Any]]]:
    """The records ``sel`` names, as the package's parts (rows per part) ready to be written."""
    parts: dict[str, list[dict[str, Any]]] = {name: [] for name in PARTS}
    officers: set[int] = set()

    def officer(oid: int | None) -> int | None:
        if oid is not None:
            officers.add(oid)
        return oid

    ids = sorted(sel.members)
    number_of: dict[int, str] = {}
    for chunk in _chunks(ids):
        for m in session.execute(select(Member).where(Member.id.in_(chunk))).scalars():
            number_of[m.id] = m.number
            parts["members.json"].append(_member(m, officer))
    parts["members.json"].sort(key=lambda r: str(r["number"]))
    for chunk in _chunks(ids):
        for h in session.execute(select(Heir).where(Heir.member_id.in_(chunk)).order_by(Heir.id)).scalars():
            parts["heirs.json"].append(
                {
                    "member": number_of[h.member_id],
                    "position": h.position,
                    "nama": h.nama,
                    "hubungan": h.hubungan,
                }
            )
        for e in session.execute(
            select(Enrolment).where(Enrolment.member_id.in_(chunk)).order_by(Enrolment.id)
        ).scalars():
            parts["enrolments.json"].append(_enrolment(e, number_of, officer))
    for chunk in _chunks(sel.payments):
        for p in session.execute(select(Payment).where(Payment.id.in_(chunk)).order_by(Payment.id)).scalars():
            parts["payments.json"].append(_payment(p, number_of, officer))
        for pm in session.execute(
            select(PaymentMonth).where(PaymentMonth.payment_id.in_(chunk)).order_by(PaymentMonth.id)
        ).scalars():
            parts["payment_months.json"].append(
                {
                    "payment": pm.payment_id,
                    "programme": pm.programme,
                    "month": pm.month,
                    "amount": pm.amount,
                    "voided": pm.voided,
                }
            )
    for chunk in _chunks(sel.cards):
        for c in session.execute(select(Card).where(Card.id.in_(chunk)).order_by(Card.id)).scalars():
            parts["cards.json"].append(_card(c, number_of, officer))
    seen = _Seen(session)
    for chunk in _chunks(sel.corrections):
        for cr in session.execute(
            select(MemberCorrection)
            .where(MemberCorrection.id.in_(chunk))
            .options(selectinload(MemberCorrection.changes))
            .order_by(MemberCorrection.id)
        ).scalars():
            parts["corrections.json"].append(
                {
                    "ref": cr.id,
                    "member": number_of[cr.member_id],
                    "changes": {ch.field: {"old": ch.old_value, "new": ch.new_value} for ch in cr.changes},
                    "reason": cr.reason,
                    "confirm_mismatch": cr.confirm_mismatch,
                    "proposed_by": officer(cr.proposed_by_id),
                    "proposed_at": iso(cr.proposed_at),
                    "decided_by": officer(cr.decided_by_id),
                    "decided_at": iso(cr.decided_at),
                    "seen": seen.at(cr.decided_at),
                }
            )
    into_numbers = _into_numbers(session, sel.deactivations)
    for chunk in _chunks(sel.deactivations):
        for d in session.execute(
            select(MemberDeactivation).where(MemberDeactivation.id.in_(chunk)).order_by(MemberDeactivation.id)
        ).scalars():
            parts["deactivations.json"].append(
                {
                    "ref": d.id,
                    "member": number_of[d.member_id],
                    "reason": d.reason,
                    "note": d.note,
                    "into": into_numbers.get(d.merged_into_id) if d.merged_into_id else None,
                    "by": officer(d.by_id),
                    "at": iso(d.at),
                    "seen": seen.at(d.at),
                }
            )
    parts["audit_events.json"] = list(_events(session, sel))
    if officers:
        listed = sorted(officers)
        for chunk in _chunks(listed):
            for o in session.execute(
                select(Officer).where(Officer.id.in_(chunk)).order_by(Officer.id)
            ).scalars():
                parts["officers.json"].append({"id": o.id, "username": o.username, "full_name": o.full_name})
    return parts


def _into_numbers(session: Session, deactivations: Sequence[int]) -> dict[int, str]:
    targets: set[int] = set()
    for chunk in _chunks(deactivations):
        targets.update(
            int(x)
            for x in session.execute(
                select(MemberDeactivation.merged_into_id).where(
                    MemberDeactivation.id.in_(chunk), MemberDeactivation.merged_into_id.is_not(None)
                )
            ).scalars()
            if x is not None
        )
    if not targets:
        return {}
    return {
        int(i): str(n)
        for i, n in session.execute(select(Member.id, Member.number).where(Member.id.in_(targets)))
    }


def _events(session: Session, sel: Selection) -> Iterable[dict[str, Any]]:
    stmt = select(AuditEvent, Member.number).outerjoin(Member, Member.id == AuditEvent.member_id)
    if sel.events_days is not None:
        start, end = sel.events_days
        stmt = stmt.where(AuditEvent.business_date >= start, AuditEvent.business_date <= end)
    else:
        stmt = stmt.where(AuditEvent.seq > (sel.events_after or 0))
    for ev, number in session.execute(stmt.order_by(AuditEvent.seq)):
        yield {
            "seq": ev.seq,
            "occurred_at": iso(ev.occurred_at),
            "business_date": ev.business_date.isoformat(),
            "actor": ev.actor,
            "counter": ev.counter,
            "action": ev.action,
            "entity": ev.entity,
            "entity_id": ev.entity_id,
            "member": number,
            "details": ev.details,
            "prev_hash": ev.prev_hash,
            "hash": ev.hash,
        }


def _member(m: Member, officer: Any) -> dict[str, Any]:
    return {
        "number": m.number,
        "nik": m.nik,
        "nama": m.nama,
        "tempat_lahir": m.tempat_lahir,
        "tanggal_lahir": m.tanggal_lahir.isoformat(),
        "jenis_kelamin": m.jenis_kelamin,
        "nama_ibu": m.nama_ibu,
        "no_hp": m.no_hp,
        "alamat": m.alamat,
        "kode_wilayah": m.kode_wilayah,
        "nik_district": m.nik_district,
        "record_status": m.record_status,
        "created_at": iso(m.created_at),
        "created_by": officer(m.created_by_id),
    }


def _enrolment(e: Enrolment, number_of: dict[int, str], officer: Any) -> dict[str, Any]:
    return {
        "ref": e.id,
        "member": number_of[e.member_id],
        "segment": e.segment,
        "occupation_code": e.occupation_code,
        "programmes": e.programmes,
        "income": e.income,
        "funding_source": e.funding_source,
        "channel": e.channel,
        "npp": e.npp,
        "months_at_enrolment": e.months_at_enrolment,
        "enrolled_at": iso(e.enrolled_at),
        "business_date": e.business_date.isoformat(),
        "officer": officer(e.officer_id),
        "counter": e.counter,
        "mismatch_confirmed": e.mismatch_confirmed,
    }


def _payment(p: Payment, number_of: dict[int, str], officer: Any) -> dict[str, Any]:
    return {
        "ref": p.id,
        "receipt_no": p.receipt_no,
        "member": number_of[p.member_id],
        "enrolment": p.enrolment_id,
        "method": p.method,
        "reference": p.reference,
        "schedule": p.schedule,
        "first_month": p.first_month,
        "last_month": p.last_month,
        "months_count": p.months_count,
        "gross_total": p.gross_total,
        "discount_total": p.discount_total,
        "fine_total": p.fine_total,
        "credit_total": p.credit_total,
        "total": p.total,
        "detail": p.detail,
        "received_at": iso(p.received_at),
        "business_date": p.business_date.isoformat(),
        "officer": officer(p.officer_id),
        "counter": p.counter,
        "status": p.status,
        "voided_at": iso(p.voided_at),
        "voided_by": officer(p.voided_by_id),
        "void_reason": p.void_reason,
    }


def _card(c: Card, number_of: dict[int, str], officer: Any) -> dict[str, Any]:
    return {
        "serial": c.serial,
        "member": number_of[c.member_id],
        "seq": c.seq,
        "key_id": c.key_id,
        "issued_at": iso(c.issued_at),
        "business_date": c.business_date.isoformat(),
        "issued_by": officer(c.issued_by_id),
        "counter": c.counter,
        "approved_by": officer(c.approved_by_id),
        "status": c.status,
        "status_reason": c.status_reason,
        "status_note": c.status_note,
        "status_at": iso(c.status_at),
        "status_by": officer(c.status_by_id),
    }
