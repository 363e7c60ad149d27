"""Jemput Bola, driven as a person would: the supervisor merges a member changed on both sides with the
keyboard alone; the laptop shows its outbox, makes its package and takes the branch's answer; the
intake page says the laptop is frozen before the officer starts typing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.services import branch as branch_service
from app.services import packages
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.outreach_fixtures import (
    Side,
    correct,
    enrol_village,
    make_branch,
    make_laptop,
    member_fields,
    sync,
    trust_each_other,
)
from ui.context import UiContext
from ui.dialogs.conflict_merge import ConflictMergeDialog
from ui.dialogs.package_password import PackagePasswordDialog
from ui.pages.intake import IntakePage
from ui.pages.outreach import OutreachPage
from ui.tasks import TaskRunner


@pytest.fixture
def pair(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Side, Side]]:
    branch = make_branch(None, tmp_path / "cabang", clock)
    laptop = make_laptop(tmp_path / "laptop-201", clock)
    trust_each_other(branch, laptop)
    yield branch, laptop
    laptop.ctx.engine.dispose()
    branch.ctx.engine.dispose()


def ui_for(side: Side, runner: TaskRunner, *, supervisor: bool = True) -> UiContext:
    b = branch_service.current_branch(side.ctx)
    assert b is not None
    return UiContext(side.opened, side.supervisor if supervisor else side.officer, b, runner)


def shown_page(qtbot: Any, ui: UiContext) -> OutreachPage:
    page = OutreachPage(ui)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    return page


def active_dialog(kind: type) -> Any:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return dialogs[-1] if dialogs else None


def test_the_supervisor_merges_a_conflict_field_by_field_with_the_keyboard(
    qtbot: Any, runner: TaskRunner, pair: tuple[Side, Side], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    (number,) = enrol_village(laptop, n=1)
    sync(branch, laptop, tmp_path, "p1")
    clock.advance(hours=1)
    correct(branch, number, {"no_hp": "0811-0000-1111", "nama_ibu": "Fatimah Zahra"}, "Datang ke loket")
    correct(laptop, number, {"no_hp": "0822-3333-4444", "alamat": "Dusun III RT 001/RW 002"})
    sync(branch, laptop, tmp_path, "p2")

    page = shown_page(qtbot, ui_for(branch, runner))
    assert page.stack.currentWidget() is page.branch
    panel = page.branch
    assert panel.model.rowCount() == 1
    assert panel.laptop.currentData() == "201"
    # The supervisor reads the branch's short conflict number, not the id with the branch's block.
    listed = panel.model.row_at(0)
    assert listed.id is not None and listed.id > 10**12 and 0 < listed.short < 1000
    assert panel.model.index(0, 0).data() == f"#{listed.short}"
    page.focus_first()
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: active_dialog(ConflictMergeDialog) is not None, timeout=10_000)
    dialog: ConflictMergeDialog = active_dialog(ConflictMergeDialog)
    assert set(dialog.choices) == {"no_hp", "alamat", "nama_ibu"}
    laptop_value = dialog.findChild(QLabel, "laptop_no_hp")
    branch_value = dialog.findChild(QLabel, "branch_no_hp")
    assert (laptop_value.text(), branch_value.text()) == ("+6282233334444", "+6281100001111")
    assert (
        dialog.choices["alamat"].currentData() == "laptop"
        and dialog.choices["nama_ibu"].currentData() == "cabang"
    )
    assert dialog.choices["no_hp"].currentData() is None  # changed on both sides: the supervisor chooses

    # Without a choice for the field changed on both sides the core refuses, at that field.
    qtbot.keyClicks(dialog.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "Nomor HP diubah di laptop dan di cabang" in dialog.error.text()
    assert dialog.choices["no_hp"].property("invalid") and dialog.choices["no_hp"].hasFocus()
    # Keyboard only: in the combo, L takes the laptop's value; Tab walks on to the password.
    qtbot.keyClicks(dialog.choices["no_hp"], "L")
    assert dialog.choices["no_hp"].currentData() == "laptop"
    focus = dialog.choices["no_hp"]
    for _ in range(10):
        if dialog.password.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget() or focus, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000) as done:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = done.args[0]
    assert result.taken == {"no_hp": "laptop", "alamat": "laptop", "nama_ibu": "cabang"}
    qtbot.waitUntil(
        lambda: f"Konflik #{listed.short} digabung per kolom" in page.banner.text.text(), timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
    here = member_fields(branch, number)
    assert (here["no_hp"], here["alamat"], here["nama_ibu"]) == (
        "+6282233334444",
        "DUSUN III RT 001/RW 002",
        "FATIMAH ZAHRA",
    )


def test_an_officer_at_the_branch_sees_no_merge_power(
    qtbot: Any, runner: TaskRunner, pair: tuple[Side, Side]
) -> None:
    branch, _laptop = pair
    page = shown_page(qtbot, ui_for(branch, runner, supervisor=False))
    panel = page.branch
    assert not panel.import_button.isEnabled() and not panel.merge_button.isEnabled()
    assert "oleh supervisor" in panel.caption.text()


def test_the_laptop_shows_its_outbox_packs_it_and_takes_the_answer(
    qtbot: Any, runner: TaskRunner, pair: tuple[Side, Side], tmp_path: Path
) -> None:
    branch, laptop = pair
    numbers = enrol_village(laptop, n=2)
    page = shown_page(qtbot, ui_for(laptop, runner))
    assert page.stack.currentWidget() is page.outbox
    panel = page.outbox
    assert "Belum sampai ke cabang: 4 rekaman" in panel.counts.text()
    assert {panel.model.row_at(i).kind for i in range(panel.model.rowCount())} == {"member", "payment"}  # type: ignore[union-attr]
    assert "cabang 101" in page.status.text()
    path = tmp_path / "desa.lpkg"
    panel.export_to(path)
    qtbot.waitUntil(lambda: "Paket disimpan" in page.banner.text.text(), timeout=10_000)
    result = packages.import_package(
        branch.ctx, branch.supervisor, path, password=SUPERVISOR_PASSWORD, reply_to=tmp_path / "desa.lbal"
    )
    assert result.members_added == 2
    panel.receive_from(tmp_path / "desa.lbal")
    qtbot.waitUntil(lambda: active_dialog(PackagePasswordDialog) is not None, timeout=10_000)
    dialog: PackagePasswordDialog = active_dialog(PackagePasswordDialog)
    qtbot.keyClicks(dialog.password, SUPERVISOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Balasan cabang diimpor" in page.banner.text.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "Semua sudah sampai di cabang" in panel.counts.text(), timeout=10_000)
    assert panel.model.rowCount() == 0
    assert numbers


def test_the_intake_page_says_the_laptop_is_frozen_before_typing(
    qtbot: Any, runner: TaskRunner, pair: tuple[Side, Side], clock: FakeClock
) -> None:
    _branch, laptop = pair
    clock.advance(days=8)
    page = IntakePage(ui_for(laptop, runner, supervisor=False))
    qtbot.addWidget(page)
    page.resize(1366, 740)
    with qtbot.waitSignal(page.sync_gate.frozen_changed, timeout=10_000):
        page.show()
    gate = page.sync_gate
    assert (
        gate.isVisible() and "pendaftaran baru ditolak" in gate.text.text() and "8 hari" in gate.text.text()
    )
    assert not page.nik.isEnabled() and not page.ktp_button.isEnabled() and not page.save_button.isEnabled()
    page.focus_first()
    assert gate.action.hasFocus()
    page.save()  # Ctrl+S: nothing is sent
    assert not page._saving


def test_a_warning_only_leaves_the_form_usable(
    qtbot: Any, runner: TaskRunner, pair: tuple[Side, Side], clock: FakeClock
) -> None:
    _branch, laptop = pair
    clock.advance(days=4)
    page = IntakePage(ui_for(laptop, runner, supervisor=False))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.sync_gate.isVisible(), timeout=10_000)
    assert "3 hari lagi" in page.sync_gate.text.text() and page.nik.isEnabled() and not page.sync_gate.frozen
    assert page.save_button.isEnabled()
