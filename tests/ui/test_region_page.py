"""Wilayah, driven as a supervisor would, against three real PostgreSQL servers (a Kanwil, branches
101 and 102): the Kanwil's window lists every branch with its state, explains a switched-off link in
Indonesian and repairs it with the supervisor's password; its dashboard shows the region; a branch
window shows where its Kanwil is and whether the last regional NIK check ran; IT opens the Kanwil by
its URL and adds a branch. Screenshots at 1366×768 go to ``LOKET_SHOTS`` when it is set."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.services import branch as branch_service
from app.services import contributions as cs
from app.services import enrolment
from tests.day_fixtures import record_for
from tests.pg_server import PgServer
from tests.region_fixtures import (  # noqa: F401
    PASSWORD,
    Region,
    Site,
    _forget,
    _site,
    region_fixture,
    region_servers_fixture,
    wait_until,
)
from ui.context import UiContext
from ui.dialogs.region_branch import AddBranchDialog, RepairBranchDialog
from ui.pages.region import RegionPage
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("LOKET_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _ui(site: Site, runner: TaskRunner, opened: Any = None) -> UiContext:
    b = branch_service.current_branch(site.ctx)
    assert b is not None
    return UiContext(opened or site.opened, site.supervisor, b, runner)


def _page(qtbot: Any, ui: UiContext) -> RegionPage:
    page = RegionPage(ui)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.show()
    return page


def _dialog(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _tab_walk(qtbot: Any, page: RegionPage) -> None:
    """Tab visits every visible control of the page (tables and the tab bar do not keep Tab)."""
    from tests.ui.test_counter_grade import _controls

    controls = _controls(page)
    page.activateWindow()
    controls[0].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is controls[0], timeout=5000)
    seen: set[QWidget] = set()
    for _ in range(len(controls) * 3 + 10):
        w = QApplication.focusWidget()
        if w is None:
            break
        seen.add(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    assert [w.objectName() for w in controls if w not in seen] == []


def _states(page: RegionPage) -> dict[str, str]:
    return {link.code: link.state for link in page.kanwil.links_tab.model.rows()}


def test_the_kanwil_window_explains_a_broken_link_repairs_it_and_shows_the_dashboard(
    qtbot: Any, runner: TaskRunner, region: Region
) -> None:
    k, a = region.kanwil, region.b101
    for i in range(3):
        number = enrolment.enrol_worker(a.ctx, a.officer, record_for(i, kode_wilayah="16.10.01.2005")).number
        assert number
        if i < 2:  # two paid their first month, one not yet
            cs.pay(a.ctx, a.officer, number, months=1, method="cash")
    wait_until(
        lambda: (
            k.one("SELECT count(*) FROM member") == 3 and k.one("SELECT count(*) FROM payment_month") == 4
        ),
        "the members and their payments at the Kanwil",
    )
    page = _page(qtbot, _ui(k, runner))
    assert page.kanwil.isVisible() and not page.connect_box.isVisible()
    assert "Kanwil 900" in page.where.text()
    qtbot.waitUntil(lambda: set(_states(page)) == {"101", "102"}, timeout=20_000)

    # IT switched 101's subscription off at the Kanwil: the page says so, in Indonesian, and what to do.
    k.sql("ALTER SUBSCRIPTION loket_up_101 DISABLE")
    with qtbot.waitSignal(page.kanwil.status_shown, timeout=30_000):
        qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert _states(page)["101"] == "disabled"
    row = [link.code for link in page.kanwil.links_tab.model.rows()].index("101")
    assert page.kanwil.links_tab.model.index(row, 1).data() == "Dinonaktifkan"
    page.kanwil.links_tab.table.setFocus()
    page.kanwil.links_tab.table.selectRow(row)
    assert (
        "101" in page.kanwil.links_tab.explain.text() and "[region." in page.kanwil.links_tab.explain.text()
    )
    _shot(page, "region_kanwil_broken")

    # Enter on the row: the repair dialog; the password (wrong, then right) and Enter repair it.
    qtbot.keyClick(page.kanwil.links_tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _dialog(RepairBranchDialog) is not None, timeout=10_000)
    dialog: RepairBranchDialog = _dialog(RepairBranchDialog)
    assert not dialog.resync.isChecked()  # a switched-off link needs no copy (the service's list)
    _shot(dialog, "region_repair_dialog")
    qtbot.keyClicks(dialog.password, "salah-sekali")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.rows["password"].error.isVisible(), timeout=10_000)
    assert _states(page)["101"] == "disabled"  # nothing done without the password
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(page.kanwil.status_shown, timeout=60_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert _states(page)["101"] != "disabled"
    assert "Cabang 101: sebelum Dinonaktifkan" in page.banner.text.text()
    assert k.one("SELECT subenabled FROM pg_subscription WHERE subname = 'loket_up_101'") is True
    assert k.one("SELECT count(*) FROM audit_event WHERE action = 'region.repair'") == 1

    # The dashboard tab reads the Kanwil dashboard (off the GUI thread) and lays it out: first the
    # registered figures while the Kanwil works out who is protected (its own status index, in the
    # background), then the protected ones.
    boards: list[Any] = []
    page.kanwil.dashboard_shown.connect(boards.append)
    page.kanwil.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(boards) >= 1, timeout=30_000)
    assert boards[0].pending == 3
    first = page.kanwil.board_tab.province.text()
    assert "status perlindungan sedang dihitung (3 peserta belum dihitung)" in first
    assert "pekerja terlindungi" not in first
    qtbot.waitUntil(lambda: len(boards) >= 2, timeout=60_000)
    board = boards[-1]
    assert board.pending == 0
    _tab_walk(qtbot, page)
    branches = {
        page.kanwil.board_tab.branch_model.row_at(i).code
        for i in range(page.kanwil.board_tab.branch_model.rowCount())
    }  # type: ignore[union-attr]
    assert branches == {"101", "102"}
    # 101 holds the three members (registered); two of them are protected.
    assert (
        page.kanwil.board_tab.branch_model.index(0, 1).data(),
        page.kanwil.board_tab.branch_model.index(0, 2).data(),
    ) == (
        "3",
        "2",
    )
    assert (
        board.region in page.kanwil.board_tab.province.text()
        and "terdaftar" in page.kanwil.board_tab.province.text()
    )
    _shot(page, "region_kanwil_dashboard")


def test_a_branch_window_shows_its_kanwil_and_the_last_regional_check(
    qtbot: Any, runner: TaskRunner, region: Region
) -> None:
    a, k = region.b101, region.kanwil
    page = _page(qtbot, _ui(a, runner))
    assert page.connect_box.isVisible() and not page.kanwil.isVisible()
    assert page.where.text().startswith("Cabang 101 KC 101 → Kanwil PostgreSQL:")
    assert "belum ada sejak Loket dibuka" in page.check.text()
    assert page.state.text().startswith("Lancar") or "[region." in page.state.text()

    # An enrolment at this counter asks the Kanwil first; the page reports that check.
    assert enrolment.enrol_worker(a.ctx, a.officer, record_for(5)).number
    with qtbot.waitSignal(page.refreshed, timeout=20_000) as done:
        qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert done.args[0].last_check.state.value == "checked"
    assert "berjalan." in page.check.text()
    _shot(page, "region_branch")

    # Hostile or wrong input is refused at the form, and nothing is opened.
    page.focus_first()
    assert page.url.hasFocus()
    qtbot.keyClick(page.url, Qt.Key.Key_Return)  # Enter walks the form: URL, user, password
    assert page.username.hasFocus()
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)  # and opens from the password
    assert page.url_error.text() == "Tulis URL basis data Kanwil." and page.url.hasFocus()
    for url, says in (
        ("bukan url", "URL Kanwil tidak dikenali"),
        ("sqlite:////tmp/x.db", "server PostgreSQL"),
        ("postgresql+psycopg://nobody@127.0.0.1:9/none", "tidak dapat dihubungi"),
    ):
        page.url.setText(url)
        page.username.setText("siti")
        page.password.setText(PASSWORD)
        page.open_kanwil()
        qtbot.waitUntil(lambda says=says: says in page.url_error.text(), timeout=20_000)
        assert page.kanwil.session is None and page.password.text() == ""
    # The branch computer does not hold the Kanwil's audit key: refused before any login is written.
    own = "SELECT count(*) FROM audit_event WHERE seq / 1000000000000 = 900"  # the Kanwil's own events
    logins = k.one(own)
    page.url.setText(k.url)
    page.username.setText("siti")
    page.password.setText(PASSWORD)
    page.open_kanwil()
    qtbot.waitUntil(lambda: "Kunci audit" in page.url_error.text(), timeout=20_000)
    assert k.one(own) == logins
    _shot(page, "region_branch_refused")


@pytest.fixture
def b103(region_servers: dict[str, PgServer], region: Region, tmp_path: Path) -> Iterator[Site]:
    """A third branch database (103), set up but not yet in the region."""
    site = _site(region_servers["102"], tmp_path, "103")
    yield site
    site.ctx.engine.dispose()
    kanwil = region.kanwil
    if kanwil.one("SELECT count(*) FROM pg_subscription WHERE subname = 'loket_up_103'"):
        kanwil.sql("ALTER SUBSCRIPTION loket_up_103 DISABLE")
        kanwil.sql("ALTER SUBSCRIPTION loket_up_103 SET (slot_name = NONE)")
        kanwil.sql("DROP SUBSCRIPTION loket_up_103")
    wait_until(
        lambda: (
            not site.one(
                "SELECT count(*) FROM pg_replication_slots WHERE active AND database = current_database()"
            )
        ),
        "branch 103's slots released",
    )
    # pg_subscription is shared by the server's databases: only this database's own (102 lives here too).
    with psycopg.connect(site.server.conninfo(site.database), autocommit=True) as conn:
        mine = "SELECT subname FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid WHERE d.datname = %s"
        for (name,) in conn.execute(mine, (site.database,)).fetchall():
            conn.execute(f"ALTER SUBSCRIPTION {name} DISABLE")
            conn.execute(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
            conn.execute(f"DROP SUBSCRIPTION {name}")
    _forget(site)


def test_it_opens_the_kanwil_by_its_url_and_adds_a_branch(
    qtbot: Any, runner: TaskRunner, region: Region, b103: Site
) -> None:
    k, a = region.kanwil, region.b101
    # IT's computer holds the Kanwil's audit key (copied with 'loket audit key export/import').
    it = dataclasses.replace(a.opened, ctx=dataclasses.replace(a.ctx, audit_key=k.ctx.audit_key))
    page = _page(qtbot, _ui(a, runner, it))
    page.url.setText(k.url)
    page.username.setText("siti")
    qtbot.keyClicks(page.password, PASSWORD)
    with qtbot.waitSignal(page.kanwil_opened, timeout=30_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.kanwil.isVisible() and set(_states(page)) == {"101", "102"}
    assert page.close_button.isVisible()

    page.kanwil.links_tab.add_button.click()
    qtbot.waitUntil(lambda: _dialog(AddBranchDialog) is not None, timeout=10_000)
    dialog: AddBranchDialog = _dialog(AddBranchDialog)
    qtbot.keyClicks(dialog.url, b103.url)
    qtbot.keyClick(dialog.url, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.regencies
    qtbot.keyClicks(dialog.regencies, "16.99")  # no such regency: refused at the field
    qtbot.keyClick(dialog.regencies, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.rows["wilayah"].error.isVisible(), timeout=10_000)
    assert "16.99" in dialog.rows["wilayah"].error.text()
    dialog.regencies.setText("16.06")
    _shot(dialog, "region_add_dialog")
    with qtbot.waitSignal(page.kanwil.status_shown, timeout=60_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert set(_states(page)) == {"101", "102", "103"}
    assert "Cabang 103 KC 103 tersambung" in page.banner.text.text()
    assert k.one("SELECT regencies FROM region_branch WHERE code = '103'") == "16.06"
    wait_until(
        lambda: b103.one("SELECT count(*) FROM region_branch") == 3, "the region's branches at branch 103"
    )
    _shot(page, "region_it_added")
    page.close_button.click()
    assert page.kanwil.session is None and not page.kanwil.isVisible()
