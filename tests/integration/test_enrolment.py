"""Enrolment into a real SQLite file and a real PostgreSQL database: numbers, duplicates,
atomicity, audit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from app.bootstrap import Opened, open_app
from app.db.models import AuditEvent, Enrolment, Heir, Member
from app.domain.issues import DomainError
from app.domain.membership import parse_number
from app.domain.roles import Permission
from app.services import enrolment
from app.services.audit import verify_audit
from app.services.auth import PermissionDeniedError, authorize
from app.services.dto import Actor
from app.services.members import nik_holder
from app.services.records import open_member_record
from tests.conftest import FIXED_NOW, FakeClock, bpu_record
from tests.pg_fixtures import is_sqlite


@pytest.fixture
def opened(home: Path, clock: FakeClock, any_db_url: str) -> Iterator[Opened]:
    """Every test in this module runs on SQLite and on PostgreSQL."""
    o = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    yield o
    o.ctx.engine.dispose()


def raw_rows(opened: Opened, sql: str) -> list[tuple[Any, ...]]:
    """Read straight from the database file or server, past SQLAlchemy."""
    url = make_url(opened.database_url)
    if is_sqlite(opened.database_url):
        with sqlite3.connect(str(url.database)) as raw:
            return raw.execute(sql).fetchall()
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        # Another session time zone must not change the instants we stored.
        conn.execute("SET TIME ZONE 'Asia/Jayapura'")
        return conn.execute(sql).fetchall()  # type: ignore[arg-type]


def count(ctx: Any, model: Any) -> int:
    return ctx.read(lambda s: s.execute(select(func.count()).select_from(model)).scalar_one())


def test_enrol_writes_member_enrolment_heirs_and_audit(ctx: Any, officer: Actor, opened: Any) -> None:
    out = enrolment.enrol_worker(
        ctx, officer, bpu_record(ahli_waris="BUDI:SUAMI;ANI:ANAK", program="JKK,JKM,JHT")
    )
    assert out.status == "enrolled", out.errors
    assert out.number is not None and parse_number(out.number).value == out.number  # type: ignore[union-attr]
    assert out.number.startswith("101")
    m = out.member
    assert m is not None and m.nama == "SITI AMINAH" and m.current is not None
    assert m.current.programmes == ("JKK", "JKM", "JHT") and m.current.officer == "budi"
    assert m.current.business_date.isoformat() == "2026-11-23"

    # The rows really are in the SQLite file on disk / on the server.
    assert raw_rows(opened, "select number, nama from member") == [(out.number, "SITI AMINAH")]
    if is_sqlite(opened.database_url):
        assert raw_rows(opened, "pragma journal_mode")[0][0] == "wal"
    else:
        # timestamptz holds the instant: read in another zone it is still 03:00 UTC.
        (created,) = raw_rows(opened, "select created_at from member")[0]
        assert created.utcoffset() == dt.timedelta(hours=9) and created == FIXED_NOW
    assert m.created_at == FIXED_NOW and m.created_at.tzinfo is dt.UTC
    assert count(ctx, Heir) == 2
    actions = ctx.read(
        lambda s: s.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars().all()
    )
    assert actions[-1] == "member.enrol"
    assert verify_audit(ctx).ok


def test_numbers_are_sequential_per_branch(ctx: Any, officer: Actor) -> None:
    numbers = []
    for i in range(1, 6):
        rec = bpu_record(nik=f"16100145089000{i:02d}")
        out = enrolment.enrol_worker(ctx, officer, rec)
        assert out.status == "enrolled", out.errors
        numbers.append(parse_number(out.number))  # type: ignore[arg-type]
    assert [n.serial for n in numbers] == [1, 2, 3, 4, 5]  # type: ignore[union-attr]


def test_duplicate_active_nik_is_refused_naming_the_number(ctx: Any, officer: Actor) -> None:
    first = enrolment.enrol_worker(ctx, officer, bpu_record())
    again = enrolment.enrol_worker(ctx, officer, bpu_record(nama="Siti Aminah Binti Ahmad"))
    assert again.status == "rejected"
    assert again.errors[0].code == "nik.duplicate"
    assert first.number in again.errors[0].message
    assert again.existing_number == first.number
    assert count(ctx, Member) == 1


def test_a_deactivated_record_frees_its_nik_but_two_active_never_share_it(ctx: Any, officer: Actor) -> None:
    """The partial unique index: one ACTIVE member per NIK, enforced by the database itself."""
    first = enrolment.enrol_worker(ctx, officer, bpu_record())
    ctx.write(lambda s: s.execute(update(Member).values(record_status="DEACTIVATED")))
    second = enrolment.enrol_worker(ctx, officer, bpu_record())
    assert second.status == "enrolled" and second.number != first.number
    with pytest.raises(IntegrityError):
        ctx.write(lambda s: s.execute(update(Member).values(record_status="ACTIVE")))
    assert count(ctx, Member) == 2
    # The counter asks the same rule before saving: the NIK's holder is the active record only.
    holder = nik_holder(ctx, bpu_record()["nik"])
    assert holder is not None and holder.number == second.number and holder.nama == "SITI AMINAH"
    ctx.write(lambda s: s.execute(update(Member).values(record_status="DEACTIVATED")))
    assert nik_holder(ctx, bpu_record()["nik"]) is None
    assert nik_holder(ctx, "12345") is None and nik_holder(ctx, "1610ab4108900001") is None


def test_dry_run_writes_nothing(ctx: Any, officer: Actor) -> None:
    out = enrolment.enrol_worker(ctx, officer, bpu_record(), dry_run=True)
    assert out.status == "valid"
    assert count(ctx, Member) == 0


def test_rejected_record_writes_nothing(ctx: Any, officer: Actor) -> None:
    out = enrolment.enrol_worker(ctx, officer, bpu_record(tanggal_lahir="1990-08-06"))
    assert out.status == "rejected" and out.errors[0].code == "nik.birth_date_mismatch"
    assert count(ctx, Member) == 0
    ok = enrolment.enrol_worker(ctx, officer, bpu_record(tanggal_lahir="1990-08-06"), confirm_mismatch=True)
    assert ok.status == "enrolled"
    assert [w.code for w in ok.warnings] == ["nik.birth_date_mismatch"]


def test_failure_mid_transaction_leaves_nothing(
    ctx: Any, officer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    events_before = count(ctx, AuditEvent)

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk pulled out")

    # Fail after the member, heirs and enrolment are flushed, at the audit append.
    monkeypatch.setattr(enrolment, "append_event", boom)
    with pytest.raises(RuntimeError):
        enrolment.enrol_worker(ctx, officer, bpu_record(ahli_waris="ANI:ANAK"))
    monkeypatch.undo()
    assert count(ctx, Member) == 0 and count(ctx, Enrolment) == 0 and count(ctx, Heir) == 0
    assert count(ctx, AuditEvent) == events_before
    # The serial was given back: the next enrolment gets number 1.
    out = enrolment.enrol_worker(ctx, officer, bpu_record())
    assert parse_number(out.number).serial == 1  # type: ignore[union-attr,arg-type]


def test_the_record_opens_by_number_and_nik(ctx: Any, officer: Actor) -> None:
    out = enrolment.enrol_worker(ctx, officer, bpu_record())
    assert out.number is not None
    assert open_member_record(ctx, officer, out.number).member.number == out.number
    grouped = parse_number(out.number).grouped()  # type: ignore[union-attr]
    assert open_member_record(ctx, officer, grouped).member.number == out.number
    assert open_member_record(ctx, officer, "1610014508900003").member.number == out.number
    wrong = out.number[:-1] + str((int(out.number[-1]) + 1) % 10)
    with pytest.raises(DomainError) as refused:
        open_member_record(ctx, officer, wrong)
    assert refused.value.issues[0].code == "nomor.check_digit"


def test_officer_cannot_manage_officers_and_the_denial_is_audited(ctx: Any, officer: Actor) -> None:
    with pytest.raises(PermissionDeniedError):
        authorize(ctx, officer, Permission.MANAGE_OFFICERS)
    last = ctx.read(
        lambda s: s.execute(
            select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.actor)
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).one()
    )
    assert tuple(last) == ("access.denied", "manage_officers", "budi")
