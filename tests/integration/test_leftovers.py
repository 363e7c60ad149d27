"""Killed runs leave nothing behind, work files are private, files with personal data are 0600, and a
restore always leaves its audit event.

A run is killed for real: a child process runs the service and SIGKILLs itself at a chosen step
(the point where a power cut or ``kill -9`` would leave a half-written file). The next start of
Loket in that home must leave nothing of it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import open_app
from app.services import auth, backup, importing
from app.services.audit import verify_audit
from tests.branch_setup import SUPERVISOR_PASSWORD
from tests.conftest import OFFICER_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and file modes are POSIX")

PRELUDE = """
import os, signal, sys
from pathlib import Path
from app.bootstrap import open_app
from app.services import auth
home = Path(sys.argv[1])
opened = open_app(home=home)
ctx = opened.ctx
siti = auth.login(ctx, "siti", sys.argv[2])
def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def killed(home: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Run ``body`` (after PRELUDE) in a child process that kills itself; it must die by SIGKILL."""
    code = PRELUDE + textwrap.dedent(body)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOKET_HOME": str(home)}
    r = subprocess.run(
        [sys.executable, "-c", code, str(home), SUPERVISOR_PASSWORD],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert r.returncode == -signal.SIGKILL, r.stderr
    return r


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def leftovers(home: Path, *folders: Path) -> list[Path]:
    work = home / "data" / "work"
    found = [p for p in work.rglob("*") if p.is_file()] if work.exists() else []
    for f in folders:
        found += [p for p in f.iterdir() if p.name.startswith(".")]
    return found


def test_a_killed_import_leaves_its_spool_private_and_the_next_start_removes_it(
    ctx: Any, officer: Any, home: Path, tmp_path: Path
) -> None:
    """Before: ``/tmp/loket-import-*`` kept full NIKs, names and phones after a kill."""
    path = write_xlsx(tmp_path / "pemda.xlsx", as_cells(valid_rows(300)))
    killed(
        home,
        f"""
        from app.services import importing
        n = [0]
        def progress(done, total, message=""):
            n[0] += 1
            if n[0] == 3:
                die()
        importing.validate_import(ctx, siti, Path({str(path)!r}), None, progress,
                                  report_xlsx=Path({str(tmp_path / "laporan.xlsx")!r}))
        """,
    )
    spools = [p for p in leftovers(home) if p.name in ("rows.bin", "records.bin")]
    assert spools, "the spool is where a killed run left it"
    assert all(private(p) and private(p.parent) for p in spools)
    assert not any(Path("/tmp").glob("loket-import-*")) or all(
        p.stat().st_uid != os.getuid() or p.stat().st_mtime < path.stat().st_mtime
        for p in Path("/tmp").glob("loket-import-*")
    )
    assert not (tmp_path / "laporan.xlsx").exists()
    open_app(home=home).ctx.engine.dispose()  # the next start
    assert leftovers(home, tmp_path) == []


def test_a_killed_backup_leaves_a_private_partial_that_the_next_start_removes(
    ctx: Any, supervisor: Any, home: Path, tmp_path: Path
) -> None:
    """Before: ``.NAME.partPID`` files of killed backups piled up, world-readable."""
    from app.services import demo

    demo.seed_members(ctx, supervisor, 3000, seed=3)  # enough pages for several backup steps
    outside = tmp_path / "usb"
    outside.mkdir()
    killed(
        home,
        f"""
        from app.services import backup
        n = [0]
        def progress(done, total, message=""):
            n[0] += 1
            if n[0] == 2:
                die()
        backup.backup_now(ctx, siti, Path({str(outside / "cadangan.sqlite3")!r}), progress=progress)
        """,
    )
    left = sorted(outside.iterdir())
    assert left and all(p.name.startswith(".cadangan.sqlite3.part") and private(p) for p in left), left
    open_app(home=home).ctx.engine.dispose()
    assert list(outside.iterdir()) == [] and leftovers(home) == []


def test_older_partials_in_the_backup_folder_are_removed_once_their_process_is_gone(
    home: Path, ctx: Any
) -> None:
    folder = home / "data" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = folder / f".loket-20261122-010203Z.sqlite3.part{int(dead.stdout)}"
    mine = folder / f".loket-20261123-010203Z.sqlite3.part{os.getpid()}"  # a backup in progress
    recent = folder / f".loket-20261123-020304Z.sqlite3.part{int(dead.stdout)}"  # another computer's, now
    for f in (stale, mine, recent):
        f.write_bytes(b"x")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(mine, (an_hour_ago, an_hour_ago))
    open_app(home=home).ctx.engine.dispose()
    assert not stale.exists() and mine.exists() and recent.exists()


def test_a_restore_killed_after_replacing_gets_its_event_at_the_next_start(
    ctx: Any, supervisor: Any, officer: Any, home: Path, tmp_path: Path
) -> None:
    """Before: a restore killed between replacing the database and writing its event left none."""
    from app.services import enrolment

    saved = backup.backup_now(ctx, supervisor, tmp_path / "pagi.sqlite3")
    enrolment.enrol_worker(ctx, officer, bpu_record())  # done after the backup: the restore undoes it
    ctx.engine.dispose()
    killed(
        home,
        f"""
        from app.services import backup, restore_journal
        restore_journal.finish = die   # the database is replaced; the process dies before its event
        backup.restore_backup(ctx, siti, Path({str(saved.path)!r}))
        """,
    )
    journal = home / "data" / "work" / "restore-pending.json"
    assert journal.exists() and private(journal)
    reopened = open_app(home=home)
    try:
        rctx = reopened.ctx
        assert not journal.exists()
        events = rctx.read(
            lambda s: [
                (a, who, json.loads(d))
                for a, who, d in s.execute(
                    __import__("sqlalchemy").text(
                        "SELECT action, actor, details FROM audit_event WHERE action = 'db.restore'"
                    )
                )
            ]
        )
        ((_a, who, details),) = events
        assert who == "siti" and details["file"] == "pagi.sqlite3" and details["finished_at_start"] is True
        assert verify_audit(rctx).ok
    finally:
        reopened.ctx.engine.dispose()


def test_a_restore_killed_before_replacing_leaves_neither_event_nor_journal(
    ctx: Any, supervisor: Any, home: Path, tmp_path: Path
) -> None:
    saved = backup.backup_now(ctx, supervisor, tmp_path / "pagi.sqlite3")
    ctx.engine.dispose()
    killed(
        home,
        f"""
        from app.db import backup as mech
        from app.services import backup
        mech.restore_sqlite = die   # the journal is written, the old database still in place
        backup.restore_backup(ctx, siti, Path({str(saved.path)!r}))
        """,
    )
    reopened = open_app(home=home)
    try:
        assert not (home / "data" / "work" / "restore-pending.json").exists()
        n = reopened.ctx.read(
            lambda s: s.execute(
                __import__("sqlalchemy").text("SELECT count(*) FROM audit_event WHERE action = 'db.restore'")
            ).scalar_one()
        )
        assert n == 0 and verify_audit(reopened.ctx).ok
    finally:
        reopened.ctx.engine.dispose()


def test_files_with_personal_data_are_private(
    ctx: Any, officer: Any, supervisor: Any, tmp_path: Path
) -> None:
    from app.services import enrolment, privacy

    out = enrolment.enrol_worker(ctx, officer, bpu_record())
    files = privacy.write_subject_access(ctx, officer, out.number or "", tmp_path / "pdp")
    assert [f.suffix for f in files] == [".json", ".pdf"] and all(private(f) for f in files)
    path = write_xlsx(tmp_path / "pemda.xlsx", as_cells(valid_rows(3)))
    report = importing.validate_import(ctx, officer, path, None, report_xlsx=tmp_path / "laporan.xlsx")
    pdf = importing.write_report_pdf(ctx, report, tmp_path / "ringkasan.pdf")
    assert private(tmp_path / "laporan.xlsx") and private(pdf)
    # Nothing of them is left beside them, nor in the work folder.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert leftovers(ctx.paths.data.parent) == []


def test_the_command_line_keeps_its_temporary_files_private(
    home: Path, ctx: Any, supervisor: Any, tmp_path: Path
) -> None:
    """openpyxl spools a report's sheet in a temporary file: it goes to the private work folder."""
    import openpyxl.worksheet._writer as sheet_writer

    from app.cli import main

    seen: list[str] = []
    real = sheet_writer.create_temporary_file

    def spy(suffix: str = "") -> str:
        name = real(suffix)
        seen.append(name)
        return name

    path = write_xlsx(tmp_path / "pemda.xlsx", as_cells(valid_rows(3)))
    auth.add_officer(
        ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=supervisor
    )
    sheet_writer.create_temporary_file = spy
    try:
        code = main(
            ["import", str(path), "--officer", "budi", "--dry-run", "--report-xlsx", str(tmp_path / "r.xlsx")]
        )
    finally:
        sheet_writer.create_temporary_file = real
    assert code == 0
    work = str(home / "data" / "work")
    assert seen and all(name.startswith(work) for name in seen), seen
    assert not (home / "data" / "work").exists() or leftovers(home) == []
    with sqlite3.connect(home / "data" / "loket.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM member").fetchone()[0] == 0
