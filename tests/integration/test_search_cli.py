"""The search and member-record commands, run as real processes against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.db.ids import BLOCK
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, bpu_record
from tests.integration.test_cli import loket
from tests.search_fixtures import person


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home for the module (a process start costs seconds); the read-only test runs first."""
    tmp_path = tmp_path_factory.mktemp("search-cli")
    home = tmp_path / "home"
    r = loket(
        home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta"
    )
    assert r.returncode == 0, r.stderr
    r = loket(home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    r = loket(
        home,
        "officer",
        "add",
        "budi",
        "--role",
        "officer",
        "--by",
        "siti",
        stdin=f"{SUPERVISOR_PASSWORD}\n{OFFICER_PASSWORD}\n",
    )
    assert r.returncode == 0, r.stderr
    records = [
        bpu_record(nama="Siti Aminah"),
        person("Mochammad Rizky Pratama", "1991-03-14", "L", serial=9001, no_hp="081290011234"),
    ]
    f = tmp_path / "people.json"
    f.write_text(json.dumps(records), encoding="utf-8")
    r = loket(home, "enrol", "--officer", "budi", "--json", str(f))
    assert r.returncode == 0, r.stdout + r.stderr
    # SITTI AMINAH resembles SITI AMINAH: saved only with the supervisor's audited override.
    f.write_text(json.dumps(bpu_record(nik="1610014508900007", nama="Sitti Aminah", no_hp=None)))
    r = loket(home, "enrol", "--officer", "budi", "--json", str(f))
    assert r.returncode == 2 and "member.likely_duplicate" in r.stdout
    override = ("--override-supervisor", "siti", "--override-reason", "Dicek nanti di kantor")
    r = loket(
        home, "enrol", "--officer", "budi", "--json", str(f), *override, stdin=SUPERVISOR_PASSWORD + "\n"
    )
    assert r.returncode == 0, r.stdout + r.stderr
    return home


def numbers(home: Path) -> list[str]:
    out = loket(home, "search", "siti", "aminah", "--json", "--officer", "budi")
    return [row["number"] for row in json.loads(out.stdout)["rows"]]


def test_search_by_name_number_and_phone(home: Path) -> None:
    r = loket(home, "search", "Muhamad Rizki", "--json", "--limit", "5", "--officer", "budi")
    assert r.returncode == 0, r.stderr
    page = json.loads(r.stdout)
    assert page["kind"] == "name" and page["rows"][0]["nama"] == "MOCHAMMAD RIZKY PRATAMA"
    number = page["rows"][0]["number"]
    assert page["rows"][0]["nik_masked"].count("*") == 6

    spaced = f"{number[:3]} {number[3:7]} {number[7:10]} {number[10]}"
    r = loket(home, "search", spaced, "--json", "--officer", "budi")
    assert [row["number"] for row in json.loads(r.stdout)["rows"]] == [number]

    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    r = loket(home, "search", wrong, "--json", "--officer", "budi")
    assert r.returncode == 2
    page = json.loads(r.stdout)
    assert page["issues"][0]["code"] == "nomor.check_digit"
    assert number in [row["number"] for row in page["rows"]]

    r = loket(home, "search", "+62 812 9001 1234", "--officer", "budi")
    assert r.returncode == 0 and number in r.stdout and "ditemukan" in r.stderr

    r = loket(home, "search", "siti", "aminah", "--json", "--region", "32", "--officer", "budi")
    assert r.returncode == 1 and json.loads(r.stdout)["rows"] == []
    r = loket(home, "search", "siti", "aminah", "--json", "--birth-year", "1990", "--officer", "budi")
    assert len(json.loads(r.stdout)["rows"]) == 2

    r = loket(home, "search", "reindex", "--quiet", "--supervisor", "siti", stdin=SUPERVISOR_PASSWORD)
    assert r.returncode == 0 and "3 peserta" in r.stdout


def test_correct_approve_history_merge_and_verify(home: Path) -> None:
    keep, dup = numbers(home)
    r = loket(
        home,
        "member",
        "correct",
        keep,
        "--field",
        "nama",
        "--value",
        "Siti Aminah Binti Umar",
        "--reason",
        "Sesuai KTP",
        "--officer",
        "budi",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    cid = json.loads(r.stdout)["id"]
    pending = json.loads(
        loket(home, "member", "corrections", "--pending", "--json", "--officer", "budi").stdout
    )
    assert [c["id"] for c in pending] == [cid]
    # People read and type the short number ("#1"), never the stored key with its branch block.
    ref = json.loads(r.stdout)["ref"]
    assert ref == "#1" and cid == 101_000_000_000_001
    listed = loket(home, "member", "corrections", "--pending", "--officer", "budi").stdout
    assert listed.startswith("#1 ") and str(cid) not in listed
    r = loket(home, "member", "approve", "#abc", "--supervisor", "siti", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode != 0 and "bukan nomor yang dikenal" in r.stderr and "Traceback" not in r.stderr

    r = loket(home, "member", "approve", "1", "--supervisor", "siti", stdin="not-the-password\n")
    assert r.returncode != 0
    r = loket(
        home,
        "member",
        "approve",
        "1",
        "--supervisor",
        "siti",
        "--json",
        stdin=SUPERVISOR_PASSWORD + "\n",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status"] == "APPROVED"

    r = loket(home, "member", "history", keep, "--json", "--officer", "budi")
    history = json.loads(r.stdout)
    assert [h["action"] for h in history] == [
        "member.enrol",
        "member.correction.propose",
        "member.correction.approve",
    ]
    assert history[-1]["details"]["changes"]["nama"] == {
        "old": "SITI AMINAH",
        "new": "SITI AMINAH BINTI UMAR",
    }

    r = loket(
        home,
        *("member", "deactivate", dup, "--reason", "merged", "--into", keep, "--supervisor", "siti"),
        stdin=SUPERVISOR_PASSWORD,
    )
    assert r.returncode == 0, r.stderr
    page = json.loads(loket(home, "search", dup, "--json", "--officer", "budi").stdout)
    assert [(row["number"], row["matched_by"]) for row in page["rows"]] == [
        (keep, "merged_number"),
        (dup, "number"),
    ]
    r = loket(
        home,
        "member",
        "deactivate",
        dup,
        "--reason",
        "died",
        "--supervisor",
        "siti",
        stdin=SUPERVISOR_PASSWORD,
    )
    assert r.returncode == 2 and "member.not_active" in r.stderr

    r = loket(home, "audit", "verify", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"]
    db = home / "data" / "loket.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE audit_event SET details = '{}' WHERE action = 'member.correction.approve'")
        seq = raw.execute(
            "SELECT seq FROM audit_event WHERE action = 'member.correction.approve'"
        ).fetchone()[0]
    r = loket(home, "audit", "verify", "--json")
    report = json.loads(r.stdout)
    assert r.returncode == 1 and (report["problem"], report["first_bad_seq"]) == ("changed", seq % BLOCK)
