"""Bulk enrolment from spreadsheets: inspect a file, check every row (dry run), commit in one transaction.

The flow a wizard or ``loket import`` follows::

    info = inspect_file(ctx, path)                        # sheets, headers, samples, suggested mapping
    report = validate_import(ctx, actor, path, mapping)   # every row checked; nothing written
    result = commit_import(ctx, actor, path, mapping, mode="accepted")

Rows are streamed: the file is read once per call, each row validated with the intake form's
rules and spooled (one JSON line) to a private temporary file, so memory stays flat however long
the file is. The database is checked for duplicates in chunks, and a commit writes every accepted
row in ONE transaction: a crash, a cancel or a refused row leaves the database exactly as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, ParamSpec, TypeVar, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.bulk import select_by_pairs, stored_value
from app.db.engine import tune_for_bulk_load
from app.db.import_models import ImportBatch, ImportHeaderMapping
from app.db.models import Member
from app.domain.clock import business_date
from app.domain.imports import (
    HEADER_SCAN_ROWS,
    MAX_PROBLEM_ROWS,
    ROW_LIMIT,
    SAMPLE_ROWS,
    CodeCount,
    ColumnInfo,
    FileInfo,
    ImportFileError,
    ImportReport,
    ImportResult,
    RowOutcome,
    Sponsor,
    check_mapping,
    coerce_cells,
    count_codes,
    header_score,
    header_signature,
    is_blank,
    is_hints_row,
    mapping_of,
    names_similar,
    resolve_columns,
)
from app.domain.intake import Heir, IntakeRecord
from app.domain.issues import DomainError, Issue
from app.domain.nik import NikInfo, clean_nik, mask_nik
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.regions import RegionDirectory
from app.domain.roles import Permission
from app.infra.heap import bulk_gc
from app.infra.paths import AppPaths
from app.infra.tabular import CellScan, TableReader, UnreadableFileError, open_table
from app.infra.workspace import create_private, work_area, write_private_file
from app.infra.xlsx_out import RowReportWriter
from app.infra.xlsx_out import write_template as _write_template
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch import cached_branch
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO
from app.services.enrolment import (
    BranchNotSetUpError,
    WrittenMember,
    allocate_serials,
    validate_record,
    write_members,
)

MODES = ("all", "accepted")
WRITE_CHUNK = 500  # rows per duplicate check and per multi-row INSERT; cancel is polled between chunks
_PROGRESS_EVERY = 250
_SPOOL_BATCH = 500
_DISPLAY_CHARS = 500  # a cell copied into the report is cut here
_BATCH = cast(Table, ImportBatch.__table__)
_MEMBER = cast(Table, Member.__table__)

RowCallback = Callable[[RowOutcome], None]
P = ParamSpec("P")
R = TypeVar("R")


# --- opening a file -----------------------------------------------------------------------------------


def file_sha256(path: Path) -> tuple[str, int]:
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
                    Issue("file", "file.no_sheet", f"File {p.name} tidak punya lembar yang terlihat.")
                )
            best = max(scored, key=lambda s: s[0])  # the first of equals wins (workbook order)
            chosen, head = best[1], best[2]
        else:
            head = _head_rows(reader, chosen)
        header = _find_header(head, mapping)
        if header is None:
            where = f"lembar '{chosen}' di " if chosen else ""
            raise ImportFileError(
                Issue("file", "file.no_rows", f"Tidak ada data di {where}{p.name}: semua baris kosong.")
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
                f"{len(data_merges)} kelompok sel digabung (merge) di baris data; baris yang terkena ditolak.",
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


def saved_header_mapping(ctx: ServiceContext, headers: Sequence[str]) -> dict[str, str | None] | None:
    return _saved_mapping(ctx, header_signature(headers))


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


# --- reading and checking every row -------------------------------------------------------------------


def _record_tuple(rec: IntakeRecord) -> tuple[Any, ...]:
    """A validated record as plain values for the spool (rebuilt by ``_record_from_tuple``)."""
    i = rec.nik_info
    return (
        rec.nik,
        rec.nama,
        rec.tempat_lahir,
        rec.tanggal_lahir,
        rec.jenis_kelamin,
        rec.nama_ibu,
        rec.no_hp,
        rec.alamat,
        rec.kode_wilayah,
        rec.pekerjaan,
        rec.segmen,
        rec.npp,
        rec.penghasilan,
        rec.program,
        rec.bulan_bayar,
        rec.sumber_dana,
        rec.kanal,
        tuple((h.nama, h.hubungan) for h in rec.ahli_waris),
        (
            i.province_code,
            i.regency_code,
            i.district_code,
            i.province,
            i.regency,
            i.district,
            i.birth_date,
            i.gender,
            i.serial,
        ),
    )


def _record_from_tuple(t: Sequence[Any]) -> IntakeRecord:
    n = t[18]
    heirs = tuple(Heir(a, b) for a, b in t[17])
    return IntakeRecord(*t[:17], heirs, NikInfo(t[0], *n))  # type: ignore[call-arg]


def _issues_json(issues: Sequence[Issue]) -> list[tuple[str, str, str]]:
    return [(i.field, i.code, i.message) for i in issues]


def _issues_from(data: Sequence[Sequence[str]]) -> tuple[Issue, ...]:
    if not data:
        return ()
    return tuple(Issue(a, b, c) for a, b, c in data)


def _dump(f: IO[bytes], obj: Any) -> None:
    f.write(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def _loads(f: IO[bytes]) -> Iterator[Any]:
    while True:
        try:
            # Our own spool, written by this process into its private folder a moment ago.
            yield pickle.load(f)  # noqa: S301
        except EOFError:
            return


class _Spool:
    """Checked rows in a private work folder of Loket's data folder (0700, files 0600), deleted when
    closed, and by the next start if this process is killed first (``app.infra.workspace``).

    Two files read in lockstep: the row entries (status, issues, report values) and the records
    of the valid rows, so the last pass after a commit reads only the first. Pickled plain values
    in batches of ``_SPOOL_BATCH`` rows: memory holds one batch, never the file.
    """

    def __init__(self, paths: AppPaths) -> None:
        self._stack = contextlib.ExitStack()
        folder = self._stack.enter_context(work_area(paths, "import"))
        self.rows_path = create_private(folder / "rows.bin")
        self.records_path = create_private(folder / "records.bin")
        self._rows: IO[bytes] | None = self.rows_path.open("wb")
        self._records: IO[bytes] | None = self.records_path.open("wb")
        self._row_batch: list[dict[str, Any]] = []
        self._record_batch: list[tuple[Any, ...]] = []

    def add(self, entry: dict[str, Any], record: IntakeRecord | None) -> None:
        entry["ok"] = record is not None
        self._row_batch.append(entry)
        if record is not None:
            self._record_batch.append(_record_tuple(record))
        if len(self._row_batch) >= _SPOOL_BATCH:
            self._flush()

    def _flush(self) -> None:
        assert self._rows is not None and self._records is not None
        if self._row_batch:
            _dump(self._rows, self._row_batch)
            _dump(self._records, self._record_batch)  # one list per batch, even empty: lockstep
            self._row_batch, self._record_batch = [], []

    def finish(self) -> None:
        if self._rows is not None:
            self._flush()
        for f in (self._rows, self._records):
            if f is not None:
                f.close()
        self._rows = self._records = None

    def entries(self, *, records: bool) -> Iterator[dict[str, Any]]:
        """Every row's entry; with ``records``, ``entry["r"]`` holds a valid row's record (else None)."""
        with self.rows_path.open("rb") as rows, self.records_path.open("rb") as recs:
            stored = _loads(recs) if records else None
            for batch in _loads(rows):
                kept = iter(next(stored)) if stored is not None else None
                for entry in batch:
                    entry["r"] = _record_from_tuple(next(kept)) if kept is not None and entry["ok"] else None
                    yield entry

    def chunks(self, size: int, *, records: bool) -> Iterator[list[dict[str, Any]]]:
        chunk: list[dict[str, Any]] = []
        for entry in self.entries(records=records):
            chunk.append(entry)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        self.finish()
        self._stack.close()


@dataclass
class _Checked:
    """The outcome of reading every row once (pass 1), before the database is asked anything."""

    plan: _Plan
    spool: _Spool
    rows: int = 0
    blank_rows: int = 0
    hint_rows: int = 0
    rejected: int = 0
    first_row: dict[str, int] = field(default_factory=dict)  # NIK → first row holding it
    repeated: dict[str, list[int]] = field(default_factory=dict)  # NIK → every row holding it (when > 1)

    def close(self) -> None:
        self.spool.close()
        self.plan.close()


def _merged_rows(
    scan: CellScan, header_row: int, columns: Sequence[ColumnInfo]
) -> dict[int, list[ColumnInfo]]:
    """Data rows touched by a merged range over a mapped column (bounded by the row limit)."""
    hits: dict[int, list[ColumnInfo]] = {}
    mapped = [c for c in columns if c.key]
    for r1, c1, r2, c2 in scan.merged:
        cols = [c for c in mapped if c1 <= c.index <= c2]
        if not cols or r2 <= header_row:
            continue
        for r in range(max(r1, header_row + 1), r2 + 1):
            hits.setdefault(r, []).extend(cols)
    return hits


def _read_rows(
    ctx: ServiceContext,
    plan: _Plan,
    branch: BranchDTO,
    *,
    sponsor: Sponsor | None,
    row_limit: int,
    progress: ProgressSink,
    cancel: CancelToken,
    keep_values: bool,
) -> _Checked:
    """Pass 1: stream the rows, validate each with the intake rules, spool the results."""
    info = plan.info
    # Too big is said first: no mapping makes a million rows importable in one go.
    if info.estimated_rows is not None and info.estimated_rows > row_limit and info.kind == "xlsx":
        raise ImportFileError(_too_many(info.file_name, info.estimated_rows, row_limit, exact=False))
    if info.kind == "csv" and info.estimated_rows is not None and info.estimated_rows > row_limit:
        _count_csv_records(plan, row_limit)
    if info.issues:
        raise ImportFileError(list(info.issues))
    checked = _Checked(plan, _Spool(ctx.paths))
    try:
        _read_into(
            ctx,
            checked,
            branch,
            sponsor=sponsor,
            row_limit=row_limit,
            progress=progress,
            cancel=cancel,
            keep_values=keep_values,
        )
    except BaseException:
        checked.spool.close()
        raise
    checked.spool.finish()
    if checked.rows == 0:
        checked.spool.close()
        where = f"lembar '{info.sheet}' di " if info.sheet else ""
        raise ImportFileError(
            Issue(
                "file",
                "file.no_rows",
                f"Tidak ada baris data di {where}{info.file_name} (hanya judul kolom).",
            )
        )
    return checked


def _too_many(name: str, rows: int, limit: int, *, exact: bool) -> Issue:
    amount = f"{rows:,}".replace(",", ".")
    return Issue(
        "file",
        "file.too_many_rows",
        f"File {name} berisi {'' if exact else 'sekitar '}{amount} baris; satu impor paling banyak "
        f"{limit:,} baris. Bagi file menjadi beberapa bagian lalu impor satu per satu.".replace(",", "."),
    )


def _count_csv_records(plan: _Plan, row_limit: int) -> None:
    """A CSV's line count overstates its records when cells hold line breaks: count them properly."""
    n = 0
    for row, values in plan.reader.rows(plan.info.sheet):
        if row <= plan.info.header_row or is_blank(values):
            continue
        n += 1
        if n > row_limit:
            raise ImportFileError(_too_many(plan.info.file_name, row_limit + 1, row_limit, exact=False))


