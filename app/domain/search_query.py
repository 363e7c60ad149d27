"""What the officer typed (or scanned) into the search box: a NIK, a membership number,
a phone number or a name. Pure: no database, no clock."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.checkdigit import damm_valid
from app.domain.issues import Issue
from app.domain.membership import NUMBER_LEN, MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.names import canonical, is_initial, tokens
from app.domain.people import normalise_phone

FIELD = "q"
MIN_NAME_LETTERS = 3
_DIGITS_ONLY = re.compile(r"[\d\s.\-+()/]+")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_REGION = re.compile(r"(\d{2})(?:\.?(\d{2}))?")


@dataclass(frozen=True, slots=True)
class NikQuery:
    """A search for one member by his 16-digit NIK."""

    nik: str


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """A search for one member by his membership number."""

    number: str


@dataclass(frozen=True, slots=True)
class PhoneQuery:
    """A search by mobile number, normalised to +62."""

    e164: str


@dataclass(frozen=True, slots=True)
class NameQuery:
    """A search by name, optionally with a birth year."""

    tokens: tuple[str, ...]  # folded raw tokens, initials included
    open_last: bool  # the last token may still be being typed
    birth_year: int | None = None  # a year typed with the name: "siti aminah 1990"

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if not is_initial(t))

    @property
    def comparable(self) -> str:
        return " ".join(canonical(t) for t in self.tokens)


@dataclass(frozen=True, slots=True)
class BadQuery:
    """Nothing to search for yet, or a typing error worth telling the officer about."""

    issue: Issue
    number_suggestions: tuple[str, ...] = ()  # numbers one typo away, for a bad check digit


@dataclass(frozen=True, slots=True)
class EmptyQuery:
    """A search box with nothing to search for yet."""


Query = NikQuery | NumberQuery | PhoneQuery | NameQuery | BadQuery | EmptyQuery


def number_corrections(digits: str) -> tuple[str, ...]:
    """Valid numbers one substituted digit or one adjacent swap away from ``digits``."""
    out: set[str] = set()
    for i in range(len(digits)):
        for d in "0123456789":
            if d != digits[i]:
                cand = digits[:i] + d + digits[i + 1 :]
                if damm_valid(cand):
                    out.add(cand)
        if i + 1 < len(digits) and digits[i] != digits[i + 1]:
            cand = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            if damm_valid(cand):
                out.add(cand)
    return tuple(sorted(out))


def _digits_query(text: str) -> Query:
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") or (digits.startswith("62") and len(digits) >= 11):
        return _phone(digits if not text.lstrip().startswith("+") else "+" + digits)
    if len(digits) == 16:
        return NikQuery(digits)
    if len(digits) == NUMBER_LEN:
        parsed = parse_number(digits)
        if isinstance(parsed, MembershipNumber):
            return NumberQuery(parsed.value)
        if digits.startswith("08"):
            return _phone(digits)
        return BadQuery(parsed, number_corrections(digits))
    if digits.startswith("08") and 10 <= len(digits) <= 13:
        return _phone(digits)
    return BadQuery(
        Issue(
            FIELD,
            "search.digits",
            msg(
                "{count} digit: ketik 16 digit NIK, 11 digit nomor peserta, atau nomor HP (08…/+62…).",
                count=len(digits),
            ),
        )
    )


def _phone(text: str) -> Query:
    e164, issues = normalise_phone(FIELD, text)
    if e164 is None:
        return BadQuery(Issue(FIELD, "search.phone", issues[0].message))
    return PhoneQuery(e164)


def classify(text: str) -> Query:
    """Decide what kind of search the text asks for."""
    stripped = str(text).strip()
    if not stripped:
        return EmptyQuery()
    if _DIGITS_ONLY.fullmatch(stripped) and any(c.isdigit() for c in stripped):
        return _digits_query(stripped)
    year = None
    m = _YEAR.search(stripped)
    if m:
        year = int(m.group(1))
        stripped = (stripped[: m.start()] + " " + stripped[m.end() :]).strip()
    toks = tuple(tokens(stripped))
    letters = sum(len(t) for t in toks if not is_initial(t))
    if letters < MIN_NAME_LETTERS:
        return BadQuery(
            Issue(
                FIELD, "search.too_short", "Ketik minimal 3 huruf nama, atau NIK / nomor peserta / nomor HP."
            )
        )
    original = str(text)
    open_last = not original[-1].isspace() and not (m and original.rstrip().endswith(m.group(1)))
    return NameQuery(toks, open_last, year)


def parse_region(text: str | None) -> str | Issue | None:
    """A province (``16``) or regency (``16.10`` / ``1610``) code; NIK districts are matched by prefix."""
    if text is None or not str(text).strip():
        return None
    m = _REGION.fullmatch(str(text).strip())
    if not m:
        return Issue(
            "region",
            "search.region",
            "Kode wilayah: 2 digit provinsi (16) atau 4 digit kabupaten/kota (16.10).",
        )
    return m.group(1) + (m.group(2) or "")
