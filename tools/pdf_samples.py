"""Every PDF Loket prints, built from a real app home, as PDFs and PNGs for a human look.

``python tools/pdf_samples.py OUTDIR [--dpi 100]``: a branch day (enrolments, payments, a void, a reprint,
a sponsor batch, a construction project, cards, a sheet, an import, the day summary, an outreach list,
a subject-access export), each document also with hostile text (very long names, right-to-left
script, emoji, control and combining characters). Each PDF is rendered with ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.bootstrap import open_app
from app.domain.imports import check_sponsor
from app.domain.months import Month
from app.domain.schedule import Schedule
from app.services import auth, branch, cards, day, enrolment, importing, privacy, registration_receipt
from app.services import contributions as cs
from app.services.contributions import outreach, projects, receipts
from tests.conftest import bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv

PASSWORD = "Kantor-Cabang-101!"
LONG = "NI LUH PUTU AYU KADEK WAYAN SRI RAHAYU NINGSIH PRATIWI DEWI ANGGRAENI KUSUMAWARDHANI BINTI I MADE"
RTL = "محمد عبد الله בן שלום"
EMOJI = "ANDI 😀 PRATAMA 漢 👍🏽"
CONTROL = "BUDI\x00\x07\u202eSANTOSO\u200b\tX\r\nY"
COMBINING = "Z̴̡a̷l̸g̵o̶ S\u0301A\u0308N"
PRINTABLE = f"{RTL} {EMOJI} {COMBINING}"  # what the forms let through
HOSTILE = f"{RTL} {EMOJI} {CONTROL} {COMBINING}"
UNBROKEN = "X" * 100
NOV = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


class Clock:
    """The app's clock, moved by hand between the scenes."""

    def __init__(self) -> None:
        self.now = NOV

    def __call__(self) -> dt.datetime:
        return self.now


def _enrol(ctx: Any, actor: Any, i: int, **kw: Any) -> str:
    # Each sample worker born on another day: the likely-duplicate rule sees different people.
    day = 1 + i % 28
    nik = f"161001{day + 40:02d}0890{i:04d}"
    kw.setdefault("tanggal_lahir", f"1990-08-{day:02d}")
    out = enrolment.enrol_worker(ctx, actor, bpu_record(nik=nik, **kw))
    assert out.number is not None, out.errors
    return out.number