class _RememberedRegions:
    """Kemendagri lookups remembered for one import: a regional list repeats the same districts
    and villages thousands of times (same data, same answers, fewer dictionary walks)."""

    def __init__(self, inner: RegionDirectory) -> None:
        # Bounded: a list spread over the whole country keeps memory flat, a local one hits.
        self.province_name = lru_cache(maxsize=256)(inner.province_name)
        self.name = lru_cache(maxsize=4096)(inner.name)
        self.village = lru_cache(maxsize=4096)(inner.village)


def _read_into(
    ctx: ServiceContext,
    checked: _Checked,
    branch: BranchDTO,
    *,
    sponsor: Sponsor | None,
    row_limit: int,
    progress: ProgressSink,
    cancel: CancelToken,
    keep_values: bool,
) -> None:
    plan = checked.plan
    info = plan.info
    ctx = replace(ctx, regions=_RememberedRegions(ctx.regions))
    mapped = [c for c in plan.columns if c.key]
    width = len(plan.columns)
    merged = _merged_rows(plan.scan, info.header_row, plan.columns)
    no_value = plan.scan.formulas_without_value
    total = info.estimated_rows or 0
    epoch_1904 = plan.reader.epoch_1904
    progress(0, total, "Membaca dan memeriksa baris…")
    for n, values in plan.reader.rows(info.sheet):
        if n <= info.header_row:
            continue
        if is_blank(values):
            checked.blank_rows += 1
            continue
        cells = {c.key: (values[c.index] if c.index < len(values) else None) for c in mapped}
        if checked.rows == 0 and checked.hint_rows == 0 and is_hints_row(cast(dict[str, object], cells)):
            checked.hint_rows += 1
            continue
        index = checked.rows
        checked.rows += 1
        if checked.rows > row_limit:
            raise ImportFileError(_too_many(info.file_name, checked.rows, row_limit, exact=False))
        if index % _PROGRESS_EVERY == 0:
            if cancel.cancelled:
                raise Cancelled()
            if index:
                progress(index, max(total, index), f"Memeriksa baris {index:,}…".replace(",", "."))
        coerced = coerce_cells(cast(dict[str, object], cells), epoch_1904=epoch_1904)
        errors, warnings = coerced.errors, coerced.warnings
        for c in merged.get(n, ()):
            errors.append(
                Issue(
                    str(c.key),
                    "import.merged_cell",
                    f"Sel {c.letter}{n} digabung (merge) dengan baris lain. Pisahkan sel dan isi setiap baris.",
                )
            )
        if no_value:
            for c in mapped:
                if (n, c.index) in no_value:
                    errors.append(
                        Issue(
                            str(c.key),
                            "import.formula_uncalculated",
                            f"Sel {c.letter}{n} berisi rumus tanpa nilai tersimpan. Buka file di Excel/LibreOffice, "
                            "simpan ulang (atau salin-tempel sebagai nilai), lalu impor lagi.",
                        )
                    )
        raw = coerced.raw
        if sponsor is not None:
            given = str(raw.get("sumber_dana") or "").strip().upper()
            if given and given != "APBD":
                warnings.append(
                    Issue(
                        "sumber_dana",
                        "import.funding_overridden",
                        f"Sumber dana {given[:20]} diganti APBD ({sponsor.name[:60]}).",
                    )
                )
            raw["sumber_dana"] = "APBD"
            raw["bulan_bayar"] = sponsor.months
        result = validate_record(ctx, raw, branch=branch)
        # A cell refused above (formula without value, merged, numeric NIK…) is also "missing" to
        # the intake rules; its own message says more, so the bare "required" one is left out.
        if errors:
            explained = {i.field for i in errors}
            errors += [
                i for i in result.errors if i.field not in explained or not i.code.endswith(".required")
            ]
        else:
            errors = list(result.errors)
        if result.warnings:
            warnings += result.warnings
        rec = result.record if result.ok and not errors else None
        nik = rec.nik if rec is not None else clean_nik(str(raw.get("nik") or ""))
        if len(nik) == 16 and nik.isdigit():
            first = checked.first_row.setdefault(nik, n)
            if first != n:
                checked.repeated.setdefault(nik, [first]).append(n)
        else:
            nik = ""
        if rec is None:
            checked.rejected += 1
        checked.spool.add(
            {
                "n": n,
                "i": index,
                "k": nik,
                "e": _issues_json(errors),
                "w": _issues_json(warnings),
                "v": [_display(v) for v in values[:width]] if keep_values else None,
            },
            rec,
        )
    if cancel.cancelled:
        raise Cancelled()
    progress(checked.rows, checked.rows, f"{checked.rows:,} baris diperiksa".replace(",", "."))


