"""What the package services return: frozen, no ORM object, no session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.db.ids import local_part
from app.domain.member_merge import FieldSides


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What an outreach package says it holds: who made it, the period, the counts and its manifest hash."""

    path: Path
    package_id: str
    source_code: str
    source_name: str
    key_id: str
    period_from: dt.date
    period_to: dt.date
    created_at: dt.datetime
    counts: Mapping[str, int]
    manifest_sha256: str
    home: str | None = None  # the branch the laptop reports to, when it says so
    seen_seq: int | None = None  # the branch's audit head in the laptop's last answer


@dataclass(frozen=True, slots=True)
class VerifiedPackage:
    """A package whose signature and hashes checked out, with its parts read."""

    info: PackageInfo
    parts: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class ConflictDTO:
    """A record from a package the branch could not take as it is, waiting for a supervisor."""

    id: int | None
    kind: str  # nik_both | number_taken | changed_both
    number: str
    local_number: str
    name: str
    nik_masked: str
    message: str
    status: str = "OPEN"
    package_id: str = ""
    source_code: str = ""

    @property
    def short(self) -> int:
        """The number a supervisor reads and types: the id within this branch's block (``#1``, not
        ``#101000000000001``); ``loket package resolve`` takes either."""
        return local_part(self.id or 0)


@dataclass(frozen=True, slots=True)
class LaptopChangeDTO:
    """One change the laptop made to a member in conflict, as it sent it."""

    kind: str  # correction | deactivation
    ref: int
    summary: str  # "no_hp: 0812… → 0813…" or "nonaktif: meninggal"
    reason: str
    by: str
    at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ConflictDetailDTO:
    """A ``changed_both`` conflict side by side: the differing fields with who changed them."""

    conflict: ConflictDTO
    fields: tuple[FieldSides, ...]
    laptop_changes: tuple[LaptopChangeDTO, ...]
    branch_changes: tuple[str, ...]  # what the branch changed since the laptop's last sync, in words
    source_name: str = ""


@dataclass(frozen=True, slots=True)
class MergeResultDTO:
    """What merging a member changed on both sides did: the side each field took and the correction made."""

    conflict: ConflictDTO
    taken: Mapping[str, str]  # field -> "laptop" | "cabang"
    correction_id: int | None  # the branch correction the merge made (None: the branch kept all)
    deactivated: bool


@dataclass(frozen=True, slots=True)
class PackageImportResult:
    """What importing a package did: members, payments and cards added, conflicts and the reply written."""

    package_id: str
    source: str
    already_imported: bool
    members_added: int = 0
    members_existing: int = 0
    payments_added: int = 0
    payments_amount: int = 0
    cards_added: int = 0
    events_added: int = 0
    conflicts: tuple[ConflictDTO, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    corrections_applied: int = 0
    deactivations_applied: int = 0
    changes_already: int = 0
    changes_held: int = 0
    reply_path: Path | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "source": self.source,
            "already_imported": self.already_imported,
            "members_added": self.members_added,
            "members_existing": self.members_existing,
            "payments_added": self.payments_added,
            "payments_amount": self.payments_amount,
            "cards_added": self.cards_added,
            "events_added": self.events_added,
            "corrections_applied": self.corrections_applied,
            "deactivations_applied": self.deactivations_applied,
            "changes_already": self.changes_already,
            "changes_held": self.changes_held,
            "conflicts": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "number": c.number,
                    "local_number": c.local_number,
                    "message": c.message,
                }
                for c in self.conflicts
            ],
            "warnings": list(self.warnings),
            "reply": str(self.reply_path) if self.reply_path else None,
        }


@dataclass(frozen=True, slots=True)
class LaptopDTO:
    """An outreach laptop whose packages this branch imported."""

    code: str
    name: str
    packages: int
    last_import: dt.datetime
    open_conflicts: int


@dataclass(frozen=True, slots=True)
class ReplyInfo:
    """An answer the branch wrote for one laptop."""

    path: Path
    reply_id: str
    laptop: str
    branch_seq: int
    acknowledged: Mapping[str, int]  # per entity, how many of the laptop's records the branch holds
    members: int  # members whose branch record the answer carries
    held: int  # open conflicts on the laptop's members


@dataclass(frozen=True, slots=True)
class ReplyResult:
    """What importing the branch's answer did on the laptop: work acknowledged, members updated or held."""

    reply_id: str
    source: str
    already_imported: bool
    acknowledged: int = 0
    members_updated: int = 0
    held: tuple[str, ...] = ()  # member numbers the branch still has in conflict
    kept: tuple[str, ...] = ()  # members whose laptop changes still travel (not overwritten)

    def as_json(self) -> dict[str, Any]:
        return {
            "reply_id": self.reply_id,
            "source": self.source,
            "already_imported": self.already_imported,
            "acknowledged": self.acknowledged,
            "members_updated": self.members_updated,
            "held": list(self.held),
            "kept": list(self.kept),
        }


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One piece of the laptop's work the branch has not confirmed yet, for the outbox list."""

    kind: str  # member | payment | card | correction | deactivation
    key: str  # number, receipt, serial, or the correction/deactivation id
    number: str
    name: str
    summary: str
    at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class OutboxDTO:
    """What has not yet reached the branch, and the laptop's standing."""

    counts: Mapping[str, int]  # member, payment, card, correction, deactivation
    items: tuple[OutboxItem, ...]  # newest first, at most ``limit``
    events: int  # audit events not yet acknowledged
    last_sync: dt.datetime | None
    held: tuple[str, ...]  # members the branch still has in conflict (from its last answer)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def empty(self) -> bool:
        return self.total == 0
