"""A branch restored from an older backup, on three real PostgreSQL servers (a Kanwil, branches 101
and 102): the restore keeps the branch's link objects, status explains what happened at the Kanwil
and at the branch, a Kanwil supervisor accepts it (audited on both sides), replication flows again,
the Kanwil's anchor verifies, and what the branch lost is kept and listed."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import psycopg
import pytest

from app.cli import main as cli_main
from app.db.ids import BLOCK, local_part
from app.domain.issues import DomainError
from app.services import backup, enrolment
from app.services import contributions as cs
from app.services.audit import verify_audit
from app.services.region import audit as region_audit
from app.services.region import repair, restore, status
from tests.day_fixtures import nik_for, record_for
from tests.region_fixtures import PASSWORD, Region, Site, region_fixture, region_servers_fixture, wait_until  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _enrol(site: Site, i: int, *, pay: bool = False) -> str:
    out = enrolment.enrol_worker(site.ctx, site.officer, record_for(i))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    if pay:
        cs.record_enrolment_payment(site.ctx, site.officer, out.number)
    return out.number


def _head(site: Site) -> tuple[int, str]:
    seq, digest = site.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")[0]
    return int(seq), str(digest)


def _recorded(site: Site, code: str) -> tuple[int, str] | None:
    rows = site.sql("SELECT last_seq, last_hash FROM regional_audit_head WHERE branch_code = %s", code)
    return (int(rows[0][0]), str(rows[0][1])) if rows else None


def _members_at_kanwil(r: Region, site: Site) -> list[str]:
    lo = int(site.code) * BLOCK
    rows = r.kanwil.sql(
        "SELECT number FROM member WHERE branch_id > %s AND branch_id < %s ORDER BY number", lo, lo + BLOCK
    )
    return [str(n) for (n,) in rows]


def _seen(r: Region, site: Site) -> tuple[int, str]:
    """The Kanwil holds the branch's whole trail and has recorded its head (and sent it down)."""
    seq, digest = _head(site)
    lo = int(site.code) * BLOCK
    wait_until(
        lambda: (
            r.kanwil.one(
                "SELECT coalesce(max(seq), 0) FROM audit_event WHERE seq > %s AND seq < %s", lo, lo + BLOCK
            )
            == seq
        ),
        f"branch {site.code}'s trail at the Kanwil",
    )
    wanted = (local_part(seq), digest)
    wait_until(lambda: _recorded(r.kanwil, site.code) == wanted, "the Kanwil's record of the head")
    wait_until(lambda: _recorded(site, site.code) == wanted, "the record back at the branch")
    return wanted


def _link(site: Site, code: str) -> status.LinkDTO:
    (link,) = [x for x in status.region_status(site.ctx, site.supervisor).links if x.code == code]
    return link