# --- the database checks --------------------------------------------------------------------------------


def _duplicate(number: str) -> Issue:
    return Issue(
        "nik", "nik.duplicate", f"NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {number}."
    )


def _check_database(
    session: Session, entries: Sequence[dict[str, Any]]
) -> dict[int, tuple[list[Issue], list[Issue]]]:
    """Active members with the same NIK (an error) or the same birth date, NIK district and a
    similar name (a warning). Two indexed queries per chunk of rows."""
    found: dict[int, tuple[list[Issue], list[Issue]]] = {}
    valid = [e for e in entries if e["r"] is not None]
    if not valid:
        return found
    conn = session.connection()
    niks = {e["r"].nik for e in valid}
    taken: dict[str, str] = {
        nik: number
        for nik, number in conn.execute(
            select(Member.nik, Member.number).where(Member.nik.in_(niks), Member.record_status == "ACTIVE")
        ).all()
    }
    pairs = sorted({(e["r"].tanggal_lahir, e["r"].nik_info.district_code) for e in valid})
    # Padded to the chunk size so every chunk runs the same statement text.
    pairs += [pairs[-1]] * (-len(pairs) % WRITE_CHUNK)
    stored = stored_value(conn, _MEMBER, "tanggal_lahir")
    near: dict[tuple[Any, str], list[tuple[str, str, str]]] = {}
    for number, nama, nik, born, district in select_by_pairs(
        conn,
        _MEMBER,
        ("number", "nama", "nik", "tanggal_lahir", "nik_district"),
        ("tanggal_lahir", "nik_district"),
        pairs,
        equals={"record_status": "ACTIVE"},
    ):
        near.setdefault((born, district), []).append((number, nama, nik))
    for e in valid:
        r: IntakeRecord = e["r"]
        errors: list[Issue] = []
        warnings: list[Issue] = []
        if r.nik in taken:
            errors.append(_duplicate(taken[r.nik]))
        else:
            for number, nama, nik in near.get((stored(r.tanggal_lahir), r.nik_info.district_code), ()):
                if nik != r.nik and names_similar(nama, r.nama):
                    warnings.append(
                        Issue(
                            "nama",
                            "import.likely_duplicate",
                            f"Mungkin sudah terdaftar sebagai {number} ({nama}): tanggal lahir dan kecamatan "
                            "NIK sama, nama mirip. Periksa KTP sebelum menyimpan.",
                        )
                    )
                    break
        if errors or warnings:
            found[e["n"]] = (errors, warnings)
    return found


