"""The member page, one widget on a real SQLite file: the audited view, payments and receipts, voids,
cards printed through QPrinter and decoded, reprints, corrections and deactivation."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.db.models import AuditEvent
from app.domain.member_actions import MemberAction
from app.domain.money import format_rupiah
from app.services import cards, contributions, enrolment
from app.services.records import open_member_record
from app.services.records_dto import DuplicateOverride
from tests.card_helpers import decode_qr
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from ui.context import UiContext
from ui.pages.member import MemberPage
from ui.printing import configure_printer, print_pdf


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def enrol(ui_ctx: UiContext, override: DuplicateOverride | None = None, **overrides: Any) -> str:
    out = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(**overrides), override=override)
    assert out.status == "enrolled" and out.number is not None, out.errors
    return out.number


def audit(ui_ctx: UiContext, action: str) -> list[dict[str, Any]]:
    rows = ui_ctx.ctx.read(
        lambda s: s.execute(select(AuditEvent.details).where(AuditEvent.action == action)).scalars().all()
    )
    return [json.loads(r) if r else {} for r in rows]


def open_page(qtbot: Any, ui: UiContext, number: str) -> MemberPage:
    page = MemberPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        ui.bus.member_requested.emit(number)
    return page


def wait_active(qtbot: Any, window: Any) -> None:
    """Keyboard shortcuts reach only the active window."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def wait_preview(qtbot: Any, page: Any) -> bytes:
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=15_000)
    return bytes(page.preview.pdf)


@pytest.fixture
def sup_ctx(ui_ctx: UiContext, supervisor: Any) -> UiContext:
    return UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner)


def test_opening_a_member_shows_the_full_nik_and_audits_the_view(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    assert page.values["nik"].text() == "1610014508900003"
    assert page.number.text().replace(" ", "") == number
    assert page.name.text() == "SITI AMINAH"
    assert "Muara Kuang" in page.values["nik_region"].text()
    assert page.values["nik"].textFormat() == Qt.TextFormat.PlainText
    assert audit(ui_ctx, "member.view") == [{"via": "gui"}]
    assert page.history_model.rowCount() == 1 and "Didaftarkan" in page.history_model.index(0, 3).data()
    assert page.contrib_chip.isVisible() and "Iuran" in page.contrib_chip.text()
    assert page.deactivate_button.isHidden() and page.void_button.isHidden()  # an officer


def test_a_number_typed_at_the_top_opens_that_member_and_a_wrong_one_says_why(
    qtbot: Any, ui_ctx: UiContext
) -> None:
    number = enrol(ui_ctx)
    page = MemberPage(ui_ctx)
    qtbot.addWidget(page)
    assert page.stack.currentIndex() == 0  # nothing opened yet
    qtbot.keyClicks(page.open_box, number[:-1] + str((int(number[-1]) + 1) % 10))
    qtbot.keyClick(page.open_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "digit pemeriksa" in page.banner.text.text(), timeout=10_000)
    assert page.view is None
    page.open_box.clear()
    qtbot.keyClicks(page.open_box, "1610014508900003")  # a NIK works too
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.open_box, Qt.Key.Key_Return)
    assert page.view is not None and page.view.member.number == number


