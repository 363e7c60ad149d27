"""An insider with a shell and the database file rewrites the trail quietly; ``audit verify`` says so.

Each case failed before: the chain alone verified clean after every one of these edits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from app.cli import main as cli_main
from app.db.ids import BLOCK
from app.domain.audit import GENESIS
from app.services import backup, contributions, day
from app.services.audit import verify_audit
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock, bpu_record
from tests.day_fixtures import cash_as_taken
from tests.names import NAME_POOL
from tests.search_fixtures import enrol, person


@contextmanager
def raw_db(opened: Any) -> Iterator[sqlite3.Connection]:
    """The database file, opened as an intruder would (no Loket code, no audit key needed)."""
    conn = sqlite3.connect(opened.database_url.split(":///", 1)[1], isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


def codes(report: Any) -> set[str]:
    assert report.reconciliation is not None
    return set(report.reconciliation.counts)


@pytest.fixture
def paid(ctx: Any, officer: Actor) -> str:
    """A member enrolled and paid 1 month: the trail as a counter leaves it."""
    number = enrol(ctx, officer, bpu_record())
    contributions.pay(ctx, officer, number, months=1, method="cash")
    assert verify_audit(ctx).ok
    return number


def test_changed_details_with_their_digest_reset_are_a_changed_event(
    opened: Any, ctx: Any, paid: str
) -> None:
    with raw_db(opened) as db:
        seq, details = db.execute(
            "SELECT seq, details FROM audit_event WHERE action = 'payment.record'"
        ).fetchone()
        forged = details.replace('"method":"cash"', '"method":"transfer"')
        assert forged != details
        original = hashlib.sha256(details.encode("utf-8")).hexdigest()
        db.execute(
            "UPDATE audit_event SET details = ?, details_digest = ? WHERE seq = ?", (forged, original, seq)
        )
    report = verify_audit(ctx)
    assert not report.ok
    assert (report.problem, report.first_bad_seq) == ("changed", seq % BLOCK), report.message


def test_a_redaction_needs_a_purge(opened: Any, ctx: Any, paid: str) -> None:
    """Hiding an event's details behind the purge marker is allowed only for purged members."""
    from app.domain.audit import REDACTED_DETAILS

    with raw_db(opened) as db:
        seq, details = db.execute(
            "SELECT seq, details FROM audit_event WHERE action = 'member.enrol'"
        ).fetchone()
        digest = hashlib.sha256(details.encode("utf-8")).hexdigest()
        db.execute(
            "UPDATE audit_event SET details = ?, details_digest = ? WHERE seq = ?",
            (REDACTED_DETAILS, digest, seq),
        )
    report = verify_audit(ctx)
    assert report.chain.ok and not report.ok
    assert "reconcile.redaction_without_purge" in codes(report)


