"""The audit key leaving this computer: only by a password-proven supervisor, and audited first."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.roles import Permission
from app.infra.secrets import write_private
from app.services.audit import append_event, audit_key_fingerprint
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor


def export_audit_key(ctx: ServiceContext, actor: Actor, path: Path) -> Path:
    """Copy the audit key to ``path`` (0600) for another counter of the same database.

    Whoever holds the key can re-sign the whole trail, so it is a supervisor's power and the
    ``audit.key_export`` event is committed BEFORE the file is written: there is no export without
    its event (a failed write leaves an event for an export that did not happen, never the reverse).
    """
    authorize(ctx, actor, Permission.SETTINGS)
    target = path.expanduser().resolve()

    def record(session: Session) -> None:
        append_event(
            session,
            ctx,
            actor=actor,
            action="audit.key_export",
            entity="audit_key",
            entity_id=audit_key_fingerprint(ctx.audit_key)[:16],
            details={"file": target.name, "folder": str(target.parent)[:200]},
        )

    ctx.write(record)
    write_private(target, (ctx.audit_key.hex() + "\n").encode("ascii"))
    return target
