"""The checks a rate table's figures pass as they are read: a collector that keeps every problem
(so the supervisor sees them all at once) and reads typed values (text, money, percent, month)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.months import Month

MAX_MONEY = 10**13  # Rp10 triliun: a sanity bound for any figure in a table


class RateChecker:
    """Collects every problem in a table so the supervisor sees them all at once."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def err(self, path: str, code: str, message: str) -> None:
        if len(self.issues) < 50:
            self.issues.append(Issue(path, code, message))

    def text(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.err(
                    f"{path}.{key}", "rates.required", msg("'{path}.{key}' wajib diisi.", path=path, key=key)
                )
            return ""
        if not isinstance(value, str):
            self.err(
                f"{path}.{key}", "rates.type", msg("'{path}.{key}' harus berupa teks.", path=path, key=key)
            )
            return ""
        return value

    def money(self, value: Any, path: str, *, nullable: bool = False) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(
                path, "rates.money", msg("'{path}' harus bilangan bulat rupiah (bukan pecahan).", path=path)
            )
            return None
        if not 0 <= value <= MAX_MONEY:
            self.err(path, "rates.money_range", msg("'{path}' di luar batas wajar.", path=path))
            return None
        return value

    def percent(self, value: Any, path: str) -> Fraction | None:
        if not isinstance(value, str):
            self.err(
                path, "rates.percent", msg("'{path}' harus persen dalam teks, mis. \"0.24\".", path=path)
            )
            return None
        try:
            dec = Decimal(value.strip())
        except InvalidOperation:
            self.err(
                path,
                "rates.percent",
                msg("'{path}' bukan angka persen: '{value}'.", path=path, value=value[:20]),
            )
            return None
        if not dec.is_finite() or not Decimal(0) <= dec <= Decimal(100):
            self.err(path, "rates.percent_range", msg("'{path}' harus antara 0 dan 100 persen.", path=path))
            return None
        return Fraction(dec) / 100

    def month(self, value: Any, path: str) -> Month | None:
        try:
            return Month.parse(str(value)) if isinstance(value, str) else Month.parse("")
        except ValueError:
            self.err(path, "rates.month", msg("'{path}' harus bulan TTTT-BB, mis. 2026-04.", path=path))
            return None

    def flag(self, obj: Mapping[str, Any], key: str) -> bool:
        return obj.get(key) is True

    def strings(self, value: Any, path: str) -> frozenset[str]:
        if value is None:
            return frozenset()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(path, "rates.type", msg("'{path}' harus daftar teks.", path=path))
            return frozenset()
        return frozenset(value)


def find_floats(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, float):
        out.append(path)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            find_floats(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            find_floats(v, f"{path}[{i}]", out)
