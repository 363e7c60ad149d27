"""Export file names that cannot leave the chosen folder, and the masking of exported identities."""

from __future__ import annotations

import re

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.nik import mask_nik

MAX_NAME = 80
# Windows device names: a file called "CON" or "nul.csv" opens the device, not a file.
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
_ALLOWED = re.compile(r"[A-Za-z0-9 _.()\-]+")


def check_export_name(name: str) -> Issue | None:
    """Why ``name`` is refused as an export base name, or None when it is a plain file name.

    A name is one path component: no separators, no ``..``, no drive or stream colon, no control
    characters, not absolute, not a device name, not hidden, no trailing dot or space.
    """

    def bad(message: str) -> Issue:
        return Issue("nama_berkas", "export.name", message)

    if not name or not name.strip():
        return bad("Nama berkas ekspor kosong.")
    if len(name) > MAX_NAME:
        return bad(msg("Nama berkas ekspor paling panjang {max_name} karakter.", max_name=MAX_NAME))
    if "/" in name or "\\" in name or ":" in name:
        return bad("Nama berkas tidak boleh memuat / \\ atau : (berkas disimpan di folder yang dipilih).")
    if ".." in name:
        return bad("Nama berkas tidak boleh memuat '..'.")
    if name.startswith((".", " ", "-")) or name.endswith((".", " ")):
        return bad("Nama berkas tidak boleh diawali titik, spasi atau '-', atau diakhiri titik atau spasi.")
    if not _ALLOWED.fullmatch(name):
        return bad("Nama berkas hanya boleh huruf, angka, spasi, titik, '-', '_' dan tanda kurung.")
    if name.split(".")[0].strip().upper() in RESERVED:
        return bad(msg("'{name}' adalah nama perangkat di Windows; pilih nama lain.", name=name))
    return None


def mask_phone(phone: str | None) -> str | None:
    """``+6281234567890`` → ``0812****7890`` (first four and last four digits)."""
    if not phone:
        return phone
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    if len(digits) <= 8:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def exported_nik(nik: str, *, full: bool) -> str:
    return nik if full else mask_nik(nik)
