"""The member page through a year of a harvest farmer's life, on a moving business date: what the
officer reads (protected until, in arrears, the next harvest payment) and the payment dialog's
scheduled run, and "was he protected on that day?" asked on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate

from app.domain.schedule import Schedule
from app.services import contributions, enrolment
from tests.conftest import FakeClock, bpu_record
from ui.context import UiContext
from ui.pages.member import MemberPage


def _at(clock: FakeClock, day: dt.date) -> None:
    clock.now = dt.datetime(day.year, day.month, day.day, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB


def _reload(qtbot: Any, page: MemberPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()


def test_a_harvest_farmer_is_protected_every_month_of_the_year(
    qtbot: Any, ui_ctx: UiContext, clock: FakeClock
) -> None:
    _at(clock, dt.date(2027, 3, 2))
    out = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(bulan_bayar=0))
    number = out.number
    assert number is not None
    contributions.set_schedule(ui_ctx.ctx, ui_ctx.actor, number, Schedule.parse("3,4,9,10"))
    page = MemberPage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        ui_ctx.bus.member_requested.emit(number)
    assert page.cover.headline.text() == "Belum aktif: menunggu iuran pertama"
    assert page.contrib_chip.text() == "Iuran: Belum aktif"

    seen: dict[dt.date, str] = {}
    paid_on: list[dt.date] = []
    day = dt.date(2027, 3, 2)
    while day < dt.date(2028, 3, 1):
        _at(clock, day)
        _reload(qtbot, page)
        status = page.view.status if page.view else None
        assert status is not None
        seen[day] = page.cover.headline.text()
        assert status.status in ("BELUM_AKTIF", "AKTIF"), (day, page.cover.headline.text())
        if status.next_due_date == day or status.status == "BELUM_AKTIF":
            # The officer opens the payment dialog: the scheduled run is offered first.
            page.payment_actions.start_payment()
            qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.quote is not None, timeout=10_000)
            dialog = page.dialog
            assert dialog.months.currentText().startswith("Sesuai jadwal")
            assert dialog.quote.months == status.next_months
            dialog.tender.received.setText(str(dialog.quote.total))  # cash: exactly the total
            dialog.submit()  # the total, the amount received and the change shown; nothing paid yet
            assert dialog.tender.confirming
            with qtbot.waitSignal(page.loaded, timeout=15_000):
                dialog.submit()
            if page.preview is not None:
                page.preview.close()
            paid_on.append(day)
        day += dt.timedelta(days=7) if day.day < 8 else dt.timedelta(days=1)
        if day.day > 16:
            day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    # Paid only at harvest time, yet every month of the year protected.
    assert {d.month for d in paid_on} <= {3, 4, 9, 10}
    assert seen[dt.date(2027, 7, 1)] == "Dilindungi s.d. 31 Agustus 2027"
    assert seen[dt.date(2027, 12, 1)] == "Dilindungi s.d. 29 Februari 2028"
    # Then he misses the March harvest: on 16 March it is a month owed, and the page says by when.
    _at(clock, dt.date(2028, 3, 16))
    _reload(qtbot, page)
    assert page.cover.headline.text() == (
        "Menunggak 1 bulan (Maret 2028) — bayar paling lambat 15 Juni 2028 agar tetap aktif"
    )
    assert page.contrib_chip.text() == "Iuran: Menunggak 1 bulan"
    # Was he protected on 10 June 2027? The page asks the service.
    page.cover.ask_date.setDate(QDate(2027, 6, 10))
    page.cover.ask_button.click()
    qtbot.waitUntil(lambda: page.cover.answer.text().startswith("Dilindungi."), timeout=10_000)
    assert "Iuran Juni 2027 dibayar" in page.cover.answer.text()


def test_the_officer_sets_a_harvest_schedule_with_a_reason_when_the_work_is_not_seasonal(
    qtbot: Any, ui_ctx: UiContext
) -> None:
    out = enrolment.enrol_worker(
        ui_ctx.ctx, ui_ctx.actor, bpu_record(pekerjaan="P050", bulan_bayar=0)
    )  # a trader
    assert out.number is not None
    page = MemberPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        ui_ctx.bus.member_requested.emit(out.number)
    page.payment_actions.start_schedule()
    dialog = page.dialog
    assert dialog is not None
    dialog.harvest.setChecked(True)
    for m in (3, 9):
        dialog.months[m - 1].setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.rows["reason"].error.isVisible(), timeout=10_000)
    assert "bukan pekerjaan musiman" in dialog.rows["reason"].error.text()
    dialog.reason.setText("Berdagang hasil kebun kopi musiman")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.submit()
    cover = contributions.member_cover(ui_ctx.ctx, out.number)
    assert cover.schedule == "HARVEST:3,9" and cover.schedule_reason == "Berdagang hasil kebun kopi musiman"
    assert "Jadwal bayar: Saat panen: Mar, Sep" in page.cover.details.text()
