"""Coverage of an area made of several regencies (a branch's area, the province): their targets
and coverage summed as head counts, so the percentages weigh each regency by its workers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.coverage import Coverage


@dataclass(frozen=True, slots=True)
class AreaProgress:
    """Coverage summed over several regencies (a province or the whole Kanwil)."""

    workers: int
    covered_at_baseline: int
    covered: int
    target_count: int
    registered: int  # the baseline share plus every member registered since (protected or not)

    @classmethod
    def of(cls, parts: Iterable[Coverage]) -> AreaProgress:
        items = list(parts)
        return cls(
            sum(c.workers for c in items),
            sum(c.covered_at_baseline for c in items),
            sum(c.covered for c in items),
            sum(c.target_count for c in items),
            sum(c.registered for c in items),
        )

    @property
    def covered_bp(self) -> int:
        return self.covered * 10_000 // self.workers if self.workers else 0

    @property
    def target_bp(self) -> int:
        return self.target_count * 10_000 // self.workers if self.workers else 0

    @property
    def remaining(self) -> int:
        return max(0, self.target_count - self.covered)

    @property
    def progress_bp(self) -> int:
        """Share of the way from the baseline to the target, 0–10000."""
        span = self.target_count - self.covered_at_baseline
        if span <= 0:
            return 10_000 if self.workers else 0
        return max(0, min(10_000, (self.covered - self.covered_at_baseline) * 10_000 // span))
