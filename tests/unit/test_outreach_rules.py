"""The pure rules of outreach sync: days without a sync, and a member merged field by field."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.member_merge import STATUS, FieldSides, Side, compare, decide, shown
from app.domain.sync_freshness import SyncState, freshness, limit_issues

TODAY = dt.date(2026, 11, 23)


def test_a_branch_is_never_limited() -> None:
    f = freshness(home=None, since=None, ever_synced=False, today=TODAY)
    assert f.state is SyncState.NOT_LAPTOP and f.issue() is None


@given(st.integers(min_value=0, max_value=400), st.integers(1, 30), st.integers(1, 30))
def test_warn_then_freeze_by_days(days: int, warn: int, extra: int) -> None:
    freeze = warn + extra
    f = freshness(
        home="101",
        since=TODAY - dt.timedelta(days=days),
        ever_synced=True,
        today=TODAY,
        warn_days=warn,
        freeze_days=freeze,
    )
    expected = SyncState.FROZEN if days >= freeze else SyncState.WARN if days >= warn else SyncState.FRESH
    assert f.state is expected and f.days == days
    issue = f.issue()
    assert (issue is None) == (expected is SyncState.FRESH)
    if issue is not None:
        assert issue.code == ("outreach.frozen" if expected is SyncState.FROZEN else "outreach.sync_due")


def test_a_clock_set_back_counts_no_days_and_a_laptop_never_set_up_is_frozen() -> None:
    ahead = freshness(home="101", since=TODAY + dt.timedelta(days=5), ever_synced=True, today=TODAY)
    assert ahead.days == 0 and ahead.state is SyncState.FRESH
    assert freshness(home="101", since=None, ever_synced=False, today=TODAY).state is SyncState.FROZEN


def test_the_limits() -> None:
    assert limit_issues(3, 7) == []
    assert [i.code for i in limit_issues(7, 7)] == ["outreach.freeze_before_warn"]
    assert [i.code for i in limit_issues(0, 200)] == ["outreach.warn_days", "outreach.freeze_days"]


def _sides() -> tuple[FieldSides, ...]:
    laptop = {"nama": "SITI", "no_hp": "+62811", "alamat": "DUSUN I", STATUS: "ACTIVE"}
    branch = {
        "nama": "SITI",
        "no_hp": "+62822",
        "alamat": "DUSUN II",
        "nama_ibu": "FATIMAH",
        STATUS: "ACTIVE",
    }
    return compare(laptop, branch, laptop_changed={"no_hp", "alamat"}, branch_changed={"no_hp", "nama_ibu"})


def test_only_differing_fields_are_decided_and_one_sided_changes_start_on_their_side() -> None:
    fields = {f.field: f for f in _sides()}
    assert set(fields) == {"no_hp", "alamat", "nama_ibu"}
    assert fields["no_hp"].default is None and fields["no_hp"].both_changed
    assert fields["alamat"].default is Side.LAPTOP and fields["nama_ibu"].default is Side.BRANCH
    taken, issues = decide(_sides(), {"no_hp": "c"})
    assert not issues and taken == {"no_hp": Side.BRANCH, "alamat": Side.LAPTOP, "nama_ibu": Side.BRANCH}
    taken, issues = decide(_sides(), {"alamat": "cabang", "nama": "laptop", "nama_ibu": "kiri"})
    assert [i.code for i in issues] == ["merge.field", "merge.side", "merge.undecided"]


def test_a_standing_is_never_reopened_nor_closed_twice_by_a_merge() -> None:
    reopen = compare({STATUS: "ACTIVE"}, {STATUS: "MENINGGAL"}, laptop_changed=set(), branch_changed={STATUS})
    assert reopen[0].default is Side.BRANCH
    assert [i.code for i in decide(reopen, {STATUS: "laptop"})[1]] == ["merge.status"]
    close = compare(
        {STATUS: "LUAR_NEGERI"}, {STATUS: "ACTIVE"}, laptop_changed={STATUS}, branch_changed=set()
    )
    assert decide(close, {})[0] == {STATUS: Side.LAPTOP}
    assert shown(STATUS, "LUAR_NEGERI") == "nonaktif: pindah ke luar negeri" and shown("no_hp", None) == "—"
