"""End-of-day arithmetic: what one business day (of the branch or one officer) adds up to.

Pure: the service reads the rows of the day (NIKs already masked, labels already resolved, times
already local) and this module counts, sums and reconciles them
(``rows`` are the facts read, ``figures`` what they add up to). A closed day's figures are made
only from facts dated that day, so recomputing them later gives the same totals: a payment voided
on a later day stays collected on its own day and appears as an adjustment on the day of the void.
"""

from __future__ import annotations

from app.domain.day_summary.figures import (
    ClosedInfo,
    DayFigures,
    DaySummary,
    MethodLine,
    OfficerTakings,
    Reconciliation,
    Tally,
    hour_span,
    regency_of,
    serial_ranges,
    summarise_day,
    tallies_json,
    top_with_rest,
)
from app.domain.day_summary.rows import (
    CHANNEL_SHORT,
    METHODS,
    PROGRAMME_LABELS,
    SEGMENT_LABELS,
    AuditHead,
    BatchRow,
    CardRow,
    CorrectionRow,
    EnrolmentRow,
    ImportRow,
    PaymentRow,
    VoidRow,
    day_bounds,
    full_date,
    long_date,
)
from app.domain.payment_methods import METHOD_LABELS

__all__ = [
    "CHANNEL_SHORT",
    "METHODS",
    "METHOD_LABELS",
    "PROGRAMME_LABELS",
    "SEGMENT_LABELS",
    "AuditHead",
    "BatchRow",
    "CardRow",
    "ClosedInfo",
    "CorrectionRow",
    "DayFigures",
    "DaySummary",
    "EnrolmentRow",
    "ImportRow",
    "MethodLine",
    "OfficerTakings",
    "PaymentRow",
    "Reconciliation",
    "Tally",
    "VoidRow",
    "day_bounds",
    "full_date",
    "hour_span",
    "long_date",
    "regency_of",
    "serial_ranges",
    "summarise_day",
    "tallies_json",
    "top_with_rest",
]
