"""Reference tables as data: occupations and programme eligibility per segment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PROGRAMMES = ("JKK", "JKM", "JHT", "JP", "JKP")
SEGMENTS = ("BPU", "PU", "JAKON", "PMI")
FUNDING_SOURCES = ("MANDIRI", "PEMBERI_KERJA", "APBD", "CSR")
CHANNELS = ("LOKET", "DESA", "PASAR", "UKM", "ECOMMERCE", "EVENT")
RELATIONSHIPS = ("SUAMI", "ISTRI", "ANAK", "ORANG_TUA", "SAUDARA", "LAINNYA")
MONTHS_OPTIONS = (0, 1, 3, 6, 12)

FUNDING_LABELS = {
    "MANDIRI": "Mandiri (dibayar sendiri)",
    "PEMBERI_KERJA": "Pemberi kerja",
    "APBD": "APBD / Pemerintah daerah",
    "CSR": "CSR",
}
CHANNEL_LABELS = {
    "LOKET": "Loket kantor cabang",
    "DESA": "Desa",
    "PASAR": "Pasar",
    "UKM": "UKM",
    "ECOMMERCE": "E-commerce",
    "EVENT": "Acara / event",
}
RELATIONSHIP_LABELS = {
    "SUAMI": "Suami",
    "ISTRI": "Istri",
    "ANAK": "Anak",
    "ORANG_TUA": "Orang tua",
    "SAUDARA": "Saudara",
    "LAINNYA": "Lainnya",
}


@dataclass(frozen=True, slots=True)
class Occupation:
    """One occupation the intake form offers, with the flags that change its price or schedule."""

    code: str
    name: str
    transport: bool  # PP 50/2025 transport sector
    seasonal: bool  # may pay at harvest time
    bpu_mandiri: bool = True  # outside an employment relation / self-employed (PP 50/2025 art. 3(4))


@dataclass(frozen=True, slots=True)
class OccupationList:
    """The occupations the intake form offers, looked up by code or name."""

    items: tuple[Occupation, ...]

    def by_code(self, code: str) -> Occupation | None:
        return next((o for o in self.items if o.code == code), None)

    def resolve(self, text: str) -> Occupation | None:
        """Find by code (``P001``) or by exact name, ignoring case and spacing."""
        key = " ".join(str(text).split()).upper()
        for o in self.items:
            if key in (o.code, o.name):
                return o
        return None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> OccupationList:
        return cls(
            tuple(
                Occupation(
                    code=str(o["code"]),
                    name=str(o["name"]),
                    transport=bool(o.get("transport", False)),
                    seasonal=bool(o.get("seasonal", False)),
                    bpu_mandiri=bool(o.get("bpu_mandiri", True)),
                )
                for o in data["occupations"]
            )
        )


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """Which fields, ages and NPP a segment requires at registration."""

    code: str
    label: str
    required: frozenset[str]
    optional: frozenset[str]
    min_age: int | None
    max_age: int | None
    requires_npp: bool
    accepts_npp: bool = False  # the employer's NPP may be given (required when ``requires_npp``)
    max_age_warning: int | None = None  # above it the officer is warned (the value is unconfirmed)

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional


@dataclass(frozen=True, slots=True)
class ProgrammeRule:
    """A programme's age limits and prerequisites at registration."""

    code: str
    label: str
    max_age_at_registration: int | None
    requires: frozenset[str]
    retirement_age: tuple[tuple[int, int], ...] = ()  # (from year, age), JP: PP 45/2015 art. 15

    def retirement_age_in(self, year: int) -> int | None:
        """The retirement age in force in ``year`` (None when the programme has none)."""
        found: int | None = None
        for start, age in self.retirement_age:
            if start <= year:
                found = age
        return found


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """The eligibility rules of every segment and programme, loaded from the reference data."""

    segments: Mapping[str, SegmentRule]
    programmes: Mapping[str, ProgrammeRule]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> EligibilityRules:
        segments = {
            code: SegmentRule(
                code=code,
                label=str(s["label"]),
                required=frozenset(s["required"]),
                optional=frozenset(s["optional"]),
                min_age=s.get("min_age"),
                max_age=s.get("max_age"),
                requires_npp=s.get("npp") == "required",
                accepts_npp=s.get("npp") in ("required", "optional"),
                max_age_warning=s.get("max_age_warning"),
            )
            for code, s in data["segments"].items()
        }
        programmes = {
            code: ProgrammeRule(
                code=code,
                label=str(p["label"]),
                max_age_at_registration=p.get("max_age_at_registration"),
                requires=frozenset(p.get("requires", ())),
                retirement_age=tuple(
                    (int(r["from_year"]), int(r["age"])) for r in p.get("retirement_age", ())
                ),
            )
            for code, p in data["programmes"].items()
        }
        return cls(segments, programmes)


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """Everything the validators need besides regions; loaded once at start."""

    occupations: OccupationList
    eligibility: EligibilityRules
