"""The intake page, one widget, driven with real keystrokes."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import func, select

from app.db.models import Member
from app.services import cards, contributions, enrolment, records
from tests.card_helpers import decode_qr, pdf_text
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, bpu_record
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


# --- live quote, payment, card and receipts, likely duplicates ---------------------------------------


def fill_walk_in(qtbot: Any, page: IntakePage, **overrides: Any) -> None:
    rec = bpu_record(**overrides)
    page.nik.setFocus()
    for widget, text in (
        (page.nik, rec["nik"]),
        (page.nama, rec["nama"]),
        (page.tempat_lahir, rec["tempat_lahir"]),
        (page.nama_ibu, rec["nama_ibu"]),
        (page.no_hp, rec["no_hp"]),
        (page.alamat, rec["alamat"]),
        (page.penghasilan, str(rec["penghasilan"])),
    ):
        widget.setFocus()
        qtbot.keyClicks(widget, text)


def quote_total(page: IntakePage) -> str:
    label = page.findChild(QLabel, "quoteTotal")
    return label.text() if label.isVisibleTo(page) else ""


def test_live_quote_follows_income_programmes_funding_and_months(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: page.quote.book is not None)
    assert "penghasilan" in page.quote_panel.notes.text()
    qtbot.keyClicks(page.penghasilan, "1000000")
    # 23 Nov 2026 is inside PP 50/2025's months: JKK Rp10.000 and JKM Rp6.800 are halved.
    qtbot.waitUntil(lambda: quote_total(page) == "Rp8.400")
    assert page.findChild(QLabel, "quoteAmount_JKK").text() == "Rp10.000"
    assert page.findChild(QLabel, "quoteDiscount_JKK").text().strip() == "Potongan 50% (PP 50/2025)"
    assert page.findChild(QLabel, "quoteAmount_JKM").text() == "Rp6.800"
    assert "Nov 2026" in page.quote_panel.period.text()
    page.programmes["JHT"].setChecked(True)  # JHT 2% is never discounted
    qtbot.waitUntil(lambda: quote_total(page) == "Rp28.400")
    page.programmes["JHT"].setChecked(False)
    page.bulan_bayar.setCurrentIndex(page.bulan_bayar.findData("3"))
    # Nov and Dec 2026 discounted, Jan 2027 at the full Rp16.800: what the service charges.
    expected = contributions.quote_for_record(ui_ctx.ctx, bpu_record(), months=3)
    assert expected.total == 8_400 + 8_400 + 16_800
    qtbot.waitUntil(lambda: quote_total(page) == "Rp33.600")
    assert "Nov 2026 – Jan 2027" in page.quote_panel.period.text()
    page.sumber_dana.setCurrentIndex(page.sumber_dana.findData("APBD"))  # no discount for the budget
    qtbot.waitUntil(lambda: quote_total(page) == "Rp50.400")
    assert "potongan tidak berlaku" in page.quote_panel.notes.text()
    page.bulan_bayar.setCurrentIndex(page.bulan_bayar.findData("0"))
    qtbot.waitUntil(lambda: "belum membayar" in page.quote_panel.title.text())
    assert "Rp16.800" in page.quote_panel.period.text() and quote_total(page) == ""
    page.bulan_bayar.setCurrentIndex(page.bulan_bayar.findData("1"))
    page.penghasilan.clear()
    qtbot.keyClicks(page.penghasilan, "satu juta")
    qtbot.waitUntil(lambda: "bilangan bulat" in page.quote_panel.notes.text())


def saved_page(qtbot: Any, ui_ctx: Any, months: str = "3") -> IntakePage:
    page = make_page(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: page.quote.book is not None)
    fill_walk_in(qtbot, page)
    page.bulan_bayar.setCurrentIndex(page.bulan_bayar.findData(months))
    with qtbot.waitSignal(page.enrolled, timeout=10_000):
        qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return page


def test_payment_after_saving_needs_a_reference_for_transfer(qtbot: Any, ui_ctx: Any) -> None:
    page = saved_page(qtbot, ui_ctx)
    panel = page.payment_panel
    assert panel.isVisible() and focused() is panel.tender.received  # cash: the amount received first
    assert panel.amount.text() == "Rp33.600" and panel.title.text() == "Bayar 3 bulan"
    assert not panel.rows["referensi"].isVisible()  # cash: no reference asked
    panel.method.setCurrentIndex(panel.method.findData("transfer"))
    assert panel.rows["referensi"].isVisible()
    qtbot.keyClick(page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "wajib" in error_text(panel, "referensi") and focused() is panel.reference
    assert not panel.tender.row.isVisible()  # no amount received for a transfer
    qtbot.keyClicks(panel.reference, "TRX 0042")
    qtbot.keyClick(panel.reference, Qt.Key.Key_Return)  # first Enter: the total shown to confirm
    assert "Total Rp33.600" in panel.tender.confirmation.text() and focused() is panel.pay_button
    assert contributions.payments_for_member(ui_ctx.ctx, page.payment_panel.number or "") == ()
    with qtbot.waitSignal(panel.paid, timeout=10_000) as paid:
        qtbot.keyClick(panel.pay_button, Qt.Key.Key_Return)
    payment = paid.args[0]
    assert payment.total == 33_600 and payment.method == "transfer" and payment.reference == "TRX 0042"
    assert [str(m) for m in payment.months] == ["2026-11", "2026-12", "2027-01"]
    assert payment.receipt_no in panel.done.text() and "Lunas 3 bulan" in panel.title.text()
    assert focused() is page.print_button
    stored = contributions.payments_for_member(ui_ctx.ctx, payment.member_number)
    assert [p.receipt_no for p in stored] == [payment.receipt_no]


def test_apbd_money_is_priced_without_the_discount_the_core_says_it_loses(qtbot: Any, ui_ctx: Any) -> None:
    page = saved_page(qtbot, ui_ctx)
    panel = page.payment_panel
    options = panel.options
    assert options is not None and [m.code for m in options.methods if m.discount_withheld] == ["apbd"]
    panel.method.setCurrentIndex(panel.method.findData("apbd"))
    apbd = options.quote_for("apbd")
    assert apbd is not None and apbd.total == 3 * 16_800  # the full rate: no PP 50/2025 discount
    assert panel.amount.text().startswith("Rp50.400") and "APBD" in panel.amount.text()
    assert panel.rows["referensi"].isVisible()  # the core says APBD money needs its SP2D number
    panel.method.setCurrentIndex(panel.method.findData("transfer"))
    assert panel.amount.text() == "Rp33.600"


def test_cash_asks_the_amount_received_shows_the_change_and_records_on_the_second_enter(
    qtbot: Any, ui_ctx: Any
) -> None:
    page = saved_page(qtbot, ui_ctx)
    panel = page.payment_panel
    number = panel.number or ""
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Return)  # nothing typed: asked, nothing recorded
    assert "Isi uang yang diterima" in panel.tender.row.error.text()
    qtbot.keyClicks(panel.tender.received, "30.000")
    assert panel.tender.change.text() == "Kurang Rp3.600"
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Return)
    assert "kurang Rp3.600" in panel.tender.row.error.text()
    panel.tender.received.clear()
    qtbot.keyClicks(panel.tender.received, "50.000")
    assert panel.tender.change.text() == "Kembalian: Rp16.400"
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Return)
    # The total (the panel's amount), the cash received (the field) and the change are on screen.
    assert panel.amount.text() == "Rp33.600" and panel.tender.received.text() == "50.000"
    assert "Kembalian Rp16.400" in panel.tender.confirmation.text()
    assert focused() is panel.pay_button and panel.pay_button.text().startswith("Ya, catat")
    if os.environ.get("LOKET_SHOTS"):
        page.window().grab().save(os.environ["LOKET_SHOTS"] + "/intake_cash_confirm.png")
    assert contributions.payments_for_member(ui_ctx.ctx, number) == ()  # one Enter records nothing
    # Editing the amount withdraws the confirmation: the next Enter reviews again.
    panel.tender.received.setFocus()
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_0)
    assert not panel.tender.confirming and not panel.tender.confirmation.isVisible()
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Return)
    assert panel.tender.confirming
    with qtbot.waitSignal(panel.paid, timeout=10_000) as paid:
        qtbot.keyClick(panel.pay_button, Qt.Key.Key_Return)
    payment = paid.args[0]
    assert (payment.total, payment.cash_received, payment.change) == (33_600, 50_000, 16_400)
    assert "kembalian Rp16.400" in panel.done.text()
    assert len(contributions.payments_for_member(ui_ctx.ctx, number)) == 1


def pay_cash(qtbot: Any, page: IntakePage, received: str = "50000") -> Any:
    panel = page.payment_panel
    qtbot.keyClicks(panel.tender.received, received)
    qtbot.keyClick(panel.tender.received, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.paid, timeout=10_000) as paid:
        qtbot.keyClick(panel.pay_button, Qt.Key.Key_Return)
    return paid.args[0]


def close_preview(qtbot: Any, page: IntakePage) -> Any:
    job = page.after.print_job
    qtbot.waitUntil(lambda: job.dialog is not None, timeout=20_000)
    dialog = job.dialog
    assert dialog.isVisible()
    pdf = dialog.pdf
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: job.dialog is not dialog)
    return dialog.property("document"), pdf


def test_ctrl_p_issues_the_card_then_shows_the_receipts_one_at_a_time(qtbot: Any, ui_ctx: Any) -> None:
    page = saved_page(qtbot, ui_ctx)
    pay_cash(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    kind, card = close_preview(qtbot, page)
    assert kind == "card"
    issued = page.after.print_job.issued
    assert issued is not None
    codes = decode_qr(card)  # rendered at 300 dpi with pdftoppm, as a print shop would
    assert [c.text for c in codes] == [issued.face.qr_text]
    verdict = cards.verify_card_text(ui_ctx.ctx, codes[0].text)
    assert verdict.valid and verdict.number == issued.card.number
    kind, receipts = close_preview(qtbot, page)
    assert kind == "registration+payment"
    text = pdf_text(receipts)
    assert "TTP-101-" in text and "TBI-101-2026-000001" in text and "Rp33.600" in text
    assert "1610014508900003" not in text  # masked NIK only
    qtbot.waitUntil(lambda: not page.after.print_job.busy)
    assert page.focusWidget() is page.next_button  # focus comes back there with the window
    assert page.after.print_job.shown == ["card", "registration+payment"]
    # Nothing was printed (the previews were closed): Ctrl+P shows the same card, never a second one.
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    kind, again = close_preview(qtbot, page)
    assert kind == "card" and again == card
    close_preview(qtbot, page)
    assert [c.serial for c in cards.member_cards(ui_ctx.ctx, issued.card.number)] == [issued.card.serial]
    qtbot.waitUntil(lambda: not page.after.print_job.busy)
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.nik and not page.print_button.isVisible()


def test_likely_duplicate_is_shown_side_by_side_and_saved_only_with_a_supervisor(
    qtbot: Any, ui_ctx: Any
) -> None:
    first = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record())
    page = make_page(qtbot, ui_ctx)
    # The same woman, the NIK mistyped in its serial, the name spelt a little differently.
    fill_walk_in(qtbot, page, nik="1610014508900007", nama="Sitti Aminah")
    qtbot.waitUntil(lambda: page.duplicate_banner.isVisible(), timeout=10_000)
    assert first.number[:3] in page.duplicate_banner.text.text().replace(" ", "")
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    panel = page.duplicate_panel
    qtbot.waitUntil(lambda: page.left_stack.currentWidget() is panel, timeout=10_000)
    assert members(ui_ctx) == 1  # the service refused it: member.likely_duplicate
    assert "Belum disimpan" in page.banner.text.text()
    table = panel.table
    header = table.horizontalHeaderItem(1).text()
    assert header.startswith("101 0000 001 3")
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert table.item(rows.index("NIK"), 0).text() == "1610014508900007"
    assert table.item(rows.index("NIK"), 1).text() == "1610014508900003"
    assert table.item(rows.index("Nama ibu kandung"), 1).toolTip() == "Sama dengan formulir"
    assert focused() is panel.back_button
    qtbot.keyClick(panel.back_button, Qt.Key.Key_Escape)  # back to the form, nothing lost
    assert page.left_stack.currentIndex() == 0 and page.nama.text() == "Sitti Aminah"
    qtbot.keyClick(page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.left_stack.currentWidget() is panel

    def override(username: str, password: str, reason: str) -> None:
        for edit, text in ((panel.supervisor, username), (panel.password, password), (panel.reason, reason)):
            edit.clear()
            qtbot.keyClicks(edit, text)
        qtbot.keyClick(panel.reason, Qt.Key.Key_Return)

    override("siti", "salah", "Orang berbeda, sudah dicek KK")
    qtbot.waitUntil(lambda: "salah" in error_text(panel, "password"), timeout=10_000)
    override("budi", OFFICER_PASSWORD, "Orang berbeda, sudah dicek KK")
    qtbot.waitUntil(lambda: "bukan supervisor" in error_text(panel, "supervisor"), timeout=10_000)
    override("siti", SUPERVISOR_PASSWORD, "ok")
    qtbot.waitUntil(lambda: "minimal 5" in error_text(panel, "reason"), timeout=10_000)
    assert members(ui_ctx) == 1
    with qtbot.waitSignal(page.enrolled, timeout=10_000) as saved:
        override("siti", SUPERVISOR_PASSWORD, "Orang berbeda, sudah dicek KK")
    assert members(ui_ctx) == 2 and page.left_stack.currentIndex() == 0 and page.success.isVisible()
    history = records.member_history(ui_ctx.ctx, ui_ctx.actor, saved.args[0].number)
    assert [h.action for h in history] == ["member.enrol", "member.duplicate_override"]


def test_a_closed_day_is_said_before_anything_is_typed_and_nothing_saves(
    qtbot: Any, ui_ctx: Any, supervisor: Any
) -> None:
    from app.services import day
    from tests.day_fixtures import DAY

    day.close_day(ui_ctx.ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, verify_chain=False)
    page = make_page(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: page.day_banner.isVisible(), timeout=10_000)
    text = page.day_banner.text.text()
    assert "sudah ditutup oleh siti" in text and "membuka kembali" in text
    assert not page.save_button.isEnabled()
    fill_walk_in(qtbot, page)
    assert not page.save_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # refused, nothing sent
    assert not page._saving and members(ui_ctx) == 0
    if os.environ.get("LOKET_SHOTS"):
        page.grab().save(os.environ["LOKET_SHOTS"] + "/intake_day_closed.png")

    day.reopen_day(
        ui_ctx.ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, reason="Tanda bukti sore belum masuk"
    )
    ui_ctx.bus.day_changed.emit()  # Tutup Hari says so after reopening
    qtbot.waitUntil(lambda: not page.day_banner.isVisible(), timeout=10_000)
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.enrolled, timeout=10_000):
        qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_side_column_fits_after_saving_nothing_is_cut(qtbot: Any, ui_ctx: Any) -> None:
    """The saved number, the quote and the payment panel fit the 350 px column (no text cut at the
    right edge: the column never scrolls sideways)."""
    page = saved_page(qtbot, ui_ctx, months="1")
    page.resize(1166, 700)
    side = page.findChild(QWidget, "intakeSideScroll")
    panel = page.findChild(QWidget, "intakeSide")
    qtbot.waitUntil(lambda: panel.findChild(QWidget, "paymentPanel").isVisible(), timeout=10_000)
    assert panel.minimumSizeHint().width() <= side.viewport().width()
    for child in panel.findChildren(QWidget):
        if child.isVisible():
            assert child.minimumSizeHint().width() <= side.viewport().width(), child.objectName()
