"""A member as each side knows it: identity fields and standing, and what the branch itself changed
since a moment of its audit trail (the laptop's last sync).

The branch's own changes are its approved corrections and its deactivations, read from its audit
trail: every one is an event with the member and a sequence number. Those that merely applied an
outreach laptop's package (their details name the ``package``) are the laptop's own and do not
count against it; a supervisor's field-by-field merge does (the laptop has not seen its result).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AuditEvent, Member
from app.db.search_models import MemberDeactivation
from app.domain.member_merge import CORRECTABLE, STATUS, STATUS_WORDS, label_of
from app.domain.states import RecordStatus
from app.services.corrections import member_values

CHANGE_ACTIONS = ("member.correction.approve", "member.deactivate")
CHUNK = 2000


@dataclass(frozen=True, slots=True)
class BranchChange:
    """One change the branch made itself: its sequence number, the fields it touched, in words."""

    seq: int
    fields: frozenset[str]
    summary: str


def status_value(record_status: str, reason: str | None) -> str:
    """The member's standing as one comparable value: ``ACTIVE`` or why it was closed."""
    if record_status == RecordStatus.ACTIVE:
        return "ACTIVE"
    return reason or record_status


def member_state(session: Session, m: Member) -> dict[str, str | None]:
    """The branch's record of ``m``: its identity fields as stored, and its standing."""
    state: dict[str, str | None] = dict(member_values(m))
    reason = None
    if m.record_status != RecordStatus.ACTIVE:
        reason = session.execute(
            select(MemberDeactivation.reason)
            .where(MemberDeactivation.member_id == m.id)
            .order_by(MemberDeactivation.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    state[STATUS] = status_value(m.record_status, reason)
    return state


def record_state(record: Mapping[str, Any], closed_as: str | None = None) -> dict[str, str | None]:
    """A packaged member record as the laptop had it (``closed_as``: its deactivation reason)."""
    state: dict[str, str | None] = {
        f: (str(record[f]) if record.get(f) not in (None, "") else None) for f in CORRECTABLE
    }
    state[STATUS] = status_value(str(record.get("record_status") or "ACTIVE"), closed_as)
    return state


def _summary(action: str, details: Mapping[str, Any]) -> tuple[frozenset[str], str]:
    if action == "member.deactivate":
        reason = str(details.get("reason", ""))
        return frozenset({STATUS}), f"dinonaktifkan ({STATUS_WORDS.get(reason, reason)})"
    changes = details.get("changes") or {}
    return frozenset(changes), f"koreksi {describe_changes(changes)}"


def describe_changes(changes: Mapping[str, Mapping[str, Any]]) -> str:
    """``Nomor HP: +62811… → +62822…; Alamat: …`` (old → new, by the field's label)."""
    return "; ".join(
        f"{label_of(f)}: {v.get('old') or '—'} → {v.get('new') or '—'}" for f, v in changes.items()
    )


def branch_changes(
    session: Session, member_ids: Iterable[int], after: int = 0
) -> dict[int, list[BranchChange]]:
    """member id -> the branch's own changes to it with a sequence number above ``after``."""
    ids = sorted(set(member_ids))
    out: dict[int, list[BranchChange]] = {}
    for i in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(AuditEvent.member_id, AuditEvent.seq, AuditEvent.action, AuditEvent.details)
            .where(
                AuditEvent.member_id.in_(ids[i : i + CHUNK]),
                AuditEvent.action.in_(CHANGE_ACTIONS),
                AuditEvent.seq > after,
            )
            .order_by(AuditEvent.seq)
        )
        for mid, seq, action, details in rows:
            if mid is None:
                continue
            try:
                data = json.loads(details)
            except ValueError:
                data = {}  # purged details: still a change the laptop did not see
            if isinstance(data, dict) and "package" in data:
                continue  # an outreach laptop's own change, applied from its package
            fields, summary = _summary(str(action), data if isinstance(data, dict) else {})
            out.setdefault(int(mid), []).append(BranchChange(int(seq), fields, summary))
    return out
