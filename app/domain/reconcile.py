"""Business rows against the audit trail: what each kind of row must have in the trail, in words.

Pure helpers for ``app.services.audit_reconcile``: a merge of several key-sorted streams (so a
million rows are compared without holding them in memory), receipt-number series, and the
stable codes and Indonesian messages of each discrepancy.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.money import format_rupiah


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One row without its event, one event without its row, or a row that no longer says what its
    event says. ``code`` is stable (scripts), ``message`` is for the supervisor."""

    code: str
    key: str
    message: str


def _tag(i: int, stream: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, int, Any]]:
    for key, payload in stream:
        yield key, i, payload


def merge_streams(*streams: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, list[list[Any]]]]:
    """Merge streams of ``(key, payload)``, each sorted by key (bytewise), into one pass over the
    keys: ``(key, [payloads of stream 0, payloads of stream 1, …])``."""
    tagged = [_tag(i, stream) for i, stream in enumerate(streams)]
    merged = heapq.merge(*tagged, key=lambda t: (t[0], t[1]))
    for key, group in itertools.groupby(merged, key=lambda t: t[0]):
        found: list[list[Any]] = [[] for _ in streams]
        for _k, i, payload in group:
            found[i].append(payload)
        yield key, found


_SERIAL = re.compile(r"^(?P<series>(?:TBI|TBS)-\d{3}-\d{4})-(?P<serial>\d{6})$")


def receipt_series(receipt_no: str) -> tuple[str, int] | None:
    """``TBI-101-2026-000042`` → ("TBI-101-2026", 42); None for a sponsor's per-member slip
    (``…/0001``), which is numbered inside its collective receipt."""
    m = _SERIAL.match(receipt_no)
    return (m["series"], int(m["serial"])) if m else None


def missing_serials(present: Iterable[int], issued: int) -> Iterator[int]:
    """Serials 1..``issued`` (the series' counter) that no row carries, from ``present`` sorted
    ascending (duplicates allowed); a stream, so a year of receipts needs no memory."""
    expected = 1
    for n in present:
        if n < expected:
            continue
        yield from range(expected, min(n, issued + 1))
        expected = n + 1
    yield from range(expected, issued + 1)


def rupiah(value: Any) -> str:
    return format_rupiah(int(value)) if isinstance(value, int) else str(value)


def first_of(values: Sequence[Any]) -> Any:
    return values[0] if values else None
