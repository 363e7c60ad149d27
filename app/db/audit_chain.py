"""Appending to the audit chain: one implementation for one event and for many.

The head row is bumped by the number of events first, which locks it until commit (PostgreSQL row
lock; SQLite holds its write lock already), so sequence numbers are gapless and each event's
``prev_hash`` is the event before it, whichever counter wrote it. The events are hashed in that
order, inserted, and the head's hash and its seal are set to the last one. A counter's one event
and an import's ten thousand take the same statements, on the driver (``app.db.driver``).

The chain signs positions within the database's block of ids (``app.db.ids``), so renumbering a
branch into its block (migration 0016) leaves every signature valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table

from app.db.driver import Driver
from app.db.ids import local_part
from app.db.models import AuditEvent
from app.domain.audit import event_hash, seal_mac

_EVENTS = cast(Table, AuditEvent.__table__)
_BUMP_HEAD = "UPDATE audit_head SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq, last_hash"
_SET_HEAD_HASH = "UPDATE audit_head SET last_hash = ? WHERE id = 1"
_SET_SEAL = "UPDATE audit_seal SET mac = ? WHERE id = 1"


@dataclass(frozen=True, slots=True)
class Link:
    """One event to chain; ``details`` is its canonical JSON (``app.domain.audit.canonical_json``)."""

    action: str
    entity: str
    entity_id: str | None
    member_id: int | None
    details: str


@dataclass(frozen=True, slots=True)
class Writer:
    """Who writes the events and when: the same for every event of one append."""

    occurred_at: dt.datetime  # UTC
    business_date: dt.date
    officer_id: int | None
    actor: str
    counter: str


def append_links(driver: Driver, key: bytes, writer: Writer, links: Sequence[Link]) -> int:
    """Chain ``links`` after the head, in the caller's transaction; returns the last sequence number
    (0 when there is nothing to append)."""
    if not links:
        return 0
    last_seq, prev_hash = driver.execute(_BUMP_HEAD, (len(links),)).one()
    seq = int(last_seq) - len(links)
    rows: list[dict[str, Any]] = []
    for link in links:
        seq += 1
        digest = event_hash(
            key,
            seq=local_part(seq),
            occurred_at=writer.occurred_at,
            actor=writer.actor,
            counter=writer.counter,
            action=link.action,
            entity=link.entity,
            entity_id=link.entity_id,
            member_id=None if link.member_id is None else local_part(link.member_id),
            details=link.details,
            prev_hash=prev_hash,
        )
        rows.append(
            {
                "seq": seq,
                "occurred_at": writer.occurred_at,
                "business_date": writer.business_date,
                "officer_id": writer.officer_id,
                "actor": writer.actor,
                "counter": writer.counter,
                "action": link.action,
                "entity": link.entity,
                "entity_id": link.entity_id,
                "member_id": link.member_id,
                "details": link.details,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    if len(rows) == 1:
        driver.insert(_EVENTS, rows[0])
    else:
        driver.insert_many(_EVENTS, rows)
    driver.execute(_SET_HEAD_HASH, (prev_hash,))
    driver.execute(_SET_SEAL, (seal_mac(key, local_part(seq), prev_hash),))
    return seq
