"""Outreach packages: an outreach laptop and its branch keep each other up to date with signed files.

The convention that keeps membership numbers apart: every outreach laptop is set up as its own
"branch" with its own 3-digit prefix (``loket branch setup --code 201 --name "Jemput Bola 1 KC
Palembang"``), so the numbers it gives out (201…) can never be the branch server's (101…).
Receipt numbers carry the same code (``TBI-201-2026-…``) and card serials carry the member's number,
so nothing collides either. Imported members keep their numbers. ``loket package setup --home-branch 101``
tells the laptop which branch it reports to (and starts its count of days without a sync).

Both ways:

- **Laptop → branch**, a package (``.lpkg``, ``export``): by default the laptop's outbox, everything
  of its own work the branch has not confirmed holding: members, heirs, enrolments, payments and
  their months, cards, approved corrections, deactivations, and its audit events. The branch
  checks it (``verify``: signature, source, numbers, the intake form's rules) and merges it in one
  transaction (``importer``: ``merge`` for the records, ``changes`` for corrections and
  deactivations). A member changed on both sides since the laptop's last sync is kept for a
  supervisor, who merges it field by field (``conflicts``).
- **Branch → laptop**, an answer (``.lbal``, ``reply``): what the branch holds of the laptop's work,
  and its record of the laptop's members it changed itself. The laptop imports it (``receive``):
  its outbox (``outbox``) empties, and its count of days without a sync starts again.

Modules: ``format`` (parts, codecs), ``container`` (the signed zip), ``collect`` and ``export``,
``verify``, ``merge``, ``state`` (a member as each side knows it), ``changes``, ``conflicts``,
``importer``, ``reply``, ``receive``, ``outbox``, ``dto``. This package re-exports the public API.
"""

from app.services.packages.conflicts import (
    conflict_detail,
    find_conflict,
    merge_conflict,
    package_conflicts,
    resolve_conflict,
)
from app.services.packages.dto import (
    ConflictDetailDTO,
    ConflictDTO,
    LaptopChangeDTO,
    LaptopDTO,
    MergeResultDTO,
    OutboxDTO,
    OutboxItem,
    PackageImportResult,
    PackageInfo,
    ReplyInfo,
    ReplyResult,
    VerifiedPackage,
)
from app.services.packages.export import export_package
from app.services.packages.format import FORMAT, MANIFEST, PARTS, SIGNATURE, VERSION
from app.services.packages.importer import import_package
from app.services.packages.outbox import outbox
from app.services.packages.receive import receive_reply
from app.services.packages.reply import known_laptops, make_reply
from app.services.packages.verify import check_package, verify_package

__all__ = [
    "FORMAT",
    "MANIFEST",
    "PARTS",
    "SIGNATURE",
    "VERSION",
    "ConflictDTO",
    "ConflictDetailDTO",
    "LaptopChangeDTO",
    "LaptopDTO",
    "MergeResultDTO",
    "OutboxDTO",
    "OutboxItem",
    "PackageImportResult",
    "PackageInfo",
    "ReplyInfo",
    "ReplyResult",
    "VerifiedPackage",
    "check_package",
    "conflict_detail",
    "export_package",
    "find_conflict",
    "import_package",
    "known_laptops",
    "make_reply",
    "merge_conflict",
    "outbox",
    "package_conflicts",
    "receive_reply",
    "resolve_conflict",
    "verify_package",
]
