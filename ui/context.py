"""What every page gets: the opened app, the logged-in officer, the branch and the task runner."""

from __future__ import annotations

from dataclasses import dataclass

from app.bootstrap import Opened
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO
from ui.tasks import TaskRunner


@dataclass
class UiContext:
    opened: Opened
    actor: Actor
    branch: BranchDTO
    runner: TaskRunner

    @property
    def ctx(self) -> ServiceContext:
        return self.opened.ctx
