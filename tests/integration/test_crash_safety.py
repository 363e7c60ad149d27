"""Kill the enrolling or paying process with SIGKILL at random moments; nothing acknowledged is lost.

Children are forked from a warmed-up parent (imports done, context built), so each cycle costs
milliseconds; each child opens its own database connections (``engine.dispose(close=False)``).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain.membership import parse_number
from app.services import enrolment
from app.services.audit import verify_audit

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

KILLS = int(os.environ.get("LOKET_CRASH_KILLS", "200"))


def _enrol_forever(ctx: Any, actor: Any, start: int, ack_fd: int) -> None:
    ctx.engine.dispose(close=False)  # the parent's pooled connections are not ours to use
    i = start
    while True:
        out = enrolment.enrol_worker(ctx, actor, _record(i))
        if out.status == "enrolled":
            os.write(ack_fd, f"{out.number}\n".encode())
        i += 1


def _record(i: int) -> dict[str, Any]:
    """A valid, distinct BPU record for every ``i`` below 13 million."""
    day, month, year, serial = 1 + i % 28, 1 + i // 28 % 12, 1960 + i // 336 % 40, 1 + i // 13440 % 9999
    return {
        "nik": f"161001{day + 40:02d}{month:02d}{year % 100:02d}{serial:04d}",
        "nama": "Pekerja Uji",
        "tempat_lahir": "Palembang",
        "tanggal_lahir": f"{year}-{month:02d}-{day:02d}",
        "jenis_kelamin": "P",
        "nama_ibu": "Ibu Uji",
        "alamat": "Jl. Uji",
        "pekerjaan": "P001",
        "segmen": "BPU",
        "penghasilan": 1000000,
        "program": "JKK,JKM",
        "ahli_waris": "ANI:ANAK",
    }


def _run_and_kill(work: Callable[[int], None], rng: random.Random) -> list[str]:
    """Fork a child running ``work(ack_fd)``, kill it at a random moment, return what it acknowledged."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            work(write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    # Wait until the child has acknowledged its first record (so it is busy working), then let a random
    # few milliseconds pass: the kill lands anywhere in the following transactions.
    chunks = []
    ready, _, _ = select.select([read_fd], [], [], 60)
    assert ready, "the child never started working"
    chunks.append(os.read(read_fd, 65536))
    time.sleep(rng.uniform(0, 0.02))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while data := os.read(read_fd, 65536):
        chunks.append(data)
    os.close(read_fd)
    return [n for n in b"".join(chunks).decode().split("\n") if n]


def _check_database(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        members = con.execute("select count(*) from member").fetchone()[0]
        numbers = [r[0] for r in con.execute("select number from member")]
        serials = sorted(parse_number(n).serial for n in numbers)  # type: ignore[union-attr]
        assert serials == list(range(1, members + 1)), "numbers must be distinct and gapless"
        half = con.execute(
            "select count(*) from member m where not exists (select 1 from enrolment e where e.member_id = m.id)"
            " or not exists (select 1 from heir h where h.member_id = m.id)"
            " or not exists (select 1 from audit_event a where a.member_id = m.id and a.action = 'member.enrol')"
        ).fetchone()[0]
        assert half == 0, "a member without its enrolment, heir or audit event is a half record"
        next_serial = con.execute("select next_serial from number_sequence").fetchone()[0]
        assert next_serial == members + 1
        return members, con.execute("select count(*) from audit_event").fetchone()[0]
    finally:
        con.close()


def test_sigkill_during_enrolment_loses_nothing_acknowledged(ctx: Any, officer: Any, opened: Any) -> None:
    db = Path(opened.database_url.split(":///", 1)[1])
    rng = random.Random(20261123)
    # Warm the parent (region data, caches, compiled statements) so each child starts enrolling at once.
    warm = enrolment.enrol_worker(ctx, officer, _record(KILLS * 300))
    assert warm.number is not None, warm.errors
    acknowledged: list[str] = [warm.number]
    ctx.engine.dispose()
    unacknowledged_commits = 0
    for cycle in range(KILLS):
        start = cycle * 300  # fresh NIKs for every child
        acked = _run_and_kill(lambda fd, s=start: _enrol_forever(ctx, officer, s, fd), rng)
        acknowledged.extend(acked)
        members, _ = _check_database(db)
        unacknowledged_commits += members - len(acknowledged)
    # The kills really landed while work was going on: many enrolments in all, and the children
    # were not merely killed before they started.
    assert len(acknowledged) > KILLS
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("select number from member")}
    con.close()
    assert acknowledged, "the children must have enrolled someone"
    assert set(acknowledged) <= stored, "an acknowledged enrolment was lost"
    assert len(acknowledged) == len(set(acknowledged))
    report = verify_audit(ctx)
    assert report.ok, report.message


PAYMENT_KILLS = int(os.environ.get("LOKET_CRASH_PAYMENT_KILLS", "100"))


def _pay_forever(ctx: Any, actor: Any, numbers: list[str], start: int, ack_fd: int) -> None:
    """Pay one month at a time, member after member; a member paid 12 months ahead is skipped."""
    from app.domain.issues import DomainError
    from app.services import contributions

    ctx.engine.dispose(close=False)
    i = start
    while True:
        try:
            p = contributions.pay(ctx, actor, numbers[i % len(numbers)], months=1, method="cash")
        except DomainError:
            pass
        else:
            os.write(ack_fd, f"{p.receipt_no}\n".encode())
        i += 1


def _check_payments(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        payments = con.execute("select count(*) from payment").fetchone()[0]
        half = con.execute(
            "select count(*) from payment p where p.months_count !="
            " (select count(distinct pm.month) from payment_month pm where pm.payment_id = p.id)"
            " or not exists (select 1 from audit_event a where a.action = 'payment.record'"
            " and a.entity_id = p.receipt_no)"
        ).fetchone()[0]
        assert half == 0, "a payment without its months or its audit event is a half record"
        twice = con.execute(
            "select count(*) from (select member_id, programme, month from payment_month where not voided"
            " group by member_id, programme, month having count(*) > 1)"
        ).fetchone()[0]
        assert twice == 0, "a month paid twice"
        serials = sorted(int(r[0].rsplit("-", 1)[1]) for r in con.execute("select receipt_no from payment"))
        assert serials == list(range(1, payments + 1)), "receipt numbers must be distinct and gapless"
        return int(payments)
    finally:
        con.close()


def test_sigkill_during_payment_loses_nothing_acknowledged(ctx: Any, officer: Any, opened: Any) -> None:
    from app.services import contributions

    db = Path(opened.database_url.split(":///", 1)[1])
    rng = random.Random(20261124)
    numbers = []
    for i in range(400):
        out = enrolment.enrol_worker(ctx, officer, _record(10_000_000 + i))
        assert out.number is not None, out.errors
        numbers.append(out.number)
    warm = contributions.pay(ctx, officer, numbers[0], months=1, method="cash")
    acknowledged = [warm.receipt_no]
    ctx.engine.dispose()
    for _ in range(PAYMENT_KILLS):
        start = rng.randrange(len(numbers))
        acked = _run_and_kill(lambda fd, s=start: _pay_forever(ctx, officer, numbers, s, fd), rng)
        acknowledged.extend(acked)
        _check_payments(db)
    assert len(acknowledged) > PAYMENT_KILLS
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("select receipt_no from payment")}
    con.close()
    assert set(acknowledged) <= stored, "an acknowledged payment was lost"
    assert len(acknowledged) == len(set(acknowledged))
    report = verify_audit(ctx)
    assert report.ok, report.message
