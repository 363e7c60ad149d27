"""Appending to and verifying the hash-chained audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.db.driver import Driver
from app.db.models import AuditEvent, AuditHead, Branch, Setting
from app.db.search_models import AuditSeal
from app.domain.audit import (
    REDACTED_PREFIX,
    ChainReport,
    EventRow,
    canonical_json,
    event_hash,
    iso_utc,
    seal_mac,
    verify_rows,
)
from app.domain.clock import business_date
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.services.context import ServiceContext
from app.services.dto import Actor

SYSTEM = "system"
_HEAD = cast(Table, AuditHead.__table__)
_EVENTS = cast(Table, AuditEvent.__table__)
_BUMP_HEAD_SQL = "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash"
_SET_HEAD_HASH_SQL = "UPDATE audit_head SET last_hash = ? WHERE id = 1"
_SET_SEAL_SQL = "UPDATE audit_seal SET mac = ? WHERE id = 1"
_SET_HEAD_HASH = update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("h"))
_SEAL = cast(Table, AuditSeal.__table__)
_SET_SEAL = update(_SEAL).where(_SEAL.c.id == 1).values(mac=bindparam("mac"))


def _branch_timezone(session: Session, ctx: ServiceContext) -> str:
    tz = ctx.cache.get("branch_timezone")
    if tz is None:
        tz = session.execute(select(Branch.timezone).limit(1)).scalar() or "Asia/Jakarta"
        ctx.cache["branch_timezone"] = tz
    return str(tz)


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
) -> int:
    """Add one event to the chain inside the caller's transaction; returns its sequence number.

    Bumping the head row first locks it (PostgreSQL row lock; SQLite already holds the write
    lock), so sequence numbers are gapless and each ``prev_hash`` is the event before it.
    """
    driver = Driver.of(session)  # every write of the day passes here: straight to the driver
    seq, prev_hash = driver.execute(_BUMP_HEAD_SQL).one()
    occurred = (at or ctx.clock()).astimezone(dt.UTC)
    body = canonical_json(details or {})
    username = actor.username if actor else SYSTEM
    digest = event_hash(
        ctx.audit_key,
        seq=seq,
        occurred_at=occurred,
        actor=username,
        counter=ctx.counter,
        action=action,
        entity=entity,
        entity_id=entity_id,
        member_id=member_id,
        details=body,
        prev_hash=prev_hash,
    )
    driver.insert(
        _EVENTS,
        {
            "seq": seq,
            "occurred_at": occurred,
            "business_date": business_date(occurred, _branch_timezone(session, ctx)),
            "officer_id": actor.id if actor else None,
            "actor": username,
            "counter": ctx.counter,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "member_id": member_id,
            "details": body,
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    driver.execute(_SET_HEAD_HASH_SQL, (digest,))
    driver.execute(_SET_SEAL_SQL, (seal_mac(ctx.audit_key, int(seq), digest),))
    return int(seq)


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One event for ``append_events``."""

    action: str
    entity: str
    entity_id: str | None = None
    member_id: int | None = None
    details: dict[str, Any] | None = None


_BUMP_HEAD_BY = (
    update(_HEAD)
    .where(_HEAD.c.id == 1)
    .values(last_seq=_HEAD.c.last_seq + bindparam("n"))
    .returning(_HEAD.c.last_seq, _HEAD.c.last_hash)
)


def append_events(
    session: Session,
    ctx: ServiceContext,
    *,
    actor: Actor | None,
    events: Sequence[AuditItem],
    at: dt.datetime | None = None,
) -> int:
    """Many events in one go (bulk imports), chained exactly as ``append_event`` chains them.

    The head row is bumped once by ``len(events)`` (taking its lock), the hashes are chained in
    memory and the rows go in with one executemany. Returns the last sequence number.
    """
    if not events:
        return 0
    conn = session.connection()
    last_seq, prev_hash = conn.execute(_BUMP_HEAD_BY, {"n": len(events)}).one()
    seq = int(last_seq) - len(events)
    occurred = (at or ctx.clock()).astimezone(dt.UTC)
    day = business_date(occurred, _branch_timezone(session, ctx))
    username = actor.username if actor else SYSTEM
    rows = []
    for ev in events:
        seq += 1
        body = canonical_json(ev.details or {})
        digest = event_hash(
            ctx.audit_key,
            seq=seq,
            occurred_at=occurred,
            actor=username,
            counter=ctx.counter,
            action=ev.action,
            entity=ev.entity,
            entity_id=ev.entity_id,
            member_id=ev.member_id,
            details=body,
            prev_hash=prev_hash,
        )
        rows.append(
            {
                "seq": seq,
                "occurred_at": occurred,
                "business_date": day,
                "officer_id": actor.id if actor else None,
                "actor": username,
                "counter": ctx.counter,
                "action": ev.action,
                "entity": ev.entity,
                "entity_id": ev.entity_id,
                "member_id": ev.member_id,
                "details": body,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    bulk_insert(conn, _EVENTS, rows)
    conn.execute(_SET_HEAD_HASH, {"h": prev_hash})
    conn.execute(_SET_SEAL, {"mac": seal_mac(ctx.audit_key, seq, prev_hash)})
    return seq


VERIFY_BATCH = 20_000


def _iter_rows(
    session: Session, last_seq: int | None, progress: ProgressSink, cancel: CancelToken
) -> Iterator[EventRow]:
    """Every event as plain values, in seq order, in batches (no ORM objects: 1M events in seconds)."""
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
    after = 0
    total = last_seq or 0
    while True:
        if cancel.cancelled:
            raise Cancelled()
        result = cast(
            CursorResult[Any],
            conn.execute(select(*cols).where(t.seq > after).order_by(t.seq).limit(VERIFY_BATCH)),
        )
        rows = result.cursor.fetchall()
        result.close()
        for r in rows:
            details = r[8] if r[11] is None else REDACTED_PREFIX + r[11]
            yield (r[0], iso_utc(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], details, r[9], r[10])
        if len(rows) < VERIFY_BATCH:
            return
        after = rows[-1][0]
        progress(min(after, total), total, f"{after:,} peristiwa diperiksa".replace(",", "."))


def verify_audit(
    ctx: ServiceContext, *, progress: ProgressSink = no_progress, cancel: CancelToken = NEVER
) -> ChainReport:
    """Check the whole chain and its sealed head; report the first event changed, removed,
    inserted or reordered."""

    def work(session: Session) -> ChainReport:
        head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
        stored_seal = session.execute(select(AuditSeal.mac).where(AuditSeal.id == 1)).scalar_one_or_none()
        fresh = head.last_seq == 0 and not stored_seal
        sealed = fresh or (
            stored_seal is not None
            and hmac.compare_digest(stored_seal, seal_mac(ctx.audit_key, head.last_seq, head.last_hash))
        )
        report = verify_rows(
            ctx.audit_key,
            _iter_rows(session, head.last_seq, progress, cancel),
            expected_last_seq=head.last_seq if sealed else None,
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
                head.last_seq,
                "changed",
                "Kepala rantai audit tidak cocok.",
            )
        return report

    # One snapshot for head and events, so counters appending meanwhile are not "inserted".
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
    def work(session: Session) -> str | None:
        row = session.get(Setting, _FINGERPRINT_KEY)
        return row.value if row is not None else None

    return ctx.read(work)
