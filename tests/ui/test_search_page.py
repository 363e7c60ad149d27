"""The search page on ~3,000 seeded members: results as you type, lazy paging, stale answers dropped,
hints under the box, filters, the keyboard into the table, and a scanned card."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import branch as branch_service
from app.services import cards
from app.services.records_dto import SearchFilters
from tests.search_fixtures import World, world_in
from ui.context import UiContext
from ui.models.search_results import COL_NIK, COL_NUMBER
from ui.pages.search import SearchPage, looks_like_card
from ui.tasks import TaskRunner


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield from world_in(tmp_path_factory)


@pytest.fixture
def search_ui(world: World, runner: TaskRunner) -> UiContext:
    b = branch_service.current_branch(world.ctx)
    assert b is not None
    return UiContext(world.opened, world.officer, b, runner)


@pytest.fixture
def page(qtbot: Any, search_ui: UiContext) -> SearchPage:
    p = SearchPage(search_ui)
    qtbot.addWidget(p)
    p.resize(1160, 690)
    with qtbot.waitActive(p):
        p.show()
        p.activateWindow()
    p.focus_first()
    return p


def type_query(qtbot: Any, page: SearchPage, text: str) -> None:
    page.box.clear()
    qtbot.keyClicks(page.box, text)
    qtbot.waitUntil(lambda: page.model.settled and page.model.current_query[0] == text, timeout=10_000)


def numbers(page: SearchPage) -> list[str]:
    return [page.model.row_at(i).number for i in range(page.model.rowCount())]


def test_typing_a_name_shows_the_member_with_a_masked_nik(qtbot: Any, page: SearchPage, world: World) -> None:
    type_query(qtbot, page, "muhamad rizki")  # a spelling variant and a typo
    assert numbers(page)[0] == world.numbers["rizky"]
    nik_cell = page.model.index(0, COL_NIK).data()
    full = world.records["rizky"]["nik"]
    assert nik_cell == full[:6] + "******" + full[12:]
    assert page.model.index(0, COL_NUMBER).data().replace(" ", "") == world.numbers["rizky"]
    assert "ditemukan" in page.summary.text()


def test_results_are_fetched_lazily_one_page_at_a_time(qtbot: Any, page: SearchPage) -> None:
    type_query(qtbot, page, "muhammad")
    model = page.model
    assert model.rowCount() == model.PAGE_SIZE < model.available
    assert model.canFetchMore()
    assert "gulir ke bawah" in page.summary.text()
    with qtbot.waitSignal(model.more_fetched, timeout=10_000):
        page.table.scrollToBottom()  # the view asks the model for more (fetchMore)
    assert model.rowCount() == min(2 * model.PAGE_SIZE, model.available)
    while model.canFetchMore():
        with qtbot.waitSignal(model.more_fetched, timeout=10_000):
            model.fetchMore()
    assert model.rowCount() == model.available
    assert len(set(numbers(page))) == model.rowCount()  # pages neither overlap nor repeat


def test_a_newer_query_wins_over_answers_still_on_their_way(
    qtbot: Any, page: SearchPage, world: World
) -> None:
    shown: list[str] = []
    page.model.results_changed.connect(lambda p: shown.append(p.query))
    nik = world.records["rizky"]["nik"]
    page.model.search("muhammad", SearchFilters())  # starts at once
    page.model.search("siti", SearchFilters())  # waits its turn …
    page.model.search(nik, SearchFilters())  # … and is replaced by this one
    qtbot.waitUntil(lambda: page.model.settled, timeout=10_000)
    assert shown == [nik]  # the first answer arrived stale and was dropped; "siti" never ran
    assert numbers(page) == [world.numbers["rizky"]]


def test_a_wrong_check_digit_is_explained_under_the_box(qtbot: Any, page: SearchPage, world: World) -> None:
    number = world.numbers["bambang"]
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    type_query(qtbot, page, wrong)
    error = page.box_row.error
    assert error.isVisible() and "digit pemeriksa" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert number in numbers(page)  # offered among the numbers one digit away
    type_query(qtbot, page, "si")
    assert "minimal 3 huruf" in page.summary.text() and not error.isVisible()


def test_filters_by_birth_year_and_region(qtbot: Any, page: SearchPage, world: World) -> None:
    type_query(qtbot, page, "ahmad fauzi")
    fauzis = {world.numbers[k] for k in ("fauzi_jabar", "fauzi_sumsel", "fauzi_sumut")}
    assert fauzis <= set(numbers(page))
    qtbot.keyClicks(page.birth_year, "1990")
    qtbot.waitUntil(lambda: page.model.settled and page.model.current_query[1].birth_year == 1990)
    assert world.numbers["fauzi_sumsel"] in numbers(page)
    assert not fauzis - {world.numbers["fauzi_sumsel"]} & set(numbers(page))
    page.birth_year.clear()
    qtbot.keyClick(page.birth_year, Qt.Key.Key_Backspace)  # an edit: the filter is dropped
    page.province.setCurrentIndex(page.province.findData("32"))
    qtbot.waitUntil(lambda: page.model.settled and page.model.current_query[1].region == "32")
    assert world.numbers["fauzi_jabar"] in numbers(page)
    assert world.numbers["fauzi_sumsel"] not in numbers(page)
    page.regency.setCurrentIndex(page.regency.findData("32.73"))
    qtbot.waitUntil(lambda: page.model.settled and page.model.current_query[1].region == "32.73")
    assert world.numbers["fauzi_jabar"] in numbers(page)


def test_down_goes_into_the_table_and_enter_opens_the_row(qtbot: Any, page: SearchPage) -> None:
    type_query(qtbot, page, "ahmad fauzi")
    assert page.model.rowCount() >= 2
    qtbot.keyClick(page.box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table and page.table.currentIndex().row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.ui.bus.member_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.row_at(1).number]
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)  # above the first row: back to the box
    assert QApplication.focusWidget() is page.box


def test_enter_right_after_typing_opens_the_only_match(qtbot: Any, page: SearchPage, world: World) -> None:
    # A scanner types the whole number and Enter faster than the debounce.
    with qtbot.waitSignal(page.ui.bus.member_requested, timeout=10_000) as opened:
        qtbot.keyClicks(page.box, world.numbers["sri"])
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert opened.args == [world.numbers["sri"]]


def test_enter_with_several_matches_goes_to_the_table(qtbot: Any, page: SearchPage) -> None:
    type_query(qtbot, page, "ahmad fauzi")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table


def test_double_click_opens_the_member(qtbot: Any, page: SearchPage, world: World) -> None:
    type_query(qtbot, page, "hendra gunawan")
    rect = page.table.visualRect(page.model.index(0, 1))
    with qtbot.waitSignal(page.ui.bus.member_requested) as opened:
        # A real double click is a press, a release, then the double-click event.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [world.numbers["hendra"]]


def test_a_scanned_card_opens_its_member(qtbot: Any, page: SearchPage, world: World) -> None:
    issued = cards.issue_card(world.ctx, world.officer, world.numbers["khadijah"])
    text = issued.face.qr_text
    assert looks_like_card(text) and not looks_like_card("SITI AMINAH BINTI MUHAMMAD RIZKY PRATAMA")
    with qtbot.waitSignal(page.ui.bus.member_requested, timeout=10_000) as opened:
        qtbot.keyClicks(page.box, text)
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert opened.args == [world.numbers["khadijah"]]
    assert "Kartu peserta dipindai" in page.box_row.hint.text()


def test_a_burst_of_keys_costs_one_search_at_once_and_one_at_the_pause(
    qtbot: Any, page: SearchPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    search = page.model.search
    monkeypatch.setattr(page.model, "search", lambda q, f: (asked.append(q), search(q, f)))
    qtbot.keyClicks(page.box, "ahmad fauzi")  # faster than the pause
    qtbot.waitUntil(lambda: page.model.settled and page.model.current_query[0] == "ahmad fauzi")
    assert asked[0] == "a"  # the first key after a pause searches at once
    assert asked[-1] == "ahmad fauzi" and len(asked) < len("ahmad fauzi")
