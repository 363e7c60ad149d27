"""Every figure and rule Loket uses whose source is not confirmed, for the supervisor's settings page.

Such facts live in data, marked unconfirmed (the rate table in force, the eligibility and occupation
lists, the holiday question); they are never printed on a member's paper. The supervisor sees them
here, with their source, so they can be checked against the official text and corrected.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.months import Month
from app.infra.paths import resources_dir
from app.services.context import ServiceContext
from app.services.contributions.lookup import rate_book_of, today_at


@dataclass(frozen=True, slots=True)
class UnconfirmedFact:
    """One figure or rule whose source is not confirmed, with where it is and what it rests on."""

    area: str  # "Tabel iuran 2026-12-07", "Kelayakan program", "Daftar pekerjaan", "Hari libur"
    item: str  # where in the data
    source: str  # what the data says about its source


def _walk(value: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Mapping):
        if value.get("unconfirmed") is True:
            out.append(
                (
                    path or "tabel",
                    str(value.get("source") or value.get("assumption") or value.get("note") or ""),
                )
            )
        for k, v in value.items():
            _walk(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            ident = v.get("id") or v.get("from") or v.get("low") if isinstance(v, Mapping) else None
            _walk(v, f"{path}[{ident if ident is not None else i}]", out)


def unconfirmed_facts(ctx: ServiceContext) -> tuple[UnconfirmedFact, ...]:
    """The rate table in force this month, then the reference lists, then the holiday question."""

    def work(session: Any) -> tuple[UnconfirmedFact, ...]:
        table = rate_book_of(session).table_for(Month.of(today_at(session, ctx)))
        found: list[tuple[str, str]] = []
        _walk(json.loads(table.raw), "", found)
        out = [UnconfirmedFact(f"Tabel iuran {table.version}", item, source) for item, source in found]
        return tuple(out)

    facts = list(ctx.read(work))
    data = resources_dir() / "data"
    eligibility = json.loads((data / "eligibility.json").read_text(encoding="utf-8"))
    for code, seg in eligibility.get("segments", {}).items():
        for note in seg.get("unconfirmed", ()):
            facts.append(UnconfirmedFact("Kelayakan program", f"segmen {code}", str(note)))
    for code, prog in eligibility.get("programmes", {}).items():
        if "[U]" in str(prog.get("age_rule", "")):
            facts.append(
                UnconfirmedFact("Kelayakan program", f"program {code}: batas usia", str(prog["age_rule"]))
            )
    occupations = json.loads((data / "occupations.json").read_text(encoding="utf-8"))
    for o in occupations.get("occupations", ()):
        for key in ("transport_source", "bpu_mandiri_source", "source"):
            text = str(o.get(key, ""))
            if "[U]" in text and key != "source":
                facts.append(
                    UnconfirmedFact(
                        "Daftar pekerjaan", f"{o['code']} {o['name']}: {key.removesuffix('_source')}", text
                    )
                )
    facts.append(
        UnconfirmedFact(
            "Hari libur",
            "cuti bersama",
            "Apakah cuti bersama (SKB 3 Menteri) termasuk 'hari libur' yang menggeser jatuh tempo belum "
            "terkonfirmasi (domain-facts-2026-12 §8). Atur di halaman ini.",
        )
    )
    return tuple(facts)