def build(out: Path) -> dict[str, bytes]:
    """Every document of one branch day, by file name."""
    from app.pdf.alignment import render_alignment_page
    from app.pdf.card_sheet import render_card_sheet
    from app.pdf.payment_receipt import render_payment_receipt

    docs: dict[str, bytes] = {}
    clock = Clock()
    home = tempfile.mkdtemp(prefix="loket-samples-")
    ctx = open_app(home=home, clock=clock, counter="LOKET-1").ctx
    branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(ctx, username="siti", full_name="Siti Rahmawati", password=PASSWORD)
    sup = auth.login(ctx, "siti", PASSWORD)
    auth.add_officer(
        ctx, username="budi", full_name="Budi Santoso", role="officer", password=PASSWORD, by=sup
    )
    off = auth.login(ctx, "budi", PASSWORD)
    auth.add_officer(ctx, username="eve", full_name=HOSTILE[:100], role="officer", password=PASSWORD, by=sup)
    eve = auth.login(ctx, "eve", PASSWORD)

    # Enrolments with payments; the first one gets everything printed.
    a = _enrol(ctx, off, 3, program="JKK,JKM,JHT", bulan_bayar=3)
    b = _enrol(ctx, off, 4, nama="Muhammad Rizky Pratama", bulan_bayar=1)
    c = _enrol(ctx, eve, 5, nama=LONG[:100], alamat=PRINTABLE, bulan_bayar=1)
    p_a = cs.record_enrolment_payment(ctx, off, a, method="cash")
    p_b = cs.record_enrolment_payment(ctx, off, b, method="transfer", reference="TRF-20261123-001")
    cs.record_enrolment_payment(ctx, eve, c, method="cash")
    assert p_a is not None and p_b is not None
    docs["payment-a5"] = cs.receipt_pdf(ctx, p_a.id, paper="A5")
    docs["payment-80mm"] = cs.receipt_pdf(ctx, p_a.id, paper="80mm")
    docs["payment-copy-a5"] = cs.reprint_receipt_pdf(ctx, off, p_a.id, paper="A5")
    cs.void_payment(ctx, sup, p_b.id, reason=f"Salah input {PRINTABLE}", password=PASSWORD)
    docs["payment-void-a5"] = cs.receipt_pdf(ctx, p_b.id, paper="A5")
    docs["payment-void-80mm"] = cs.receipt_pdf(ctx, p_b.id, paper="80mm")
    hostile = dataclasses.replace(
        receipts.payment_receipt_data(cs.get_payment(ctx, p_a.id)),
        member_name=f"{LONG} {UNBROKEN}",
        branch=HOSTILE,
        officer=HOSTILE,
        counter=UNBROKEN,
        reference=UNBROKEN,
        sponsor=HOSTILE,
        notes=(HOSTILE, UNBROKEN),
    )
    cash = dataclasses.replace(
        receipts.payment_receipt_data(cs.get_payment(ctx, p_a.id)),
        after_total=(("Diterima", 100_000), ("Kembali", 100_000 - p_a.quote.total)),
    )
    docs["payment-cash-a5"] = render_payment_receipt(cash, paper="A5")
    docs["payment-cash-80mm"] = render_payment_receipt(cash, paper="80mm")
    docs["payment-hostile-a5"] = render_payment_receipt(hostile, paper="A5")
    docs["payment-hostile-80mm"] = render_payment_receipt(hostile, paper="80mm")

    sponsored = [
        _enrol(ctx, off, 100 + i, nama=f"Petani Binaan {chr(65 + i)}", bulan_bayar=0) for i in range(18)
    ]
    batch = cs.pay_sponsored(
        ctx, off, sponsor="Pemerintah Kabupaten Ogan Ilir", numbers=sponsored, months=3, reference="SP2D-9"
    )
    docs["sponsor-a5"] = cs.sponsor_receipt_pdf(ctx, batch.id)
    docs["sponsor-80mm"] = cs.sponsor_receipt_pdf(ctx, batch.id, paper="80mm")
    odd = _enrol(ctx, off, 200, bulan_bayar=0)
    wild = cs.pay_sponsored(
        ctx, off, sponsor=f"{PRINTABLE} {LONG}"[:100], numbers=[odd], months=1, reference="SP2D-10"
    )
    docs["sponsor-hostile-a5"] = cs.sponsor_receipt_pdf(ctx, wild.id)

    # Registration receipts and cards.
    reg = registration_receipt.registration_receipt(ctx, off, a)
    docs["registration-a5"] = registration_receipt.receipt_pdf(reg, "a5")
    docs["registration-thermal"] = registration_receipt.receipt_pdf(reg, "thermal")
    again = registration_receipt.registration_receipt(ctx, off, a)
    docs["registration-copy-a5"] = registration_receipt.receipt_pdf(again, "a5")
    wild_reg = dataclasses.replace(
        reg,
        name=f"{LONG} {UNBROKEN}",
        birth_place=HOSTILE,
        occupation=UNBROKEN,
        officer_name=HOSTILE,
        counter=UNBROKEN,
        branch_name=f"{HOSTILE} {LONG}",
        note=f"{HOSTILE} {UNBROKEN}",
    )
    docs["registration-hostile-a5"] = registration_receipt.receipt_pdf(wild_reg, "a5")
    docs["registration-hostile-thermal"] = registration_receipt.receipt_pdf(wild_reg, "thermal")
    docs["card-preview"] = cards.card_pdf(cards.preview_card(ctx, off, b))
    face = cards.issue_card(ctx, off, a).face
    docs["card"] = cards.card_pdf(face)
    faces = [
        dataclasses.replace(face, name=name, branch_name=branch_name)
        for name, branch_name in (
            (LONG, "KCP Indralaya"),
            (UNBROKEN, UNBROKEN),
            (RTL, RTL),
            (EMOJI, EMOJI),
            (CONTROL, CONTROL),
            (COMBINING, COMBINING),
        )
    ]
    docs["card-sheet-hostile"] = render_card_sheet(faces, workers=1)
    sheet = cards.print_card_sheet(ctx, off, numbers=sponsored[:12], workers=1)
    assert sheet.pdf is not None
    docs["card-sheet"] = sheet.pdf
    docs["card-alignment"] = render_alignment_page(f"KCP Indralaya (101) {HOSTILE}")

    # An import with problems, checked and then committed.
    rows = valid_rows(6, seed=11)
    rows[1]["nik"] = "9910014508900003"
    rows[2]["alamat"] = PRINTABLE
    rows[3]["nama"] = "<b>Budi</b> 😀"
    sheet_path = write_csv(out / f"desa {EMOJI} {RTL}.csv", as_cells(rows))
    sponsor, _ = check_sponsor("Pemkab Ogan Ilir", 3)
    report = importing.validate_import(ctx, off, sheet_path, sponsor=sponsor)
    docs["import-checked"] = importing.render_report_pdf(report)
    committed = importing.commit_import(ctx, off, sheet_path, None, "accepted", sponsor=sponsor)
    docs["import-committed"] = importing.render_report_pdf(committed.report)
    sheet_path.unlink()

    # The day, closed by the supervisor.
    today = NOV.date()
    docs["day-summary"] = day.day_report(ctx, sup, today)[1]
    docs["day-summary-officer"] = day.day_report(ctx, off, today, officer="budi")[1]

    # The member's own data.
    docs["subject-access"] = privacy.subject_access_pdf(ctx, privacy.subject_access(ctx, sup, c))

    # A harvest outreach list in March 2027.
    clock.now = dt.datetime(2027, 2, 20, 3, 0, tzinfo=dt.UTC)
    for i, (village, alamat) in enumerate(
        (("16.10.01.2005", "Dusun II RT 003/RW 001"), ("16.10.07.2001", PRINTABLE), ("16.10.01.2005", LONG))
    ):
        n = _enrol(ctx, off, 300 + i, nama=f"Petani Uji {chr(65 + i)}", kode_wilayah=village, alamat=alamat)
        cs.set_schedule(ctx, off, n, Schedule.parse("3,9"))
        cs.pay(ctx, off, n, method="cash")
    docs["outreach-list"] = outreach.outreach_pdf(outreach.outreach_due(ctx, off, month=Month(2027, 3)))

    # A construction project, paid by its contractor.
    clock.now = dt.datetime(2027, 3, 2, 3, 0, tzinfo=dt.UTC)
    worker = _enrol(ctx, off, 400, segmen="JAKON", pekerjaan="P012", program="JKK,JKM", bulan_bayar=0)
    p = projects.register_project(
        ctx,
        off,
        name="Jembatan Desa Tanjung Pering",
        owner="Pemerintah Desa Tanjung Pering",
        contractor="CV Sumber Rejeki",
        npp=None,
        contract_value=180_000_000,
        spk_date=dt.date(2027, 2, 22),
        first=Month(2027, 3),
        last=Month(2027, 8),
    )
    projects.add_workers(ctx, off, p.code, [worker])
    projects.pay_project(ctx, off, p.code, method="transfer", reference="TRX 77")
    docs["project-a5"] = projects.project_receipt_pdf(ctx, p.code)
    docs["project-80mm"] = projects.project_receipt_pdf(ctx, p.code, paper="80mm")

    # A PU member paying arrears with a late fine, months after enrolment.
    clock.now = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)
    pu = bpu_record(
        nik="1610014508900500", segmen="PU", npp="NPP123456", penghasilan=5_000_000, program="JKK,JKM,JHT"
    )
    pu.update(bulan_bayar=0, kelas_risiko=2)
    n = enrolment.enrol_worker(ctx, off, pu).number
    assert n is not None
    clock.now = dt.datetime(2027, 2, 16, 3, 0, tzinfo=dt.UTC)
    cs.pay(ctx, off, n, months=1, start=Month(2026, 12), method="cash")
    clock.now = dt.datetime(2027, 4, 20, 3, 0, tzinfo=dt.UTC)
    fined = cs.pay(ctx, off, n, method="employer", reference="SURAT-12/2027")
    docs["payment-pu-fine-a5"] = cs.receipt_pdf(ctx, fined.id)
    docs["payment-pu-fine-80mm"] = cs.receipt_pdf(ctx, fined.id, paper="80mm")
    ctx.engine.dispose()
    return docs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cards.ensure_fonts()
    for name, pdf in sorted(build(args.out).items()):
        path = args.out / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(path), str(args.out / name)], check=True)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
