"""Proyek Konstruksi's live charge: the contract value regrouped as it is typed, and the core's charge
by brackets asked a moment after the last keystroke (a value the core refuses says why at once)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer

from app.domain.projects import ContractCharge
from app.services.contributions import projects as project_service
from app.services.contributions.project_flow import VALUE_FIELD, read_value, regroup
from ui.context import UiContext
from ui.models import display
from ui.pages.project_form import ProjectFormPanel

QUOTE_DELAY_MS = 150


class ProjectQuote(QObject):
    """Keeps the form's charge in step with its contract value and first month."""

    def __init__(self, ui: UiContext, form: ProjectFormPanel) -> None:
        super().__init__(form)
        self.ui = ui
        self.form = form
        self.charge: ContractCharge | None = None  # the charge shown, once the core has quoted it
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=QUOTE_DELAY_MS)
        self._timer.timeout.connect(self._request)
        form.value.textEdited.connect(self._on_value_edited)
        form.first.dateChanged.connect(lambda _day: self.schedule())

    def _on_value_edited(self, text: str) -> None:
        grouped, cursor = regroup(text, self.form.value.cursorPosition())
        if grouped != text:
            self.form.value.setText(grouped)
            self.form.value.setCursorPosition(cursor)
        self.schedule()

    def schedule(self) -> None:
        """The charge follows the value as it is typed; a value the core refuses says why at once."""
        self._generation += 1
        read = read_value(self.form.value.text())
        row = self.form.rows[VALUE_FIELD]
        if read.issue is not None:
            self._timer.stop()
            self.charge = None
            self.form.show_charge(None)
            typed = bool(self.form.value.text().strip())
            row.set_error(display.message(read.issue.message) if typed else None)
            return
        row.set_error(None)
        self.form.total.setText("…")
        self._timer.start()

    def clear(self) -> None:
        """The project is registered: its charge is no longer the form's."""
        self.charge = None

    def _request(self) -> None:
        read = read_value(self.form.value.text())
        if read.value is None:
            return
        generation, value, first, ctx = self._generation, read.value, self.form.months()[0], self.ui.ctx
        self.ui.runner.run(
            lambda: project_service.quote_project(ctx, contract_value=value, first=first),
            on_success=lambda charge: self._on_quote(generation, charge),
            on_error=lambda exc: self._on_quote_failed(generation, exc),
        )

    def _on_quote(self, generation: int, charge: ContractCharge) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.charge = charge
        self.form.show_charge(charge)

    def _on_quote_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.charge = None
        self.form.show_charge(None)
        for issue in display.error_issues(exc):
            key = issue.field if issue.field in self.form.rows else "mulai"
            self.form.rows[key].set_error(issue.message)
