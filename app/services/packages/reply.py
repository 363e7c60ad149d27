"""The branch's answer to one outreach laptop (``.lbal``), signed with the branch's key.

It carries what the branch holds of the laptop's work (every member, receipt, card, correction and
deactivation of the laptop's that reached it, merged or waiting in a conflict, and the laptop's
audit events up to a sequence number): the laptop's outbox is what is not in it. It carries the
branch's record of every laptop member the branch changed itself since the laptop's last sync
(including a supervisor's merges), and the conflicts still open. Its ``branch_seq`` is the branch's
audit head: the laptop's next changes say they had seen up to it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.cards_models import Card
from app.db.contribution_models import Payment
from app.db.day_models import ImportedAuditEvent, ImportedPackage, PackageConflict
from app.db.models import AuditEvent, AuditHead, Member
from app.db.sync_models import PackageChange
from app.domain.membership import valid_prefix
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.states import ConflictStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.card_keys import require_branch, signing_key
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.packages.container import write_signed
from app.services.packages.dto import LaptopDTO, ReplyInfo
from app.services.packages.format import REPLY_FORMAT, REPLY_VERSION, prefix_range, refused
from app.services.packages.state import branch_changes, member_state

RESOLUTIONS = ("package.conflict_merge", "package.conflict_resolve")


def _laptop_members(session: Session, laptop: str) -> dict[int, str]:
    return {
        int(i): str(n)
        for i, n in session.execute(
            select(Member.id, Member.number).where(prefix_range(Member.number, laptop))
        )
    }


def _acknowledged(session: Session, laptop: str, numbers: dict[int, str]) -> list[dict[str, str]]:
    """Everything of the laptop's this branch holds: merged here, or kept in a conflict."""
    keys: dict[str, set[str]] = {
        e: set() for e in ("member", "payment", "card", "correction", "deactivation")
    }
    keys["member"].update(numbers.values())
    for prefix in (f"TBI-{laptop}-", f"TBS-{laptop}-"):
        keys["payment"].update(
            str(r)
            for r in session.execute(
                select(Payment.receipt_no).where(prefix_range(Payment.receipt_no, prefix))
            ).scalars()
        )
    keys["card"].update(
        str(s)
        for s in session.execute(select(Card.serial).where(prefix_range(Card.serial, laptop))).scalars()
    )
    for kind, ref in session.execute(
        select(PackageChange.kind, PackageChange.source_ref).where(PackageChange.source_code == laptop)
    ):
        keys[str(kind)].add(str(ref))
    kept = session.execute(
        select(PackageConflict.record)
        .join(ImportedPackage, ImportedPackage.package_id == PackageConflict.package_id)
        .where(ImportedPackage.source_code == laptop, PackageConflict.kind != "changed_both")
    ).scalars()
    for text in kept:
        data = json.loads(text)
        keys["member"].add(str(data.get("number", "")))
        keys["payment"].update(str(p.get("receipt_no", "")) for p in data.get("payments", []))
        keys["card"].update(str(c.get("serial", "")) for c in data.get("cards", []))
    return [{"entity": e, "key": k} for e in sorted(keys) for k in sorted(keys[e]) if k]


def _member_rows(session: Session, laptop: str, numbers: dict[int, str], seen: int) -> list[dict[str, Any]]:
    """The branch's record of each laptop member it changed itself (or decided on) after ``seen``."""
    changed = branch_changes(session, numbers, seen)
    decided: dict[int, list[str]] = {}
    for mid, details in session.execute(
        select(AuditEvent.member_id, AuditEvent.details).where(
            AuditEvent.action.in_(RESOLUTIONS), AuditEvent.seq > seen, AuditEvent.member_id.is_not(None)
        )
    ):
        if mid is not None and mid in numbers:
            note = json.loads(details).get("note") or ""
            decided.setdefault(mid, []).append(f"konflik diputuskan supervisor cabang {note}".strip())
    rows = []
    for mid in sorted(set(changed) | set(decided)):
        m = session.get(Member, mid)
        assert m is not None
        into = None
        if m.merged_into_id is not None:
            into = session.execute(select(Member.number).where(Member.id == m.merged_into_id)).scalar_one()
        rows.append(
            {
                "number": m.number,
                "state": member_state(session, m),
                "into": into,
                "why": [c.summary for c in changed.get(mid, [])] + decided.get(mid, []),
            }
        )
    return rows


