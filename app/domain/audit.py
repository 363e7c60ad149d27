"""The audit chain: each event's HMAC covers its content and the previous event's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    """Stable text for hashing: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@dataclass(frozen=True, slots=True)
class ChainedEvent:
    seq: int
    occurred_at: dt.datetime
    actor: str
    counter: str
    action: str
    entity: str
    entity_id: str | None
    member_id: int | None
    details: str  # canonical JSON
    prev_hash: str
    hash: str


def event_hash(
    key: bytes,
    *,
    seq: int,
    occurred_at: dt.datetime,
    actor: str,
    counter: str,
    action: str,
    entity: str,
    entity_id: str | None,
    member_id: int | None,
    details: str,
    prev_hash: str,
) -> str:
    body = canonical_json(
        [
            seq,
            occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            actor,
            counter,
            action,
            entity,
            entity_id,
            member_id,
            details,
            prev_hash,
        ]
    )
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    checked: int
    head: str
    first_bad_seq: int | None = None
    problem: str | None = None  # "changed", "removed", "inserted", "reordered"
    message: str = ""


def verify_chain(
    key: bytes, events: Iterable[ChainedEvent], *, expected_last_seq: int | None = None
) -> ChainReport:
    """Walk events in ``seq`` order; report the first one that breaks the chain."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for ev in events:
        recomputed = event_hash(
            key,
            seq=ev.seq,
            occurred_at=ev.occurred_at,
            actor=ev.actor,
            counter=ev.counter,
            action=ev.action,
            entity=ev.entity,
            entity_id=ev.entity_id,
            member_id=ev.member_id,
            details=ev.details,
            prev_hash=ev.prev_hash,
        )
        if recomputed != ev.hash:
            return ChainReport(
                False, checked, prev_hash, ev.seq, "changed", f"Peristiwa #{ev.seq} telah diubah."
            )
        if ev.seq != expected_seq:
            problem = "removed" if ev.seq > expected_seq else "reordered"
            what = "hilang (dihapus)" if problem == "removed" else "tidak berurutan"
            return ChainReport(
                False, checked, prev_hash, expected_seq, problem, f"Peristiwa #{expected_seq} {what}."
            )
        if ev.prev_hash != prev_hash:
            return ChainReport(
                False,
                checked,
                prev_hash,
                ev.seq,
                "inserted",
                f"Peristiwa #{ev.seq} tidak tersambung ke peristiwa sebelumnya (disisipkan atau diganti).",
            )
        prev_hash = ev.hash
        expected_seq += 1
        checked += 1
    if expected_last_seq is not None and checked != expected_last_seq:
        return ChainReport(
            False,
            checked,
            prev_hash,
            checked + 1,
            "removed",
            f"Rantai berakhir di #{checked}, padahal kepala rantai mencatat #{expected_last_seq}.",
        )
    return ChainReport(True, checked, prev_hash, message=f"{checked} peristiwa utuh.")
