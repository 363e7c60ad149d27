"""Gapless serials: membership numbers per branch and receipt numbers per kind, branch and year.

One implementation for one row and for many: a counter's enrolment takes one serial, an import or
a training seed takes a range, and both bump the same row by the count in the caller's transaction.
The bump locks the row until commit (PostgreSQL row lock; SQLite holds its write lock already), so
counters take serials one after another, and a rollback gives the serials back: no gaps, no repeats.
The statements run on the driver (``app.db.driver``): the counter's hot path.
"""

from __future__ import annotations

from app.db.driver import Driver
from app.domain.issues import DomainError, Issue
from app.domain.membership import MAX_SERIAL

_TAKE_MEMBER = (
    "UPDATE number_sequence SET next_serial = next_serial + ? WHERE branch_id = ? RETURNING next_serial"
)
_TAKE_RECEIPT = (
    'UPDATE receipt_sequence SET next_serial = next_serial + ? WHERE "key" = ? RETURNING next_serial'
)
_NEW_RECEIPT = 'INSERT INTO receipt_sequence ("key", next_serial) VALUES (?, 1) ON CONFLICT DO NOTHING'


def exhausted() -> DomainError:
    return DomainError(Issue("number", "number.exhausted", "Nomor peserta cabang ini sudah habis."))


def take_member_serials(driver: Driver, branch_id: int, count: int = 1) -> int:
    """Take ``count`` consecutive membership serials of the branch; returns the first.

    Refused (``number.exhausted``) when the range would pass the last serial an 11-digit number
    can hold; the caller's rollback then returns the bump. A branch without its sequence row
    (not set up) raises ``LookupError``.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    end = int(driver.execute(_TAKE_MEMBER, (count, branch_id)).one()[0])
    first = end - count
    if end - 1 > MAX_SERIAL:
        raise exhausted()
    return first


def take_receipt_serials(driver: Driver, key: str, count: int = 1) -> int:
    """Take ``count`` consecutive serials of the receipt sequence ``key`` (``TBI-101-2026``);
    returns the first. The sequence's row is made on its first use (another counter may make it
    at the same moment: the insert then does nothing and both bump the same row)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    found = driver.execute(_TAKE_RECEIPT, (count, key)).first()
    if found is None:
        driver.execute(_NEW_RECEIPT, (key,))
        found = driver.execute(_TAKE_RECEIPT, (count, key)).one()
    return int(found[0]) - count
