"""Coverage arithmetic: one rule for a regency, a branch's area and the province."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.coverage import Coverage, format_bp, parse_percent, progress_bp
from app.domain.issues import Issue
from app.domain.region_coverage import AreaProgress

coverages = st.builds(
    Coverage,
    workers=st.integers(1, 3_000_000),
    baseline_bp=st.integers(0, 9_999),
    target_bp=st.integers(1, 10_000),
    baseline_date=st.just(dt.date(2026, 1, 1)),
    enrolled_since=st.integers(0, 500_000),
    protected_since=st.integers(0, 500_000),
)


@given(coverages)
def test_a_regency_alone_reads_the_same_as_an_area_of_one_regency(c: Coverage) -> None:
    area = AreaProgress.of([c])
    assert (area.covered_bp, area.remaining, area.progress_bp) == (c.covered_bp, c.remaining, c.progress_bp)
    assert 0 <= c.progress_bp <= 10_000 and 0 <= c.covered_bp <= 10_000


@given(st.lists(coverages, min_size=1, max_size=6))
def test_an_area_weighs_each_regency_by_its_workers(parts: list[Coverage]) -> None:
    area = AreaProgress.of(parts)
    assert area.workers == sum(c.workers for c in parts)
    assert area.covered == sum(c.covered for c in parts)
    assert min(c.covered_bp for c in parts) <= area.covered_bp <= max(c.covered_bp for c in parts) + 1


def test_progress_edges() -> None:
    # Sumatera Selatan: 34% covered at the baseline, target 50%.
    figures = {"workers": 3_000_000, "covered_at_baseline": 1_020_000, "target_count": 1_500_000}
    assert progress_bp(covered=1_020_000, **figures) == 0
    assert progress_bp(covered=1_260_000, **figures) == 5_000
    assert progress_bp(covered=1_600_000, **figures) == 10_000
    assert progress_bp(workers=0, covered_at_baseline=0, covered=0, target_count=0) == 0
    assert progress_bp(workers=10, covered_at_baseline=5, covered=5, target_count=5) == 10_000
    assert AreaProgress.of([]).progress_bp == 0


def test_percent_reading_and_writing() -> None:
    assert [parse_percent(t, "target") for t in ("34", "34,5", "34.25%", " 100 ")] == [
        3400,
        3450,
        3425,
        10_000,
    ]
    for bad in ("101", "abc", "-3", "34,567"):
        issue = parse_percent(bad, "target")
        assert isinstance(issue, Issue) and issue.field == "target"
    assert [format_bp(b) for b in (3450, 5000, 3425, 0)] == ["34,5%", "50%", "34,25%", "0%"]
