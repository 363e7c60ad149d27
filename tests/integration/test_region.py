"""The region on three real PostgreSQL servers on loopback (a Kanwil, branches 101 and 102),
replicating both ways as IT sets them up: nothing is lost when counters work at once, when the
Kanwil stops mid-stream, or when a branch is cut off for a day; a NIK active at one branch is
refused at the other; reference data reaches every branch."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.cli import main as cli_main
from app.domain.issues import DomainError
from app.services import cards, dashboard, enrolment
from app.services import contributions as cs
from app.services.audit import verify_audit
from app.services.region import dashboard as region_dashboard
from app.services.region import repair, status, transfer
from app.services.region.check import SKIPPED
from tests.day_fixtures import record_for
from tests.region_fixtures import PASSWORD, Region, Site, region_fixture, region_servers_fixture, wait_until  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _enrol(site: Site, i: int, **overrides: Any) -> str:
    out = enrolment.enrol_worker(site.ctx, site.officer, record_for(i, **overrides))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    return out.number


def _numbers(site: Site, block: str | None = None) -> set[str]:
    where = f" WHERE branch_id / 1000000000000 = {int(block)}" if block else ""
    return {r[0] for r in site.sql(f"SELECT number FROM member{where}")}  # noqa: S608


def _links(r: Region) -> dict[str, status.LinkDTO]:
    return {link.code: link for link in status.region_status(r.kanwil.ctx, r.kanwil.supervisor).links}


def test_concurrent_enrolments_on_both_branches_all_arrive_at_the_kanwil(region: Region) -> None:
    counters, each = 3, 8
    errors: list[BaseException] = []

    def counter(site: Site, k: int) -> None:
        try:
            base = (0 if site.code == "101" else 500) + k * each
            for j in range(each):
                _enrol(site, base + j)
        except BaseException as exc:  # reported below, with the thread's own traceback
            errors.append(exc)

    threads = [
        threading.Thread(target=counter, args=(site, k))
        for site in (region.b101, region.b102)
        for k in range(counters)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    wanted = _numbers(region.b101) | _numbers(region.b102)
    assert len(wanted) == 2 * counters * each
    wait_until(lambda: _numbers(region.kanwil) == wanted, "every member at the Kanwil")
    for b in (region.b101, region.b102):
        lo = int(b.code) * 10**12
        local = b.one("SELECT count(*) FROM audit_event")
        wait_until(
            lambda b=b, lo=lo, local=local: (
                region.kanwil.one(
                    "SELECT count(*) FROM audit_event WHERE seq > %s AND seq < %s", lo, lo + 10**12
                )
                == local
            ),
            f"branch {b.code}'s audit trail at the Kanwil",
        )
    # Officers travel without their password; no branch officer can sign in at the Kanwil.
    hashes = {
        h for (h,) in region.kanwil.sql("SELECT password_hash FROM officer WHERE id / 1000000000000 <> 900")
    }
    assert hashes == {"!"}
    links = _links(region)
    assert {c: (link.state, link.events_behind) for c, link in links.items()} == {
        "101": ("ok", 0),
        "102": ("ok", 0),
    }


def test_the_kanwil_stopped_mid_stream_loses_nothing(region: Region) -> None:
    first = [_enrol(region.b101, i) for i in range(5)]
    region.kanwil.server.halt()
    try:
        during = enrolment.enrol_worker(region.b101.ctx, region.b101.officer, record_for(5))
        # The counter keeps working; the officer is told the regional check did not run.
        assert during.status == "enrolled" and SKIPPED in during.warnings
        later = [_enrol(region.b101, i) for i in range(6, 12)]
        side = status.region_status(region.b101.ctx, region.b101.supervisor)
        assert side.links[0].message_code == "region.kanwil_unreachable"
        assert "tidak dapat dihubungi" in side.note
    finally:
        region.kanwil.server.resume(durable=False)
    assert during.number is not None
    wanted = {*first, during.number, *later}
    wait_until(lambda: _numbers(region.kanwil, "101") == wanted, "members enrolled while the Kanwil was down")
    assert _links(region)["101"].state == "ok"


def test_a_branch_cut_off_for_a_day_catches_up(region: Region) -> None:
    b = region.b102
    region.kanwil.sql("ALTER SUBSCRIPTION loket_up_102 DISABLE")
    link = _links(region)["102"]
    assert link.state == "disabled" and link.needs_repair and "dinonaktifkan" in link.message
    b.clock.advance(days=1)
    day = [_enrol(b, 600 + i) for i in range(30)]
    for number in day[:10]:
        cs.record_enrolment_payment(b.ctx, b.officer, number)  # None when nothing was due at enrolment
    assert not _numbers(region.kanwil, "102") & set(day)
    # The server itself stops too: the Kanwil says so, in words IT can act on.
    b.server.halt()
    try:
        link = _links(region)["102"]
        assert link.state == "disabled"  # a switched-off link is named first: repair turns it back on
        region.kanwil.sql("ALTER SUBSCRIPTION loket_up_102 ENABLE")
        link = _links(region)["102"]
        assert link.state == "unreachable" and "tidak dapat dihubungi" in link.message
        region.kanwil.sql("ALTER SUBSCRIPTION loket_up_102 DISABLE")
    finally:
        b.server.resume(durable=False)
    fixed = repair.repair(region.kanwil.ctx, region.kanwil.supervisor, "102")
    assert "langganan diaktifkan lagi" in fixed.actions
    wait_until(lambda: _numbers(region.kanwil, "102") >= set(day), "the branch's day at the Kanwil")
    paid = b.one("SELECT count(*) FROM payment")
    assert paid >= 1
    wait_until(
        lambda: region.kanwil.one("SELECT count(*) FROM payment WHERE id / 1000000000000 = 102") == paid,
        "the day's payments at the Kanwil",
    )
    assert _links(region)["102"].state == "ok"


def test_a_nik_active_at_another_branch_is_refused_at_the_second_counter(
    region: Region, tmp_path: Any
) -> None:
    number = _enrol(region.b101, 0)
    wait_until(lambda: number in _numbers(region.kanwil), "the member at the Kanwil")
    again = enrolment.enrol_worker(region.b102.ctx, region.b102.officer, record_for(0))
    assert again.status == "rejected" and [e.code for e in again.errors] == ["nik.region_duplicate"]
    assert "cabang 101" in again.errors[0].message and number in again.errors[0].message
    assert (
        enrolment.enrol_worker(region.b102.ctx, region.b102.officer, record_for(0), dry_run=True).status
        == "rejected"
    )
    assert region.b102.one("SELECT count(*) FROM member") == 0
    # The spreadsheet import asks the same question.
    sheet = tmp_path / "impor.csv"
    rec = record_for(0)
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rec))
        writer.writeheader()
        writer.writerow(rec)
    from app.services import importing

    report = importing.validate_import(region.b102.ctx, region.b102.officer, sheet)
    assert report.rejected == 1 and [c.code for c in report.error_counts] == ["nik.region_duplicate"]


def test_reference_data_reaches_every_branch(region: Region) -> None:
    k = region.kanwil
    dashboard.set_coverage_target(
        k.ctx, k.supervisor, regency_code="16.10", workers=200_000, target_bp=4500, baseline_bp=3000,
        baseline_date=dt.date(2026, 1, 1),
    )  # fmt: skip
    number = _enrol(region.b102, 700)
    issued = cards.issue_card(region.b102.ctx, region.b102.officer, number)
    wait_until(
        lambda: (
            region.b101.one("SELECT count(*) FROM region_card_key WHERE branch_code = '102'") >= 1
            and region.b101.one("SELECT count(*) FROM region_target") == 1
        ),
        "the Kanwil's keys and targets at branch 101",
    )
    check = cards.verify_card_text(region.b101.ctx, issued.face.qr_text)
    assert check.valid and check.issuer is not None and "102" in check.issuer
    board = dashboard.dashboard(region.b101.ctx, region.b101.supervisor)
    assert [line.regency_code for line in board.coverage] == ["16.10"]
    # A card replaced at 102 is refused at 101 too, offline, from the Kanwil's list.
    cards.reprint_card(
        region.b102.ctx, region.b102.officer, number, reason="hilang", approver_username="siti",
        approver_password=PASSWORD,
    )  # fmt: skip
    wait_until(
        lambda: (
            region.b101.one(
                "SELECT count(*) FROM region_card_revocation WHERE serial = %s", issued.card.serial
            )
            == 1
        ),
        "the revoked serial at branch 101",
    )
    old = cards.verify_card_text(region.b101.ctx, issued.face.qr_text)
    assert not old.valid and old.reason == "revoked" and "DICABUT" in old.message


def test_a_branch_that_lost_its_slot_is_copied_again(region: Region) -> None:
    numbers = {_enrol(region.b101, i) for i in range(4)}
    wait_until(lambda: _numbers(region.kanwil, "101") == numbers, "members at the Kanwil")
    region.kanwil.sql("ALTER SUBSCRIPTION loket_up_101 DISABLE")
    wait_until(
        lambda: (
            region.b101.one(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'loket_up_101' AND active"
            )
            == 0
        ),
        "the Kanwil's reader gone",
    )
    region.b101.sql("SELECT pg_drop_replication_slot('loket_up_101')")  # what a reinstalled server looks like
    region.kanwil.sql("ALTER SUBSCRIPTION loket_up_101 ENABLE")
    link = _links(region)["101"]
    assert link.state == "slot_missing" and "--resync" in link.message
    numbers.add(_enrol(region.b101, 9))
    fixed = repair.repair(region.kanwil.ctx, region.kanwil.supervisor, "101")
    assert any("disalin ulang" in a for a in fixed.actions)
    wait_until(lambda: _numbers(region.kanwil, "101") == numbers, "the branch copied again")
    wait_until(lambda: _links(region)["101"].state == "ok", "the link healthy again")
    sent_down = region.b101.sql("SELECT code, name FROM region_branch ORDER BY code")
    assert sent_down == [("101", "KC 101"), ("102", "KC 102")]  # the Kanwil's branch list, at the branch


def test_a_member_moved_between_branches_is_one_member_everywhere(region: Region) -> None:
    a, b, k = region.b101, region.b102, region.kanwil
    number = _enrol(a, 40)
    paid = cs.record_enrolment_payment(a.ctx, a.officer, number)
    assert paid is not None
    wait_until(lambda: number in _numbers(k), "the member at the Kanwil")

    sent = transfer.request_move(a.ctx, a.officer, number, "102", "pindah domisili ke Palembang")
    assert (sent.from_code, sent.to_code, sent.state) == ("101", "102", "REQUESTED")
    # The member has left the origin at once; the Kanwil holds no active record until 102 accepts.
    assert a.one("SELECT record_status FROM member WHERE number = %s", number) == "MOVED"
    wait_until(lambda: number not in _numbers(k), "the member handed over at the Kanwil")
    wait_until(
        lambda: [m.number for m in transfer.moves(b.ctx, b.supervisor)[0]] == [number],
        "the request in branch 102's incoming moves",
    )
    # Nobody may enrol the NIK afresh meanwhile: the move is open at the Kanwil.
    accepted = transfer.accept_move(b.ctx, b.supervisor, number)
    assert accepted.state == "ACCEPTED"

    # One member everywhere, with the same number, held by 102; history and payments stay.
    assert b.one("SELECT record_status FROM member WHERE number = %s", number) == "ACTIVE"
    assert a.one("SELECT record_status FROM member WHERE number = %s", number) == "MOVED"
    member_id = b.one("SELECT id FROM member WHERE number = %s", number)
    assert member_id == a.one("SELECT id FROM member WHERE number = %s", number)
    wait_until(
        lambda: (
            k.sql("SELECT branch_id / 1000000000000, record_status FROM member WHERE number = %s", number)
            == [(102, "ACTIVE")]
        ),
        "one active member at the Kanwil, held by 102",
    )
    assert b.one("SELECT count(*) FROM payment WHERE member_id = %s", member_id) == 1
    assert b.one("SELECT count(*) FROM enrolment WHERE member_id = %s", member_id) == 1
    assert k.one("SELECT count(*) FROM payment WHERE member_id = %s", member_id) == 1
    wait_until(
        lambda: (
            [(m.number, m.state) for m in transfer.moves(b.ctx, b.supervisor)[0]] == [(number, "ACCEPTED")]
        ),
        "the move accepted, as the Kanwil knows it",
    )

    # Audited on both sides, and both sides' trails reach the Kanwil.
    out_event = "SELECT count(*) FROM audit_event WHERE action = 'member.move_out' AND entity_id = %s"
    in_event = "SELECT count(*) FROM audit_event WHERE action = 'member.move_in' AND entity_id = %s"
    assert a.one(out_event, number) == 1 and a.one(in_event, number) == 0
    assert b.one(in_event, number) == 1
    wait_until(
        lambda: k.one(out_event, number) == 1 and k.one(in_event, number) == 1,
        "both audit events at the Kanwil",
    )
    for site in (a, b):
        assert verify_audit(site.ctx).ok

    # The NIK is active at 102 now: 101 refuses to enrol it again, and 102 refuses a second record.
    again = enrolment.enrol_worker(a.ctx, a.officer, record_for(40))
    assert again.status == "rejected" and [e.code for e in again.errors] == ["nik.region_duplicate"]
    assert "cabang 102" in again.errors[0].message
    twice = enrolment.enrol_worker(b.ctx, b.officer, record_for(40))
    assert twice.status == "rejected"
    # The member cannot be sent twice; the origin may not move a member it no longer holds.
    with pytest.raises(DomainError) as refused:
        transfer.request_move(a.ctx, a.officer, number, "102", "pindah lagi")
    assert refused.value.issues[0].code == "move.not_active"


def test_the_kanwil_dashboard_shows_coverage_per_branch_and_regency(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    k = region.kanwil
    for regency, workers in (("16.10", 1_000), ("16.01", 500)):
        dashboard.set_coverage_target(
            k.ctx, k.supervisor, regency_code=regency, workers=workers, target_bp=5000, baseline_bp=3000,
            baseline_date=dt.date(2026, 1, 1),
        )  # fmt: skip
    a = [_enrol(region.b101, 60 + i, kode_wilayah="16.10.01.2005", kanal=kanal) for i, kanal in
         enumerate(("LOKET", "LOKET", "DESA"))]  # fmt: skip
    b = [_enrol(region.b102, 70 + i, kode_wilayah="16.01.07.2001", kanal="PASAR") for i in range(2)]
    wait_until(lambda: _numbers(k) == {*a, *b}, "every member at the Kanwil")

    board = region_dashboard.kanwil_dashboard(k.ctx, k.supervisor)
    regencies = {r.code: (r.branch_code, r.members, r.coverage.enrolled_since) for r in board.regencies}
    assert regencies == {"16.01": ("102", 2, 2), "16.10": ("101", 3, 3)}
    branches = {
        line.code: (
            line.members,
            line.month_enrolments,
            {t.code: t.count for t in line.by_channel if t.count},
        )
        for line in board.branches
    }
    assert branches == {"101": (3, 3, {"LOKET": 2, "DESA": 1}), "102": (2, 2, {"PASAR": 2})}
    # Enrolled, nothing paid: registered ("terdaftar"), not protected ("terlindungi").
    line_101 = next(line for line in board.branches if line.code == "101")
    assert line_101.progress is not None and line_101.progress.covered == 300
    assert line_101.progress.registered == 300 + 3 and line_101.protected == 0
    assert board.province.workers == 1_500 and board.province.covered == 300 + 150
    assert board.province.registered == 300 + 3 + 150 + 2
    assert {t.code: t.count for t in board.by_segment}["BPU"] == 5
    assert board.duplicate_niks == 0

    # The same, as IT reads it on the command line: plain Indonesian, one line per branch.
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    home = ["--db", k.url, "--home", str(tmp_path / k.code)]  # the Kanwil's own home (region_fixtures)
    assert cli_main(["region", "dashboard", "--supervisor", "siti", *home]) == 0
    text = capsys.readouterr().out
    # (the command line reads the real clock: "this month" is December, not the fake November)
    assert "Provinsi: 450 dari 1.500 pekerja terlindungi (30%), 455 terdaftar" in text
    assert "101 KC 101: 0 terlindungi dari 3 peserta terdaftar" in text
    assert "102 KC 102: 0 terlindungi dari 2 peserta terdaftar" in text
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert cli_main(["region", "status", "--supervisor", "siti", *home]) == 0
    text = capsys.readouterr().out
    assert "101 KC 101: LANCAR" in text and "102 KC 102: LANCAR" in text
