"""Which intake fields a segment asks for, decided once from the eligibility data: the programmes the
officer may tick (and those fixed on or off) and whether the employer's NPP is required, optional or
not used. The intake form renders a :class:`SegmentFields`; the record's checks (``terms``) enforce it.

NPP: required for PU (wage earners are registered by their employer); optional for Jasa Konstruksi (the
contractor registers its project workers and may give its NPP, domain-facts §1); not used for BPU and PMI.
The eligibility data says so (``"npp": "required" | "optional" | "none"``), so a corrected table changes
it without code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.reference import EligibilityRules, SegmentRule

# The segments with terms of their own: a PU employer's JKK risk class, a migrant worker's contract.
RISK_CLASS_SEGMENTS = frozenset({"PU"})
MIGRANT_SEGMENTS = frozenset({"PMI"})


class Need(StrEnum):
    """Whether an intake field is required, optional or not asked for a segment."""

    REQUIRED = "REQUIRED"
    OPTIONAL = "OPTIONAL"
    NONE = "NONE"  # the field is not used for this segment (a value given is ignored, with a warning)


@dataclass(frozen=True, slots=True)
class ProgrammeChoice:
    """Whether a programme's box on the intake form is forced on, forced off or the officer's choice."""

    code: str
    need: Need  # REQUIRED: always on; OPTIONAL: the officer chooses; NONE: not for this segment

    @property
    def editable(self) -> bool:
        return self.need is Need.OPTIONAL

    @property
    def forced(self) -> bool | None:
        """The value the box must show (None: the officer's choice stands)."""
        return {Need.REQUIRED: True, Need.NONE: False}.get(self.need)


@dataclass(frozen=True, slots=True)
class SegmentFields:
    """Which intake fields and programme boxes a segment uses, for the form to enable."""

    segment: str
    npp: Need
    programmes: tuple[ProgrammeChoice, ...]
    risk_class: bool = False  # the JKK risk class of the employer is asked
    migrant_terms: bool = False  # contract months, departure month, route and JHT amount are asked

    @property
    def npp_enabled(self) -> bool:
        return self.npp is not Need.NONE

    def programme(self, code: str) -> ProgrammeChoice:
        return next((p for p in self.programmes if p.code == code), ProgrammeChoice(code, Need.NONE))


def _npp_need(rule: SegmentRule) -> Need:
    if rule.requires_npp:
        return Need.REQUIRED
    return Need.OPTIONAL if rule.accepts_npp else Need.NONE


def segment_fields(
    rules: EligibilityRules, segment: str, programmes: tuple[str, ...]
) -> SegmentFields | None:
    """The fields ``segment`` asks for, over the form's ``programmes`` (None: an unknown segment)."""
    rule = rules.segments.get(segment)
    if rule is None:
        return None
    choices = tuple(
        ProgrammeChoice(
            code,
            Need.REQUIRED if code in rule.required else Need.OPTIONAL if code in rule.allowed else Need.NONE,
        )
        for code in programmes
    )
    return SegmentFields(
        segment,
        _npp_need(rule),
        choices,
        risk_class=segment in RISK_CLASS_SEGMENTS,
        migrant_terms=segment in MIGRANT_SEGMENTS,
    )
