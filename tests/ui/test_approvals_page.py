"""The approvals page: an officer proposes a correction on the member page, a supervisor approves it
here; corrections rejected with a note; card reprint requests approved (a new card to print) or rejected."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import cards, corrections, enrolment
from app.services.records import open_member_record
from tests.card_helpers import decode_qr
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages.approvals import ApprovalsPage
from ui.pages.member import MemberPage


@pytest.fixture
def sup_ctx(ui_ctx: UiContext, supervisor: Any) -> UiContext:
    return UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner)


def enrol(ui_ctx: UiContext, **overrides: Any) -> str:
    out = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(**overrides))
    assert out.number is not None, out.errors
    return out.number


def approvals(qtbot: Any, ui: UiContext) -> ApprovalsPage:
    page = ApprovalsPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitSignal(page.refreshed, timeout=10_000), qtbot.waitActive(page):
        page.show()  # a page refreshes whenever it is shown
        page.activateWindow()
    page.focus_first()
    return page


def test_officer_proposes_on_the_member_page_and_the_supervisor_approves_here(
    qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext
) -> None:
    number = enrol(ui_ctx)
    member_page = MemberPage(ui_ctx)
    qtbot.addWidget(member_page)
    with qtbot.waitSignal(member_page.loaded, timeout=10_000):
        ui_ctx.bus.member_requested.emit(number)
    member_page.start_correction()
    dialog = member_page.dialog
    dialog.editors["nama_ibu"].setText("Fatimah Zahra")
    dialog.reason.setText("Sesuai KK terbaru")
    dialog.confirm.click()
    qtbot.waitUntil(lambda: "diajukan" in member_page.banner.text.text(), timeout=10_000)

    page = approvals(qtbot, sup_ctx)
    assert page.corrections_model.rowCount() == 1
    assert "(1)" in page.tabs.tabText(0)
    assert QApplication.focusWidget() is page.corrections_table
    assert page.corrections_model.index(0, 0).data() == "#1"  # the short number, not the stored key
    assert page.correction_title.text().startswith("Koreksi #1 ·")
    change = page.changes_model.rows()[0]
    assert (change.field, change.old_value, change.new_value) == ("nama_ibu", "FATIMAH", "FATIMAH ZAHRA")
    assert page.changes_model.index(0, 1).data() == "FATIMAH"  # old and new side by side
    assert page.changes_model.index(0, 2).data() == "FATIMAH ZAHRA"
    assert "Sesuai KK terbaru" in page.correction_reason.text() and "budi" in page.correction_reason.text()

    # Keyboard: Tab from the table to the password, a wrong one first, then Enter approves.
    qtbot.keyClick(page.corrections_table, Qt.Key.Key_Tab)
    d = page.correction_decision
    assert QApplication.focusWidget() is d.password
    qtbot.keyClicks(d.password, "salah")
    qtbot.keyClick(d.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.password_row.error.isVisible(), timeout=10_000)
    assert open_member_record(ui_ctx.ctx, ui_ctx.actor, number).member.nama_ibu == "FATIMAH"
    d.password.clear()
    qtbot.keyClicks(d.password, SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(sup_ctx.bus.member_changed, timeout=10_000) as changed:
        qtbot.keyClick(d.password, Qt.Key.Key_Return)
    assert changed.args == [number]
    qtbot.waitUntil(lambda: page.corrections_model.rowCount() == 0, timeout=10_000)
    assert "disetujui" in page.banner.text.text()
    record = open_member_record(ui_ctx.ctx, ui_ctx.actor, number)
    assert record.member.nama_ibu == "FATIMAH ZAHRA" and record.pending_corrections == ()
    assert any(h.action == "member.correction.approve" for h in record.history)


def test_a_rejection_needs_a_note(qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    c = corrections.propose_correction(
        ui_ctx.ctx, ui_ctx.actor, number, {"tempat_lahir": "Palembang"}, "Salah ketik"
    )
    page = approvals(qtbot, sup_ctx)
    d = page.correction_decision
    d.reject.click()
    assert d.note_row.error.isVisible()
    qtbot.keyClicks(d.note, "Tidak ada dokumen pendukung")
    qtbot.keyClick(d.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ditolak" in page.banner.text.text(), timeout=10_000)
    [rejected] = corrections.list_corrections(ui_ctx.ctx, ui_ctx.actor, status="REJECTED")
    assert rejected.id == c.id and rejected.decision_note == "Tidak ada dokumen pendukung"


def test_a_supervisor_cannot_approve_their_own_proposal(
    qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext
) -> None:
    number = enrol(ui_ctx)
    corrections.propose_correction(
        sup_ctx.ctx, sup_ctx.actor, number, {"tempat_lahir": "Palembang"}, "Salah ketik"
    )
    page = approvals(qtbot, sup_ctx)
    d = page.correction_decision
    qtbot.keyClicks(d.password, SUPERVISOR_PASSWORD)
    d.approve.click()
    qtbot.waitUntil(lambda: d.password_row.error.isVisible(), timeout=10_000)
    assert "supervisor lain" in d.password_row.error.text()
    assert page.corrections_model.rowCount() == 1


def test_a_reprint_request_approved_here_gives_a_new_card_to_print(
    qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext
) -> None:
    number = enrol(ui_ctx)
    old = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    cards.request_reprint(ui_ctx.ctx, ui_ctx.actor, number, reason="hilang", note="Hilang di pasar")
    page = approvals(qtbot, sup_ctx)
    page.tabs.setCurrentIndex(1)
    assert page.reprints_model.rowCount() == 1
    assert "Hilang di pasar" in page.reprint_detail.text() and old.card.serial in page.reprint_detail.text()
    request = page.reprints_model.rows()[0]  # the name comes with the request (no look-up per row)
    assert (
        page.reprints_model.index(0, 0).data() == "#1"
        and page.reprints_model.index(0, 2).data() == request.nama
    )
    assert (
        request.nama
        and page.reprint_title.text()
        == f"Permintaan #1 · {request.nama} · " + (page.reprint_title.text().split(" · ")[-1])
    )
    d = page.reprint_decision
    qtbot.keyClicks(d.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(d.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=15_000)
    [code] = decode_qr(page.preview.pdf)
    check = cards.verify_card_text(ui_ctx.ctx, code.text)
    assert check.valid and check.number == number and check.serial != old.card.serial
    statuses = {c.serial: c.status for c in cards.member_cards(ui_ctx.ctx, number)}
    assert statuses[old.card.serial] == "revoked"
    qtbot.waitUntil(lambda: page.reprints_model.rowCount() == 0, timeout=10_000)


def test_a_reprint_request_rejected_with_a_note(qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext) -> None:
    number = enrol(ui_ctx)
    cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    cards.request_reprint(ui_ctx.ctx, ui_ctx.actor, number, reason="rusak")
    page = approvals(qtbot, sup_ctx)
    page.tabs.setCurrentIndex(1)
    d = page.reprint_decision
    qtbot.keyClicks(d.note, "Kartu masih bisa dipakai")
    d.reject.click()
    qtbot.waitUntil(lambda: page.reprints_model.rowCount() == 0, timeout=10_000)
    assert cards.pending_reprints(ui_ctx.ctx) == []
    assert [c.status for c in cards.member_cards(ui_ctx.ctx, number)] == ["issued"]


def test_only_supervisors_get_the_page(qtbot: Any, ui_ctx: UiContext, sup_ctx: UiContext) -> None:
    for ui, expected in ((ui_ctx, False), (sup_ctx, True)):
        window = MainWindow(ui)
        qtbot.addWidget(window)
        assert ("ApprovalsPage" in window.pages) is expected
        names = list(window.pages)
        assert names.index("SearchPage") == names.index("IntakePage") + 1
        assert names.index("MemberPage") == names.index("SearchPage") + 1
        window.close()
