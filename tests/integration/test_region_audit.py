"""The Kanwil holds each branch's audit head as it replicates: a branch whose insider cuts the tail
after the Kanwil saw it (deleting the last events, setting the head back and sealing it again with
the audit key, so the branch's own seal and days agree) is found at the branch and at the Kanwil.

On three real PostgreSQL servers (a Kanwil, branches 101 and 102), replicating both ways."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from app.cli import main as cli_main
from app.db.ids import BLOCK, local_part
from app.domain.audit import seal_mac
from app.domain.audit_anchors import Anchor, AnchorFinding
from app.services import contributions as cs
from app.services import enrolment
from app.services.audit import verify_audit
from app.services.audit_anchors import regional_heads
from app.services.region import audit as region_audit
from app.services.region import repair, status
from tests.day_fixtures import record_for
from tests.region_fixtures import PASSWORD, Region, Site, region_fixture, region_servers_fixture, wait_until  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

HEAD_ROW = "SELECT last_seq, last_hash FROM regional_audit_head WHERE branch_code = %s"


def _enrol_and_pay(site: Site, i: int) -> str:
    out = enrolment.enrol_worker(site.ctx, site.officer, record_for(i))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    cs.record_enrolment_payment(site.ctx, site.officer, out.number)
    return out.number


def _head(site: Site) -> tuple[int, str]:
    seq, digest = site.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")[0]
    return int(seq), str(digest)


def _recorded(site: Site, code: str) -> tuple[int, str] | None:
    rows = site.sql(HEAD_ROW, code)
    return (int(rows[0][0]), str(rows[0][1])) if rows else None


def _at_kanwil(r: Region, site: Site) -> int:
    lo = int(site.code) * BLOCK
    return int(
        r.kanwil.one(
            "SELECT coalesce(max(seq), 0) FROM audit_event WHERE seq > %s AND seq < %s", lo, lo + BLOCK
        )
    )


def _seen(r: Region, site: Site) -> tuple[int, str]:
    """Wait until the Kanwil holds the branch's whole trail and has recorded its head, and the
    record came back down to the branch."""
    seq, digest = _head(site)
    wait_until(lambda: _at_kanwil(r, site) == seq, f"branch {site.code}'s trail at the Kanwil")
    wanted = (local_part(seq), digest)
    wait_until(lambda: _recorded(r.kanwil, site.code) == wanted, f"the Kanwil's record of {site.code}'s head")
    wait_until(lambda: _recorded(site, site.code) == wanted, f"the record back at branch {site.code}")
    return wanted


def _cut_tail(site: Site, keep: int) -> None:
    """The insider: delete every event after ``keep``, set the head back to it and seal it again."""
    digest = site.one("SELECT hash FROM audit_event WHERE seq = %s", keep)
    with psycopg.connect(site.server.conninfo(site.database)) as conn:
        conn.execute("DELETE FROM audit_event WHERE seq > %s", (keep,))
        conn.execute("UPDATE audit_head SET last_seq = %s, last_hash = %s WHERE id = 1", (keep, digest))
        mac = seal_mac(site.ctx.audit_key, local_part(keep), digest)
        conn.execute("UPDATE audit_seal SET mac = %s WHERE id = 1", (mac,))


def _cli(site: Site, tmp_path: Path, *args: str) -> list[str]:
    return [*args, "--db", site.url, "--home", str(tmp_path / site.code)]


def test_a_tail_cut_after_the_kanwil_saw_it_is_found_at_the_branch_and_at_the_kanwil(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, k = region.b101, region.b102, region.kanwil
    for i in range(2):
        _enrol_and_pay(a, i)
    _enrol_and_pay(b, 50)
    seen_a = _seen(region, a)
    _seen(region, b)
    before = verify_audit(a.ctx)
    assert before.ok, before.message
    (kanwil_anchor,) = [f for f in before.anchors if f.anchor.kind == "region"]
    assert kanwil_anchor.ok and kanwil_anchor.anchor.seq == seen_a[0]
    assert kanwil_anchor.anchor.label.startswith("Kanwil 900 (diterima ")
    assert region_audit.regional_audit(k.ctx, k.supervisor).ok

    # The insider at 101 cuts the last three events and seals the earlier head again.
    head_seq = _head(a)[0]
    keep = head_seq - 3
    _cut_tail(a, keep)
    wait_until(lambda: _at_kanwil(region, a) == keep, "the cut replicated to the Kanwil as deletes")
    # The Kanwil's record did not go down, there or in the branch's copy.
    assert _recorded(k, "101") == seen_a
    assert _recorded(a, "101") == seen_a

    report = verify_audit(a.ctx)
    assert report.chain.ok  # the chain and its re-made seal agree: the branch's own anchors pass
    assert not report.ok and report.problem == "anchor"
    broken = [f for f in report.anchors if not f.ok]
    assert {f.anchor.kind for f in broken} == {"region"}
    assert all(f.problem == "beyond_head" and f.anchor.seq == seen_a[0] for f in broken)
    assert "Kanwil 900 (diterima " in report.message
    assert (
        f"mencatat peristiwa #{seen_a[0]}, tetapi rantai audit sekarang berakhir di #{local_part(keep)}"
        in (report.message)
    )
    assert all(f.ok for f in report.anchors if f.anchor.kind == "seal")

    # The command says the same, and fails.
    assert cli_main(_cli(a, tmp_path, "audit", "verify")) == 1
    out = capsys.readouterr().out
    assert "Kanwil 900 (diterima " in out and f"mencatat peristiwa #{seen_a[0]}" in out
    assert "Hasil: TIDAK UTUH." in out
    assert cli_main(_cli(a, tmp_path, "audit", "verify", "--json")) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(x["kind"] == "region" and x["problem"] == "beyond_head" for x in data["anchors"])

    # The Kanwil's own check flags 101, and only 101.
    checked = region_audit.regional_audit(k.ctx, k.supervisor)
    by_code = {t.code: t for t in checked.branches}
    assert not checked.ok and checked.trigger_ok
    assert (by_code["101"].ok, by_code["101"].problem) == (False, "beyond_head")
    assert by_code["101"].recorded_seq == seen_a[0] and by_code["101"].last_seq == local_part(keep)
    assert by_code["102"].ok, by_code["102"].message
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert cli_main(_cli(k, tmp_path, "region", "audit", "--supervisor", "siti")) == 1
    out = capsys.readouterr().out
    assert "101 KC 101: TIDAK UTUH — Kanwil (diterima " in out
    assert "102 KC 102: UTUH — " in out and "Hasil: 1 cabang TIDAK UTUH." in out

    # The branch works on: its new events take the cut positions and go past the old head. The
    # record stays where it was (the event it names is gone), so the rewrite stays visible.
    for i in range(5, 8):
        _enrol_and_pay(a, i)
    new_head = _head(a)[0]
    assert local_part(new_head) > seen_a[0]
    wait_until(lambda: _at_kanwil(region, a) == new_head, "the branch's new events at the Kanwil")
    assert _recorded(k, "101") == seen_a
    again = verify_audit(a.ctx)
    assert {(f.anchor.kind, f.problem) for f in again.anchors if not f.ok} == {("region", "mismatch")}
    by_code = {t.code: t for t in region_audit.regional_audit(k.ctx, k.supervisor).branches}
    assert by_code["101"].problem == "mismatch" and by_code["102"].ok


def test_the_branch_cannot_lower_its_copy_of_the_kanwils_record(region: Region) -> None:
    a, k = region.b101, region.kanwil
    _enrol_and_pay(a, 0)
    seen = _seen(region, a)
    for sql in (
        "UPDATE regional_audit_head SET last_seq = 1",
        "DELETE FROM regional_audit_head",
        "TRUNCATE regional_audit_head",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Catatan Kanwil"):
            a.sql(sql)
    assert _recorded(a, "101") == seen
    # With the guard switched off the copy goes down; the Kanwil, asked on verify, still knows.
    keep = _head(a)[0] - 2
    with psycopg.connect(a.server.conninfo(a.database)) as conn:
        conn.execute("ALTER TABLE regional_audit_head DISABLE TRIGGER ALL")
        conn.execute(
            "UPDATE regional_audit_head SET last_seq = %s, last_hash = "
            "(SELECT hash FROM audit_event WHERE seq = %s)",
            (local_part(keep), keep),
        )
        for name in ("loket_regional_head_guard_rows", "loket_regional_head_guard_truncate"):
            conn.execute(f"ALTER TABLE regional_audit_head ENABLE ALWAYS TRIGGER {name}")
    _cut_tail(a, keep)
    report = verify_audit(a.ctx, reconcile_rows=False)
    bad = [f for f in report.anchors if not f.ok]
    assert [(f.anchor.kind, f.anchor.seq, f.problem) for f in bad] == [("region", seen[0], "beyond_head")]
    assert bad[0].anchor.label.startswith("Kanwil 900 (diterima ")  # the Kanwil's own answer
    # The Kanwil's trigger goes missing: status says so, the Kanwil's check fails, repair restores it.
    k.sql("ALTER TABLE audit_event DISABLE TRIGGER loket_region_audit_head")
    assert not region_audit.regional_audit(k.ctx, k.supervisor).trigger_ok
    assert "Pemicu Kanwil" in status.region_status(k.ctx, k.supervisor).note
    repair.repair(k.ctx, k.supervisor, "102")
    assert region_audit.regional_audit(k.ctx, k.supervisor).trigger_ok


def test_outside_a_region_there_is_no_kanwil_anchor(region: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Kanwil's own chain has no regional anchor; neither has a branch whose Kanwil is silent
    and whose copy is missing (said in the findings, not failed)."""
    report = verify_audit(region.kanwil.ctx, reconcile_rows=False)
    assert report.ok and not [f for f in report.anchors if f.anchor.kind == "region"]
    a = region.b102
    _enrol_and_pay(a, 60)
    seen = _seen(region, a)
    region.kanwil.server.halt()
    try:
        report = verify_audit(a.ctx, reconcile_rows=False)
    finally:
        region.kanwil.server.resume(durable=False)
    assert report.ok, report.message
    note, copy = [f for f in report.anchors if f.anchor.kind == "region"]
    assert note.ok and note.anchor.seq == 0 and "tidak dapat dihubungi" in note.message
    assert copy.ok and copy.anchor.seq == seen[0] and "salinan di cabang" in copy.anchor.label


