"""What each printed KTP line says, from the OCR's raw text: normalisers for one field each (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Fields the reader gives, in the card's order; the intake record's keys where they exist.
FIELDS = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "rt_rw",
    "kel_desa",
    "kecamatan",
    "kabupaten",
    "provinsi",
    "pekerjaan",
)
FIELD_LABELS = {
    "nik": "NIK",
    "nama": "Nama",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin",
    "alamat": "Alamat",
    "rt_rw": "RT/RW",
    "kel_desa": "Kel/Desa",
    "kecamatan": "Kecamatan",
    "kabupaten": "Kabupaten/Kota",
    "provinsi": "Provinsi",
    "pekerjaan": "Pekerjaan",
}
GENDERS = {"LAKI-LAKI": "L", "PEREMPUAN": "P"}
_DIGIT_LOOKALIKES = str.maketrans("ODQILTZSBG", "0001112586")
_DATE_LOOKALIKES = str.maketrans("OIL", "011")
_DATE = re.compile(r"(\d{1,2})\s*[-./ ]?\s*(\d{1,2})\s*[-./ ]?\s*(\d{4})\s*$")
_NAME_OK = re.compile(r"^[A-Z][A-Z '.,\-]*$")


@dataclass(frozen=True, slots=True)
class Snap:
    """A printed name matched to a known one: the known value, its key and how alike they are (0–100)."""

    value: str
    key: str
    score: float
    runner_up: float  # the next best's score: a close second makes the match unsure


def clean_line(text: str) -> str:
    """One space between words, no stray colon or dot the label's colon leaves at the start."""
    text = " ".join(text.upper().split())
    return text.lstrip(":;.,'- ").rstrip(" :;,-")


def clean_place(text: str) -> str:
    return clean_line(text).rstrip(".")


_STREET_WORDS = (
    (re.compile(r"\bJL(?:[.,]\s*|\s+)"), "JL. "),
    (re.compile(r"\bGG(?:[.,]\s*|\s+)"), "GG. "),
    (re.compile(r"\bNO[.,]?\s*(?=\d)"), "NO. "),
)


def street(text: str) -> str:
    """The address line, with the KTP's own abbreviations written one way (``JL.``, ``GG.``, ``NO.``)."""
    text = clean_line(text)
    for pattern, fixed in _STREET_WORDS:
        text = pattern.sub(fixed, text)
    return " ".join(text.split())


def nik_digits(text: str) -> str:
    """The NIK's digits, reading look-alike letters as the digits they resemble."""
    return "".join(ch for ch in text.upper().translate(_DIGIT_LOOKALIKES) if ch.isdigit())


def split_birth(text: str) -> tuple[str, str]:
    """``JAKARTA, 27-10-1980`` → (``JAKARTA``, ``27-10-1980``); either part may come back empty."""
    text = clean_line(text)
    m = _DATE.search(text.translate(_DATE_LOOKALIKES))
    if not m:
        place, _, _ = text.rpartition(",")
        return clean_place(place or text), ""
    d, mo, y = m.groups()
    place = clean_place(text[: m.start()])
    return place, f"{int(d):02d}-{int(mo):02d}-{y}"


def parse_printed_date(text: str) -> dt.date | None:
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    d, mo, y = (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def rt_rw(text: str) -> str:
    """``003/007`` from ``003/007``, ``003 / 007``, ``003007`` or ``3/7``; empty when unreadable."""
    text = clean_line(text).translate(_DATE_LOOKALIKES)
    m = re.fullmatch(r"(\d{1,3})\s*[/\\|\-. ]\s*(\d{1,3})", text)
    if m:
        return f"{int(m.group(1)):03d}/{int(m.group(2)):03d}"
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 6:
        return f"{digits[:3]}/{digits[3:]}"
    return ""


def gender(text: str) -> tuple[str, float]:
    """``L`` or ``P`` and how alike the printed word is to ``LAKI-LAKI``/``PEREMPUAN`` (0–100)."""
    text = clean_line(text)
    best = process.extractOne(text, list(GENDERS), scorer=fuzz.ratio)
    if best is None or best[1] < 60:
        return "", 0.0
    return GENDERS[best[0]], float(best[1])


def name_ok(text: str) -> bool:
    return bool(_NAME_OK.fullmatch(text)) and len(text) <= 100


def snap(text: str, choices: dict[str, str], *, strip: tuple[str, ...] = ()) -> Snap | None:
    """The known name (``choices``: key → name) nearest ``text``, ignoring case, spacing and ``strip`` words."""
    if not text or not choices:
        return None

    def norm(s: str) -> str:
        s = " ".join(s.upper().replace(".", " ").split())
        for word in strip:
            s = s.removeprefix(word + " ")
        return s.replace(" ", "")

    keyed = {k: norm(v) for k, v in choices.items()}
    found = process.extract(norm(text), keyed, scorer=fuzz.ratio, limit=2)
    if not found:
        return None
    _, score, key = found[0]
    second = found[1][1] if len(found) > 1 else 0.0
    return Snap(choices[key], key, float(score), float(second))
