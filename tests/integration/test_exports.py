"""Exports: masked or full NIKs by role (audited), formula neutralisation, names kept in the folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main as cli_main
from app.db.models import AuditEvent
from app.domain.issues import DomainError
from app.services import enrolment, exports
from app.services.auth import PermissionDeniedError
from app.services.dto import Actor
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import DAY, NIK16, make_day, record_for


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "ekspor"
    f.mkdir()
    return f


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_masked_csv_for_an_officer_and_full_xlsx_for_a_supervisor_is_audited(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock, folder: Path
) -> None:
    d = make_day(ctx, officer, supervisor, clock, n=3)
    out = exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="csv", folder=folder)
    assert [f.name for f in out.files] == [
        "loket-101-2026-11-23_2026-11-23-pendaftaran.csv",
        "loket-101-2026-11-23_2026-11-23-pembayaran.csv",
    ]
    assert (out.enrolments, out.payments, out.full_nik) == (3, 3, False)
    rows = _csv(out.files[0])
    assert [r["nomor"] for r in rows] == d.numbers
    assert [r["nik"] for r in rows] == [f"{n[:6]}******{n[12:]}" for n in d.niks]
    assert {r["nama_ibu"] for r in rows} == {""} and rows[0]["no_hp"] == "0812****7890"
    # Each member's cover today, from the one status function: the first payment was voided.
    assert [r["status_perlindungan"] for r in rows] == ["BELUM_AKTIF", "AKTIF", "AKTIF"]
    assert [r["dilindungi_sampai"] for r in rows] == ["", "2026-11-30", "2026-11-30"]
    assert {r["bulan_tunggakan"] for r in rows} == {"0"}
    for f in out.files:
        text = f.read_text(encoding="utf-8-sig")
        assert not NIK16.search(text)
    payments = _csv(out.files[1])
    assert [p["tanda_bukti"] for p in payments] == d.receipts
    assert payments[0]["status"] == "VOID" and payments[0]["alasan_batal"] == "Salah pilih bulan"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.name for f in out.files)  # no temp files

    with pytest.raises(PermissionDeniedError):
        exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="xlsx", folder=folder, full_nik=True)
    full = exports.export_records(
        ctx, supervisor, start=DAY, end=DAY, fmt="xlsx", folder=folder, full_nik=True, name="kantor-pusat"
    )
    (book,) = full.files
    assert book.name == "kantor-pusat.xlsx"
    wb = load_workbook(book, read_only=True)
    sheet = list(wb["Pendaftaran"].iter_rows(values_only=True))
    assert sheet[0][:4] == ("tanggal_daftar", "jam", "nomor", "nik")
    assert [r[3] for r in sheet[1:]] == d.niks and sheet[1][8] == "FATIMAH"
    assert len(list(wb["Pembayaran"].iter_rows(values_only=True))) == 4
    wb.close()

    def events(session: Any) -> list[tuple[str, str]]:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor)
            .where(AuditEvent.entity == "export")
            .order_by(AuditEvent.seq)
        )
        return [tuple(r) for r in rows]

    assert ctx.read(events) == [("export.records", "budi"), ("export.full_nik", "siti")]


def test_formula_cells_are_neutralised_in_csv_and_xlsx(ctx: Any, officer: Actor, folder: Path) -> None:
    out = enrolment.enrol_worker(ctx, officer, record_for(0, alamat='=HYPERLINK("http://x","klik")'))
    assert out.status == "enrolled", out.errors
    csv_files = exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="csv", folder=folder).files
    (row,) = _csv(csv_files[0])
    assert row["alamat"].upper() == '\'=HYPERLINK("HTTP://X","KLIK")'
    (book,) = exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="xlsx", folder=folder).files
    wb = load_workbook(book)  # not read-only: formulas would come back as formulas
    ws = wb["Pendaftaran"]
    cells = [c for c in ws[2] if isinstance(c.value, str) and c.value.lstrip("'")[:1] in "=@+-"]
    assert cells and all(c.data_type == "s" and c.value.startswith("'") for c in cells)
    wb.close()


BAD_NAMES = [
    "../keluar",
    "..",
    "a/b",
    "a\\b",
    "/etc/passwd",
    "C:evil",
    "CON",
    "nul.txt",
    "com1",
    ".tersembunyi",
    "a..b",
    "x\n",
    "ab ",
]


def test_export_names_cannot_escape_the_folder(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    inside = tmp_path / "ekspor"
    inside.mkdir()
    for name in BAD_NAMES:
        with pytest.raises(DomainError) as exc:
            exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="csv", folder=inside, name=name)
        assert exc.value.issues[0].code == "export.name", name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor", "loket-home"]
    assert list(inside.iterdir()) == []
    # A symlinked name inside the folder pointing out is not followed either.
    (inside / "tautan-pendaftaran.csv").symlink_to(tmp_path / "luar.csv")
    with pytest.raises(DomainError) as exc:
        exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="csv", folder=inside, name="tautan")
    assert exc.value.issues[0].code == "export.name"
    assert not (tmp_path / "luar.csv").exists()


def test_existing_files_are_not_overwritten_and_ranges_are_checked(
    ctx: Any, officer: Actor, folder: Path
) -> None:
    (folder / "x.xlsx").write_text("milik orang lain")
    with pytest.raises(DomainError) as exc:
        exports.export_records(ctx, officer, start=DAY, end=DAY, fmt="xlsx", folder=folder, name="x")
    assert exc.value.issues[0].code == "export.exists"
    assert (folder / "x.xlsx").read_text() == "milik orang lain"
    with pytest.raises(DomainError) as exc:
        exports.export_records(
            ctx, officer, start=DAY, end=DAY - dt.timedelta(days=1), fmt="csv", folder=folder
        )
    assert exc.value.issues[0].code == "export.range"


def test_cli_export(
    ctx: Any,
    officer: Actor,
    supervisor: Actor,
    clock: FakeClock,
    home: Path,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_day(ctx, officer, supervisor, clock, n=2)
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv", "-o", str(folder)]
    assert cli_main([*args, "--officer", "budi", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["enrolments"], data["payments"], data["full_nik"]) == (2, 2, False)
    monkeypatch.setattr("sys.stdin", io.StringIO(OFFICER_PASSWORD + "\n"))  # budi's own password
    assert cli_main([*args, "--officer", "budi", "--full-nik", "--name", "lengkap"]) == 3
    assert "Akses ditolak: hanya supervisor yang boleh mengekspor NIK lengkap" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("bukan-sandi\n"))
    assert cli_main([*args, "--officer", "siti", "--full-nik", "--name", "lengkap"]) == 3
    assert not list(folder.glob("lengkap*"))
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main([*args, "--officer", "siti", "--full-nik", "--name", "lengkap"]) == 0
    assert {f.stat().st_mode & 0o777 for f in folder.glob("lengkap*")} == {0o600}
