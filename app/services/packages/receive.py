"""The laptop imports its branch's answer: what reached the branch leaves the outbox, and the
branch's record of the laptop's members is taken over.

An answer is refused whole (nothing written) when it is not signed by a key the laptop trusts for
the branch it names, is addressed to another laptop, comes from another branch than the laptop's
home, is older than an answer already imported (a replay would undo newer news), or is malformed.
The same answer imported twice changes nothing.

The branch is the authority on a member, with one exception: a field the laptop changed that has
not yet reached the branch keeps the laptop's value (the branch will judge it from the next
package, as a conflict if it changed the field too), and a member the branch still holds in a
conflict stays as it is here until the supervisor there decides. Every value taken over is a
correction on the laptop (audited, reason naming the branch) that never travels back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.db.models import Member
from app.db.search_models import MemberCorrection, MemberDeactivation
from app.db.sync_models import OutboxAck, SyncReply
from app.domain.issues import DomainError, Issue
from app.domain.member_merge import CORRECTABLE, STATUS
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.roles import Permission
from app.domain.states import CorrectionStatus, RecordStatus
from app.services.audit import AuditItem, append_event, append_events
from app.services.auth import authorize, reauthenticate
from app.services.card_keys import require_branch, trusted_keys
from app.services.context import ServiceContext
from app.services.corrections import apply_decided_correction
from app.services.day_lock import ensure_day_open
from app.services.deactivation import REASONS, close_member
from app.services.dto import Actor
from app.services.outreach_sync import read_settings
from app.services.packages.collect import acked, own_members
from app.services.packages.container import Signed, open_signed
from app.services.packages.dto import ReplyResult
from app.services.packages.format import ACK_ENTITIES, REPLY_FORMAT, REPLY_PARTS, REPLY_VERSION, refused
from app.services.packages.state import member_state
from app.services.search_index import reindex_member


def _check(signed: Signed, own: str, home: str | None) -> tuple[str, int, int]:
    """(branch code, branch_seq, audit_seq) of an answer fit for this laptop, or refused."""
    manifest, key = signed.manifest, signed.key
    try:
        code = str(manifest["source"]["code"])
        to = str(manifest["to"]["code"])
        branch_seq, audit_seq = manifest["branch_seq"], manifest["audit_seq"]
        if not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (branch_seq, audit_seq)
        ):
            raise ValueError(branch_seq)
    except (KeyError, TypeError, ValueError) as exc:
        raise refused("package.manifest", "manifest.json tidak lengkap.") from exc
    if key.branch_code != code:
        raise refused(
            "package.source_key",
            msg(
                "Balasan mengaku dari cabang {code}, tetapi ditandatangani kunci {key_id} milik {branch_code} {branch_name}. Balasan ditolak.",
                code=code,
                key_id=key.key_id[:16],
                branch_code=key.branch_code,
                branch_name=key.branch_name[:60],
            ),
        )
    if to != own:
        raise refused(
            "package.reply_other_laptop",
            msg(
                "Balasan ini untuk laptop {to}, bukan laptop ini ({own}). Tidak ada yang diubah.",
                to=to[:3],
                own=own,
            ),
        )
    if code == own or (home is not None and code != home):
        raise refused(
            "package.reply_other_branch",
            msg(
                "Balasan ini dari cabang {code}, bukan cabang induk laptop ini ({value}). Tidak ada yang diubah.",
                code=code,
                value=home or "—",
            ),
        )
    return code, int(branch_seq), int(audit_seq)


def _shape_issues(parts: Mapping[str, list[dict[str, Any]]], own: str) -> list[Issue]:
    issues: list[Issue] = []
    for row in parts["ack.json"]:
        if (
            row.get("entity") not in ACK_ENTITIES
            or not isinstance(row.get("key"), str)
            or len(row["key"]) > 40
        ):
            issues.append(Issue("paket", "package.reply_shape", "Daftar penerimaan di balasan tidak sah."))
            break
    for row in parts["members.json"]:
        parsed = parse_number(str(row.get("number", "")))
        state = row.get("state")
        if (
            not isinstance(parsed, MembershipNumber)
            or parsed.prefix != own
            or not isinstance(state, dict)
            or not all(v is None or isinstance(v, str) for v in state.values())
            or not isinstance(row.get("why", []), list)
        ):
            issues.append(
                Issue(
                    f"peserta {str(row.get('number'))[:20]}",
                    "package.reply_shape",
                    msg(
                        "Data peserta {row} di balasan tidak sah atau bukan peserta laptop ini.",
                        row=str(row.get("number"))[:20],
                    ),
                )
            )
    for row in parts["conflicts.json"]:
        if not isinstance(row.get("number"), str) or not isinstance(row.get("id"), int):
            issues.append(Issue("paket", "package.reply_shape", "Daftar konflik di balasan tidak sah."))
            break
    return issues


def _pending(session: Session) -> dict[int, set[str]]:
    """member id -> the fields this laptop changed that the branch has not confirmed receiving."""
    own = own_members()
    out: dict[int, set[str]] = {}
    for c in session.execute(
        select(MemberCorrection)
        .where(
            MemberCorrection.status == CorrectionStatus.APPROVED,
            MemberCorrection.member_id.in_(own),
            cast(MemberCorrection.id, String).not_in(acked("correction")),
        )
        .options(selectinload(MemberCorrection.changes))
    ).scalars():
        out.setdefault(c.member_id, set()).update(ch.field for ch in c.changes)
    for mid in session.execute(
        select(MemberDeactivation.member_id).where(
            MemberDeactivation.member_id.in_(own),
            cast(MemberDeactivation.id, String).not_in(acked("deactivation")),
        )
    ).scalars():
        out.setdefault(int(mid), set()).add(STATUS)
    return out


class _Apply:
    """The branch's records taken over, in the answer's transaction."""

    def __init__(self, session: Session, ctx: ServiceContext, by: Actor, reply_id: str, code: str) -> None:
        self.s, self.ctx, self.by, self.code = session, ctx, by, code
        self.origin = {"reply": reply_id, "from_branch": code}
        self.items: list[AuditItem] = []
        self.updated = 0
        self.kept: list[str] = []

    def member(self, row: dict[str, Any], pending: set[str]) -> None:
        m = self.s.execute(select(Member).where(Member.number == str(row["number"]))).scalar_one_or_none()
        if m is None:
            return
        branch: dict[str, Any] = row["state"]
        here = member_state(self.s, m)
        why = "; ".join(str(w) for w in row.get("why", []))[:300]
        wanted = {
            f: branch.get(f)
            for f in CORRECTABLE
            if f in branch and branch.get(f) != here[f] and f not in pending
        }
        if any(branch.get(f) != here[f] for f in pending if f in branch or f == STATUS):
            self.kept.append(m.number)
        changed = False
        if wanted:
            correction, events = apply_decided_correction(
                self.s,
                self.ctx,
                m,
                wanted,
                reason=f"Data cabang {self.code}" + (f": {why}" if why else ""),
                proposed_by_id=self.by.id,
                decided_by_id=self.by.id,
                confirm_mismatch=True,  # the branch already checked it against the KTP
                origin=self.origin,
            )
            self.items.extend(events)
            self.s.add(OutboxAck(entity="correction", key=str(correction.id), reply_id=None))
            changed = True
        status = branch.get(STATUS)
        if STATUS not in pending and status is not None and status != here[STATUS]:
            changed = self._standing(m, str(status), row.get("into"), why) or changed
        self.updated += int(changed)

    def _standing(self, m: Member, status: str, into: Any, why: str) -> bool:
        if status != RecordStatus.ACTIVE and m.record_status == RecordStatus.ACTIVE:
            code = (
                status
                if status in REASONS.values()
                else "MENINGGAL"
                if status == RecordStatus.DEACTIVATED
                else status
            )
            if code not in REASONS.values():
                return False
            target = None
            if into:
                target = self.s.execute(select(Member).where(Member.number == str(into))).scalar_one_or_none()
            row, _dto = close_member(
                self.s,
                self.ctx,
                self.by,
                m,
                code,
                note=f"Dari cabang {self.code}" + (f": {why}" if why else ""),
                target=target,
                merged_elsewhere=str(into) if into and target is None else None,
                origin=self.origin,
            )
            self.s.add(OutboxAck(entity="deactivation", key=str(row.id), reply_id=None))
            return True
        if status == RecordStatus.ACTIVE and m.record_status != RecordStatus.ACTIVE:
            # The branch's supervisor kept the member active: the laptop follows.
            before = m.record_status
            try:
                with self.s.begin_nested():
                    m.record_status, m.merged_into_id = "ACTIVE", None
                    self.s.flush()
            except IntegrityError:
                m.record_status = before
                self.kept.append(m.number)  # another active member here has this NIK: left as it is
                return False
            reindex_member(self.s, m, indexed_name=m.nama)
            append_event(
                self.s,
                self.ctx,
                actor=self.by,
                action="member.reactivate",
                entity="member",
                entity_id=m.number,
                member_id=m.id,
                details={"before": before, "why": why, **self.origin},
            )
            return True
        return False


def receive_reply(ctx: ServiceContext, supervisor: Actor, path: Path, *, password: str) -> ReplyResult:
    """Import the branch's answer on this laptop (supervisor, password re-entered). All or nothing."""
    authorize(ctx, supervisor, Permission.APPROVE)
    reauthenticate(ctx, supervisor, password)
    own = require_branch(ctx).code
    signed = open_signed(
        path,
        fmt=REPLY_FORMAT,
        parts_by_version={REPLY_VERSION: REPLY_PARTS},
        trusted=trusted_keys(ctx),
        id_field="reply_id",
    )
    home = ctx.read(read_settings).home
    code, branch_seq, audit_seq = _check(signed, own, home)
    problems = _shape_issues(signed.parts, own)
    if problems:
        raise DomainError(problems)
    reply_id = str(signed.manifest["reply_id"])
    source = f"{code} {str(signed.manifest['source']['name'])[:60]}"

    def work(session: Session) -> ReplyResult:
        if session.get(SyncReply, reply_id) is not None:
            return ReplyResult(reply_id, source, already_imported=True)
        newest = session.execute(
            select(func.max(SyncReply.branch_seq)).where(SyncReply.source_code == code)
        ).scalar_one_or_none()
        if newest is not None and branch_seq < int(newest):
            raise refused(
                "package.reply_stale",
                "Balasan ini lebih lama dari balasan cabang yang sudah diimpor; mengimpornya akan membatalkan "
                "data yang lebih baru. Minta balasan terbaru dari cabang. Tidak ada yang diubah.",
            )
        ensure_day_open(session, ctx)  # what it changes is dated today
        held = [c for c in signed.parts["conflicts.json"]]
        row = SyncReply(
            reply_id=reply_id,
            manifest_sha256=signed.digest,
            source_code=code,
            key_id=signed.key.key_id,
            branch_seq=branch_seq,
            audit_seq=audit_seq,
            created_at=signed.created,
            imported_at=ctx.clock(),
            imported_by_id=supervisor.id,
            acknowledged=0,
            members_updated=0,
            held=json.dumps(held, ensure_ascii=False, sort_keys=True),
        )
        session.add(row)
        session.flush()
        wanted = {(str(a["entity"]), str(a["key"])) for a in signed.parts["ack.json"]}
        have = set(session.execute(select(OutboxAck.entity, OutboxAck.key)).all())
        fresh = sorted(wanted - {(str(e), str(k)) for e, k in have})
        session.add_all(OutboxAck(entity=e, key=k, reply_id=reply_id) for e, k in fresh)
        session.flush()
        held_numbers = {str(c["number"]) for c in held}
        pending = _pending(session)
        apply = _Apply(session, ctx, supervisor, reply_id, code)
        for member in signed.parts["members.json"]:
            if str(member["number"]) in held_numbers:
                continue
            mid = session.execute(select(Member.id).where(Member.number == str(member["number"]))).scalar()
            apply.member(member, pending.get(int(mid), set()) if mid is not None else set())
        append_events(session, ctx, actor=supervisor, events=apply.items)
        row.acknowledged, row.members_updated = len(fresh), apply.updated
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="package.reply_import",
            entity="package",
            entity_id=reply_id,
            details={
                "source": code,
                "branch_seq": branch_seq,
                "audit_seq": audit_seq,
                "manifest_sha256": signed.digest,
                "acknowledged": len(fresh),
                "members_updated": apply.updated,
                "held": sorted(held_numbers),
                "kept": sorted(set(apply.kept)),
            },
        )
        return ReplyResult(
            reply_id,
            source,
            already_imported=False,
            acknowledged=len(fresh),
            members_updated=apply.updated,
            held=tuple(sorted(held_numbers)),
            kept=tuple(sorted(set(apply.kept))),
        )

    return ctx.write(work)
