"""Helpers for search and member-record tests: valid intake records for chosen names, and a
module-wide database with synthetic members plus people whose names have known variants."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Opened, open_app
from app.services import auth, branch, demo, enrolment
from app.services.dto import Actor
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock

SECOND_SUPERVISOR_PASSWORD = "Kepala-Loket-Dua-22!"


def nik_for(district: str, born: dt.date, gender: str, serial: int) -> str:
    """A structurally valid NIK: district (``16.10.01``) + DDMMYY (+40 for women) + serial."""
    day = born.day + (40 if gender == "P" else 0)
    return f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def person(
    nama: str,
    born: str,
    gender: str,
    *,
    serial: int,
    district: str = "16.10.01",
    village: str | None = "16.10.01.2005",
    **overrides: Any,
) -> dict[str, Any]:
    birth = dt.date.fromisoformat(born)
    rec: dict[str, Any] = {
        "nik": nik_for(district, birth, gender, serial),
        "nama": nama,
        "tempat_lahir": "Palembang",
        "tanggal_lahir": born,
        "jenis_kelamin": gender,
        "nama_ibu": "Ibu Kandung",
        "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
        "kode_wilayah": village,
        "pekerjaan": "P001",
        "segmen": "BPU",
        "penghasilan": 1500000,
        "program": "JKK,JKM",
    }
    rec.update(overrides)
    return rec


def enrol(ctx: Any, actor: Actor, rec: dict[str, Any], **kwargs: Any) -> str:
    out = enrolment.enrol_worker(ctx, actor, rec, **kwargs)
    assert out.status == "enrolled", (rec["nama"], out.errors)
    assert out.number is not None
    return out.number


@dataclass
class World:
    opened: Opened
    supervisor: Actor
    officer: Actor
    numbers: dict[str, str]  # label → membership number
    records: dict[str, dict[str, Any]]  # label → intake record

    @property
    def ctx(self) -> Any:
        return self.opened.ctx


# label → (name as on the KTP, birth date, gender, district, village). The labels are what
# the quality test expects to find.
PEOPLE: dict[str, tuple[str, str, str, str, str | None]] = {
    "rizky": ("MUHAMMAD RIZKY PRATAMA", "1991-03-14", "L", "16.10.01", "16.10.01.2005"),
    "nurhayati": ("NURHAYATI", "1985-06-02", "P", "16.10.02", None),
    "nur_hayati_siregar": ("NUR HAYATI SIREGAR", "1979-11-23", "P", "12.12.01", None),
    "abdul_rahman": ("ABDUL RAHMAN HASIBUAN", "1970-01-09", "L", "12.12.01", None),
    "abdurrahman": ("ABDURRAHMAN WAHID", "1968-09-07", "L", "35.78.01", None),
    "sitti": ("SITTI NURBAYA", "1990-02-28", "P", "13.71.01", None),
    "noor": ("NOOR FADILAH", "1993-07-17", "P", "63.71.01", None),
    "djoko": ("DJOKO SOEPRIADI", "1962-04-21", "L", "33.74.01", None),
    "tjahjono": ("TJAHJONO WIDODO", "1966-12-12", "L", "33.72.01", None),
    "soekarno": ("SOEKARNO HADI", "1961-06-06", "L", "35.71.01", None),
    "nurul": ("NURUL HIDAYAH", "1995-05-05", "P", "32.73.01", None),
    "sutrisno": ("SUTRISNO WIBOWO", "1975-08-30", "L", "33.74.02", None),
    "bambang": ("BAMBANG SUSILO", "1972-10-10", "L", "34.71.01", None),
    "hendra": ("HENDRA GUNAWAN", "1988-04-04", "L", "31.71.01", None),
    "sri": ("SRI WAHYUNI", "1987-01-15", "P", "33.72.02", None),
    "nur_janah": ("SITI NUR JANAH", "1992-09-19", "P", "35.15.01", None),
    "khadijah": ("KHADIJAH RAHMAWATI", "1983-03-03", "P", "16.71.01", None),
    "yusuf": ("YUSUF MAULANA", "1996-11-11", "L", "32.04.01", None),
    "syaiful": ("SYAIFUL ANWAR", "1980-07-07", "L", "18.71.01", None),
    "taufiq": ("TAUFIQ HIDAYAT", "1984-02-02", "L", "32.01.01", None),
    "fauzi_jabar": ("AHMAD FAUZI", "1985-10-01", "L", "32.73.01", "32.73.01.1001"),
    "fauzi_sumsel": ("AHMAD FAUZI", "1990-05-20", "L", "16.10.01", "16.10.01.2005"),
    "fauzi_sumut": ("ACHMAD FAUZI", "1978-12-31", "L", "12.71.01", None),
    "dewi": ("DEWI KURNIASIH HANDAYANI", "1994-06-16", "P", "16.10.03", None),
    "perangin": ("RUTH PERANGIN-ANGIN", "1989-08-08", "P", "12.11.01", None),
}


def build_world(home: Path) -> World:
    clock = FakeClock()
    opened = open_app(home=home, clock=clock, counter="LOKET-1")
    ctx = opened.ctx
    branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        ctx, username="siti", full_name="Siti Rahmawati", password=SUPERVISOR_PASSWORD
    )
    supervisor = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    auth.add_officer(
        ctx,
        username="budi",
        full_name="Budi Santoso",
        role="officer",
        password=OFFICER_PASSWORD,
        by=supervisor,
    )
    officer = auth.login(ctx, "budi", OFFICER_PASSWORD)
    demo.seed_members(ctx, supervisor, 3000, seed=7)
    numbers: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    for serial, (label, (nama, born, gender, district, village)) in enumerate(PEOPLE.items(), start=9001):
        rec = person(
            nama,
            born,
            gender,
            serial=serial,
            district=district,
            village=village,
            no_hp=f"0812{serial:04d}1234",
        )
        numbers[label] = enrol(ctx, officer, rec)
        records[label] = rec
    return World(opened, supervisor, officer, numbers, records)


def world_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Body of a module-scoped ``world`` fixture (each test module declares its own)."""
    home = tmp_path_factory.mktemp("search-world")
    old = os.environ.get("LOKET_HOME")
    os.environ["LOKET_HOME"] = str(home)
    try:
        w = build_world(home)
        yield w
        w.opened.ctx.engine.dispose()
    finally:
        if old is None:
            os.environ.pop("LOKET_HOME", None)
        else:
            os.environ["LOKET_HOME"] = old


def add_second_supervisor(ctx: Any, by: Actor) -> Actor:
    """Approvals need a supervisor other than the proposer."""
    auth.add_officer(
        ctx,
        username="rina",
        full_name="Rina Kepala",
        role="supervisor",
        password=SECOND_SUPERVISOR_PASSWORD,
        by=by,
    )
    return auth.login(ctx, "rina", SECOND_SUPERVISOR_PASSWORD)
