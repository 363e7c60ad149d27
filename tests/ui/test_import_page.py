"""The import wizard, driven with real keystrokes on real spreadsheets made by the tests."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from sqlalchemy import func, select

from app.db.import_models import ImportBatch
from app.db.models import AuditEvent, Member
from app.domain.intake import FIELDS
from app.domain.membership import MembershipNumber, make_number
from app.services import enrolment, importing
from tests.conftest import bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv, write_xlsx
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages import importer as importer_page
from ui.pages.importer import CHECK, COMMIT, FILE, MAPPING, PREVIEW, RESULT, ImportPage

WAIT = 30_000


def combo_for(step: Any, header: str) -> QComboBox:
    """The mapping step's combo box for the column headed ``header``."""
    return next(c for _letter, h, c in step.combos if h == header)


def make_page(qtbot: Any, ui: UiContext) -> ImportPage:
    page = ImportPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def reactivate(qtbot: Any, page: ImportPage) -> None:
    """The page's window active again after a preview dialog closed."""
    if not page.isActiveWindow():
        with qtbot.waitActive(page):
            page.activateWindow()


def db_state(ui: UiContext) -> tuple[int, int, int]:
    def work(s: Any) -> tuple[int, int, int]:
        return (
            s.execute(select(func.count()).select_from(Member)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
            s.execute(select(func.count()).select_from(ImportBatch)).scalar_one(),
        )

    return ui.ctx.read(work)


def enter(qtbot: Any, page: ImportPage) -> None:
    """Enter where the keyboard is (it bubbles up to the page's primary action)."""
    widget = QApplication.focusWidget() or page
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_path(qtbot: Any, page: ImportPage, path: Path) -> None:
    edit = page.file_step.path_edit
    assert QApplication.focusWidget() is edit  # step 1 starts in the path field
    qtbot.keyClicks(edit, str(path))


def wait_step(qtbot: Any, page: ImportPage, step: int) -> None:
    qtbot.waitUntil(lambda: page.step == step and not page.busy, timeout=WAIT)


def mixed_rows() -> list[dict[str, Any]]:
    """Ten workers: seven clean, one bad name, one JP for BPU, one NIK twice in the file."""
    rows = valid_rows(10, seed=11)
    rows[2]["nama"] = "Budi <b>Santoso</b>"  # markup in a name: refused, and never rendered
    rows[5]["program"] = "JKK,JKM,JP"  # JP is not for BPU
    rows[8]["nik"] = rows[7]["nik"]
    rows[8]["tanggal_lahir"], rows[8]["jenis_kelamin"] = rows[7]["tanggal_lahir"], rows[7]["jenis_kelamin"]
    return rows


def test_file_to_report_on_a_mixed_xlsx(qtbot: Any, ui_ctx: UiContext, tmp_path: Path) -> None:
    enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record())  # already a member: serial 1 taken
    rows = mixed_rows()
    rows[9] = bpu_record(no_hp=None)  # the same worker again: refused as already enrolled
    path = write_xlsx(tmp_path / "pemkab-ogan-ilir.xlsx", as_cells(rows), title="Data Pekerja")
    page = make_page(qtbot, ui_ctx)
    before = db_state(ui_ctx)

    # 1 → 2: the preview says what was read, with the first rows.
    type_path(qtbot, page, path)
    enter(qtbot, page)
    wait_step(qtbot, page, PREVIEW)
    facts = page.preview_step.facts
    assert facts["kind"].text() == "Excel (XLSX)" and facts["sheet"].text() == "Data Pekerja"
    assert facts["header"].text() == "baris 1" and "saat pemeriksaan" in facts["rows"].text()  # no dimension
    assert facts["source"].text() == "dikenali dari judul kolom"
    table = page.preview_step.table
    assert table.rowCount() == 10 and table.columnCount() == len(FIELDS)
    assert table.item(2, 1).text() == "Budi <b>Santoso</b>"  # literally, as typed
    assert not page.preview_step.issues.isVisible()

    # 2 → 3: every column is already mapped; 3 → 4 runs the dry run.
    enter(qtbot, page)
    wait_step(qtbot, page, MAPPING)
    assert page.mapping_step.ok() and combo_for(page.mapping_step, "nik").currentData() == "nik"
    assert page.mapping_step.required_labels["nik"].text() == "✓ NIK — kolom A"
    enter(qtbot, page)
    wait_step(qtbot, page, CHECK)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT)
    report = page.report
    assert report is not None and (report.rows, report.accepted, report.rejected) == (10, 5, 5)
    tiles = page.check_step.panel.tiles
    assert tiles["valid"].value.text() == "5" and tiles["rejected"].value.text() == "5"
    assert tiles["duplicates"].value.text() == "3"  # two rows with one NIK, one already enrolled
    codes = page.check_step.panel.codes
    found = {codes.item(r, 1).text() for r in range(codes.rowCount())}
    assert {"nama.chars", "import.duplicate_in_file", "nik.duplicate"} <= found
    problems = page.check_step.panel.problems
    top = [problems.item(0, c).text() for c in range(problems.columnCount())]
    assert top[0] == "4" and top[2] == "Ditolak" and top[3] == "Nama lengkap"
    assert all("*" in problems.item(r, 1).text() for r in range(problems.rowCount()))  # NIK masked
    assert "Belum ada yang disimpan" in page.check_step.summary.text()
    assert db_state(ui_ctx) == before

    # The dry-run reports: every row with an error column, and the PDF summary in the preview.
    page.reports.save_xlsx_report_to(tmp_path / "laporan-periksa.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "laporan-periksa.xlsx").exists(), timeout=WAIT)
    ws = load_workbook(tmp_path / "laporan-periksa.xlsx", read_only=True).active
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    ws.parent.close()
    assert sheet[0][:4] == ["Baris", "Status", "Nomor peserta", "Kesalahan"] and len(sheet) == 11
    assert sheet[3][1] == "ditolak" and "nama.chars" in sheet[3][3] and sheet[1][1] == "lolos"
    page.check_step.pdf_button.click()
    qtbot.waitUntil(lambda: page.reports.preview is not None, timeout=WAIT)
    text = PdfReader(io.BytesIO(page.reports.preview.pdf)).pages[0].extract_text()
    assert "pemkab-ogan-ilir.xlsx" in text and "DRY RUN" in text
    page.reports.preview.reject()
    qtbot.waitUntil(lambda: page.reports.preview is None)

    # 4 → 5: the mode must be chosen explicitly, and the report confirmed.
    reactivate(qtbot, page)
    page.primary.setFocus()
    enter(qtbot, page)
    wait_step(qtbot, page, COMMIT)
    commit = page.commit_step
    assert commit.mode() is None and QApplication.focusWidget() is commit.mode_all
    enter(qtbot, page)
    assert commit.mode_error.isVisible() and "Pilih mode" in commit.mode_error.text()
    assert commit.confirm_error.isVisible() and page.step == COMMIT and db_state(ui_ctx) == before
    commit.mode_accepted.setFocus()
    qtbot.keyClick(commit.mode_accepted, Qt.Key.Key_Space)
    assert commit.mode() == "accepted" and "Akan disimpan: 5 peserta" in commit.summary.text()
    commit.confirm.setFocus()
    qtbot.keyClick(commit.confirm, Qt.Key.Key_Space)
    enter(qtbot, page)
    wait_step(qtbot, page, RESULT)

    # The result: the contiguous number range, the batch, the report again.
    result = page.result
    assert result is not None and result.committed and result.enrolled == 5
    first, last = make_number("101", 2).value, make_number("101", 6).value  # serial 1 was the counter's
    assert (result.first_number, result.last_number) == (first, last)
    numbers = page.result_step.numbers.text()
    assert (
        numbers
        == f"Nomor peserta {MembershipNumber(first).grouped()} s.d. {MembershipNumber(last).grouped()}"
    )
    assert f"Batch impor #{result.batch_id}" in page.result_step.batch.text()
    assert page.result_step.panel.tiles["valid"].value.text() == "5"
    assert page.result_step.panel.tiles["valid"].label.text() == "Terdaftar"
    assert db_state(ui_ctx)[0] == before[0] + 5 and db_state(ui_ctx)[2] == 1
    assert not page.back_button.isVisible()  # a committed import is not committed twice
    page.reports.save_xlsx_report_to(tmp_path / "laporan-hasil", "result")
    qtbot.waitUntil(lambda: (tmp_path / "laporan-hasil.xlsx").exists(), timeout=WAIT)
    ws = load_workbook(tmp_path / "laporan-hasil.xlsx", read_only=True).active
    done = [list(r) for r in ws.iter_rows(values_only=True)]
    ws.parent.close()
    assert done[1][1] == "terdaftar" and done[1][2] == first
    page.result_step.pdf_button.click()
    qtbot.waitUntil(lambda: page.reports.preview is not None, timeout=WAIT)
    assert "TERSIMPAN" in PdfReader(io.BytesIO(page.reports.preview.pdf)).pages[0].extract_text()
    page.reports.preview.reject()
    qtbot.waitUntil(lambda: page.reports.preview is None)

    # Enter starts the next import with an empty form.
    reactivate(qtbot, page)
    page.primary.setFocus()
    enter(qtbot, page)
    assert page.step == FILE and page.file_step.path_edit.text() == "" and page.report is None


def test_headers_that_differ_go_through_the_mapping_step(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path
) -> None:
    headers = ["Identitas", "Nama Pegawai", *FIELDS[2:], "Catatan Dinas"]
    cells = [[*r, "ok"] for r in as_cells(valid_rows(3, seed=3))]
    path = write_xlsx(tmp_path / "dinas.xlsx", cells, headers, above=[["Daftar pekerja rentan 2026"]])
    page = make_page(qtbot, ui_ctx)
    type_path(qtbot, page, path)
    enter(qtbot, page)
    wait_step(qtbot, page, PREVIEW)
    assert page.preview_step.facts["header"].text() == "baris 2"  # under the title row
    issues = page.preview_step.issues.text()
    assert "NIK, Nama lengkap" in issues and "--map" not in issues
    enter(qtbot, page)
    wait_step(qtbot, page, MAPPING)
    m = page.mapping_step
    assert not m.ok() and not page.primary.isEnabled()
    assert "Belum dipetakan: NIK, Nama lengkap." in m.error.text()
    identitas = combo_for(m, "Identitas")
    assert QApplication.focusWidget() is identitas  # the first column still to map
    qtbot.keyClicks(identitas, "nik")  # a closed combo box selects by typing
    assert identitas.currentData() == "nik"
    nama = combo_for(m, "Nama Pegawai")
    nama.setFocus()
    nama.setCurrentIndex(nama.findData("nik"))  # a mistake: NIK twice
    assert not m.ok() and "NIK dipilih untuk beberapa kolom (A, B)" in m.error.text()
    assert identitas.property("invalid") is True
    nama.setCurrentIndex(nama.findData("nama"))
    assert m.ok() and page.primary.isEnabled() and combo_for(m, "Catatan Dinas").currentData() is None
    assert m.save.isChecked()
    enter(qtbot, page)
    wait_step(qtbot, page, CHECK)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT)
    assert page.report is not None and page.report.accepted == 3
    # The next file with these headers is mapped without asking, as the officer mapped it.
    again = importing.inspect_file(ui_ctx.ctx, path)
    assert again.ready and again.mapping_source == "saved"
    assert {c.header: c.key for c in again.columns} == {
        **{h: k for h, k in zip(headers, ["nik", "nama", *FIELDS[2:]], strict=False)},
        "Catatan Dinas": None,
    }


