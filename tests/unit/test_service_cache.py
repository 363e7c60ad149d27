"""The services' per-process cache is typed by its keys (``app.services.context.ServiceCache``)."""

from __future__ import annotations

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
