"""At the Kanwil: each branch's replicated audit trail against the head the Kanwil recorded as it
received it (``loket region audit``), said per branch in plain Indonesian.

The Kanwil does not hold the branches' audit keys, so it cannot recompute an event's keyed hash.
What it can check without them: the branch's events it holds are numbered without gaps from #1,
each names the one before it (``prev_hash``), and the chain still reaches the head the Kanwil
recorded (``regional_audit_head``), with the same hash there. A branch that cut its tail after the
Kanwil saw it fails as "beyond_head" (the cut was replicated as deletes; the record did not go
down), one that rewrote an event up to it as "mismatch". Each event's own content is checked at
the branch, with its key (``loket audit verify``, which asks the Kanwil for the same record).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.homes import home_branch
from app.db.ids import block_of
from app.db.region_models import RegionBranch
from app.db.regional_heads import chain_links, event_hash, kanwil_trigger_installed, recorded_heads
from app.domain.audit_anchors import Anchor, check_anchors
from app.domain.regional_anchors import KIND, KanwilRecord, check_links, kanwil_label
from app.domain.roles import Permission
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.region.setup import require_kanwil

NOTE = (
    "Tanpa kunci audit cabang, Kanwil memeriksa urutan dan sambungan hash antarperistiwa serta kepala "
    "rantai yang dicatatnya; isi tiap peristiwa diperiksa di cabang dengan 'loket audit verify'."
)
TRIGGER_MISSING = (
    "Pemicu pencatat kepala rantai audit di Kanwil hilang atau tidak aktif: kepala rantai cabang tidak "
    "dicatat lagi. Pasang lagi dengan 'loket region repair --branch KODE --supervisor USERNAME'."
)


@dataclass(frozen=True, slots=True)
class BranchTrailDTO:
    """One branch's trail as the Kanwil holds it."""

    code: str
    name: str
    events: int  # the branch's events held at the Kanwil
    last_seq: int  # the newest of them (position in the branch's chain)
    recorded_seq: int | None  # what the Kanwil recorded, None before any arrived
    recorded_label: str | None
    ok: bool
    problem: str | None  # "removed" | "changed" | "beyond_head" | "mismatch" | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "branch": self.code,
            "name": self.name,
            "events": self.events,
            "last_seq": self.last_seq,
            "recorded_seq": self.recorded_seq,
            "recorded": self.recorded_label,
            "ok": self.ok,
            "problem": self.problem,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class RegionalAuditDTO:
    """The result of checking every branch's audit trail as it arrived at the Kanwil."""

    where: str
    trigger_ok: bool
    branches: tuple[BranchTrailDTO, ...]

    @property
    def ok(self) -> bool:
        return self.trigger_ok and all(b.ok for b in self.branches)

    def lines(self) -> list[str]:
        out = [
            f"{self.where}: jejak audit tiap cabang dibandingkan dengan kepala rantai yang dicatat Kanwil."
        ]
        if not self.trigger_ok:
            out.append(f"  ! {TRIGGER_MISSING}")
        for b in self.branches:
            out.append(f"  {b.code} {b.name}: {'UTUH' if b.ok else 'TIDAK UTUH'} — {b.message}")
        out.append(NOTE)
        bad = sum(1 for b in self.branches if not b.ok)
        out.append("Hasil: semua cabang UTUH." if self.ok else f"Hasil: {bad} cabang TIDAK UTUH.")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "ok": self.ok,
            "trigger_ok": self.trigger_ok,
            "branches": [b.as_json() for b in self.branches],
            "note": NOTE,
        }


def _trail(
    conn: sa.Connection, code: str, name: str, head: KanwilRecord | None, timezone: str
) -> BranchTrailDTO:
    base = block_of(code)
    links = check_links(chain_links(conn, base))

    def trail(ok: bool, problem: str | None, message: str) -> BranchTrailDTO:
        recorded = None if head is None else head.seq
        return BranchTrailDTO(code, name, links.events, links.last_seq, recorded, label, ok, problem, message)

    label = None if head is None else kanwil_label("", head, timezone)
    if head is not None and label is not None:
        anchor = Anchor(KIND, label, head.seq, head.hash)
        (finding,) = check_anchors([anchor], links.last_seq, lambda pos: event_hash(conn, base + pos))
        if not finding.ok:
            return trail(False, finding.problem, finding.message)
    if links.problem is not None:
        return trail(False, links.problem, links.message)
    if head is None:
        return trail(
            True,
            None,
            f"{links.events} peristiwa bersambung; Kanwil belum mencatat kepala rantai cabang ini.",
        )
    return trail(True, None, f"{links.events} peristiwa bersambung, sampai #{head.seq} yang dicatat {label}.")


def regional_audit(ctx: ServiceContext, actor: Actor) -> RegionalAuditDTO:
    """Every branch of the region (supervisor of the Kanwil), in one snapshot."""
    authorize(ctx, actor, Permission.REGION)
    require_kanwil(ctx)

    def work(session: Session) -> RegionalAuditDTO:
        conn = session.connection()
        home = home_branch(session)
        where = f"Kanwil {home.code} {home.name}" if home else "Kanwil"
        heads = recorded_heads(conn)
        branches = session.execute(sa.select(RegionBranch).order_by(RegionBranch.code)).scalars().all()
        trails = tuple(_trail(conn, b.code, b.name, heads.get(b.code), b.timezone) for b in branches)
        return RegionalAuditDTO(where, kanwil_trigger_installed(conn), trails)

    with ctx.session_factory() as session:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        try:
            return work(session)
        finally:
            session.rollback()