def _in_file_duplicate(rows: list[int]) -> Issue:
    shown = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
    return Issue(
        "nik",
        "import.duplicate_in_file",
        f"NIK ini muncul lebih dari sekali di file (baris {shown}). Satu NIK satu baris: hapus yang keliru.",
    )


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
                decisions.extra.update(_check_database(session, chunk))
            for entry in chunk:
                if (
                    quiet
                    and entry["ok"]
                    and not entry["e"]
                    and not entry["w"]
                    and entry["n"] not in decisions.extra
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


def _bulk(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with bulk_gc():
            return fn(*args, **kwargs)

    return wrapper


# --- the services -----------------------------------------------------------------------------------------


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _branch(ctx: ServiceContext) -> BranchDTO:
    branch = cached_branch(ctx)
    if branch is None:
        raise BranchNotSetUpError()
    return branch


@_bulk
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
) -> ImportReport:
    """The dry run: every row checked exactly as the intake form checks it, plus duplicates inside
    the file and against the database. Nothing is written to the database.

    ``on_row`` receives every row's outcome in file order (the CLI prints them); the report keeps
    the counts and the first ``MAX_PROBLEM_ROWS`` problem rows; ``report_xlsx`` gets every row.
    Raises ``ImportFileError`` (nothing read) or ``Cancelled``.
    """
    authorize(ctx, actor, Permission.ENROL)
    branch = _branch(ctx)
    plan = _open_plan(ctx, path, sheet=sheet, mapping=mapping)
    try:
        checked = _read_rows(
            ctx,
            plan,
            branch,
            sponsor=sponsor,
            row_limit=row_limit,
            progress=progress,
            cancel=cancel,
            keep_values=report_xlsx is not None,
        )
    except BaseException:
        plan.close()
        raise
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


@_bulk
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
    branch = _branch(ctx)
    plan = _open_plan(ctx, path, sheet=sheet, mapping=mapping)
    if expected_sha256 and expected_sha256 != plan.info.sha256:
        plan.close()
        raise ImportFileError(
            Issue(
                "file",
                "file.changed",
                f"File {plan.info.file_name} berubah sejak diperiksa. Periksa (dry run) ulang sebelum menyimpan.",
            )
        )
    try:
        checked = _read_rows(
            ctx,
            plan,
            branch,
            sponsor=sponsor,
            row_limit=row_limit,
            progress=progress,
            cancel=cancel,
            keep_values=report_xlsx is not None,
        )
    except BaseException:
        plan.close()
        raise
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
    refused = mode == "all" and (checked.rejected > 0 or bool(checked.repeated))
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
                f"Mode semua-atau-tidak: {_count(report.rejected)} baris ditolak, jadi tidak ada yang disimpan. "
                "Perbaiki baris tersebut, atau pilih mode 'accepted' untuk menyimpan baris yang lolos saja.",
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
        found = _check_database(session, chunk)
        decisions.extra.update(found)
        records: list[IntakeRecord] = []
        details: list[dict[str, Any]] = []
        for entry in chunk:
            refused_here = entry["n"] in found and found[entry["n"]][0]  # errors, not mere warnings
            ok = entry["ok"] and not refused_here and not (entry["k"] and entry["k"] in checked.repeated)
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
    from app.pdf.import_report import render_import_report

    return render_import_report(report, fonts=resources_dir() / "fonts")


def write_report_pdf(ctx: ServiceContext, report: ImportReport, dest: str | Path) -> Path:
    """The PDF summary, written whole or not at all, readable by this account only (0600)."""
    return write_private_file(ctx.paths, Path(dest), render_report_pdf(report))


def summary_codes(report: ImportReport) -> list[CodeCount]:
    """Errors then warnings, most frequent first (for the wizard's summary table)."""
    return [*report.error_counts, *report.warning_counts]
