"""Frozen data for search, member records, corrections, duplicates and deactivation."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from app.domain.issues import Issue
from app.domain.member_actions import MemberActions
from app.services.dto import Actor, MemberDTO, _jsonable


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The optional narrowing of a member search: region by NIK code, and year of birth."""

    region: str | None = None  # "16" (province) or "16.10" / "1610" (regency): NIK district or village
    birth_year: int | None = None


@dataclass(frozen=True, slots=True)
class SearchRowDTO:
    """One line of the results table. The NIK is masked: the full one is on the detail page."""

    member_id: int
    number: str
    nama: str
    nik_masked: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    region: str  # where the NIK was issued: "Indralaya, Kabupaten Ogan Ilir"
    record_status: str  # ACTIVE | DEACTIVATED | MERGED
    merged_into: str | None  # the surviving number, for a merged record
    matched_by: str  # nik | number | phone | name | merged_number | suggestion
    score: float  # 0–100, name searches only; 100 for exact matches

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of results. ``available`` rows can be paged through; ``total`` were found."""

    query: str
    kind: str  # nik | number | phone | name | invalid | empty
    rows: tuple[SearchRowDTO, ...]
    offset: int
    total: int
    available: int  # ≤ total: name searches rank at most MAX_RANKED candidates
    issues: tuple[Issue, ...] = ()

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.available

    @property
    def truncated(self) -> bool:
        """More matches than can be listed: ask the officer to add a name or a filter."""
        return self.total > self.available

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "offset": self.offset,
            "total": self.total,
            "available": self.available,
            "has_more": self.has_more,
            "issues": [i.as_dict() for i in self.issues],
            "rows": [r.as_json() for r in self.rows],
        }


@dataclass(frozen=True, slots=True)
class HistoryEntryDTO:
    """One audited event about a member, for the detail page's history tab."""

    seq: int
    occurred_at: dt.datetime
    actor: str
    counter: str
    action: str
    summary: str  # Indonesian, one line
    details: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class CorrectionChangeDTO:
    """One field a correction changes, with its label and the values before and after."""

    field: str
    label: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True, slots=True)
class CorrectionDTO:
    """A correction request to a member's data, its changes and where it stands in approval."""

    id: int
    ref: str  # how a person reads and types it: "#3" (this branch) or "#201-3" (made elsewhere)
    member_id: int
    member_number: str
    member_nama: str
    status: str  # PENDING | APPROVED | REJECTED
    reason: str
    changes: tuple[CorrectionChangeDTO, ...]
    proposed_by: str
    proposed_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None
    warnings: tuple[Issue, ...] = ()

    def as_json(self) -> dict[str, Any]:
        data = _jsonable(asdict(self))
        data["warnings"] = [i.as_dict() for i in self.warnings]
        return data  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class MemberRecordDTO:
    """The detail page: the full record (full NIK), its history and open corrections."""

    member: MemberDTO
    history: tuple[HistoryEntryDTO, ...]
    pending_corrections: tuple[CorrectionDTO, ...]
    deactivation_reason: str | None  # MENINGGAL | LUAR_NEGERI | DUPLIKAT
    merged_from: tuple[str, ...]  # numbers merged into this one
    actions: MemberActions  # what the officer who opened it may do now, and why not

    def as_json(self) -> dict[str, Any]:
        return {
            "member": self.member.as_json(),
            "history": [h.as_json() for h in self.history],
            "pending_corrections": [c.as_json() for c in self.pending_corrections],
            "deactivation_reason": self.deactivation_reason,
            "merged_from": list(self.merged_from),
            "actions": self.actions.as_json(),
        }


@dataclass(frozen=True, slots=True)
class DuplicateCandidateDTO:
    """An existing member who may be the person at the counter, for a side-by-side view."""

    member_id: int
    number: str
    nik: str  # full: the intake screen may show it, and a mistyped NIK is the usual cause
    nama: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    nama_ibu: str
    tempat_lahir: str
    alamat: str
    no_hp: str | None
    nik_region: str
    record_status: str
    similarity: float  # 0–100, names compared after folding spelling variants
    same: tuple[str, ...]  # intake keys that agree exactly: "tanggal_lahir", "nama_ibu", …

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class DuplicateOverride:
    """A supervisor's decision to save an intake despite likely duplicates.

    Build it with :func:`app.services.duplicates.supervisor_override`, which checks the
    supervisor's password; enrolment re-checks the role and audits the reason.
    """

    supervisor: Actor
    reason: str


@dataclass(frozen=True, slots=True)
class DeactivationDTO:
    """A deactivated or merged member record: why, by whom and when."""

    member_id: int
    number: str
    reason: str  # MENINGGAL | LUAR_NEGERI | DUPLIKAT
    record_status: str  # DEACTIVATED | MERGED
    merged_into: str | None
    by: str
    at: dt.datetime
