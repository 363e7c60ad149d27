"""The Kanwil's record of a branch's head as anchors, and the Kanwil's keyless walk of a chain."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.audit import GENESIS
from app.domain.audit_anchors import Anchor, AnchorFinding, check_anchors
from app.domain.regional_anchors import KanwilRecord, check_links, kanwil_anchors

H = {n: f"{n:064x}" for n in range(1, 30)}
SEEN = dt.datetime(2026, 12, 7, 20, 0, tzinfo=dt.UTC)  # 8 December in WIB, still 7th in UTC


def rec(seq: int, digest: str | None = None) -> KanwilRecord:
    return KanwilRecord("101", seq, digest or H[seq], SEEN)


def test_the_kanwils_answer_is_the_anchor_and_its_date_is_the_branchs() -> None:
    (a,) = kanwil_anchors("900", "Asia/Jakarta", rec(12), rec(12))
    assert a == Anchor("region", "Kanwil 900 (diterima 8 Desember 2026)", 12, H[12])
    (b,) = kanwil_anchors("900", "Asia/Jayapura", None, rec(12))
    assert isinstance(b, Anchor) and b.label == "Kanwil 900, salinan di cabang (diterima 8 Desember 2026)"


def test_a_copy_that_differs_is_an_anchor_too() -> None:
    lagging = kanwil_anchors("900", "Asia/Jakarta", rec(12), rec(9))
    assert [(a.seq, "salinan" in a.label) for a in lagging if isinstance(a, Anchor)] == [
        (12, False),
        (9, True),
    ]
    # A chain cut back to #9: the Kanwil's answer is beyond it, the lowered copy is not.
    found = check_anchors([a for a in lagging if isinstance(a, Anchor)], 9, H.get)
    assert [f.problem for f in found] == ["beyond_head", None]
    assert found[0].message.startswith("Kanwil 900 (diterima 8 Desember 2026) mencatat peristiwa #12")


def test_a_silent_kanwil_leaves_the_copy_and_says_so() -> None:
    note, copy = kanwil_anchors("900", "Asia/Jakarta", None, rec(7), unreachable="Server Kanwil (x) mati.")
    assert isinstance(note, AnchorFinding) and note.ok and "Dipakai salinan" in note.message
    assert isinstance(copy, Anchor) and copy.seq == 7
    (only,) = kanwil_anchors("900", "Asia/Jakarta", None, None, unreachable="Server Kanwil (x) mati.")
    assert isinstance(only, AnchorFinding) and only.ok and "tidak diperiksa" in only.message
    assert kanwil_anchors("900", "Asia/Jakarta", None, None) == []


def test_a_rewritten_head_is_a_mismatch() -> None:
    (a,) = kanwil_anchors("900", "Asia/Makassar", rec(5), None)
    assert isinstance(a, Anchor)
    (f,) = check_anchors([a], 8, {**H, 5: "f" * 64}.get)
    assert f.problem == "mismatch" and "ditulis ulang" in f.message


def chain(n: int) -> list[tuple[int, str, str]]:
    return [(i, GENESIS if i == 1 else H[i - 1], H[i]) for i in range(1, n + 1)]


def test_the_kanwils_walk_finds_gaps_and_broken_links() -> None:
    whole = check_links(chain(6))
    assert (whole.events, whole.last_seq, whole.problem) == (6, 6, None)
    gap = check_links([e for e in chain(6) if e[0] not in (3, 4)])
    assert gap.problem == "removed" and "#3 sampai #4" in gap.message and gap.last_seq == 6
    one = check_links([e for e in chain(6) if e[0] != 1])
    assert one.problem == "removed" and "peristiwa #1 tidak ada" in one.message
    forged = chain(6)
    forged[3] = (4, "0" * 63 + "1", H[4])
    bad = check_links(forged)
    assert bad.problem == "changed" and "#4" in bad.message
    assert check_links([]) == check_links(iter(()))


@given(st.integers(min_value=1, max_value=25), st.data())
def test_any_cut_tail_is_beyond_the_recorded_head(n: int, data: st.DataObject) -> None:
    keep = data.draw(st.integers(min_value=0, max_value=n - 1))
    (a,) = kanwil_anchors("900", "Asia/Jakarta", rec(n), None)
    assert isinstance(a, Anchor)
    links = check_links(chain(keep))
    assert links.problem is None  # the cut chain itself is whole
    (f,) = check_anchors([a], links.last_seq, {k: v for k, v in H.items() if k <= keep}.get)
    assert f.problem == "beyond_head"