def test_cancel_during_commit_leaves_the_member_count_unchanged(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path, monkeypatch: Any
) -> None:
    path = write_xlsx(tmp_path / "desa.xlsx", as_cells(valid_rows(40, seed=5)))
    reached, gate = threading.Event(), threading.Event()
    real = importing.commit_import

    def held(*args: Any, progress: Any, cancel: Any, **kwargs: Any) -> Any:
        def sink(done: int, total: int, message: str = "") -> None:
            progress(done, total, message)
            if message.startswith("Menyimpan"):  # every row written, the transaction still open
                reached.set()
                gate.wait(20)

        return real(*args, progress=sink, cancel=cancel, **kwargs)

    monkeypatch.setattr(importer_page.importing, "commit_import", held)
    page = make_page(qtbot, ui_ctx)
    before = db_state(ui_ctx)
    page.read_file(str(path))
    wait_step(qtbot, page, PREVIEW)
    page.forward()
    page.forward()
    wait_step(qtbot, page, CHECK)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT)
    page.forward()
    assert page.step == COMMIT
    page.commit_step.mode_all.setChecked(True)
    page.commit_step.confirm.setChecked(True)
    page.forward()
    qtbot.waitUntil(reached.is_set, timeout=WAIT)
    assert page.busy and not page.primary.isEnabled() and not page.back_button.isEnabled()
    button = page.runs.task.dialog.findChild(QPushButton)  # type: ignore[union-attr]
    assert button.text() == "Batalkan"
    button.click()
    gate.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.step == COMMIT and page.result is None
    banner = page.banner.text.text()
    assert "dibatalkan" in banner and "Tidak ada peserta dari berkas ini yang tersimpan" in banner
    assert f"{before[0]} sebelum, {before[0]} sesudah" in banner
    assert db_state(ui_ctx) == before
    # Nothing half done: the same import then goes through.
    monkeypatch.setattr(importer_page.importing, "commit_import", real)
    page.forward()
    wait_step(qtbot, page, RESULT)
    assert page.result is not None and page.result.enrolled == 40


