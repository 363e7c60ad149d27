"""The card printing page: A4 sheets with progress and cancel, spoiled prints, reprint requests."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from app.db.cards_models import Card
from app.services import cards
from tests.card_helpers import decode_qr, enrol, page_sizes_mm
from ui.context import UiContext
from ui.pages import cards as cards_page
from ui.pages.cards import CardsPage


def make_page(qtbot: Any, ui: UiContext) -> CardsPage:
    page = CardsPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def card_rows(ui: UiContext) -> int:
    return ui.ctx.read(lambda s: s.execute(select(func.count(Card.id))).scalar_one())


def record_progress(monkeypatch: Any, seen: list[tuple[int, int]], gate: Any = None) -> threading.Event:
    """Wrap the service so the test sees every progress report (and can hold the worker at the first)."""
    real = cards.print_card_sheet
    reached = threading.Event()

    def wrapped(*args: Any, progress: Any, cancel: Any, **kwargs: Any) -> Any:
        def sink(done: int, total: int, message: str = "") -> None:
            seen.append((done, total))
            progress(done, total, message)
            reached.set()
            if gate is not None:
                gate.wait(10)

        return real(*args, progress=sink, cancel=cancel, **kwargs)

    monkeypatch.setattr(cards_page.cards, "print_card_sheet", wrapped)
    return reached


def test_a_sheet_for_the_days_enrolments_with_progress_preview_and_save(
    qtbot: Any, ui_ctx: UiContext, monkeypatch: Any, tmp_path: Path
) -> None:
    numbers = enrol(ui_ctx.ctx, ui_ctx.actor, 12)
    held = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, numbers[0])  # already holds a valid card
    seen: list[tuple[int, int]] = []
    record_progress(monkeypatch, seen)
    page = make_page(qtbot, ui_ctx)
    assert page.by_date.isChecked() and page.date.date().toPython().isoformat() == "2026-11-23"
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30_000)
    assert seen[-1] == (11, 11) and [d for d, _t in seen[:11]] == list(range(1, 12))
    sheet = page.sheet
    assert sheet is not None and sheet.pdf is not None and len(sheet.cards) == 11
    assert "11 kartu dicatat, 2 lembar A4" in page.result_label.text()
    assert page.skipped.rowCount() == 1 and page.skipped.item(0, 0).text() == numbers[0]
    assert held.card.serial in page.skipped.item(0, 1).text()
    assert page.preview.pdf == sheet.pdf
    assert [round(w) for w, _h in page_sizes_mm(sheet.pdf)] == [210] * 4  # two A4 sheets, both sides
    codes = decode_qr(sheet.pdf, page=1)
    assert len(codes) == 10
    assert all(cards.verify_card_text(ui_ctx.ctx, c.text).valid for c in codes[:2])
    qtbot.keyClick(page.preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.preview is None)
    page.save_sheet_to(tmp_path / "lembar")
    assert (tmp_path / "lembar.pdf").read_bytes() == sheet.pdf
    assert card_rows(ui_ctx) == 12


def test_cancel_stops_the_sheet_and_records_no_card(qtbot: Any, ui_ctx: UiContext, monkeypatch: Any) -> None:
    enrol(ui_ctx.ctx, ui_ctx.actor, 3)
    gate = threading.Event()
    seen: list[tuple[int, int]] = []
    reached = record_progress(monkeypatch, seen, gate)
    page = make_page(qtbot, ui_ctx)
    page.make_button.click()
    qtbot.waitUntil(reached.is_set, timeout=20_000)  # the worker is inside the sheet, at card 1
    button = page.task.dialog.findChild(QPushButton)
    assert button.text() == "Batalkan"
    button.click()
    gate.set()
    qtbot.waitUntil(lambda: "Dibatalkan" in page.banner.text.text(), timeout=20_000)
    assert page.sheet is None and page.preview is None and page.make_button.isEnabled()
    assert card_rows(ui_ctx) == 0


def test_a_sheet_for_listed_numbers_skips_unknown_ones(qtbot: Any, ui_ctx: UiContext) -> None:
    numbers = enrol(ui_ctx.ctx, ui_ctx.actor, 2)
    page = make_page(qtbot, ui_ctx)
    page.numbers.setFocus()
    qtbot.keyClicks(page.numbers, f"{numbers[1]}, 10100000099")
    assert page.by_numbers.isChecked()
    page.make_sheet()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30_000)
    assert [c.number for c in page.sheet.cards] == [numbers[1]]
    assert page.skipped.item(0, 0).text() == "10100000099"
    page.preview.reject()
    qtbot.waitUntil(lambda: page.preview is None)
    page.numbers.clear()
    page.make_sheet()
    assert "minimal satu nomor" in page.numbers_error.text()


def test_spoil_a_serial_with_a_reason(qtbot: Any, ui_ctx: UiContext) -> None:
    (number,) = enrol(ui_ctx.ctx, ui_ctx.actor)
    issued = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = make_page(qtbot, ui_ctx)
    page.spoil_serial.setFocus()
    qtbot.keyClicks(page.spoil_serial, issued.card.serial)
    qtbot.keyClick(page.spoil_serial, Qt.Key.Key_Return)
    qtbot.keyClick(page.spoil_reason, Qt.Key.Key_Return)  # no reason yet
    qtbot.waitUntil(lambda: page.spoil_rows["reason"].error.text() != "", timeout=10_000)
    assert "alasan" in page.spoil_rows["reason"].error.text().lower()
    qtbot.keyClicks(page.spoil_reason, "printer macet")
    with qtbot.waitSignal(ui_ctx.bus.member_changed, timeout=10_000):
        qtbot.keyClick(page.spoil_reason, Qt.Key.Key_Return)
    assert "rusak cetak" in page.banner.text.text()
    assert [c.status for c in cards.member_cards(ui_ctx.ctx, number)] == ["spoiled"]
    assert not cards.verify_card_text(ui_ctx.ctx, issued.face.qr_text).valid


def test_pending_reprints_are_counted_and_link_to_the_approvals_page(qtbot: Any, ui_ctx: UiContext) -> None:
    (number,) = enrol(ui_ctx.ctx, ui_ctx.actor)
    cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = make_page(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: page.reprint_label.property("count") == 0, timeout=10_000)
    cards.request_reprint(ui_ctx.ctx, ui_ctx.actor, number, reason="rusak")
    page.focus_first()
    qtbot.waitUntil(lambda: page.reprint_label.property("count") == 1, timeout=10_000)
    assert page.reprint_label.text().startswith("1 permintaan")
    with qtbot.waitSignal(ui_ctx.bus.page_requested) as asked:
        page.approvals_button.click()
    assert asked.args == ["ApprovalsPage"]
