"""Issue 16: the counter's own waits — the password to the main window, and ``loket --help``.

Each in fresh processes, beside its bare-library floor measured in the same run:
- login → main window on screen: ours (the real login window, the real main window of a
  supervisor, every page offered) vs a bare PySide6 window of the same shape built on a click;
- ``loket --help``: ours vs the bare interpreter printing an argparse help of the same commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import Row, median, temp_home

RUNS = 7
SMOKE_RUNS = 1

LOKET_LOGIN = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.theme import apply_theme
apply_theme(app)
from ui.app import StartupController
c = StartupController(home=sys.argv[1])
c.start()
TYPING_S = 2.5  # a username and a 12-character password, typed: the database opens meanwhile
started = time.perf_counter()
def ready():
    if not c.login.ready or time.perf_counter() - started < TYPING_S:
        QTimer.singleShot(20, ready); return
    c.login.username.setText("bench"); c.login.password.setText(sys.argv[2])
    t0 = time.perf_counter()
    def shown(_w):
        QTimer.singleShot(0, lambda: (print(f"main-window-shown {time.perf_counter() - t0:.4f}", flush=True),
                                     c.window.hide(), app.quit()))
    c.main_window_shown.connect(shown)
    c.login.button.click()
QTimer.singleShot(0, ready)
app.exec()
c.runner.wait()
"""

BARE_LOGIN = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget, QComboBox)
app = QApplication(sys.argv[:1])
from ui.theme import apply_theme
apply_theme(app)  # the same style sheet: the floor is Qt's own work for a window of this shape
d = QDialog(); lay = QVBoxLayout(d)
user, pw, button = QLineEdit(), QLineEdit(), QPushButton("Masuk")
for w in (QLabel("Loket"), user, pw, button):
    lay.addWidget(w)
d.show()
def login():
    t0 = time.perf_counter()
    w = QMainWindow(); central = QWidget(); h = QHBoxLayout(central)
    nav = QListWidget(); nav.addItems([f"Halaman {i}" for i in range(11)]); h.addWidget(nav)
    stack = QStackedWidget(); page = QWidget(); form = QFormLayout(page)
    for i in range(24):
        form.addRow(QLabel(f"Kolom {i}"), QLineEdit() if i % 4 else QComboBox())
    stack.addWidget(page); h.addWidget(stack, 1); w.setCentralWidget(central)
    w.statusBar().showMessage("Petugas"); w.resize(1366, 740); w.show(); d.hide()
    QTimer.singleShot(0, lambda: (print(f"main-window-shown {time.perf_counter() - t0:.4f}", flush=True), app.quit()))
button.clicked.connect(login)
QTimer.singleShot(0, button.click)
app.exec()
"""

BARE_HELP = r"""
import argparse, sys
from app.cli.commands import COMMANDS
p = argparse.ArgumentParser(prog="loket")
sub = p.add_subparsers(metavar="PERINTAH")
for name, help_text, _modules in COMMANDS:
    sub.add_parser(name, help=help_text)
p.parse_args(["--help"])
"""


def _measured(argv: list[str], env: dict[str, str], marker: str) -> float:
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=180, check=True).stdout
    for line in out.splitlines():
        if line.startswith(marker):
            return float(line.split()[1]) * 1000
    raise RuntimeError(f"{argv[:3]} never reported {marker}")


def _wall(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, timeout=120, check=True)
    return (time.perf_counter() - t0) * 1000


def _prepared_home(home: Path, password: str) -> None:
    from app.bootstrap import open_app
    from app.infra.settings import load_settings, save_settings
    from app.services import auth, branch

    opened = open_app(home=home)
    branch.setup_branch(opened.ctx, code="101", name="KC Palembang", timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        opened.ctx, username="bench", full_name="Bench Supervisor", password=password
    )
    save_settings(opened.ctx.paths, load_settings(opened.ctx.paths).with_(counter_name="Loket 1"))
    opened.ctx.engine.dispose()


def login_rows(runs: int) -> list[Row]:
    from benchmarks.harness import BENCH_PASSWORD

    with temp_home() as home:
        _prepared_home(home, BENCH_PASSWORD)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOKET_HOME": str(home)}
        ours_argv = [sys.executable, "-c", LOKET_LOGIN, str(home), BENCH_PASSWORD]
        bare_argv = [sys.executable, "-c", BARE_LOGIN]
        _measured(ours_argv, env, "main-window-shown")  # warm the OS file cache for both
        _measured(bare_argv, env, "main-window-shown")
        ours: list[float] = []
        floor: list[float] = []
        for _ in range(runs):
            ours.append(_measured(ours_argv, env, "main-window-shown"))
            floor.append(_measured(bare_argv, env, "main-window-shown"))
    value, base = median(ours), median(floor)
    return [
        Row(
            f"login → main window shown (median of {runs})",
            value,
            "ms",
            base,
            "bare PySide6 window of the same shape",
            "< 1000 ms",
            value < 1000,
        )
    ]


def help_rows(runs: int) -> list[Row]:
    env = {**os.environ}
    ours_argv = [sys.executable, "-m", "app.cli", "--help"]
    bare_argv = [sys.executable, "-c", BARE_HELP]
    _wall(ours_argv, env)
    _wall(bare_argv, env)
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        ours.append(_wall(ours_argv, env))
        floor.append(_wall(bare_argv, env))
    value, base = median(ours), median(floor)
    return [
        Row(
            f"loket --help (median of {runs})",
            value,
            "ms",
            base,
            "python + argparse, same commands",
            "< 500 ms",
            value < 500,
        )
    ]


def run(smoke: bool = False) -> list[Row]:
    runs = SMOKE_RUNS if smoke else RUNS
    return login_rows(runs) + help_rows(runs)
