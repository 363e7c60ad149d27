"""UU PDP 27/2022: a member's own data on request (subject access), and the retention purge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

import app.db.all_models  # noqa: F401  (every table, for the dependency walk)
from app.db.engine import secure_delete
from app.db.models import AuditEvent, Base, Member
from app.db.search_models import MemberDeactivation
from app.domain.audit import REDACTED_DETAILS
from app.domain.clock import business_date
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.infra.paths import resources_dir
from app.infra.workspace import write_private_file
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.dto import Actor

# Tables never purged row by row: the audit trail is redacted instead, and the member row stays as a tombstone.
_KEEP = {"audit_event", "member"}


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def subject_access(ctx: ServiceContext, actor: Actor, key: str) -> dict[str, Any]:
    """Everything Loket holds about one member, as one JSON-able document (audited)."""
    from app.services import cards, contributions, corrections, records

    authorize(ctx, actor, Permission.VIEW_RECORD)
    record = records.open_member_record(ctx, actor, key, via="subject_access")
    number = record.member.number
    payments = contributions.payments_for_member(ctx, number)
    data = {
        "dokumen": "Data pribadi peserta yang disimpan Loket (permintaan subjek data, UU 27/2022)",
        "dibuat": ctx.clock().isoformat(),
        "cabang": record.member.branch_code,
        "peserta": _jsonable(record.member),
        "status_iuran": _jsonable(contributions.member_cover(ctx, number)),
        "pembayaran": _jsonable(payments),
        "kartu": _jsonable(cards.member_cards(ctx, number)),
        "koreksi": _jsonable(corrections.list_corrections(ctx, actor, status=None, member_key=number)),
        "riwayat": _jsonable(records.member_history(ctx, actor, number, include_views=True)),
        "penonaktifan": record.deactivation_reason,
    }
    ctx.write(
        lambda s: append_event(
            s,
            ctx,
            actor=actor,
            action="member.subject_access",
            entity="member",
            entity_id=number,
            member_id=record.member.id,
            details={"parts": sorted(data)},
        )
    )
    return data


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long closed records are kept before their personal data is purged (from resources/data)."""

    closed_record_years: int
    unconfirmed: str


def retention_policy() -> RetentionPolicy:
    """The retention period in force, from resources/data/retention.json."""
    raw = json.loads((resources_dir() / "data" / "retention.json").read_text(encoding="utf-8"))
    return RetentionPolicy(int(raw["closed_record_years"]), str(raw.get("unconfirmed", "")))


