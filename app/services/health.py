"""Is the database reachable: the status bar's connection check, as a service."""

from __future__ import annotations

from sqlalchemy import text

from app.services.context import ServiceContext


def ping(ctx: ServiceContext) -> bool:
    """One round trip to the database; raises the driver's error when it cannot be reached."""
    with ctx.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return True
