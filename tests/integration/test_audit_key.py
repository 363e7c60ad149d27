"""Every counter on one database must sign the audit chain with the same key; the key leaves a
computer only by a supervisor's password-proven, audited action."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from app.bootstrap import open_app
from app.cli import main as cli_main
from app.db.models import AuditEvent
from app.services import auth
from app.services.audit import AuditKeyMismatchError
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import OFFICER_PASSWORD


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_a_second_counter_needs_the_first_counters_audit_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "shared.sqlite3")
    first, second = tmp_path / "counter1", tmp_path / "counter2"
    opened = open_app(db, home=first)
    set_up_branch(opened.ctx)
    opened.ctx.engine.dispose()
    with pytest.raises(AuditKeyMismatchError) as e:
        open_app(db, home=second)
    assert "kunci audit" in e.value.message.lower()
    assert (
        cli_main(["member", "show", "10100000013", "--officer", "siti", "--db", db, "--home", str(second)])
        == 3
    )
    assert "Kunci audit" in capsys.readouterr().err

    key_file = tmp_path / "audit-key.txt"
    export = ["audit", "key", "export", "-o", str(key_file), "--db", db, "--home", str(first)]
    _stdin(monkeypatch, SUPERVISOR_PASSWORD)
    assert cli_main([*export, "--supervisor", "siti"]) == 0
    assert key_file.stat().st_mode & 0o077 == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("ab" * 32)
    assert cli_main(["audit", "key", "import", str(wrong), "--db", db, "--home", str(second)]) == 2
    assert cli_main(["audit", "key", "import", str(key_file), "--db", db, "--home", str(second)]) == 0
    opened = open_app(db, home=second)
    assert opened.ctx.audit_key == open_app(db, home=first).ctx.audit_key
    opened.ctx.engine.dispose()


def test_the_audit_key_leaves_only_by_an_audited_supervisor_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: ``loket audit key export -o FILE`` copied the key for anyone with a shell, unaudited."""
    home = tmp_path / "home"
    opened = open_app(home=home)
    ctx = opened.ctx
    set_up_branch(ctx)
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    auth.add_officer(
        ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=siti
    )
    out = tmp_path / "kunci.txt"
    base = ["audit", "key", "export", "-o", str(out), "--home", str(home)]

    with pytest.raises(SystemExit) as usage:  # no supervisor named: a usage error
        cli_main(base)
    assert usage.value.code == 2 and "--supervisor" in capsys.readouterr().err
    _stdin(monkeypatch, OFFICER_PASSWORD)
    assert cli_main([*base, "--supervisor", "budi"]) == 3
    assert "hanya supervisor" in capsys.readouterr().err
    _stdin(monkeypatch, "bukan-sandinya\n")
    assert cli_main([*base, "--supervisor", "siti"]) == 3
    assert "salah" in capsys.readouterr().err
    assert not out.exists()

    _stdin(monkeypatch, SUPERVISOR_PASSWORD)
    assert cli_main([*base, "--supervisor", "siti"]) == 0
    assert out.read_text().strip() == ctx.audit_key.hex()
    events = ctx.read(
        lambda s: [
            (e.action, e.actor, e.details)
            for e in s.query(AuditEvent).filter(AuditEvent.action.in_(["audit.key_export", "access.denied"]))
        ]
    )
    assert [(a, who) for a, who, _d in events] == [("access.denied", "budi"), ("audit.key_export", "siti")]
    assert "kunci.txt" in events[-1][2]
    opened.ctx.engine.dispose()
