"""Is the database reachable: the status bar's connection check, as a service."""

from __future__ import annotations

from app.db.engine import ping as ping_engine
from app.services.context import ServiceContext


def ping(ctx: ServiceContext) -> bool:
    """One round trip to the database; raises the driver's error when it cannot be reached."""
    ping_engine(ctx.engine)
    return True