def make_reply(ctx: ServiceContext, actor: Actor, *, laptop: str, path: Path) -> ReplyInfo:
    """Write the branch's answer to laptop ``laptop`` (supervisor): after its package is imported,
    or again at any time (a newer answer replaces an older one on the laptop)."""
    authorize(ctx, actor, Permission.APPROVE)
    branch = require_branch(ctx)
    if not valid_prefix(laptop) or laptop == branch.code:
        raise refused(
            "package.reply_laptop", "Sebutkan kode 3 digit laptop jemput bola (bukan kode cabang ini)."
        )
    key = signing_key(ctx, branch, actor=actor)

    def gather(session: Session) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
        last = session.execute(
            select(ImportedPackage.package_id, ImportedPackage.seen_seq)
            .where(ImportedPackage.source_code == laptop)
            .order_by(ImportedPackage.imported_at.desc())
            .limit(1)
        ).first()
        if last is None:
            raise refused(
                "package.reply_no_package",
                msg(
                    "Belum ada paket dari laptop {laptop} yang diimpor di sini: impor paketnya dulu, lalu buat balasan.",
                    laptop=laptop,
                ),
            )
        head = int(session.execute(select(AuditHead.last_seq).where(AuditHead.id == 1)).scalar_one())
        numbers = _laptop_members(session, laptop)
        audit_seq = session.execute(
            select(func.max(ImportedAuditEvent.source_seq)).where(ImportedAuditEvent.source_code == laptop)
        ).scalar_one_or_none()
        held = [
            {"id": c.id, "number": c.number, "kind": c.kind}
            for c in session.execute(
                select(PackageConflict)
                .join(ImportedPackage, ImportedPackage.package_id == PackageConflict.package_id)
                .where(ImportedPackage.source_code == laptop, PackageConflict.status == ConflictStatus.OPEN)
                .order_by(PackageConflict.id)
            ).scalars()
        ]
        parts = {
            "ack.json": _acknowledged(session, laptop, numbers),
            "members.json": _member_rows(session, laptop, numbers, int(last[1] or 0)),
            "conflicts.json": held,
        }
        meta = {"answers": str(last[0]), "branch_seq": head, "audit_seq": int(audit_seq or 0)}
        return meta, parts

    meta, parts = ctx.read(gather)
    reply_id = uuid.uuid4().hex
    counts: dict[str, int] = {}
    for row in parts["ack.json"]:
        counts[row["entity"]] = counts.get(row["entity"], 0) + 1
    manifest = {
        "format": REPLY_FORMAT,
        "version": REPLY_VERSION,
        "reply_id": reply_id,
        "created_at": ctx.clock().isoformat(),
        "source": {"code": branch.code, "name": branch.name, "counter": ctx.counter},
        "to": {"code": laptop},
        "made_by": actor.username,
        **meta,
    }

    def audited(manifest_bytes: bytes) -> None:
        ctx.write(
            lambda s: append_event(
                s,
                ctx,
                actor=actor,
                action="package.reply",
                entity="package",
                entity_id=reply_id,
                details={
                    "laptop": laptop,
                    "answers": meta["answers"],
                    "branch_seq": meta["branch_seq"],
                    "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
                    "acknowledged": counts,
                    "members": [r["number"] for r in parts["members.json"]],
                    "held": [c["number"] for c in parts["conflicts.json"]],
                },
            )
        )

    write_signed(ctx.paths, path, manifest, parts, key, before_replace=audited)
    return ReplyInfo(
        path,
        reply_id,
        laptop,
        int(meta["branch_seq"]),
        counts,
        len(parts["members.json"]),
        len(parts["conflicts.json"]),
    )


def known_laptops(ctx: ServiceContext, actor: Actor) -> tuple[LaptopDTO, ...]:
    """The laptops whose packages were imported here, newest first, with their open conflicts."""
    authorize(ctx, actor, Permission.APPROVE)

    def work(session: Session) -> tuple[LaptopDTO, ...]:
        rows = session.execute(
            select(
                ImportedPackage.source_code,
                func.max(ImportedPackage.source_name),
                func.count(),
                func.max(ImportedPackage.imported_at),
            ).group_by(ImportedPackage.source_code)
        ).all()
        open_by: dict[str, int] = dict(
            session.execute(
                select(ImportedPackage.source_code, func.count())
                .join(PackageConflict, PackageConflict.package_id == ImportedPackage.package_id)
                .where(PackageConflict.status == ConflictStatus.OPEN)
                .group_by(ImportedPackage.source_code)
            ).all()
        )
        out = [LaptopDTO(str(c), str(n), int(k), at, int(open_by.get(c, 0))) for c, n, k, at in rows]
        return tuple(sorted(out, key=lambda x: x.last_import, reverse=True))

    return ctx.read(work)
