"""The state enums hold exactly the values the database's CHECK constraints allow."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest
from sqlalchemy import CheckConstraint, Table

from app.db import cards_models, contribution_models, day_models, models, search_models
from app.domain.states import (
    CardStatus,
    ConflictStatus,
    CorrectionStatus,
    DayStatus,
    PaymentStatus,
    RecordStatus,
    ReprintStatus,
)


def _allowed(table: Table, column: str) -> set[str]:
    for c in table.constraints:
        if isinstance(c, CheckConstraint):
            text = str(c.sqltext)
            m = re.fullmatch(rf"\s*{column} IN \((.*)\)\s*", text)
            if m:
                return set(re.findall(r"'([^']*)'", m.group(1)))
    raise AssertionError(f"no CHECK on {table.name}.{column}")


@pytest.mark.parametrize(
    ("enum", "table", "column"),
    [
        (RecordStatus, models.Member.__table__, "record_status"),
        (PaymentStatus, contribution_models.Payment.__table__, "status"),
        (CardStatus, cards_models.Card.__table__, "status"),
        (ReprintStatus, cards_models.CardReprint.__table__, "status"),
        (CorrectionStatus, search_models.MemberCorrection.__table__, "status"),
        (DayStatus, day_models.DayLock.__table__, "status"),
        (ConflictStatus, day_models.PackageConflict.__table__, "status"),
    ],
)
def test_enum_values_are_the_database_values(enum: type[StrEnum], table: Table, column: str) -> None:
    assert {e.value for e in enum} == _allowed(table, column)


def test_a_state_compares_equal_to_the_stored_string() -> None:
    assert RecordStatus.ACTIVE == "ACTIVE"
    assert CardStatus("issued") is CardStatus.ISSUED
    assert f"{PaymentStatus.VOID}" == "VOID"
