"""Appending to and verifying the hash-chained audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select
from sqlalchemy.orm import Session

from app.db.audit_chain import Link, Writer, append_links
from app.db.driver import Driver
from app.db.ids import BLOCK, local_part
from app.db.models import AuditEvent, AuditHead, Setting
from app.db.search_models import AuditSeal
from app.domain.audit import (
    REDACTED_DETAILS,
    REDACTED_PREFIX,
    ChainReport,
    EventRow,
    canonical_json,
    iso_utc,
    seal_mac,
    verify_rows,
)
from app.domain.audit_anchors import AnchorFinding
from app.domain.clock import business_date
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.services.audit_anchors import SOURCES as ANCHOR_SOURCES
from app.services.audit_anchors import AnchorSource
from app.services.audit_anchors import check_all as check_anchors_in
from app.services.audit_reconcile import Reconciliation, reconcile
from app.services.branch_read import branch_timezone
from app.services.context import ServiceContext
from app.services.dto import Actor

SYSTEM = "system"


def _writer(
    session: Session, ctx: ServiceContext, actor: Actor | None, at: dt.datetime | None, timezone: str | None
) -> Writer:
    occurred = (at or ctx.clock()).astimezone(dt.UTC)
    return Writer(
        occurred_at=occurred,
        business_date=business_date(occurred, timezone or branch_timezone(session, ctx)),
        officer_id=actor.id if actor else None,
        actor=actor.username if actor else SYSTEM,
        counter=ctx.counter,
    )


def append_event(
    session: Session,
    ctx: ServiceContext,
    *,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: str | None = None,
    member_id: int | None = None,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
    timezone: str | None = None,
) -> int:
    """Add one event to the chain inside the caller's transaction; returns its sequence number.

    The chain's head is taken and advanced by ``app.db.audit_chain`` (the one implementation for
    one event and many: gapless sequence numbers, each ``prev_hash`` the event before it). Given the
    branch's ``timezone``, only driver statements run (inside ``Driver.pipeline()``, the hot path).
    """
    link = Link(action, entity, entity_id, member_id, canonical_json(details or {}))
    writer = _writer(session, ctx, actor, at, timezone)
    return append_links(Driver.of(session), ctx.audit_key, writer, (link,))


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One event for ``append_events``."""

    action: str
    entity: str
    entity_id: str | None = None
    member_id: int | None = None
    details: dict[str, Any] | None = None


def append_events(
    session: Session,
    ctx: ServiceContext,
    *,
    actor: Actor | None,
    events: Sequence[AuditItem],
    at: dt.datetime | None = None,
) -> int:
    """Many events in one go (imports, package merges), chained exactly as ``append_event`` chains
    them, by the same code. Returns the last sequence number (0 when ``events`` is empty)."""
    if not events:
        return 0
    links = [
        Link(ev.action, ev.entity, ev.entity_id, ev.member_id, canonical_json(ev.details or {}))
        for ev in events
    ]
    return append_links(Driver.of(session), ctx.audit_key, _writer(session, ctx, actor, at, None), links)


VERIFY_BATCH = 20_000


def chain_base(session: Session) -> int:
    """Where this database's chain starts: the base of the block its head stands in."""
    last = int(session.execute(select(AuditHead.last_seq).where(AuditHead.id == 1)).scalar_one())
    return last - local_part(last)


