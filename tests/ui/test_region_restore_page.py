"""Wilayah at the Kanwil, for a branch restored from an older backup, driven as a supervisor would
against three real PostgreSQL servers: the branch's row says "Dipulihkan dari cadangan lama" and
explains it, "Terima pemulihan cabang…" opens only for it, refuses without a reason, and with the
reason and the password accepts the restore: the link is healthy again and what was lost is said.
Screenshots at 1366×768 go to ``LOKET_SHOTS`` when it is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services import backup, enrolment
from tests.day_fixtures import record_for
from tests.region_fixtures import PASSWORD, Region, region_fixture, region_servers_fixture, wait_until  # noqa: F401
from tests.ui.test_region_page import _dialog, _page, _shot, _states, _tab_walk, _ui
from ui.region_restore import AcceptRestoreDialog
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_the_kanwil_window_explains_a_restored_branch_and_accepts_it(
    qtbot: Any, runner: TaskRunner, region: Region, tmp_path: Path
) -> None:
    k, a = region.kanwil, region.b101

    def enrol(i: int) -> str:
        number = enrolment.enrol_worker(a.ctx, a.officer, record_for(i)).number
        assert number
        return number

    enrol(1)
    old = backup.backup_now(a.ctx, a.supervisor, tmp_path / "lama.dump")
    lost = enrol(2)
    wait_until(lambda: k.one("SELECT count(*) FROM member") == 2, "both members at the Kanwil")
    wait_until(
        lambda: (
            k.one("SELECT count(*) FROM regional_audit_head WHERE branch_code = '101'") == 1
            and a.one("SELECT max(seq) FROM audit_event")
            == k.one("SELECT max(seq) FROM audit_event WHERE seq < 102000000000000")
        ),
        "the branch's trail at the Kanwil",
    )
    backup.restore_backup(a.ctx, a.supervisor, old.path)

    page = _page(qtbot, _ui(k, runner))
    qtbot.waitUntil(lambda: _states(page).get("101") == "restored", timeout=30_000)
    panel = page.kanwil
    links = panel.links_tab
    row = [link.code for link in links.model.rows()].index("101")
    other = [link.code for link in links.model.rows()].index("102")
    links.table.selectRow(other)
    assert not links.restore_button.isEnabled()  # only for a restored branch
    links.table.selectRow(row)
    assert links.restore_button.isEnabled()
    assert links.model.index(row, 1).data() == "Dipulihkan dari cadangan lama"
    explained = links.explain.text()
    assert "dipulihkan dari cadangan lama" in explained and "lama.dump" in explained
    assert "Kanwil memegang 2 data peserta cabang ini, cabang kini 1." in explained
    _tab_walk(qtbot, page)
    _shot(page, "region_kanwil_restored")

    links.restore_button.click()
    qtbot.waitUntil(lambda: _dialog(AcceptRestoreDialog) is not None, timeout=10_000)
    dialog: AcceptRestoreDialog = _dialog(AcceptRestoreDialog)
    _shot(dialog, "region_accept_restore_dialog")
    # No reason: refused at the field, nothing done.
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.rows["alasan"].error.isVisible(), timeout=10_000)
    assert k.one("SELECT count(*) FROM region_restore") == 0
    qtbot.keyClicks(dialog.reason, "server cabang rusak, dipulihkan dari cadangan")
    with qtbot.waitSignal(panel.status_shown, timeout=120_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    banner = page.banner.text.text()
    assert "Pemulihan cabang 101 diterima" in banner and lost in banner
    assert k.one("SELECT count(*) FROM region_restore") == 1
    assert k.one("SELECT count(*) FROM audit_event WHERE action = 'region.restore_accepted'") == 1
    _shot(page, "region_kanwil_restore_accepted")
    fresh = enrol(3)
    wait_until(
        lambda: k.one("SELECT count(*) FROM member WHERE number = %s", fresh) == 1, "replication again"
    )