def test_a_wiped_trail_is_not_intact(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor, paid: str
) -> None:
    day.close_day(
        ctx,
        supervisor,
        dt.date(2026, 11, 23),
        password=SUPERVISOR_PASSWORD,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    with raw_db(opened) as db:
        db.execute("DELETE FROM audit_event")
        db.execute("UPDATE audit_head SET last_seq = 0, last_hash = ?", (GENESIS,))
        db.execute("UPDATE audit_seal SET mac = ''")
    report = verify_audit(ctx)
    assert report.chain.ok and report.checked == 0  # what verify used to say: "0 peristiwa utuh"
    assert not report.ok and report.problem == "anchor"
    broken = {a.anchor.kind for a in report.anchors if not a.ok}
    assert {"day_close", "day_pdf"} <= broken
    assert "Penutupan hari 23 November 2026" in report.message
    assert {"reconcile.member_without_event", "reconcile.payment_without_event"} <= codes(report)
    assert "reconcile.officer_without_event" in codes(report)


def test_a_tail_cut_back_to_an_older_seal_is_found(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor, paid: str, clock: FakeClock
) -> None:
    with raw_db(opened) as db:
        kept = db.execute("SELECT last_seq, last_hash FROM audit_head").fetchone()
        old_seal = db.execute("SELECT mac FROM audit_seal").fetchone()[0]
    # The day goes on: another enrolment and payment, then the day is closed.
    later = enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    contributions.pay(ctx, officer, later, months=3, method="cash")
    clock.advance(hours=8)
    day.close_day(
        ctx,
        supervisor,
        dt.date(2026, 11, 23),
        password=SUPERVISOR_PASSWORD,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    assert verify_audit(ctx).ok
    # The insider cuts everything after the saved head and copies the older seal back.
    with raw_db(opened) as db:
        db.execute("DELETE FROM audit_event WHERE seq > ?", (kept[0],))
        db.execute("UPDATE audit_head SET last_seq = ?, last_hash = ?", kept)
        db.execute("UPDATE audit_seal SET mac = ?", (old_seal,))
    report = verify_audit(ctx)
    assert report.chain.ok  # the chain and its (older) seal agree: what verify used to check
    assert not report.ok
    beyond = [a for a in report.anchors if a.problem == "beyond_head"]
    assert beyond and all(a.anchor.seq > kept[0] % BLOCK for a in beyond)
    assert {"reconcile.member_without_event", "reconcile.payment_without_event"} <= codes(report)
    assert "reconcile.login_without_event" in codes(report)


def test_a_tail_cut_after_a_backup_is_found_by_the_backup(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor, paid: str
) -> None:
    with raw_db(opened) as db:
        kept = db.execute("SELECT last_seq, last_hash FROM audit_head").fetchone()
        old_seal = db.execute("SELECT mac FROM audit_seal").fetchone()[0]
    enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    backup.backup_now(ctx, supervisor)  # into the backup folder: it holds the head it saw
    with raw_db(opened) as db:
        db.execute("DELETE FROM audit_event WHERE seq > ?", (kept[0],))
        db.execute("UPDATE audit_head SET last_seq = ?, last_hash = ?", kept)
        db.execute("UPDATE audit_seal SET mac = ?", (old_seal,))
    report = verify_audit(ctx, reconcile_rows=False)
    assert report.chain.ok and not report.ok
    (bad,) = [a for a in report.anchors if not a.ok]
    assert bad.anchor.kind == "backup" and bad.problem == "beyond_head"


def test_a_rewritten_closing_record_still_meets_its_printed_summary(
    opened: Any, ctx: Any, supervisor: Actor, paid: str
) -> None:
    day.close_day(
        ctx,
        supervisor,
        dt.date(2026, 11, 23),
        password=SUPERVISOR_PASSWORD,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    with raw_db(opened) as db:
        db.execute("UPDATE day_lock SET audit_hash = ?", ("ab" * 32,))
    report = verify_audit(ctx, reconcile_rows=False)
    bad = {a.anchor.kind: a for a in report.anchors if not a.ok}
    assert set(bad) == {"day_close"} and bad["day_close"].problem == "mismatch"
    assert [a.ok for a in report.anchors if a.anchor.kind == "day_pdf"] == [True]


def test_a_payment_amount_changed_without_its_event(opened: Any, ctx: Any, paid: str) -> None:
    with raw_db(opened) as db:
        receipt, total = db.execute("SELECT receipt_no, total FROM payment").fetchone()
        db.execute("UPDATE payment SET total = total + 5000, gross_total = gross_total + 5000")
    report = verify_audit(ctx)
    assert report.chain.ok and not report.ok and report.problem == "unreconciled"
    (problem,) = report.reconciliation.problems
    assert (problem.code, problem.key) == ("reconcile.payment_amount", receipt)
    assert "Rp" in problem.message and str(total)[:2] in problem.message.replace(".", "")


def test_a_void_undone_and_a_void_without_event(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    a = enrol(ctx, officer, bpu_record())
    b = enrol(ctx, officer, person("Bambang Susilo", "1972-10-10", "L", serial=7))
    pa = contributions.pay(ctx, officer, a, months=1, method="cash")
    pb = contributions.pay(ctx, officer, b, months=1, method="cash")
    contributions.void_payment(ctx, supervisor, pa.id, reason="salah nominal", password=SUPERVISOR_PASSWORD)
    with raw_db(opened) as db:
        db.execute("UPDATE payment SET status = 'PAID' WHERE id = ?", (pa.id,))
        db.execute("UPDATE payment SET status = 'VOID' WHERE id = ?", (pb.id,))
    report = verify_audit(ctx)
    assert {"reconcile.void_undone", "reconcile.void_without_event"} <= codes(report)


def test_a_receipt_deleted_at_a_days_edge(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    """Receipts 1–2 on Monday, 3–4 on Tuesday; deleting 2 leaves no gap inside either day."""
    numbers = [
        enrol(ctx, officer, person(NAME_POOL[i + 1], "1980-01-01", "L", serial=i + 1)) for i in range(4)
    ]
    receipts = [
        contributions.pay(ctx, officer, numbers[i], months=1, method="cash").receipt_no for i in (0, 1)
    ]
    clock.advance(days=1)
    receipts += [
        contributions.pay(ctx, officer, numbers[i], months=1, method="cash").receipt_no for i in (2, 3)
    ]
    assert verify_audit(ctx).ok
    gone = receipts[1]
    with raw_db(opened) as db:
        pid = db.execute("SELECT id FROM payment WHERE receipt_no = ?", (gone,)).fetchone()[0]
        db.execute("DELETE FROM payment_month WHERE payment_id = ?", (pid,))
        db.execute("DELETE FROM payment WHERE id = ?", (pid,))
    monday, tuesday = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
    for d in (monday, tuesday):  # each day's own check sees nothing wrong
        assert (
            day.day_summary(ctx, supervisor, d, verify_chain=False).figures.reconciliation.serial_gaps == ()
        )
    report = verify_audit(ctx)
    found = {(p.code, p.key) for p in report.reconciliation.problems}
    assert ("reconcile.receipt_gap", gone) in found
    assert ("reconcile.event_without_payment", gone) in found


def test_a_receipt_removed_with_its_event_still_leaves_a_gap(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    """The last receipt of the series deleted, and its event with it (re-chaining needs the key):
    the series' counter still says it was issued."""
    a = enrol(ctx, officer, bpu_record())
    last = contributions.pay(ctx, officer, a, months=1, method="cash").receipt_no
    with raw_db(opened) as db:
        db.execute("DELETE FROM payment_month")
        db.execute("DELETE FROM payment")
    report = verify_audit(ctx)
    assert ("reconcile.receipt_gap", last) in {(p.code, p.key) for p in report.reconciliation.problems}


def test_a_card_and_a_correction_changed_quietly(
    opened: Any, ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    from app.services import cards, corrections

    number = enrol(ctx, officer, bpu_record())
    issued = cards.issue_card(ctx, officer, number)
    proposal = corrections.propose_correction(
        ctx, officer, number, {"nama_ibu": "FATIMAH ZAHRA"}, "sesuai KTP"
    )
    assert verify_audit(ctx).ok
    with raw_db(opened) as db:
        db.execute("UPDATE card SET status = 'spoiled' WHERE serial = ?", (issued.card.serial,))
        db.execute("UPDATE member_correction SET status = 'APPROVED' WHERE id = ?", (proposal.id,))
    report = verify_audit(ctx)
    assert {"reconcile.card_status_without_event", "reconcile.correction_without_event"} <= codes(report)


def test_the_command_says_which_anchor_the_chain_no_longer_reaches(
    opened: Any, ctx: Any, supervisor: Actor, paid: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day.close_day(
        ctx,
        supervisor,
        dt.date(2026, 11, 23),
        password=SUPERVISOR_PASSWORD,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    assert cli_main(["audit", "verify"]) == 0
    capsys.readouterr()
    with raw_db(opened) as db:
        db.execute("DELETE FROM audit_event")
        db.execute("UPDATE audit_head SET last_seq = 0, last_hash = ?", (GENESIS,))
        db.execute("DELETE FROM audit_seal")
    assert cli_main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "Penutupan hari 23 November 2026 mencatat peristiwa #" in out
    assert "Hasil: TIDAK UTUH." in out
    assert cli_main(["audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["chain"]["ok"] is True
    assert any(a["kind"] == "day_pdf" and a["problem"] == "beyond_head" for a in data["anchors"])
    assert data["reconciliation"]["counts"]["reconcile.member_without_event"] == 1
