"""Search results as a table model that fetches lazily, one page at a time, off the GUI thread.

Only the pages the officer scrolled to are held. A newer query always wins: at most one first-page
search runs at a time, a query typed meanwhile waits its turn, and a result that arrives for an
older query (or an older page) is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.states import RecordStatus
from app.services.records_dto import SearchFilters, SearchPage, SearchRowDTO
from ui.i18n import translate
from ui.models import display
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[str, SearchFilters, int, int], SearchPage]

COLUMNS = (
    QT_TRANSLATE_NOOP("SearchResultsModel", "Nomor peserta"),
    QT_TRANSLATE_NOOP("SearchResultsModel", "Nama"),
    "NIK",
    QT_TRANSLATE_NOOP("SearchResultsModel", "Tgl lahir"),
    "L/P",
    QT_TRANSLATE_NOOP("SearchResultsModel", "Wilayah NIK"),
    QT_TRANSLATE_NOOP("SearchResultsModel", "Status"),
)
COL_NUMBER, COL_NAME, COL_NIK, COL_BORN, COL_GENDER, COL_REGION, COL_STATUS = range(len(COLUMNS))
INACTIVE = QColor("#8a5300")


@dataclass(frozen=True)
class _Request:
    generation: int
    query: str
    filters: SearchFilters


class SearchResultsModel(QAbstractTableModel):
    """Search results fetched a page at a time off the GUI thread, newest query winning."""

    PAGE_SIZE = 50

    # The first page of a query arrived (a SearchPage): counts and hints for the page above.
    results_changed = Signal(object)
    # More rows were appended (how many are held now).
    more_fetched = Signal(int)
    failed = Signal(object)  # the exception
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.fetch = fetch
        self._rows: list[SearchRowDTO] = []
        self._texts: list[tuple[str, ...]] = []  # formatted once per row: the view asks many times
        self._generation = 0  # of the newest query asked for
        self._shown: _Request | None = None  # the query whose rows are held
        self._available = 0
        self._in_flight = False
        self._waiting: _Request | None = None
        self._fetching_more = False
        self.last_page: SearchPage | None = None

    # ---- asking -----------------------------------------------------------------------------------
    def search(self, query: str, filters: SearchFilters = SearchFilters()) -> None:  # noqa: B008
        """Start a new query. Returns at once; ``results_changed`` follows."""
        self._generation += 1
        request = _Request(self._generation, query, filters)
        if self._in_flight:
            self._waiting = request  # replaces any older waiting query
            return
        self._start(request)

    @property
    def busy(self) -> bool:
        return self._in_flight or self._fetching_more

    @property
    def current_query(self) -> tuple[str, SearchFilters] | None:
        """The query the rows belong to (None before the first result)."""
        return (self._shown.query, self._shown.filters) if self._shown else None

    @property
    def settled(self) -> bool:
        """No newer query is still on its way: the rows answer what was asked last."""
        return not self._in_flight and self._shown is not None and self._shown.generation == self._generation

    def _start(self, request: _Request) -> None:
        self._in_flight = True
        self.busy_changed.emit(True)
        fetch, size = self.fetch, self.PAGE_SIZE
        self.runner.run(
            lambda: fetch(request.query, request.filters, 0, size),
            on_success=lambda page: self._on_first_page(request, page),
            on_error=lambda exc: self._on_first_failed(request, exc),
        )

    def _next_waiting(self) -> bool:
        """Start the query typed meanwhile, if any (the result just in is then stale)."""
        self._in_flight = False
        if self._waiting is None:
            return False
        request, self._waiting = self._waiting, None
        self._start(request)
        return True

    def _on_first_page(self, request: _Request, page: SearchPage) -> None:
        if not shiboken6.isValid(self) or self._next_waiting():
            return
        self.beginResetModel()
        self._rows = list(page.rows)
        self._texts = [self._row_texts(r) for r in self._rows]
        self._available = page.available
        self._shown = request
        self._fetching_more = False
        self.last_page = page
        self.endResetModel()
        self.busy_changed.emit(False)
        self.results_changed.emit(page)

    def _on_first_failed(self, request: _Request, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or self._next_waiting():
            return
        self.busy_changed.emit(False)
        self.failed.emit(exc)

    def clear(self) -> None:
        self._generation += 1
        self._waiting = None
        self.beginResetModel()
        self._rows = []
        self._texts = []
        self._available = 0
        self._shown = None
        self._fetching_more = False
        self.last_page = None
        self.endResetModel()

    # ---- lazy paging (QAbstractItemView calls these as the officer scrolls) ---------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._shown is None or self._fetching_more:
            return False
        return len(self._rows) < self._available

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._shown is not None
        shown, offset = self._shown, len(self._rows)
        self._fetching_more = True
        self.busy_changed.emit(True)
        fetch, size = self.fetch, self.PAGE_SIZE
        self.runner.run(
            lambda: fetch(shown.query, shown.filters, offset, size),
            on_success=lambda page: self._on_more(shown, offset, page),
            on_error=lambda exc: self._on_more_failed(shown, exc),
        )

    def _on_more(self, shown: _Request, offset: int, page: SearchPage) -> None:
        if not shiboken6.isValid(self) or shown is not self._shown or offset != len(self._rows):
            return  # a newer query replaced the rows meanwhile
        self._fetching_more = False
        self.busy_changed.emit(self._in_flight)
        self._available = page.available
        rows = list(page.rows)
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self._texts.extend(self._row_texts(r) for r in rows)
            self.endInsertRows()
        else:
            self._available = len(self._rows)  # the ranking shrank meanwhile (another counter wrote)
        self.more_fetched.emit(len(self._rows))

    def _on_more_failed(self, shown: _Request, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or shown is not self._shown:
            return
        self._fetching_more = False
        self.busy_changed.emit(self._in_flight)
        self.failed.emit(exc)

    # ---- reading ------------------------------------------------------------------------------------
    @property
    def available(self) -> int:
        return self._available

    def row_at(self, row: int) -> SearchRowDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("SearchResultsModel", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STATUS and r.matched_by == "merged_number":
                return translate("SearchResultsModel", "Nomor yang dicari sudah digabung ke peserta ini.")
            if col == COL_STATUS and r.matched_by == "suggestion":
                return translate("SearchResultsModel", "Nomor ini beda satu angka dari yang diketik.")
            return self._texts[index.row()][col]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == COL_STATUS
            and r.record_status != RecordStatus.ACTIVE
        ):
            return QBrush(INACTIVE)
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None

    @classmethod
    def _row_texts(cls, r: SearchRowDTO) -> tuple[str, ...]:
        return tuple(cls._text(r, col) for col in range(len(COLUMNS)))

    @staticmethod
    def _text(r: SearchRowDTO, col: int) -> str:
        if col == COL_NUMBER:
            return display.grouped(r.number)
        if col == COL_NAME:
            return r.nama
        if col == COL_NIK:
            return r.nik_masked  # masked by the service; the full NIK is on the member page only
        if col == COL_BORN:
            return display.date(r.tanggal_lahir)
        if col == COL_GENDER:
            return r.jenis_kelamin
        if col == COL_REGION:
            return r.region
        status = display.record_status(r.record_status, r.merged_into)
        if r.matched_by == "merged_number":
            return translate("SearchResultsModel", "{status} (tujuan gabung)").format(status=status)
        return status
