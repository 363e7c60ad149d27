"""Name keys: Indonesian spelling variants share a key; typos are one key edit away."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.names import (
    canonical,
    comparable,
    is_initial,
    key_of,
    name_keys,
    neighbours,
    pair_key,
    similarity,
    tokens,
)


def token_key(token: str) -> str:
    """The key a single typed token gets: canonical spelling, then its phonetic key."""
    return key_of(canonical(token))


SAME_KEY = [
    ("MUHAMMAD", "MUHAMAD", "MOHAMMAD", "MOCHAMMAD", "MOCHAMAD", "MOCH", "MOH", "M", "MOHAMED", "MUHAMMED"),
    ("NUR", "NOOR", "NURUL", "NOER"),
    ("SITI", "SITTI"),
    ("DJOKO", "JOKO"),
    ("TJAHJONO", "CAHYONO"),
    ("SOEKARNO", "SUKARNO"),
    ("JUSUF", "YUSUF"),
    ("SYAIFUL", "SAIFUL"),
    ("TAUFIQ", "TAUFIK"),
    ("RIZKY", "RIZKI", "RISKI", "RIZKIE"),
    ("AHMAD", "ACHMAD", "AKHMAD", "AHMAT"),
    ("FITRI", "PITRI"),
    ("RAMADHAN", "RAMADAN"),
    ("SUTRISNO", "SUTRISNA"),
    ("ABDURRAHMAN", "ABDURAHMAN", "ABDULRAHMAN"),
]


@pytest.mark.parametrize("variants", SAME_KEY, ids=[v[0] for v in SAME_KEY])
def test_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({token_key(v) for v in variants}) == 1, {v: token_key(v) for v in variants}


def test_different_names_keep_different_keys() -> None:
    keys = [token_key(n) for n in ("SITI", "SANTOSO", "SUTRISNO", "BUDI", "BAMBANG", "NUR", "ANI", "DEWI")]
    assert len(set(keys)) == len(keys)


def test_tokens_fold_case_accents_and_punctuation() -> None:
    assert tokens("m. rizky, s.pd") == ["M", "RIZKY", "S", "PD"]
    assert tokens("Ma'ruf Amin") == ["MARUF", "AMIN"]
    assert tokens("Désirée Perangin-angin") == ["DESIREE", "PERANGIN", "ANGIN"]
    assert is_initial("H") and not is_initial("M")


def test_name_keys_hold_words_and_word_pairs() -> None:
    assert name_keys("Siti Aminah") == {"ST", "AMN", pair_key("ST", "AMN")}
    assert pair_key("ST", "AMN") == pair_key("AMN", "ST") == "AMN ST"
    assert name_keys("H. Ahmad") == {token_key("AHMAD")}  # initials are not indexed
    assert name_keys("Abdul Rahman") >= {token_key("ABDUL"), token_key("RAHMAN")}


def test_joined_forms_fold_to_the_same_spelling() -> None:
    assert canonical("ABDURRAHMAN") == canonical("ABDUL") + canonical("RAHMAN")
    assert key_of(canonical("NUR") + canonical("HAYATI")) == token_key("NURHAYATI")


def test_typos_are_key_neighbours() -> None:
    assert token_key("SANTOSO") in neighbours(token_key("SANTODO"))  # changed letter
    assert token_key("SUTRISNO") in neighbours(token_key("SUTIRNSO"))  # swapped letters
    assert token_key("SIMANJUNTAK") in neighbours(token_key("SIMANJUTAK"))  # dropped letter
    assert token_key("HENDRA") == token_key("HENDAR")  # vowel slips never change the key


def test_similarity_prefers_the_same_person() -> None:
    typed = comparable("Nur Hayati")
    assert similarity(typed, comparable("NURHAYATI")) > similarity(typed, comparable("NUR HAYATI SIREGAR"))
    assert similarity(comparable("Muhamad Rizki"), comparable("MOCHAMMAD RIZKY")) == 100


@given(st.text(max_size=40))
def test_keys_never_fail_on_any_text(text: str) -> None:
    for key in name_keys(text):
        assert key and len(key) <= 81 and key == key.strip()
    assert comparable(text) == comparable(comparable(text))


@given(st.from_regex(r"[A-Z]{2,12}", fullmatch=True))
def test_canonical_is_stable(word: str) -> None:
    assert canonical(canonical(word)) == canonical(word)