@dataclass(frozen=True, slots=True)
class PurgeCandidate:
    """A closed record old enough to be purged, with when and why it was closed."""

    number: str
    closed_on: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge did, or would do in a dry run: the records, rows deleted and audit details redacted."""

    cutoff: dt.date
    candidates: tuple[PurgeCandidate, ...]
    purged: int
    rows_deleted: dict[str, int]
    audit_events_redacted: int
    dry_run: bool


def _cutoff(ctx: ServiceContext, session: Session, years: int) -> dt.date:
    from app.db.models import Branch

    tz = session.execute(select(Branch.timezone).limit(1)).scalar() or "Asia/Jakarta"
    today = business_date(ctx.clock(), tz)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _candidates(session: Session, cutoff: dt.date) -> list[tuple[int, PurgeCandidate]]:
    closed = (
        select(
            MemberDeactivation.member_id,
            func.max(MemberDeactivation.at).label("at"),
            func.max(MemberDeactivation.reason).label("reason"),
        )
        .group_by(MemberDeactivation.member_id)
        .subquery()
    )
    rows = session.execute(
        select(Member.id, Member.number, closed.c.at, closed.c.reason)
        .join(closed, closed.c.member_id == Member.id)
        .where(Member.record_status != RecordStatus.ACTIVE, Member.purged_at.is_(None))
        .order_by(Member.number)
    ).all()
    out = []
    for mid, number, at, reason in rows:
        when = at.date() if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at)).date()
        if when <= cutoff:
            out.append((int(mid), PurgeCandidate(str(number), when, str(reason))))
    return out


def _dependents(ids: set[int]) -> list[tuple[Table, str, str]]:
    """Every (table, fk column, referenced table) that hangs off a member, in delete order."""
    tables = [t for t in Base.metadata.sorted_tables if t.name not in _KEEP]
    edges: list[tuple[Table, str, str]] = []
    for t in tables:
        for fk in t.foreign_keys:
            target = fk.column.table.name
            if target == "member" and fk.parent.name != "member_id":
                continue  # e.g. merged_into_id: another member's history, not this member's data
            if target == "officer":
                continue
            edges.append((t, fk.parent.name, target))
    return edges


def purge_expired(
    ctx: ServiceContext,
    supervisor: Actor,
    password: str,
    *,
    dry_run: bool = False,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> PurgeReport:
    """Destroy the personal data of records closed longer than the retention period.

    One transaction: dependent rows (heirs, enrolments, payments, cards, corrections, search keys …)
    are deleted, the member row becomes a tombstone (number kept, personal fields blanked,
    ``purged_at`` set) and the audit events about the member lose their details — the chain keeps
    their digest, so it still verifies. Backups taken after the purge no longer hold the data;
    older automatic backups rotate out within 14 days.
    """
    authorize(ctx, supervisor, Permission.SETTINGS)
    reauthenticate(ctx, supervisor, password)
    policy = retention_policy()

    def work(session: Session) -> PurgeReport:
        cutoff = _cutoff(ctx, session, policy.closed_record_years)
        found = _candidates(session, cutoff)
        if dry_run or not found:
            return PurgeReport(cutoff, tuple(c for _, c in found), 0, {}, 0, dry_run)
        ids = {mid for mid, _ in found}
        conn = session.connection()
        secure_delete(conn)  # freed and rewritten pages overwritten: no data left in the file or a backup
        doomed: dict[str, set[Any]] = {"member": ids}
        edges = _dependents(ids)
        changed = True
        while changed:  # follow foreign keys to a fixed point (payments → coverage rows …)
            changed = False
            for table, column, target in edges:
                keys = doomed.get(target)
                if not keys:
                    continue
                pk = next(iter(table.primary_key.columns))
                found_keys = set(
                    conn.execute(select(pk).where(table.c[column].in_(sorted(keys, key=str)))).scalars()
                )
                have = doomed.setdefault(table.name, set())
                if not found_keys <= have:
                    have |= found_keys
                    changed = True
        if cancel.cancelled:
            raise Cancelled()
        deleted: dict[str, int] = {}
        for table in reversed(Base.metadata.sorted_tables):
            keys = doomed.get(table.name)
            if table.name in _KEEP or not keys:
                continue
            pk = next(iter(table.primary_key.columns))
            n = 0
            ordered = sorted(keys, key=str)
            for i in range(0, len(ordered), 500):
                n += conn.execute(delete(table).where(pk.in_(ordered[i : i + 500]))).rowcount or 0
            deleted[table.name] = n
        events = conn.execute(
            select(AuditEvent.seq, AuditEvent.details).where(
                AuditEvent.member_id.in_(sorted(ids)), AuditEvent.details_digest.is_(None)
            )
        ).all()
        for i, (seq, details) in enumerate(events, start=1):
            digest = hashlib.sha256(str(details).encode("utf-8")).hexdigest()
            conn.execute(
                update(AuditEvent)
                .where(AuditEvent.seq == seq)
                .values(details=REDACTED_DETAILS, details_digest=digest)
            )
            if i % 500 == 0:
                progress(i, len(events), "Menyamarkan jejak audit…")
        now = ctx.clock()
        conn.execute(
            update(Member)
            .where(Member.id.in_(sorted(ids)))
            .values(
                nik="",
                nama="(DIHAPUS: RETENSI BERAKHIR)",
                tempat_lahir="",
                tanggal_lahir=dt.date(1900, 1, 1),
                nama_ibu="",
                no_hp=None,
                alamat="",
                kode_wilayah=None,
                nik_district="",
                purged_at=now,
            )
        )
        numbers = [c.number for _, c in found]
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="retention.purge",
            entity="member",
            details={
                "members": len(numbers),
                "numbers": numbers,
                "closed_before": cutoff.isoformat(),
                "policy_years": policy.closed_record_years,
                "rows_deleted": deleted,
                "audit_events_redacted": len(events),
            },
        )
        return PurgeReport(cutoff, tuple(c for _, c in found), len(numbers), deleted, len(events), False)

    return ctx.write(work)


def write_subject_access(ctx: ServiceContext, actor: Actor, key: str, folder: Path) -> tuple[Path, Path]:
    """The member's own data as JSON and PDF in ``folder``: each file written whole or not at all,
    readable by this account only (0600), whatever folder it goes to."""
    data = subject_access(ctx, actor, key)
    folder.mkdir(parents=True, exist_ok=True)
    number = data["peserta"]["number"]
    text = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    json_file = write_private_file(ctx.paths, folder / f"data-peserta-{number}.json", text)
    pdf_file = write_private_file(
        ctx.paths, folder / f"data-peserta-{number}.pdf", subject_access_pdf(ctx, data)
    )
    return json_file, pdf_file


def subject_access_pdf(ctx: ServiceContext, data: dict[str, Any]) -> bytes:
    """A member's subject access report (UU PDP) as a PDF."""
    from app.pdf import fonts
    from app.pdf.subject_access import render_subject_access

    fonts.register(resources_dir() / "fonts")
    return render_subject_access(data, generated=ctx.clock())
