"""The package file's shape: its parts per version, limits, and the small codecs every step shares."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.domain.issues import DomainError, Issue

FORMAT = "loket-package"
VERSION = 2
PARTS_V1 = (
    "officers.json",
    "members.json",
    "heirs.json",
    "enrolments.json",
    "payments.json",
    "payment_months.json",
    "cards.json",
    "audit_events.json",
)
# Version 2 carries the laptop's approved corrections and its deactivations too.
PARTS = (*PARTS_V1, "corrections.json", "deactivations.json")
PARTS_BY_VERSION = {1: PARTS_V1, 2: PARTS}
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_PART_BYTES = 512 * 1024 * 1024
MAX_DAYS = 366


def json_bytes(data: Any) -> bytes:
    """Canonical JSON: the bytes the manifest's hashes and the signature cover."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """A date or time as a package writes it (ISO 8601), None kept."""
    return value.isoformat() if value is not None else None


def when(value: str | None) -> dt.datetime | None:
    """A time read back from a package, as UTC when it carries no zone."""
    if value is None:
        return None
    t = dt.datetime.fromisoformat(value)
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t


def refused(code: str, message: str) -> DomainError:
    """A package (or an answer) refused as a whole: nothing of it is merged."""
    return DomainError(Issue("paket", code, message))


def programme_months(pm: dict[str, Any], detail: str) -> list[tuple[str, int]]:
    """(programme, amount) rows of one packaged payment month. Packages from before contributions
    were paid per programme carry one row per month: it is split by the payment's own quote."""
    if pm.get("programme"):
        return [(str(pm["programme"]), int(pm["amount"]))]
    quote = json.loads(detail)
    label = f"{int(pm['month']) // 100:04d}-{int(pm['month']) % 100:02d}"
    per: dict[str, int] = {str(code): 0 for code in quote.get("programmes", ()) if code != "JKP"}
    for line in quote.get("lines", ()):
        if line.get("month") == label and line.get("programme") in per:
            per[str(line["programme"])] += int(line["amount"])
    return sorted(per.items()) or [("JKK", int(pm["amount"]))]


# The branch's answer to one laptop: what it holds of the laptop's work, its own word on the
# laptop's members, and what still waits for a supervisor there.
REPLY_FORMAT = "loket-reply"
REPLY_VERSION = 1
REPLY_PARTS = ("ack.json", "members.json", "conflicts.json")
ACK_ENTITIES = ("member", "payment", "card", "correction", "deactivation")


def prefix_range(column: Any, prefix: str) -> Any:
    """``column`` starts with ``prefix`` (a range, so the column's index is used)."""
    return (column >= prefix) & (column < prefix[:-1] + chr(ord(prefix[-1]) + 1))
