"""Proyek Konstruksi's list: every project of the branch, loaded off the GUI thread, with the project
being worked on kept selected across reloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHeaderView

from app.services.contributions import projects as project_service
from app.services.contributions.projects import ProjectDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column
from ui.pages.project_detail import status_text
from ui.widgets import rows_table


class ProjectList(QObject):
    """The projects table and its model; ``loaded`` once fresh rows are on screen."""

    loaded = Signal()

    def __init__(
        self,
        ui: UiContext,
        current: Callable[[], str | None],
        fail: Callable[[BaseException], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self._current = current  # the code of the project being worked on, kept selected
        self._fail = fail
        self._generation = 0
        self.model, self.table = rows_table(
            "projectsTable",
            translate("ProjectsPage", "Daftar proyek konstruksi"),
            [
                Column(translate("ProjectsPage", "Kode"), lambda p: p.code),
                Column(translate("ProjectsPage", "Nama proyek"), lambda p: p.name),
                Column(translate("ProjectsPage", "Kontraktor"), lambda p: p.contractor),
                Column(translate("ProjectsPage", "Masa"), lambda p: display.period(p.months)),
                Column(
                    translate("ProjectsPage", "Nilai kontrak"),
                    lambda p: display.rupiah(p.contract_value),
                    True,
                ),
                Column(translate("ProjectsPage", "JKK + JKM"), lambda p: display.rupiah(p.total), True),
                Column(translate("ProjectsPage", "Status"), status_text),
                Column(translate("ProjectsPage", "Pekerja"), lambda p: display.number(len(p.workers)), True),
            ],
            1,
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(118)

    def reload(self, select: str | None = None) -> None:
        """Read the list again, then select ``select`` (a code), or else the project being worked on."""
        self._generation += 1
        generation, ctx = self._generation, self.ui.ctx
        self.ui.runner.run(
            lambda: project_service.list_projects(ctx),
            on_success=lambda rows: self._on_list(generation, rows, select),
            on_error=self._on_failed,
        )

    def _on_list(self, generation: int, rows: Sequence[ProjectDTO], select: str | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        code = select or self._current()
        self.model.set_rows(rows)
        for i, p in enumerate(rows):
            if p.code == code:
                self.table.selectRow(i)
                break
        self.loaded.emit()

    def _on_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._fail(exc)

    def selected(self) -> ProjectDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None
