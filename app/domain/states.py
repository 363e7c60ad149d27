"""The states a stored row can be in, as enums (values are what the database holds, unchanged)."""

from __future__ import annotations

from enum import StrEnum


class RecordStatus(StrEnum):
    """A member record: active, or why it no longer is."""

    ACTIVE = "ACTIVE"
    DEACTIVATED = "DEACTIVATED"
    MERGED = "MERGED"
    PURGED = "PURGED"
    MOVED = "MOVED"


class PaymentStatus(StrEnum):
    """Whether a payment stands or was voided."""

    PAID = "PAID"
    VOID = "VOID"  # kept with its reason; its months may be paid again


class CardStatus(StrEnum):
    """Where a printed card stands: in force, replaced, or misprinted."""

    ISSUED = "issued"
    REVOKED = "revoked"  # replaced by a reprint (lost, damaged, data corrected)
    SPOILED = "spoiled"  # misprinted on the day it was printed


class ReprintStatus(StrEnum):
    """Where a card reprint request stands with the supervisor."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class CorrectionStatus(StrEnum):
    """Where a proposed correction of a member's record stands with the supervisor."""

    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class DayStatus(StrEnum):
    """A business day's lock row: closed, or closed and then reopened by a supervisor."""

    CLOSED = "CLOSED"
    REOPENED = "REOPENED"


class ConflictStatus(StrEnum):
    """A conflict found while merging a travel package."""

    OPEN = "OPEN"
    RESOLVED = "RESOLVED"
