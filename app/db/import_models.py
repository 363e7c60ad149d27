"""Tables of spreadsheet imports: each committed batch, and header mappings remembered for next time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.ids import Id
from app.db.models import Base


class ImportBatch(Base):
    """One committed import: the file (by hash), the counts, who did it, and its sponsor if any.

    Its members are the contiguous number range ``first_number``…``last_number`` (allocated in
    one piece under the sequence-row lock); each one's ``member.enrol`` audit event names the
    batch and the spreadsheet row.
    """

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    branch_id: Mapped[int] = mapped_column(Id, ForeignKey("branch.id"))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_kind: Mapped[str] = mapped_column(String(8))
    sheet: Mapped[str | None] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(10))  # "all" | "accepted"
    rows_total: Mapped[int]
    rows_enrolled: Mapped[int]
    rows_rejected: Mapped[int]
    first_number: Mapped[str | None] = mapped_column(String(11))
    last_number: Mapped[str | None] = mapped_column(String(11))
    sponsor_name: Mapped[str | None] = mapped_column(String(100))
    sponsor_months: Mapped[int | None]
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"), index=True)
    counter: Mapped[str] = mapped_column(String(64))
    committed_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(index=True)


class ImportHeaderMapping(Base):
    """header → intake key, keyed by the normalised header signature (``header_signature``)."""

    __tablename__ = "import_header_mapping"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    headers: Mapped[list[str]] = mapped_column(JSON)  # as first seen, for display
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    uses: Mapped[int] = mapped_column(Integer, default=0)