def test_a_broken_file_shows_its_message_and_changes_nothing(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path
) -> None:
    good = write_xlsx(tmp_path / "baik.xlsx", as_cells(valid_rows(30)))
    broken = tmp_path / "terpotong.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    page = make_page(qtbot, ui_ctx)
    before = db_state(ui_ctx)
    enter(qtbot, page)
    assert "Pilih berkas" in page.file_step.path_row.error.text()  # nothing typed yet
    type_path(qtbot, page, broken)
    enter(qtbot, page)
    qtbot.waitUntil(lambda: not page.busy and page.banner.isVisible(), timeout=WAIT)
    assert page.step == FILE and page.info is None
    assert "tidak dapat diimpor" in page.banner.text.text()
    assert "rusak atau terpotong" in page.file_step.path_row.error.text()
    assert QApplication.focusWidget() is page.file_step.path_edit  # the officer fixes the path
    assert db_state(ui_ctx) == before
    page.file_step.path_edit.clear()
    qtbot.keyClicks(page.file_step.path_edit, str(good))
    enter(qtbot, page)
    wait_step(qtbot, page, PREVIEW)
    assert not page.banner.isVisible()

    # Headers only: readable, previewed, and refused by the dry run back on step 1.
    page.reset()
    page.read_file(str(write_csv(tmp_path / "judul-saja.csv", [])))
    wait_step(qtbot, page, PREVIEW)
    assert page.preview_step.table.rowCount() == 0
    page.forward()
    page.forward()
    qtbot.waitUntil(lambda: page.step == FILE and not page.busy, timeout=WAIT)
    assert "Tidak ada baris data" in page.file_step.path_row.error.text()
    assert page.report is None and db_state(ui_ctx) == before


