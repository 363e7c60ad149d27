"""The import report: each row's outcome, the tallies, and what a commit decided per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain.imports import (
    MAX_PROBLEM_ROWS,
    ImportReport,
    RowOutcome,
    Sponsor,
    count_codes,
)
from app.domain.issues import Issue
from app.domain.nik import mask_nik
from app.domain.progress import ProgressSink
from app.infra.xlsx_out import RowReportWriter
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO
from app.services.importing.checks import _check_database, _in_file_duplicate, _likely_in_file
from app.services.importing.plan import WRITE_CHUNK, RowCallback
from app.services.importing.rows import _Checked, _issues_from

# --- the report -------------------------------------------------------------------------------------------


@dataclass
class _Tally:
    accepted: int = 0
    rejected: int = 0
    with_warnings: int = 0
    errors: dict[str, list[Any]] = field(default_factory=dict)
    warnings: dict[str, list[Any]] = field(default_factory=dict)
    problems: list[RowOutcome] = field(default_factory=list)
    truncated: bool = False

    def add(self, outcome: RowOutcome) -> None:
        if outcome.ok:
            self.accepted += 1
        else:
            self.rejected += 1
        if outcome.warnings:
            self.with_warnings += 1
        for bucket, issues in ((self.errors, outcome.errors), (self.warnings, outcome.warnings)):
            for code in {i.code for i in issues}:
                first = next(i for i in issues if i.code == code)
                slot = bucket.setdefault(code, [0, first.field, first.message])
                slot[0] += 1
        if outcome.errors or outcome.warnings:
            if len(self.problems) < MAX_PROBLEM_ROWS:
                self.problems.append(outcome)
            else:
                self.truncated = True


@dataclass
class _Decisions:
    """What the database checks (and a commit) decided about rows, by spreadsheet row number."""

    extra: dict[int, tuple[list[Issue], list[Issue]]] = field(default_factory=dict)
    first_serial: int | None = None
    enrolled: int = 0
    written: bytearray = field(default_factory=bytearray)  # by row index: 1 = in the database
    batch_id: int | None = None
    first_number: str | None = None
    last_number: str | None = None


def _outcome(
    entry: dict[str, Any], checked: _Checked, decisions: _Decisions, *, status_ok: str
) -> RowOutcome:
    errors = list(_issues_from(entry["e"]))
    warnings = list(_issues_from(entry["w"]))
    if entry["k"] and entry["k"] in checked.repeated:
        errors.append(_in_file_duplicate(checked.repeated[entry["k"]]))
    if entry["n"] in checked.resembling:
        errors.append(_likely_in_file(checked.resembling[entry["n"]]))
    extra = decisions.extra.get(entry["n"])
    if extra:
        errors.extend(extra[0])
        warnings.extend(extra[1])
    ok = entry["ok"] and not errors
    return RowOutcome(
        row=entry["n"],
        index=entry["i"],
        status=status_ok if ok else "rejected",
        errors=tuple(errors),
        warnings=tuple(warnings),
        nik=mask_nik(entry["k"]) if entry["k"] else None,
    )


def _check_written(decisions: _Decisions, entry: dict[str, Any], ok: bool) -> None:
    """The report numbers rows in the order they were written; it must agree with the write."""
    if bool(decisions.written[entry["i"]]) != ok:
        raise RuntimeError(f"import report disagrees with the committed rows at row {entry['n']}")


def _emit(
    ctx: ServiceContext,
    actor: Actor,
    branch: BranchDTO,
    checked: _Checked,
    decisions: _Decisions,
    *,
    status: str,
    mode: str | None,
    sponsor: Sponsor | None,
    report_xlsx: str | Path | None,
    on_row: RowCallback | None,
    progress: ProgressSink,
    session_checks: bool,
) -> ImportReport:
    """The last pass over the spool: final status per row, numbers, the XLSX report, the summary."""
    from app.domain.membership import make_number

    tally = _Tally()
    writer = (
        RowReportWriter(Path(report_xlsx), checked.plan.info.headers, paths=ctx.paths)
        if report_xlsx
        else None
    )
    committed = status == "committed"
    quiet = writer is None and on_row is None
    serial = decisions.first_serial
    done = 0

    def run(session: Session | None) -> None:
        nonlocal serial, done
        for chunk in checked.spool.chunks(WRITE_CHUNK, records=session is not None):
            if session is not None:
                decisions.extra.update(_check_database(session, ctx, chunk, branch, checked.override_rows))
            for entry in chunk:
                if (
                    quiet
                    and entry["ok"]
                    and not entry["e"]
                    and not entry["w"]
                    and entry["n"] not in decisions.extra
                    and entry["n"] not in checked.resembling
                    and not (entry["k"] and entry["k"] in checked.repeated)
                ):
                    # A clean row nobody needs to see: only counted (and numbered, in sequence).
                    tally.accepted += 1
                    if committed:
                        _check_written(decisions, entry, True)
                        assert serial is not None
                        serial += 1
                    continue
                outcome = _outcome(entry, checked, decisions, status_ok="enrolled" if committed else "valid")
                if committed:
                    _check_written(decisions, entry, outcome.ok)
                if committed and outcome.ok:
                    assert serial is not None
                    outcome = RowOutcome(
                        outcome.row,
                        outcome.index,
                        outcome.status,
                        make_number(branch.code, serial).value,
                        outcome.errors,
                        outcome.warnings,
                        outcome.nik,
                    )
                    serial += 1
                tally.add(outcome)
                if writer is not None:
                    writer.add(outcome, entry["v"])
                if on_row is not None:
                    on_row(outcome)
            done += len(chunk)
            progress(done, checked.rows, f"Menyusun laporan {done:,}/{checked.rows:,}".replace(",", "."))

    if session_checks:
        ctx.read(run)
    else:
        run(None)
    if writer is not None:
        writer.close()
    info = checked.plan.info
    return ImportReport(
        file_name=info.file_name,
        sha256=info.sha256,
        size=info.size,
        kind=info.kind,
        sheet=info.sheet,
        officer=actor.username,
        officer_name=actor.full_name,
        branch_code=branch.code,
        branch_name=branch.name,
        timezone=branch.timezone,
        generated_at=ctx.clock(),
        status=status,
        mode=mode,
        sponsor=sponsor,
        rows=checked.rows,
        blank_rows=checked.blank_rows,
        accepted=tally.accepted,
        rejected=tally.rejected,
        with_warnings=tally.with_warnings,
        error_counts=count_codes(tally.errors),
        warning_counts=count_codes(tally.warnings),
        problems=tuple(tally.problems),
        problems_truncated=tally.truncated,
        enrolled=decisions.enrolled,
        first_number=decisions.first_number,
        last_number=decisions.last_number,
        batch_id=decisions.batch_id,
    )
