"""A restore always leaves its audit event: a journal written before the database is replaced.

The restored database only exists once it has replaced the old one, so its ``db.restore`` event
cannot be written first. Instead a journal (``DATA/work/restore-pending.json``, 0600) names the
restore, its supervisor and the head of the database it is about to replace, BEFORE anything is
replaced. When the restore completes, the event is written and the journal removed. If the
process dies in between, or the restored schema must first be upgraded, the next start finishes it
(``finish_pending``): a database whose head is no longer the replaced one was replaced, and gets its
event, marked as finished at start; an unchanged database gets none.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AuditHead, Officer
from app.infra.workspace import make_private, pid_alive, work_root
from app.services.audit import append_event
from app.services.auth import actor_of
from app.services.context import ServiceContext
from app.services.dto import Actor

JOURNAL = "restore-pending.json"


@dataclass(frozen=True, slots=True)
class PendingRestore:
    """A restore under way, as its journal names it: who, which file, the database it replaces."""

    pid: int
    username: str
    file: str
    kept: str | None
    replaced_head: tuple[int, str]
    started_at: str
    database: str  # which database (a home may serve more than one file or server)


def _database(ctx: ServiceContext) -> str:
    return ctx.engine.url.render_as_string(hide_password=True)


def journal_path(ctx: ServiceContext) -> Path:
    """Where this installation keeps its restore journal."""
    return work_root(ctx.paths) / JOURNAL


def _head(ctx: ServiceContext) -> tuple[int, str]:
    def work(session: Session) -> tuple[int, str]:
        row = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
        return int(row[0]), str(row[1])

    return ctx.read(work)


def begin(ctx: ServiceContext, actor: Actor, file: Path, kept: Path | None) -> Path:
    """Write the journal (durably) before the database is replaced."""
    pending = {
        "pid": os.getpid(),
        "username": actor.username,
        "file": file.name,
        "kept": kept.name if kept else None,
        "replaced_head": list(_head(ctx)),
        "started_at": ctx.clock().isoformat(),
        "database": _database(ctx),
    }
    path = journal_path(ctx)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(pending, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    make_private(path)
    return path


def read(path: Path) -> PendingRestore | None:
    """The restore a journal file names (None when it is missing or unreadable)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        seq, digest = data["replaced_head"]
        return PendingRestore(
            int(data["pid"]),
            str(data["username"]),
            str(data["file"]),
            data.get("kept"),
            (int(seq), str(digest)),
            str(data["started_at"]),
            str(data["database"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def finish(ctx: ServiceContext, path: Path, *, at_start: bool) -> bool:
    """Write the restore's event if the database was replaced; remove the journal. → event written."""
    pending = read(path)
    if pending is None:
        path.unlink(missing_ok=True)
        return False
    head = _head(ctx)
    if head == pending.replaced_head:
        path.unlink(missing_ok=True)  # the old database is still there: nothing was restored
        return False

    def record(session: Session) -> None:
        officer = session.execute(
            select(Officer).where(Officer.account(pending.username))
        ).scalar_one_or_none()
        actor = actor_of(officer) if officer is not None else None
        details: dict[str, Any] = {
            "file": pending.file,
            "kept": pending.kept,
            "replaced_head": list(pending.replaced_head),
            "restored_head": list(head),
            "started_at": pending.started_at,
        }
        if actor is None:  # the supervisor is not in the restored data: named here
            details["by"] = pending.username
        if at_start:
            details["finished_at_start"] = True
        append_event(
            session, ctx, actor=actor, action="db.restore", entity="database", details=details, at=ctx.clock()
        )

    ctx.write(record)
    path.unlink(missing_ok=True)
    return True


def finish_pending(ctx: ServiceContext) -> bool:
    """At start (after any schema upgrade): finish a restore that this process, or a process that
    is gone, did not finish."""
    path = journal_path(ctx)
    if not path.exists():
        return False
    pending = read(path)
    if pending is not None and pending.database != _database(ctx):
        return False  # a restore of another database served from the same folder
    if pending is not None and pending.pid != os.getpid() and pid_alive(pending.pid):
        return False  # another window is restoring right now
    return finish(ctx, path, at_start=True)
