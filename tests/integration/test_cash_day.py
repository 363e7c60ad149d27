"""Money at the counter, end to end in the core: the cash received and the change on the payment and
its receipts, each officer's takings in the day summary, and the cash counted per officer at the close."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.cli import main as cli_main
from app.db.contribution_models import Payment
from app.db.day_models import DayCashCount
from app.domain.clock import business_date
from app.domain.issues import DomainError
from app.services import auth, day, enrolment
from app.services import contributions as cs
from app.services.dto import Actor
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import DAY, pdf_text, record_for


def codes(exc: pytest.ExceptionInfo[DomainError]) -> set[str]:
    return {i.code for i in exc.value.issues}


@pytest.fixture
def ani(ctx: Any, supervisor: Actor) -> Actor:
    auth.add_officer(
        ctx, username="ani", full_name="Ani Lestari", role="officer", password=OFFICER_PASSWORD, by=supervisor
    )
    return auth.login(ctx, "ani", OFFICER_PASSWORD)


def enrol_and_pay(ctx: Any, who: Actor, i: int, *, method: str = "cash", received: int | None = None) -> Any:
    out = enrolment.enrol_worker(ctx, who, record_for(i, bulan_bayar=3))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    return cs.record_enrolment_payment(
        ctx,
        who,
        out.number,
        method=method,
        reference=None if method == "cash" else f"TRX-{i}",
        cash_received=received,
    )


def test_cash_received_is_kept_with_the_change(ctx: Any, officer: Actor) -> None:
    p = enrol_and_pay(ctx, officer, 0, received=50_000)
    assert (p.total, p.cash_received, p.change) == (33_600, 50_000, 16_400)
    stored = ctx.read(lambda s: s.execute(select(Payment.cash_received)).scalar_one())
    assert stored == 50_000
    assert p.as_json()["change"] == 16_400


def test_short_cash_and_cash_on_a_transfer_are_refused_and_nothing_is_written(
    ctx: Any, officer: Actor
) -> None:
    out = enrolment.enrol_worker(ctx, officer, record_for(0, bulan_bayar=3))
    assert out.number is not None
    with pytest.raises(DomainError) as exc:
        cs.record_enrolment_payment(ctx, officer, out.number, method="cash", cash_received=30_000)
    assert codes(exc) == {"cash.received_short"}
    with pytest.raises(DomainError) as exc:
        cs.pay(ctx, officer, out.number, months=1, method="transfer", reference="TRX-9", cash_received=50_000)
    assert codes(exc) == {"cash.received_not_cash"}
    assert ctx.read(lambda s: s.execute(select(Payment.id)).all()) == []


def test_takings_per_officer_and_the_cash_counted_at_the_close(
    ctx: Any, officer: Actor, ani: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    clock.now = clock.now.replace(hour=2)
    paid = [
        enrol_and_pay(ctx, officer, 0, received=50_000),
        enrol_and_pay(ctx, officer, 1, received=40_000),
        enrol_and_pay(ctx, officer, 2, method="transfer"),
        enrol_and_pay(ctx, ani, 3, received=33_600),
    ]
    summary = day.day_summary(ctx, supervisor, DAY, verify_chain=False)
    takings = {t.officer: t for t in summary.figures.takings}
    assert takings["budi"].cash == 67_200 and takings["budi"].amount("transfer") == 33_600
    assert takings["ani"].cash == 33_600 and takings["ani"].payments == 1
    assert sum(t.total for t in summary.figures.takings) == sum(p.total for p in paid)
    assert sum(t.total for t in summary.figures.takings) == summary.figures.net_amount

    with pytest.raises(DomainError) as exc:
        day.close_day(ctx, supervisor, DAY, password=SUPERVISOR_PASSWORD, verify_chain=False)
    assert codes(exc) == {"cash.count_missing"}
    with pytest.raises(DomainError) as exc:
        day.close_day(
            ctx,
            supervisor,
            DAY,
            password=SUPERVISOR_PASSWORD,
            verify_chain=False,
            cash_counted={"budi": 67_000, "ani": 33_600},
        )
    assert codes(exc) == {"cash.reason_required"}
    assert not day.day_status(ctx, DAY).closed
    status = day.close_day(
        ctx,
        supervisor,
        DAY,
        password=SUPERVISOR_PASSWORD,
        verify_chain=False,
        cash_counted={"Budi": 67_000, "ani": 33_600},
        cash_reasons={"budi": "kembalian Rp200 lebih"},
    )
    assert status.closed
    rows = ctx.read(
        lambda s: s.execute(
            select(
                DayCashCount.expected, DayCashCount.counted, DayCashCount.difference, DayCashCount.reason
            ).order_by(DayCashCount.expected)
        ).all()
    )
    assert rows == [(33_600, 33_600, 0, None), (67_200, 67_000, -200, "kembalian Rp200 lebih")]

    # The archived PDF says the same as the summary: takings by method, the counts, the totals.
    _lock, pdf = day.archived_pdf(ctx, supervisor, DAY)
    if os.environ.get("LOKET_SHOTS"):  # for looking at the page
        Path(os.environ["LOKET_SHOTS"], "day_summary_cash.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert "Penerimaan per petugas" in text and "Uang tunai dihitung saat tutup hari" in text
    assert "Rp67.200" in text and "Rp67.000" in text and "-Rp200" in text and "kembalian Rp200 lebih" in text
    assert "Rp134.400" in text  # every officer's takings together = the payments received
    again = day.day_summary(ctx, supervisor, DAY, verify_chain=False)
    cash = again.as_json()["contributions"]["cash_counted"]
    assert [(c["officer"], c["difference"]) for c in cash] == [("ani", 0), ("budi", -200)]


def test_the_cli_takes_the_cash_received_and_the_counts(
    officer: Actor, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    # On the real clock, like a counter's scripts: today's enrolment, payment and close.
    record = tmp_path / "pekerja.json"
    record.write_text(json.dumps(record_for(0, bulan_bayar=3)), encoding="utf-8")
    assert cli_main(["enrol", "--officer", "budi", "--json", str(record)]) == 0
    number = json.loads(capsys.readouterr().out)[0]["number"]
    pay = ["pay", number, "--enrolment", "--method", "cash", "--officer", "budi"]
    assert cli_main([*pay, "--received", "Rp1.000"]) == 2
    assert "Uang diterima kurang" in capsys.readouterr().err
    assert cli_main([*pay, "--received", "1.000.000", "--json"]) == 0
    paid = json.loads(capsys.readouterr().out)
    assert paid["cash_received"] == 1_000_000 and paid["change"] == 1_000_000 - paid["total"]
    date = business_date(dt.datetime.now(dt.UTC), "Asia/Jakarta").isoformat()
    close = ["day", "close", "--date", date, "--supervisor", "siti", "--json"]
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(close) == 2
    assert "Hitung uang tunai petugas budi" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main([*close, f"--cash=budi={paid['total']}"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "closed"


def test_the_receipts_print_the_cash_received_and_the_change(ctx: Any, officer: Actor) -> None:
    p = enrol_and_pay(ctx, officer, 0, received=50_000)
    for paper in ("A5", "80mm"):
        pdf = cs.receipt_pdf(ctx, p.id, paper=paper)
        if os.environ.get("LOKET_SHOTS"):
            Path(os.environ["LOKET_SHOTS"], f"receipt_cash_{paper}.pdf").write_bytes(pdf)
        text = pdf_text(pdf)
        assert "Uang diterima (tunai)" in text and "Rp50.000" in text
        assert "Kembalian" in text and "Rp16.400" in text
    transfer = enrol_and_pay(ctx, officer, 1, method="transfer")
    assert "Kembalian" not in pdf_text(cs.receipt_pdf(ctx, transfer.id, paper="A5"))
