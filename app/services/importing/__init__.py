"""Bulk enrolment from spreadsheets (a package, one job per module: ``plan`` opens a file, ``rows``
reads and checks every row, ``checks`` asks the database, ``report`` tallies, ``service`` runs the
dry run and the commit): inspect a file, check every row (dry run), commit in one transaction.

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

from app.domain.imports import ImportFileError
from app.services.importing.plan import (
    MODES,
    WRITE_CHUNK,
    RowCallback,
    file_sha256,
    inspect_file,
    save_header_mapping,
    write_template,
)
from app.services.importing.service import (
    commit_import,
    render_report_pdf,
    validate_import,
    write_report_pdf,
)

__all__ = [
    "MODES",
    "WRITE_CHUNK",
    "ImportFileError",
    "RowCallback",
    "commit_import",
    "file_sha256",
    "inspect_file",
    "render_report_pdf",
    "save_header_mapping",
    "validate_import",
    "write_report_pdf",
    "write_template",
]
