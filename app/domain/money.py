"""Money is integer rupiah, shown the Indonesian way: ``Rp16.800``."""

from __future__ import annotations


def format_rupiah(amount: int) -> str:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def format_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")
