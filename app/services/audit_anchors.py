"""Where the anchors of the audit chain are found (see ``app.domain.audit_anchors``).

Each source is a function ``(session, ctx) -> anchors`` run inside the verifier's read
transaction. The sources: the sealed head, each closing of a day (the head recorded in
``day_lock``), the head printed on each archived day summary (read back from the PDF itself), the
head inside each backup in the backup folder, and — at a branch of a region — the head the Kanwil
recorded as it received the branch's trail (``regional_heads``).

The Kanwil records each branch's head as it replicates (``app.db.regional_heads``: a trigger that
only ever raises it) and sends that record down with the reference data. A branch asks the Kanwil
for it on verify and also reads its own copy; a trail cut after the Kanwil saw it fails here as
"beyond_head", one rewritten up to it as "mismatch". At the Kanwil itself the same
``check_anchors`` runs over each branch's replicated chain (``app.services.region.audit``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.backup_head import backup_head
from app.db.day_models import DayLock
from app.db.homes import home_branch
from app.db.ids import BLOCK, local_part
from app.db.models import AuditEvent, AuditHead, Setting
from app.db.regional_heads import recorded_head
from app.db.search_models import AuditSeal
from app.domain.audit import seal_mac
from app.domain.audit_anchors import Anchor, AnchorFinding, check_anchors, unreadable
from app.domain.day_summary import long_date
from app.domain.regional_anchors import KanwilRecord, kanwil_anchors
from app.domain.states import DayStatus
from app.infra.settings import load_settings
from app.pdf.reading import printed_audit_head
from app.services.context import ServiceContext
from app.services.kanwil import (
    KANWIL_CODE,
    KANWIL_URL,
    ROLE,
    KanwilUnreachableError,
    ask_kanwil,
    settings_of,
)

AnchorSource = Callable[[Session, ServiceContext], Iterable[Anchor | AnchorFinding]]


def sealed_head(session: Session, ctx: ServiceContext) -> Iterator[Anchor | AnchorFinding]:
    """The head row, when its seal (an HMAC over seq and hash) holds."""
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
    mac = session.execute(select(AuditSeal.mac).where(AuditSeal.id == 1)).scalar_one_or_none()
    last = local_part(int(head.last_seq))
    if last == 0 and not mac:
        return
    if mac is None or not hmac.compare_digest(mac, seal_mac(ctx.audit_key, last, head.last_hash)):
        yield unreadable("seal", "Segel kepala rantai", "segel tidak cocok dengan kepala rantai.")
        return
    yield Anchor("seal", "Segel kepala rantai", last, str(head.last_hash))


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def closed_days(session: Session, ctx: ServiceContext) -> Iterator[Anchor]:
    """The day's last event as recorded when each day was closed (reopened closings included)."""
    rows = session.execute(
        select(DayLock.business_date, DayLock.audit_seq, DayLock.audit_hash, DayLock.status).order_by(
            DayLock.id
        )
    )
    for day, seq, digest, status in rows:
        if seq is None:
            continue
        note = " (kemudian dibuka kembali)" if status == DayStatus.REOPENED else ""
        yield Anchor(
            "day_close", f"Penutupan hari {long_date(_day(day))}{note}", local_part(int(seq)), digest
        )


def archived_summaries(session: Session, ctx: ServiceContext) -> Iterator[Anchor | AnchorFinding]:
    """The head printed on each archived day summary: read from the PDF, not from its row."""
    rows = session.execute(
        select(DayLock.id, DayLock.business_date, DayLock.audit_seq, DayLock.pdf_sha256).order_by(DayLock.id)
    )
    for lock_id, day, seq, digest in rows:
        label = f"Ringkasan hari {long_date(_day(day))} (PDF arsip)"
        pdf = session.execute(select(DayLock.pdf).where(DayLock.id == lock_id)).scalar_one()
        if hashlib.sha256(bytes(pdf)).hexdigest() != digest:
            yield unreadable(
                "day_pdf", label, "PDF arsip tidak cocok dengan hash yang dicatat saat penutupan."
            )
            continue
        printed = printed_audit_head(bytes(pdf))
        if printed is None:
            if seq is not None:
                yield unreadable("day_pdf", label, "kepala rantai audit tidak terbaca di PDF arsip.")
            continue
        yield Anchor("day_pdf", label, local_part(printed.seq), printed.hash)


def _backup_head(path: Path, fingerprint: str | None) -> tuple[int, str, dt.datetime] | None:
    """(seq, hash, time of that event) of a SQLite backup of THIS database (same audit key); None
    for anything else (another database, another key, not readable)."""
    head = backup_head(path, fingerprint)
    return None if head is None else (local_part(head[0]), head[1], head[2])


