"""The likely-duplicate rule, the one every door applies (intake page, ``loket enrol``, the import,
the outreach package merge): beyond the exact NIK, an active member born the same day, whose NIK
was issued in the same district, with a name that scores at least ``THRESHOLD`` on the search's
name similarity (rapidfuzz over canonical spellings: ``SITI AMINAH`` beside ``AMINAH`` is likely).

Pure: the candidates come from one batch query (``app/db/near_members.py``); this module scores
and orders them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.names import comparable, similarity

THRESHOLD = 80.0  # name similarity (0–100) from which two records are shown side by side
MIN_OVERRIDE_REASON = 5  # characters of the supervisor's reason for saving a likely duplicate
COMPARED = ("nama", "tanggal_lahir", "jenis_kelamin", "nama_ibu", "tempat_lahir", "alamat", "no_hp")


@dataclass(frozen=True, slots=True)
class Person:
    """What the rule compares of a record being saved."""

    nik: str
    nama: str
    tanggal_lahir: dt.date
    nik_district: str
    jenis_kelamin: str | None = None
    nama_ibu: str | None = None
    tempat_lahir: str | None = None
    alamat: str | None = None
    no_hp: str | None = None

    @property
    def key(self) -> tuple[dt.date, str]:
        """The pair the candidates are looked up by: birth date and NIK district."""
        return (self.tanggal_lahir, self.nik_district)


@dataclass(frozen=True, slots=True)
class Near:
    """An active member stored with the same birth date and NIK district (a candidate)."""

    member_id: int
    number: str
    person: Person
    record_status: str


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate the rule calls a likely duplicate, with its score and the fields that agree."""

    near: Near
    score: float
    same: tuple[str, ...]


def score(a: str, b: str) -> float:
    """The rule's name score (0–100) between two names as typed."""
    return similarity(comparable(a), comparable(b))


def matches(person: Person, candidates: Iterable[Near]) -> list[Match]:
    """The likely duplicates of ``person`` among ``candidates``, best first. The exact NIK is the
    enrolment's own check (a unique index), so a candidate with the same NIK is not one of these."""
    typed = comparable(person.nama)
    out = []
    for c in candidates:
        if c.person.nik == person.nik or c.person.key != person.key:
            continue
        s = similarity(typed, comparable(c.person.nama))
        if s < THRESHOLD:
            continue
        same = tuple(
            f
            for f in COMPARED
            if getattr(person, f) is not None and getattr(c.person, f) == getattr(person, f)
        )
        out.append(Match(c, round(s, 1), same))
    out.sort(key=lambda m: (-m.score, -len(m.same), m.near.number))
    return out


class WithinBatch:
    """Likely duplicates among records saved together (an import file, a package), found as the
    records come: each new record names the earlier ones it resembles (same birth date and NIK
    district, similar name, a different NIK)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[dt.date, str], list[tuple[int, str, str]]] = {}

    def add(self, position: int, person: Person) -> list[int]:
        seen = self._seen.setdefault(person.key, [])
        typed = comparable(person.nama)
        hits = [j for j, nik, name in seen if nik != person.nik and similarity(typed, name) >= THRESHOLD]
        seen.append((position, person.nik, typed))
        return hits


def within(people: Sequence[Person]) -> dict[int, list[int]]:
    """For each position of ``people`` that resembles earlier ones, those earlier positions."""
    batch = WithinBatch()
    out: dict[int, list[int]] = {}
    for i, p in enumerate(people):
        hits = batch.add(i, p)
        if hits:
            out[i] = hits
    return out


def reason_ok(reason: str) -> bool:
    """A supervisor's reason for saving anyway: at least ``MIN_OVERRIDE_REASON`` characters."""
    return len(" ".join(reason.split())) >= MIN_OVERRIDE_REASON
