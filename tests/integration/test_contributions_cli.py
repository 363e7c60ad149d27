"""``loket quote``, ``pay``, ``pay void``, ``sponsor pay``, ``rates`` and ``member show`` as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from app.infra.rates import shipped_rate_tables
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.integration.test_cli import loket


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One branch for the whole module: every process start costs seconds (tests use distinct NIKs)."""
    home = tmp_path_factory.mktemp("contrib") / "home"
    r = loket(
        home, "branch", "setup", "--code", "101", "--name", "KCP Indralaya", "--timezone", "Asia/Jakarta"
    )
    assert r.returncode == 0, r.stderr
    r = loket(home, "officer", "add", "siti", "--role", "supervisor", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return home


def test_quote_prints_line_items_and_total(cli_home: Path) -> None:
    rec = json.dumps(bpu_record(program="JKK,JKM,JHT"))
    r = loket(cli_home, "quote", "--json", "-", "--start", "2026-03", "--months", "2", stdin=rec)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["months"] == ["2026-03", "2026-04"]
    assert out["total"] == 36_800 + 28_400 == sum(line["amount"] for line in out["lines"])
    assert {(x["month"], x["programme"], x["amount"]) for x in out["lines"]} >= {
        ("2026-03", "JKK", 10_000),
        ("2026-04", "JKM", 3_400),
        ("2026-04", "JHT", 20_000),
    }
    r = loket(cli_home, "quote", "--json", "-", "--months", "2", stdin=json.dumps({"segmen": "BPU"}))
    assert r.returncode == 2 and "penghasilan" in r.stderr


def test_pay_receipt_overlap_void_and_member_show(cli_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "w.json"
    f.write_text(json.dumps(bpu_record(bulan_bayar=3)), encoding="utf-8")
    number = json.loads(loket(cli_home, "enrol", "--officer", "siti", "--json", str(f)).stdout)[0]["number"]

    pdf = tmp_path / "kuitansi.pdf"
    r = loket(
        cli_home,
        "pay",
        number,
        "--enrolment",
        "--method",
        "cash",
        "--officer",
        "siti",
        "-o",
        str(pdf),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    paid = json.loads(r.stdout)
    assert len(paid["months"]) == 3 and paid["receipt_no"].startswith("TBI-101-")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert paid["receipt_no"] in text and "1610014508900003" not in text

    r = loket(
        cli_home,
        "pay",
        number,
        "--months",
        "1",
        "--method",
        "cash",
        "--officer",
        "siti",
        "--start",
        paid["months"][1],
    )
    assert r.returncode == 2 and "payment.overlap" in r.stderr and "sudah dibayar" in r.stderr

    shown = json.loads(loket(cli_home, "member", "show", number, "--json", "--officer", "siti").stdout)
    cover = shown["iuran"]
    assert cover["paid_through_month"] == paid["months"][-1] and cover["status"] == "AKTIF"
    assert cover["covered"] is True and cover["arrears"] == [] and cover["next_due_date"]
    r = loket(cli_home, "member", "show", number, "--officer", "siti")
    assert "Iuran: Aktif" in r.stdout and "Dilindungi s.d." in r.stdout

    # "Was he protected on that day?", for any date, with the same block.
    r = loket(cli_home, "member", "cover", number, "--on", f"{paid['months'][0]}-10", "--json")
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert (
        answer["covered"] is True
        and answer["status"] == "AKTIF"
        and answer["receipt_no"] == paid["receipt_no"]
    )
    assert set(answer) >= {"covered", "status", "paid_through", "arrears", "next_due_date", "reason"}
    r = loket(cli_home, "member", "cover", number, "--on", "2020-01-01")
    assert r.returncode == 0 and "TIDAK DILINDUNGI" in r.stdout and "belum menjadi peserta aktif" in r.stdout
    r = loket(cli_home, "member", "cover", number, "--on", "kemarin")
    assert r.returncode == 2 and "TTTT-BB-HH" in r.stderr

    # A reprinted receipt is a marked, audited copy.
    copy = tmp_path / "salinan.pdf"
    r = loket(cli_home, "pay", "receipt", paid["receipt_no"], "-o", str(copy), "--officer", "siti")
    assert r.returncode == 0, r.stderr
    text = "".join(p.extract_text() for p in pypdf.PdfReader(copy).pages)
    assert "SALINAN" in text and paid["receipt_no"] in text

    args = ["pay", "void", str(paid["id"]), "--reason", "Salah input", "--supervisor", "siti"]
    assert loket(cli_home, *args, stdin="bukan-sandi\n").returncode == 3
    r = loket(cli_home, *args, stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert "[DIBATALKAN]" in r.stdout


def test_sponsor_pay_and_rates(cli_home: Path, tmp_path: Path) -> None:
    records = [
        bpu_record(nik=f"16100145089001{i:02d}", bulan_bayar=0, sumber_dana="APBD") for i in range(1, 4)
    ]
    f = tmp_path / "w.json"
    f.write_text(json.dumps(records), encoding="utf-8")
    numbers = [
        o["number"]
        for o in json.loads(loket(cli_home, "enrol", "--officer", "siti", "--json", str(f)).stdout)
    ]
    lst = tmp_path / "nomor.txt"
    lst.write_text("# perangkat desa\n" + "\n".join(numbers) + "\n", encoding="utf-8")
    pdf = tmp_path / "sponsor.pdf"
    r = loket(
        cli_home,
        *("sponsor", "pay", "--sponsor", "Pemkab Ogan Ilir", "--months", "3", "--numbers", str(lst)),
        *(
            "--officer",
            "siti",
            "--reference",
            "SP2D 900/1/2026",
            "--start",
            "2027-01",
            "-o",
            str(pdf),
            "--json",
        ),
    )
    assert r.returncode == 0, r.stderr
    batch = json.loads(r.stdout)
    assert batch["total"] == 3 * 3 * 16_800 and [m["number"] for m in batch["members"]] == numbers
    assert "Pemkab Ogan Ilir" in pypdf.PdfReader(pdf).pages[0].extract_text()

    r = loket(cli_home, "rates", "show", "--month", "2026-05")
    assert r.returncode == 0, r.stderr
    assert "PP 50/2025" in r.stdout and "belum terkonfirmasi" in r.stdout
    table = json.loads(loket(cli_home, "rates", "show", "--json").stdout)
    assert table["format"] == "loket-rates/2"

    data = json.loads(shipped_rate_tables()[0].raw)
    data.update(version="2027-07-uji", effective_from="2027-07")
    newer = tmp_path / "tarif.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    r = loket(cli_home, "rates", "load", str(newer), "--supervisor", "siti", stdin=SUPERVISOR_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert "2027" in r.stdout
    assert "2027-07-uji" in loket(cli_home, "rates", "show", "--month", "2027-08").stdout
