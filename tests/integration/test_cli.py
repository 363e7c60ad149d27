"""The ``loket`` command line, run as a real process against a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SUPERVISOR_PASSWORD, bpu_record


def loket(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOKET_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


@pytest.fixture
def cli_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert loket(home, "db", "upgrade").returncode == 0
    r = loket(
        home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta"
    )
    assert r.returncode == 0, r.stderr
    r = loket(home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return home


def test_enrol_list_prints_one_entry_per_record_and_exit_code(cli_home: Path, tmp_path: Path) -> None:
    records: list[Any] = [
        bpu_record(),
        bpu_record(nik="1610014508900004", nama="Siti <script>"),
        bpu_record(
            nik="3171011708450001",
            nama="Bambang",
            jenis_kelamin="L",
            tanggal_lahir="1945-08-17",
            kode_wilayah=None,
        ),
    ]
    f = tmp_path / "batch.json"
    f.write_text(json.dumps(records), encoding="utf-8")
    r = loket(cli_home, "enrol", "--officer", "siti", "--json", str(f))
    assert r.returncode == 2, r.stderr
    out = json.loads(r.stdout)
    assert [o["index"] for o in out] == [0, 1, 2]
    assert [o["status"] for o in out] == ["enrolled", "rejected", "enrolled"]
    assert out[1]["number"] is None
    assert out[1]["errors"] == [
        {"field": "nama", "code": "nama.chars", "message": out[1]["errors"][0]["message"]}
    ]
    assert set(out[0]) == {"index", "status", "number", "errors", "warnings"}

    shown = loket(cli_home, "member", "show", out[0]["number"], "--json", "--officer", "siti")
    assert shown.returncode == 0, shown.stderr
    member = json.loads(shown.stdout)
    assert member["nik"] == "1610014508900003" and member["nama"] == "SITI AMINAH"
    assert member["nik_region"] == "Muara Kuang, Kabupaten Ogan Ilir, Sumatera Selatan"

    assert loket(cli_home, "audit", "verify").returncode == 0


def test_enrol_from_stdin_dry_run_and_mismatch(cli_home: Path) -> None:
    rec = json.dumps(bpu_record(jenis_kelamin="L"))
    r = loket(cli_home, "enrol", "--officer", "siti", "--json", "-", "--dry-run", stdin=rec)
    assert r.returncode == 2
    assert json.loads(r.stdout)[0]["errors"][0]["code"] == "nik.gender_mismatch"
    r = loket(
        cli_home, "enrol", "--officer", "siti", "--json", "-", "--dry-run", "--confirm-mismatch", stdin=rec
    )
    assert r.returncode == 0
    out = json.loads(r.stdout)[0]
    assert out["status"] == "valid" and out["warnings"][0]["code"] == "nik.gender_mismatch"
    assert loket(cli_home, "member", "show", "1610014508900003", "--officer", "siti").returncode == 1


def test_bad_input_gets_clear_messages(cli_home: Path) -> None:
    r = loket(cli_home, "enrol", "--officer", "siti", "--json", "-", stdin="{not json")
    assert r.returncode == 2 and "JSON tidak valid" in r.stderr
    r = loket(cli_home, "enrol", "--officer", "nobody", "--json", "-", stdin="{}")
    assert r.returncode == 3 and "Petugas 'nobody' tidak ada" in r.stderr and "Traceback" not in r.stderr
    by_siti = ("officer", "add", "rina", "--role", "officer", "--by", "siti")
    r = loket(cli_home, *by_siti, stdin=f"{SUPERVISOR_PASSWORD}\nshort\n")
    assert r.returncode == 2 and "minimal 12" in r.stderr
    r = loket(cli_home, *by_siti, stdin=f"{SUPERVISOR_PASSWORD}\npassword1234\n")
    assert r.returncode == 2 and "terlalu umum" in r.stderr


def test_demo_seed(cli_home: Path) -> None:
    r = loket(
        cli_home,
        "demo",
        "seed",
        "--members",
        "300",
        "--quiet",
        "--supervisor",
        "siti",
        stdin=SUPERVISOR_PASSWORD,
    )
    assert r.returncode == 0, r.stderr
    assert "300 peserta latihan dibuat" in r.stdout
    assert loket(cli_home, "audit", "verify").returncode == 0


def test_only_the_first_supervisor_is_made_without_another_and_nobody_acts_as_system(cli_home: Path) -> None:
    # Before: without --by the account was made as "system", any time.
    r = loket(cli_home, "officer", "add", "budi", "--role", "officer", stdin="Loket-Pagi-Sehat-7\n")
    assert r.returncode == 2 and "--by SUPERVISOR" in r.stderr
    r = loket(cli_home, "officer", "add", "boss", "--role", "supervisor", stdin="Loket-Pagi-Sehat-7\n")
    assert r.returncode == 2 and "akun pertama sudah ada" in r.stderr
    # --by needs that supervisor's password first, then the new account's.
    r = loket(
        cli_home, "officer", "add", "rina", "--role", "officer", "--by", "siti", stdin="Loket-Siang-Cerah-8\n"
    )
    assert r.returncode == 3 and "salah" in r.stderr and "Traceback" not in r.stderr
    r = loket(
        cli_home,
        *("officer", "add", "rina", "--role", "officer", "--by", "siti"),
        stdin=f"{SUPERVISOR_PASSWORD}\nLoket-Siang-Cerah-8\n",
    )
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(cli_home / "data" / "loket.sqlite3")
    rows = db.execute(
        "select action, actor, entity_id from audit_event where action like 'officer.%' order by seq"
    ).fetchall()
    actors = {
        a for (a,) in db.execute("select distinct actor from audit_event where action like 'officer.%'")
    }
    db.close()
    assert rows == [("officer.bootstrap", "siti", "siti"), ("officer.add", "siti", "rina")]
    assert "system" not in actors
