"""What every page gets: the opened app, the logged-in officer, the branch and the task runner."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.bootstrap import Opened
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO
from ui.bus import UiBus
from ui.tasks import TaskRunner


@dataclass
class UiContext:
    """What every page is given: the open database, the officer, the branch, the task runner and the bus."""

    opened: Opened
    actor: Actor
    branch: BranchDTO
    runner: TaskRunner
    bus: UiBus = field(default_factory=UiBus)

    @property
    def ctx(self) -> ServiceContext:
        return self.opened.ctx
