"""Shared fixtures: a Loket home in a temp folder, a real SQLite file, a branch and its officers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Headless Qt for every test, set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from app.bootstrap import Opened, open_app
from app.services import auth, branch
from app.services.dto import Actor
from tests.branch_setup import SUPERVISOR_PASSWORD
from tests.pg_fixtures import any_db_url, pg_empty_url, pg_server, pg_url  # noqa: F401

OFFICER_PASSWORD = "Loket-Pagi-Sehat-7"
FIXED_NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB


class FakeClock:
    """A controllable UTC clock for the core (the domain never reads the real one)."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: Any) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "loket-home"
    monkeypatch.setenv("LOKET_HOME", str(h))
    monkeypatch.delenv("LOKET_DB", raising=False)
    return h


@pytest.fixture
def opened(home: Path, clock: FakeClock) -> Iterator[Opened]:
    o = open_app(home=home, clock=clock, counter="LOKET-1")
    yield o
    o.ctx.engine.dispose()


@pytest.fixture
def ctx(opened: Opened) -> Any:
    return opened.ctx


@pytest.fixture
def setup_branch(ctx: Any) -> Any:
    return branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")


@pytest.fixture
def supervisor(ctx: Any, setup_branch: Any) -> Actor:
    auth.create_first_supervisor(
        ctx, username="siti", full_name="Siti Rahmawati", password=SUPERVISOR_PASSWORD
    )
    return auth.login(ctx, "siti", SUPERVISOR_PASSWORD)


@pytest.fixture
def officer(ctx: Any, supervisor: Actor) -> Actor:
    auth.add_officer(
        ctx,
        username="budi",
        full_name="Budi Santoso",
        role="officer",
        password=OFFICER_PASSWORD,
        by=supervisor,
    )
    return auth.login(ctx, "budi", OFFICER_PASSWORD)


def bpu_record(**overrides: Any) -> dict[str, Any]:
    """A standard BPU walk-in: a woman farmer from Ogan Ilir, born 5 Aug 1990."""
    rec: dict[str, Any] = {
        "nik": "1610014508900003",
        "nama": "Siti Aminah",
        "tempat_lahir": "Indralaya",
        "tanggal_lahir": "1990-08-05",
        "jenis_kelamin": "P",
        "nama_ibu": "Fatimah",
        "no_hp": "0812-3456-7890",
        "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
        "kode_wilayah": "16.10.01.2005",
        "pekerjaan": "P001",
        "segmen": "BPU",
        "penghasilan": 1000000,
        "program": "JKK,JKM",
    }
    rec.update(overrides)
    return rec
