"""The import use cases: the dry run and the commit in one transaction, and the report PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.engine import tune_for_bulk_load
from app.domain.clock import business_date
from app.domain.imports import (
    ROW_LIMIT,
    ImportFileError,
    ImportReport,
    ImportResult,
    Sponsor,
    mapping_of,
)
from app.domain.intake import IntakeRecord
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.infra.workspace import write_private_file
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch import cached_branch
from app.services.branch_read import BranchNotSetUpError
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO
from app.services.duplicates import (
    audit_override,
    check_override,
)
from app.services.enrolment import (
    WrittenMember,
    allocate_serials,
    write_members,
)
from app.services.importing.checks import _check_database
from app.services.importing.plan import (
    _BATCH,
    MODES,
    WRITE_CHUNK,
    RowCallback,
    _open_plan,
    _Plan,
    _upsert_mapping,
)
from app.services.importing.report import _Decisions, _emit
from app.services.importing.rows import _Checked, _read_rows
from app.services.outreach_sync import check_enrolment_allowed
from app.services.records_dto import DuplicateOverride

# --- the services -----------------------------------------------------------------------------------------


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _branch(ctx: ServiceContext) -> BranchDTO:
    branch = cached_branch(ctx)
    if branch is None:
        raise BranchNotSetUpError()
    return branch


def validate_import(
    ctx: ServiceContext,
    actor: Actor,
    path: str | Path,
    mapping: Mapping[str, str | None] | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    *,
    sheet: str | None = None,
    sponsor: Sponsor | None = None,
    row_limit: int = ROW_LIMIT,
    report_xlsx: str | Path | None = None,
    on_row: RowCallback | None = None,
    override: DuplicateOverride | None = None,
    override_rows: Iterable[int] = (),
) -> ImportReport:
    """The dry run: every row checked exactly as the intake form checks it, plus duplicates inside
    the file and against the database. Nothing is written to the database. ``override`` with
    ``override_rows`` (spreadsheet row numbers): a supervisor allows those likely duplicates.

    ``on_row`` receives every row's outcome in file order (the CLI prints them); the report keeps
    the counts and the first ``MAX_PROBLEM_ROWS`` problem rows; ``report_xlsx`` gets every row.
    Raises ``ImportFileError`` (nothing read) or ``Cancelled``.
    """
    authorize(ctx, actor, Permission.ENROL)
    check_enrolment_allowed(ctx)  # an outreach laptop past its sync limit takes no new members
    allowed_rows = _check_import_override(ctx, override, override_rows)
    branch = _branch(ctx)
    plan = _open_plan(ctx, path, sheet=sheet, mapping=mapping)
    checked = _read_or_close(
        ctx,
        plan,
        branch,
        sponsor=sponsor,
        row_limit=row_limit,
        progress=progress,
        cancel=cancel,
        keep_values=report_xlsx is not None,
        override=override,
        override_rows=allowed_rows,
    )
    try:
        return _emit(
            ctx,
            actor,
            branch,
            checked,
            _Decisions(),
            status="checked",
            mode=None,
            sponsor=sponsor,
            report_xlsx=report_xlsx,
            on_row=on_row,
            progress=progress,
            session_checks=True,
        )
    finally:
        checked.close()


def _check_import_override(
    ctx: ServiceContext, override: DuplicateOverride | None, rows: Iterable[int]
) -> frozenset[int]:
    """Rows a supervisor allows despite likely duplicates: only with the supervisor's override."""
    allowed = frozenset(rows)
    if allowed and override is None:
        raise DomainError(
            Issue(
                "override",
                "duplicate.override_missing",
                "Baris yang mirip peserta lain hanya boleh disimpan dengan persetujuan supervisor.",
            )
        )
    if override is not None:
        check_override(ctx, override)
        if not allowed:
            raise DomainError(
                Issue("override", "duplicate.override_rows", "Sebutkan baris yang disetujui supervisor.")
            )
    return allowed


