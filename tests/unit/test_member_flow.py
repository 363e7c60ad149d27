"""Data Peserta's controls decided without Qt: the core's verdicts, the rows selected, the card key."""

from __future__ import annotations

from app.domain.member_actions import MemberFacts, member_actions
from app.domain.roles import Role
from app.domain.states import CardStatus, RecordStatus
from app.services.member_flow import CardKey, Control, card_key, member_controls

ACTIVE = MemberFacts(record_status=RecordStatus.ACTIVE)


def test_nothing_is_open_while_no_member_is_on_screen() -> None:
    states = member_controls(None)
    assert set(states) == set(Control)
    assert not any(s.enabled for s in states.values())
    assert states[Control.PAY].reason == ""  # no tooltip: nothing to explain yet


def test_an_officer_pays_prints_and_corrects_but_never_voids_or_deactivates() -> None:
    states = member_controls(member_actions(Role.OFFICER, ACTIVE), payment_voided=False)
    for control in (Control.PAY, Control.ISSUE_CARD, Control.CARD_KEY, Control.CORRECT, Control.SCHEDULE):
        assert states[control].enabled and states[control].reason == "", control
    assert not states[Control.DEACTIVATE].enabled and states[Control.DEACTIVATE].reason
    assert not states[Control.VOID_PAYMENT].enabled  # a payment is selected, but the role may not void
    assert states[Control.PAYMENT_RECEIPT].enabled


def test_a_supervisor_voids_only_a_selected_payment_not_voided_yet() -> None:
    actions = member_actions(Role.SUPERVISOR, ACTIVE)
    assert not member_controls(actions)[Control.VOID_PAYMENT].enabled  # none selected
    assert member_controls(actions, payment_voided=False)[Control.VOID_PAYMENT].enabled
    assert not member_controls(actions, payment_voided=True)[Control.VOID_PAYMENT].enabled
    # a voided payment's receipt can still be printed again
    assert member_controls(actions, payment_voided=True)[Control.PAYMENT_RECEIPT].enabled


def test_only_an_issued_card_can_be_recorded_as_misprinted() -> None:
    actions = member_actions(Role.OFFICER, ACTIVE)
    assert member_controls(actions, card_status=CardStatus.ISSUED)[Control.SPOIL_CARD].enabled
    for status in (CardStatus.REVOKED, CardStatus.SPOILED, None):
        assert not member_controls(actions, card_status=status)[Control.SPOIL_CARD].enabled
    assert member_controls(actions)[Control.SPOIL_CARD].reason is None  # its tooltip is its own


def test_the_card_key_points_to_a_reprint_when_a_card_is_in_force() -> None:
    in_force = member_actions(Role.OFFICER, MemberFacts(record_status=RecordStatus.ACTIVE, issued_card="K1"))
    states = member_controls(in_force)
    assert not states[Control.ISSUE_CARD].enabled
    assert states[Control.CARD_KEY].enabled  # Ctrl+P says why, not nothing
    assert states[Control.CARD_KEY].reason == states[Control.ISSUE_CARD].reason != ""
    assert states[Control.REPRINT_CARD].enabled
    assert card_key(in_force, card_in_force=True) is CardKey.POINT_TO_REPRINT
    assert card_key(member_actions(Role.OFFICER, ACTIVE), card_in_force=False) is CardKey.ISSUE


def test_the_card_key_does_nothing_for_a_member_who_cannot_have_a_card() -> None:
    inactive = member_actions(Role.OFFICER, MemberFacts(record_status=RecordStatus.DEACTIVATED))
    assert card_key(inactive, card_in_force=False) is CardKey.NOTHING
    assert not member_controls(inactive)[Control.CARD_KEY].enabled
    closed = member_actions(Role.OFFICER, MemberFacts(record_status=RecordStatus.ACTIVE, day_closed=True))
    assert card_key(closed, card_in_force=False) is CardKey.NOTHING
    assert member_controls(closed)[Control.PAY].reason  # the closed day is said on the button
