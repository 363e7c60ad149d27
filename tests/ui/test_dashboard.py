"""Dasbor: numbers after an enrolment (refreshed off the GUI thread), coverage rows, own summary PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.domain.cover import CoverStatus
from app.services import contributions as cs
from app.services import dashboard, enrolment
from tests.day_fixtures import record_for
from ui.context import UiContext
from ui.pages.dashboard import DashboardPage


def test_dashboard_shows_numbers_after_an_enrolment(qtbot: Any, ui_ctx: UiContext, supervisor: Any) -> None:
    dashboard.set_coverage_target(ui_ctx.ctx, supervisor, regency_code="16.10", workers=1000, target_bp=5000,
                                  baseline_bp=3400, baseline_date=dt.date(2026, 1, 1))  # fmt: skip
    page = DashboardPage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)  # the first load shown
    assert page.cards["today"].enrolments.text() == "0 pendaftaran"
    # The branch's time (the test clock is 03:00 UTC = 10.00 WIB), whatever the computer's zone.
    assert page.updated.text() == "diperbarui 10.00 WIB"
    assert not hasattr(page, "targets_button")  # an officer reads targets, a supervisor sets them
    assert page.coverage.rowCount() == 1 and page.coverage.item(0, 3).text() == "34%"

    assert page.statuses.figures[CoverStatus.ACTIVE].text() == "Aktif 0"

    out = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, record_for(0))
    assert out.member is not None and out.number is not None
    ui_ctx.bus.enrolled.emit(out.member)
    qtbot.waitUntil(lambda: page.cards["today"].enrolments.text() == "1 pendaftaran", timeout=10_000)
    assert page.cards["month"].enrolments.text() == "1 pendaftaran"
    # Enrolled, nothing paid yet: a member toward the target (as the Kanwil counts), not yet protected.
    qtbot.waitUntil(
        lambda: page.statuses.figures[CoverStatus.NOT_ACTIVE].text() == "Belum aktif 1", timeout=10_000
    )
    qtbot.waitUntil(lambda: page.coverage.item(0, 6).text() == "1 terdaftar, 0 terlindungi", timeout=10_000)
    assert page.coverage.item(0, 3).text() == "34%"  # coverage counts the protected only

    cs.record_enrolment_payment(ui_ctx.ctx, ui_ctx.actor, out.number, method="cash")
    ui_ctx.bus.member_changed.emit(out.number)
    qtbot.waitUntil(lambda: page.statuses.figures[CoverStatus.ACTIVE].text() == "Aktif 1", timeout=10_000)
    qtbot.waitUntil(lambda: page.coverage.item(0, 6).text() == "1 terdaftar, 1 terlindungi", timeout=10_000)
    assert page.coverage.item(0, 3).text() == "34,1%"
    assert page.statuses.note.text() == "" and page.statuses.bar.isHidden()
    series = page.channel_chart.series()[0]
    assert [int(series.barSets()[0].at(i)) for i in range(6)] == [1, 0, 0, 0, 0, 0]


def test_officer_gets_their_own_summary_pdf(qtbot: Any, ui_ctx: UiContext) -> None:
    enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, record_for(1))
    page = DashboardPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)  # the first load shown
    page.mine_button.click()
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=20_000)
    assert page.preview.isVisible() and len(page.preview.page_labels) >= 1
    assert page.preview.pdf.startswith(b"%PDF")
    page.preview.close()
