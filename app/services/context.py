"""What every service needs, built once by ``app.bootstrap`` and passed in (no globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db.uow import run_in_transaction
from app.domain.reference import ReferenceData
from app.domain.regions import RegionDirectory
from app.infra.paths import AppPaths

T = TypeVar("T")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class ServiceContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    paths: AppPaths
    audit_key: bytes
    counter: str
    regions: RegionDirectory
    reference: ReferenceData
    clock: Callable[[], dt.datetime] = utc_now
    # Small per-process caches (e.g. the branch row), cleared by the services that change them.
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction (retried whole on lock/serialisation errors)."""
        return run_in_transaction(self.session_factory, work)

    def read(self, work: Callable[[Session], T]) -> T:
        return run_in_transaction(self.session_factory, work, readonly=True)
