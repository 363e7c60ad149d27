"""Import cells: what office spreadsheets hold (serial dates, 15-digit numbers, words) made intake text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.imports.headers import (
    _ERROR_VALUES,
    _EXACT_FLOAT_LIMIT,
    _MONTHS,
    _SCIENTIFIC,
    _SPECIAL_TEXT_KEYS,
    _WORD_DATE,
    MAX_CELL_CHARS,
)
from app.domain.issues import Issue
from app.domain.messages import msg

# --- cells ------------------------------------------------------------------------------------------


def excel_serial_date(serial: float, *, epoch_1904: bool = False) -> dt.date | None:
    """An Excel day number to a date (1900 system with its phantom 29 Feb 1900, or 1904)."""
    if serial != serial or serial < 1 or serial > 2_958_465:  # NaN, before 1900, after 9999
        return None
    days = int(serial)
    if epoch_1904:
        return dt.date(1904, 1, 1) + dt.timedelta(days=days)
    if days < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=days)
    return dt.date(1899, 12, 30) + dt.timedelta(days=days)


def _word_date(text: str) -> dt.date | None:
    """``17 Agustus 1945``, ``5-Agt-1990``, ``1 Jan. 2000``."""
    m = _WORD_DATE.fullmatch(text.strip())
    if not m:
        return None
    month = _MONTHS.get(m.group(2).casefold())
    if month is None:
        return None
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _nik_from_number(value: int | float, label: str) -> tuple[str | None, Issue | None, Issue | None]:
    """A NIK cell that holds a number: exact only when no digit can have been lost."""
    lost = Issue(
        "nik",
        "nik.numeric",
        msg(
            "NIK tersimpan sebagai angka ({label}); digit terakhirnya bisa hilang atau berubah. Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.",
            label=label,
        ),
    )
    if isinstance(value, float):
        if not value.is_integer() or not 0 < value < _EXACT_FLOAT_LIMIT:
            return None, lost, None
        value = int(value)
    digits = str(value)
    if len(digits) != 16:
        return None, lost, None
    if digits.endswith("0"):
        # Excel keeps 15 significant digits: a NIK typed into a number cell ends in 0.
        return None, lost, None
    return (
        digits,
        None,
        Issue(
            "nik",
            "nik.numeric_cell",
            "NIK tersimpan sebagai angka; sebaiknya format kolom NIK sebagai Teks.",
        ),
    )


def _scientific_nik(text: str) -> Issue | None:
    """``1.61001450890000E+15`` typed or exported as text: 15 digits of a 16-digit NIK survive."""
    if not _SCIENTIFIC.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    significant = len(number.as_tuple().digits)
    if number == number.to_integral_value() and significant >= 16 and len(str(int(number))) == 16:
        return None  # every digit is there; the caller reads it back as an integer
    return Issue(
        "nik",
        "nik.numeric",
        msg(
            "NIK tertulis dalam notasi ilmiah ({text}); digit terakhirnya hilang. Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.",
            text=text[:24],
        ),
    )


@dataclass(slots=True)
class CoercedRow:
    """Cell values turned into what ``validate_intake`` reads, plus what the cells themselves say."""

    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def coerce_cells(cells: Mapping[str, object], *, epoch_1904: bool = False) -> CoercedRow:
    """Spreadsheet cell values (str, int, float, datetime, None) → the intake record's raw values.

    Numbers never silently lose digits (a NIK stored as a number is refused unless exact);
    dates may be date cells, Excel day numbers, ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``17 Agustus 1945``.
    """
    out = CoercedRow()
    for key, value in cells.items():
        if value is None:
            continue
        if isinstance(value, str):
            text = value.strip()
            if not text:
                continue
            if len(text) > MAX_CELL_CHARS:
                out.errors.append(
                    Issue(
                        key,
                        "import.cell_too_long",
                        f"Isi sel '{key}' terlalu panjang ({len(text):,} karakter; paling banyak "
                        f"{MAX_CELL_CHARS:,}).".replace(",", "."),
                    )
                )
                continue
            if text[0] == "#" and text.upper() in _ERROR_VALUES:
                out.errors.append(
                    Issue(
                        key,
                        "import.cell_error",
                        msg(
                            "Sel '{key}' berisi galat rumus {text}; perbaiki rumusnya atau isi nilainya.",
                            key=key,
                            text=text.upper(),
                        ),
                    )
                )
                continue
            value = text
            if key not in _SPECIAL_TEXT_KEYS:
                out.raw[key] = value  # plain text: the intake rules read it as it is
                continue
        if key == "nik":
            if isinstance(value, bool):
                value = str(value)
            if isinstance(value, int | float):
                nik, err, warn = _nik_from_number(
                    value, _cell_text(value) if isinstance(value, int) else f"{value:.14E}"
                )
                if err:
                    out.errors.append(err)
                    continue
                if warn:
                    out.warnings.append(warn)
                value = nik
            elif isinstance(value, str) and (issue := _scientific_nik(value)) is not None:
                out.errors.append(issue)
                continue
            elif isinstance(value, str) and _SCIENTIFIC.fullmatch(value):
                value = str(int(Decimal(value.replace(",", "."))))
        elif key == "tanggal_lahir":
            if isinstance(value, bool):
                value = str(value)
            elif isinstance(value, int | float):
                if isinstance(value, int) and 19000101 <= value <= 21001231:
                    text = str(value)
                    value = f"{text[:4]}-{text[4:6]}-{text[6:]}"
                else:
                    day = excel_serial_date(float(value), epoch_1904=epoch_1904)
                    value = day if day is not None else _cell_text(value)
            elif isinstance(value, str):
                value = _word_date(value) or value
        elif key == "no_hp" and isinstance(value, int | float) and not isinstance(value, bool):
            text = _cell_text(value)
            # A number cell drops the leading 0 of 0812…; 62812… lost its +.
            value = "0" + text if text.startswith("8") else ("+" + text if text.startswith("62") else text)
        elif key in ("penghasilan", "bulan_bayar"):
            pass  # validate_intake reads integers, integral floats and "1.500.000" itself
        elif isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            value = _cell_text(value)
        out.raw[key] = value
    return out
