"""The printed copy for cards and receipts (``resources/data/card-copy.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from app.infra.paths import resources_dir


@dataclass(frozen=True, slots=True)
class ProgrammeCopy:
    """What a card says about one programme, in plain Indonesian."""

    code: str
    label: str
    card: str  # one or two plain-Indonesian lines: what the programme covers


@dataclass(frozen=True, slots=True)
class CardCopy:
    """The fixed wording printed on cards and receipts: contact centre, programme lines and terms."""

    contact_centre: str
    programmes: dict[str, ProgrammeCopy]
    found_card: str
    card_terms: str
    receipt_note: str


@lru_cache(maxsize=1)
def load_card_copy() -> CardCopy:
    data = json.loads((resources_dir() / "data" / "card-copy.json").read_text(encoding="utf-8"))
    return CardCopy(
        contact_centre=str(data["contact_centre"]),
        programmes={
            code: ProgrammeCopy(code, str(p["label"]), str(p["card"]))
            for code, p in data["programmes"].items()
        },
        found_card=str(data["found_card"]),
        card_terms=str(data["card_terms"]),
        receipt_note=str(data["receipt_note"]),
    )
