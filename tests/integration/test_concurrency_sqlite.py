"""Four processes enrolling into one SQLite file at once get distinct, gapless numbers."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.bootstrap import open_app
from app.db.models import Member
from app.domain.membership import parse_number
from app.services import auth, enrolment
from app.services.audit import verify_audit
from tests.conftest import OFFICER_PASSWORD

PER_PROCESS = 25
PROCESSES = 4


def _worker(home: str, index: int, start: Any, out: Any) -> None:
    os.environ["LOKET_HOME"] = home
    opened = open_app(home=home, counter=f"LOKET-{index}")
    actor = auth.officer_by_username(opened.ctx, "budi")
    assert actor is not None
    start.wait()
    numbers = []
    for i in range(PER_PROCESS):
        serial = index * 1000 + i + 1
        nik = f"161001450890{serial:04d}"
        rec = {
            "nik": nik,
            "nama": "Pekerja Uji",
            "tempat_lahir": "Palembang",
            "tanggal_lahir": "1990-08-05",
            "jenis_kelamin": "P",
            "nama_ibu": "Ibu Uji",
            "alamat": "Jl. Uji",
            "pekerjaan": "P001",
            "segmen": "BPU",
            "penghasilan": 1000000,
            "program": "JKK,JKM",
        }
        res = enrolment.enrol_worker(opened.ctx, actor, rec)
        numbers.append(res.number if res.status == "enrolled" else f"ERR {res.errors}")
    out.put(numbers)


def test_four_processes_get_distinct_gapless_numbers(ctx: Any, supervisor: Any, home: Path) -> None:
    auth.add_officer(
        ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=supervisor
    )
    mp_ctx = mp.get_context("spawn")
    start = mp_ctx.Event()
    out = mp_ctx.Queue()
    procs = [mp_ctx.Process(target=_worker, args=(str(home), i, start, out)) for i in range(PROCESSES)]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    numbers = [n for r in results for n in r]
    assert not [n for n in numbers if n.startswith("ERR")], numbers
    assert len(set(numbers)) == PROCESSES * PER_PROCESS
    serials = sorted(parse_number(n).serial for n in numbers)  # type: ignore[union-attr]
    assert serials == list(range(1, PROCESSES * PER_PROCESS + 1))
    stored = ctx.read(lambda s: s.execute(select(Member.number)).scalars().all())
    assert sorted(stored) == sorted(numbers)
    assert verify_audit(ctx).ok
