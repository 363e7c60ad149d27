"""Rupiah amounts in Indonesian words, as receipts print them: ``enam belas ribu delapan ratus rupiah``."""

from __future__ import annotations

_UNITS = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _below_thousand(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh {_UNITS[rest]}".strip()
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return f"{head} {_below_thousand(rest)}".strip()


def _words(n: int) -> str:
    if n < 1000:
        return _below_thousand(n)
    for scale, name in _SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            return f"{_words(head)} {name} {_words(rest)}".strip()
    head, rest = divmod(n, 1000)
    first = "seribu" if head == 1 else f"{_below_thousand(head)} ribu"
    return f"{first} {_below_thousand(rest)}".strip()


def terbilang(amount: int) -> str:
    """``16800`` → ``enam belas ribu delapan ratus rupiah``; integers only, below Rp1.000 triliun."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    if not 0 <= amount < 10**15:
        raise ValueError("amount out of range")
    if amount == 0:
        return "nol rupiah"
    return f"{_words(amount)} rupiah"