def _iter_rows(
    session: Session, last_seq: int | None, progress: ProgressSink, cancel: CancelToken, base: int = 0
) -> Iterator[EventRow]:
    """Every event of this database's chain as plain values, in seq order, in batches (no ORM
    objects: 1M events in seconds). Sequence numbers and member ids come as positions within the
    block (what the chain signs); at the Kanwil the other branches' chains are left out."""
    t = AuditEvent.__table__.c
    cols = (
        t.seq,
        t.occurred_at,
        t.actor,
        t.counter,
        t.action,
        t.entity,
        t.entity_id,
        t.member_id,
        t.details,
        t.prev_hash,
        t.hash,
        t.details_digest,
    )
    conn = session.connection()
    after = base
    total = local_part(last_seq or 0)
    end = base + BLOCK
    while True:
        if cancel.cancelled:
            raise Cancelled()
        result = cast(
            CursorResult[Any],
            conn.execute(select(*cols).where(t.seq > after, t.seq < end).order_by(t.seq).limit(VERIFY_BATCH)),
        )
        rows = result.cursor.fetchall()
        result.close()
        for r in rows:
            details = r[8] if r[11] is None or r[8] != REDACTED_DETAILS else REDACTED_PREFIX + r[11]
            member = None if r[7] is None else r[7] % BLOCK
            yield (r[0] - base, iso_utc(r[1]), r[2], r[3], r[4], r[5], r[6], member, details, r[9], r[10])
        if len(rows) < VERIFY_BATCH:
            return
        after = rows[-1][0]
        done = after - base
        progress(min(done, total), total, f"{done:,} peristiwa diperiksa".replace(",", "."))


def _verify_chain(
    session: Session, ctx: ServiceContext, progress: ProgressSink, cancel: CancelToken
) -> ChainReport:
    """The chain from its first event to its sealed head: the first event changed (details
    included), removed, inserted or reordered."""
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
    last = local_part(int(head.last_seq))
    stored_seal = session.execute(select(AuditSeal.mac).where(AuditSeal.id == 1)).scalar_one_or_none()
    fresh = last == 0 and not stored_seal
    sealed = fresh or (
        stored_seal is not None
        and hmac.compare_digest(stored_seal, seal_mac(ctx.audit_key, last, head.last_hash))
    )
    base = int(head.last_seq) - last
    report = verify_rows(
        ctx.audit_key,
        _iter_rows(session, head.last_seq, progress, cancel, base),
        expected_last_seq=last if sealed else None,
    )
    if not report.ok:
        return report
    if not sealed:
        return ChainReport(
            False,
            report.checked,
            report.head,
            report.checked + 1,
            "removed",
            "Segel kepala rantai audit tidak cocok: peristiwa terbaru mungkin dihapus dan kepala "
            "rantai dimundurkan.",
        )
    if report.head != head.last_hash:
        return ChainReport(
            False,
            report.checked,
            report.head,
            last,
            "changed",
            "Kepala rantai audit tidak cocok.",
        )
    return report


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What ``loket audit verify`` found: the chain itself, the anchors recorded outside it, and
    the business rows against their events. ``ok`` only when all three hold."""

    chain: ChainReport
    anchors: tuple[AnchorFinding, ...] = ()
    reconciliation: Reconciliation | None = None

    @property
    def anchors_ok(self) -> bool:
        return all(a.ok for a in self.anchors)

    @property
    def ok(self) -> bool:
        rec = self.reconciliation
        return self.chain.ok and self.anchors_ok and (rec is None or rec.ok)

    @property
    def checked(self) -> int:
        return self.chain.checked

    @property
    def head(self) -> str:
        return self.chain.head

    @property
    def problem(self) -> str | None:
        if not self.chain.ok:
            return self.chain.problem
        if not self.anchors_ok:
            return "anchor"
        return None if self.ok else "unreconciled"

    @property
    def first_bad_seq(self) -> int | None:
        if not self.chain.ok:
            return self.chain.first_bad_seq
        return None if self.anchors_ok else self.chain.checked + 1

    @property
    def message(self) -> str:
        """One paragraph for the day summary and the first line of the command's output."""
        parts = [self.chain.message]
        broken = [a for a in self.anchors if not a.ok]
        if broken:
            parts.append(f"Rantai TIDAK sampai ke {len(broken)} jangkar: {broken[0].message}")
        rec = self.reconciliation
        if rec is not None and not rec.ok:
            first = rec.problems[0].message if rec.problems else ""
            parts.append(f"{rec.total} data tidak cocok dengan jejak audit, mis.: {first}")
        return " ".join(parts)

    def lines(self) -> list[str]:
        """Everything, one finding a line (``loket audit verify`` without ``--json``)."""
        out = [("UTUH: " if self.chain.ok else "RUSAK: ") + self.chain.message]
        reached = sum(1 for a in self.anchors if a.ok and a.anchor.seq > 0)
        out.append(
            f"Jangkar di luar rantai: {reached} cocok, {sum(1 for a in self.anchors if not a.ok)} tidak."
        )
        out += [f"  ! {a.message}" for a in self.anchors if not a.ok]
        rec = self.reconciliation
        if rec is not None:
            checked = ", ".join(f"{n} {kind}" for kind, n in sorted(rec.checked.items()))
            out.append(f"Data dicocokkan dengan jejak audit: {checked or 'belum ada data'}.")
            out += [f"  ! [{d.code}] {d.message}" for d in rec.problems]
            shown = len(rec.problems)
            if rec.total > shown:
                out.append(f"  … dan {rec.total - shown} ketidakcocokan lain (lihat --json).")
        out.append("Hasil: UTUH." if self.ok else "Hasil: TIDAK UTUH.")
        return out