class _Refused(Exception):  # noqa: N818 - internal signal: roll back, nothing is written
    pass


def _record_sponsored_payment(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    batch_id: int,
    sponsor: Sponsor,
    members: Sequence[WrittenMember],
    records: Sequence[IntakeRecord],
    day: dt.date,
) -> None:
    """Record the sponsor's payment for these members, in the import's own transaction.

    Called once per chunk of members just written (≤ ``WRITE_CHUNK``, well under the sponsor
    batch limit), so a large import gets one sponsor receipt (TBS) per chunk, each listing its
    members. Budget (APBD) payments get no PP 50/2025 discount; coverage starts in the enrolment
    month. A refusal (``DomainError``) rolls the whole import back: all or nothing.
    """
    from app.domain.months import Month
    from app.services.contributions import write_sponsored_payment

    write_sponsored_payment(
        session,
        ctx,
        actor,
        name=sponsor.name,
        wanted=[m.number for m in members],
        months=sponsor.months,
        method="apbd",
        ref=f"IMPOR-{batch_id}",
        start=Month.of(day),
    )


def commit_import(
    ctx: ServiceContext,
    actor: Actor,
    path: str | Path,
    mapping: Mapping[str, str | None] | None,
    mode: str,
    sponsor: Sponsor | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    *,
    sheet: str | None = None,
    row_limit: int = ROW_LIMIT,
    report_xlsx: str | Path | None = None,
    on_row: RowCallback | None = None,
    expected_sha256: str | None = None,
    override: DuplicateOverride | None = None,
    override_rows: Iterable[int] = (),
) -> ImportResult:
    """Check every row again and write the accepted ones in ONE transaction.

    ``mode="all"``: any rejected row (in the file, or a duplicate found in the database at commit
    time) means nothing is written. ``mode="accepted"``: only the rows that pass are written.
    Numbers come as one contiguous range; each member gets a ``member.enrol`` audit event naming
    the batch and row, the batch gets an ``import_batch`` row and an ``import.commit`` event.
    A cancel or crash before the commit leaves the database as it was.
    ``expected_sha256`` (from the dry run) refuses a file that changed since it was checked.
    """
    if mode not in MODES:
        raise DomainError(
            Issue("mode", "import.mode", "Pilih mode impor: 'all' (semua atau tidak) atau 'accepted'.")
        )
    authorize(ctx, actor, Permission.ENROL)
    check_enrolment_allowed(ctx)  # an outreach laptop past its sync limit takes no new members
    allowed_rows = _check_import_override(ctx, override, override_rows)
    branch = _branch(ctx)
    plan = _open_plan(ctx, path, sheet=sheet, mapping=mapping)
    if expected_sha256 and expected_sha256 != plan.info.sha256:
        plan.close()
        raise ImportFileError(
            Issue(
                "file",
                "file.changed",
                msg(
                    "File {file_name} berubah sejak diperiksa. Periksa (dry run) ulang sebelum menyimpan.",
                    file_name=plan.info.file_name,
                ),
            )
        )
    checked = _read_or_close(
        ctx,
        plan,
        branch,
        sponsor=sponsor,
        row_limit=row_limit,
        progress=progress,
        cancel=cancel,
        keep_values=report_xlsx is not None,
        override=override,
        override_rows=allowed_rows,
    )
    try:
        return _commit_checked(
            ctx,
            actor,
            branch,
            checked,
            mode=mode,
            sponsor=sponsor,
            report_xlsx=report_xlsx,
            on_row=on_row,
            progress=progress,
            cancel=cancel,
        )
    finally:
        checked.close()


