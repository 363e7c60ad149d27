"""The intake page, one widget, driven with real keystrokes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from app.db.models import Member
from app.services import enrolment
from tests.conftest import bpu_record
from ui.pages.intake import IntakePage


def make_page(qtbot: Any, ui_ctx: Any) -> IntakePage:
    page = IntakePage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def error_text(page: IntakePage, key: str) -> str:
    label = page.findChild(QLabel, f"error_{key}")
    assert label is not None
    return label.text() if label.isVisible() else ""


def focused() -> Any:
    return QApplication.focusWidget()


def members(ui_ctx: Any) -> int:
    return ui_ctx.ctx.read(lambda s: s.execute(select(func.count(Member.id))).scalar_one())


def test_typing_the_16th_nik_digit_fills_birth_date_gender_and_region(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nik, "161001450890000")
    assert page.tanggal_lahir.text() == ""
    qtbot.keyClicks(page.nik, "3")
    assert page.tanggal_lahir.text() == "05-08-1990"
    assert page.jenis_kelamin.currentData() == "P"
    derived = page.findChild(QLabel, "nikDerived")
    assert "Muara Kuang" in derived.text() and "Kabupaten Ogan Ilir" in derived.text()
    assert page.kode_wilayah.findData("16.10.01.2005") > 0  # villages of the NIK's district offered


def test_an_invalid_nik_shows_its_message_under_the_field(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nik, "1610013102900003")  # 31 February
    qtbot.keyClick(page.nik, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "bukan tanggal yang benar" in error_text(page, "nik"))
    assert page.nik.property("invalid") is True
    page.nik.clear()
    qtbot.keyClicks(page.nik, "1610014508900003")
    qtbot.waitUntil(lambda: error_text(page, "nik") == "")


def test_enter_walks_the_form_skipping_fields_filled_from_the_nik(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    page.nik.setFocus()
    qtbot.keyClicks(page.nik, "1610014508900003")
    qtbot.keyClick(page.nik, Qt.Key.Key_Return)
    assert focused() is page.nama
    qtbot.keyClicks(page.nama, "Siti Aminah")
    qtbot.keyClick(page.nama, Qt.Key.Key_Return)
    assert focused() is page.tempat_lahir
    qtbot.keyClick(page.tempat_lahir, Qt.Key.Key_Return)
    assert focused() is page.nama_ibu  # birth date and gender came from the NIK


def test_ctrl_s_saves_and_shows_the_number(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    page.nik.setFocus()
    rec = bpu_record()
    for widget, text in (
        (page.nik, rec["nik"]),
        (page.nama, rec["nama"]),
        (page.tempat_lahir, rec["tempat_lahir"]),
        (page.nama_ibu, rec["nama_ibu"]),
        (page.no_hp, rec["no_hp"]),
        (page.alamat, rec["alamat"]),
        (page.penghasilan, "1500000"),
    ):
        qtbot.keyClicks(widget, text)
    with qtbot.waitSignal(page.enrolled, timeout=10_000) as blocker:
        qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    member = blocker.args[0]
    assert page.success.isVisible()
    assert page.success_number.text().replace(" ", "") == member.number
    assert member.nama == "SITI AMINAH" and member.current.income == 1_500_000
    assert members(ui_ctx) == 1
    # Ctrl+N starts the next worker with a clean form and the cursor in the NIK field.
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not page.success.isVisible() and page.nik.text() == "" and focused() is page.nik
    assert page.pekerjaan.currentData() == "P001"


def test_save_with_missing_fields_marks_them_and_writes_nothing(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nik, "1610014508900003")
    page.save()
    assert "wajib diisi" in error_text(page, "nama")
    assert "wajib diisi" in error_text(page, "alamat")
    assert page.banner.isVisible()
    assert members(ui_ctx) == 0


def test_duplicate_nik_is_caught_before_saving(qtbot: Any, ui_ctx: Any) -> None:
    existing = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record())
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nik, "1610014508900003")
    qtbot.waitUntil(lambda: page.banner.isVisible() and "sudah terdaftar" in page.banner.text.text())
    assert existing.number[:3] in page.banner.text.text().replace(" ", "")
    page.save()
    assert members(ui_ctx) == 1


def test_mismatch_needs_the_confirmation_box(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    rec = bpu_record()
    qtbot.keyClicks(page.nik, rec["nik"])
    page.jenis_kelamin.setCurrentIndex(page.jenis_kelamin.findData("L"))
    for widget, text in (
        (page.nama, "Siti"),
        (page.tempat_lahir, "Palembang"),
        (page.nama_ibu, "Ibu"),
        (page.alamat, "Jl. A"),
        (page.penghasilan, "1000000"),
    ):
        qtbot.keyClicks(widget, text)
    page.save()
    assert page.confirm_mismatch.isVisible()
    assert "berbeda dengan NIK" in error_text(page, "jenis_kelamin")
    assert members(ui_ctx) == 0
    page.confirm_mismatch.setChecked(True)
    with qtbot.waitSignal(page.enrolled, timeout=10_000):
        page.save()
    assert members(ui_ctx) == 1


def test_markup_in_a_name_is_shown_literally(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nama, "<b>Siti</b>")
    qtbot.keyClick(page.nama, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "hanya boleh berisi huruf" in error_text(page, "nama"))
    label = page.findChild(QLabel, "error_nama")
    assert "/ < >" in label.text() and label.textFormat() == Qt.TextFormat.PlainText
