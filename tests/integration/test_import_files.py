"""Reading spreadsheets of every quality: encodings, delimiters, headers, and every kind of broken file.

Every file is made by the test. A broken file raises ImportFileError with a stable code and an
Indonesian message, and the database is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEvent, Member
from app.domain.imports import ImportFileError
from app.domain.intake import FIELDS
from app.services import importing
from app.services.dto import Actor
from tests.import_fixtures import as_cells, ole_container, valid_rows, write_csv, write_xlsx


def db_state(ctx: Any) -> tuple[int, int]:
    return ctx.read(
        lambda s: (
            s.execute(select(func.count()).select_from(Member)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
        )
    )


def refused(ctx: Any, actor: Actor, path: Path, code: str, **kwargs: Any) -> str:
    before = db_state(ctx)
    with pytest.raises(ImportFileError) as exc:
        importing.validate_import(ctx, actor, path, **kwargs)
    with pytest.raises(ImportFileError):
        importing.commit_import(ctx, actor, path, None, "accepted", **kwargs)
    assert db_state(ctx) == before
    assert exc.value.issues[0].code == code, exc.value.issues
    message = exc.value.issues[0].message
    assert (message and not message.isascii()) or " " in message  # a sentence, in Indonesian
    return message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_encodings_and_delimiters(
    ctx: Any, officer: Actor, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    rows = valid_rows(4)
    rows[0]["nama"] = "José Ángel"  # é and Á exist in Windows-1252 and are Latin letters
    rows[1]["penghasilan"] = "1.500.000"  # a ; file from an Indonesian Excel groups thousands with dots
    path = write_csv(tmp_path / "peserta.csv", as_cells(rows), encoding=encoding, delimiter=delimiter)
    info = importing.inspect_file(ctx, path)
    assert (info.kind, info.delimiter, info.ready) == ("csv", delimiter, True)
    assert info.encoding == ("cp1252" if encoding == "cp1252" else encoding)
    assert info.sample_rows[0][1] == "José Ángel"
    seen: list[Any] = []
    report = importing.validate_import(ctx, officer, path, on_row=seen.append)
    assert (report.rows, report.accepted, report.rejected) == (4, 4, 0), report.problems
    assert [o.row for o in seen] == [2, 3, 4, 5] and [o.status for o in seen] == ["valid"] * 4
    assert db_state(ctx) == (0, db_state(ctx)[1])


def test_utf16_tab_text_from_excel(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "unicode.txt", as_cells(valid_rows(3)), encoding="utf-16", delimiter="\t")
    report = importing.validate_import(ctx, officer, path)
    assert (report.rows, report.rejected) == (3, 0)


def test_indonesian_headers_under_a_title_in_xlsx(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    headers = [
        "No",
        "NIK KTP",
        "Nama Lengkap",
        "Tempat Lahir",
        "Tgl Lahir",
        "Jenis Kelamin",
        "Nama Ibu Kandung",
        "No. HP",
        "Alamat",
        "Pekerjaan",
        "Segmen",
        "Penghasilan",
        "Program",
    ]
    keys = [
        None,
        "nik",
        "nama",
        "tempat_lahir",
        "tanggal_lahir",
        "jenis_kelamin",
        "nama_ibu",
        "no_hp",
        "alamat",
        "pekerjaan",
        "segmen",
        "penghasilan",
        "program",
    ]
    rows = [[i + 1, *[r[k] for k in keys[1:]]] for i, r in enumerate(valid_rows(5))]
    path = write_xlsx(tmp_path / "desa.xlsx", rows, headers, above=[["DAFTAR PERANGKAT DESA SUKAMAJU"], []])
    info = importing.inspect_file(ctx, path)
    assert info.header_row == 3 and info.mapping_source == "auto" and info.ready
    assert info.mapping["NIK KTP"] == "nik" and "No" not in info.mapping
    report = importing.validate_import(ctx, officer, path)
    assert (report.rows, report.rejected) == (5, 0)
    assert report.problems == ()


def test_template_round_trip(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = importing.write_template(ctx, tmp_path / "templat.xlsx")
    wb = load_workbook(path)
    ws = wb["Peserta"]
    assert [c.value for c in ws[1]] == list(FIELDS)
    assert ws["A1"].comment is not None and "16 digit" in ws["A1"].comment.text
    assert ws["A2"].value.startswith("16 digit")
    assert ws["A3"].number_format == "@"  # NIK typed here stays text
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"L,P"' in lists.values() and '"BPU,PU,JAKON,PMI"' in lists.values()
    assert any(f.startswith("Daftar!") for f in lists.values())
    assert wb["Daftar"].sheet_state == "hidden"
    # An officer fills rows 3 and 4 and leaves the hints row in place.
    for i, r in enumerate(valid_rows(2), start=3):
        for col, key in enumerate(FIELDS, start=1):
            ws.cell(row=i, column=col, value=r.get(key))
    wb.save(path)
    info = importing.inspect_file(ctx, path)
    assert len(info.sample_rows) == 2 and info.sample_rows[0][0] == valid_rows(1)[0]["nik"]
    report = importing.validate_import(ctx, officer, path)
    assert (report.rows, report.rejected, report.sheet) == (2, 0, "Peserta")


def test_unknown_headers_need_a_mapping_that_is_remembered(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    headers = ["Identitas", "Nama Pegawai", *FIELDS[2:]]
    path = write_xlsx(tmp_path / "pemda.xlsx", as_cells(valid_rows(3), list(FIELDS)), headers)
    info = importing.inspect_file(ctx, path)
    assert not info.ready and [i.code for i in info.issues] == ["mapping.missing"]
    with pytest.raises(ImportFileError) as exc:
        importing.validate_import(ctx, officer, path)
    assert "nik, nama" in exc.value.issues[0].message
    mapping = {"Identitas": "nik", "nama pegawai": "nama"}
    assert importing.inspect_file(ctx, path, mapping=mapping).ready
    result = importing.commit_import(ctx, officer, path, mapping, "accepted")
    assert result.committed and result.enrolled == 3
    again = importing.inspect_file(ctx, path)  # the next file with these headers
    assert again.ready and again.mapping_source == "saved" and again.mapping["Identitas"] == "nik"


def test_wrong_or_missing_sheet(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Catatan"
    wb.active.append(["Daftar dikirim oleh Dinas Sosial"])
    data = wb.create_sheet("Data Pekerja")
    data.append(list(FIELDS))
    for r in as_cells(valid_rows(2)):
        data.append(r)
    path = tmp_path / "dua-lembar.xlsx"
    wb.save(path)
    info = importing.inspect_file(ctx, path)
    assert info.sheets == ("Catatan", "Data Pekerja") and info.sheet == "Data Pekerja"
    message = refused(ctx, officer, path, "file.sheet_missing", sheet="Peserta")
    assert "Catatan, Data Pekerja" in message
    refused(ctx, officer, path, "mapping.missing", sheet="Catatan")


def test_empty_and_header_only_files(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    refused(ctx, officer, empty, "file.empty")
    refused(ctx, officer, write_csv(tmp_path / "judul.csv", []), "file.no_rows")
    refused(ctx, officer, write_xlsx(tmp_path / "judul.xlsx", []), "file.no_rows")
    from openpyxl import Workbook

    blank = tmp_path / "lembar-kosong.xlsx"
    Workbook().save(blank)
    refused(ctx, officer, blank, "file.no_rows")


def test_truncated_and_corrupt_xlsx(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "baik.xlsx", as_cells(valid_rows(50)))
    data = good.read_bytes()
    truncated = tmp_path / "terpotong.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    assert "rusak atau terpotong" in refused(ctx, officer, truncated, "file.corrupt")
    # Damage the compressed worksheet in the middle: the zip directory still reads.
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    corrupt = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 200, start + 260):
        corrupt[i] ^= 0x5A
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(bytes(corrupt))
    refused(ctx, officer, broken, "file.corrupt")
    not_excel = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(not_excel, "w") as zf:
        zf.writestr("readme.txt", "bukan excel")
    refused(ctx, officer, not_excel, "file.not_xlsx")


def test_password_protected_and_legacy_xls(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    locked = tmp_path / "terkunci.xlsx"
    locked.write_bytes(ole_container(["EncryptionInfo", "EncryptedPackage"]))
    assert "kata sandi" in refused(ctx, officer, locked, "file.encrypted")
    legacy = tmp_path / "lama.xlsx"
    legacy.write_bytes(ole_container(["Workbook"]))
    assert ".xls" in refused(ctx, officer, legacy, "file.xls")


def test_binary_junk_and_nul_bytes_with_a_csv_name(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    import random

    junk = tmp_path / "data.csv"
    rng = random.Random(7)
    junk.write_bytes(bytes(rng.randrange(1, 256) for _ in range(50_000)))  # no NUL byte, still junk
    refused(ctx, officer, junk, "file.binary")
    text = write_csv(tmp_path / "nul.csv", as_cells(valid_rows(3))).read_bytes()
    nul = tmp_path / "nul-tengah.csv"
    nul.write_bytes(text[:300] + b"\x00\x00" + text[300:])
    refused(ctx, officer, nul, "file.binary")
    undecodable = tmp_path / "acak.csv"
    undecodable.write_bytes(b"nik,nama\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 10 + b"\n")
    refused(ctx, officer, undecodable, "file.encoding")


def test_a_50_mb_cell(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    header = ",".join(FIELDS).encode()
    big = tmp_path / "besar.csv"
    with big.open("wb") as f:
        f.write(header + b"\n1610014508900003,")
        for _ in range(50):
            f.write(b"A" * (1024 * 1024))
        f.write(b"\n")
    assert "terlalu panjang" in refused(ctx, officer, big, "file.cell_too_large")
    quoted = tmp_path / "besar-dikutip.csv"
    with quoted.open("wb") as f:
        f.write(header + b'\n1610014508900003,"')
        for _ in range(50):
            f.write(b"B" * (1024 * 1023) + b"\n")
        f.write(b'"\n')
    refused(ctx, officer, quoted, "file.cell_too_large")


def test_a_huge_cell_in_xlsx_is_a_row_error(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    rows = as_cells(valid_rows(2))
    rows[1][FIELDS.index("alamat")] = "JL. " + "PANJANG " * 650_000  # ~5 MB in one cell
    path = write_xlsx(tmp_path / "sel-besar.xlsx", rows)
    report = importing.validate_import(ctx, officer, path, report_xlsx=tmp_path / "laporan.xlsx")
    assert (report.rows, report.rejected) == (2, 1)
    assert [c.code for c in report.error_counts] == ["import.cell_too_long"]
    assert (tmp_path / "laporan.xlsx").stat().st_size < 200_000  # the report keeps a cut copy


def test_a_compressed_giant_inline_cell_is_refused_before_it_is_parsed(
    ctx: Any, officer: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a 0.5 MB file whose one inline cell held 500 million characters was parsed whole
    (over 6 GB, minutes): the 10,000-character cap came after parsing. Now nothing parses it."""
    template = write_xlsx(tmp_path / "t.xlsx", [])
    head = _sheet_xml(0, dimension=False).split(b"</sheetData>")[0]  # no <dimension>: openpyxl would size it
    dest = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, src.read(item.filename))
                continue
            with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                fh.write(head + b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
                for _ in range(64):  # 64 MiB of text, a few dozen KB compressed
                    fh.write(b"A" * (1 << 20))
                fh.write(b"</t></is></c></row></sheetData></worksheet>")
    assert dest.stat().st_size < 500_000
    import openpyxl.worksheet._reader as sheet_reader

    def parsed(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the sheet was parsed")

    monkeypatch.setattr(sheet_reader.WorkSheetParser, "parse", parsed)
    monkeypatch.setattr(sheet_reader.WorkSheetParser, "parse_dimensions", parsed)
    message = refused(ctx, officer, dest, "file.cell_too_long")
    assert "10.000 karakter" in message


def _sheet_xml(rows: int, *, dimension: bool) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    dim = f'<dimension ref="A1:R{rows + 1}"/>' if dimension else ""
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{k}</t></is></c>' for i, k in enumerate(FIELDS)
    )
    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, rows + 2)
    )
    return (head + dim + f'<sheetData><row r="1">{cells}</row>{body}</sheetData></worksheet>').encode()


