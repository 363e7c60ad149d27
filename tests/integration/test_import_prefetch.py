"""A big XLSX is read in a helper process: the same outcome as reading it in place, its errors as
they would be in place, nothing left running after a cancel, a changed file refused."""

from __future__ import annotations

import multiprocessing
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.domain.progress import CancelFlag, Cancelled
from app.infra import row_prefetch
from app.infra.row_prefetch import FileChangedError, RowPrefetch
from app.infra.tabular import UnreadableFileError, open_table
from app.services import importing
from app.services.dto import Actor
from tests.import_fixtures import as_cells, valid_rows, write_xlsx

ROWS = 2_600  # over PREFETCH_MIN_BYTES as written by openpyxl


@pytest.fixture(scope="module")
def big_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = valid_rows(ROWS, seed=19)
    records[5]["nik"] = "1234"  # one bad row, so the outcome has both kinds
    path = write_xlsx(tmp_path_factory.mktemp("prefetch") / "besar.xlsx", as_cells(records))
    assert path.stat().st_size >= row_prefetch.PREFETCH_MIN_BYTES
    return path


def _no_helpers() -> bool:
    return not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_the_helper_reads_every_row_as_reading_in_place_does(big_xlsx: Path) -> None:
    reader = open_table(big_xlsx)
    try:
        in_place = list(reader.rows(None))
    finally:
        reader.close()
    prefetch = RowPrefetch.start(big_xlsx)
    assert prefetch is not None
    try:
        helped = list(prefetch.rows(None, row_prefetch._sha256(big_xlsx)))
    finally:
        prefetch.close()
    assert helped == in_place and len(helped) == ROWS + 1
    assert _no_helpers()


def test_a_dry_run_through_the_helper_says_what_one_in_place_says(
    ctx: Any, officer: Actor, big_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = importing.validate_import(ctx, officer, big_xlsx)
    monkeypatch.setattr(row_prefetch, "PREFETCH_MIN_BYTES", 10**12)  # everything in place
    in_place = importing.validate_import(ctx, officer, big_xlsx)
    assert (helped.rows, helped.accepted, helped.error_counts) == (
        in_place.rows,
        in_place.accepted,
        in_place.error_counts,
    )
    assert helped.rows == ROWS and helped.accepted == ROWS - 1
    assert helped.problems == in_place.problems  # the same rows, the same messages
    assert _no_helpers()


def test_a_cancel_stops_the_helper(ctx: Any, officer: Actor, big_xlsx: Path) -> None:
    flag = CancelFlag()

    def progress(done: int, total: int, message: str = "") -> None:
        if done > 0:
            flag.cancel()

    with pytest.raises(Cancelled):
        importing.commit_import(ctx, officer, big_xlsx, None, "accepted", None, progress, flag)
    assert _no_helpers()


def test_rows_from_a_file_replaced_meanwhile_are_refused(big_xlsx: Path) -> None:
    prefetch = RowPrefetch.start(big_xlsx)
    assert prefetch is not None
    try:
        with pytest.raises(FileChangedError):
            next(prefetch.rows(None, "0" * 64))  # the caller hashed other bytes than the helper read
    finally:
        prefetch.close()
    assert _no_helpers()


def test_a_file_broken_half_way_fails_in_the_helper_as_it_would_in_place(
    big_xlsx: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "rusak.xlsx"
    data = bytearray(big_xlsx.read_bytes())
    with zipfile.ZipFile(big_xlsx) as zf:
        sheet = next(i for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra)
    for i in range(start + sheet.compress_size * 3 // 4, start + sheet.compress_size * 3 // 4 + 64):
        data[i] ^= 0x5A  # a scrambled stretch three quarters into the sheet
    broken.write_bytes(bytes(data))
    prefetch = RowPrefetch(broken)  # started whatever the size, as for a big file
    try:
        with pytest.raises(UnreadableFileError) as exc:
            for _ in prefetch.rows(None, row_prefetch._sha256(broken)):
                pass
    finally:
        prefetch.close()
    assert exc.value.issue.code == "file.corrupt"
    assert "rusak" in exc.value.issue.message
    assert _no_helpers()


def test_small_files_and_csv_are_read_in_place(tmp_path: Path) -> None:
    small = write_xlsx(tmp_path / "kecil.xlsx", as_cells(valid_rows(5)))
    text = tmp_path / "daftar.csv"
    text.write_text("nik,nama\n" + "1610014508900003,SITI\n" * 20_000, encoding="utf-8")
    assert RowPrefetch.start(small) is None
    assert RowPrefetch.start(text) is None
    assert RowPrefetch.start(tmp_path / "tidak-ada.xlsx") is None  # the caller says it is missing
