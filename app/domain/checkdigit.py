"""Damm check digit: detects every single-digit error and every adjacent transposition."""

from __future__ import annotations

# The totally anti-symmetric quasigroup of order 10 published by H. Michael Damm (2004).
_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def _interim(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _TABLE[interim][ord(ch) - 48]
    return interim


def damm_digit(digits: str) -> str:
    """The check digit to append to ``digits`` (ASCII digits only)."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("damm_digit needs ASCII digits")
    return str(_interim(digits))


def damm_digits_after(head: str) -> tuple[str, ...]:
    """The check digits of ``head + "0"`` … ``head + "9"`` (indexed by the last digit): numbers
    made in runs share their head, so a run costs one table walk per ten numbers."""
    if not head.isascii() or not head.isdigit():
        raise ValueError("damm_digits_after needs ASCII digits")
    state = _TABLE[_interim(head)]
    return tuple(str(state[d]) for d in range(10))


def damm_valid(digits: str) -> bool:
    """True when ``digits`` ends with its correct Damm check digit."""
    return digits.isascii() and digits.isdigit() and len(digits) >= 2 and _interim(digits) == 0
