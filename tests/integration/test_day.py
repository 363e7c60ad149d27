"""The day summary, closing and reopening a day, and the closed-day guard in every writing service."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.cli import main as cli_main
from app.db.contribution_models import Payment
from app.db.day_models import DayLock
from app.db.models import Enrolment
from app.domain.issues import DomainError
from app.domain.money import format_rupiah
from app.services import cards, corrections, day, enrolment
from app.services import contributions as cs
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import DAY, NIK16, cash_as_taken, make_day, pdf_text, record_for


def codes(exc: pytest.ExceptionInfo[DomainError]) -> set[str]:
    return {i.code for i in exc.value.issues}


def test_report_json_totals_equal_the_database_and_the_pdf_text(
    ctx: Any,
    officer: Actor,
    supervisor: Actor,
    clock: FakeClock,
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = make_day(ctx, officer, supervisor, clock)
    out = tmp_path / "ringkasan.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["report", "day", "--date", "2026-11-23", "--by", "siti", "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)

    # The database, counted independently.
    def db_totals(session: Any) -> tuple[int, int, int]:
        enrolled = session.execute(select(func.count()).where(Enrolment.business_date == DAY)).scalar_one()
        received = session.execute(
            select(func.sum(Payment.total)).where(Payment.business_date == DAY)
        ).scalar_one()
        voided = session.execute(
            select(func.sum(Payment.total)).where(Payment.business_date == DAY, Payment.status == "VOID")
        ).scalar_one()
        return enrolled, received, voided

    enrolled, received, voided = ctx.read(db_totals)
    money = data["contributions"]
    assert data["enrolments"]["total"] == enrolled == len(d.numbers)
    assert money["received"]["amount"] == received and money["received"]["count"] == len(d.receipts)
    assert money["voided"]["amount"] == voided and money["voided"]["count"] == 1
    assert money["net"]["amount"] == received - voided
    assert sum(m["net_amount"] for m in money["by_method"]) == received - voided
    assert money["receipts"]["reconciled"] and money["receipts"]["difference"] == 0
    assert money["receipts"]["payments_valid_amount"] == money["receipts"]["receipts_valid_amount"]
    assert [v["receipt_no"] for v in money["voids"]] == [d.receipts[0]]
    assert {t["code"]: t["count"] for t in data["enrolments"]["by_channel"]} == {
        "LOKET": 2, "DESA": 1, "PASAR": 1, "UKM": 1, "ECOMMERCE": 0, "EVENT": 1,
    }  # fmt: skip
    assert {t["code"]: t["count"] for t in data["enrolments"]["by_regency"]} == {"16.10": 4, "16.71": 2}
    assert {t["code"]: t["count"] for t in data["enrolments"]["by_funding"]}["APBD"] == 1
    assert {t["code"]: t["count"] for t in data["enrolments"]["by_programme"]}["JHT"] == 1
    assert data["cards"] == {
        "issued": 2,
        "reprinted": 0,
        "spoiled": 1,
        "spoiled_serials": [d.card_serials[1]],
    }
    assert data["audit"]["chain_ok"] and data["audit"]["last_seq"] is not None

    # The PDF says the same.
    text = pdf_text(out.read_bytes())
    flat = " ".join(text.split())
    assert "RINGKASAN HARIAN LOKET" in text and "Senin, 23 November 2026" in text
    assert "Halaman 1 dari " in text
    assert f"Jumlah {len(d.receipts)} {format_rupiah(received)} {format_rupiah(voided)} (1) " in flat
    assert f"{format_rupiah(received - voided)}" in flat
    assert "Selisih Rp0 — COCOK" in flat
    assert "Pendaftaran baru Iuran diterima (bersih)" in flat
    assert f"Jumlah {len(d.numbers)} 100%" in flat
    # The event's number within the branch's trail is printed, not the stored key with its block.
    assert data["audit"]["number"] == data["audit"]["last_seq"] % 10**12
    assert f"#{data['audit']['number']} " in flat and str(data["audit"]["last_seq"]) not in flat
    assert data["audit"]["last_hash"][:8] in flat
    for number in d.numbers:
        assert number in flat
    # No full NIK anywhere: masked ones only.
    assert not NIK16.search(text)
    for nik in d.niks:
        assert nik not in text.replace(" ", "")
        assert f"{nik[:6]}******{nik[12:]}" in text


def test_pdf_renders_and_officer_sees_only_their_own_summary(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    d = make_day(ctx, officer, supervisor, clock)
    mine, pdf = day.day_report(ctx, officer, DAY, officer="budi", verify_chain=False)
    assert mine.figures.enrolment_count == len(d.numbers) - 1  # the supervisor enrolled the last one
    assert {e.officer for e in mine.figures.enrolments} == {"budi"}
    assert "Petugas: Budi Santoso (budi)" in pdf_text(pdf)
    with pytest.raises(PermissionDeniedError):
        day.day_summary(ctx, officer, DAY)
    with pytest.raises(PermissionDeniedError):
        day.day_summary(ctx, officer, DAY, officer="siti")
    # Rendered to PNG by poppler: every page is a real page.
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "p")], check=True)
    assert sorted(p.name for p in tmp_path.glob("p-*.png"))


def test_a_closed_day_refuses_every_edit_and_the_next_day_records_adjustments(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    d = make_day(ctx, officer, supervisor, clock)
    proposal = corrections.propose_correction(
        ctx, officer, d.numbers[2], {"alamat": "Jl. Baru No. 2"}, "Pindah rumah bulan lalu"
    )
    before = day.day_summary(ctx, supervisor, DAY, verify_chain=False)

    with pytest.raises(AuthError):
        day.close_day(ctx, supervisor, DAY, password="salah")
    with pytest.raises(PermissionDeniedError):
        day.close_day(ctx, officer, DAY, password="x")
    status = day.close_day(
        ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, cash_counted=cash_as_taken(ctx, supervisor)
    )
    assert status.closed and status.current is not None
    lock, pdf = day.archived_pdf(ctx, supervisor, DAY)
    assert hashlib.sha256(pdf).hexdigest() == lock.pdf_sha256
    assert "HARI DITUTUP" in pdf_text(pdf)
    with pytest.raises(DomainError) as exc:
        day.close_day(ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD)
    assert codes(exc) == {"day.already_closed"}

    refused = [
        lambda: enrolment.enrol_worker(ctx, officer, record_for(20)),
        lambda: cs.pay(ctx, officer, d.numbers[1], months=1, method="cash"),
        lambda: cs.void_payment(
            ctx, supervisor, d.receipts[1], reason="Salah input", password=SUPERVISOR_PASSWORD
        ),
        lambda: cards.issue_card(ctx, officer, d.numbers[2]),
        lambda: cards.spoil_card(ctx, officer, d.card_serials[0], "printer macet"),
        lambda: cards.reprint_card(
            ctx,
            officer,
            d.numbers[0],
            reason="rusak",
            approver_username="siti",
            approver_password=SUPERVISOR_PASSWORD,
        ),
        lambda: corrections.approve_correction(ctx, supervisor, proposal.id, SUPERVISOR_PASSWORD),
    ]
    for i, attempt in enumerate(refused):
        with pytest.raises(DomainError) as exc:
            attempt()
            pytest.fail(f"edit {i} was not refused")
        assert codes(exc) == {"day.closed"}
        assert "sudah ditutup oleh Siti Rahmawati" in exc.value.issues[0].message
    after = day.day_summary(ctx, supervisor, DAY, verify_chain=False)
    assert after.figures == before.figures
    assert after.closed is not None and after.audit.seq == lock.audit_seq

    # The next day: a void of the closed day's payment is an adjustment of the new day.
    clock.advance(days=1)
    cs.void_payment(ctx, supervisor, d.receipts[1], reason="Salah input", password=SUPERVISOR_PASSWORD)
    assert day.day_summary(ctx, supervisor, DAY, verify_chain=False).figures == before.figures
    nxt = day.day_summary(ctx, supervisor, DAY + dt.timedelta(days=1), verify_chain=False)
    (adj,) = nxt.figures.adjustments
    assert adj.receipt_no == d.receipts[1] and adj.paid_on == DAY and not adj.same_day
    assert nxt.figures.net_after_adjustments == -adj.total
    assert nxt.figures.reconciliation.ok


def test_reopen_needs_a_reason_and_password_and_a_second_close_archives_again(
    ctx: Any, officer: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    make_day(ctx, officer, supervisor, clock, n=2)
    first = day.close_day(
        ctx,
        supervisor,
        DAY,
        password=SUPERVISOR_PASSWORD,
        verify_chain=False,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    with pytest.raises(DomainError) as exc:
        day.reopen_day(ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, reason="x")
    assert codes(exc) == {"day.reopen_reason"}
    with pytest.raises(AuthError):
        day.reopen_day(ctx, supervisor, DAY, password="salah", reason="Tanda bukti terlewat")
    with pytest.raises(PermissionDeniedError):
        day.reopen_day(ctx, officer, DAY, password="x", reason="Tanda bukti terlewat")
    reopened = day.reopen_day(
        ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, reason="Tanda bukti terlewat"
    )
    assert not reopened.closed and reopened.history[0].reopen_reason == "Tanda bukti terlewat"
    out = enrolment.enrol_worker(ctx, officer, record_for(9))
    assert out.status == "enrolled"
    second = day.close_day(
        ctx,
        supervisor,
        DAY,
        password=SUPERVISOR_PASSWORD,
        verify_chain=False,
        cash_counted=cash_as_taken(ctx, supervisor),
    )
    assert [h.status for h in second.history] == ["REOPENED", "CLOSED"]
    assert second.current is not None and first.current is not None
    assert second.current.pdf_sha256 != first.current.pdf_sha256
    summary = json.loads(
        ctx.read(lambda s: s.execute(select(DayLock.summary).where(DayLock.status == "CLOSED")).scalar_one())
    )
    assert summary["enrolments"]["total"] == 3

    def actions(session: Any) -> list[str]:
        from app.db.models import AuditEvent

        return list(session.execute(select(AuditEvent.action).where(AuditEvent.entity == "day")).scalars())

    assert ctx.read(actions) == ["day.close", "day.reopen", "day.close"]

    # A changed archive is refused, not handed out.
    ctx.write(
        lambda s: s.execute(update(DayLock).where(DayLock.status == "CLOSED").values(pdf=b"%PDF-1.4 palsu"))
    )
    with pytest.raises(day.ArchiveDamagedError):
        day.archived_pdf(ctx, supervisor, DAY)


def test_future_dates_cannot_be_closed_and_an_empty_day_can(ctx: Any, supervisor: Actor) -> None:
    with pytest.raises(DomainError) as exc:
        day.close_day(ctx, supervisor, DAY + dt.timedelta(days=1), password=SUPERVISOR_PASSWORD)
    assert codes(exc) == {"day.future"}
    status = day.close_day(
        ctx, supervisor, DAY - dt.timedelta(days=1), password=SUPERVISOR_PASSWORD, verify_chain=False
    )
    assert status.closed
    # Today stays open.
    assert not day.day_status(ctx, DAY).closed


def test_cli_close_status_reopen(
    ctx: Any,
    officer: Actor,
    supervisor: Actor,
    clock: FakeClock,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_day(ctx, officer, supervisor, clock, n=2)
    cash = cash_as_taken(ctx, supervisor)
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    out = tmp_path / "arsip.pdf"
    assert (
        cli_main(
            ["day", "close", "--date", "2026-11-23", "--supervisor", "siti", "-o", str(out), "--json"]
            + [f"--cash={who}={amount}" for who, amount in cash.items()]
        )
        == 0
    )
    closed = json.loads(capsys.readouterr().out)
    assert closed["status"] == "closed"
    assert hashlib.sha256(out.read_bytes()).hexdigest() == closed["history"][0]["pdf_sha256"]
    assert cli_main(["day", "status", "--date", "2026-11-23"]) == 0
    assert "DITUTUP" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert (
        cli_main(
            ["day", "reopen", "--date", "2026-11-23", "--supervisor", "siti", "--reason", "Salah hitung kas"]
        )
        == 0
    )
    assert "dibuka kembali" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("salah\n"))
    assert cli_main(["day", "close", "--date", "2026-11-23", "--supervisor", "siti"]) == 3
    assert "salah" in capsys.readouterr().err.lower()


@pytest.mark.postgres
def test_close_guard_and_reopen_on_postgresql(pg_url: str, tmp_path: Path, clock: FakeClock) -> None:
    from app.bootstrap import open_app
    from app.services import auth
    from app.services.branch import setup_branch

    o = open_app(pg_url, home=tmp_path / "pg-home", clock=clock, counter="LOKET-PG")
    try:
        c = o.ctx
        setup_branch(c, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        auth.create_first_supervisor(c, username="siti", full_name="Siti Rahmawati",
                         password=SUPERVISOR_PASSWORD)  # fmt: skip
        siti = auth.login(c, "siti", SUPERVISOR_PASSWORD)
        d = make_day(c, siti, siti, clock, n=2)
        status = day.close_day(
            c,
            siti,
            DAY,
            password=SUPERVISOR_PASSWORD,
            verify_chain=False,
            cash_counted=cash_as_taken(c, siti),
        )
        assert status.closed
        _lock, pdf = day.archived_pdf(c, siti, DAY)
        assert hashlib.sha256(pdf).hexdigest() == status.history[0].pdf_sha256
        with pytest.raises(DomainError) as exc:
            cs.pay(c, siti, d.numbers[1], months=1, method="cash")
        assert codes(exc) == {"day.closed"}
        day.reopen_day(c, siti, DAY, password=SUPERVISOR_PASSWORD, reason="Uji server cabang")
        assert cs.pay(c, siti, d.numbers[1], months=1, method="cash").total > 0
    finally:
        o.ctx.engine.dispose()
