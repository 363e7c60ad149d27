"""Coverage against a regency's target: how many of its workers are protected now, and how far the
branch has come from the baseline toward the target. Percentages are basis points (5000 = 50%).

"Covered" is the baseline share plus the members registered since the baseline date who are
protected today (the status index's answer); the members registered since then, protected or not
(enrolled, not yet paid; in arrears; membership ended), are ``enrolled_since``, shown beside as
"terdaftar" and never called protected."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.domain.issues import Issue

_PERCENT = re.compile(r"\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*")


def parse_percent(text: str, field: str) -> int | Issue:
    """``"34"``, ``"34,5"``, ``"34.25%"`` → basis points (3400, 3450, 3425)."""
    m = _PERCENT.fullmatch(str(text))
    if m is None:
        return Issue(field, "target.percent", "Persentase ditulis angka 0–100, mis. 34 atau 34,5.")
    whole, frac = int(m.group(1)), (m.group(2) or "0").ljust(2, "0")
    bp = whole * 100 + int(frac)
    if bp > 10_000:
        return Issue(field, "target.percent", "Persentase paling besar 100.")
    return bp


def format_bp(bp: int) -> str:
    """3450 → ``34,5%``; 5000 → ``50%``."""
    whole, frac = divmod(bp, 100)
    if frac == 0:
        return f"{whole}%"
    return f"{whole},{frac:02d}".rstrip("0") + "%"


def share_bp(part: int, whole: int) -> int:
    """``part`` as basis points of ``whole``; 0 when there is no whole."""
    return part * 10_000 // whole if whole else 0


def progress_bp(*, workers: int, covered_at_baseline: int, covered: int, target_count: int) -> int:
    """Share of the way from the baseline to the target, 0–10000: the one rule for a regency, a branch's
    area and the province. An area without workers has made no progress; a target at or below the
    baseline is reached."""
    if not workers:
        return 0
    span = target_count - covered_at_baseline
    if span <= 0:
        return 10_000
    return max(0, min(10_000, (covered - covered_at_baseline) * 10_000 // span))


@dataclass(frozen=True, slots=True)
class Coverage:
    """One regency's workers, baseline and target, and the members registered and protected since."""

    workers: int
    baseline_bp: int
    target_bp: int
    baseline_date: dt.date
    enrolled_since: int  # members of the regency registered after the baseline date (terdaftar)
    protected_since: int  # of them, protected today (terlindungi)

    @property
    def covered_at_baseline(self) -> int:
        return self.workers * self.baseline_bp // 10_000

    @property
    def target_count(self) -> int:
        return -(-self.workers * self.target_bp // 10_000)

    @property
    def covered(self) -> int:
        return min(self.workers, self.covered_at_baseline + self.protected_since)

    @property
    def registered(self) -> int:
        """The baseline share plus every member registered since (protected or not)."""
        return min(self.workers, self.covered_at_baseline + self.enrolled_since)

    @property
    def covered_bp(self) -> int:
        return share_bp(self.covered, self.workers)

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


def check_target(workers: int, baseline_bp: int, target_bp: int) -> list[Issue]:
    issues: list[Issue] = []
    if workers <= 0:
        issues.append(Issue("pekerja", "target.workers", "Jumlah pekerja di wilayah harus lebih dari 0."))
    if target_bp <= 0:
        issues.append(Issue("target", "target.percent", "Target harus lebih dari 0%."))
    if target_bp <= baseline_bp:
        issues.append(
            Issue("target", "target.below_baseline", "Target harus lebih tinggi dari cakupan awal.")
        )
    return issues
