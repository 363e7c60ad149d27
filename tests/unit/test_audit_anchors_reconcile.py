"""The pure parts of ``audit verify``: anchors against a chain, sorted merges, receipt series."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.audit_anchors import Anchor, check_anchors
from app.domain.reconcile import merge_streams, missing_serials, receipt_series

CHAIN = {1: "a" * 64, 2: "b" * 64, 3: "c" * 64}


def test_anchors_reached_beyond_and_rewritten() -> None:
    anchors = [
        Anchor("day_close", "Penutupan hari 22 November 2026", 2, "b" * 64),
        Anchor("seal", "Segel kepala rantai", 3, "c" * 64),
        Anchor("backup", "Cadangan loket-auto-2026-11-23.sqlite3", 5, "e" * 64),
        Anchor("day_pdf", "Ringkasan hari 21 November 2026 (PDF arsip)", 1, "f" * 64),
    ]
    found = check_anchors(anchors, 3, CHAIN.get)
    assert [f.problem for f in found] == [None, None, "beyond_head", "mismatch"]
    assert "berakhir di #3" in found[2].message and "ditulis ulang" in found[3].message


def test_an_empty_chain_reaches_no_anchor() -> None:
    (f,) = check_anchors([Anchor("day_close", "Penutupan hari 22 November 2026", 9, None)], 0, CHAIN.get)
    assert f.problem == "beyond_head" and "#9" in f.message


@given(st.lists(st.lists(st.sampled_from("ABCDEFGH"), max_size=12), min_size=1, max_size=4))
def test_merge_streams_groups_every_key_of_every_stream(streams: list[list[str]]) -> None:
    sorted_streams = [sorted(s) for s in streams]
    merged = list(merge_streams(*[[(k, (i, k)) for k in s] for i, s in enumerate(sorted_streams)]))
    keys = [k for k, _ in merged]
    assert keys == sorted(set().union(*map(set, sorted_streams)))
    for key, found in merged:
        for i, s in enumerate(sorted_streams):
            assert len(found[i]) == s.count(key) and all(p == (i, key) for p in found[i])


@given(st.sets(st.integers(1, 60)), st.integers(0, 70))
def test_missing_serials_are_exactly_the_gaps(present: set[int], issued: int) -> None:
    assert list(missing_serials(sorted(present), issued)) == [
        n for n in range(1, issued + 1) if n not in present
    ]


def test_receipt_series() -> None:
    assert receipt_series("TBI-101-2026-000042") == ("TBI-101-2026", 42)
    assert receipt_series("TBS-101-2026-000003") == ("TBS-101-2026", 3)
    assert receipt_series("TBS-101-2026-000003/0002") is None
    assert receipt_series("bukan") is None
