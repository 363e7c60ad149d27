"""Reading every row once: the intake form's checks, spooled to a private file so memory stays flat."""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import IO, Any, cast

from app.domain.duplicates import WithinBatch
from app.domain.imports import (
    ColumnInfo,
    ImportFileError,
    Sponsor,
    coerce_cells,
    is_blank,
    is_hints_row,
)
from app.domain.intake import Heir, IntakeRecord
from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.nik import NikInfo, clean_nik
from app.domain.progress import Cancelled, CancelToken, ProgressSink
from app.domain.regions import RegionDirectory
from app.infra.paths import AppPaths
from app.infra.tabular import CellScan, UnreadableFileError
from app.infra.workspace import create_private, work_area
from app.services.context import ServiceContext
from app.services.dto import BranchDTO
from app.services.duplicates import (
    person_of,
)
from app.services.enrolment import (
    validate_record,
)
from app.services.importing.plan import _PROGRESS_EVERY, _SPOOL_BATCH, _display, _Plan
from app.services.records_dto import DuplicateOverride

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
    # Row → earlier rows of the file it likely duplicates (the counter's rule; a different NIK).
    resembling: dict[int, list[int]] = field(default_factory=dict)
    alike: WithinBatch = field(default_factory=WithinBatch)
    override: DuplicateOverride | None = None  # a supervisor's save-anyway for ``override_rows``
    override_rows: frozenset[int] = frozenset()  # rows a supervisor allowed despite likely duplicates
    allowed: dict[int, list[str]] = field(default_factory=dict)  # overridden row → what it resembled

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
    override: DuplicateOverride | None = None,
    override_rows: frozenset[int] = frozenset(),
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
    checked = _Checked(plan, _Spool(ctx.paths), override=override, override_rows=override_rows)
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
    except UnreadableFileError as exc:  # broken half way through
        checked.spool.close()
        raise ImportFileError(exc.issue) from exc
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
                msg(
                    "Tidak ada baris data di {where}{file_name} (hanya judul kolom).",
                    where=where,
                    file_name=info.file_name,
                ),
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
                    msg(
                        "Sel {letter}{n} digabung (merge) dengan baris lain. Pisahkan sel dan isi setiap baris.",
                        letter=c.letter,
                        n=n,
                    ),
                )
            )
        if no_value:
            for c in mapped:
                if (n, c.index) in no_value:
                    errors.append(
                        Issue(
                            str(c.key),
                            "import.formula_uncalculated",
                            msg(
                                "Sel {letter}{n} berisi rumus tanpa nilai tersimpan. Buka file di Excel/LibreOffice, simpan ulang (atau salin-tempel sebagai nilai), lalu impor lagi.",
                                letter=c.letter,
                                n=n,
                            ),
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
                        msg(
                            "Sumber dana {given} diganti APBD ({name}).",
                            given=given[:20],
                            name=sponsor.name[:60],
                        ),
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
        if rec is not None:
            hits = checked.alike.add(n, person_of(rec))
            if hits and n in checked.override_rows:
                checked.allowed[n] = [f"baris {h}" for h in hits]
            elif hits:
                checked.resembling[n] = hits
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
