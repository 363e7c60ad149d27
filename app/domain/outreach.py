"""The outreach list: members whose harvest payment falls in a month, as the printer and the
spreadsheet export take it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.months import Month, period_label


@dataclass(frozen=True, slots=True)
class OutreachRow:
    """One member on the outreach (jemput bola) collection list, with what he is to pay."""

    number: str
    name: str
    nik_masked: str
    village_code: str | None
    village: str
    address: str
    occupation: str
    schedule: str
    status: str  # CoverStatus value
    status_note: str
    months: tuple[Month, ...]  # what the harvest payment covers
    due_date: dt.date
    amount: int

    @property
    def period(self) -> str:
        return period_label(self.months)


@dataclass(frozen=True, slots=True)
class OutreachList:
    """The collection list an officer takes into the field for one month and area."""

    month: Month
    region: str | None
    region_name: str
    branch: str
    made_on: dt.date
    rows: tuple[OutreachRow, ...]

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)
