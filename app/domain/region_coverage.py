"""Coverage of an area made of several regencies (a branch's area, the province): their targets
and coverage summed as head counts, so the percentages weigh each regency by its workers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.coverage import Coverage, progress_bp, share_bp


@dataclass(frozen=True, slots=True)
class AreaProgress:
    """Several regencies' coverage summed as head counts (a branch's area, the province)."""

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
        return share_bp(self.covered, self.workers)

    @property
    def target_bp(self) -> int:
        return share_bp(self.target_count, self.workers)

    @property
    def remaining(self) -> int:
        return max(0, self.target_count - self.covered)

    @property
    def progress_bp(self) -> int:
        return progress_bp(
            workers=self.workers,
            covered_at_baseline=self.covered_at_baseline,
            covered=self.covered,
            target_count=self.target_count,
        )
