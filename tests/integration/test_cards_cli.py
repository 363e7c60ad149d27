"""The card commands: card, reprint, spoil, cards, receipt, verify, keys.

One test runs ``loket`` as a real process; the others call the same ``main`` in this process,
because starting an interpreter per command costs ~1–2 s on the test machines.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from tests.card_helpers import decode_qr, page_sizes_mm, pdf_text
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, bpu_record
from tests.integration.test_cli import loket as loket_process


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def loket(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> object:
    def run(home: Path, *args: str, stdin: str | None = None) -> Run:
        monkeypatch.setenv("LOKET_HOME", str(home))
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        code = main(list(args))
        out = capsys.readouterr()
        return Run(code, out.out, out.err)

    return run


def _branch(loket: Any, home: Path, code: str, name: str, tmp_path: Path, niks: list[str]) -> list[str]:
    assert (
        loket(
            home, "branch", "setup", "--code", code, "--name", name, "--timezone", "Asia/Jakarta"
        ).returncode
        == 0
    )
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
    records = tmp_path / f"{code}.json"
    records.write_text(json.dumps([bpu_record(nik=n) for n in niks]), encoding="utf-8")
    r = loket(home, "enrol", "--officer", "budi", "--json", str(records))
    assert r.returncode == 0, r.stderr
    return [o["number"] for o in json.loads(r.stdout)]


@pytest.fixture
def branch_home(loket: Any, tmp_path: Path) -> tuple[Path, list[str]]:
    home = tmp_path / "home"
    numbers = _branch(loket, home, "101", "KCP Indralaya", tmp_path, ["1610014508900003", "1610014508900004"])
    return home, numbers


def test_card_and_verify_as_a_real_process(tmp_path: Path) -> None:
    home = tmp_path / "proc"
    assert loket_process(home, "db", "upgrade").returncode == 0
    r = loket_process(home, "verify", "6BF5YZB2", "--json")
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["reason"] == "malformed"


def test_card_reprint_spoil_and_verify_exit_codes(
    loket: Any, branch_home: tuple[Path, list[str]], tmp_path: Path
) -> None:
    home, (a, b) = branch_home
    first = tmp_path / "a1.pdf"
    r = loket(home, "card", a, "-o", str(first), "--officer", "budi")
    assert r.returncode == 0, r.stderr
    assert page_sizes_mm(first.read_bytes()) == [(85.6, 53.98), (85.6, 53.98)]
    assert loket(home, "card", a, "-o", str(tmp_path / "x.pdf"), "--officer", "budi").returncode == 2
    (code,) = decode_qr(first.read_bytes())

    ok = loket(home, "verify", code.text, "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["valid"] is True
    tampered = code.text[:-1] + ("0" if code.text[-1] != "0" else "1")
    bad = loket(home, "verify", tampered)
    assert bad.returncode == 1 and "TIDAK SAH" in bad.stdout

    args = ("card", "reprint", a, "--reason", "rusak", "--officer", "budi", "--approver", "siti")
    denied = loket(home, *args, "-o", str(tmp_path / "a2.pdf"), stdin="salah\n")
    assert denied.returncode == 3 and "kata sandi" in denied.stderr
    reprinted = loket(home, *args, "-o", str(tmp_path / "a2.pdf"), "--json", stdin=SUPERVISOR_PASSWORD + "\n")
    assert reprinted.returncode == 0, reprinted.stderr
    assert json.loads(reprinted.stdout)["serial"] == f"{a}-2"
    revoked = loket(home, "verify", "-", "--json", stdin=code.text)
    assert revoked.returncode == 1 and json.loads(revoked.stdout)["reason"] == "revoked"

    assert loket(home, "card", b, "-o", str(tmp_path / "b1.pdf"), "--officer", "budi").returncode == 0
    spoiled = loket(home, "card", "spoil", f"{b}-1", "--reason", "printer macet", "--officer", "budi")
    assert spoiled.returncode == 0, spoiled.stderr
    history = json.loads(loket(home, "card", "list", b, "--json").stdout)
    assert [(c["serial"], c["status"]) for c in history] == [(f"{b}-1", "spoiled")]
    assert loket(home, "audit", "verify").returncode == 0


def test_sheet_receipt_and_keys_between_branches(
    loket: Any, branch_home: tuple[Path, list[str]], tmp_path: Path
) -> None:
    home, (a, b) = branch_home
    listing = tmp_path / "numbers.txt"
    listing.write_text(f"{a}\n{b}  # pasar\n12345\n", encoding="utf-8")
    sheet = tmp_path / "sheet.pdf"
    r = loket(
        home, "cards", "--numbers", str(listing), "-o", str(sheet), "--officer", "budi", "--json", "--quiet"
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [c["serial"] for c in out["cards"]] == [f"{a}-1", f"{b}-1"]
    assert [s["code"] for s in out["skipped"]] == ["nomor.format"]
    assert page_sizes_mm(sheet.read_bytes()) == [(210.0, 297.0), (210.0, 297.0)]

    receipt = tmp_path / "receipt.pdf"
    r = loket(home, "receipt", a, "-o", str(receipt), "--layout", "thermal", "--officer", "budi")
    assert r.returncode == 0, r.stderr
    assert "161001******0003" in pdf_text(receipt.read_bytes())

    # Branch 202 prints a card; branch 101 trusts it only after importing 202's exported key.
    far = tmp_path / "far"
    (far_number,) = _branch(loket, far, "202", "KCP Prabumulih", tmp_path, ["1610014508900009"])
    far_card = tmp_path / "far.pdf"
    assert loket(far, "card", far_number, "-o", str(far_card), "--officer", "budi").returncode == 0
    (code,) = decode_qr(far_card.read_bytes())
    unknown = loket(home, "verify", code.text, "--json")
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["reason"] == "unknown_key"

    exported = tmp_path / "202.json"
    assert loket(far, "keys", "export", "-o", str(exported)).returncode == 0
    assert json.loads(exported.read_text())["branch_code"] == "202"
    refused = loket(home, "keys", "import", str(exported), "--supervisor", "siti", stdin="salah\n")
    assert refused.returncode == 3 and "salah" in refused.stderr  # a trusted key needs the password
    imported = loket(home, "keys", "import", str(exported), "--supervisor", "siti", stdin=SUPERVISOR_PASSWORD)
    assert imported.returncode == 0 and "KCP Prabumulih" in imported.stdout
    assert loket(home, "verify", code.text).returncode == 0

    rotated = loket(far, "keys", "rotate", "--supervisor", "siti", stdin=SUPERVISOR_PASSWORD)
    assert rotated.returncode == 0, rotated.stderr
    keys = json.loads(loket(far, "keys", "list", "--json").stdout)
    assert sum(k["current"] for k in keys) == 1 and len(keys) == 2
    assert loket(far, "verify", code.text).returncode == 0  # the old key still verifies
