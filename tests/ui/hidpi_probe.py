"""Run in a child process with QT_SCALE_FACTOR=2 (tests/ui/test_counter_grade.py): every page draws."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.bootstrap import open_app
from app.services import auth, branch
from tests.conftest import SUPERVISOR_PASSWORD
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import apply_theme


def probe(app: QApplication, out: str) -> int:
    apply_theme(app)
    opened = open_app(home=Path(os.environ["LOKET_HOME"]), counter="LOKET-1")
    ctx = opened.ctx
    b = branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        ctx, username="siti", full_name="Siti Rahmawati", password=SUPERVISOR_PASSWORD
    )
    actor = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    runner = TaskRunner()
    window = MainWindow(UiContext(opened, actor, b, runner))
    window.resize(1366, 698)
    window.show()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    ratio = window.devicePixelRatioF()
    if ratio != 2.0:
        print(f"device pixel ratio {ratio}, expected 2")
        return 1
    for i, name in enumerate(window.pages):
        window.show_page(i)
        for _ in range(20):
            app.processEvents()
        shot = window.grab()
        if shot.devicePixelRatio() != 2.0 or shot.width() != 2 * window.width():
            print(f"{name}: drawn at {shot.devicePixelRatio()} ({shot.width()} px wide)")
            return 1
        shot.save(str(folder / f"{name}.png"))
    print(f"pages={len(window.pages)} ratio={ratio}")
    window.close()
    runner.wait(10_000)
    opened.ctx.engine.dispose()
    return 0
