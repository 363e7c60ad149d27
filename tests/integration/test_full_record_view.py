"""The full record (full NIK, mother's name, heirs) opens only through one audited view,
``records.open_member_record``: the role is checked and "who looked at whose record" is written in
the service, for every caller. ``loket member show`` goes through it like the member page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import EXIT_REFUSED
from app.cli import main as cli_main
from app.db.models import AuditEvent
from app.domain.roles import ROLE_PERMISSIONS, Permission, Role
from app.services import enrolment, records
from app.services.auth import PermissionDeniedError
from app.services.dto import Actor
from tests.conftest import bpu_record


def _events(ctx: Any) -> list[tuple[str, str | None, str | None, dict[str, Any]]]:
    """Every audit event as (action, actor, entity id, details), oldest first."""
    rows = ctx.read(
        lambda s: s.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.entity_id, AuditEvent.details).order_by(
                AuditEvent.seq
            )
        ).all()
    )
    return [(a, who, eid, json.loads(d) if d else {}) for a, who, eid, d in rows]


def _views(ctx: Any) -> int:
    return int(
        ctx.read(
            lambda s: s.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "member.view")
            ).scalar_one()
        )
    )


@pytest.fixture
def number(ctx: Any, officer: Actor) -> str:
    out = enrolment.enrol_worker(ctx, officer, bpu_record(ahli_waris="BUDI:SUAMI"))
    assert out.number is not None, out.errors
    return out.number


def test_each_view_writes_one_event_naming_who_looked_at_whose_record(
    ctx: Any, officer: Actor, number: str
) -> None:
    before = _events(ctx)
    record = records.open_member_record(ctx, officer, number, via="gui")
    assert record.member.nik == "1610014508900003" and record.member.heirs  # the full record
    assert _events(ctx)[len(before) :] == [("member.view", "budi", number, {"via": "gui"})]
    records.open_member_record(ctx, officer, "1610014508900003", via="cli")  # by NIK: the same member
    assert _events(ctx)[len(before) + 1 :] == [("member.view", "budi", number, {"via": "cli"})]


def test_a_role_without_the_right_is_refused_in_indonesian_and_sees_nothing(ctx: Any, number: str) -> None:
    # A role the role table does not give the right (an account from a newer or older Loket).
    guest = Actor(id=999, username="tamu", full_name="Tamu", role="tamu")
    before = _events(ctx)
    with pytest.raises(PermissionDeniedError) as refused:
        records.open_member_record(ctx, guest, number)
    message = refused.value.message
    assert message.startswith("Akses ditolak") and "membuka data lengkap peserta" in message
    assert "hanya supervisor" not in message  # an officer may: the refusal names the role instead
    assert "1610014508900003" not in message
    # The refusal is audited; no view is.
    assert [(a, eid) for a, _, eid, _ in _events(ctx)[len(before) :]] == [
        ("access.denied", Permission.VIEW_RECORD.value)
    ]


def test_loket_member_show_writes_exactly_one_view_event(
    ctx: Any, officer: Actor, number: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _events(ctx)
    assert cli_main(["member", "show", number, "--json", "--officer", "budi", "--home", str(home)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["nik"] == "1610014508900003" and shown["nama_ibu"] == "FATIMAH"
    assert _events(ctx)[len(before) :] == [("member.view", "budi", number, {"via": "cli"})]

    # Plain text too; a second look is a second event.
    assert cli_main(["member", "show", number, "--officer", "budi", "--home", str(home)]) == 0
    assert "NIK 1610014508900003" in capsys.readouterr().out
    assert _views(ctx) == 2


def test_loket_member_show_for_a_wrong_key_says_why_and_audits_no_view(
    ctx: Any, number: str, officer: Actor, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert cli_main(["member", "show", wrong, "--officer", "budi", "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert "digit pemeriksa" in err and "[nomor.check_digit]" in err and "Traceback" not in err
    assert cli_main(["member", "show", "3171011708450001", "--officer", "budi", "--home", str(home)]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert _views(ctx) == 0


def test_loket_member_show_is_refused_for_a_role_without_the_right(
    ctx: Any,
    officer: Actor,
    number: str,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The refusal comes from the service, so the command line cannot skip it."""
    monkeypatch.setitem(
        ROLE_PERMISSIONS, Role.OFFICER, ROLE_PERMISSIONS[Role.OFFICER] - {Permission.VIEW_RECORD}
    )
    before = _events(ctx)
    assert (
        cli_main(["member", "show", number, "--json", "--officer", "budi", "--home", str(home)])
        == EXIT_REFUSED
    )
    out = capsys.readouterr()
    assert out.out == ""  # nothing of the record is printed
    assert "Akses ditolak" in out.err and "membuka data lengkap peserta" in out.err
    assert [(a, who) for a, who, _, _ in _events(ctx)[len(before) :]] == [("access.denied", "budi")]
