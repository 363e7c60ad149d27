"""The SQLite writers' gate: nothing special is left in the data folder, a wake-up pipe that is not this
user's own is not used (writers still go in turn), and the gate is free again however a write ends."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import open_app
from app.db import writer_gate
from app.db.driver import Driver
from app.services import branch
from tests.conftest import FakeClock

pytestmark = pytest.mark.skipif(not writer_gate.available(), reason="the gate needs flock and named pipes")

BUMP = "UPDATE number_sequence SET next_serial = next_serial + 1"


def _serial(ctx: Any) -> int:
    return int(ctx.read(lambda s: Driver.of(s).execute("SELECT next_serial FROM number_sequence").one()[0]))


def test_the_data_folder_holds_only_ordinary_files_and_copies(
    home: Path, clock: FakeClock, tmp_path: Path
) -> None:
    o = open_app(home=home, clock=clock, counter="LOKET-1")
    try:
        branch.setup_branch(o.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        o.ctx.write(lambda s: Driver.of(s).execute(BUMP))
        data = Path(o.database_url.split(":///", 1)[1]).parent
        assert writer_gate.gate_path(data / "loket.sqlite3").exists()
        assert all(stat.S_ISREG(p.lstat().st_mode) for p in data.iterdir() if p.is_file() or p.is_symlink())
        assert not any(stat.S_ISFIFO(p.lstat().st_mode) for p in data.iterdir())
        shutil.copytree(home, tmp_path / "copy")  # a copy of the data folder (no named pipe in it)
    finally:
        o.ctx.engine.dispose()


def test_a_wake_up_folder_that_others_can_write_is_not_used(
    home: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    shared = tmp_path / f"loket-writers-{os.getuid()}"
    shared.mkdir()
    shared.chmod(0o777)  # someone else could put a link or a file of theirs here
    a = open_app(home=home, clock=clock, counter="LOKET-1")
    b = open_app(a.database_url, home=home, clock=clock, counter="LOKET-2")
    try:
        branch.setup_branch(a.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")

        def a_writes(session: Any) -> None:
            Driver.of(session).execute(BUMP)
            raw = session.connection().connection.dbapi_connection
            assert raw._gate is not None and raw._gate.wake_fd is None  # no pipe: looks every 2 ms

        a.ctx.write(a_writes)
        b.ctx.write(lambda s: Driver.of(s).execute(BUMP))
        assert _serial(a.ctx) == 3
        assert list(shared.iterdir()) == []  # nothing was made in the untrusted folder
    finally:
        a.ctx.engine.dispose()
        b.ctx.engine.dispose()


def test_the_gate_is_free_again_after_a_failed_write_and_after_a_close(home: Path, clock: FakeClock) -> None:
    a = open_app(home=home, clock=clock, counter="LOKET-1")
    b = open_app(a.database_url, home=home, clock=clock, counter="LOKET-2")
    try:
        branch.setup_branch(a.ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")

        def fails(session: Any) -> None:
            Driver.of(session).execute(BUMP)
            raise ValueError("the service refused half way")

        with pytest.raises(ValueError, match="half way"):
            a.ctx.write(fails)
        b.ctx.write(lambda s: Driver.of(s).execute(BUMP))  # would wait 30 s if A still held it
        with a.ctx.engine.connect() as conn:  # a connection that begins and closes without commit
            conn.begin()
            Driver.on(conn).execute(BUMP)
        b.ctx.write(lambda s: Driver.of(s).execute(BUMP))
        assert _serial(a.ctx) == 3  # 1, A's failed and A's closed bumps rolled back, B's two kept
    finally:
        a.ctx.engine.dispose()
        b.ctx.engine.dispose()
