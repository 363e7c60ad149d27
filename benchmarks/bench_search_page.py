"""Issue 5, the window side: from a keystroke to the first page of results on screen, and the memory of
the GUI with the result table open, on 1,000,000 members.

Each figure is measured in a fresh process (memory must not include another benchmark's heap):
``python -m benchmarks.bench_search_page --probe HOME`` runs the real SearchPage offscreen on the
cached 1M-member home (read only: searching writes nothing) and prints JSON. The floors are
measured in the same run: ``search_members`` called directly for the same queries (what the window
adds), and a bare PySide6 window with a 250-row table (what Qt alone costs in memory).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Row, percentile, seeded_home

MEMBERS = 1_000_000
QUERIES = 150
PAGES_HELD = 5  # the officer scrolled through 250 rows
SMOKE = {"members": 2_000, "queries": 6}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _queries(home: Path, count: int = QUERIES) -> list[str]:
    """Names as officers type them: full, first + last, and an unfinished last word."""
    raw = sqlite3.connect(f"file:{home / 'data' / 'loket.sqlite3'}?mode=ro", uri=True)
    low, top = raw.execute("SELECT MIN(id), MAX(id) FROM member").fetchone()  # ids in the branch's block
    rng = random.Random(11)
    ids = ",".join(str(rng.randint(low, top)) for _ in range(count))
    names = [r[0] for r in raw.execute(f"SELECT nama FROM member WHERE id IN ({ids})")]  # noqa: S608
    raw.close()
    out = []
    for i, name in enumerate(names):
        words = name.split()
        if i % 3 == 1 and len(words) > 1:
            out.append(f"{words[0]} {words[-1]}".lower())
        elif i % 3 == 2 and len(words) > 1:
            out.append(f"{words[0]} {words[1][:3]}".lower())
        else:
            out.append(name.lower())
    return out


def probe(home: Path, count: int = QUERIES) -> dict[str, Any]:
    """Runs in the child process."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["LOKET_HOME"] = str(home)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_app
    from app.services import branch
    from app.services.auth import officer_by_username
    from app.services.search import search_members
    from ui.context import UiContext
    from ui.pages.search import SearchPage
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    app = QApplication([])
    apply_theme(app)
    opened = open_app(home=home)
    ctx = opened.ctx
    actor = officer_by_username(ctx, "bench")  # no login: nothing is written to the cached home
    b = branch.current_branch(ctx)
    assert actor is not None and b is not None
    runner = TaskRunner()
    page = SearchPage(UiContext(opened, actor, b, runner))
    page.resize(1160, 690)
    page.show()
    app.processEvents()
    queries = _queries(home, count)

    def until_shown(query: str) -> None:
        loop = QEventLoop()
        guard = QTimer(singleShot=True, interval=10_000)
        guard.timeout.connect(loop.quit)

        def arrived(_page: object) -> None:
            if page.model.settled and page.model.current_query and page.model.current_query[0] == query:
                loop.quit()

        page.model.results_changed.connect(arrived)
        guard.start()
        loop.exec()
        page.model.results_changed.disconnect(arrived)
        page.table.viewport().repaint()  # painted, not merely queued

    def keystroke(query: str) -> float:
        page.box.setText(query[:-1])  # typed before, then a pause: the next key searches at once
        page._timer.stop()
        page._asked = None
        t0 = time.perf_counter()
        QTest.keyClick(page.box, query[-1])
        until_shown(query)
        return (time.perf_counter() - t0) * 1000

    for q in [*queries, "muhammad"]:  # bring the pages in: the counter's steady state, as the floor has
        search_members(ctx, actor, q, limit=50)
    shown = [keystroke(q) for q in queries]
    floor = []
    for q in queries:
        t0 = time.perf_counter()
        search_members(ctx, actor, q, limit=50)
        floor.append((time.perf_counter() - t0) * 1000)

    # A fast typist: keys 30 ms apart; the last one waits for the pause, then searches.
    burst = []
    for q in queries[:30]:
        page.box.clear()
        app.processEvents()
        page._timer.stop()
        for ch in q:
            QTest.keyClick(page.box, ch)
            QTest.qWait(30)
        t_last = time.perf_counter()
        until_shown(q)
        burst.append((time.perf_counter() - t_last) * 1000)

    # Memory with a big result open and five pages fetched.
    page.box.clear()
    QTest.keyClicks(page.box, "muhammad")
    until_shown("muhammad")
    while page.model.rowCount() < PAGES_HELD * page.model.PAGE_SIZE and page.model.canFetchMore():
        loop = QEventLoop()
        page.model.more_fetched.connect(loop.quit)
        page.model.fetchMore()
        loop.exec()
        page.model.more_fetched.disconnect(loop.quit)
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    rss = _rss_mb()
    held = page.model.rowCount()
    runner.wait()
    opened.ctx.engine.dispose()
    return {"shown": shown, "floor": floor, "burst": burst, "rss_mb": rss, "rows_held": held}


def probe_floor() -> dict[str, Any]:
    """A bare PySide6 window with a 250-row table: what Qt itself holds."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    model = QStandardItemModel(250, 7)
    for r in range(250):
        for c in range(7):
            model.setItem(r, c, QStandardItem(f"{r}-{c}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1160, 690)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    return {"rss_mb": _rss_mb()}


def _child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_search_page", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(smoke: bool = False) -> list[Row]:
    members = SMOKE["members"] if smoke else MEMBERS
    home = seeded_home(members)
    gui = _child("--probe", str(home), str(SMOKE["queries"] if smoke else QUERIES))
    bare = _child("--floor")
    shown, floor = gui["shown"], gui["floor"]
    p95 = percentile(shown, 95)
    return [
        Row(
            f"search page: keystroke → first page shown p95 ({'1M' if members == MEMBERS else members})",
            p95,
            "ms",
            percentile(floor, 95),
            "search_members() alone, same queries",
            "p95 < 100 ms",
            p95 < 100,
        ),
        Row(
            "search page: keystroke → first page shown p50",
            percentile(shown, 50),
            "ms",
            percentile(floor, 50),
            "search_members() alone, same queries",
        ),
        Row(
            "search page: last key of a fast burst → shown p95",
            percentile(gui["burst"], 95),
            "ms",
            target="waits for the 150 ms pause, then searches",
        ),
        Row(
            f"search page: GUI memory, table open ({gui['rows_held']} rows held)",
            gui["rss_mb"],
            "MB",
            bare["rss_mb"],
            "bare PySide6 window, 250-row table",
            "< 250 MB",
            gui["rss_mb"] < 250,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--probe", "--floor"):
        result = (
            probe(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else QUERIES)
            if sys.argv[1] == "--probe"
            else probe_floor()
        )
        print(json.dumps(result), flush=True)
        # Skip interpreter teardown: Qt objects torn down in arbitrary order can abort a probe
        # whose figures are already out.
        os._exit(0)
    else:
        from benchmarks.harness import format_table

        print(format_table(run()))
