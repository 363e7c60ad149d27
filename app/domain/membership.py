"""Membership numbers (KPJ): 11 digits = branch prefix (3) + serial (7) + Damm check digit (1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.checkdigit import damm_digit, damm_digits_after, damm_valid
from app.domain.issues import Issue
from app.domain.messages import msg

PREFIX_LEN = 3
SERIAL_LEN = 7
NUMBER_LEN = PREFIX_LEN + SERIAL_LEN + 1
MAX_SERIAL = 10**SERIAL_LEN - 1

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True, slots=True)
class MembershipNumber:
    """A membership number whose length and check digit held, as it is stored, printed and searched."""

    value: str

    @property
    def prefix(self) -> str:
        return self.value[:PREFIX_LEN]

    @property
    def serial(self) -> int:
        return int(self.value[PREFIX_LEN : PREFIX_LEN + SERIAL_LEN])

    def grouped(self) -> str:
        """Grouped for reading aloud and copying by hand: ``101 2345 678 9``."""
        v = self.value
        return f"{v[:3]} {v[3:7]} {v[7:10]} {v[10:]}"

    def __str__(self) -> str:
        return self.value


def valid_prefix(prefix: str) -> bool:
    return len(prefix) == PREFIX_LEN and prefix.isascii() and prefix.isdigit() and prefix != "000"


def make_number(prefix: str, serial: int) -> MembershipNumber:
    """Compose the number for ``serial`` (1-based) in the branch with ``prefix``."""
    if not valid_prefix(prefix):
        raise ValueError(f"invalid branch prefix {prefix!r}")
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError(f"serial {serial} out of range")
    body = f"{prefix}{serial:0{SERIAL_LEN}d}"
    return MembershipNumber(body + damm_digit(body))


def make_numbers(prefix: str, first: int, count: int) -> list[str]:
    """``make_number(prefix, s).value`` for the ``count`` serials from ``first``: bulk enrolment."""
    if count <= 0:
        return []
    make_number(prefix, first)  # validates the prefix and the first serial
    if first + count - 1 > MAX_SERIAL:
        raise ValueError(f"serial {first + count - 1} out of range")
    out: list[str] = []
    head, digits = "", tuple[str, ...]()
    for serial in range(first, first + count):
        body = f"{prefix}{serial:0{SERIAL_LEN}d}"
        if body[:-1] != head:
            head = body[:-1]
            digits = damm_digits_after(head)
        out.append(body + digits[serial % 10])
    return out


def parse_number(text: str) -> MembershipNumber | Issue:
    """Read a number typed, scanned or printed (spaces, dots and dashes allowed) and verify it."""
    digits = _SEPARATORS.sub("", str(text))
    if len(digits) != NUMBER_LEN or not digits.isascii() or not digits.isdigit():
        return Issue(
            "nomor",
            "nomor.format",
            msg("Nomor peserta harus {number_len} digit angka.", number_len=NUMBER_LEN),
        )
    if not damm_valid(digits):
        return Issue(
            "nomor",
            "nomor.check_digit",
            "Nomor peserta salah ketik: digit pemeriksa tidak cocok. Periksa kembali nomornya.",
        )
    return MembershipNumber(digits)
