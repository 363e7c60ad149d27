"""The services' per-process cache is typed by its keys (``app.services.context.ServiceCache``)."""

from __future__ import annotations

from typing import Any

import pytest

from app.services.context import CacheKey, ServiceCache

NUMBER: CacheKey[int] = CacheKey("number")
NAMES: CacheKey[tuple[str, ...]] = CacheKey("names")


def test_each_key_reads_back_what_was_put_under_it() -> None:
    cache = ServiceCache()
    assert cache.get(NUMBER) is None
    assert cache.put(NUMBER, 3) == 3 and cache.get(NUMBER) == 3
    cache.put(NAMES, ("siti", "budi"))
    assert cache.get(NAMES) == ("siti", "budi") and cache.get(NUMBER) == 3


def test_two_keys_with_the_same_name_are_two_keys() -> None:
    cache = ServiceCache()
    cache.put(NUMBER, 1)
    assert cache.get(CacheKey[int]("number")) is None  # a key is its object, not its text


def test_pop_and_clear() -> None:
    cache = ServiceCache()
    cache.put(NUMBER, 5)
    assert cache.pop(NUMBER) == 5 and cache.pop(NUMBER) is None
    cache.put(NAMES, ())
    cache.clear()
    assert cache.get(NAMES) is None


def test_the_branch_is_never_kept_longer_than_its_age(
    ctx: Any, setup_branch: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another counter changes the branch's time zone: this one sees it once the kept row is old."""
    from sqlalchemy import update

    from app.db.models import Branch
    from app.services import branch_read

    clock = [branch_read.time.monotonic() + branch_read.MAX_AGE_S]  # past anything kept during set-up
    monkeypatch.setattr(branch_read.time, "monotonic", lambda: clock[0])
    assert ctx.read(lambda s: branch_read.branch_timezone(s, ctx)) == "Asia/Jakarta"
    ctx.write(lambda s: s.execute(update(Branch).values(timezone="Asia/Makassar")))  # "another counter"
    clock[0] += branch_read.MAX_AGE_S - 1
    assert ctx.read(lambda s: branch_read.branch_timezone(s, ctx)) == "Asia/Jakarta"  # kept, still young
    assert branch_read.cached_branch(ctx).timezone == "Asia/Jakarta"  # type: ignore[union-attr]
    clock[0] += 2
    assert ctx.read(lambda s: branch_read.branch_timezone(s, ctx)) == "Asia/Makassar"
    assert branch_read.cached_branch(ctx).timezone == "Asia/Makassar"  # type: ignore[union-attr]
