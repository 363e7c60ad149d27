"""The member page opens a full record through the one audited view: one ``member.view`` event per
opening, naming the officer and the member; a role without the right reads a refusal, not the record."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.db.models import AuditEvent
from app.services import enrolment
from app.services.dto import Actor
from tests.conftest import bpu_record
from ui.context import UiContext
from ui.pages.member import MemberPage


def _events(ui: UiContext) -> list[tuple[str, str | None, str | None, dict[str, Any]]]:
    rows = ui.ctx.read(
        lambda s: s.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.entity_id, AuditEvent.details).order_by(
                AuditEvent.seq
            )
        ).all()
    )
    return [(a, who, eid, json.loads(d) if d else {}) for a, who, eid, d in rows]


def _enrol(ui: UiContext) -> str:
    out = enrolment.enrol_worker(ui.ctx, ui.actor, bpu_record())
    assert out.number is not None, out.errors
    return out.number


def test_each_opening_writes_exactly_one_view_event(qtbot: Any, ui_ctx: UiContext) -> None:
    number = _enrol(ui_ctx)
    page = MemberPage(ui_ctx)
    qtbot.addWidget(page)
    before = _events(ui_ctx)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        ui_ctx.bus.member_requested.emit(number)
    assert page.values["nik"].text() == "1610014508900003"
    assert _events(ui_ctx)[len(before) :] == [("member.view", "budi", number, {"via": "gui"})]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.open_member("1610014508900003")  # by NIK, typed at the top
    assert [e[:3] for e in _events(ui_ctx)[len(before) :]] == [("member.view", "budi", number)] * 2


def test_a_role_without_the_right_reads_the_refusal_not_the_record(qtbot: Any, ui_ctx: UiContext) -> None:
    number = _enrol(ui_ctx)
    guest = UiContext(
        ui_ctx.opened,
        Actor(id=999, username="tamu", full_name="Tamu", role="tamu"),
        ui_ctx.branch,
        ui_ctx.runner,
    )
    page = MemberPage(guest)
    qtbot.addWidget(page)
    before = _events(ui_ctx)
    page.open_member(number)
    qtbot.waitUntil(lambda: "Akses ditolak" in page.banner.text.text(), timeout=10_000)
    assert "membuka data lengkap peserta" in page.banner.text.text()
    assert page.view is None and page.stack.currentIndex() == 0
    assert [e[0] for e in _events(ui_ctx)[len(before) :]] == ["access.denied"]
