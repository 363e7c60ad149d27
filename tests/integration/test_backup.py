"""Backups and restores on real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.bootstrap import Opened, open_app
from app.db.backup import DatabaseInUseError, inspect_sqlite
from app.db.engine import sqlite_path
from app.db.models import AuditEvent, Member
from app.domain.issues import DomainError
from app.domain.progress import CancelFlag, Cancelled
from app.services import auth, backup, enrolment
from app.services.audit import verify_audit
from app.services.dto import Actor
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import FakeClock, bpu_record


def nik(i: int) -> str:
    return f"161001450890{i:04d}"


def enrol(ctx: Any, actor: Actor, i: int) -> str:
    out = enrolment.enrol_worker(ctx, actor, bpu_record(nik=nik(i)))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    return out.number


def members(ctx: Any) -> list[str]:
    return ctx.read(lambda s: sorted(s.execute(select(Member.number)).scalars()))


def last_action(ctx: Any) -> str:
    return ctx.read(
        lambda s: s.execute(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()
    )


def live_file(opened: Opened) -> Path:
    path = sqlite_path(opened.database_url)
    assert path is not None
    return path


# --- SQLite -----------------------------------------------------------------------------------


def test_backup_uses_the_backup_api_so_committed_wal_pages_are_in_it(
    ctx: Any, officer: Actor, opened: Opened, tmp_path: Path, supervisor: Actor
) -> None:
    live = live_file(opened)
    # Keep the newest commits in the -wal file: a plain file copy of loket.sqlite3 misses them.
    with sqlite3.connect(live) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.engine.dispose()
    holder = sqlite3.connect(live)  # an open reader stops the last close from checkpointing
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    number = enrol(ctx, officer, 1)
    naive = tmp_path / "file-copy.sqlite3"
    shutil.copyfile(live, naive)
    with sqlite3.connect(naive) as c:
        assert c.execute("SELECT count(*) FROM member").fetchone()[0] == 0

    info = backup.backup_now(ctx, supervisor, tmp_path / "b.sqlite3")
    holder.close()
    assert info.path == tmp_path / "b.sqlite3" and info.kind == "manual" and info.size_bytes > 0
    with sqlite3.connect(info.path) as c:
        assert c.execute("SELECT number FROM member").fetchall() == [(number,)]
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    assert not Path(str(info.path) + "-wal").exists()
    assert info.path.stat().st_mode & 0o077 == 0  # personal data: owner only
    assert inspect_sqlite(info.path).integrity == "ok"
    assert last_action(ctx) == "db.backup"


def test_backup_reports_progress_and_can_be_cancelled(
    ctx: Any, officer: Actor, tmp_path: Path, supervisor: Actor
) -> None:
    from app.services import demo

    demo.seed_members(ctx, supervisor, 1200, seed=7)
    seen: list[tuple[int, int]] = []
    backup.backup_now(
        ctx, supervisor, tmp_path / "a.sqlite3", progress=lambda d, t, m="": seen.append((d, t))
    )
    assert len(seen) >= 2 and seen[-1][0] == seen[-1][1] > 0

    flag = CancelFlag()

    def cancel_at_first_step(done: int, total: int, message: str = "") -> None:
        flag.cancel()

    with pytest.raises(Cancelled):
        backup.backup_now(ctx, supervisor, tmp_path / "c.sqlite3", progress=cancel_at_first_step, cancel=flag)
    assert not (tmp_path / "c.sqlite3").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no part files left


def test_daily_backup_once_per_business_day_keeping_the_newest_14(
    ctx: Any, supervisor: Actor, clock: FakeClock
) -> None:
    clock.now = dt.datetime(2026, 11, 1, 16, 30, tzinfo=dt.UTC)  # 23:30 WIB, 1 November
    first = backup.daily_backup_if_due(ctx, supervisor)
    assert first is not None and first.path.name == "loket-auto-2026-11-01.sqlite3"
    assert backup.daily_backup_if_due(ctx, supervisor) is None  # the same business day
    clock.advance(hours=1)  # 00:30 WIB: a new business day, although still 1 Nov in UTC
    second = backup.daily_backup_if_due(ctx, supervisor)
    assert second is not None and second.path.name == "loket-auto-2026-11-02.sqlite3"
    for _ in range(18):
        clock.advance(days=1)
        assert backup.daily_backup_if_due(ctx, supervisor) is not None
    folder = backup.backup_folder(ctx)
    names = sorted(p.name for p in folder.glob("loket-auto-*"))
    assert len(names) == 14
    assert names[0] == "loket-auto-2026-11-07.sqlite3" and names[-1] == "loket-auto-2026-11-20.sqlite3"
    assert folder.stat().st_mode & 0o077 == 0
    listed = backup.list_backups(ctx)
    assert [i.kind for i in listed] == ["auto"] * 14


def test_daily_backup_goes_to_the_configured_folder(
    ctx: Any, setup_branch: Any, tmp_path: Path, supervisor: Actor
) -> None:
    from app.infra.settings import load_settings, save_settings

    save_settings(ctx.paths, load_settings(ctx.paths).with_(backup_dir=str(tmp_path / "usb")))
    info = backup.daily_backup_if_due(ctx, supervisor)
    assert info is not None and info.path.parent == tmp_path / "usb"


def test_restore_replaces_the_database_and_keeps_the_replaced_one(
    ctx: Any, officer: Actor, opened: Opened, tmp_path: Path, supervisor: Actor
) -> None:
    a = enrol(ctx, officer, 1)
    saved = backup.backup_now(ctx, supervisor, tmp_path / "pagi.sqlite3")
    b = enrol(ctx, officer, 2)

    check = backup.inspect_backup(ctx, saved.path)
    assert check.ok and check.backend == "sqlite" and not check.needs_upgrade

    result = backup.restore_backup(ctx, supervisor, saved.path)
    assert members(ctx) == [a]
    assert result.replaced_kept_at is not None
    assert result.replaced_kept_at.parent == live_file(opened).parent
    assert result.replaced_kept_at.name.startswith("loket.replaced-")
    with sqlite3.connect(result.replaced_kept_at) as c:
        assert sorted(r[0] for r in c.execute("SELECT number FROM member")) == [a, b]
    assert verify_audit(ctx).ok
    assert last_action(ctx) == "db.restore"
    # Numbering continues from the restored state.
    assert enrol(ctx, officer, 3) == b


def test_restore_is_refused_while_another_connection_has_the_database_open(
    ctx: Any, officer: Actor, opened: Opened, tmp_path: Path, supervisor: Actor
) -> None:
    enrol(ctx, officer, 1)
    saved = backup.backup_now(ctx, supervisor, tmp_path / "b.sqlite3")
    enrol(ctx, officer, 2)
    other = open_app(opened.database_url, home=ctx.paths.data.parent, counter="LOKET-2")  # another window
    other.ctx.read(lambda s: s.execute(text("SELECT 1")).scalar())
    try:
        with pytest.raises(DatabaseInUseError, match="sedang dibuka oleh program lain"):
            backup.restore_backup(ctx, supervisor, saved.path)
    finally:
        other.ctx.engine.dispose()
    assert len(members(ctx)) == 2  # untouched
    backup.restore_backup(ctx, supervisor, saved.path)  # once the other window is closed
    assert len(members(ctx)) == 1


def test_restore_is_cancelled_without_harm(
    ctx: Any, officer: Actor, tmp_path: Path, supervisor: Actor
) -> None:
    from app.services import demo

    demo.seed_members(ctx, supervisor, 1200, seed=3)
    saved = backup.backup_now(ctx, supervisor, tmp_path / "b.sqlite3")
    enrol(ctx, officer, 1)
    flag = CancelFlag()
    with pytest.raises(Cancelled):
        backup.restore_backup(ctx, supervisor, saved.path, progress=lambda *a: flag.cancel(), cancel=flag)
    assert len(members(ctx)) == 1201
    assert verify_audit(ctx).ok


def _codes(ctx: Any, path: Path) -> list[str]:
    check = backup.inspect_backup(ctx, path)
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    with pytest.raises(DomainError) as info:
        backup.restore_backup(ctx, siti, path)
    assert [i.code for i in info.value.issues] == [i.code for i in check.issues]
    return [i.code for i in check.issues]


def test_restore_refuses_what_is_not_a_sound_loket_backup(
    ctx: Any, officer: Actor, tmp_path: Path, supervisor: Actor
) -> None:
    from app.services import demo

    demo.seed_members(ctx, supervisor, 300, seed=5)
    before = members(ctx)
    assert _codes(ctx, tmp_path / "missing.sqlite3") == ["backup.missing"]

    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(5000))
    assert _codes(ctx, junk) == ["backup.kind"]

    other = tmp_path / "lain.sqlite3"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE catatan (x)")
    assert _codes(ctx, other) == ["backup.not_loket"]

    good = backup.backup_now(ctx, supervisor, tmp_path / "good.sqlite3").path
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(good, newer)
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    assert _codes(ctx, newer) == ["backup.too_new"]

    # Damage one member's name in the table but not in its index: only a full integrity check
    # (not quick_check) notices, and restore must run the full one.
    broken = tmp_path / "broken.sqlite3"
    data = bytearray(good.read_bytes())
    name = ctx.read(lambda s: s.execute(select(Member.nama).order_by(Member.id).limit(1)).scalar_one())
    at = data.find(name.encode())
    data[at : at + 3] = b"QQQ"
    broken.write_bytes(bytes(data))
    assert inspect_sqlite(broken, full=False).integrity == "ok"
    assert _codes(ctx, broken) == ["backup.integrity"]

    assert members(ctx) == before  # nothing was replaced


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def pg(pg_url: str, home: Path, clock: FakeClock) -> Iterator[tuple[Opened, Actor]]:
    opened = open_app(pg_url, home=home, clock=clock, counter="LOKET-1")
    set_up_branch(opened.ctx)
    yield opened, auth.login(opened.ctx, "siti", SUPERVISOR_PASSWORD)
    opened.ctx.engine.dispose()


@pytest.mark.postgres
def test_postgres_backup_and_restore_round_trip(pg: tuple[Opened, Actor], tmp_path: Path) -> None:
    opened, siti = pg
    ctx = opened.ctx
    a = enrol(ctx, siti, 1)
    saved = backup.backup_now(ctx, siti, tmp_path / "cabang.dump")
    assert saved.path.read_bytes()[:5] == b"PGDMP" and saved.backend == "postgresql"
    b = enrol(ctx, siti, 2)

    check = backup.inspect_backup(ctx, saved.path)
    assert check.ok and check.backend == "postgresql" and check.revision == check.head

    result = backup.restore_backup(ctx, siti, saved.path)
    assert members(ctx) == [a]
    assert result.replaced_kept_at is not None and result.replaced_kept_at.suffix == ".dump"
    assert backup.inspect_backup(ctx, result.replaced_kept_at).ok
    assert verify_audit(ctx).ok and last_action(ctx) == "db.restore"
    # Sequences came back with the data: new rows get fresh ids and the next number.
    assert enrol(ctx, siti, 3) == b
    assert ctx.read(lambda s: s.execute(select(func.count(Member.id))).scalar_one()) == 2
    # The daily automatic backup is for SQLite; the server is backed up on the server.
    assert backup.daily_backup_if_due(ctx, siti) is None


@pytest.mark.postgres
def test_postgres_restore_refused_while_other_sessions_are_connected(
    pg: tuple[Opened, Actor], tmp_path: Path
) -> None:
    opened, siti = pg
    ctx = opened.ctx
    saved = backup.backup_now(ctx, siti, tmp_path / "cabang.dump")
    enrol(ctx, siti, 1)
    other = open_app(opened.database_url, home=ctx.paths.data.parent, counter="LOKET-2")
    other.ctx.read(lambda s: s.execute(text("SELECT 1")).scalar())
    try:
        with pytest.raises(DatabaseInUseError, match="1 koneksi lain"):
            backup.restore_backup(ctx, siti, saved.path)
    finally:
        other.ctx.engine.dispose()
    assert len(members(ctx)) == 1


@pytest.mark.postgres
def test_backups_do_not_cross_backends(
    pg: tuple[Opened, Actor], ctx: Any, tmp_path: Path, supervisor: Actor
) -> None:
    opened, siti = pg
    sqlite_backup = backup.backup_now(ctx, supervisor, tmp_path / "laptop.sqlite3").path
    pg_backup = backup.backup_now(opened.ctx, siti, tmp_path / "server.dump").path
    assert _codes(opened.ctx, sqlite_backup) == ["backup.backend"]
    assert "loket db copy" in backup.inspect_backup(opened.ctx, sqlite_backup).issues[0].message
    assert _codes(ctx, pg_backup) == ["backup.backend"]


def test_an_officer_may_not_back_up_or_restore(ctx: Any, officer: Actor, tmp_path: Path) -> None:
    from app.services.auth import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        backup.backup_now(ctx, officer, tmp_path / "x.sqlite3")
    with pytest.raises(PermissionDeniedError):
        backup.restore_backup(ctx, officer, tmp_path / "x.sqlite3")


def test_the_live_database_is_never_a_backup_target_or_source(
    ctx: Any, opened: Opened, supervisor: Actor
) -> None:
    from app.db.backup import BackupError

    live = live_file(opened)
    for fn in (backup.backup_now, backup.restore_backup):
        with pytest.raises(BackupError, match="sedang dipakai"):
            fn(ctx, supervisor, live)
    with sqlite3.connect(live) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _new_counter_with_the_key(tmp_path: Path, ctx: Any, name: str) -> Path:
    """A replaced computer: a new home holding only the branch's audit key (copied privately)."""
    home = tmp_path / name
    (home / "keys").mkdir(parents=True)
    (home / "keys" / "audit.key").write_text(ctx.audit_key.hex() + "\n", encoding="ascii")
    return home


