"""The audit chain detects edits, deletions, insertions and reordering."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.domain.audit import GENESIS, ChainedEvent, canonical_json, event_hash, verify_chain

KEY = b"k" * 32


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
