"""Loads the reference tables shipped in ``resources/data``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.domain.reference import EligibilityRules, OccupationList, ReferenceData
from app.infra.paths import resources_dir


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load_reference() -> ReferenceData:
    data = resources_dir() / "data"
    return ReferenceData(
        occupations=OccupationList.from_data(_load(data / "occupations.json")),
        eligibility=EligibilityRules.from_data(_load(data / "eligibility.json")),
    )
