"""The Kanwil's database as the Wilayah page holds it while the Kanwil panel is open."""

from __future__ import annotations

from dataclasses import dataclass

from app.bootstrap import Opened
from app.domain.progress import Cancelled, CancelToken
from app.services.dto import Actor

TZ = "Asia/Jakarta"  # before a Kanwil is open (the Kanwil's own zone once it is)


@dataclass(frozen=True)
class KanwilSession:
    """The Kanwil's database and the Kanwil supervisor proven on it. ``own``: the window's own database
    (not closed by the page)."""

    opened: Opened
    actor: Actor
    timezone: str
    own: bool = False

    def close(self) -> None:
        if not self.own:
            self.opened.ctx.engine.dispose()


def check_cancel(cancel: CancelToken) -> None:
    """Stop long Kanwil work once the officer cancelled it."""
    if cancel.cancelled:
        raise Cancelled()