def test_a_windows_csv_with_semicolons_is_previewed_as_read(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path
) -> None:
    rows = valid_rows(3, seed=4)
    rows[0]["alamat"] = "Jl. Kenanga No. 5, Désa Suka Maju"  # é: a Windows-1252 byte
    path = write_csv(tmp_path / "desa.csv", as_cells(rows), encoding="cp1252", delimiter=";")
    page = make_page(qtbot, ui_ctx)
    page.read_file(str(path))
    wait_step(qtbot, page, PREVIEW)
    facts = page.preview_step.facts
    assert facts["kind"].text() == "Teks berpemisah (CSV)"
    assert (
        facts["encoding"].text() == "Windows-1252 (ANSI)" and facts["delimiter"].text() == "titik koma ( ; )"
    )
    assert facts["sheet"].text() == "— (CSV)" and facts["rows"].text() == "± 3 baris"
    assert not page.file_step.sheet_combo.isEnabled()
    alamat = FIELDS.index("alamat")
    assert page.preview_step.table.item(0, alamat).text() == "Jl. Kenanga No. 5, Désa Suka Maju"
    nik = page.preview_step.table.item(0, 0).text()
    assert nik == rows[0]["nik"][:6] + "******" + rows[0]["nik"][12:]  # masked outside intake and detail


