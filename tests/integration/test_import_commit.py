"""Committing imports: modes, duplicates, sponsor, numbers, audit, cancel — and nothing ever half-written."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.contribution_models import SponsorBatch
from app.db.import_models import ImportBatch
from app.db.models import AuditEvent, Enrolment, Member, NumberSequence
from app.domain.imports import check_sponsor
from app.domain.intake import FIELDS
from app.domain.issues import DomainError
from app.domain.membership import parse_number
from app.domain.progress import CancelFlag, Cancelled
from app.services import enrolment, importing
from app.services.audit import verify_audit
from app.services.dto import Actor
from app.services.records import open_member_record
from app.services.records_dto import DuplicateOverride
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv, write_xlsx


def counts(ctx: Any) -> dict[str, int]:
    def work(s: Any) -> dict[str, int]:
        return {
            "member": s.execute(select(func.count()).select_from(Member)).scalar_one(),
            "enrolment": s.execute(select(func.count()).select_from(Enrolment)).scalar_one(),
            "audit": s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
            "batch": s.execute(select(func.count()).select_from(ImportBatch)).scalar_one(),
            "next_serial": s.execute(select(NumberSequence.next_serial)).scalar_one(),
        }

    return ctx.read(work)  # type: ignore[no-any-return]


def test_commit_accepted_rows_in_one_contiguous_range(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    enrolment.enrol_worker(ctx, officer, bpu_record())  # serial 1 taken at the counter
    rows = valid_rows(12)
    rows[4]["nama"] = "Budi <script>"
    rows[7]["program"] = "JKK,JKM,JP"  # JP is not for BPU
    path = write_xlsx(tmp_path / "pemda.xlsx", as_cells(rows))
    result = importing.commit_import(ctx, officer, path, None, "accepted")
    assert result.committed and result.refusal is None
    assert (result.enrolled, result.report.rejected, result.report.rows) == (10, 2, 12)
    serials = [parse_number(result.first_number).serial, parse_number(result.last_number).serial]  # type: ignore[arg-type, union-attr]
    assert serials == [2, 11]
    after = counts(ctx)
    assert after["member"] == after["enrolment"] == 11 and after["next_serial"] == 12 and after["batch"] == 1
    batch = ctx.read(lambda s: s.execute(select(ImportBatch.__table__)).one())
    assert (batch.rows_total, batch.rows_enrolled, batch.rows_rejected, batch.mode) == (12, 10, 2, "accepted")
    assert (batch.first_number, batch.last_number, batch.officer_id) == (
        result.first_number,
        result.last_number,
        officer.id,
    )
    assert batch.file_sha256 == importing.file_sha256(path)[0]
    events = ctx.read(
        lambda s: s.execute(select(AuditEvent.action, AuditEvent.details).order_by(AuditEvent.seq)).all()
    )
    enrols = [json.loads(d) for a, d in events if a == "member.enrol"][1:]
    assert len(enrols) == 10 and enrols[0]["import_batch"] == batch.id and enrols[0]["row"] == 2
    assert next(json.loads(d) for a, d in events if a == "import.commit")["enrolled"] == 10
    assert verify_audit(ctx).ok
    outcomes = {o.row: o for o in result.report.problems}
    assert outcomes[6].status == "rejected" and outcomes[6].number is None


def test_mode_all_writes_nothing_when_one_row_is_bad(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    rows = valid_rows(30)
    rows[29]["tanggal_lahir"] = "31/02/1990"
    path = write_csv(tmp_path / "desa.csv", as_cells(rows))
    before = counts(ctx)
    result = importing.commit_import(ctx, officer, path, None, "all")
    assert not result.committed and result.refusal is not None and result.refusal.code == "import.refused_all"
    assert counts(ctx) == before
    assert result.report.status == "refused" and result.report.accepted == 29 and result.report.rejected == 1
    rows[29]["tanggal_lahir"] = rows[28]["tanggal_lahir"]
    rows[29]["nik"] = rows[28]["nik"][:12] + "9999"
    rows[29]["jenis_kelamin"] = rows[28]["jenis_kelamin"]
    write_csv(path, as_cells(rows))
    result = importing.commit_import(ctx, officer, path, None, "all")
    assert result.committed and result.enrolled == 30


def test_duplicates_in_file_in_database_and_likely(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    existing = bpu_record()  # SITI AMINAH, 1990-08-05, district 16.10.01
    enrolment.enrol_worker(ctx, officer, existing)
    rows = valid_rows(6)
    rows[0] = bpu_record(nama="Siti Amina", nik="1610014508900017", no_hp=None)  # same person, other NIK?
    rows[1] = bpu_record(no_hp=None)  # already an active member
    rows[3]["nik"] = rows[2]["nik"]
    rows[3]["tanggal_lahir"], rows[3]["jenis_kelamin"] = rows[2]["tanggal_lahir"], rows[2]["jenis_kelamin"]
    path = write_xlsx(tmp_path / "dup.xlsx", as_cells(rows))
    report = importing.validate_import(ctx, officer, path)
    by_row = {o.row: o for o in report.problems}
    # The same rule as the counter's: a likely duplicate of a member is an error, not a warning.
    assert [i.code for i in by_row[2].errors] == ["member.likely_duplicate"] and not by_row[2].ok
    assert "10100000013" in by_row[2].errors[0].message
    # Row 3 is a member already, and resembles row 2 as well: both are said.
    assert [i.code for i in by_row[3].errors] == ["import.likely_duplicate_in_file", "nik.duplicate"]
    assert (
        [i.code for i in by_row[4].errors]
        == ["import.duplicate_in_file"]
        == [i.code for i in by_row[5].errors]
    )
    assert "baris 4, 5" in by_row[4].errors[0].message
    assert (report.accepted, report.rejected) == (2, 4)

    # "all" writes nothing; "accepted" writes the two clean rows.
    assert importing.commit_import(ctx, officer, path, None, "all").refusal is not None
    seen: list[Any] = []
    result = importing.commit_import(ctx, officer, path, None, "accepted", on_row=seen.append)
    assert result.enrolled == 2 and [o.row for o in seen if o.number] == [6, 7]
    for outcome in seen:
        if outcome.number:  # every number printed in the report is the member of that row
            member = open_member_record(ctx, officer, outcome.number).member
            assert member.nik == rows[outcome.row - 2]["nik"]


def test_rows_alike_inside_the_file_are_refused_unless_a_supervisor_allows_them(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    rows = valid_rows(3)
    rows[0] = bpu_record(nama="Aminah", nik="1610014508900003")
    rows[1] = bpu_record(nama="Siti Aminah", nik="1610014508900007")
    path = write_csv(tmp_path / "kembar.csv", as_cells(rows))
    report = importing.validate_import(ctx, officer, path)
    by_row = {o.row: o for o in report.problems}
    assert [i.code for i in by_row[3].errors] == ["import.likely_duplicate_in_file"]
    assert "baris 2" in by_row[3].errors[0].message
    with pytest.raises(DomainError) as missing:
        importing.commit_import(ctx, officer, path, None, "all", override_rows=[3])
    assert missing.value.issues[0].code == "duplicate.override_missing"
    allowed = DuplicateOverride(supervisor, "Kakak beradik, dicek KK")
    result = importing.commit_import(ctx, officer, path, None, "all", override=allowed, override_rows=[3])
    assert result.committed and result.enrolled == 3


def test_sponsor_funds_every_row(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    rows = valid_rows(4)
    rows[0]["sumber_dana"] = "MANDIRI"
    path = write_xlsx(tmp_path / "apbd.xlsx", as_cells(rows))
    sponsor, _ = check_sponsor("Pemkab Ogan Ilir", 6)
    result = importing.commit_import(ctx, officer, path, None, "all", sponsor)
    assert result.committed and result.enrolled == 4
    assert result.report.warning_counts[0].code == "import.funding_overridden"
    funding = ctx.read(
        lambda s: s.execute(select(Enrolment.funding_source, Enrolment.months_at_enrolment)).all()
    )
    assert set(funding) == {("APBD", 6)}
    batch = ctx.read(lambda s: s.execute(select(ImportBatch.__table__)).one())
    assert (batch.sponsor_name, batch.sponsor_months) == ("Pemkab Ogan Ilir", 6)
    # The sponsor's payment is recorded with the import: one sponsor receipt, six months each, no discount.
    from app.services.contributions import get_sponsor_batch, member_cover

    batch_id = ctx.read(lambda s: s.execute(select(SponsorBatch.id)).scalar_one())
    paid = get_sponsor_batch(ctx, batch_id)
    assert paid.sponsor == "Pemkab Ogan Ilir" and len(paid.members) == 4 and paid.method == "apbd"
    assert len(paid.months) == 6
    status = member_cover(ctx, result.first_number)
    assert status.status == "AKTIF" and status.paid_through is not None


def test_a_file_changed_after_the_dry_run_is_refused(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", as_cells(valid_rows(3)))
    report = importing.validate_import(ctx, officer, path)
    write_csv(path, as_cells(valid_rows(4)))
    with pytest.raises(importing.ImportFileError) as exc:
        importing.commit_import(ctx, officer, path, None, "accepted", expected_sha256=report.sha256)
    assert exc.value.issues[0].code == "file.changed"


def _cancel_when(phase: str, flag: CancelFlag) -> Any:
    def progress(done: int, total: int, message: str = "") -> None:
        if message.startswith(phase) and done > 0:
            flag.cancel()

    return progress


def test_cancel_mid_validation_and_mid_commit(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "besar.csv", as_cells(valid_rows(1600)))
    before = counts(ctx)
    flag = CancelFlag()
    with pytest.raises(Cancelled):
        importing.validate_import(ctx, officer, path, None, _cancel_when("Memeriksa", flag), flag)
    flag = CancelFlag()
    with pytest.raises(Cancelled):
        importing.commit_import(
            ctx, officer, path, None, "accepted", None, _cancel_when("Menyimpan", flag), flag
        )
    assert flag.cancelled
    assert counts(ctx) == before
    assert verify_audit(ctx).ok
    done = importing.commit_import(ctx, officer, path, None, "accepted")
    assert done.enrolled == 1600 and parse_number(done.first_number).serial == 1  # type: ignore[arg-type, union-attr]


def _loket(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "LOKET_HOME": str(home)},
        timeout=180,
    )


@pytest.mark.slow
def test_sigkill_during_commit_leaves_before_or_all(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert (
        _loket(
            home, "branch", "setup", "--code", "101", "--name", "KCP", "--timezone", "Asia/Jakarta"
        ).returncode
        == 0
    )
    assert (
        _loket(
            home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n"
        ).returncode
        == 0
    )
    rows = 2000
    path = write_csv(tmp_path / "kill.csv", as_cells(valid_rows(rows, seed=3), FIELDS))
    db = home / "data" / "loket.sqlite3"
    rng = random.Random(20261123)
    argv = [
        sys.executable,
        "-m",
        "app.cli",
        "import",
        str(path),
        "--officer",
        "siti",
        "--mode",
        "accepted",
        "--progress",
    ]
    committed = 0
    # Kill while members are being written inside the transaction (on the k-th "Menyimpan" line;
    # the child runs on while the pipe is read, so the moment drifts), then at any random line:
    # while rows are checked, while writing, or while the report is made after the commit.
    plan = [("Menyimpan", rng.randrange(1, 5)) for _ in range(3)] + [
        ("", rng.randrange(3, 25)) for _ in range(2)
    ]
    for attempt, (phase, target) in enumerate(plan):
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LOKET_HOME": str(home)},
        )
        assert proc.stderr is not None
        seen = 0
        for line in proc.stderr:
            seen += phase in line
            if seen >= target:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=120)
        proc.stderr.close()
        with sqlite3.connect(db) as con:
            assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
            members = con.execute("select count(*) from member").fetchone()[0]
            assert members in (committed, committed + rows), (attempt, target, members)
            committed = members
            serials = [int(n[3:10]) for (n,) in con.execute("select number from member order by number")]
            assert serials == list(range(1, members + 1))
            assert con.execute("select next_serial from number_sequence").fetchone()[0] == members + 1
            assert con.execute("select count(*) from enrolment").fetchone()[0] == members
        verify = _loket(home, "audit", "verify", "--json")
        assert verify.returncode == 0 and json.loads(verify.stdout)["ok"], verify.stdout
        if committed:
            break
    if not committed:  # every kill landed before the commit: finish the job and check it once more
        assert (
            subprocess.run(argv, capture_output=True, env={**os.environ, "LOKET_HOME": str(home)}).returncode
            == 0
        )
        with sqlite3.connect(db) as con:
            assert con.execute("select count(*) from member").fetchone()[0] == rows


def test_likely_duplicate_search_is_indexed(ctx: Any, setup_branch: Any) -> None:
    from app.db.bulk import pairs_sql

    def plan(s: Any) -> list[Any]:
        conn = s.connection()
        sql = pairs_sql(
            conn, Member.__table__, ("number",), ("tanggal_lahir", "nik_district"), 3, ("record_status",)
        )
        return conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + sql, ("1990-08-05", "16.10.01") * 3 + ("ACTIVE",)
        ).all()

    details = " | ".join(str(r[-1]) for r in ctx.read(plan))
    assert "USING INDEX ix_member_birth_region" in details and "SCAN member" not in details, details


def test_imported_members_are_found_by_name(ctx: Any, officer: Any, tmp_path: Path) -> None:
    from app.services.importing import commit_import
    from app.services.search import search_members

    path = write_csv(tmp_path / "desa.csv", as_cells([bpu_record(nama="Nurhayati Simanjuntak")]))
    result = commit_import(ctx, officer, path, None, "all")
    assert result.committed == 1
    page = search_members(ctx, officer, "nur hayati simanjuntak")
    assert [r.number for r in page.rows][:1] == [result.first_number]
