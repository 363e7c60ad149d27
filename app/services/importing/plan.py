"""Opening an import file: its sheets, header row, columns and the saved header mappings; the template."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db.import_models import ImportBatch, ImportHeaderMapping
from app.db.models import Member
from app.domain.imports import (
    HEADER_SCAN_ROWS,
    SAMPLE_ROWS,
    ColumnInfo,
    FileInfo,
    ImportFileError,
    RowOutcome,
    check_mapping,
    header_score,
    header_signature,
    is_blank,
    is_hints_row,
    resolve_columns,
)
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.infra.tabular import CellScan, TableReader, UnreadableFileError, open_table
from app.infra.xlsx_out import write_template as _write_template
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor

MODES = ("all", "accepted")
WRITE_CHUNK = 500  # rows per duplicate check and per multi-row INSERT; cancel is polled between chunks
_PROGRESS_EVERY = 250
_SPOOL_BATCH = 500
_DISPLAY_CHARS = 500  # a cell copied into the report is cut here
_BATCH = cast(Table, ImportBatch.__table__)
_MEMBER = cast(Table, Member.__table__)

RowCallback = Callable[[RowOutcome], None]


# --- opening a file -----------------------------------------------------------------------------------


def file_sha256(path: Path) -> tuple[str, int]:
    """The file's SHA-256 and size, to record what was imported and notice the same file twice."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _display(value: Any) -> Any:
    """A cell as the report shows it (JSON-safe; huge text cut)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= _DISPLAY_CHARS else text[:_DISPLAY_CHARS] + "… (dipotong)"


def _text(value: Any) -> str:
    shown = _display(value)
    if shown is None:
        return ""
    if isinstance(shown, float) and shown.is_integer() and abs(shown) < 1e15:
        return str(int(shown))
    return str(shown)


@dataclass
class _Plan:
    """An opened file with its sheet, header row and column mapping decided."""

    reader: TableReader
    info: FileInfo
    columns: tuple[ColumnInfo, ...]
    scan: CellScan

    def close(self) -> None:
        self.reader.close()


def _saved_mapping(ctx: ServiceContext, signature: str) -> dict[str, str | None] | None:
    def work(session: Session) -> dict[str, str | None] | None:
        row = session.get(ImportHeaderMapping, signature)
        return dict(row.mapping) if row is not None else None

    return ctx.read(work)


def _head_rows(reader: TableReader, sheet: str | None) -> list[tuple[int, tuple[Any, ...]]]:
    rows = []
    gen = reader.rows(sheet)
    try:
        for n, values in gen:
            rows.append((n, values))
            if n >= HEADER_SCAN_ROWS + SAMPLE_ROWS * 3:
                break
    finally:
        gen.close()
    return rows


def _find_header(
    rows: list[tuple[int, tuple[Any, ...]]], explicit: Mapping[str, str | None] | None
) -> tuple[int, tuple[Any, ...]] | None:
    best: tuple[int, tuple[Any, ...]] | None = None
    best_score = 0
    for n, values in rows[:HEADER_SCAN_ROWS]:
        score = header_score(values, explicit)
        if score > best_score:
            best, best_score = (n, values), score
    if best is not None and best_score >= 2:
        return best
    return next(((n, v) for n, v in rows if not is_blank(v)), None)


def _open_plan(
    ctx: ServiceContext,
    path: str | Path,
    *,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
) -> _Plan:
    p = Path(path)
    try:
        reader = open_table(p)
    except UnreadableFileError as exc:
        raise ImportFileError(exc.issue) from exc
    try:
        sha, size = file_sha256(p)
        sheets = tuple(reader.sheet_names())
        chosen = sheet
        head: list[tuple[int, tuple[Any, ...]]]
        if chosen is None and reader.kind == "xlsx":
            scored = []
            for name in sheets:
                rows = _head_rows(reader, name)
                scored.append(
                    (
                        max((header_score(v, mapping) for _, v in rows[:HEADER_SCAN_ROWS]), default=0),
                        name,
                        rows,
                    )
                )
            if not scored:
                raise ImportFileError(
                    Issue(
                        "file",
                        "file.no_sheet",
                        msg("File {name} tidak punya lembar yang terlihat.", name=p.name),
                    )
                )
            best = max(scored, key=lambda s: s[0])  # the first of equals wins (workbook order)
            chosen, head = best[1], best[2]
        else:
            head = _head_rows(reader, chosen)
        header = _find_header(head, mapping)
        if header is None:
            where = f"lembar '{chosen}' di " if chosen else ""
            raise ImportFileError(
                Issue(
                    "file",
                    "file.no_rows",
                    msg("Tidak ada data di {where}{name}: semua baris kosong.", where=where, name=p.name),
                )
            )
        header_row, header_values = header
        headers = ["" if h is None else " ".join(str(h).split()) for h in header_values]
        while headers and not headers[-1]:
            headers.pop()
        signature = header_signature(headers)
        saved = _saved_mapping(ctx, signature)
        columns, issues = resolve_columns(headers, explicit=mapping, saved=saved)
        source = "explicit" if mapping else ("saved" if saved else "auto")
        scan = reader.scan(chosen)
        notes = _scan_notes(scan, header_row, columns)
        issues[:0] = [n for n in notes if n.code == "file.header_merged"]  # the cause of the others
        samples: list[tuple[str, ...]] = []
        for n, values in head:
            if n <= header_row or is_blank(values):
                continue
            mapped_cells = {c.key: values[c.index] for c in columns if c.key and c.index < len(values)}
            if not samples and is_hints_row(cast(dict[str, object], mapped_cells)):
                continue  # the template's hints row is not data
            samples.append(tuple(_text(values[c.index]) if c.index < len(values) else "" for c in columns))
            if len(samples) >= SAMPLE_ROWS:
                break
        estimate = reader.estimated_rows(chosen)
        info = FileInfo(
            path=str(p),
            file_name=p.name,
            kind=reader.kind,
            size=size,
            sha256=sha,
            encoding=reader.encoding,
            delimiter=reader.delimiter,
            sheets=sheets,
            sheet=chosen,
            header_row=header_row,
            columns=columns,
            mapping_source=source,
            signature=signature,
            sample_rows=tuple(samples),
            estimated_rows=max(0, estimate - header_row) if estimate is not None else None,
            issues=tuple(issues),
            notes=tuple(n for n in notes if n.code != "file.header_merged"),
        )
        return _Plan(reader, info, columns, scan)
    except UnreadableFileError as exc:
        reader.close()
        raise ImportFileError(exc.issue) from exc
    except BaseException:
        reader.close()
        raise


def _scan_notes(scan: CellScan, header_row: int, columns: Sequence[ColumnInfo]) -> list[Issue]:
    notes = []
    mapped = {c.index for c in columns if c.key}
    header_merges = [
        m for m in scan.merged if m[0] <= header_row <= m[2] and any(m[1] <= i <= m[3] for i in mapped)
    ]
    if header_merges:
        notes.append(
            Issue(
                "file",
                "file.header_merged",
                "Judul kolom memakai sel yang digabung (merge). Pisahkan sel judul sehingga setiap "
                "kolom punya satu judul, lalu impor lagi.",
            )
        )
    data_merges = [m for m in scan.merged if m[2] > header_row and m not in header_merges]
    if data_merges:
        notes.append(
            Issue(
                "file",
                "file.merged_cells",
                msg(
                    "{count} kelompok sel digabung (merge) di baris data; baris yang terkena ditolak.",
                    count=len(data_merges),
                ),
            )
        )
    if scan.formula_cells:
        missing = len(scan.formulas_without_value)
        notes.append(
            Issue(
                "file",
                "file.formulas",
                f"{scan.formula_cells} sel berisi rumus; dipakai nilai hasil hitungannya"
                + (f", {missing} sel tanpa nilai tersimpan ditolak." if missing else "."),
            )
        )
    return notes


def inspect_file(
    ctx: ServiceContext,
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> FileInfo:
    """What a file holds, for the wizard's preview and mapping steps. Reads only its first rows.

    Raises ``ImportFileError`` when the file cannot be read at all; mapping problems (required
    columns missing, a key fed twice) come back in ``FileInfo.issues`` so the wizard can fix them.
    """
    plan = _open_plan(ctx, path, sheet=sheet, mapping=mapping)
    plan.close()
    return plan.info


# --- saved header mappings ---------------------------------------------------------------------------


def _upsert_mapping(
    session: Session,
    ctx: ServiceContext,
    actor: Actor | None,
    headers: Sequence[str],
    mapping: Mapping[str, str | None],
) -> None:
    signature = header_signature(headers)
    row = session.get(ImportHeaderMapping, signature)
    if row is None:
        session.add(
            ImportHeaderMapping(
                signature=signature,
                mapping=dict(mapping),
                headers=list(headers),
                updated_at=ctx.clock(),
                updated_by_id=actor.id if actor else None,
                uses=1,
            )
        )
    else:
        row.mapping = dict(mapping)
        row.updated_at = ctx.clock()
        row.updated_by_id = actor.id if actor else None
        row.uses = row.uses + 1
    session.flush()


def save_header_mapping(
    ctx: ServiceContext, actor: Actor, headers: Sequence[str], mapping: Mapping[str, str | None]
) -> None:
    """Remember header → key for the next file with the same headers (the wizard's mapping step)."""
    authorize(ctx, actor, Permission.ENROL)
    issues = check_mapping(mapping)
    if issues:
        raise DomainError(issues)
    ctx.write(lambda s: _upsert_mapping(s, ctx, actor, headers, mapping))


# --- the template --------------------------------------------------------------------------------------


def write_template(ctx: ServiceContext, dest: str | Path) -> Path:
    """An empty XLSX with the intake keys as headers, a hints row, comments and pick lists."""
    return _write_template(Path(dest), [(o.code, o.name) for o in ctx.reference.occupations.items])
