"""One duplicate rule behind every door: the same pair of records gets the same verdict, with the
same candidate, at the intake page, through ``loket enrol``, and in an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.db.models import Member
from app.services import enrolment, importing, records
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, write_csv
from tests.ui.test_intake_page import fill_walk_in, make_page

# An "AMINAH" is enrolled; "SITI AMINAH", born the same day with a NIK from the same district,
# comes to the counter, the command line and a spreadsheet.
STORED = {"nama": "Aminah", "nik": "1610014508900003"}
ARRIVING = {"nama": "Siti Aminah", "nik": "1610014508900007"}


def loket(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOKET_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def members(ui_ctx: Any) -> int:
    return ui_ctx.ctx.read(lambda s: s.execute(select(func.count(Member.id))).scalar_one())


def test_the_same_pair_gets_the_same_verdict_through_every_door(
    qtbot: Any, ui_ctx: Any, home: Path, tmp_path: Path
) -> None:
    stored = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(**STORED))
    assert stored.status == "enrolled"
    arriving = bpu_record(**ARRIVING)

    # 1. The intake page: refused, the stored member side by side.
    page = make_page(qtbot, ui_ctx)
    fill_walk_in(qtbot, page, nik=ARRIVING["nik"], nama=ARRIVING["nama"])
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.left_stack.currentWidget() is page.duplicate_panel, timeout=10_000)
    shown = page.duplicate_panel.table.horizontalHeaderItem(1).text().replace(" ", "")
    assert shown.startswith(stored.number)
    assert members(ui_ctx) == 1

    # 2. ``loket enrol``: refused with the same candidate; nothing saved.
    record_file = tmp_path / "siti.json"
    record_file.write_text(json.dumps(arriving), encoding="utf-8")
    r = loket(home, "enrol", "--json", str(record_file), "--officer", "budi")
    assert r.returncode != 0, r.stdout
    (outcome,) = json.loads(r.stdout)
    assert outcome["status"] == "rejected"
    assert [e["code"] for e in outcome["errors"]] == ["member.likely_duplicate"]
    assert [c["number"] for c in outcome["likely_duplicates"]] == [stored.number]
    assert members(ui_ctx) == 1

    # 3. The import: the row is an error naming the same member, in the dry run and the commit.
    sheet = write_csv(tmp_path / "desa.csv", as_cells([arriving]))
    report = importing.validate_import(ui_ctx.ctx, ui_ctx.actor, sheet)
    (row,) = report.problems
    assert [i.code for i in row.errors] == ["member.likely_duplicate"]
    assert stored.number in row.errors[0].message
    result = importing.commit_import(ui_ctx.ctx, ui_ctx.actor, sheet, None, "accepted")
    assert result.enrolled == 0 and members(ui_ctx) == 1

    # The supervisor's override is explicit and audited, at the command line as at the page.
    r = loket(
        home,
        "enrol",
        "--json",
        str(record_file),
        "--officer",
        "budi",
        "--override-supervisor",
        "siti",
        "--override-reason",
        "Orang berbeda, sudah dicek KK",
        stdin=SUPERVISOR_PASSWORD + "\n",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    (saved,) = json.loads(r.stdout)
    assert saved["status"] == "enrolled"
    history = records.member_history(ui_ctx.ctx, ui_ctx.actor, saved["number"])
    assert [h.action for h in history] == ["member.enrol", "member.duplicate_override"]


def test_an_import_row_is_saved_only_with_the_supervisors_override(
    ui_ctx: Any, home: Path, tmp_path: Path
) -> None:
    stored = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(**STORED))
    sheet = write_csv(tmp_path / "desa.csv", as_cells([bpu_record(**ARRIVING)]))
    r = loket(home, "import", str(sheet), "--officer", "budi", "--override-rows", "2", "--mode", "all")
    assert r.returncode == 2 and "--override-supervisor" in r.stderr
    r = loket(
        home,
        "import",
        str(sheet),
        "--officer",
        "budi",
        "--mode",
        "all",
        "--override-supervisor",
        "siti",
        "--override-reason",
        "Dua orang berbeda, dicek ke desa",
        "--override-rows",
        "2",
        stdin=SUPERVISOR_PASSWORD + "\n",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert members(ui_ctx) == 2
    actions = [
        e.action
        for e in records.member_history(ui_ctx.ctx, ui_ctx.actor, _newest_number(ui_ctx, stored.number))
    ]
    assert actions[0] == "member.enrol" and "member.duplicate_override" in actions


def _newest_number(ui_ctx: Any, other: str) -> str:
    numbers = ui_ctx.ctx.read(lambda s: s.execute(select(Member.number)).scalars().all())
    (new,) = [n for n in numbers if n != other]
    return str(new)


def test_the_package_merge_names_the_same_candidate(ui_ctx: Any, tmp_path: Path, clock: Any) -> None:
    """4. The package merge: the laptop enrolled SITI AMINAH in the village (it had no AMINAH); the
    branch merges her, since her card is printed, and lists her beside the same candidate."""
    from app.bootstrap import open_app
    from app.services import auth, card_keys, packages
    from app.services.branch import setup_branch, today

    stored = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(**STORED))
    laptop = open_app(home=tmp_path / "laptop-201", clock=clock, counter="LAPTOP-1")
    try:
        setup_branch(laptop.ctx, code="201", name="Jemput Bola 1", timezone="Asia/Jakarta")
        auth.create_first_supervisor(
            laptop.ctx, username="rina", full_name="Rina Oktaviani", password=SUPERVISOR_PASSWORD
        )
        rina = auth.login(laptop.ctx, "rina", SUPERVISOR_PASSWORD)
        in_village = enrolment.enrol_worker(laptop.ctx, rina, bpu_record(**ARRIVING))
        assert in_village.status == "enrolled"
        day = today(laptop.ctx)
        package = packages.export_package(laptop.ctx, rina, start=day, end=day, path=tmp_path / "p.lpkg")
        siti = auth.login(ui_ctx.ctx, "siti", SUPERVISOR_PASSWORD)
        card_keys.import_keys(ui_ctx.ctx, siti, card_keys.export_keys(laptop.ctx))
        result = packages.import_package(ui_ctx.ctx, siti, package.path, password=SUPERVISOR_PASSWORD)
    finally:
        laptop.ctx.engine.dispose()
    assert result.members_added == 1 and members(ui_ctx) == 2
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.number, conflict.local_number) == (
        "likely_duplicate",
        in_village.number,
        stored.number,
    )
    assert stored.number in conflict.message
