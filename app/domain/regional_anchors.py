"""The Kanwil's record of a branch's audit head as anchors of the chain, and the checks the Kanwil
can run over a branch's replicated chain without the branch's audit key (pure: no I/O).

A branch's ``audit verify`` asks the Kanwil for its record and also reads the copy that came down
with the reference data; ``kanwil_anchors`` turns what it found into anchors for
``check_anchors``. At the Kanwil, ``check_links`` walks a branch's events (position, prev_hash,
hash) and says where the numbering has a gap or an event no longer names the one before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from app.domain.audit import GENESIS
from app.domain.audit_anchors import Anchor, AnchorFinding
from app.domain.day_summary import long_date

KIND = "region"


@dataclass(frozen=True, slots=True)
class KanwilRecord:
    """What the Kanwil recorded of branch ``code``'s chain: the newest event it received
    (``seq``: position within the branch's block), its hash, and when it arrived."""

    code: str
    seq: int
    hash: str
    seen_at: dt.datetime


def kanwil_label(kanwil: str, record: KanwilRecord, timezone: str, *, copy: bool = False) -> str:
    """``Kanwil 900 (diterima 7 Desember 2026)``; the date in the branch's time zone."""
    day = record.seen_at.astimezone(ZoneInfo(timezone)).date()
    where = f"Kanwil {kanwil}".rstrip() + (", salinan di cabang" if copy else "")
    return f"{where} (diterima {long_date(day)})"


def kanwil_anchors(
    kanwil: str,
    timezone: str,
    live: KanwilRecord | None,
    copy: KanwilRecord | None,
    *,
    unreachable: str | None = None,
) -> list[Anchor | AnchorFinding]:
    """Anchors from the Kanwil's own answer (``live``) and the branch's copy of it (``copy``).
    ``unreachable``: the Kanwil did not answer (why, in Indonesian); then only the copy counts.

    Both are anchors when they differ: a copy behind the Kanwil (it is still on its way down)
    must still be reached; a copy ahead of it outlived a record lowered at the Kanwil."""
    out: list[Anchor | AnchorFinding] = []
    if unreachable is not None:
        note = Anchor(KIND, f"Kanwil {kanwil}".rstrip(), 0, None)
        if copy is None:
            why = "Salinan catatan Kanwil tidak ada di cabang: jangkar Kanwil tidak diperiksa."
            return [AnchorFinding(note, None, f"{unreachable} {why}")]
        out.append(AnchorFinding(note, None, f"{unreachable} Dipakai salinan catatan Kanwil di cabang."))
        out.append(Anchor(KIND, kanwil_label(kanwil, copy, timezone, copy=True), copy.seq, copy.hash))
        return out
    if live is not None:
        out.append(Anchor(KIND, kanwil_label(kanwil, live, timezone), live.seq, live.hash))
    if copy is not None and (live is None or (copy.seq, copy.hash) != (live.seq, live.hash)):
        out.append(Anchor(KIND, kanwil_label(kanwil, copy, timezone, copy=True), copy.seq, copy.hash))
    return out


@dataclass(frozen=True, slots=True)
class TrailLinks:
    """A branch's chain as the Kanwil holds it: how many events, the newest position, and the
    first break in numbering or linking (``problem`` "removed" or "changed"), if any."""

    events: int
    last_seq: int
    problem: str | None
    message: str


def check_links(events: Iterable[tuple[int, str, str]]) -> TrailLinks:
    """``events``: (position, prev_hash, hash) in position order. Without the branch's key the
    hashes cannot be recomputed; what still shows is a gap or an event that no longer names the
    one before it."""
    count, last, prev = 0, 0, GENESIS
    problem: str | None = None
    message = ""
    for pos, prev_hash, digest in events:
        count += 1
        if problem is None and pos != last + 1:
            problem = "removed"
            gone = f"#{last + 1}" if pos - 1 == last + 1 else f"#{last + 1} sampai #{pos - 1}"
            message = f"peristiwa {gone} tidak ada di Kanwil (dihapus)."
        elif problem is None and prev_hash != prev:
            problem = "changed"
            message = f"peristiwa #{pos} tidak menyambung ke peristiwa sebelumnya (diubah atau disisipkan)."
        last, prev = pos, digest
    return TrailLinks(count, last, problem, message)
