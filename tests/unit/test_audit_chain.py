"""The audit chain detects edits, deletions, insertions and reordering."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from app.domain.audit import (
    GENESIS,
    ChainReport,
    EventRow,
    canonical_json,
    event_hash,
    iso_utc,
    verify_rows,
)

KEY = b"k" * 32


@dataclasses.dataclass(frozen=True, slots=True)
class ChainedEvent:
    """One audit event held in memory, so a test can edit, drop or swap it before the check."""

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

    def as_row(self) -> EventRow:
        """The event as the audit service reads it from the table."""
        return (
            self.seq,
            iso_utc(self.occurred_at),
            self.actor,
            self.counter,
            self.action,
            self.entity,
            self.entity_id,
            self.member_id,
            self.details,
            self.prev_hash,
            self.hash,
        )


def verify_chain(
    key: bytes, events: Iterable[ChainedEvent], *, expected_last_seq: int | None = None
) -> ChainReport:
    return verify_rows(key, (ev.as_row() for ev in events), expected_last_seq=expected_last_seq)


def chain(n: int) -> list[ChainedEvent]:
    out: list[ChainedEvent] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        fields = dict(
            seq=seq,
            occurred_at=dt.datetime(2026, 11, 23, 3, seq, tzinfo=dt.UTC),
            actor="budi",
            counter="L1",
            action="member.enrol",
            entity="member",
            entity_id=f"N{seq}",
            member_id=seq,
            details=canonical_json({"i": seq}),
            prev_hash=prev,
        )
        h = event_hash(KEY, **fields)  # type: ignore[arg-type]
        out.append(ChainedEvent(**fields, hash=h))  # type: ignore[arg-type]
        prev = h
    return out


def test_intact_chain() -> None:
    r = verify_chain(KEY, chain(5), expected_last_seq=5)
    assert r.ok and r.checked == 5


def test_edit_detected() -> None:
    evs = chain(5)
    evs[2] = dataclasses.replace(evs[2], details=canonical_json({"i": 99}))
    r = verify_chain(KEY, evs)
    assert not r.ok and r.first_bad_seq == 3 and r.problem == "changed"


def test_delete_detected() -> None:
    evs = chain(5)
    del evs[1]
    r = verify_chain(KEY, evs)
    assert not r.ok and r.first_bad_seq == 2 and r.problem == "removed"


def test_truncation_detected_against_head() -> None:
    r = verify_chain(KEY, chain(5)[:4], expected_last_seq=5)
    assert not r.ok and r.first_bad_seq == 5


def test_reorder_detected() -> None:
    evs = chain(5)
    evs[1], evs[2] = evs[2], evs[1]
    r = verify_chain(KEY, evs)
    assert not r.ok and r.first_bad_seq == 2


def test_wrong_key_detected() -> None:
    r = verify_chain(b"x" * 32, chain(3))
    assert not r.ok and r.first_bad_seq == 1
