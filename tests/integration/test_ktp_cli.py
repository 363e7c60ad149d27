"""``loket ktp read`` and ``loket enrol --ktp``, run as real processes on generated KTP pictures."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from PIL import Image, ImageFilter

from tests.integration.test_cli import cli_home, loket  # noqa: F401 - the fixture
from tools.ktp_cards import build_set

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "ktp" / "contoh-ktp.jpg"
EXPECTED = json.loads(SAMPLE.with_suffix(".json").read_text("utf-8"))["fields"]


def _audit_actions(home: Path) -> list[str]:
    db = next(home.rglob("loket.sqlite3"))
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_event ORDER BY seq")]


def test_ktp_read_json_gives_fields_confidence_and_checks(cli_home: Path) -> None:  # noqa: F811
    r = loket(cli_home, "ktp", "read", str(SAMPLE), "--json", "--officer", "siti")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {k: v["value"] for k, v in out["fields"].items()} == EXPECTED
    assert all(0 < v["confidence"] <= 1 for v in out["fields"].values())
    assert [c["ok"] for c in out["checks"]] == [True, True, True]
    assert out["prefill"]["nik"] == EXPECTED["nik"]
    assert "ktp.read" in _audit_actions(cli_home)
    # The audit records that a card was read, not what it says.
    db = next(cli_home.rglob("loket.sqlite3"))
    with sqlite3.connect(db) as conn:
        details = conn.execute("SELECT details FROM audit_event WHERE action = 'ktp.read'").fetchone()[0]
    assert EXPECTED["nik"] not in details and EXPECTED["nama"] not in details


def test_ktp_read_text_marks_unsure_fields_and_exits_1(cli_home: Path, tmp_path: Path) -> None:  # noqa: F811
    sample = next(s for s in build_set(17, 1, looks=("webcam",)))
    f = tmp_path / "kabur.jpg"
    Image.open(io.BytesIO(sample.photo.image)).filter(ImageFilter.GaussianBlur(2.2)).save(
        f, "JPEG", quality=40
    )
    r = loket(cli_home, "ktp", "read", str(f))
    assert r.returncode == 1, r.stderr
    assert "Periksa dengan KTP:" in r.stdout
    assert any(line.startswith("? ") for line in r.stdout.splitlines())


def test_ktp_read_refuses_a_file_that_is_not_a_picture(cli_home: Path, tmp_path: Path) -> None:  # noqa: F811
    f = tmp_path / "bukan.jpg"
    f.write_text("bukan gambar", encoding="utf-8")
    r = loket(cli_home, "ktp", "read", str(f))
    assert r.returncode == 2
    assert "bukan gambar" in r.stderr and "[ktp.not_image]" in r.stderr
    r = loket(cli_home, "ktp", "read", str(tmp_path / "tidak-ada.jpg"))
    assert r.returncode == 2 and "tidak bisa membaca" in r.stderr


def test_enrol_from_a_ktp_still_validates_then_enrols_with_the_rest(cli_home: Path, tmp_path: Path) -> None:  # noqa: F811
    # The card alone lacks the mother's name and the income: refused, naming the keys.
    r = loket(cli_home, "enrol", "--officer", "siti", "--ktp", str(SAMPLE), "--dry-run")
    assert r.returncode == 2, r.stderr
    errors = {e["field"] for e in json.loads(r.stdout)[0]["errors"]}
    assert {"nama_ibu", "penghasilan"} <= errors
    assert "nik" not in errors and "nama" not in errors
    rest = tmp_path / "sisa.json"
    rest.write_text(
        json.dumps(
            {"nama_ibu": "SITI AMINAH", "penghasilan": 2000000, "segmen": "BPU", "program": "JKK,JKM"}
        ),
        "utf-8",
    )
    r = loket(cli_home, "enrol", "--officer", "siti", "--ktp", str(SAMPLE), "--json", str(rest))
    assert r.returncode == 0, r.stdout + r.stderr
    number = json.loads(r.stdout)[0]["number"]
    r = loket(cli_home, "member", "show", number, "--json", "--officer", "siti")
    assert r.returncode == 0, r.stderr
    member = json.loads(r.stdout)
    assert member["nik"] == EXPECTED["nik"] and member["nama"] == EXPECTED["nama"]


def test_enrol_needs_json_or_ktp(cli_home: Path) -> None:  # noqa: F811
    r = loket(cli_home, "enrol", "--officer", "siti")
    assert r.returncode == 2 and "--ktp" in r.stderr
