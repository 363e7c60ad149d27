"""The one query behind the likely-duplicate rule: active members born on given days in given NIK
districts, for 1 record (the counter) or thousands (an import, a package), in chunks that each run
one statement (``ix_member_birth_region`` answers each pair)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table

from app.db.bulk import select_by_pairs
from app.db.models import Member
from app.domain.duplicates import Near, Person

CHUNK = 500  # pairs per statement (two parameters each: well inside SQLite's limit); an import checks 500 rows at a time
_MEMBER = cast(Table, Member.__table__)
_COLUMNS = (
    "id",
    "number",
    "nik",
    "nama",
    "tanggal_lahir",
    "nik_district",
    "jenis_kelamin",
    "nama_ibu",
    "tempat_lahir",
    "alamat",
    "no_hp",
    "record_status",
)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def near_members(
    conn: Connection, keys: Sequence[tuple[dt.date, str]]
) -> dict[tuple[dt.date, str], list[Near]]:
    """Active members by (birth date, NIK district) for each of ``keys``."""
    wanted = sorted(set(keys))
    out: dict[tuple[dt.date, str], list[Near]] = {}
    if not wanted:
        return out
    for i in range(0, len(wanted), CHUNK):
        chunk = wanted[i : i + CHUNK]
        # Padded to the chunk size so every chunk runs the same statement text.
        padded = chunk + [chunk[-1]] * (CHUNK - len(chunk)) if len(wanted) > CHUNK else chunk
        rows = select_by_pairs(
            conn,
            _MEMBER,
            _COLUMNS,
            ("tanggal_lahir", "nik_district"),
            padded,
            equals={"record_status": "ACTIVE"},
        )
        for r in rows:
            born = _date(r[4])
            person = Person(
                nik=r[2],
                nama=r[3],
                tanggal_lahir=born,
                nik_district=r[5],
                jenis_kelamin=r[6],
                nama_ibu=r[7],
                tempat_lahir=r[8],
                alamat=r[9],
                no_hp=r[10],
            )
            near = Near(member_id=int(r[0]), number=r[1], person=person, record_status=r[11])
            bucket = out.setdefault(person.key, [])
            if all(n.member_id != near.member_id for n in bucket):
                bucket.append(near)
    return out
