"""``loket import`` as a real process: JSON per row, exit codes, template, mapping, reports (PDF looked at)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.intake import FIELDS
from tests.conftest import SUPERVISOR_PASSWORD
from tests.import_fixtures import as_cells, valid_rows, write_csv, write_xlsx


def loket(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "LOKET_HOME": str(home)},
        timeout=180,
    )


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("import-cli") / "home"
    r = loket(
        home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta"
    )
    assert r.returncode == 0, r.stderr
    r = loket(home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return home


def test_dry_run_json_reports_and_exit_codes(cli_home: Path, tmp_path: Path) -> None:
    rows = valid_rows(6, seed=101)
    rows[2]["nik"] = "9910014508900003"  # unknown province
    rows[4]["nama"] = '=HYPERLINK("http://x")'  # stays text in our report
    rows[4]["alamat"] = "@SUM(1)"
    path = write_csv(tmp_path / "pemda.csv", as_cells(rows), delimiter=";")
    xlsx, pdf = tmp_path / "laporan.xlsx", tmp_path / "ringkasan.pdf"
    r = loket(
        cli_home,
        "import",
        str(path),
        "--officer",
        "siti",
        "--dry-run",
        "--json",
        "--report-xlsx",
        str(xlsx),
        "--report-pdf",
        str(pdf),
    )
    assert r.returncode == 2, r.stderr
    out = json.loads(r.stdout)
    assert [o["row"] for o in out] == [2, 3, 4, 5, 6, 7] and [o["index"] for o in out] == list(range(6))
    assert set(out[0]) == {"index", "row", "status", "number", "errors", "warnings"}
    assert [o["status"] for o in out] == ["valid", "valid", "rejected", "valid", "rejected", "valid"]
    assert out[2]["errors"][0]["code"] == "nik.province" and out[2]["number"] is None
    assert out[4]["errors"][0]["code"] == "nama.chars"

    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    table = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    assert table[0][:5] == ["Baris", "Status", "Nomor peserta", "Kesalahan", "Peringatan"]
    assert table[0][5:] == list(FIELDS)
    assert table[3][:2] == [4, "ditolak"] and "[nik.province]" in table[3][3]
    assert table[3][5] == rows[2]["nik"]  # the working copy keeps the full NIK for correction
    assert table[5][6] == '\'=HYPERLINK("http://x")' and table[5][5 + FIELDS.index("alamat")] == "'@SUM(1)"
    assert len(table) == 7

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Laporan Impor Peserta" in text and "PEMERIKSAAN (DRY RUN)" in text and "nik.province" in text
    assert rows[2]["nik"] not in text and rows[2]["nik"][:6] + "******" + rows[2]["nik"][12:] in text
    png = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(tmp_path / "hal")], check=True
    )
    assert png.returncode == 0 and (tmp_path / "hal.png").stat().st_size > 10_000

    # Set-up wrote three events: the branch, the supervisor and the card signing key.
    assert json.loads(loket(cli_home, "audit", "verify", "--json").stdout)["checked"] == 3


def test_commit_modes_sponsor_and_summary(cli_home: Path, tmp_path: Path) -> None:
    rows = valid_rows(5, seed=202)
    rows[1]["penghasilan"] = "banyak"
    path = write_xlsx(tmp_path / "desa.xlsx", as_cells(rows))
    r = loket(cli_home, "import", str(path), "--officer", "siti")
    assert r.returncode == 2 and "--dry-run" in r.stderr
    r = loket(cli_home, "import", str(path), "--officer", "siti", "--mode", "all", "--json")
    assert r.returncode == 2 and "import.refused_all" in r.stderr
    assert all(o["number"] is None for o in json.loads(r.stdout))
    r = loket(
        cli_home,
        "import",
        str(path),
        "--officer",
        "siti",
        "--mode",
        "accepted",
        "--sponsor",
        "Pemkab Ogan Ilir",
    )
    assert r.returncode == 2 and "sponsor.months" in r.stderr
    pdf = tmp_path / "komit.pdf"
    r = loket(
        cli_home,
        "import",
        str(path),
        "--officer",
        "siti",
        "--mode",
        "accepted",
        "--sponsor",
        "Pemkab Ogan Ilir",
        "--months",
        "12",
        "--report-pdf",
        str(pdf),
    )
    assert r.returncode == 2, r.stderr
    assert (
        "Terdaftar: 4" in r.stdout
        and "baris 3: penghasilan" in r.stdout
        and "Tersimpan: 4 peserta" in r.stdout
    )
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "TERSIMPAN" in text and "Pemkab Ogan Ilir (APBD) · 12 bulan" in text
    shown = json.loads(
        loket(cli_home, "member", "show", rows[0]["nik"], "--json", "--officer", "siti").stdout
    )
    assert (
        shown["enrolments"][0]["funding_source"] == "APBD"
        and shown["enrolments"][0]["months_at_enrolment"] == 12
    )
    r = loket(
        cli_home,
        "import",
        str(write_xlsx(tmp_path / "ok.xlsx", as_cells(valid_rows(2, seed=303)))),
        "--officer",
        "siti",
        "--mode",
        "all",
        "--json",
    )
    assert r.returncode == 0 and [o["status"] for o in json.loads(r.stdout)] == ["enrolled", "enrolled"]


def test_unreadable_file_template_and_mapping(cli_home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "data.csv"
    junk.write_bytes(b"\x00\x01\x02" * 1000)
    r = loket(cli_home, "import", str(junk), "--officer", "siti", "--dry-run", "--json")
    assert r.returncode == 3 and "[file.binary]" in r.stderr and r.stdout == ""

    template = tmp_path / "templat.xlsx"
    r = loket(cli_home, "import", "--template", str(template))
    assert r.returncode == 0 and template.exists()

    rows = valid_rows(2, seed=404)
    headers = ["Identitas", "Nama Pegawai", *FIELDS[2:], "Catatan"]
    path = write_xlsx(tmp_path / "lain.xlsx", [[*r, "-"] for r in as_cells(rows)], headers)
    r = loket(cli_home, "import", str(path), "--officer", "siti", "--dry-run")
    assert r.returncode == 3 and "mapping.missing" in r.stderr
    r = loket(
        cli_home,
        "import",
        str(path),
        "--officer",
        "siti",
        "--dry-run",
        "--map",
        "Identitas=nik,Nama Pegawai=nama,Catatan=",
    )
    assert r.returncode == 0, r.stderr + r.stdout
    mapfile = tmp_path / "peta.json"
    mapfile.write_text(json.dumps({"Identitas": "nik", "Nama Pegawai": "nama"}), encoding="utf-8")
    r = loket(cli_home, "import", str(path), "--officer", "siti", "--mode", "accepted", "--map", str(mapfile))
    assert r.returncode == 0, r.stderr + r.stdout
    r = loket(cli_home, "import", str(path), "--officer", "siti", "--dry-run", "--json")
    assert r.returncode == 2 and {o["errors"][0]["code"] for o in json.loads(r.stdout)} == {"nik.duplicate"}
