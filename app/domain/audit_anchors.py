"""Anchors: points of the audit chain recorded somewhere the chain itself cannot rewrite quietly.

A chain that verifies from its first event to its head proves only that nobody changed the events
it still has. A chain emptied, or cut back to an older head whose seal was saved and copied back,
verifies too. What gives it away is a record, kept elsewhere, of how far the chain had already
reached: a closed day's recorded head, the head printed on that day's archived summary, the seal,
a backup's own head, and (with the region) the head the Kanwil server saw when it replicated the
branch. Each such record is an ``Anchor``; ``check_anchors`` says which ones the chain no longer
reaches, or reaches with another event.

Everything here is pure: the caller says where the anchors came from and how to read the hash the
chain has now at a given sequence number, so a Kanwil server can run the same check over a
branch's replicated chain with the heads it recorded as it replicated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchor:
    """``seq`` and its ``hash`` as recorded at ``label`` (Indonesian: where it was found).

    ``hash`` None: only the length is known (the chain must still reach ``seq``)."""

    kind: str  # "day_close", "day_pdf", "seal", "backup", "region"
    label: str
    seq: int
    hash: str | None


@dataclass(frozen=True, slots=True)
class AnchorFinding:
    """What checking one anchor found: whether the chain still reaches it and matches."""

    anchor: Anchor
    problem: str | None  # None: reached and matching; "beyond_head" | "mismatch" | "unreadable"
    message: str

    @property
    def ok(self) -> bool:
        return self.problem is None


def short(h: str | None) -> str:
    return f"{h[:8]}…{h[-8:]}" if h else "–"


def check_anchors(
    anchors: Iterable[Anchor], head_seq: int, hash_at: Callable[[int], str | None]
) -> tuple[AnchorFinding, ...]:
    """Compare every anchor with the chain whose newest event is ``head_seq``; ``hash_at(seq)``
    gives the stored hash of event ``seq`` (None when there is no such event)."""
    out: list[AnchorFinding] = []
    for a in anchors:
        if a.seq <= 0:
            out.append(AnchorFinding(a, None, f"{a.label}: belum ada peristiwa yang dicatat."))
            continue
        if a.seq > head_seq:
            out.append(
                AnchorFinding(
                    a,
                    "beyond_head",
                    f"{a.label} mencatat peristiwa #{a.seq}, tetapi rantai audit sekarang berakhir di "
                    f"#{head_seq}: peristiwa sesudah #{head_seq} hilang (jejak dikosongkan atau ekornya "
                    "dipotong).",
                )
            )
            continue
        now = hash_at(a.seq)
        if a.hash is not None and now != a.hash:
            out.append(
                AnchorFinding(
                    a,
                    "mismatch",
                    f"{a.label} mencatat hash {short(a.hash)} untuk peristiwa #{a.seq}, tetapi rantai "
                    f"sekarang menyimpan {short(now)}: rantai sampai #{a.seq} ditulis ulang.",
                )
            )
            continue
        out.append(AnchorFinding(a, None, f"{a.label}: #{a.seq} cocok."))
    return tuple(out)


def unreadable(kind: str, label: str, why: str) -> AnchorFinding:
    """An anchor that should exist but cannot be read (an archived PDF without its printed head)."""
    return AnchorFinding(Anchor(kind, label, 0, None), "unreadable", f"{label}: {why}")
