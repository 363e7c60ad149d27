"""``loket db copy``: a laptop's SQLite database into an empty database, verified table by table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from app.bootstrap import Opened, open_app
from app.db.engine import make_engine
from app.db.models import Member, Setting
from app.domain.progress import CancelFlag, Cancelled
from app.services import auth, dbcopy, demo, enrolment
from app.services.audit import verify_audit
from app.services.dbcopy import CopyRefusedError, copy_database, table_digests
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record


@pytest.fixture
def laptop(ctx: Any, officer: Actor, supervisor: Actor) -> Any:
    """A (training) laptop database with a bit of everything: heirs, a merged record pointing at a
    LATER row (a self-reference the copy must defer), text keys that sort differently by locale."""
    demo.seed_members(ctx, supervisor, 300, seed=11)  # synthetic members: a training database first
    ids = []
    for i in range(1, 4):
        out = enrolment.enrol_worker(
            ctx, officer, bpu_record(nik=f"161001450890{i:04d}", ahli_waris="ANI:ANAK")
        )
        assert out.status == "enrolled" and out.member is not None
        ids.append(out.member.id)
    ctx.write(
        lambda s: s.execute(
            update(Member).where(Member.id == ids[0]).values(record_status="MERGED", merged_into_id=ids[2])
        )
    )
    ctx.write(
        lambda s: s.add_all(
            [Setting(key=k, value=v) for k, v in [("b", "1"), ("B", "2"), ("ä", "3"), ("a_z", "4")]]
        )
    )
    return ctx


def _siti(ctx: Any) -> Actor:
    return auth.login(ctx, "siti", SUPERVISOR_PASSWORD)


def source_digests(ctx: Any) -> dict[str, Any]:
    tables, _ = dbcopy._plan()
    with ctx.engine.connect() as conn:
        return table_digests(conn, tables)


def target_digests(url: str) -> dict[str, Any]:
    tables, _ = dbcopy._plan()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return table_digests(conn, tables)
    finally:
        engine.dispose()


def test_copy_moves_every_row_and_verifies_it(
    laptop: Any, any_db_url: str, home: Path, officer: Actor
) -> None:
    seen: list[tuple[int, int]] = []
    report = copy_database(
        laptop, _siti(laptop), any_db_url, batch=64, progress=lambda d, t, m="": seen.append((d, t))
    )
    want = source_digests(laptop)
    assert {t.table: t for t in report.tables} == want
    assert target_digests(any_db_url) == want  # read back independently, after the commit
    assert report.rows == sum(t.rows for t in want.values()) and want["member"].rows == 303
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] == 2 * report.rows

    branch_server = open_app(any_db_url, home=home, counter="LOKET-SERVER")
    try:
        ctx = branch_server.ctx
        assert verify_audit(ctx).ok  # same audit key: the chain is intact on the server
        merged = ctx.read(
            lambda s: s.execute(select(Member.merged_into_id).where(Member.id == 301)).scalar_one()
        )
        assert merged == 303
        # Ids and numbers continue after the copied ones (sequences were moved on).
        out = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508909999"))
        assert out.status == "enrolled" and out.member is not None
        assert out.member.id == 304 and out.number is not None and out.number[3:10] == "0000304"
        assert verify_audit(ctx).ok
    finally:
        branch_server.ctx.engine.dispose()


@pytest.mark.postgres
def test_copy_into_a_brand_new_postgres_database_creates_the_schema(laptop: Any, pg_empty_url: str) -> None:
    report = copy_database(laptop, _siti(laptop), pg_empty_url)
    assert target_digests(pg_empty_url) == {t.table: t for t in report.tables}


@pytest.mark.postgres
def test_a_target_with_data_is_refused_and_left_alone(laptop: Any, pg_url: str, home: Path) -> None:
    from app.services import branch

    other = open_app(pg_url, home=home)
    branch.setup_branch(other.ctx, code="102", name="KCP Lain", timezone="Asia/Jakarta")
    other.ctx.engine.dispose()
    before = target_digests(pg_url)
    with pytest.raises(CopyRefusedError, match="tidak kosong"):
        copy_database(laptop, _siti(laptop), pg_url)
    assert target_digests(pg_url) == before


@pytest.mark.postgres
def test_a_database_of_another_application_is_refused(laptop: Any, pg_empty_url: str) -> None:
    engine = make_engine(pg_empty_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id int)"))
    engine.dispose()
    with pytest.raises(CopyRefusedError, match="bukan milik Loket"):
        copy_database(laptop, _siti(laptop), pg_empty_url)


def test_a_failed_verification_rolls_everything_back(
    laptop: Any, any_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = None
    real_insert = dbcopy._insert

    def corrupting(dst: Any, t: Any, payload: list[dict[str, Any]]) -> None:
        if t.name == "member":
            payload = [dict(payload[0], nama=payload[0]["nama"] + "X"), *payload[1:]]
        real_insert(dst, t, payload)

    monkeypatch.setattr(dbcopy, "_insert", corrupting)
    with pytest.raises(CopyRefusedError, match="Verifikasi gagal untuk tabel member"):
        copy_database(laptop, _siti(laptop), any_db_url, batch=256)
    empty = target_digests(any_db_url)
    assert empty["member"].rows == 0 and empty["branch"].rows == 0 and empty["audit_head"].rows == 1
    monkeypatch.undo()
    copy_database(laptop, _siti(laptop), any_db_url)  # the target is still empty, so a second try works
    assert target_digests(any_db_url) == source_digests(laptop)


def test_cancel_leaves_the_target_empty(laptop: Any, any_db_url: str) -> None:
    flag = CancelFlag()

    def cancel_after_some(done: int, total: int, message: str = "") -> None:
        if done > 100:
            flag.cancel()

    with pytest.raises(Cancelled):
        copy_database(laptop, _siti(laptop), any_db_url, batch=50, progress=cancel_after_some, cancel=flag)
    assert target_digests(any_db_url)["member"].rows == 0


@pytest.mark.postgres
def test_the_cli_copies_and_refuses_a_second_time(laptop: Any, pg_empty_url: str, home: Path) -> None:
    env = {**os.environ, "LOKET_HOME": str(home)}
    cmd = [
        sys.executable,
        "-m",
        "app.cli",
        "db",
        "copy",
        "--to",
        pg_empty_url,
        "--quiet",
        "--supervisor",
        "siti",
    ]
    run = {"env": env, "capture_output": True, "text": True, "timeout": 300, "input": SUPERVISOR_PASSWORD}
    r = subprocess.run([*cmd, "--json"], **run)  # type: ignore[call-overload]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["target"].startswith("PostgreSQL: 127.0.0.1:")
    rows = {t["table"]: t["rows"] for t in out["tables"]}
    assert rows["member"] == 303 and rows["enrolment"] == 303 and rows["heir"] == 3
    r = subprocess.run(cmd, **run)  # type: ignore[call-overload]
    assert r.returncode == 3 and "tidak kosong" in r.stderr and "Traceback" not in r.stderr
    # The server's password never appears in what we print.
    url = make_url(pg_empty_url)
    assert url.password is None or str(url.password) not in r.stdout + r.stderr


@pytest.mark.postgres
def test_text_keys_keep_their_order_on_a_server_with_another_collation(
    laptop: Any, pg_server: Any, home: Path
) -> None:
    """The checksum orders text keys by code point on both sides, whatever the server's locale."""
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        # Indonesian ICU collation: 'ä' < 'a_z' < 'b' < 'B', where SQLite says 'B' < 'a_z' < 'b' < 'ä'.
        try:
            conn.execute(
                "CREATE DATABASE copy_collation TEMPLATE template0 "
                "LOCALE_PROVIDER icu ICU_LOCALE 'id-ID' LOCALE 'C.UTF-8'"
            )
        except psycopg.errors.FeatureNotSupported as exc:  # the pip-installed build has no ICU
            pytest.skip(f"this PostgreSQL build cannot make an ICU database: {exc}")
    url = pg_server.url("copy_collation")
    try:
        report = copy_database(laptop, _siti(laptop), url)
        keys = next(t for t in report.tables if t.table == "setting")
        assert keys.rows >= 4  # the test's four keys plus the app's own settings
        assert target_digests(url)["setting"] == keys
        engine = make_engine(url)
        with engine.connect() as conn:
            ordered = conn.execute(text("SELECT key FROM setting ORDER BY key")).scalars()
            assert [k for k in ordered if k in {"ä", "a_z", "b", "B"}] == [
                "ä",
                "a_z",
                "b",
                "B",
            ]
        engine.dispose()
    finally:
        with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
            conn.execute("DROP DATABASE copy_collation WITH (FORCE)")


def test_source_and_target_must_differ(laptop: Any, opened: Opened) -> None:
    with pytest.raises(CopyRefusedError, match="sama"):
        copy_database(laptop, _siti(laptop), opened.database_url)
    path = make_url(opened.database_url).database
    with pytest.raises(CopyRefusedError, match="sama"):
        copy_database(laptop, _siti(laptop), str(path))  # a bare path is a SQLite file too


def test_a_bare_path_is_a_sqlite_target(laptop: Any, tmp_path: Path) -> None:
    report = copy_database(laptop, _siti(laptop), str(tmp_path / "usb" / "salinan.sqlite3"))
    assert report.target.startswith("SQLite:") and (tmp_path / "usb" / "salinan.sqlite3").exists()