def verify_audit(
    ctx: ServiceContext,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    reconcile_rows: bool = True,
    sources: Iterable[AnchorSource] = ANCHOR_SOURCES,
) -> AuditReport:
    """Check the chain and its sealed head, compare it with every anchor found outside it (closed
    days, archived summaries, backups), and reconcile the business rows with their events."""

    def work(session: Session) -> AuditReport:
        chain = _verify_chain(session, ctx, progress, cancel)
        base = chain_base(session)
        last = session.execute(
            select(func.max(AuditEvent.seq)).where(AuditEvent.seq > base, AuditEvent.seq < base + BLOCK)
        ).scalar_one()
        anchors = check_anchors_in(session, ctx, local_part(int(last or 0)), sources)
        rows = None
        if reconcile_rows:
            if cancel.cancelled:
                raise Cancelled()
            progress(0, 0, "Mencocokkan data dengan jejak audit…")
            rows = reconcile(session)
        return AuditReport(chain, anchors, rows)

    # One snapshot for head, events and rows, so counters writing meanwhile are not "inserted".
    options = (
        {"isolation_level": "REPEATABLE READ"}
        if ctx.engine.dialect.name == "postgresql"
        else {"sqlite_begin": "DEFERRED"}
    )
    with ctx.session_factory() as session:
        session.connection(execution_options=options)
        try:
            return work(session)
        finally:
            session.rollback()


_FINGERPRINT_KEY = "audit_key_fingerprint"


class AuditKeyMismatchError(RuntimeError):
    """This computer's audit key is not the one the database's chain was signed with."""

    def __init__(self) -> None:
        self.message = (
            "Kunci audit di komputer ini berbeda dengan kunci yang dipakai basis data ini. Semua loket yang "
            "memakai basis data yang sama harus memakai kunci audit yang sama: salin kunci dari loket pertama "
            "('loket audit key export -o FILE' di sana, lalu 'loket audit key import FILE' di sini)."
        )
        super().__init__(self.message)


def audit_key_fingerprint(key: bytes) -> str:
    """A short fingerprint of the audit key, stored to notice when a different key is supplied."""
    return hmac.new(key, b"loket/audit-key-fingerprint/v1", hashlib.sha256).hexdigest()[:32]


def check_audit_key(ctx: ServiceContext) -> None:
    """Refuse to work with a key other than the one the chain was started with (recorded on first use)."""
    mine = audit_key_fingerprint(ctx.audit_key)
    stored = database_audit_fingerprint(ctx)
    if stored is None:

        def record(session: Session) -> str:
            row = session.get(Setting, _FINGERPRINT_KEY)
            if row is None:
                session.add(Setting(key=_FINGERPRINT_KEY, value=mine))
                return mine
            return row.value  # another counter recorded its key a moment ago

        stored = ctx.write(record)
    if stored != mine:
        raise AuditKeyMismatchError()


def database_audit_fingerprint(ctx: ServiceContext) -> str | None:
    """The audit key fingerprint recorded in this database, or None before the chain's first use."""

    def work(session: Session) -> str | None:
        row = session.get(Setting, _FINGERPRINT_KEY)
        return row.value if row is not None else None

    return ctx.read(work)
