"""Importing a package at the branch: verified, then merged in one transaction (all or nothing).

The records first (``merge.RecordMerge``), then the laptop's corrections and deactivations
(``changes.ChangeMerge``), then one ``package.import`` event on this branch's own chain naming the
package and its manifest's hash (which covers every imported laptop event). A package already
imported changes nothing. With ``reply_to`` the branch's answer for the laptop is written right
after (``reply.make_reply``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from app.db.day_models import ImportedPackage, PackageConflict, PackageRecord
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import ConflictStatus
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor
from app.services.packages.changes import ChangeMerge
from app.services.packages.conflicts import conflict_dto
from app.services.packages.dto import PackageImportResult, VerifiedPackage
from app.services.packages.merge import LIKELY_DUPLICATE, RecordMerge
from app.services.packages.reply import make_reply
from app.services.packages.verify import check_addressed_here, verify_package


def _imported_row(
    pkg: VerifiedPackage, ctx: ServiceContext, supervisor: Actor, day: object
) -> ImportedPackage:
    info = pkg.info
    return ImportedPackage(
        package_id=info.package_id,
        manifest_sha256=info.manifest_sha256,
        source_code=info.source_code,
        source_name=info.source_name[:100],
        key_id=info.key_id,
        period_from=info.period_from,
        period_to=info.period_to,
        created_at=info.created_at,
        imported_at=ctx.clock(),
        business_date=day,
        imported_by_id=supervisor.id,
        members=0,
        payments=0,
        payments_amount=0,
        cards=0,
        events=0,
        conflicts=0,
        seen_seq=info.seen_seq,
    )


def import_package(
    ctx: ServiceContext,
    supervisor: Actor,
    path: Path,
    *,
    password: str,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    reply_to: Path | None = None,
) -> PackageImportResult:
    """Verify and merge a package (supervisor, password re-entered). All or nothing; a package
    already imported changes nothing."""
    authorize(ctx, supervisor, Permission.APPROVE)
    reauthenticate(ctx, supervisor, password)
    pkg = verify_package(ctx, path)
    info = pkg.info
    check_addressed_here(ctx, info)
    source = f"{info.source_code} {info.source_name}"

    def already(session: Session) -> bool:
        return session.get(ImportedPackage, info.package_id) is not None

    def work(session: Session) -> PackageImportResult:
        day = ensure_day_open(session, ctx)
        if already(session):
            return PackageImportResult(info.package_id, source, already_imported=True)
        session.add(_imported_row(pkg, ctx, supervisor, day))
        session.flush()
        records = RecordMerge(session, ctx, pkg, supervisor)
        records.run(cancel, progress)
        session.add_all(
            PackageRecord(package_id=info.package_id, entity=e, local_id=i) for e, i in records.records
        )
        kept: dict[str, PackageConflict] = {}  # members not merged: their changes are held too
        alike: list[PackageConflict] = []  # members merged that resemble one here: for review
        for kind, record, local_number in records.conflicts:
            c = PackageConflict(
                package_id=info.package_id,
                kind=kind,
                number=str(record["number"]),
                local_number=local_number,
                record=json.dumps(record, ensure_ascii=False, sort_keys=True),
                status=ConflictStatus.OPEN,
                created_at=ctx.clock(),
            )
            session.add(c)
            if kind == LIKELY_DUPLICATE:
                alike.append(c)
            else:
                kept[c.number] = c
        session.flush()
        progress(0, 0, "Menggabungkan koreksi dan penonaktifan…")
        changes = ChangeMerge(session, ctx, pkg, supervisor, records, kept).run()
        conflicts = [*kept.values(), *alike, *changes.conflicts]
        row = session.get(ImportedPackage, info.package_id)
        assert row is not None
        a = records.added
        row.members, row.payments, row.payments_amount = a["members"], a["payments"], a["amount"]
        row.cards, row.events, row.conflicts = a["cards"], a["events"], len(conflicts)
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="package.import",
            entity="package",
            entity_id=info.package_id,
            details={
                "source": info.source_code,
                "key_id": info.key_id,
                "manifest_sha256": info.manifest_sha256,
                "period": [info.period_from.isoformat(), info.period_to.isoformat()],
                "added": a,
                "changes": {
                    "corrections": changes.applied_corrections,
                    "deactivations": changes.applied_deactivations,
                    "already": changes.already,
                    "held": changes.held,
                },
                "conflicts": [c.number for c in conflicts],
            },
        )
        return PackageImportResult(
            info.package_id,
            source,
            already_imported=False,
            members_added=a["members"],
            members_existing=a["existing"],
            payments_added=a["payments"],
            payments_amount=a["amount"],
            cards_added=a["cards"],
            events_added=a["events"],
            conflicts=tuple(conflict_dto(c, info.source_code) for c in conflicts),
            warnings=tuple(records.warnings),
            corrections_applied=changes.applied_corrections,
            deactivations_applied=changes.applied_deactivations,
            changes_already=changes.already,
            changes_held=changes.held,
        )

    if ctx.read(already):
        result = PackageImportResult(info.package_id, source, already_imported=True)
    else:
        result = ctx.write(work)
    if reply_to is not None:
        made = make_reply(ctx, supervisor, laptop=info.source_code, path=reply_to)
        result = replace(result, reply_path=made.path)
    return result
