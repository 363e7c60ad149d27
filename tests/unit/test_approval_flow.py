"""Persetujuan decided without Qt: one decision at a time, the password to approve, a reason to reject."""

from __future__ import annotations

from app.services.approval_flow import ApprovalFlow, Blocked, tidy_note


def test_nothing_happens_without_a_selection_or_while_a_decision_runs() -> None:
    flow = ApprovalFlow()
    assert flow.decision_open(True) and not flow.decision_open(False)
    assert flow.approve_blocked(False, "pw") is Blocked.IDLE
    assert flow.reject_blocked(False, "data salah ketik") is Blocked.IDLE
    flow.busy = True
    assert not flow.decision_open(True)
    assert flow.approve_blocked(True, "pw") is Blocked.IDLE
    assert flow.reject_blocked(True, "data salah ketik") is Blocked.IDLE


def test_an_approval_needs_the_password() -> None:
    flow = ApprovalFlow()
    assert flow.approve_blocked(True, "") is Blocked.PASSWORD
    assert flow.approve_blocked(True, "rahasia") is Blocked.NOTHING


def test_a_rejection_needs_a_reason_of_five_characters_once_tidied() -> None:
    flow = ApprovalFlow()
    assert flow.reject_blocked(True, "") is Blocked.NOTE
    assert flow.reject_blocked(True, "  ab   c ") is Blocked.NOTE  # "ab c"
    assert flow.reject_blocked(True, "salah") is Blocked.NOTHING
    assert tidy_note("  data   lama\tsalah ") == "data lama salah"