def _commit_checked(
    ctx: ServiceContext,
    actor: Actor,
    branch: BranchDTO,
    checked: _Checked,
    *,
    mode: str,
    sponsor: Sponsor | None,
    report_xlsx: str | Path | None,
    on_row: RowCallback | None,
    progress: ProgressSink,
    cancel: CancelToken,
) -> ImportResult:
    # Any rejected row or repeated NIK already refuses mode "all" before the database is touched.
    refused = mode == "all" and (checked.rejected > 0 or bool(checked.repeated) or bool(checked.resembling))
    nothing = False
    decisions = _Decisions()

    def work(session: Session) -> None:
        _write_batch(
            session,
            ctx,
            actor,
            branch,
            checked,
            decisions,
            mode=mode,
            sponsor=sponsor,
            progress=progress,
            cancel=cancel,
        )

    if not refused:
        for attempt in range(3):
            try:
                ctx.write(work)
                break
            except _NothingWritten:
                nothing = True
                break
            except _Refused:
                refused = True
                break
            except IntegrityError:
                # PostgreSQL: a counter enrolled one of these NIKs after our check; check again.
                if attempt == 2:
                    raise
    if refused or nothing:
        # Rolled back (or never begun): the report checks the database again, read-only.
        report = _emit(
            ctx,
            actor,
            branch,
            checked,
            _Decisions(),
            status="refused",
            mode=mode,
            sponsor=sponsor,
            report_xlsx=report_xlsx,
            on_row=on_row,
            progress=progress,
            session_checks=True,
        )
        if refused:
            reason = Issue(
                "import",
                "import.refused_all",
                msg(
                    "Mode semua-atau-tidak: {count} baris ditolak, jadi tidak ada yang disimpan. Perbaiki baris tersebut, atau pilih mode 'accepted' untuk menyimpan baris yang lolos saja.",
                    count=_count(report.rejected),
                ),
            )
        else:
            reason = Issue(
                "import",
                "import.nothing_accepted",
                "Tidak ada baris yang lolos pemeriksaan; tidak ada yang disimpan.",
            )
        return ImportResult(report, False, None, 0, None, None, reason)
    report = _emit(
        ctx,
        actor,
        branch,
        checked,
        decisions,
        status="committed",
        mode=mode,
        sponsor=sponsor,
        report_xlsx=report_xlsx,
        on_row=on_row,
        progress=progress,
        session_checks=False,
    )
    return ImportResult(
        report, True, decisions.batch_id, decisions.enrolled, decisions.first_number, decisions.last_number
    )


class _NothingWritten(Exception):  # noqa: N818 - internal signal: every row was refused
    pass


