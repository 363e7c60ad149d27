"""How a database knows its place in the region (settings) and how Loket reaches the other side:
an administrative connection for IT's set-up, a short, read-only one for a branch's questions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from app.db.engine import describe, make_engine
from app.db.models import Setting
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.services.context import CacheKey, ServiceContext

T = TypeVar("T")

ROLE = "region.role"  # "kanwil" or "branch"
KANWIL_URL = "region.kanwil_url"  # branch: how it reaches its Kanwil (a read-only account)
KANWIL_CODE = "region.kanwil_code"  # branch: its Kanwil's code
REGION_NAME = "region.name"  # Kanwil: e.g. "Kanwil Sumbagsel"
CHECK_TIMEOUT_MS = "region.check_timeout_ms"  # branch: how long a regional check may take
DEFAULT_TIMEOUT_MS = 2000


class KanwilUnreachableError(RuntimeError):
    """The Kanwil could not be asked in time; ``message`` says so in Indonesian."""

    def __init__(self, where: str) -> None:
        self.message = f"Server Kanwil ({where}) tidak dapat dihubungi saat ini."
        super().__init__(self.message)


def settings_of(session: Session) -> dict[str, str]:
    """This database's region settings (its role, the Kanwil address, time-outs)."""
    rows = session.execute(sa.select(Setting.key, Setting.value).where(Setting.key.like("region.%")))
    return {str(k): str(v) for k, v in rows}


def put_setting(session: Session, key: str, value: str | None) -> None:
    """Write one setting, or remove it when the value is None."""
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def region_settings(ctx: ServiceContext) -> dict[str, str]:
    """This database's region settings, read in their own transaction."""
    return ctx.read(settings_of)


def require_postgresql(engine: sa.Engine, what: str) -> None:
    """Refuse (with what to do) work that needs PostgreSQL when the database is SQLite."""
    if engine.dialect.name != "postgresql":
        raise DomainError(
            Issue(
                "db",
                "region.needs_postgresql",
                msg(
                    "{what} memerlukan server PostgreSQL; basis data ini SQLite ({describe}). Pindahkan dulu ke server cabang: loket db copy.",
                    what=what,
                    describe=describe(str(engine.url)),
                ),
            )
        )


def admin_engine(url: str) -> sa.Engine:
    """IT's connection for set-up and repair (autocommit: subscriptions are made outside a transaction)."""
    return make_engine(
        url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}, poolclass=sa.NullPool
    )


def unreachable(exc: BaseException) -> bool:
    """Whether a database error means the server could not be reached, rather than a refused query."""
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


def _timeout_ms(ctx: ServiceContext) -> int:
    try:
        return max(500, int(region_settings(ctx).get(CHECK_TIMEOUT_MS, DEFAULT_TIMEOUT_MS)))
    except ValueError:
        return DEFAULT_TIMEOUT_MS


KANWIL_ENGINE: CacheKey[tuple[tuple[str, int], sa.Engine]] = CacheKey("region.kanwil_engine")


def kanwil_engine(ctx: ServiceContext, url: str) -> sa.Engine:
    """A read-only engine to the Kanwil with a short connect and statement timeout (kept per process)."""
    timeout = _timeout_ms(ctx)
    cached = ctx.cache.get(KANWIL_ENGINE)
    if cached is not None and cached[0] == (url, timeout):
        return cached[1]
    if cached is not None:
        cached[1].dispose()
    engine = make_engine(
        url,
        connect_args={
            "connect_timeout": max(2, math.ceil(timeout / 1000)),
            "options": f"-c statement_timeout={timeout} -c default_transaction_read_only=on",
        },
        pool_size=1,
        max_overflow=2,
        pool_recycle=300,
    )
    ctx.cache.put(KANWIL_ENGINE, ((url, timeout), engine))
    return engine


def ask_kanwil(ctx: ServiceContext, work: Callable[[sa.Connection], T], url: str | None = None) -> T:
    """Run ``work`` on the Kanwil (read-only, short timeout). ``KanwilUnreachableError`` when the
    branch has no Kanwil, or it does not answer in time."""
    url = url or region_settings(ctx).get(KANWIL_URL)
    if not url:
        raise KanwilUnreachableError("belum diatur")
    engine = kanwil_engine(ctx, url)
    try:
        with engine.connect() as conn:
            return work(conn)
    except DBAPIError as exc:
        engine.dispose()  # a dead server's pooled connections go with it
        raise KanwilUnreachableError(describe(url)) from exc


def close_kanwil(ctx: ServiceContext) -> None:
    """Close the short link a branch keeps to ask its Kanwil, when the database is closed."""
    cached = ctx.cache.pop(KANWIL_ENGINE)
    if cached is not None:
        cached[1].dispose()
