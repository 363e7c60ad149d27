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


# One encoder for every call (``json.dumps`` with options builds a new one each time).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_json(data: Any) -> str:
    """Stable text for hashing: sorted keys, no spaces, UTF-8 kept as is."""
    return _CANONICAL.encode(data)


# A redacted event keeps the digest of its original details (in the ``details`` slot of an
# EventRow, behind this prefix) so the chain still verifies after personal data is purged.
REDACTED_PREFIX = "\x00sha256:"
# What a purged event's details say instead. The stored digest stands in for the details ONLY
# behind this text: details present in any other form are hashed themselves, so rewriting them
# and resetting the digest column to the original's hash is a changed event, not a redaction.
REDACTED_DETAILS = json.dumps({"disamarkan": "retensi data pribadi berakhir"}, ensure_ascii=False)


def details_digest(details: str) -> str:
    """What the chain actually signs for an event's details: their SHA-256, so the details
    themselves can be purged later (UU PDP retention) without breaking the chain."""
    if details.startswith(REDACTED_PREFIX):
        return details[len(REDACTED_PREFIX) :]
    return hashlib.sha256(details.encode("utf-8")).hexdigest()


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
            details_digest(details),
            prev_hash,
        ]
    )
    return hmac.digest(key, body.encode("utf-8"), "sha256").hex()  # one call into OpenSSL


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The verdict on an audit chain: whether it holds, how far it was checked and where it broke."""

    ok: bool
    checked: int
    head: str
    first_bad_seq: int | None = None
    problem: str | None = None  # "changed", "removed", "inserted", "reordered"
    message: str = ""


# One stored event as plain values, in this order (what the verifier streams from the database):
# seq, occurred_at (ISO UTC with microseconds), actor, counter, action, entity, entity_id,
# member_id, details (canonical JSON), prev_hash, hash.
EventRow = tuple[int, str, str, str, str, str, str | None, int | None, str, str, str]

_ENCODER = _CANONICAL  # the verifier encodes exactly as the writer does
# How far away a displaced event is looked for when classifying a break (only on failure).
LOOKAROUND = 16


def iso_utc(value: dt.datetime | str) -> str:
    """The hashed form of an instant; SQLite hands back naive UTC text, PostgreSQL aware values."""
    if type(value) is str and len(value) == 26 and value[10] == " ":
        # SQLite's own text for a naive UTC instant, "2026-11-23 03:00:00.000000": no parsing needed
        # (a million events: a second saved).
        return f"{value[:10]}T{value[11:]}+00:00"
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    return when.isoformat(timespec="microseconds")


def row_hash(key: bytes, row: EventRow, seq: int | None = None) -> str:
    """The HMAC an event row should carry (optionally as if it stood at ``seq``)."""
    body = _ENCODER.encode([row[0] if seq is None else seq, *row[1:8], details_digest(row[8]), row[9]])
    return hmac.digest(key, body.encode("utf-8"), "sha256").hex()


def seal_mac(key: bytes, last_seq: int, last_hash: str) -> str:
    """The seal over the chain's head: rewinding the head after cutting the tail breaks it."""
    body = canonical_json(["audit-head", last_seq, last_hash])
    return hmac.digest(key, body.encode("utf-8"), "sha256").hex()  # one call into OpenSSL


def _bad(checked: int, head: str, seq: int, problem: str, message: str) -> ChainReport:
    return ChainReport(False, checked, head, seq, problem, message)


def _classify(
    key: bytes, cur: EventRow, nxt: EventRow | None, prev: str, expected: int, checked: int
) -> ChainReport:
    """``cur`` stands at the expected seq but its HMAC does not match: say what happened."""
    # A genuine event from further down the chain (its HMAC holds at its original seq)?
    origin = next(
        (expected + d for d in range(1, LOOKAROUND + 1) if row_hash(key, cur, expected + d) == cur[10]), None
    )
    # The genuine event for this place now one further down: something was put before it.
    displaced = (
        nxt is not None
        and nxt[0] == expected + 1
        and nxt[9] == prev
        and row_hash(key, nxt, expected) == nxt[10]
    )
    if origin == expected + 1 and displaced:
        return _bad(
            checked,
            prev,
            expected,
            "reordered",
            f"Peristiwa #{expected} dan #{expected + 1} bertukar urutan.",
        )
    if origin is not None and (
        displaced or nxt is None or row_hash(key, nxt, nxt[0] + origin - expected) != nxt[10]
    ):
        return _bad(
            checked, prev, expected, "reordered", f"Peristiwa #{origin} dipindahkan ke posisi #{expected}."
        )
    if origin is not None:
        return _bad(
            checked,
            prev,
            expected,
            "removed",
            f"Peristiwa #{expected} (dan {origin - expected - 1} sesudahnya) dihapus; nomor urut berikutnya digeser.",
        )
    if displaced:
        return _bad(
            checked,
            prev,
            expected,
            "inserted",
            f"Peristiwa #{expected} disisipkan; peristiwa asli #{expected} bergeser ke bawah.",
        )
    return _bad(checked, prev, expected, "changed", f"Peristiwa #{expected} telah diubah.")


def verify_rows(key: bytes, rows: Iterable[EventRow], *, expected_last_seq: int | None = None) -> ChainReport:
    """Walk event rows in ``seq`` order and report the first change, removal, insertion or
    reordering. ``expected_last_seq`` is the (trusted) head: rows beyond it were inserted,
    a chain ending before it lost its newest events."""
    encode = _ENCODER.encode
    digest = hmac.digest
    sha256 = hashlib.sha256
    prefix, cut = REDACTED_PREFIX, len(REDACTED_PREFIX)
    it = iter(rows)
    prev_hash = GENESIS
    expected = 1
    cur = next(it, None)
    while cur is not None:
        nxt = next(it, None)
        seq = cur[0]
        checked = expected - 1
        if expected_last_seq is not None and seq > expected_last_seq:
            return _bad(
                checked,
                prev_hash,
                seq,
                "inserted",
                f"Peristiwa #{seq} ada sesudah ujung rantai (#{expected_last_seq}): disisipkan.",
            )
        if seq != expected:
            if nxt is not None and nxt[0] < seq:
                return _bad(
                    checked, prev_hash, expected, "reordered", f"Peristiwa #{expected} tidak berurutan."
                )
            return _bad(checked, prev_hash, expected, "removed", f"Peristiwa #{expected} hilang (dihapus).")
        details = cur[8]
        signed = details[cut:] if details.startswith(prefix) else sha256(details.encode("utf-8")).hexdigest()
        body = encode([seq, cur[1], cur[2], cur[3], cur[4], cur[5], cur[6], cur[7], signed, cur[9]]).encode(
            "utf-8"
        )
        if digest(key, body, "sha256").hex() != cur[10]:
            return _classify(key, cur, nxt, prev_hash, expected, checked)
        if cur[9] != prev_hash:
            return _bad(
                checked,
                prev_hash,
                seq,
                "inserted",
                f"Peristiwa #{seq} tidak tersambung ke peristiwa sebelumnya (disisipkan atau diganti).",
            )
        prev_hash = cur[10]
        expected += 1
        cur = nxt
    checked = expected - 1
    if expected_last_seq is not None and checked != expected_last_seq:
        return _bad(
            checked,
            prev_hash,
            checked + 1,
            "removed",
            f"Rantai berakhir di #{checked}, padahal kepala rantai mencatat #{expected_last_seq}.",
        )
    return ChainReport(True, checked, prev_hash, message=f"{checked} peristiwa utuh.")