def _last_restore(session: Session) -> tuple[int, dt.datetime] | None:
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.occurred_at)
        .where(AuditEvent.action == "db.restore")
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    at = row[1] if row[1].tzinfo else row[1].replace(tzinfo=dt.UTC)
    return local_part(int(row[0])), at


def backup_heads(session: Session, ctx: ServiceContext) -> Iterator[Anchor]:
    """The head inside each SQLite backup of this database in the backup folder. A backup made
    before the latest restore and beyond its point belongs to the replaced history: not compared."""
    configured = load_settings(ctx.paths).backup_dir
    folder = Path(configured).expanduser() if configured else ctx.paths.data / "backups"
    if not folder.is_dir():
        return
    fp = session.get(Setting, "audit_key_fingerprint")
    restore = _last_restore(session)
    for path in sorted(folder.glob("*.sqlite3")):
        if path.name.startswith(".") or path.name.startswith("loket-replaced-"):
            continue
        head = _backup_head(path, fp.value if fp else None)
        if head is None:
            continue
        seq, digest, at = head
        if restore is not None and at < restore[1] and seq >= restore[0]:
            continue
        yield Anchor("backup", f"Cadangan {path.name}", seq, digest)


def _written_since(session: Session, ctx: ServiceContext, base: int, record: KanwilRecord) -> bool:
    """The Kanwil saw an event this check's snapshot does not hold yet: written (and sent up) after
    the check began, and still there now with the same hash."""
    newest = session.execute(
        select(func.max(AuditEvent.seq)).where(AuditEvent.seq > base, AuditEvent.seq < base + BLOCK)
    ).scalar_one()
    if record.seq <= local_part(int(newest or base)):
        return False

    def now(fresh: Session) -> str | None:
        return fresh.execute(
            select(AuditEvent.hash).where(AuditEvent.seq == base + record.seq)
        ).scalar_one_or_none()

    return ctx.read(now) == record.hash


def regional_heads(session: Session, ctx: ServiceContext) -> Iterator[Anchor | AnchorFinding]:
    """The head the Kanwil recorded of this branch's trail: asked of the Kanwil (short timeout),
    and the copy that came down with the reference data (used alone when the Kanwil does not
    answer). Nothing on SQLite, at the Kanwil, or at a branch outside a region."""
    if session.get_bind().dialect.name != "postgresql":
        return
    settings = settings_of(session)
    home = home_branch(session)
    if settings.get(ROLE) != "branch" or home is None:
        return
    kanwil = settings.get(KANWIL_CODE, "")
    copy = recorded_head(session.connection(), home.code)
    try:
        live = ask_kanwil(ctx, lambda conn: recorded_head(conn, home.code), settings.get(KANWIL_URL))
    except KanwilUnreachableError as exc:
        yield from kanwil_anchors(kanwil, home.timezone, None, copy, unreachable=exc.message)
        return
    items = kanwil_anchors(kanwil, home.timezone, live, copy)
    if live is not None and _written_since(session, ctx, home.id - local_part(home.id), live):
        first = items[0]  # the Kanwil's own answer comes first
        assert isinstance(first, Anchor)
        done = f"{first.label}: #{live.seq} cocok (dicatat sesudah pemeriksaan dimulai)."
        items[0] = AnchorFinding(first, None, done)
    yield from items


SOURCES: tuple[AnchorSource, ...] = (
    sealed_head,
    closed_days,
    archived_summaries,
    backup_heads,
    regional_heads,
)


def check_all(
    session: Session, ctx: ServiceContext, head_seq: int, sources: Iterable[AnchorSource] = SOURCES
) -> tuple[AnchorFinding, ...]:
    """Every anchor every source finds, compared with the chain as it is in ``session``."""
    anchors: list[Anchor] = []
    findings: list[AnchorFinding] = []
    for source in sources:
        for item in source(session, ctx):
            if isinstance(item, AnchorFinding):
                findings.append(item)
            else:
                anchors.append(item)

    # Anchors and ``head_seq`` are positions in the chain; rows are stored in the database's block.
    last = int(session.execute(select(AuditHead.last_seq).where(AuditHead.id == 1)).scalar_one())
    base = last - local_part(last)

    def hash_at(seq: int) -> str | None:
        return session.execute(
            select(AuditEvent.hash).where(AuditEvent.seq == base + seq)
        ).scalar_one_or_none()

    return tuple(findings) + check_anchors(anchors, head_seq, hash_at)


def describe(findings: Iterable[AnchorFinding]) -> list[dict[str, object]]:
    """JSON-able form for ``loket audit verify --json``."""
    return [
        {
            "kind": f.anchor.kind,
            "where": f.anchor.label,
            "seq": f.anchor.seq,
            "hash": f.anchor.hash,
            "ok": f.ok,
            "problem": f.problem,
            "message": f.message,
        }
        for f in findings
    ]