def _empty_record(site: Site) -> None:
    with psycopg.connect(site.server.conninfo(site.database), autocommit=True) as conn:
        conn.execute("SELECT set_config('loket.refill_down', 'on', false)")
        conn.execute("TRUNCATE regional_audit_head")


def test_a_region_set_up_before_the_record_gets_it_by_repair(region: Region) -> None:
    """As an older Loket left it: no trigger at the Kanwil, the table not sent down."""
    a, k = region.b101, region.kanwil
    k.sql("DROP TRIGGER loket_region_audit_head ON audit_event")
    k.sql("ALTER PUBLICATION loket_down DROP TABLE regional_audit_head")
    a.sql("ALTER SUBSCRIPTION loket_down_101 REFRESH PUBLICATION")
    for site in (k, a):
        _empty_record(site)
    _enrol_and_pay(a, 0)
    seq, digest = _head(a)
    wait_until(lambda: _at_kanwil(region, a) == seq, "the branch's trail at the Kanwil")
    assert _recorded(k, "101") is None
    assert "Pemicu Kanwil" in status.region_status(k.ctx, k.supervisor).note

    fixed = repair.repair(k.ctx, k.supervisor, "101")
    assert "daftar tabel data rujukan di cabang diperbarui" in fixed.actions
    assert _recorded(k, "101") == (local_part(seq), digest)  # what the Kanwil already held
    wait_until(lambda: _recorded(a, "101") == (local_part(seq), digest), "the record down at the branch")
    assert status.region_status(k.ctx, k.supervisor).note == ""
    _enrol_and_pay(a, 1)
    _seen(region, a)  # and it follows the branch again


def test_events_written_while_verify_runs_are_not_a_cut(region: Region) -> None:
    """The Kanwil may have recorded events written after verify took its snapshot: they are still
    at the branch, so its answer is no cut."""
    a = region.b101
    _enrol_and_pay(a, 0)
    _seen(region, a)
    with a.ctx.session_factory() as session:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        session.execute(sa.text("SELECT count(*) FROM audit_event")).scalar_one()  # the snapshot
        _enrol_and_pay(a, 1)
        seen = _seen(region, a)
        found = list(regional_heads(session, a.ctx))
        session.rollback()
    (live,) = [f for f in found if isinstance(f, AnchorFinding)]
    assert live.anchor.seq == seen[0] and live.ok and "sesudah pemeriksaan dimulai" in live.message
    # The copy the snapshot holds is the older record: an anchor the chain reaches.
    assert all(x.seq < seen[0] and "salinan di cabang" in x.label for x in found if isinstance(x, Anchor))
