"""Construction projects on a real SQLite file: charged on the contract value by marginal brackets
(the Elucidation's Rp180 million example), covering the workers listed under them for its months."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest

from app.domain.issues import DomainError
from app.domain.months import Month
from app.services import contributions as cs
from app.services import enrolment
from app.services.contributions.projects import (
    add_workers,
    pay_project,
    project_receipt_pdf,
    register_project,
)
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock, bpu_record
from tests.integration.test_cli import loket

MARCH = dt.datetime(2027, 3, 2, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MARCH)


def worker(ctx: Any, officer: Actor, i: int) -> str:
    out = enrolment.enrol_worker(
        ctx,
        officer,
        bpu_record(
            nik=f"16100145089004{i:02d}", segmen="JAKON", pekerjaan="P012", program="JKK,JKM", bulan_bayar=0
        ),
    )
    assert out.number is not None, out.errors
    return out.number


def project(ctx: Any, officer: Actor, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "name": "Jembatan Desa Tanjung Pering",
        "owner": "Pemerintah Desa Tanjung Pering",
        "contractor": "CV Sumber Rejeki",
        "npp": None,
        "contract_value": 180_000_000,
        "spk_date": dt.date(2027, 2, 22),
        "first": Month(2027, 3),
        "last": Month(2027, 8),
    }
    args.update(kw)
    return register_project(ctx, officer, **args)


def test_a_project_is_charged_on_its_contract_value_and_covers_its_workers(
    ctx: Any, officer: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    p = project(ctx, officer)
    assert (p.jkk, p.jkm, p.total) == (346_000, 46_000, 392_000)  # PP 44/2015 Elucidation art. 54-55
    assert p.code.startswith("PRJ-101-2027-") and p.status == "REGISTERED" and not p.warnings
    a, b = worker(ctx, officer, 1), worker(ctx, officer, 2)
    add_workers(ctx, officer, p.code, [a])
    paid = pay_project(ctx, officer, p.code, method="transfer", reference="TRX 77")
    assert (
        paid.status == "PAID" and paid.receipt_no is not None and paid.receipt_no.startswith("TBK-101-2027-")
    )
    cover = cs.member_cover(ctx, a)
    assert cover.status == "AKTIF" and cover.protected_until == dt.date(2027, 8, 31)
    # A worker listed after the payment is covered at once.
    later = add_workers(ctx, officer, p.code, [b])
    assert [w.number for w in later.workers] == sorted([a, b])
    assert cs.member_cover(ctx, b).protected_until == dt.date(2027, 8, 31)
    # After the project the cover ends; months after it are not owed one by one.
    clock.now = dt.datetime(2027, 11, 20, 3, 0, tzinfo=dt.UTC)
    ended = cs.member_cover(ctx, a)
    assert ended.status == "BERAKHIR" and not ended.arrears
    # The money is on the day's takings: one batch receipt, shared over the workers listed when paid.
    day = cs.get_sponsor_batch(ctx, paid.receipt_no)
    assert day.total == 392_000 and [m.total for m in day.members] == [392_000]
    # The receipt reads back with both programmes and the total.
    text = "\n".join(
        pg.extract_text() for pg in pypdf.PdfReader(io.BytesIO(project_receipt_pdf(ctx, p.code))).pages
    )
    assert paid.receipt_no in text and "Rp346.000" in text and "Rp46.000" in text and "Rp392.000" in text
    # The project's whole name and contract value are on the paper, not cut off in a narrow column.
    flat = " ".join(text.split())
    assert "Proyek JEMBATAN DESA TANJUNG PERING;" in flat and "Nilai kontrak Rp180.000.000" in flat
    with pytest.raises(DomainError) as err:
        pay_project(ctx, officer, p.code, method="cash", reference=None)
    assert err.value.issues[0].code == "project.paid"


def test_only_construction_workers_and_late_registration_is_said(ctx: Any, officer: Actor) -> None:
    p = project(ctx, officer, spk_date=dt.date(2027, 1, 4), first=Month(2027, 1))
    assert [w.code for w in p.warnings] == ["project.late"]
    farmer = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900499")).number
    assert farmer is not None
    with pytest.raises(DomainError) as err:
        add_workers(ctx, officer, p.code, [farmer, "10100009999"])
    assert "project.segment" in {i.code for i in err.value.issues} and len(err.value.issues) == 2
    with pytest.raises(DomainError) as err:
        project(ctx, officer, contract_value=0, last=Month(2026, 1))
    assert {i.code for i in err.value.issues} >= {"project.value", "project.months"}


def test_the_command_line(tmp_path: Path) -> None:
    cli_home = tmp_path / "home"
    loket(
        cli_home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta"
    )
    loket(cli_home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    r = loket(
        cli_home,
        *(
            "project",
            "add",
            "--name",
            "Gedung Sekolah",
            "--owner",
            "Dinas Pendidikan",
            "--contractor",
            "PT Bangun",
        ),
        *(
            "--value",
            "Rp1.200.000.000",
            "--spk",
            dt.date.today().isoformat(),
            "--from",
            dt.date.today().strftime("%Y-%m"),
        ),
        *("--to", dt.date.today().strftime("%Y-%m"), "--officer", "siti", "--json"),
    )
    assert r.returncode == 0, r.stderr
    made = json.loads(r.stdout)
    # 100M × 0,21% + 400M × 0,17% + 500M × 0,13% + 200M × 0,11%
    assert made["jkk"] == 210_000 + 680_000 + 650_000 + 220_000
    receipt = tmp_path / "tbk.pdf"
    r = loket(cli_home, "project", "pay", made["code"], "--method", "cash", "--officer", "siti")
    assert r.returncode == 2 and "project.no_workers" in r.stderr  # its workers are listed first
    f = tmp_path / "w.json"
    f.write_text(
        json.dumps(bpu_record(nik="1610014508900401", segmen="JAKON", pekerjaan="P012")), encoding="utf-8"
    )
    number = json.loads(loket(cli_home, "enrol", "--officer", "siti", "--json", str(f)).stdout)[0]["number"]
    assert loket(cli_home, "project", "workers", made["code"], number, "--officer", "siti").returncode == 0
    r = loket(
        cli_home, "project", "pay", made["code"], "--method", "cash", "--officer", "siti", "-o", str(receipt)
    )
    assert r.returncode == 0, r.stderr
    assert made["code"] in pypdf.PdfReader(receipt).pages[0].extract_text()
