"""The real main window at the counter: enrol a BPU walk-in with keystrokes only, pay three months,
Ctrl+P for the card and receipts, then F5 and scan the card: valid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.db.cards_models import Card
from app.db.contribution_models import Payment
from app.services import branch as branch_service
from tests.card_helpers import decode_qr, pdf_text
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import apply_theme


def focused() -> Any:
    return QApplication.focusWidget()


def type_and_enter(qtbot: Any, text: str) -> None:
    if text:
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_enrol_pay_print_and_verify_with_the_keyboard(
    qtbot: Any, qapp: QApplication, opened: Any, officer: Any
) -> None:
    apply_theme(qapp)
    runner = TaskRunner()
    branch = branch_service.current_branch(opened.ctx)
    assert branch is not None
    window = MainWindow(UiContext(opened, officer, branch, runner))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    page = window.pages["IntakePage"]
    window.show_page(0)
    qtbot.waitUntil(lambda: focused() is page.nik)
    qtbot.waitUntil(lambda: page.quote.book is not None)

    for text in ("1610014508900003", "Siti Aminah", "Indralaya"):
        type_and_enter(qtbot, text)
    for text in ("Fatimah", "081234567890", "Jl. Merdeka No. 1", "", ""):  # village empty, occupation kept
        type_and_enter(qtbot, text)
    assert focused() is page.penghasilan
    qtbot.keyClicks(page.penghasilan, "1000000")
    for _ in range(6):  # Tab through segment and the one optional programme to the months
        if focused() is page.bulan_bayar:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.bulan_bayar
    qtbot.keyClicks(page.bulan_bayar, "3")
    assert page.bulan_bayar.currentData() == "3"
    qtbot.waitUntil(lambda: page.quote_panel.total.text() == "Rp33.600")
    with qtbot.waitSignal(page.enrolled, timeout=20_000) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    number = saved.args[0].number

    # Pay the three months in cash: the amount received, Enter shows the change, Enter records.
    assert focused() is page.payment_panel.tender.received
    qtbot.keyClicks(focused(), "50.000")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is page.payment_panel.pay_button
    with qtbot.waitSignal(page.payment_panel.paid, timeout=20_000) as paid:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert paid.args[0].total == 33_600 and paid.args[0].change == 16_400
    assert focused() is page.print_button

    # Ctrl+P: the card first, then the receipts; each preview closed with Esc.
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = page.after.print_job
    previews: dict[str, bytes] = {}
    for _ in range(2):
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=30_000)
        dialog = job.dialog
        previews[str(dialog.property("document"))] = dialog.pdf
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: job.dialog is not d)
    qtbot.waitUntil(lambda: not job.busy)
    issued = job.issued
    assert issued is not None and issued.card.number == number
    assert [c.text for c in decode_qr(previews["card"])] == [issued.face.qr_text]
    receipts = pdf_text(previews["registration+payment"])
    assert "TANDA TERIMA PENDAFTARAN" in receipts.upper() and "Rp33.600" in receipts

    # F5: verify the card's QR as a scanner would type it.
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(focused() or window, Qt.Key.Key_F5)
    verify = window.pages["VerifyPage"]
    qtbot.waitUntil(lambda: focused() is verify.scan)
    qtbot.keyClicks(verify.scan, issued.face.qr_text)
    qtbot.keyClick(verify.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: verify.last is not None, timeout=20_000)
    assert verify.last.verification.valid and verify.verdict.property("kind") == "valid"
    assert verify.fields["contribution"].text() == "Dilindungi s.d. 31 Januari 2027"

    window.close()
    runner.wait()
    rows = opened.ctx.read(
        lambda s: (
            s.execute(select(Payment.total, Payment.method, Payment.months_count)).all(),
            s.execute(select(Card.serial, Card.status)).all(),
        )
    )
    assert rows == ([(33_600, "cash", 3)], [(f"{number}-1", "issued")])
