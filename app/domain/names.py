"""Name keys for finding Indonesian names despite spelling variants and typos.

A name is split into tokens; each token gets a *canonical spelling* (old spellings and the
usual variants folded: ``DJOKO`` → ``JOKO``, ``MOCH.`` → ``MUHAMAD``, ``NOOR`` → ``NUR``) and a
*key* (its consonant skeleton with look-alike letters merged: ``SUTRISNO`` and ``SUTRISNA``
→ ``STRSN``). Members are indexed by the keys of their tokens and of each pair of their tokens; ranking
compares the canonical spellings with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Bump when the rules below change: the stored index must then be rebuilt.
KEY_VERSION = "2"

MAX_KEY = 40

_NOT_LETTER = re.compile(r"[^A-Z]+")
_OLD_SPELLING = (
    ("OE", "U"),  # SOEKARNO → SUKARNO
    ("DJ", "J"),  # DJOKO → JOKO
    ("TJ", "C"),  # TJAHJA → CAHJA
    ("SJ", "SY"),  # SJARIF → SYARIF
    ("NJ", "NY"),  # NJOMAN → NYOMAN
    ("CH", "H"),  # MOCHAMAD, ACHMAD, RACHMAT
    ("KH", "H"),  # KHADIJAH, AKHMAD
    ("SY", "S"),  # SYAIFUL → SAIFUL
    ("TH", "T"),  # FATHUR → FATUR
    ("DH", "D"),  # RAMADHAN → RAMADAN
    ("DZ", "Z"),  # DZULKIFLI → ZULKIFLI
    ("PH", "F"),  # STEPHANUS → STEFANUS
    ("Q", "K"),  # TAUFIQ → TAUFIK
    ("X", "KS"),
)
_DOUBLE = re.compile(r"([A-Z])\1+")
# Assimilated ABDUL (sun letters): ABDURRAHMAN, ABDURAHMAN, ABDUSSALAM → ABDUL + RAHMAN/SALAM.
_ABDUL_JOINED = re.compile(r"ABD[UO]?L?([RSNZTD])\1?([AEIOU][A-Z]+)")

_MUHAMMAD_LONG = re.compile(r"M[OU]H?AM[AE][DT]")  # after the rules above: MUHAMAD, MOHAMED …
_CANONICAL_TOKENS = {
    **dict.fromkeys(("M", "MOH", "MUH", "MHD", "MOHD", "MUHD", "MOCH", "MOCHD", "MUCH", "MD"), "MUHAMAD"),
    **dict.fromkeys(("NOR", "NURUL", "NUUR"), "NUR"),
    **dict.fromkeys(("ABD", "ABDU", "ABDUR", "ABDUS", "ABDUN", "ABDUZ", "ABDOL", "ABDL"), "ABDUL"),
}

_VOWELS = frozenset("AEIOU")
_MUHAMMAD_INITIAL = frozenset({"M"})
# Letters that sound alike (or were spelt alike) share one class in the key.
_CLASS = str.maketrans({"F": "P", "V": "P", "Z": "S", "J": "Y", "Q": "K", "X": "K"})


def fold(text: str) -> str:
    """Upper-case ASCII letters; accents dropped; apostrophes removed (MA'RUF → MARUF)."""
    text = str(text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "")
    return text.upper().replace("'", "").replace("`", "")


def tokens(name: str) -> list[str]:
    """Raw tokens of a name: letters only, split at spaces, dots, commas and hyphens."""
    return [t for t in _NOT_LETTER.split(fold(name)) if t]


def spelling(token: str) -> str:
    """Old spellings modernised, doubled letters single, final Y/IE as I."""
    t = token
    for _ in range(4):  # to a fixed point: Q→K can make a new KH
        before = t
        for old, new in _OLD_SPELLING:
            if old in t:
                t = t.replace(old, new)
        t = _DOUBLE.sub(r"\1", t)
        if t == before:
            break
    if len(t) > 2 and t.endswith("IE"):
        t = t[:-2] + "I"  # RIZKIE → RIZKI
    if len(t) > 2 and t.endswith("Y") and t[-2] not in _VOWELS:
        t = t[:-1] + "I"  # RIZKY → RIZKI, HENDRY → HENDRI
    return t


@lru_cache(maxsize=1 << 16)
def canonical(token: str) -> str:
    """The spelling used for ranking: :func:`spelling`, then whole-word variants folded."""
    t = spelling(token)
    if t in _CANONICAL_TOKENS:
        return _CANONICAL_TOKENS[t]
    if _MUHAMMAD_LONG.fullmatch(t):
        return "MUHAMAD"
    m = _ABDUL_JOINED.fullmatch(t)
    if m:
        return "ABDUL" + m.group(1) + m.group(2)
    return t


def is_initial(token: str) -> bool:
    """A single letter (``H.``, ``S.``) other than M, which stands for Muhammad."""
    return len(token) == 1 and token not in _MUHAMMAD_INITIAL


@lru_cache(maxsize=1 << 17)
def key_of(canon: str) -> str:
    """The phonetic key of one canonical token (or of two written together)."""
    if not canon:
        return ""
    first = "A" if canon[0] in _VOWELS else canon[0].translate(_CLASS)
    out = [first]
    prev = canon[0]
    for ch in canon[1:]:
        if ch in _VOWELS or ch == "H":
            prev = ch
            continue
        cls = ch.translate(_CLASS)
        if prev not in _VOWELS and prev != "H" and prev.translate(_CLASS) == cls:
            continue  # adjacent look-alikes written twice: SZ, FP
        out.append(cls)
        prev = ch
    if len(out) > 1 and out[-1] == "D":
        out[-1] = "T"  # AHMAD / AHMAT, MUHAMAD / MUHAMAT
    return "".join(out)[:MAX_KEY]


MAX_PAIRED_TOKENS = 6


def pair_key(a: str, b: str) -> str:
    """The key of two tokens of one name, in either order (``AMN ST`` for SITI AMINAH)."""
    return f"{a} {b}" if a <= b else f"{b} {a}"


@lru_cache(maxsize=1 << 16)  # names repeat: half of a million demo names are duplicates
def name_keys(name: str) -> frozenset[str]:
    """Every key a stored name is found under: each token, and each pair of its tokens.

    Pairs make a two- or three-word search read only the few members having both words,
    instead of every member having either. Joined and split spellings (NURHAYATI /
    NUR HAYATI) are handled on the query side by re-segmenting what was typed.
    """
    keys_ = [key_of(canonical(t)) for t in tokens(name) if not is_initial(t)]
    keys_ = [k for k in keys_ if k]
    out = set(keys_)
    paired = keys_[:MAX_PAIRED_TOKENS]
    for i, a in enumerate(paired):
        for b in paired[i + 1 :]:
            out.add(pair_key(a, b))
    return frozenset(out)


KEY_ALPHABET = "ABCDGHKLMNPRSTWY"


def neighbours(key: str) -> set[str]:
    """Keys one edit away (a letter dropped, added, changed, or two swapped): typo candidates.

    Vowel slips never change a key, so one edit on the key covers most real typos.
    """
    out: set[str] = set()
    n = len(key)
    for i in range(n):
        if n > 1:
            out.add(key[:i] + key[i + 1 :])
        for c in KEY_ALPHABET:
            out.add(key[:i] + c + key[i + 1 :])
        if i + 1 < n:
            out.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    for i in range(n + 1):
        for c in KEY_ALPHABET:
            out.add(key[:i] + c + key[i:])
    out.discard(key)
    return {k for k in out if k and k[0] in KEY_ALPHABET}


@lru_cache(maxsize=1 << 16)
def comparable(name: str) -> str:
    """Canonical tokens joined by spaces, initials kept: what rapidfuzz compares."""
    return " ".join(canonical(t) for t in tokens(name))


def similarity(typed: str, name: str) -> float:
    """0–100 between two :func:`comparable` names: words in any order, some missing, or
    written together."""
    s_sort = fuzz.token_sort_ratio(typed, name)
    s_join = fuzz.ratio(typed.replace(" ", ""), name.replace(" ", ""))
    mixed = 0.45 * fuzz.token_set_ratio(typed, name) + 0.35 * s_sort + 0.2 * max(s_join, s_sort)
    # NUR HAYATI is NURHAYATI: the same letters in the same order count almost fully.
    return max(mixed, 0.98 * s_join)
