"""An officer's time at the counter ends: the hand-over is in the audit trail beside the logins."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.audit import append_event
from app.services.context import ServiceContext
from app.services.dto import Actor


def log_out(ctx: ServiceContext, actor: Actor, *, kept_form: bool = False) -> None:
    """Record that ``actor`` left the counter (another officer may log in on this computer next).

    ``kept_form``: an intake form they had not saved waits in this computer's memory for them.
    """

    def work(session: Session) -> None:
        append_event(
            session,
            ctx,
            actor=actor,
            action="logout",
            entity="officer",
            entity_id=actor.username,
            details={"kept_form": kept_form},
        )

    ctx.write(work)
