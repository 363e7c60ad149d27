"""Signals pages use to talk to each other without knowing each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class UiBus(QObject):
    """Signals between pages: a member shown or changed, an enrolment, a page asked for, a sync, a day closed."""

    # "Show this member" (a membership number): the member page opens it and the window switches to it.
    member_requested = Signal(str)
    # A member's data changed (payment, correction, card…): pages showing it refresh.
    member_changed = Signal(str)
    # A worker was enrolled at the intake page (MemberDTO).
    enrolled = Signal(object)
    # Ask the window to show a page by its class name (e.g. "VerifyPage").
    page_requested = Signal(str)
    # An outreach laptop imported its branch's answer (its days without a sync start again).
    synced = Signal()
    # A day was closed or reopened (Tutup Hari): pages that write to today look again.
    day_changed = Signal()
