"""A full disk and I/O errors: a clear message, nothing half written, and work resumes afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.db.models import AuditEvent, Enrolment, Heir, Member
from app.db.uow import StorageError
from app.services import enrolment
from app.services.audit import verify_audit
from tests.conftest import bpu_record


def counts(ctx: Any) -> tuple[int, int, int, int]:
    def work(s: Any) -> tuple[int, int, int, int]:
        return tuple(
            s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Member, Enrolment, Heir, AuditEvent)
        )  # type: ignore[return-value]

    return ctx.read(work)


def test_a_full_disk_refuses_cleanly_and_recovers(ctx: Any, officer: Any, opened: Any) -> None:
    first = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900001"))
    assert first.status == "enrolled"
    before = counts(ctx)
    db = Path(opened.database_url.split(":///", 1)[1])
    con = sqlite3.connect(db)
    pages = con.execute("pragma page_count").fetchone()[0]
    con.close()

    # The "disk" is full: every connection may hold no more pages than the file has now.
    def cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    ctx.engine.dispose()
    event.listen(ctx.engine, "connect", cap)
    big_heirs = ";".join(f"AHLI WARIS NOMOR {chr(65 + i % 26)}{'X' * 60}:ANAK" for i in range(10))
    with pytest.raises(StorageError) as e:
        for i in range(2, 400):  # keep filling until the cap bites
            out = enrolment.enrol_worker(
                ctx, officer, bpu_record(nik=f"16100145089{i:05d}", ahli_waris=big_heirs)
            )
            assert out.status == "enrolled"
    assert e.value.kind == "full" and "Penyimpanan penuh" in e.value.message
    after_full = counts(ctx)
    # Every member that exists is whole: its enrolment, heirs and audit event are all there.
    assert after_full[0] == after_full[1] and after_full[3] - before[3] == after_full[0] - before[0]
    assert verify_audit(ctx).ok

    # Space returns: the same action now works.
    event.remove(ctx.engine, "connect", cap)
    ctx.engine.dispose()
    again = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508909999", ahli_waris=big_heirs))
    assert again.status == "enrolled"
    assert verify_audit(ctx).ok


def test_an_io_error_is_reported_and_nothing_is_kept(
    ctx: Any, officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts(ctx)

    def failing_commit(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ctx.engine.dialect, "do_commit", failing_commit)
    with pytest.raises(StorageError) as e:
        enrolment.enrol_worker(ctx, officer, bpu_record())
    assert e.value.kind == "io" and "Disk gagal" in e.value.message
    monkeypatch.undo()
    ctx.engine.dispose()
    assert counts(ctx) == before
    assert enrolment.enrol_worker(ctx, officer, bpu_record()).status == "enrolled"
