"""A whole counter day through the real window, offscreen and by keyboard: first start, two officers
taking cash (amount received, change), hand-overs, the supervisor's close with each officer's cash
counted, the archived summary read back, and a reopen refused without a reason."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from app.domain.clock import business_date
from app.services import auth, contributions, day
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD
from tests.day_fixtures import pdf_text
from ui.app import StartupController
from ui.theme import apply_theme

SHOTS = os.environ.get("LOKET_SHOTS")
PEOPLE = (  # different people: no likely-duplicate question in the way
    ("Siti Aminah", "Fatimah"),
    ("Rahmat Hidayat", "Khadijah"),
    ("Dewi Lestari", "Maryam"),
    ("Joko Susilo", "Sumarni"),
    ("Wati Suryani", "Aisyah"),
    ("Agus Salim", "Halimah"),
)


def focused() -> Any:
    return QApplication.focusWidget()


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


@pytest.fixture
def controller(qapp: QApplication, home: Path) -> Iterator[StartupController]:
    apply_theme(qapp)
    c = StartupController(home=str(home))
    yield c
    if c.window is not None:
        c.window.leaving = True
        c.window.close()
    c.login.close()
    for _ in range(3):
        c.runner.wait()
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if c.ready is not None:
        c.ready.opened.ctx.engine.dispose()


def first_start(qtbot: Any, c: StartupController) -> None:
    c.start()
    qtbot.waitUntil(lambda: c.first_run is not None and c.first_run.isVisible(), timeout=20_000)
    dlg = c.first_run
    type_into(qtbot, dlg.db_counter, "Loket 1")
    qtbot.keyClick(dlg.db_counter, Qt.Key.Key_Return)  # Enter: "Lanjut"
    qtbot.waitUntil(lambda: dlg.steps.currentIndex() == 1, timeout=20_000)
    for field, text in (
        (dlg.code, "101"),
        (dlg.name, "KCP Indralaya"),
        (dlg.username, "siti"),
        (dlg.full_name, "Siti Rahmawati"),
        (dlg.password, SUPERVISOR_PASSWORD),
        (dlg.password2, SUPERVISOR_PASSWORD),
    ):
        type_into(qtbot, field, text)
    qtbot.keyClick(dlg.password2, Qt.Key.Key_Return)  # Enter: "Simpan dan mulai"
    qtbot.waitUntil(lambda: c.first_run is None and c.login.isVisible() and c.login.ready, timeout=20_000)


def log_in(qtbot: Any, c: StartupController, username: str, password: str) -> Any:
    login = c.login
    qtbot.waitUntil(lambda: login.isVisible() and login.ready, timeout=20_000)
    login.username.setFocus()
    login.username.selectAll()
    qtbot.keyClicks(login.username, username)
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, password)
    with qtbot.waitSignal(c.main_window_shown, timeout=20_000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = c.window
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def enrol_and_take_cash(qtbot: Any, window: Any, serial: int, received: str) -> Any:
    """NIK first, Enter moves on, Ctrl+S saves; then the cash received, Enter (change shown), Enter."""
    page = window.pages["IntakePage"]
    qtbot.waitUntil(lambda: focused() is page.nik)
    name, mother = PEOPLE[serial % len(PEOPLE)]
    for text in (f"161001450890{serial:04d}", name, "Indralaya", mother, "081234567890"):
        qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Jl. Merdeka No. 1")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # village: left empty
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # occupation: default
    assert focused() is page.penghasilan
    qtbot.keyClicks(page.penghasilan, "1000000")
    with qtbot.waitSignal(page.enrolled, timeout=20_000):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    panel = page.payment_panel
    assert focused() is panel.tender.received  # cash: the amount received first
    qtbot.keyClicks(focused(), received)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert panel.tender.confirming and focused() is panel.pay_button  # the change on screen, not paid
    with qtbot.waitSignal(panel.paid, timeout=20_000) as paid:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    payment = paid.args[0]
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the next worker
    return payment


def switch_to(qtbot: Any, c: StartupController, username: str, password: str) -> Any:
    window = c.window
    qtbot.keyClick(
        window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: c.login.isVisible(), timeout=20_000)
    return log_in(qtbot, c, username, password)


def test_a_whole_counter_day(qtbot: Any, controller: StartupController) -> None:
    c = controller
    first_start(qtbot, c)
    ctx = c.ready.opened.ctx
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    for username, name in (("budi", "Budi Santoso"), ("ani", "Ani Lestari")):
        auth.add_officer(ctx, username=username, full_name=name, role="officer", password=OFFICER_PASSWORD,
                         by=siti)  # fmt: skip

    window = log_in(qtbot, c, "budi", OFFICER_PASSWORD)
    budi = [
        enrol_and_take_cash(qtbot, window, 3 + i, received)
        for i, received in enumerate(("10000", "20.000", "8400"))
    ]
    assert [(p.total, p.change) for p in budi] == [(8_400, 1_600), (8_400, 11_600), (8_400, 0)]

    window = switch_to(qtbot, c, "ani", OFFICER_PASSWORD)
    ani = [enrol_and_take_cash(qtbot, window, 6, "Rp50.000")]
    assert ani[0].change == 41_600

    window = switch_to(qtbot, c, "siti", SUPERVISOR_PASSWORD)
    qtbot.keyClick(window, Qt.Key.Key_F10)
    page = window.pages["DayClosePage"]
    qtbot.waitUntil(lambda: page.loads >= 1 and not window.ui.runner.busy, timeout=20_000)
    assert sorted(page.cash_form.counted) == ["ani", "budi"]
    page.focus_first()
    assert focused() is page.cash_form.counted["ani"].editor
    qtbot.keyClicks(focused(), "8.400")  # ani handed in Rp8.400, her payments say Rp8.400
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # past ani's (empty) reason
    assert focused() is page.cash_form.counted["budi"].editor
    qtbot.keyClicks(focused(), "25000")  # budi is Rp200 short
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Kembalian Rp200 terlalu banyak")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.password
    qtbot.keyClicks(focused(), SUPERVISOR_PASSWORD)
    if SHOTS:
        window.grab().save(f"{SHOTS}/e2e_day_close_counted.png")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "DITUTUP" in page.state.text(), timeout=30_000)

    today = business_date(dt.datetime.now(dt.UTC), "Asia/Jakarta")
    assert page.selected_date() == today and day.day_status(ctx, today).closed
    _lock, pdf = day.archived_pdf(ctx, siti, today)
    text = pdf_text(pdf)
    paid = sum(p.total for p in budi + ani)
    stored = sum(p.total for who in ("budi", "ani") for p in _payments_of(ctx, who, budi + ani))
    assert paid == stored == 33_600
    assert "Penerimaan per petugas" in text and "Rp25.200" in text and "Rp8.400" in text
    assert "Rp33.600" in text  # every officer's takings together = the payments received
    assert "Rp25.000" in text and "-Rp200" in text and "Kembalian Rp200 terlalu banyak" in text
    if SHOTS:
        window.grab().save(f"{SHOTS}/e2e_day_closed.png")

    # Reopening needs a reason: refused without one, the day stays closed.
    page.reopen_password.setFocus()
    qtbot.keyClicks(page.reopen_password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(page.reopen_password, Qt.Key.Key_Return)
    assert page.reason_row.error.isVisible() and day.day_status(ctx, today).closed


def _payments_of(ctx: Any, who: str, payments: list[Any]) -> list[Any]:
    return [p for p in payments if contributions.get_payment(ctx, p.id).officer == who]
