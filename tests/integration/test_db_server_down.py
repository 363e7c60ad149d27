"""The branch server stops: before a command, in the middle of one, or for a moment.

A real PostgreSQL server (``tests/pg_server.py``) is halted the way a power cut would. The command
says so in Indonesian, runs again what is safe to run again, and says what was already saved; no
SQL parameter (a NIK, a name, a phone) reaches the terminal or the log.
"""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.bootstrap import open_app
from app.cli import main
from app.services import auth, enrolment
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import OFFICER_PASSWORD, bpu_record
from tests.pg_server import PgServer, PgUnavailableError
from tests.search_fixtures import person

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_server: PgServer) -> Iterator[PgServer]:
    """A server of this test's own: it is halted and started again (the test servers' fsync=off
    would lose the last commits to a halt: a real server does not)."""
    try:
        own = PgServer.start(durable=True)  # a committed row survives the cut, as on a branch server
    except PgUnavailableError as exc:  # pragma: no cover - pg_server would have skipped already
        pytest.skip(str(exc))
    yield own
    own.stop()


@pytest.fixture
def branch_db(server: PgServer, tmp_path: Path) -> tuple[str, Path]:
    url = server.url("postgres")
    home = tmp_path / "home"
    opened = open_app(url, home=home)
    set_up_branch(opened.ctx)
    siti = auth.login(opened.ctx, "siti", SUPERVISOR_PASSWORD)
    auth.add_officer(
        opened.ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=siti
    )
    opened.ctx.engine.dispose()
    return url, home


def _records(n: int) -> list[dict[str, Any]]:
    names = ["Andi", "Bayu", "Cahyo", "Dedi", "Eko", "Fajar", "Gilang", "Hadi", "Irfan", "Joko"]
    return [person(f"{names[i % 10]} Saputra", "1980-01-01", "L", serial=100 + i) for i in range(n)]


def _run(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _no_personal_data(text_: str, records: list[dict[str, Any]]) -> None:
    for r in records:
        assert r["nik"] not in text_ and r["nama"].upper() not in text_.upper()
    assert "Traceback" not in text_ and "[parameters" not in text_


def _members(url: str, home: Path) -> set[str]:
    opened = open_app(url, home=home)
    try:
        return set(opened.ctx.read(lambda s: s.execute(text("SELECT number FROM member")).scalars().all()))
    finally:
        opened.ctx.engine.dispose()


def test_a_server_down_at_the_start_is_said_plainly(
    branch_db: tuple[str, Path],
    server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, home = branch_db
    server.halt()
    code, _out, err = _run(
        ["member", "show", "10100000013", "--officer", "budi", "--db", url, "--home", str(home)],
        monkeypatch,
        capsys,
    )
    assert code == 69
    assert "Server basis data (PostgreSQL: 127.0.0.1:" in err and "tidak dapat dihubungi" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_server_stopping_mid_command_says_what_was_saved(
    branch_db: tuple[str, Path],
    server: PgServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, home = branch_db
    records = _records(8)
    batch = tmp_path / "pekerja.json"
    batch.write_text(json.dumps(records), encoding="utf-8")
    real = enrolment.enrol_worker
    calls = [0]

    def enrol_then_cut(*a: Any, **k: Any) -> Any:
        calls[0] += 1
        if calls[0] == 4:  # three saved, then the server goes down for good
            server.halt()
        return real(*a, **k)

    monkeypatch.setattr(enrolment, "enrol_worker", enrol_then_cut)
    code, out, err = _run(
        ["enrol", "--officer", "budi", "--json", str(batch), "--db", url, "--home", str(home)],
        monkeypatch,
        capsys,
    )
    assert code == 69, err
    result = json.loads(out)
    assert [o["status"] for o in result] == ["enrolled"] * 3 + ["not_saved"] * 5
    assert "Sudah tersimpan 3 dari 8 rekaman" in err and "tidak dapat dihubungi" in err
    _no_personal_data(out + err, records)
    log = (
        (home / "logs" / "loket.log").read_text(encoding="utf-8")
        if (home / "logs" / "loket.log").exists()
        else ""
    )
    _no_personal_data(log, records)
    server.resume()
    assert _members(url, home) == {o["number"] for o in result[:3]}


def test_a_server_back_within_seconds_is_waited_for(
    branch_db: tuple[str, Path],
    server: PgServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, home = branch_db
    records = _records(5)
    batch = tmp_path / "pekerja.json"
    batch.write_text(json.dumps(records), encoding="utf-8")
    real = enrolment.enrol_worker
    calls = [0]

    def enrol_through_a_restart(*a: Any, **k: Any) -> Any:
        calls[0] += 1
        if calls[0] == 3:
            server.halt()
            threading.Timer(0.3, server.resume).start()  # an administrator restarts it at once
        return real(*a, **k)

    monkeypatch.setattr(enrolment, "enrol_worker", enrol_through_a_restart)
    code, out, err = _run(
        ["enrol", "--officer", "budi", "--json", str(batch), "--db", url, "--home", str(home)],
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    numbers = [o["number"] for o in json.loads(out)]
    assert len(set(numbers)) == 5 and _members(url, home) == set(numbers)


def test_an_unforeseen_database_refusal_never_prints_the_row(
    branch_db: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a UNIQUE violation printed a traceback with the full NIK, name and phone."""
    url, home = branch_db
    rec = bpu_record()

    class OrigError(Exception):
        sqlstate = "23505"

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise IntegrityError(
            "INSERT INTO member (nik, nama, no_hp) VALUES (%(nik)s, %(nama)s, %(no_hp)s)",
            {"nik": rec["nik"], "nama": rec["nama"], "no_hp": rec["no_hp"]},
            OrigError(f"duplicate key value\nDETAIL:  Key (nik)=({rec['nik']}) already exists."),
        )

    monkeypatch.setattr(enrolment, "enrol_worker", refuse)
    batch = home.parent / "satu.json"
    batch.write_text(json.dumps(rec), encoding="utf-8")
    code, _out, err = _run(
        ["enrol", "--officer", "budi", "--json", str(batch), "--db", url, "--home", str(home)],
        monkeypatch,
        capsys,
    )
    assert code == 70
    assert "kesalahan tak terduga (IntegrityError, SQLSTATE 23505)" in err
    assert rec["nik"] not in err and "SITI" not in err.upper() and "Traceback" not in err
    (report,) = (home / "logs").glob("crash-*.txt")
    body = report.read_text(encoding="utf-8")
    assert "IntegrityError" in body and rec["nik"] not in body and "Siti" not in body
