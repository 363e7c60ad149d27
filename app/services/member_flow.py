"""Data Peserta without Qt: which of the page's controls are open for the member on screen (the core's
verdicts, plus what the rows selected in its tables allow), and what the card key does.

The page renders :func:`member_controls` and asks :func:`card_key` on Ctrl+P; the rules themselves are
``app.domain.member_actions``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.member_actions import MemberAction, MemberActions
from app.domain.states import CardStatus


class Control(StrEnum):
    """A button of Data Peserta."""

    PAY = "PAY"
    CARD_KEY = "CARD_KEY"  # Cetak kartu (Ctrl+P) on the action row
    ISSUE_CARD = "ISSUE_CARD"  # Cetak kartu on the cards tab
    REPRINT_CARD = "REPRINT_CARD"
    REGISTRATION_RECEIPT = "REGISTRATION_RECEIPT"
    CORRECT = "CORRECT"
    DEACTIVATE = "DEACTIVATE"
    SCHEDULE = "SCHEDULE"
    PAYMENT_RECEIPT = "PAYMENT_RECEIPT"  # reprint the receipt of the payment selected
    VOID_PAYMENT = "VOID_PAYMENT"  # void the payment selected
    SPOIL_CARD = "SPOIL_CARD"  # record the card selected as misprinted


@dataclass(frozen=True, slots=True)
class ControlState:
    """Open or not; ``reason`` is the core's why-not (a tooltip), None for controls that never say one."""

    enabled: bool
    reason: str | None = None


class CardKey(StrEnum):
    """What Ctrl+P does for the member on screen."""

    ISSUE = "ISSUE"  # print the first card
    POINT_TO_REPRINT = "POINT_TO_REPRINT"  # a card is in force: say so and show the cards tab
    NOTHING = "NOTHING"  # refused (the button's tooltip says why)


# The buttons that show one of the core's verdicts as they are.
_VERDICT_OF = {
    Control.PAY: MemberAction.PAY,
    Control.ISSUE_CARD: MemberAction.ISSUE_CARD,
    Control.REPRINT_CARD: MemberAction.REPRINT_CARD,
    Control.REGISTRATION_RECEIPT: MemberAction.PRINT_RECEIPT,
    Control.CORRECT: MemberAction.CORRECT,
    Control.DEACTIVATE: MemberAction.DEACTIVATE,
    Control.SCHEDULE: MemberAction.SCHEDULE,
}


def member_controls(
    actions: MemberActions | None, *, payment_voided: bool | None = None, card_status: str | None = None
) -> dict[Control, ControlState]:
    """Every control's state. ``actions``: the member's verdicts (None: no member open);
    ``payment_voided``: the payment selected is voided (None: none selected); ``card_status``: the
    status of the card selected (None: none selected)."""
    states: dict[Control, ControlState] = {}
    for control, action in _VERDICT_OF.items():
        verdict = actions.of(action) if actions is not None else None
        states[control] = ControlState(
            verdict is not None and verdict.allowed, verdict.reason if verdict is not None else ""
        )
    # Ctrl+P on a member whose card is in force says why (and points to a reprint), not nothing.
    card = actions.of(MemberAction.ISSUE_CARD) if actions is not None else None
    states[Control.CARD_KEY] = ControlState(
        card is not None and (card.allowed or card.code == "card.in_force"), states[Control.ISSUE_CARD].reason
    )
    states[Control.PAYMENT_RECEIPT] = ControlState(payment_voided is not None)
    may_void = actions is not None and actions.may(MemberAction.VOID_PAYMENT)
    states[Control.VOID_PAYMENT] = ControlState(may_void and payment_voided is False)
    states[Control.SPOIL_CARD] = ControlState(card_status == CardStatus.ISSUED)
    return states


def card_key(actions: MemberActions, *, card_in_force: bool) -> CardKey:
    """Ctrl+P: print the first card, or point to a reprint when a card is in force."""
    if actions.of(MemberAction.ISSUE_CARD).code == "card.in_force" and card_in_force:
        return CardKey.POINT_TO_REPRINT
    return CardKey.ISSUE if actions.may(MemberAction.ISSUE_CARD) else CardKey.NOTHING
