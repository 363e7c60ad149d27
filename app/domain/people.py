"""Names, phone numbers and ages: normalised and checked the same way everywhere."""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache

from lokal.phone import parse_phone

from app.domain.issues import Issue
from app.domain.messages import msg

NAME_MAX = 100
_NAME_PUNCT = frozenset(" '.,-")


@lru_cache(maxsize=4096)  # an import checks a few dozen distinct letters hundreds of thousands of times
def _is_latin_letter(ch: str) -> bool:
    if not ch.isalpha():
        return False
    try:
        return unicodedata.name(ch).startswith("LATIN ")
    except ValueError:
        return False


def normalise_name(text: str) -> str:
    """Upper-case and single-spaced, as printed on the KTP."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).upper()


def check_name(field: str, text: str, *, label: str) -> tuple[str | None, list[Issue]]:
    """Normalise a person's name; letters, spaces and ' . , - only; at most 100 characters."""
    name = normalise_name(text)
    if not name:
        return None, [Issue(field, f"{field}.required", msg("{label} wajib diisi.", label=label))]
    if len(name) > NAME_MAX:
        return None, [
            Issue(
                field,
                f"{field}.length",
                msg("{label} paling banyak {name_max} karakter.", label=label, name_max=NAME_MAX),
            )
        ]
    bad = sorted({c for c in name if not (_is_latin_letter(c) or c in _NAME_PUNCT)})
    if bad:
        shown = " ".join(repr(c)[1:-1] if c.isprintable() else f"U+{ord(c):04X}" for c in bad[:5])
        return None, [
            Issue(
                field,
                f"{field}.chars",
                msg(
                    "{label} hanya boleh berisi huruf, spasi, dan tanda ' . , - (ditemukan: {shown}).",
                    label=label,
                    shown=shown,
                ),
            )
        ]
    if not any(_is_latin_letter(c) for c in name):
        return None, [Issue(field, f"{field}.chars", msg("{label} harus berisi huruf.", label=label))]
    return name, []


def normalise_phone(field: str, text: str) -> tuple[str | None, list[Issue]]:
    """Indonesian mobile number to E.164 (``+6281234567890``)."""
    info = parse_phone(str(text))
    if not info.valid or info.e164 is None:
        return None, [Issue(field, "no_hp.format", "Nomor HP tidak valid. Tulis 08… atau +62…, 10–13 digit.")]
    if info.type != "mobile":
        return None, [
            Issue(field, "no_hp.mobile", "Isi nomor HP (diawali 08 atau +628), bukan telepon rumah.")
        ]
    return str(info.e164), []


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day``."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
