"""An audited action's reason is read one way at every door."""

from __future__ import annotations

from app.domain.reasons import REASON_MAX, REASON_MIN, clean_reason, collapse


def test_spaces_collapse_and_bounds_hold() -> None:
    assert collapse("  salah\tketik \n nama  ") == "salah ketik nama"
    assert clean_reason("  salah\tketik \n nama  ") == "salah ketik nama"
    assert clean_reason("a" * REASON_MIN) == "a" * REASON_MIN
    assert clean_reason("a" * (REASON_MIN - 1)) is None
    assert clean_reason("a" * REASON_MAX) == "a" * REASON_MAX
    assert clean_reason("a" * (REASON_MAX + 1)) is None
    # Spaces do not count toward the length: five spaces are no reason at all.
    assert clean_reason(" " * 20) is None
    assert clean_reason("a   b", lo=3, hi=3) == "a b"


def test_hostile_text_is_kept_as_text() -> None:
    hostile = "'; DROP TABLE member; -- \u202e"
    assert clean_reason(hostile) == hostile.strip()