def _replace_sheet(template: Path, dest: Path, xml: bytes) -> Path:
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            out.writestr(item, data)
    return dest


def test_a_million_rows(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    template = write_xlsx(tmp_path / "t.xlsx", [])
    big = _replace_sheet(template, tmp_path / "sejuta.xlsx", _sheet_xml(1_000_000, dimension=True))
    message = refused(ctx, officer, big, "file.too_many_rows")
    assert "1.000.000" in message and "200.000" in message
    csv_path = tmp_path / "sejuta.csv"
    with csv_path.open("w", encoding="utf-8") as f:
        f.write(",".join(FIELDS) + "\n")
        f.write("1610014508900003,SITI\n" * 1_000_000)
    refused(ctx, officer, csv_path, "file.too_many_rows")


def test_row_limit_is_configurable_and_holds_without_a_dimension(
    ctx: Any, officer: Actor, tmp_path: Path
) -> None:
    template = write_xlsx(tmp_path / "t.xlsx", [])
    path = _replace_sheet(template, tmp_path / "tanpa-dimensi.xlsx", _sheet_xml(31, dimension=False))
    assert importing.inspect_file(ctx, path).estimated_rows is None
    message = refused(ctx, officer, path, "file.too_many_rows", row_limit=30)
    assert "paling banyak 30 baris" in message


def test_merged_cells(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR PEKERJA"])
    ws.merge_cells("A1:F1")  # a merged title above the header is fine
    ws.append(list(FIELDS))
    for r in as_cells(valid_rows(4)):
        ws.append(r)
    ws.merge_cells("H4:H5")  # one address for two workers
    path = tmp_path / "gabung.xlsx"
    wb.save(path)
    info = importing.inspect_file(ctx, path)
    assert info.header_row == 2 and [n.code for n in info.notes] == ["file.merged_cells"]
    report = importing.validate_import(ctx, officer, path)
    assert report.rejected == 2
    merged = [o for o in report.problems if any(i.code == "import.merged_cell" for i in o.errors)]
    assert [o.row for o in merged] == [4, 5]
    assert "H4" in merged[0].errors[0].message

    wb = Workbook()
    ws = wb.active
    ws.append(list(FIELDS))
    ws.merge_cells("A1:B1")
    path = tmp_path / "judul-gabung.xlsx"
    wb.save(path)
    refused(ctx, officer, path, "file.header_merged")


def test_formulas_with_and_without_cached_values(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    rows = as_cells(valid_rows(3))
    rows[0][FIELDS.index("nama")] = '=UPPER("siti aminah")'
    rows[1][FIELDS.index("penghasilan")] = "=1000000*2"
    path = write_xlsx(tmp_path / "rumus.xlsx", rows)
    # openpyxl writes formulas without results; give the first one the value Excel would have stored.
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    xml, n = re.subn(
        r'<c r="B2"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
        r'<c r="B2" t="str"><f>\2</f><v>SITI AMINAH</v>',
        xml,
    )
    assert n == 1
    cached = _replace_sheet(path, tmp_path / "rumus-tersimpan.xlsx", xml.encode())
    info = importing.inspect_file(ctx, cached)
    assert [n.code for n in info.notes] == ["file.formulas"] and "2 sel berisi rumus" in info.notes[0].message
    report = importing.validate_import(ctx, officer, cached)
    assert (report.rows, report.rejected) == (3, 1)
    bad = report.problems[0]
    assert (
        bad.row == 3 and bad.errors[0].code == "import.formula_uncalculated" and "M3" in bad.errors[0].message
    )


def test_dates_as_text_and_serial_numbers_and_numeric_nik(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    rows = valid_rows(5)
    born = [dt.date.fromisoformat(r["tanggal_lahir"]) for r in rows]
    rows[0]["tanggal_lahir"] = born[0].strftime("%d/%m/%Y")
    rows[1]["tanggal_lahir"] = (born[1] - dt.date(1899, 12, 30)).days  # an Excel day number in a General cell
    rows[2]["tanggal_lahir"] = dt.datetime.combine(born[2], dt.time())  # a real date cell
    rows[3]["nik"] = int(rows[3]["nik"][:15] + "0")  # typed as a number: Excel dropped the 16th digit
    rows[4]["nik"] = float(rows[4]["nik"][:15] + "0")
    path = write_xlsx(tmp_path / "tanggal.xlsx", as_cells(rows))
    report = importing.validate_import(ctx, officer, path)
    assert report.rejected == 2
    assert [(o.row, [i.code for i in o.errors]) for o in report.problems] == [
        (5, ["nik.numeric"]),
        (6, ["nik.numeric"]),
    ]
    assert "sebagai angka" in report.problems[1].errors[0].message
