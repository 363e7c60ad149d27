"""Import report data: a file's facts, each row's outcome, the counts, the sponsor of a funded import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.imports.headers import ColumnInfo, mapping_of
from app.domain.issues import DomainError, Issue
from app.domain.reference import MONTHS_OPTIONS

# --- the report -------------------------------------------------------------------------------------


class ImportFileError(DomainError):
    """The file cannot be imported at all (unreadable, wrong sheet, columns missing): nothing changes."""


@dataclass(frozen=True, slots=True)
class Sponsor:
    """A regional budget (APBD) paying for every worker of the import for ``months`` months."""

    name: str
    months: int


def check_sponsor(name: str, months: int | None) -> tuple[Sponsor | None, list[Issue]]:
    clean = " ".join(str(name or "").split())
    issues = []
    if not 3 <= len(clean) <= 100 or not clean.isprintable():
        # The contributions service's rule for sponsor batches, so the payment can follow.
        issues.append(
            Issue("sponsor", "sponsor.name", "Nama penyandang dana 3–100 karakter, mis. Pemkab Ogan Ilir.")
        )
    paid = [m for m in MONTHS_OPTIONS if m > 0]
    if months not in paid:
        issues.append(
            Issue(
                "sponsor",
                "sponsor.months",
                "Lama pendanaan harus " + ", ".join(str(m) for m in paid) + " bulan.",
            )
        )
    if issues:
        return None, issues
    assert months is not None
    return Sponsor(clean, months), []


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What the wizard's first steps show: sheets, headers, sample rows, the suggested mapping."""

    path: str
    file_name: str
    kind: str  # "xlsx" | "csv"
    size: int
    sha256: str
    encoding: str | None  # CSV only: "utf-8", "utf-8-sig", "cp1252", "utf-16"
    delimiter: str | None  # CSV only
    sheets: tuple[str, ...]  # XLSX only (visible sheets, in workbook order)
    sheet: str | None
    header_row: int  # 1-based
    columns: tuple[ColumnInfo, ...]
    mapping_source: str  # "saved" | "auto" | "explicit"
    signature: str
    sample_rows: tuple[tuple[str, ...], ...]  # first data rows as text, in column order
    estimated_rows: int | None
    issues: tuple[Issue, ...]  # mapping problems that stop a validation (missing columns …)
    notes: tuple[Issue, ...]  # findings that do not stop it (merged title cells …)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def mapping(self) -> dict[str, str]:
        return mapping_of(self.columns)

    @property
    def ready(self) -> bool:
        return not self.issues


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What became of one spreadsheet row (``loket enrol``'s JSON shape plus ``row``)."""

    row: int  # the row number the spreadsheet program shows (CSV: the record number)
    index: int  # 0-based among the data rows
    status: str  # "valid" | "enrolled" | "rejected"
    number: str | None = None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    nik: str | None = None  # masked, for the PDF summary

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "row": self.row,
            "status": self.status,
            "number": self.number,
            "errors": [i.as_dict() for i in self.errors],
            "warnings": [i.as_dict() for i in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class CodeCount:
    """How often one problem occurred in an import, with one example message, for the summary."""

    code: str
    field: str
    count: int
    message: str  # one example message


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The summary of one validation or commit: counts, codes and the first problem rows."""

    file_name: str
    sha256: str
    size: int
    kind: str
    sheet: str | None
    officer: str
    officer_name: str
    branch_code: str
    branch_name: str
    timezone: str
    generated_at: dt.datetime  # UTC
    status: str  # "checked" | "committed" | "refused" (mode all, rows rejected) | "empty"
    mode: str | None  # None for a dry run, "all" or "accepted"
    sponsor: Sponsor | None
    rows: int  # data rows read (blank rows not counted)
    blank_rows: int
    accepted: int  # rows that pass (dry run) or were enrolled (commit)
    rejected: int
    with_warnings: int
    error_counts: tuple[CodeCount, ...]
    warning_counts: tuple[CodeCount, ...]
    problems: tuple[RowOutcome, ...]  # first MAX_PROBLEM_ROWS rows with errors or warnings
    problems_truncated: bool
    enrolled: int = 0
    first_number: str | None = None
    last_number: str | None = None
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.rejected == 0 and self.rows > 0

    @property
    def committed(self) -> bool:
        return self.status == "committed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A commit: the report (with numbers) and what was written."""

    report: ImportReport
    committed: bool
    batch_id: int | None
    enrolled: int
    first_number: str | None
    last_number: str | None
    refusal: Issue | None = None  # why nothing was written


def count_codes(counts: Mapping[str, list[Any]]) -> tuple[CodeCount, ...]:
    """``{code: [count, field, message]}`` → sorted by count, then code."""
    return tuple(
        CodeCount(code, str(v[1]), int(v[0]), str(v[2]))
        for code, v in sorted(counts.items(), key=lambda kv: (-int(kv[1][0]), kv[0]))
    )
