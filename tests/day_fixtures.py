"""Helpers for the end-of-day tests: a small, varied day of enrolments, payments and cards."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

import pypdf

from app.services import cards, enrolment
from app.services import contributions as cs
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock, bpu_record

DAY = dt.date(2026, 11, 23)
NIK16 = re.compile(r"(?<!\d)\d{16}(?!\d)")


def nik_for(i: int) -> str:
    """Distinct valid NIKs from Ogan Ilir (women born in August 1990)."""
    return f"161001{41 + i % 28:02d}0890{i + 1:04d}"


def record_for(i: int, **overrides: Any) -> dict[str, Any]:
    """A valid intake record with the ``i``-th NIK and its birth date."""
    return bpu_record(nik=nik_for(i), tanggal_lahir=f"1990-08-{1 + i % 28:02d}", **overrides)


@dataclass
class Day:
    numbers: list[str] = field(default_factory=list)
    niks: list[str] = field(default_factory=list)
    receipts: list[str] = field(default_factory=list)
    card_serials: list[str] = field(default_factory=list)


def make_day(ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock, *, n: int = 6) -> Day:
    """``n`` enrolments (various channels/occupations), a payment each (cash or transfer), one void,
    two cards, one spoiled print; the supervisor enrols one too."""
    d = Day()
    channels = ["LOKET", "DESA", "PASAR", "LOKET", "EVENT", "UKM"]
    occupations = ["P001", "P003", "P001", "P010", "P002", "P001"]
    for i in range(n):
        clock.advance(minutes=20)
        who = supervisor if i == n - 1 else officer
        nik = nik_for(i)
        rec = record_for(
            i,
            kanal=channels[i % len(channels)],
            pekerjaan=occupations[i % len(occupations)],
            kode_wilayah="16.71.01.1001" if i % 3 == 2 else "16.10.01.2005",
            sumber_dana="APBD" if i == 1 else "MANDIRI",
            program="JKK,JKM,JHT" if i == 3 else "JKK,JKM",
        )
        out = enrolment.enrol_worker(ctx, who, rec)
        assert out.status == "enrolled", out.errors
        assert out.number is not None
        d.numbers.append(out.number)
        d.niks.append(nik)
        method = "transfer" if i % 2 else "cash"
        p = cs.record_enrolment_payment(
            ctx, who, out.number, method=method, reference=f"TRX {i:04d}" if method != "cash" else None
        )
        assert p is not None
        d.receipts.append(p.receipt_no)
    cs.void_payment(ctx, supervisor, d.receipts[0], reason="Salah pilih bulan", password=SUPERVISOR_PASSWORD)
    for number in d.numbers[:2]:
        d.card_serials.append(cards.issue_card(ctx, officer, number).card.serial)
    cards.spoil_card(ctx, officer, d.card_serials[1], "printer macet")
    return d


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def cash_as_taken(ctx: Any, supervisor: Actor, day: dt.date = DAY) -> dict[str, int]:
    """The cash each officer took on ``day``, as counted at a close where every drawer is exact."""
    from app.services import day as day_service

    summary = day_service.day_summary(ctx, supervisor, day, verify_chain=False)
    return {t.officer: t.cash for t in summary.figures.takings if t.cash}
