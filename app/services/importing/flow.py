"""The import wizard without Qt: which step a bulk import is at, what the officer may press now, what
Enter does, where Back and Next go, and whether the dry run still describes the file.

The Impor Massal page keeps one :class:`ImportFlow`, tells it what happened (file read, checked,
committed …) and renders what it answers; the reading, checking and writing are this package's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.domain.imports import FileInfo, ImportReport, ImportResult


class ImportStep(StrEnum):
    """The steps of the spreadsheet import, in the order the officer goes through them."""

    FILE = "FILE"  # 1: choose the spreadsheet (and its sheet)
    PREVIEW = "PREVIEW"  # 2: what was read, with the first rows
    MAPPING = "MAPPING"  # 3: which column holds which field
    CHECK = "CHECK"  # 4: the dry run, every row checked, nothing written
    COMMIT = "COMMIT"  # 5: the mode, the sponsor, the confirmation; then one transaction
    RESULT = "RESULT"  # 6: what was saved (or refused)


STEPS: tuple[ImportStep, ...] = tuple(ImportStep)


class Action(StrEnum):
    """What Enter (the primary button) does on a step."""

    READ_FILE = "READ_FILE"
    NEXT = "NEXT"  # simply the next step
    LEAVE_MAPPING = "LEAVE_MAPPING"  # keep the chosen columns (saved if asked), then the dry run
    COMMIT = "COMMIT"
    RESTART = "RESTART"  # a new import from step 1


class Mark(StrEnum):
    """How a step shows in the strip at the top."""

    DONE = "done"
    CURRENT = "current"
    TODO = "todo"


_ACTIONS = {
    ImportStep.FILE: Action.READ_FILE,
    ImportStep.MAPPING: Action.LEAVE_MAPPING,
    ImportStep.COMMIT: Action.COMMIT,
    ImportStep.RESULT: Action.RESTART,
}


@dataclass
class ImportFlow:
    """One bulk import, from choosing the file to the result."""

    step: ImportStep = ImportStep.FILE
    busy: bool = False  # a file is being read, checked or committed: nothing else may start
    info: FileInfo | None = None  # the file read at step 1
    mapping: dict[str, str | None] | None = None  # None: as the service detected it (header names or saved)
    mapping_ok: bool = False  # every required field has a column (the mapping step says so)
    report: ImportReport | None = None  # the dry run
    report_key: tuple[Any, ...] | None = None  # what that dry run checked
    result: ImportResult | None = None
    check_xlsx: Path | None = None  # the dry run's per-row report
    result_xlsx: Path | None = None  # the commit's per-row report

    # ---- where we are -------------------------------------------------------------------------
    @property
    def number(self) -> int:
        """The step's number as the officer reads it (1–6)."""
        return STEPS.index(self.step) + 1

    def mark(self, step: ImportStep) -> Mark:
        here, there = STEPS.index(self.step), STEPS.index(step)
        return Mark.CURRENT if there == here else (Mark.DONE if there < here else Mark.TODO)

    @property
    def committed(self) -> bool:
        return self.result is not None and self.result.committed

    def previous(self) -> ImportStep | None:
        i = STEPS.index(self.step)
        return STEPS[i - 1] if i > 0 else None

    def following(self) -> ImportStep | None:
        i = STEPS.index(self.step)
        return STEPS[i + 1] if i + 1 < len(STEPS) else None

    # ---- what the officer may press -----------------------------------------------------------
    @property
    def back_visible(self) -> bool:
        """Back exists from step 2 on, except after a commit (a committed import is not committed twice)."""
        return self.step is not ImportStep.FILE and not (self.step is ImportStep.RESULT and self.committed)

    @property
    def action(self) -> Action:
        return _ACTIONS.get(self.step, Action.NEXT)

    @property
    def ready(self) -> bool:
        """The step's own condition for Enter: the columns mapped; at least one row to save."""
        if self.step is ImportStep.MAPPING:
            return self.mapping_ok
        if self.step is ImportStep.CHECK:
            return self.report is not None and self.report.accepted > 0
        return True

    @property
    def primary_enabled(self) -> bool:
        return not self.busy and self.ready

    @property
    def next_by_shortcut(self) -> bool:
        """Alt+→ goes forward up to step 5; saving is never a side effect of "next"."""
        return STEPS.index(self.step) < STEPS.index(ImportStep.COMMIT)

    @property
    def can_browse(self) -> bool:
        """Ctrl+O opens the file chooser on step 1."""
        return self.step is ImportStep.FILE and not self.busy

    @property
    def can_recheck(self) -> bool:
        return not self.busy and self.info is not None

    @property
    def check_reports_enabled(self) -> bool:
        return not self.busy and self.report is not None

    @property
    def result_xlsx_enabled(self) -> bool:
        return self.result_xlsx is not None

    # ---- the dry run describes this file, sheet, content and mapping? -------------------------
    def plan_key(self) -> tuple[Any, ...]:
        assert self.info is not None
        mapping = tuple(sorted((self.mapping or {}).items()))
        return (self.info.path, self.info.sheet, self.info.sha256, mapping)

    @property
    def needs_check(self) -> bool:
        """Entering step 4: a file is read and no dry run describes it as it is now."""
        return self.info is not None and not (self.report is not None and self.report_key == self.plan_key())

    # ---- what happened ------------------------------------------------------------------------
    def file_read(self, info: FileInfo) -> None:
        old = self.info
        if old is None or (old.path, old.sheet, old.sha256) != (info.path, info.sheet, info.sha256):
            self.mapping = None  # another file, sheet or content: earlier choices do not apply
        self.info = info

    def columns_chosen(self, chosen: dict[str, str | None], detected: dict[str, str | None]) -> None:
        self.mapping = None if chosen == detected else chosen

    def check_started(self) -> None:
        self.report = None
        self.check_xlsx = None

    def checked(self, report: ImportReport, key: tuple[Any, ...], xlsx: Path) -> None:
        self.report, self.report_key, self.check_xlsx = report, key, xlsx

    def file_changed(self) -> None:
        """The file on disk is not the one checked: step 4 checks it again."""
        self.report_key = None

    def finished(self, result: ImportResult, xlsx: Path | None) -> None:
        self.result, self.result_xlsx = result, xlsx

    def reset(self) -> bool:
        """A new import from step 1; never while something runs."""
        if self.busy:
            return False
        self.step = ImportStep.FILE
        self.info = self.mapping = self.report = self.report_key = self.result = None
        self.check_xlsx = self.result_xlsx = None
        self.mapping_ok = False
        return True
