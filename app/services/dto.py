"""Frozen data handed to the GUI, the CLI and the PDF renderers. No ORM object leaves a service."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain.issues import Issue


@dataclass(frozen=True, slots=True)
class Actor:
    """The officer on whose behalf a service acts. ``proof`` is set only by a password check
    (``auth.login``): a supervisor's powers need it (``auth.authorize``)."""

    id: int
    username: str
    full_name: str
    role: str
    proof: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class BranchDTO:
    """A branch office: code, name and time zone."""

    id: int
    code: str
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class OfficerDTO:
    """An account as the officer list shows it (never its password hash)."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None


@dataclass(frozen=True, slots=True)
class HeirDTO:
    """One heir (ahli waris) of a member."""

    nama: str
    hubungan: str


@dataclass(frozen=True, slots=True)
class EnrolmentDTO:
    """One enrolment of a member: segment, occupation, programmes, income and who enrolled him."""

    id: int
    segment: str
    occupation_code: str
    occupation_name: str
    programmes: tuple[str, ...]
    income: int
    funding_source: str
    channel: str
    npp: str | None
    months_at_enrolment: int
    enrolled_at: dt.datetime
    business_date: dt.date
    officer: str
    counter: str
    risk_class: int | None = None  # PU
    pmi_route: str | None = None  # PMI: P3MI or PERSEORANGAN
    pmi_contract_months: int | None = None
    pmi_departure: str | None = None  # YYYY-MM
    pmi_jht: int | None = None


@dataclass(frozen=True, slots=True)
class MemberDTO:
    """A member's full record with his heirs and enrolments (holds the NIK and mother's name)."""

    id: int
    number: str
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    nama_ibu: str
    no_hp: str | None
    alamat: str
    kode_wilayah: str | None
    wilayah: str | None  # village path, when the code is known
    nik_region: str
    record_status: str
    merged_into: str | None
    created_at: dt.datetime
    branch_code: str
    heirs: tuple[HeirDTO, ...]
    enrolments: tuple[EnrolmentDTO, ...]

    @property
    def current(self) -> EnrolmentDTO | None:
        return self.enrolments[-1] if self.enrolments else None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        return _jsonable(data)  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class EnrolOutcome:
    """What became of one intake record (the shape of ``loket enrol``'s JSON)."""

    status: str  # "enrolled" | "valid" | "rejected"
    number: str | None = None
    member: MemberDTO | None = None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    existing_number: str | None = None  # the active member holding the same NIK
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def as_json(self, index: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": index,
            "status": self.status,
            "number": self.number,
            "errors": [i.as_dict() for i in self.errors],
            "warnings": [i.as_dict() for i in self.warnings],
        }
        candidates = self.extra.get("likely_duplicates")
        if candidates:
            # Enough to compare with the person at hand; the full records stay behind the audited view.
            out["likely_duplicates"] = [
                {
                    "number": c.number,
                    "nama": c.nama,
                    "tanggal_lahir": c.tanggal_lahir.isoformat(),
                    "similarity": c.similarity,
                    "same": list(c.same),
                }
                for c in candidates
            ]
        return out


@dataclass(frozen=True, slots=True)
class NikHolderDTO:
    """The active member already holding a NIK: number, name and when he was registered."""

    number: str
    nama: str
    registered_at: dt.datetime