def test_payment_from_the_member_page_and_its_receipt_total(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    qtbot.keyClick(page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.months)
    dialog.months.setCurrentIndex(dialog.months.findData(3))
    qtbot.waitUntil(lambda: dialog.confirm.isEnabled() and dialog.inputs() == (3, "cash"), timeout=10_000)
    expected = dialog.quote.total
    assert dialog.total.text() == format_rupiah(expected)
    assert dialog.lines.rowCount() == 2  # JKK and JKM
    qtbot.keyClick(dialog.months, Qt.Key.Key_Return)  # Enter without the cash received: asked for
    assert dialog.rows["uang_diterima"].error.isVisible() and dialog.busy is False
    assert contributions.payments_for_member(ui_ctx.ctx, number) == ()
    qtbot.keyClicks(dialog.tender.received, "200.000")
    qtbot.keyClick(dialog.tender.received, Qt.Key.Key_Return)  # the total, received and change shown
    assert f"kembalian {format_rupiah(200_000 - expected)}" in dialog.tender.confirmation.text()
    if os.environ.get("LOKET_SHOTS"):
        dialog.grab().save(os.environ["LOKET_SHOTS"] + "/member_payment_confirm.png")
    assert contributions.payments_for_member(ui_ctx.ctx, number) == ()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # the second Enter records it
    pdf = wait_preview(qtbot, page)
    assert page.dialog is None  # closed before the preview opened: no stacked dialogs
    text = pdf_text(pdf)
    assert format_rupiah(expected) in text
    assert "161001******0003" in text and "1610014508900003" not in text
    payments = contributions.payments_for_member(ui_ctx.ctx, number)
    assert len(payments) == 1 and payments[0].total == expected and len(payments[0].months) == 3
    assert payments[0].receipt_no in text
    qtbot.waitUntil(lambda: page.payments_model.rowCount() == 1, timeout=10_000)
    assert "diterima" in page.banner.text.text()
    assert page.cover.headline.text().startswith("Dilindungi s.d.")


def test_a_transfer_needs_its_reference_before_anything_is_paid(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    page.payment_actions.start_payment()
    dialog = page.dialog
    dialog.method.setCurrentIndex(dialog.method.findData("transfer"))
    qtbot.waitUntil(lambda: dialog.confirm.isEnabled() and dialog.inputs()[1] == "transfer", timeout=10_000)
    dialog.confirm.click()
    assert dialog.rows["reference"].error.isVisible()
    assert contributions.payments_for_member(ui_ctx.ctx, number) == ()
    qtbot.keyClicks(dialog.reference, "TRF-001")
    dialog.confirm.click()  # shows the total to confirm
    assert dialog.tender.confirming and contributions.payments_for_member(ui_ctx.ctx, number) == ()
    dialog.confirm.click()
    wait_preview(qtbot, page)
    assert contributions.payments_for_member(ui_ctx.ctx, number)[0].reference == "TRF-001"


def test_supervisor_voids_a_payment_with_a_reason_and_the_password(
    qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext
) -> None:
    number = enrol(ui_ctx)
    paid = contributions.pay(ui_ctx.ctx, ui_ctx.actor, number, months=1, method="cash")
    page = open_page(qtbot, sup_ctx, number)
    assert not page.void_button.isHidden() and page.void_button.isEnabled()  # the newest row is selected
    page.payment_actions.start_void()
    dialog = page.dialog
    wait_active(qtbot, dialog)
    qtbot.keyClicks(dialog.reason, "Salah input bulan")
    qtbot.keyClicks(dialog.password, "bukan-kata-sandinya")
    dialog.confirm.click()
    qtbot.waitUntil(lambda: dialog.rows["password"].error.isVisible(), timeout=10_000)
    assert contributions.get_payment(ui_ctx.ctx, paid.id).status == "PAID"
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "dibatalkan" in page.banner.text.text(), timeout=10_000)
    voided = contributions.get_payment(ui_ctx.ctx, paid.id)
    assert voided.status == "VOID" and voided.void_reason == "Salah input bulan"
    qtbot.waitUntil(lambda: page.payments_model.index(0, 6).data().startswith("Dibatalkan"), timeout=10_000)
    assert not page.void_button.isEnabled()


def test_card_printed_to_a_pdf_printer_carries_a_qr_that_verifies(
    qtbot: Any, ui_ctx: UiContext, tmp_path: Path
) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    card_pdf = wait_preview(qtbot, page)
    qtbot.waitUntil(lambda: page.cards_model.rowCount() == 1, timeout=10_000)
    assert page.cards_model.index(0, 4).data() == "Berlaku"

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "kartu-dicetak.pdf"
    printer.setOutputFileName(str(out))
    configure_printer(printer, card_pdf)
    assert print_pdf(printer, card_pdf) == 2  # front and back
    printed = out.read_bytes()
    assert abs(float(PdfReader(io.BytesIO(printed)).pages[0].mediabox.width) / 72 * 25.4 - 85.6) < 0.5
    codes = decode_qr(printed)
    assert len(codes) == 1
    check = cards.verify_card_text(ui_ctx.ctx, codes[0].text)
    assert check.valid and check.number == number

    # A second Ctrl+P does not print another card while this one is valid.
    page.preview.close()
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "masih berlaku" in page.banner.text.text()
    assert len(cards.member_cards(ui_ctx.ctx, number)) == 1


def test_reprint_with_the_supervisor_at_the_counter(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    first = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = open_page(qtbot, ui_ctx, number)
    assert not page.issue_button.isEnabled() and page.reprint_button.isEnabled()
    page.card_actions.start_reprint()
    dialog = page.dialog
    dialog.reason.setCurrentIndex(dialog.reason.findData("rusak"))
    qtbot.keyClicks(dialog.approver, "siti")
    qtbot.keyClicks(dialog.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    pdf = wait_preview(qtbot, page)
    assert len(decode_qr(pdf)) == 1
    qtbot.waitUntil(lambda: page.cards_model.rowCount() == 2, timeout=10_000)
    statuses = {c.serial: c.status for c in cards.member_cards(ui_ctx.ctx, number)}
    assert statuses[first.card.serial] == "revoked" and list(statuses.values()).count("issued") == 1


def test_reprint_request_waits_when_no_supervisor_is_present(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = open_page(qtbot, ui_ctx, number)
    page.card_actions.start_reprint()
    dialog = page.dialog
    wait_active(qtbot, dialog)
    qtbot.keyClicks(dialog.note, "Laporan polisi 12/XI")
    qtbot.keyClick(dialog.request_button, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "menunggu persetujuan" in page.banner.text.text(), timeout=10_000)
    [request] = cards.pending_reprints(ui_ctx.ctx)
    assert request.number == number and request.note == "Laporan polisi 12/XI"
    qtbot.waitUntil(lambda: not page.reprint_note.isHidden(), timeout=10_000)
    assert not page.reprint_button.isEnabled()


def test_registration_receipt_shows_the_masked_nik(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    page.reg_a5.click()
    text = pdf_text(wait_preview(qtbot, page))
    assert "161001******0003" in text and "1610014508900003" not in text
    assert len(audit(ui_ctx, "receipt.print")) == 1


def test_officer_proposes_a_correction_of_only_what_changed(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    wait_active(qtbot, dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editors["nik"])
    dialog.editors["nama"].selectAll()
    qtbot.keyClicks(dialog.editors["nama"], "Siti Aminah Binti Umar")
    dialog.confirm.click()
    assert "alasan" in dialog.rows["reason"].error.text().lower()  # nothing sent without a reason
    qtbot.keyClicks(dialog.reason, "Salah ketik, sesuai KTP")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "diajukan" in page.banner.text.text(), timeout=10_000)
    record = open_member_record(ui_ctx.ctx, ui_ctx.actor, number)
    [c] = record.pending_corrections
    assert [(ch.field, ch.old_value, ch.new_value) for ch in c.changes] == [
        ("nama", "SITI AMINAH", "SITI AMINAH BINTI UMAR")
    ]
    assert record.member.nama == "SITI AMINAH"  # until a supervisor approves
    qtbot.waitUntil(lambda: page.pending_box.isVisible(), timeout=10_000)
    assert "BINTI UMAR" in page.pending.text()


def test_correction_errors_show_at_the_field_and_keep_what_was_typed(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    page = open_page(qtbot, ui_ctx, number)
    page.start_correction()
    dialog = page.dialog
    dialog.editors["nik"].selectAll()
    qtbot.keyClicks(dialog.editors["nik"], "1610013102900003")  # 31 February
    qtbot.keyClicks(dialog.reason, "Salah ketik NIK")
    dialog.confirm.click()
    qtbot.waitUntil(lambda: dialog.rows["nik"].error.isVisible(), timeout=10_000)
    assert dialog.isVisible() and dialog.editors["nik"].text() == "1610013102900003"
    assert open_member_record(ui_ctx.ctx, ui_ctx.actor, number).pending_corrections == ()


def test_supervisor_merges_a_duplicate_and_the_page_points_to_the_survivor(
    qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext
) -> None:
    survivor = enrol(ui_ctx)
    allowed = DuplicateOverride(sup_ctx.actor, "Diperiksa nanti di kantor")  # saved twice, as happens
    duplicate = enrol(ui_ctx, allowed, nik="1610014508900004", nama="Siti Aminnah")
    page = open_page(qtbot, sup_ctx, duplicate)
    assert not page.deactivate_button.isHidden()
    page.start_deactivation()
    dialog = page.dialog
    wait_active(qtbot, dialog)
    dialog.choices["merged"].click()
    qtbot.keyClicks(dialog.into, survivor)
    qtbot.keyClicks(dialog.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.record_banner.action.isVisible(), timeout=10_000)
    assert "digabung" in page.record_banner.text.text()
    assert not page.pay_button.isEnabled() and not page.card_button.isEnabled()
    # The page shows the core's verdict and its reason; it does not work one out.
    assert page.view is not None and page.view.actions.of(MemberAction.PAY).code == "member.merged"
    assert "digabung" in page.pay_button.toolTip() and "digabung" in page.correct_button.toolTip()
    assert not page.correct_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000) as opened:
        page.record_banner.action.click()
    assert opened.args[0].member.number == survivor
    assert duplicate.replace(" ", "") in page.record_banner.text.text().replace(" ", "")


def test_an_officer_cannot_void_even_by_calling_the_page(qtbot: Any, ui_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    contributions.pay(ui_ctx.ctx, ui_ctx.actor, number, months=1, method="cash")
    page = open_page(qtbot, ui_ctx, number)
    page.payment_actions.start_void()
    page.start_deactivation()
    assert page.dialog is None
