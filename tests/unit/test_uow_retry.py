"""Which driver errors the unit of work retries, and what the officer gets when retries run out."""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
import psycopg.errors as pg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db import uow
from app.db.uow import DatabaseBusyError, is_transient, run_in_transaction


def wrapped(orig: Exception) -> DBAPIError:
    """What SQLAlchemy hands us: its own exception class around the driver's."""
    base = psycopg.Error if isinstance(orig, psycopg.Error) else sqlite3.Error
    return DBAPIError.instance("UPDATE x", {}, orig, base)


@pytest.mark.parametrize(
    "orig",
    [
        pg.SerializationFailure("could not serialize access due to concurrent update"),
        pg.DeadlockDetected("deadlock detected"),
        pg.LockNotAvailable("could not obtain lock"),
        sqlite3.OperationalError("database is locked"),
    ],
)
def test_lock_and_serialisation_failures_are_transient(orig: Exception) -> None:
    exc = wrapped(orig)
    assert isinstance(exc, OperationalError)
    assert is_transient(exc)


@pytest.mark.parametrize(
    "orig",
    [
        pg.UniqueViolation("duplicate key value violates unique constraint"),
        pg.UndefinedTable("relation does not exist"),
        sqlite3.IntegrityError("UNIQUE constraint failed: member.number"),
        sqlite3.OperationalError("no such table: member"),
    ],
)
def test_real_errors_are_not_retried(orig: Exception) -> None:
    assert not is_transient(wrapped(orig))


@pytest.fixture
def factory() -> Any:
    engine = create_engine("sqlite://")
    yield sessionmaker(engine)
    engine.dispose()


def test_a_transient_failure_is_retried_and_then_succeeds(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uow.time, "sleep", lambda _s: None)
    calls = []

    def work(_session: Session) -> str:
        calls.append(1)
        if len(calls) < 3:
            raise wrapped(pg.DeadlockDetected("deadlock detected"))
        return "saved"

    assert run_in_transaction(factory, work) == "saved"
    assert len(calls) == 3


def test_retries_running_out_give_an_officer_message_not_a_driver_error(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uow.time, "sleep", lambda _s: None)

    def work(_session: Session) -> None:
        raise wrapped(pg.SerializationFailure("could not serialize access"))

    with pytest.raises(DatabaseBusyError) as info:
        run_in_transaction(factory, work, attempts=4)
    assert info.value.attempts == 4
    assert "sibuk" in info.value.message and "ulangi" in info.value.message
    assert isinstance(info.value.__cause__, OperationalError)


def test_a_non_transient_error_is_raised_at_once(factory: sessionmaker[Session]) -> None:
    calls = []

    def work(_session: Session) -> None:
        calls.append(1)
        raise wrapped(pg.UniqueViolation("duplicate key"))

    with pytest.raises(IntegrityError):
        run_in_transaction(factory, work)
    assert len(calls) == 1