def _write_batch(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    branch: BranchDTO,
    checked: _Checked,
    decisions: _Decisions,
    *,
    mode: str,
    sponsor: Sponsor | None,
    progress: ProgressSink,
    cancel: CancelToken,
) -> None:
    """Everything of one import inside the caller's single transaction (``ctx.write``)."""
    from app.domain.membership import make_number

    decisions.extra.clear()
    decisions.first_serial = None
    decisions.enrolled = 0
    decisions.written = bytearray(checked.rows)
    info = checked.plan.info
    now = ctx.clock()
    day = business_date(now, branch.timezone)
    conn = session.connection()
    tune_for_bulk_load(conn)  # thousands of random-key index inserts into a big member table
    batch_id = int(
        conn.execute(
            insert(_BATCH).returning(_BATCH.c.id),
            {
                "branch_id": branch.id,
                "file_name": info.file_name[:255],
                "file_sha256": info.sha256,
                "file_kind": info.kind,
                "sheet": (info.sheet or None) and str(info.sheet)[:100],
                "mode": mode,
                "rows_total": checked.rows,
                "rows_enrolled": 0,
                "rows_rejected": 0,
                "first_number": None,
                "last_number": None,
                "sponsor_name": sponsor.name if sponsor else None,
                "sponsor_months": sponsor.months if sponsor else None,
                "officer_id": actor.id,
                "counter": ctx.counter,
                "committed_at": now,
                "business_date": day,
            },
        ).scalar_one()
    )
    expected = checked.rows - checked.rejected
    written = 0
    for chunk in checked.spool.chunks(WRITE_CHUNK, records=True):
        if cancel.cancelled:
            raise Cancelled()
        found = _check_database(session, ctx, chunk, branch, checked.override_rows, checked.allowed)
        decisions.extra.update(found)
        records: list[IntakeRecord] = []
        details: list[dict[str, Any]] = []
        for entry in chunk:
            refused_here = entry["n"] in found and found[entry["n"]][0]  # errors, not mere warnings
            ok = (
                entry["ok"]
                and not refused_here
                and entry["n"] not in checked.resembling
                and not (entry["k"] and entry["k"] in checked.repeated)
            )
            if not ok:
                if mode == "all":
                    raise _Refused()
                continue
            records.append(entry["r"])
            decisions.written[entry["i"]] = 1
            details.append({"import_batch": batch_id, "row": entry["n"]})
        if not records:
            continue
        first = allocate_serials(session, branch, len(records))
        if decisions.first_serial is None:
            decisions.first_serial = first
        members = write_members(
            session, ctx, actor, records, branch, first_serial=first, audit_details=details, now=now
        )
        if checked.override is not None:
            for written_member, detail in zip(members, details, strict=True):
                resembled = checked.allowed.get(detail["row"])
                if resembled:
                    audit_override(
                        session,
                        ctx,
                        actor,
                        checked.override,
                        written_member.number,
                        written_member.member_id,
                        resembled,
                        import_batch=batch_id,
                        row=detail["row"],
                    )
        if sponsor is not None:
            _record_sponsored_payment(
                session,
                ctx,
                actor,
                batch_id=batch_id,
                sponsor=sponsor,
                members=members,
                records=records,
                day=day,
            )
        written += len(members)
        progress(written, max(expected, written), f"Menyimpan {written:,} peserta…".replace(",", "."))
    if cancel.cancelled:
        raise Cancelled()
    if written == 0:
        raise _NothingWritten()
    assert decisions.first_serial is not None
    decisions.enrolled = written
    decisions.batch_id = batch_id
    decisions.first_number = make_number(branch.code, decisions.first_serial).value
    decisions.last_number = make_number(branch.code, decisions.first_serial + written - 1).value
    rejected = checked.rows - written
    conn.execute(
        update(_BATCH)
        .where(_BATCH.c.id == batch_id)
        .values(
            rows_enrolled=written,
            rows_rejected=rejected,
            first_number=decisions.first_number,
            last_number=decisions.last_number,
        )
    )
    if info.mapping_source != "auto" or any(c.source == "saved" for c in checked.plan.columns):
        _upsert_mapping(session, ctx, actor, info.headers, mapping_of(checked.plan.columns))
    append_event(
        session,
        ctx,
        actor=actor,
        action="import.commit",
        entity="import_batch",
        entity_id=str(batch_id),
        details={
            "file": info.file_name,
            "sha256": info.sha256,
            "kind": info.kind,
            "sheet": info.sheet,
            "mode": mode,
            "rows": checked.rows,
            "enrolled": written,
            "rejected": rejected,
            "first": decisions.first_number,
            "last": decisions.last_number,
            "sponsor": sponsor.name if sponsor else None,
            "months": sponsor.months if sponsor else None,
        },
        at=now,
    )


def render_report_pdf(report: ImportReport) -> bytes:
    """The PDF summary (counts by status and code, first errors, file hash, officer, time)."""
    from app.infra.paths import resources_dir
    from app.pdf import fonts
    from app.pdf.import_report import render_import_report

    fonts.register(resources_dir() / "fonts")
    return render_import_report(report)


def write_report_pdf(ctx: ServiceContext, report: ImportReport, dest: str | Path) -> Path:
    """The PDF summary, written whole or not at all, readable by this account only (0600)."""
    return write_private_file(ctx.paths, Path(dest), render_report_pdf(report))


def _read_or_close(ctx: ServiceContext, plan: _Plan, branch: BranchDTO, **options: Any) -> _Checked:
    """Every row of the file checked (``_read_rows``); the file is closed if checking stops."""
    try:
        return _read_rows(ctx, plan, branch, **options)
    except BaseException:
        plan.close()
        raise
