"""Loads the rate tables shipped in ``resources/data/rates`` (the default when the database has none)."""

from __future__ import annotations

from functools import lru_cache

from app.domain.rate_parse import parse_rate_json
from app.domain.rates import RateTable
from app.infra.paths import resources_dir


@lru_cache(maxsize=1)
def shipped_rate_tables() -> tuple[RateTable, ...]:
    """Every shipped table, oldest ``effective_from`` first; a broken shipped file is a bug, so it raises."""
    folder = resources_dir() / "data" / "rates"
    tables = [parse_rate_json(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    if not tables:
        raise RuntimeError(f"no rate table in {folder}")
    return tuple(sorted(tables, key=lambda t: t.effective_from))
