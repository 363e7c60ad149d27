"""The supervisor's settings page: counter settings, card alignment, backups, database probe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.infra.settings import load_settings
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage
from ui.printing import configure_printer, print_pdf


def sup_page(qtbot: Any, ui_ctx: Any, supervisor: Any) -> SettingsPage:
    page = SettingsPage(UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner))
    qtbot.addWidget(page)
    page.resize(1160, 690)
    page.show()
    return page


def test_officers_do_not_get_the_settings_page(qtbot: Any, ui_ctx: Any) -> None:
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert "SettingsPage" not in window.pages and "IntakePage" in window.pages


def test_counter_settings_are_saved(qtbot: Any, ui_ctx: Any, supervisor: Any) -> None:
    page = sup_page(qtbot, ui_ctx, supervisor)
    page.branch_tab.idle_minutes.setValue(3)
    page.branch_tab.counter_name.setText("LOKET-DEPAN")
    page.branch_tab.save_counter.click()
    s = load_settings(ui_ctx.ctx.paths)
    assert (s.idle_lock_minutes, s.counter_name) == (3, "LOKET-DEPAN")


def test_alignment_page_prints_card_sized_with_offsets(
    qtbot: Any, ui_ctx: Any, supervisor: Any, tmp_path: Path
) -> None:
    tab = sup_page(qtbot, ui_ctx, supervisor).printer_tab
    tab.offset_x.setValue(1.5)
    tab.offset_y.setValue(-0.5)
    tab.save_printer.click()
    assert load_settings(ui_ctx.ctx.paths).card_offset_x_mm == 1.5
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "align.pdf"))
    pdf = tab.alignment_pdf()  # printed as the preview dialog prints it, with the offsets on screen
    configure_printer(printer, pdf)
    assert print_pdf(printer, pdf, offset_mm=(tab.offset_x.value(), tab.offset_y.value())) == 1
    box = PdfReader(tmp_path / "align.pdf").pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - 85.6) < 0.5
    assert (
        "UJI PENJAJARAN" in PdfReader(__import__("io").BytesIO(tab.alignment_pdf())).pages[0].extract_text()
    )


def test_backup_now_and_listed(qtbot: Any, ui_ctx: Any, supervisor: Any) -> None:
    page = sup_page(qtbot, ui_ctx, supervisor)
    page.backup_tab.backup_button.click()
    qtbot.waitUntil(lambda: page.backup_tab.backups.count() >= 1, timeout=20_000)
    assert "Cadangan dibuat" in page.banner.text.text()


def test_database_probe_of_a_new_sqlite_file(
    qtbot: Any, ui_ctx: Any, supervisor: Any, tmp_path: Path
) -> None:
    db = sup_page(qtbot, ui_ctx, supervisor).database_tab
    db.db_url.setText(str(tmp_path / "baru.sqlite3"))
    db.db_test.click()
    qtbot.waitUntil(
        lambda: "Tersambung" in db.db_result.text() or "Tidak" in db.db_result.text(), timeout=20_000
    )
    assert "kosong" in db.db_result.text()


def test_coverage_targets_are_set_from_the_settings_page(qtbot: Any, ui_ctx: Any, supervisor: Any) -> None:
    from app.services import dashboard

    page = sup_page(qtbot, ui_ctx, supervisor)
    page.branch_tab.targets_button.click()
    dialog = page.branch_tab.targets_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.regency.setText("16.10")
    dialog.workers.setText("250.000")
    dialog.baseline.setText("34")
    dialog.target.setText("50")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    (t,) = dashboard.coverage_targets(ui_ctx.ctx)
    assert (t.regency_code, t.workers, t.baseline_bp, t.target_bp) == ("16.10", 250_000, 3400, 5000)


def test_the_window_makes_the_days_backup_keeps_fourteen_and_settings_shows_the_last(
    qtbot: Any, ui_ctx: Any, supervisor: Any
) -> None:
    from app.services import backup
    from ui.daily_backup import start_daily_backup

    folder = backup.backup_folder(ui_ctx.ctx)
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(1, 16):  # fifteen older daily backups
        (folder / f"{backup.AUTO_PREFIX}2026-10-{day:02d}.sqlite3").write_bytes(b"old")
    page = sup_page(qtbot, ui_ctx, supervisor)
    qtbot.waitUntil(lambda: page.backup_tab.last_backup.text() != "", timeout=10_000)
    start_daily_backup(ui_ctx)  # what the window does after login
    today = folder / f"{backup.AUTO_PREFIX}2026-11-23.sqlite3"
    qtbot.waitUntil(lambda: today.exists() and not ui_ctx.runner.busy, timeout=20_000)
    daily = sorted(folder.glob(f"{backup.AUTO_PREFIX}*.sqlite3"))
    assert len(daily) == 14 and daily[-1] == today and daily[0].name.endswith("2026-10-03.sqlite3")
    start_daily_backup(ui_ctx)  # a second login the same day makes nothing more
    qtbot.waitUntil(lambda: not ui_ctx.runner.busy, timeout=20_000)
    assert len(list(folder.glob(f"{backup.AUTO_PREFIX}*.sqlite3"))) == 14
    page.backup_tab.refresh_backups()
    qtbot.waitUntil(lambda: today.name in page.backup_tab.last_backup.text(), timeout=10_000)
    assert page.backup_tab.last_backup.text().startswith("Cadangan terakhir:")