def test_a_branch_restored_from_an_older_backup_is_explained_accepted_and_replicates_again(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, k = region.b101, region.kanwil
    kept = [_enrol(a, 1, pay=True), _enrol(a, 2)]
    _seen(region, a)
    old = backup.backup_now(a.ctx, a.supervisor, tmp_path / "cabang-101-lama.dump")
    # After the backup: three more members (one paid), all at the Kanwil.
    later = [_enrol(a, 3, pay=True), _enrol(a, 4), _enrol(a, 5)]
    seen = _seen(region, a)
    assert _members_at_kanwil(region, a) == sorted(kept + later)

    # IT restores the older backup at the branch (the branch's link objects stay in place).
    restored = backup.restore_backup(a.ctx, a.supervisor, old.path)
    assert not restored.needs_upgrade
    assert sorted(n for (n,) in a.sql("SELECT number FROM member")) == sorted(kept)

    # The Kanwil's status explains it, naming what the Kanwil saw and what the branch has.
    link = _link(k, "101")
    assert link.state == "restored" and link.needs_repair and link.label == "Dipulihkan dari cadangan lama"
    assert "Cabang 101 dipulihkan dari cadangan lama (" in link.message
    assert "cabang-101-lama.dump" in link.message
    assert f"menerima jejak auditnya sampai #{seen[0]}" in link.message
    assert "Kanwil memegang 5 data peserta cabang ini, cabang kini 2." in link.message
    assert "loket region accept-restore --branch 101" in link.message
    assert _link(k, "102").state == "ok"
    # … and so does the branch's own status; its audit verify fails on the Kanwil's anchor (the
    # Kanwil's own copy of the chain is still whole: nothing of the restore reached it).
    own = _link(a, "101")
    assert own.state == "restored" and "Kanwil memegang 5 data peserta" in own.message
    before = verify_audit(a.ctx, reconcile_rows=False)
    assert not before.ok and {f.anchor.kind for f in before.anchors if not f.ok} == {"region"}
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert (
        cli_main(["region", "status", "--db", k.url, "--home", str(tmp_path / "900"), "--supervisor", "siti"])
        == 1
    )
    out = capsys.readouterr().out
    assert "101 KC 101: DIPULIHKAN DARI CADANGAN LAMA" in out and "[region.restored]" in out

    # The counter works on before anyone accepts: a new member takes the number of a lost one.
    reused = _enrol(a, 6)
    assert reused == later[0]

    # A plain re-copy would drop what the branch lost: refused, pointing at accept-restore.
    with pytest.raises(DomainError, match="accept-restore"):
        repair.repair(k.ctx, k.supervisor, "101", resync=True)
    assert _members_at_kanwil(region, a) == sorted(kept + later)
    # Refused without a reason; refused for a branch that was not restored.
    with pytest.raises(DomainError, match="alasan"):
        restore.accept_restore(k.ctx, k.supervisor, "101", "  ")
    with pytest.raises(DomainError, match="tidak ada pemulihan"):
        restore.accept_restore(k.ctx, k.supervisor, "102", "uji")

    # The Kanwil supervisor accepts it, from the command line.
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    code = cli_main(
        ["region", "accept-restore", "--db", k.url, "--home", str(tmp_path / "900"), "--supervisor", "siti",
         "--branch", "101", "--reason", "server cabang rusak, dipulihkan dari cadangan Senin"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Pemulihan cabang 101 diterima" in out and "server cabang rusak" in out
    assert f"sampai #{seen[0]}" in out
    assert "PERHATIAN: nomor ini sudah diberikan lagi" in out and reused in out

    (accepted,) = restore.restores(k.ctx, k.supervisor, code="101")
    assert accepted.lost_numbers == tuple(sorted(later))
    assert accepted.reused_numbers == (reused,)
    assert accepted.lost["member"] == {"missing": 2, "changed": 1}  # the reused id holds another person
    assert accepted.lost["payment"]["missing"] == 1 and accepted.lost["audit_event"]["missing"] >= 3
    assert accepted.rebased_seq < seen[0] and accepted.recorded_seq == seen[0]

    # Replication flows again: the Kanwil holds what the branch holds, and a new enrolment arrives.
    wait_until(lambda: _members_at_kanwil(region, a) == sorted([*kept, reused]), "the branch copied again")
    fresh = _enrol(a, 7)
    assert fresh not in later  # the serials moved past every number the Kanwil saw
    wait_until(lambda: fresh in _members_at_kanwil(region, a), "a new enrolment at the Kanwil")
    wait_until(lambda: _link(k, "101").state == "ok", "the link healthy again")

    # The anchor: the Kanwil's record re-based, the branch's own event written when it looks, both
    # trails verify.
    wait_until(lambda: a.one("SELECT count(*) FROM region_restore") == 1, "the acceptance at the branch")
    assert (
        "Pemulihan cabang ini dari cadangan lama diterima Kanwil"
        in status.region_status(a.ctx, a.supervisor).note
    )
    events = a.sql("SELECT details FROM audit_event WHERE action = 'region.restore_accepted'")
    assert len(events) == 1
    details = json.loads(events[0][0])
    assert details["by"] == "siti" and "server cabang rusak" in details["reason"]
    assert details["lost_numbers"] == sorted(later) and details["reused_numbers"] == [reused]
    accepted_sql = (
        "SELECT seq / %s, details FROM audit_event WHERE action = 'region.restore_accepted' ORDER BY 1"
    )
    wait_until(lambda: len(k.sql(accepted_sql, BLOCK)) == 2, "the branch's own event at the Kanwil")
    trails = k.sql(accepted_sql, BLOCK)
    assert [int(c) for c, _d in trails] == [101, 900]  # the branch's own event arrived up; the Kanwil's
    assert json.loads(trails[1][1])["recorded"][0] == seen[0]
    _seen(region, a)
    report = verify_audit(a.ctx, reconcile_rows=False)
    assert report.ok, report.message
    assert region_audit.regional_audit(k.ctx, k.supervisor).ok

    # What was lost is kept and listed, at the Kanwil and at the branch, and exported without NIKs.
    lost = restore.losses(k.ctx, k.supervisor, accepted.id)
    lost_members = {x.summary.split()[0] for x in lost if x.table == "member"}
    assert lost_members == set(later)
    assert len(restore.losses(a.ctx, a.supervisor, accepted.id)) == len(lost)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    target = tmp_path / "hilang.csv"
    assert cli_main(
        ["region", "restores", "--db", a.url, "--home", str(tmp_path / "101"), "--supervisor", "siti",
         "--csv", str(target)]
    ) == 0  # fmt: skip
    with target.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(lost) and {r["tabel"] for r in rows} >= {"member", "payment", "audit_event"}
    assert "ditulis ke" in capsys.readouterr().out
    text = target.read_text(encoding="utf-8")
    assert all(nik_for(i) not in text for i in range(1, 8))
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert cli_main(
        ["region", "restores", "--db", k.url, "--home", str(tmp_path / "900"), "--supervisor", "siti",
         "--branch", "101", "--json"]
    ) == 0  # fmt: skip
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["id"] == accepted.id and len(listed["losses"]) == len(lost)
    assert restore.restores(k.ctx, k.supervisor, code="102") == []
    with psycopg.connect(k.server.conninfo(k.database)) as conn:
        kept_row = conn.execute(
            "SELECT row FROM region_restore_loss WHERE table_name = 'member' AND change = 'missing' LIMIT 1"
        ).fetchone()
    assert kept_row is not None and json.loads(kept_row[0])["nik"]  # the Kanwil's copy, whole
