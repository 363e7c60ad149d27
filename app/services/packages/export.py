"""Writing a package on the outreach laptop: its outbox (the default) or a period, signed."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.sync_models import SyncReply
from app.domain.clock import business_date
from app.domain.messages import msg
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.card_keys import require_branch, signing_key
from app.services.context import ServiceContext
from app.services.day_lock import branch_timezone
from app.services.dto import Actor
from app.services.outreach_sync import read_settings
from app.services.packages.collect import collect, select_outbox, select_period
from app.services.packages.container import write_signed
from app.services.packages.dto import PackageInfo
from app.services.packages.format import FORMAT, MAX_DAYS, VERSION, refused


def _span(parts: dict[str, list[dict[str, Any]]], today: dt.date) -> tuple[dt.date, dt.date]:
    days = [
        dt.date.fromisoformat(str(r["business_date"]))
        for name in ("enrolments.json", "payments.json", "cards.json", "audit_events.json")
        for r in parts[name]
    ]
    return (min(days), max(days)) if days else (today, today)


def export_package(
    ctx: ServiceContext,
    actor: Actor,
    *,
    path: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> PackageInfo:
    """Write a signed package. Without ``start``/``end``: the outbox (everything of this laptop's
    own work its branch has not confirmed holding). With them: the members enrolled here in that
    period (heirs, enrolments, payments, covered months, cards), the corrections and deactivations
    decided then, and the period's audit events."""
    authorize(ctx, actor, Permission.EXPORT)
    period = start is not None or end is not None
    if period and (start is None or end is None or end < start or (end - start).days + 1 > MAX_DAYS):
        raise refused(
            "package.range",
            msg("Periode paket 1–{max_days} hari, tanggal akhir tidak sebelum awal.", max_days=MAX_DAYS),
        )
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=actor)
    progress(0, 3, "Mengumpulkan data…")

    def gather(session: Session) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any], dt.date]:
        tz = branch_timezone(session, ctx)
        if period:
            assert start is not None and end is not None
            sel = select_period(session, start, end, lambda t: business_date(t, tz))
        else:
            sel = select_outbox(session)
        parts = collect(session, sel)
        settings = read_settings(session)
        last = session.execute(
            select(SyncReply.reply_id, SyncReply.branch_seq).order_by(SyncReply.imported_at.desc()).limit(1)
        ).first()
        sync = {
            "mode": "period" if period else "outbox",
            "home": settings.home,
            "reply_id": last[0] if last else None,
            "seen_seq": int(last[1]) if last else None,
        }
        return parts, sync, business_date(ctx.clock(), tz)

    parts, sync, today = ctx.read(gather)
    if cancel.cancelled:
        raise Cancelled()
    first, last = (start, end) if period else _span(parts, today)
    assert first is not None and last is not None
    now = ctx.clock()
    package_id = uuid.uuid4().hex
    counts = {name.removesuffix(".json"): len(rows) for name, rows in parts.items()}
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "package_id": package_id,
        "created_at": now.isoformat(),
        "source": {"code": branch.code, "name": branch.name, "counter": ctx.counter},
        "period": {"from": first.isoformat(), "to": last.isoformat()},
        "exported_by": actor.username,
        "sync": sync,
    }
    progress(1, 3, "Menulis paket…")

    def audited(manifest_bytes: bytes) -> None:
        if cancel.cancelled:
            raise Cancelled()
        ctx.write(
            lambda s: append_event(
                s,
                ctx,
                actor=actor,
                action="package.export",
                entity="package",
                entity_id=package_id,
                details={
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    "mode": sync["mode"],
                    "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
                    "counts": counts,
                },
            )
        )

    manifest_bytes = write_signed(ctx.paths, path, manifest, parts, key, before_replace=audited)
    progress(3, 3, "Selesai")
    return PackageInfo(
        path,
        package_id,
        branch.code,
        branch.name,
        key.key_id,
        first,
        last,
        now,
        counts,
        hashlib.sha256(manifest_bytes).hexdigest(),
        home=sync["home"],
        seen_seq=sync["seen_seq"],
    )
