"""What an officer may do with a member now, decided without Qt: role, record state, card, business day."""

from __future__ import annotations

import pytest

from app.domain.member_actions import MemberAction, MemberActions, MemberFacts, member_actions, offered
from app.domain.roles import Role
from app.domain.states import RecordStatus

ACTIVE = MemberFacts(record_status=RecordStatus.ACTIVE)


def _refused(actions: MemberActions, action: MemberAction) -> str:
    verdict = actions.of(action)
    assert not verdict.allowed and verdict.reason, action
    return verdict.code


def test_an_officer_may_serve_an_active_member_but_not_void_or_deactivate() -> None:
    a = member_actions(Role.OFFICER, ACTIVE)
    for action in (
        MemberAction.PAY,
        MemberAction.SCHEDULE,
        MemberAction.ISSUE_CARD,
        MemberAction.PRINT_RECEIPT,
        MemberAction.CORRECT,
        MemberAction.MOVE,
    ):
        assert a.may(action) and a.of(action).reason == "", action
    assert _refused(a, MemberAction.VOID_PAYMENT) == "auth.forbidden"
    assert _refused(a, MemberAction.DEACTIVATE) == "auth.forbidden"
    assert not offered(Role.OFFICER, MemberAction.DEACTIVATE) and offered(
        Role.SUPERVISOR, MemberAction.DEACTIVATE
    )


def test_a_supervisor_may_do_everything_with_an_active_member() -> None:
    a = member_actions(Role.SUPERVISOR, ACTIVE)
    assert all(a.may(x) for x in MemberAction if x is not MemberAction.REPRINT_CARD)
    assert _refused(a, MemberAction.REPRINT_CARD) == "card.none"  # no card yet


def test_a_merged_number_is_served_on_its_survivor() -> None:
    a = member_actions(Role.SUPERVISOR, MemberFacts(RecordStatus.MERGED, merged_into="12345678901"))
    for action in (MemberAction.PAY, MemberAction.CORRECT, MemberAction.DEACTIVATE, MemberAction.ISSUE_CARD):
        assert _refused(a, action) == "member.merged"
    assert a.may(MemberAction.VOID_PAYMENT)  # an old payment stays voidable


def test_a_deactivated_member_may_still_be_corrected() -> None:
    a = member_actions(Role.OFFICER, MemberFacts(RecordStatus.DEACTIVATED))
    assert a.may(MemberAction.CORRECT)
    assert _refused(a, MemberAction.PAY) == "member.inactive"
    assert _refused(a, MemberAction.ISSUE_CARD) == "member.inactive"


def test_without_an_enrolment_nothing_is_paid_or_printed() -> None:
    a = member_actions(Role.OFFICER, MemberFacts(RecordStatus.ACTIVE, enrolled=False))
    for action in (
        MemberAction.PAY,
        MemberAction.ISSUE_CARD,
        MemberAction.PRINT_RECEIPT,
        MemberAction.SCHEDULE,
    ):
        assert _refused(a, action) == "member.not_enrolled"
    assert a.may(MemberAction.CORRECT)


def test_a_card_in_force_is_replaced_by_a_reprint_one_request_at_a_time() -> None:
    a = member_actions(Role.OFFICER, MemberFacts(RecordStatus.ACTIVE, issued_card="S-1"))
    assert _refused(a, MemberAction.ISSUE_CARD) == "card.in_force"
    assert a.may(MemberAction.REPRINT_CARD)
    b = member_actions(
        Role.OFFICER, MemberFacts(RecordStatus.ACTIVE, issued_card="S-1", reprint_pending=True)
    )
    assert _refused(b, MemberAction.REPRINT_CARD) == "card.reprint_pending"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR])
def test_a_closed_day_refuses_what_writes_to_it(role: Role) -> None:
    a = member_actions(role, MemberFacts(RecordStatus.ACTIVE, day_closed=True))
    for action in (MemberAction.PAY, MemberAction.ISSUE_CARD, MemberAction.MOVE):
        assert _refused(a, action) == "day.closed"
    assert a.may(MemberAction.CORRECT) and a.may(MemberAction.PRINT_RECEIPT)


def test_an_unknown_role_may_do_nothing_and_the_json_says_why() -> None:
    a = member_actions("tamu", ACTIVE)
    assert not any(a.may(x) for x in MemberAction)
    j = a.as_json()
    assert j["PAY"]["allowed"] is False and j["PAY"]["code"] == "auth.forbidden"
    assert member_actions(Role.OFFICER, ACTIVE).as_json()["PAY"] == {"allowed": True}
    assert not MemberActions().may(MemberAction.PAY)  # no decision read: nothing is offered
