"""The laptop's outbox: its own work the branch has not yet confirmed holding, counted and listed.

It empties when the branch's answer to a package carrying it is imported (``receive``). Audit
events are counted apart: every action adds one (a login too), so they are never "empty".
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from app.db.cards_models import Card
from app.db.contribution_models import Payment
from app.db.models import AuditEvent, Enrolment, Member
from app.db.search_models import MemberCorrection, MemberDeactivation
from app.db.sync_models import SyncReply
from app.domain.member_merge import STATUS_WORDS, label_of
from app.domain.money import format_rupiah
from app.domain.roles import Permission
from app.domain.states import CardStatus, CorrectionStatus
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.packages.collect import acked, acked_audit_seq, own_members
from app.services.packages.dto import OutboxDTO, OutboxItem

KIND_LABELS = {
    "member": "Pendaftaran",
    "payment": "Pembayaran",
    "card": "Kartu",
    "correction": "Koreksi",
    "deactivation": "Penonaktifan",
}


def _queries() -> dict[str, Any]:
    """Per kind: (key, member id, when, extra) of what is not yet confirmed."""
    own = own_members()
    first_enrolment = (
        select(Enrolment.member_id, func.min(Enrolment.enrolled_at).label("at"))
        .group_by(Enrolment.member_id)
        .subquery()
    )
    return {
        "member": select(Member.number, Member.id, first_enrolment.c.at, Member.number)
        .join(first_enrolment, first_enrolment.c.member_id == Member.id, isouter=True)
        .where(Member.id.in_(own), Member.number.not_in(acked("member"))),
        "payment": select(Payment.receipt_no, Payment.member_id, Payment.received_at, Payment.total).where(
            Payment.member_id.in_(own), Payment.receipt_no.not_in(acked("payment"))
        ),
        "card": select(Card.serial, Card.member_id, Card.issued_at, Card.status).where(
            Card.member_id.in_(own), Card.serial.not_in(acked("card"))
        ),
        "correction": select(
            MemberCorrection.id, MemberCorrection.member_id, MemberCorrection.decided_at, MemberCorrection.id
        ).where(
            MemberCorrection.status == CorrectionStatus.APPROVED,
            MemberCorrection.member_id.in_(own),
            cast(MemberCorrection.id, String).not_in(acked("correction")),
        ),
        "deactivation": select(
            MemberDeactivation.id,
            MemberDeactivation.member_id,
            MemberDeactivation.at,
            MemberDeactivation.reason,
        ).where(
            MemberDeactivation.member_id.in_(own),
            cast(MemberDeactivation.id, String).not_in(acked("deactivation")),
        ),
    }


def outbox_in(session: Session, limit: int = 500) -> OutboxDTO:
    """The laptop's unconfirmed work, read in the caller's session: counts per kind and the newest items."""
    queries = _queries()
    counts = {
        kind: int(session.execute(select(func.count()).select_from(q.subquery())).scalar_one())
        for kind, q in queries.items()
    }
    rows: list[tuple[str, Any]] = []
    for kind, q in queries.items():
        at = q.selected_columns[2]
        rows += [(kind, r) for r in session.execute(q.order_by(at.desc()).limit(limit))]
    rows.sort(key=lambda kr: kr[1][2] or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)
    rows = rows[:limit]
    member_ids = {int(r[1]) for _k, r in rows}
    people = (
        {
            int(i): (str(n), str(nm))
            for i, n, nm in session.execute(
                select(Member.id, Member.number, Member.nama).where(Member.id.in_(member_ids))
            )
        }
        if member_ids
        else {}
    )
    fields = _correction_fields(session, [int(r[0]) for k, r in rows if k == "correction"])
    items = []
    for kind, r in rows:
        number, name = people.get(int(r[1]), ("", ""))
        items.append(OutboxItem(kind, str(r[0]), number, name, _summary(kind, r, fields), r[2]))
    events = int(
        session.execute(select(func.count()).where(AuditEvent.seq > acked_audit_seq(session))).scalar_one()
    )
    last = session.execute(
        select(SyncReply.imported_at, SyncReply.held).order_by(SyncReply.imported_at.desc()).limit(1)
    ).first()
    held = tuple(str(c.get("number")) for c in json.loads(last[1])) if last else ()
    return OutboxDTO(counts, tuple(items), events, last[0] if last else None, held)


def _correction_fields(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        c.id: ", ".join(label_of(ch.field) for ch in c.changes)
        for c in session.execute(
            select(MemberCorrection)
            .where(MemberCorrection.id.in_(ids))
            .options(selectinload(MemberCorrection.changes))
        ).scalars()
    }


def _summary(kind: str, r: Any, fields: dict[int, str]) -> str:
    if kind == "member":
        return "peserta baru"
    if kind == "payment":
        return f"tanda bukti {r[0]}, {format_rupiah(int(r[3]))}"
    if kind == "card":
        # A card in force needs no word; a revoked or spoiled one says so.
        return f"kartu seri {r[0]}" + ("" if r[3] == CardStatus.ISSUED else f" ({str(r[3]).lower()})")
    if kind == "correction":
        return f"koreksi #{r[0]}: {fields.get(int(r[0]), '')}"
    return f"dinonaktifkan: {STATUS_WORDS.get(str(r[3]), str(r[3]))}"


def outbox(ctx: ServiceContext, actor: Actor, *, limit: int = 500) -> OutboxDTO:
    """What this laptop still has to bring to its branch (officer: it is their work)."""
    authorize(ctx, actor, Permission.VIEW_RECORD)
    return ctx.read(lambda s: outbox_in(s, limit))
