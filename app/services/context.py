"""What every service needs, built once by ``app.bootstrap`` and passed in (no globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db.uow import run_in_transaction
from app.domain.reference import ReferenceData
from app.domain.regions import RegionDirectory
from app.infra.paths import AppPaths

T = TypeVar("T")
V = TypeVar("V")


class CacheKey(Generic[V]):
    """A name for one kind of value kept in ``ServiceCache``; its type is the value's type, so a
    module reads back exactly what it (or the module owning the key) put there."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"CacheKey({self.name!r})"


class ServiceCache:
    """Small per-process caches (the branch row, its time zone, the Kanwil link …), typed by their
    keys and cleared by the services that change what they hold."""

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[CacheKey[Any], Any] = {}

    def get(self, key: CacheKey[V]) -> V | None:
        return cast("V | None", self._values.get(key))

    def put(self, key: CacheKey[V], value: V) -> V:
        self._values[key] = value
        return value

    def pop(self, key: CacheKey[V]) -> V | None:
        return cast("V | None", self._values.pop(key, None))

    def clear(self) -> None:
        self._values.clear()


def utc_now() -> dt.datetime:
    """The current time in UTC: the clock services use unless a test gives another."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """What every service needs: the database, paths, audit key, counter name, reference data and clock."""

    engine: Engine
    session_factory: sessionmaker[Session]
    paths: AppPaths
    audit_key: bytes
    counter: str
    regions: RegionDirectory
    reference: ReferenceData
    clock: Callable[[], dt.datetime] = utc_now
    # Small per-process caches (e.g. the branch row), cleared by the services that change them.
    cache: ServiceCache = field(default_factory=ServiceCache, compare=False, repr=False)

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction (retried whole on lock/serialisation errors)."""
        return run_in_transaction(self.session_factory, work)

    def read(self, work: Callable[[Session], T]) -> T:
        return run_in_transaction(self.session_factory, work, readonly=True)
