"""Money is integer rupiah, shown the Indonesian way: ``Rp16.800``."""

from __future__ import annotations

from fractions import Fraction


def format_rupiah(amount: int) -> str:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def format_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def round_half_up(value: Fraction) -> int:
    """Whole rupiah, half up: ``Fraction(25, 2)`` → 13. Contributions are never negative."""
    if value < 0:
        raise ValueError("contributions are never negative")
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)
