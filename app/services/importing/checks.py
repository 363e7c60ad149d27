"""The database checks of a chunk of rows: the same NIK here or in the region, and likely duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Member
from app.domain.intake import IntakeRecord
from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.states import RecordStatus
from app.services.context import ServiceContext
from app.services.dto import BranchDTO
from app.services.duplicates import (
    duplicate_issue,
    likely_duplicates_many,
    person_of,
)
from app.services.region.check import regional_lookup

# --- the database checks --------------------------------------------------------------------------------


def _duplicate(number: str) -> Issue:
    return Issue(
        "nik",
        "nik.duplicate",
        msg("NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {number}.", number=number),
    )


def _check_database(
    session: Session,
    ctx: ServiceContext,
    entries: Sequence[dict[str, Any]],
    branch: BranchDTO,
    override_rows: frozenset[int] = frozenset(),
    allowed: dict[int, list[str]] | None = None,
) -> dict[int, tuple[list[Issue], list[Issue]]]:
    """Active members with the same NIK here or at another branch of the region, or likely
    duplicates by the counter's own rule (``app/domain/duplicates.py``): all refuse the row, unless
    a supervisor allowed the likely duplicate (``override_rows``). Two indexed queries per chunk of
    rows, and one question to the Kanwil (``app.services.region.check``)."""
    found: dict[int, tuple[list[Issue], list[Issue]]] = {}
    valid = [e for e in entries if e["r"] is not None]
    if not valid:
        return found
    conn = session.connection()
    niks = {e["r"].nik for e in valid}
    taken: dict[str, str] = {
        nik: number
        for nik, number in conn.execute(
            select(Member.nik, Member.number).where(
                Member.nik.in_(niks), Member.record_status == RecordStatus.ACTIVE
            )
        ).all()
    }
    regional = regional_lookup(ctx, sorted(niks - taken.keys()), branch.code)
    candidates = likely_duplicates_many(session, ctx, [person_of(e["r"]) for e in valid])
    for e, near in zip(valid, candidates, strict=True):
        r: IntakeRecord = e["r"]
        errors: list[Issue] = []
        warnings: list[Issue] = []
        elsewhere = regional.issue(r.nik)
        if r.nik in taken:
            errors.append(_duplicate(taken[r.nik]))
        elif elsewhere is not None:
            errors.append(elsewhere)
        elif near and e["n"] not in override_rows:
            errors.append(duplicate_issue(near))
        elif near and allowed is not None:
            allowed.setdefault(e["n"], []).extend(c.number for c in near)
        if regional.skipped is not None:
            warnings.append(regional.skipped)
        if errors or warnings:
            found[e["n"]] = (errors, warnings)
    return found


def _likely_in_file(rows: list[int]) -> Issue:
    shown = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
    return Issue(
        "nama",
        "import.likely_duplicate_in_file",
        msg(
            "Mirip baris {shown} di file ini: nama mirip, tanggal lahir dan kecamatan NIK sama, NIK berbeda. Periksa KTP keduanya; simpan tetap hanya dengan persetujuan supervisor dan alasannya.",
            shown=shown,
        ),
    )


def _in_file_duplicate(rows: list[int]) -> Issue:
    shown = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
    return Issue(
        "nik",
        "import.duplicate_in_file",
        msg(
            "NIK ini muncul lebih dari sekali di file (baris {shown}). Satu NIK satu baris: hapus yang keliru.",
            shown=shown,
        ),
    )
