"""Every counter on one database must sign the audit chain with the same key."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import open_app
from app.cli import main as cli_main
from app.services.audit import AuditKeyMismatchError


def test_a_second_counter_needs_the_first_counters_audit_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "shared.sqlite3")
    first, second = tmp_path / "counter1", tmp_path / "counter2"
    open_app(db, home=first).ctx.engine.dispose()
    with pytest.raises(AuditKeyMismatchError) as e:
        open_app(db, home=second)
    assert "kunci audit" in e.value.message.lower()
    assert cli_main(["member", "show", "10100000013", "--db", db, "--home", str(second)]) == 3
    assert "Kunci audit" in capsys.readouterr().err

    key_file = tmp_path / "audit-key.txt"
    assert cli_main(["audit", "key", "export", "-o", str(key_file), "--home", str(first)]) == 0
    assert key_file.stat().st_mode & 0o077 == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("ab" * 32)
    assert cli_main(["audit", "key", "import", str(wrong), "--db", db, "--home", str(second)]) == 2
    assert cli_main(["audit", "key", "import", str(key_file), "--db", db, "--home", str(second)]) == 0
    opened = open_app(db, home=second)
    assert opened.ctx.audit_key == open_app(db, home=first).ctx.audit_key
    opened.ctx.engine.dispose()
