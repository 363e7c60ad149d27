"""The import wizard's flow without Qt: steps, what Enter does, what is enabled, when the dry run is stale."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from app.domain.imports import FileInfo, ImportReport, ImportResult
from app.services.importing.flow import STEPS, Action, ImportFlow, ImportStep, Mark


def info(path: str = "/data/pekerja.xlsx", sha: str = "a" * 64, sheet: str | None = "Data") -> FileInfo:
    return FileInfo(
        path=path,
        file_name=Path(path).name,
        kind="xlsx",
        size=1000,
        sha256=sha,
        encoding=None,
        delimiter=None,
        sheets=("Data",),
        sheet=sheet,
        header_row=1,
        columns=(),
        mapping_source="auto",
        signature="sig",
        sample_rows=(),
        estimated_rows=None,
        issues=(),
        notes=(),
    )


def report(accepted: int = 3, rejected: int = 1, status: str = "checked") -> ImportReport:
    return ImportReport(
        file_name="pekerja.xlsx",
        sha256="a" * 64,
        size=1000,
        kind="xlsx",
        sheet="Data",
        officer="petugas",
        officer_name="Petugas",
        branch_code="101",
        branch_name="Cabang",
        timezone="Asia/Jakarta",
        generated_at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
        status=status,
        mode=None,
        sponsor=None,
        rows=accepted + rejected,
        blank_rows=0,
        accepted=accepted,
        rejected=rejected,
        with_warnings=0,
        error_counts=(),
        warning_counts=(),
        problems=(),
        problems_truncated=False,
    )


def result(committed: bool = True) -> ImportResult:
    r = report(status="committed" if committed else "refused")
    return ImportResult(r, committed, 7 if committed else None, 3 if committed else 0, None, None)


def walk_to(flow: ImportFlow, step: ImportStep) -> None:
    while flow.step is not step:
        following = flow.following()
        assert following is not None
        flow.step = following


def test_six_steps_in_order_with_the_strip_marks() -> None:
    f = ImportFlow()
    assert STEPS == (
        ImportStep.FILE,
        ImportStep.PREVIEW,
        ImportStep.MAPPING,
        ImportStep.CHECK,
        ImportStep.COMMIT,
        ImportStep.RESULT,
    )
    assert f.step is ImportStep.FILE and f.number == 1 and f.previous() is None
    assert f.following() is ImportStep.PREVIEW
    f.step = ImportStep.CHECK
    assert f.number == 4 and f.previous() is ImportStep.MAPPING and f.following() is ImportStep.COMMIT
    marks = [f.mark(s) for s in STEPS]
    assert marks == [Mark.DONE, Mark.DONE, Mark.DONE, Mark.CURRENT, Mark.TODO, Mark.TODO]
    f.step = ImportStep.RESULT
    assert f.following() is None


def test_what_enter_does_on_each_step() -> None:
    f = ImportFlow()
    actions = []
    for step in STEPS:
        f.step = step
        actions.append(f.action)
    assert actions == [
        Action.READ_FILE,
        Action.NEXT,
        Action.LEAVE_MAPPING,
        Action.NEXT,
        Action.COMMIT,
        Action.RESTART,
    ]


def test_back_is_hidden_on_step_one_and_after_a_commit_but_not_after_a_refusal() -> None:
    f = ImportFlow()
    assert not f.back_visible
    f.step = ImportStep.PREVIEW
    assert f.back_visible
    f.step = ImportStep.RESULT
    f.finished(result(committed=False), None)
    assert f.back_visible and not f.committed  # refused (mode "all", rows rejected): back to fix it
    f.finished(result(committed=True), Path("/tmp/hasil.xlsx"))
    assert f.committed and not f.back_visible  # never committed twice


def test_enter_waits_for_the_columns_and_for_a_row_to_save() -> None:
    f = ImportFlow(step=ImportStep.MAPPING)
    assert not f.primary_enabled
    f.mapping_ok = True
    assert f.primary_enabled
    f.busy = True
    assert not f.primary_enabled
    f.busy = False
    f.step = ImportStep.CHECK
    assert not f.primary_enabled  # no dry run yet
    f.checked(report(accepted=0, rejected=4), ("k",), Path("/tmp/periksa.xlsx"))
    assert not f.primary_enabled  # every row refused: nothing to save
    f.checked(report(accepted=3), ("k",), Path("/tmp/periksa.xlsx"))
    assert f.primary_enabled
    for step in (ImportStep.FILE, ImportStep.PREVIEW, ImportStep.COMMIT, ImportStep.RESULT):
        f.step = step
        assert f.primary_enabled


def test_next_by_shortcut_stops_before_saving_and_ctrl_o_only_on_step_one() -> None:
    f = ImportFlow()
    allowed = {}
    for step in STEPS:
        f.step = step
        allowed[step] = f.next_by_shortcut
    assert [s for s, ok in allowed.items() if ok] == [
        ImportStep.FILE,
        ImportStep.PREVIEW,
        ImportStep.MAPPING,
        ImportStep.CHECK,
    ]
    f.step = ImportStep.FILE
    assert f.can_browse
    f.busy = True
    assert not f.can_browse
    f.busy = False
    f.step = ImportStep.PREVIEW
    assert not f.can_browse


def test_the_check_buttons_follow_the_file_and_the_report() -> None:
    f = ImportFlow(step=ImportStep.CHECK)
    assert not f.can_recheck and not f.check_reports_enabled and not f.result_xlsx_enabled
    f.file_read(info())
    assert f.can_recheck and not f.check_reports_enabled
    f.checked(report(), f.plan_key(), Path("/tmp/periksa.xlsx"))
    assert f.check_reports_enabled and f.check_xlsx == Path("/tmp/periksa.xlsx")
    f.busy = True
    assert not f.can_recheck and not f.check_reports_enabled
    f.busy = False
    f.finished(result(), Path("/tmp/hasil.xlsx"))
    assert f.result_xlsx_enabled
    f.finished(result(), None)  # the commit wrote no report
    assert not f.result_xlsx_enabled


def test_a_dry_run_describes_one_file_sheet_content_and_mapping() -> None:
    f = ImportFlow()
    assert not f.needs_check  # no file read: nothing to check
    f.file_read(info())
    assert f.needs_check
    f.checked(report(), f.plan_key(), Path("/tmp/periksa.xlsx"))
    assert not f.needs_check  # Back to step 3 and on again: the same dry run stands
    f.columns_chosen({"nik": "Identitas", "nama": None}, {"nik": "NIK", "nama": None})
    assert f.mapping == {"nik": "Identitas", "nama": None} and f.needs_check  # other columns
    f.checked(report(), f.plan_key(), Path("/tmp/periksa-2.xlsx"))
    f.columns_chosen({"nik": "NIK"}, {"nik": "NIK"})
    assert f.mapping is None and f.needs_check  # back to what was detected: that mapping was not checked
    f.checked(report(), f.plan_key(), Path("/tmp/periksa-3.xlsx"))
    f.file_changed()  # the commit found the file changed on disk
    assert f.needs_check
    f.check_started()
    assert f.report is None and f.check_xlsx is None


def test_another_file_sheet_or_content_forgets_the_chosen_columns() -> None:
    f = ImportFlow()
    f.file_read(info())
    f.columns_chosen({"nik": "Identitas"}, {"nik": "NIK"})
    f.file_read(info())  # the same file read again
    assert f.mapping == {"nik": "Identitas"}
    for other in (info(path="/data/lain.xlsx"), info(sheet="Lain"), info(sha="b" * 64)):
        f.columns_chosen({"nik": "Identitas"}, {"nik": "NIK"})
        f.file_read(other)
        assert f.mapping is None and f.info == other


def test_reset_starts_over_but_never_while_a_run_is_under_way() -> None:
    f = ImportFlow()
    f.file_read(info())
    walk_to(f, ImportStep.RESULT)
    f.checked(report(), f.plan_key(), Path("/tmp/periksa.xlsx"))
    f.finished(result(), Path("/tmp/hasil.xlsx"))
    f.mapping_ok = True
    f.busy = True
    assert not f.reset() and f.step is ImportStep.RESULT and f.result is not None
    f.busy = False
    assert f.reset()
    assert f == ImportFlow()


def test_the_strings_are_stable() -> None:
    assert [s.value for s in STEPS] == ["FILE", "PREVIEW", "MAPPING", "CHECK", "COMMIT", "RESULT"]
    assert replace(ImportFlow(), step=ImportStep.COMMIT).mark(ImportStep.FILE) == "done"
