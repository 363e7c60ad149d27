"""Qt fixtures: the shipped theme, a task runner, and a UiContext on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.services import branch as branch_service
from ui.context import UiContext
from ui.tasks import TaskRunner
from ui.theme import apply_theme


@pytest.fixture
def themed(qapp: Any) -> Any:
    apply_theme(qapp)
    return qapp


@pytest.fixture
def runner(themed: Any) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait(10_000)


@pytest.fixture
def ui_ctx(opened: Any, officer: Any, runner: TaskRunner) -> UiContext:
    b = branch_service.current_branch(opened.ctx)
    assert b is not None
    return UiContext(opened, officer, b, runner)