def test_template_sponsor_and_keyboard_navigation(qtbot: Any, ui_ctx: UiContext, tmp_path: Path) -> None:
    page = make_page(qtbot, ui_ctx)
    page.write_template_to(tmp_path / "templat")
    # The file appears before the page hears back from its worker: wait for the banner itself.
    qtbot.waitUntil(lambda: "Templat disimpan" in page.banner.text.text(), timeout=WAIT)
    assert (tmp_path / "templat.xlsx").exists()
    wb = load_workbook(tmp_path / "templat.xlsx")
    template = wb["Peserta"]
    assert [c.value for c in template[1]][: len(FIELDS)] == list(FIELDS)
    for i, r in enumerate(as_cells(valid_rows(4, seed=9)), start=3):  # under the hints row
        for col, value in enumerate(r, start=1):
            template.cell(row=i, column=col, value=value)
    wb.save(tmp_path / "isi.xlsx")

    page.read_file(str(tmp_path / "isi.xlsx"))
    wait_step(qtbot, page, PREVIEW)
    assert page.preview_step.table.rowCount() == 4  # the hints row is not data
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.step == MAPPING
    qtbot.keyClick(page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.step == PREVIEW
    qtbot.keyClick(page, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    wait_step(qtbot, page, CHECK)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT)
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.step == COMMIT
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.step == COMMIT  # "next" never saves

    c = page.commit_step
    c.mode_all.setChecked(True)
    c.confirm.setChecked(True)
    c.sponsor_check.setChecked(True)
    c.sponsor_name.setFocus()
    qtbot.keyClicks(c.sponsor_name, "Pe")
    enter(qtbot, page)
    assert "3–100 karakter" in c.name_row.error.text() and page.step == COMMIT
    qtbot.keyClicks(c.sponsor_name, "mkab Ogan Ilir")
    assert not c.name_row.error.isVisible()
    c.sponsor_months.setCurrentIndex(c.sponsor_months.findData(6))
    assert "Didanai Pemkab Ogan Ilir, 6 bulan." in c.summary.text()
    enter(qtbot, page)
    wait_step(qtbot, page, RESULT)
    assert page.result is not None and page.result.enrolled == 4
    qtbot.waitUntil(lambda: page.reports.sponsor_batch is not None, timeout=WAIT)
    sponsor = page.result_step.sponsor.text()
    assert "Didanai Pemkab Ogan Ilir" in sponsor and "(6 bulan)" in sponsor and "4 peserta" in sponsor
    assert page.reports.sponsor_batch.receipt_no in sponsor  # type: ignore[union-attr]
    page.result_step.sponsor_receipt_button.click()
    qtbot.waitUntil(lambda: page.reports.preview is not None, timeout=WAIT)
    assert "Pemkab Ogan Ilir" in PdfReader(io.BytesIO(page.reports.preview.pdf)).pages[0].extract_text()
    page.reports.preview.reject()
    qtbot.waitUntil(lambda: page.reports.preview is None)


def test_mode_all_with_rejected_rows_writes_nothing_and_says_why(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "campur.xlsx", as_cells(mixed_rows()))
    page = make_page(qtbot, ui_ctx)
    before = db_state(ui_ctx)
    page.read_file(str(path))
    wait_step(qtbot, page, PREVIEW)
    page.forward()
    page.forward()
    qtbot.waitUntil(lambda: page.report is not None and not page.busy, timeout=WAIT)
    page.forward()
    c = page.commit_step
    c.mode_all.setChecked(True)
    assert "impor akan ditolak seluruhnya" in c.mode_all_hint.text()
    assert "Akan ditolak seluruhnya" in c.summary.text()
    c.confirm.setChecked(True)
    page.forward()
    wait_step(qtbot, page, RESULT)
    assert page.result is not None and not page.result.committed
    assert page.result_step.title.text() == "Tidak ada yang disimpan"
    reason = page.result_step.reason.text()
    assert "4 baris ditolak" in reason and "“Hanya baris yang lolos”" in reason and "accepted" not in reason
    assert db_state(ui_ctx) == before
    assert page.back_button.isVisible() and page.primary.isEnabled()  # back, or start over
    page.back()
    assert page.step == COMMIT
    c.mode_accepted.setChecked(True)
    page.forward()
    wait_step(qtbot, page, RESULT)
    assert page.result is not None and page.result.committed and page.result.enrolled == 6


def test_the_page_is_in_the_window_for_officers(qtbot: Any, ui_ctx: UiContext) -> None:
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    names = list(window.pages)
    assert names.index("ImportPage") == names.index("CardsPage") + 1  # with the daily work, before admin
    page = window.pages["ImportPage"]
    assert page.nav_label == "Impor Massal" and page.shortcut == "F12"  # type: ignore[attr-defined]