def test_a_new_computer_restores_with_a_supervisor_of_the_backup(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody to ask on a new, empty database: the backup's own supervisor proves who they are."""
    import io
    import sys

    from app.cli import main

    number = enrol(ctx, officer, 1)
    saved = backup.backup_now(ctx, supervisor, tmp_path / "cabang.sqlite3")
    home = _new_counter_with_the_key(tmp_path, ctx, "pc-baru")
    args = ["restore", str(saved.path), "--supervisor", "siti", "--home", str(home), "--quiet"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("bukan-sandinya\n"))
    assert main(args) == 3
    fresh = open_app(home=home)
    try:
        assert members(fresh.ctx) == []
        assert last_action(fresh.ctx) == "restore.denied"
    finally:
        fresh.ctx.engine.dispose()
    monkeypatch.setattr(sys, "stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert main(args) == 0
    restored = open_app(home=home)
    try:
        assert members(restored.ctx) == [number]
        assert last_action(restored.ctx) == "db.restore" and verify_audit(restored.ctx).ok
        who = restored.ctx.read(
            lambda s: s.execute(
                select(AuditEvent.actor).where(AuditEvent.action == "db.restore")
            ).scalar_one()
        )
        assert who == "siti"
    finally:
        restored.ctx.engine.dispose()
    monkeypatch.setattr(sys, "stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert main(args) == 0  # now it has accounts: siti restores as its own supervisor


@pytest.mark.postgres
def test_a_new_server_restores_with_a_supervisor_of_the_archive(
    pg: tuple[Opened, Actor], pg_empty_url: str, tmp_path: Path
) -> None:
    opened, siti = pg
    number = enrol(opened.ctx, siti, 1)
    saved = backup.backup_now(opened.ctx, siti, tmp_path / "cabang.dump")
    home = _new_counter_with_the_key(tmp_path, opened.ctx, "server-baru")
    new = open_app(pg_empty_url, home=home)
    try:
        with pytest.raises(auth.AuthError):
            backup.restore_onto_new(new.ctx, "siti", "bukan-sandinya", saved.path)
        assert members(new.ctx) == []
        backup.restore_onto_new(new.ctx, "siti", SUPERVISOR_PASSWORD, saved.path)
    finally:
        new.ctx.engine.dispose()
    again = open_app(pg_empty_url, home=home)
    try:
        assert members(again.ctx) == [number] and last_action(again.ctx) == "db.restore"
        assert verify_audit(again.ctx).ok
    finally:
        again.ctx.engine.dispose()
