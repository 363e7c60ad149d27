"""Persetujuan without Qt: whether a decision may start on the item selected, and what is still
missing before an approval (the supervisor's password) or a rejection (a reason) is sent. One rule for
corrections and reprints alike; the decisions themselves are ``corrections``' and ``cards``'."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.services.corrections import MIN_REASON


class Blocked(StrEnum):
    """Why a decision does not go ahead (the page says PASSWORD and NOTE at their fields)."""

    NOTHING = "NOTHING"  # go ahead
    IDLE = "IDLE"  # nothing selected, or another decision is running: nothing happens
    PASSWORD = "PASSWORD"  # noqa: S105 - the missing field, not a secret
    NOTE = "NOTE"  # a rejection needs a reason of MIN_REASON characters at least


def tidy_note(note: str) -> str:
    """A rejection's reason as it is recorded: spaces tidied."""
    return " ".join(note.split())


@dataclass
class ApprovalFlow:
    """One supervisor's queue: one decision at a time."""

    busy: bool = False  # a decision is being written

    def decision_open(self, selected: bool) -> bool:
        """The password, approve, note and reject controls of an item are open."""
        return selected and not self.busy

    def approve_blocked(self, selected: bool, password: str) -> Blocked:
        if not self.decision_open(selected):
            return Blocked.IDLE
        return Blocked.PASSWORD if not password else Blocked.NOTHING

    def reject_blocked(self, selected: bool, note: str) -> Blocked:
        if not self.decision_open(selected):
            return Blocked.IDLE
        return Blocked.NOTE if len(tidy_note(note)) < MIN_REASON else Blocked.NOTHING
