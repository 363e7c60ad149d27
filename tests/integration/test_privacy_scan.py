"""UU PDP: every printed document, masked export and log holds no full NIK and no phone number.

One branch day is produced end to end (enrolments, payments, sponsor batch, cards, sheets,
receipts, import report, day summaries, masked exports, a logged failure and a crash report);
then every artefact is searched for the members' NIKs and phone numbers, in any common form.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from app.domain.imports import check_sponsor
from app.infra.logs import configure_logging, write_crash_report
from app.services import cards, contributions, day, enrolment, exports, importing, registration_receipt
from tests.conftest import bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv

NIK_RUN = re.compile(r"(?<!\d)\d{16}(?!\d)")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def phone_forms(e164: str) -> list[str]:
    national = "0" + e164[3:]
    return [
        e164,
        e164[1:],
        national,
        f"{national[:4]}-{national[4:8]}-{national[8:]}",
        f"{national[:4]} {national[4:8]} {national[8:]}",
    ]


def test_no_document_export_or_log_holds_a_full_nik_or_phone(
    ctx: Any, officer: Any, supervisor: Any, tmp_path: Path
) -> None:
    log_dir = tmp_path / "logs"
    root = logging.getLogger()
    for h in [h for h in root.handlers if getattr(h, "loket", False)]:
        root.removeHandler(h)
        h.close()
    log_path = configure_logging(log_dir)
    people = [
        bpu_record(nik="1610014508900003", no_hp="081234567890", bulan_bayar=3, ahli_waris="BUDI:SUAMI"),
        bpu_record(
            nik="1610010101800004",
            tanggal_lahir="1980-01-01",
            jenis_kelamin="L",
            nama="Ahmad Fauzi",
            no_hp="+62 857 1111 2222",
            bulan_bayar=1,
        ),
        bpu_record(
            nik="1610015203950005",
            tanggal_lahir="1995-03-12",
            nama="Nur Hayati",
            no_hp="0896-3333-4444",
            bulan_bayar=0,
        ),
    ]
    numbers = []
    for rec in people:
        out = enrolment.enrol_worker(ctx, officer, rec)
        assert out.status == "enrolled", out.errors
        numbers.append(out.number)
        contributions.record_enrolment_payment(ctx, officer, out.number, method="cash")
    niks = [p["nik"] for p in people]
    phones = [
        f
        for p in people
        for f in phone_forms("+62" + re.sub(r"\D", "", p["no_hp"]).removeprefix("62").lstrip("0"))
    ]

    docs: dict[str, str] = {}
    first = cards.issue_card(ctx, officer, numbers[0])
    docs["card"] = pdf_text(cards.card_pdf(first.face))
    sheet = cards.print_card_sheet(ctx, officer, numbers=numbers[1:], workers=1)
    assert sheet.pdf is not None
    docs["card sheet"] = pdf_text(sheet.pdf)
    reg = registration_receipt.registration_receipt(ctx, officer, numbers[0])
    docs["registration A5"] = pdf_text(registration_receipt.receipt_pdf(reg, "a5"))
    docs["registration 80mm"] = pdf_text(registration_receipt.receipt_pdf(reg, "thermal"))
    for p in contributions.payments_for_member(ctx, numbers[0]):
        docs["payment A5"] = pdf_text(contributions.receipt_pdf(ctx, p.id, paper="A5"))
        docs["payment 80mm"] = pdf_text(contributions.receipt_pdf(ctx, p.id, paper="80mm"))
    batch = contributions.pay_sponsored(
        ctx, officer, sponsor="Pemkab Ogan Ilir", numbers=[numbers[2]], months=3, reference="SP2D-9"
    )
    docs["sponsor A5"] = pdf_text(contributions.sponsor_receipt_pdf(ctx, batch.id))
    docs["sponsor 80mm"] = pdf_text(contributions.sponsor_receipt_pdf(ctx, batch.id, paper="80mm"))
    rows = valid_rows(3, seed=11)
    sponsor, _ = check_sponsor("Pemkab Ogan Ilir", 3)
    report = importing.validate_import(
        ctx, officer, write_csv(tmp_path / "desa.csv", as_cells(rows)), sponsor=sponsor
    )
    docs["import summary"] = pdf_text(importing.render_report_pdf(report))
    niks += [r["nik"] for r in rows]
    today = dt.date(2026, 11, 23)
    docs["day summary"] = pdf_text(day.day_report(ctx, supervisor, today)[1])
    docs["officer summary"] = pdf_text(day.day_report(ctx, officer, today, officer="budi")[1])
    for fmt in ("csv", "xlsx"):
        (tmp_path / f"ekspor-{fmt}").mkdir()
        result = exports.export_records(
            ctx, officer, start=today, end=today, fmt=fmt, folder=tmp_path / f"ekspor-{fmt}"
        )
        for f in result.files:
            docs[f"export {f.name}"] = (
                xlsx_text(f) if f.suffix == ".xlsx" else f.read_text(encoding="utf-8-sig")
            )

    # A failure with personal data in the exception is logged and reported.
    try:
        raise ValueError(f"gagal menyimpan {people[0]['nama']} {niks[0]} {people[0]['no_hp']}")
    except ValueError as exc:
        logging.getLogger("loket.test").exception("simpan gagal untuk %s", niks[0])
        crash = write_crash_report(log_dir, ValueError, exc, exc.__traceback__, version="t", when="now")
    for h in [h for h in root.handlers if getattr(h, "loket", False)]:
        h.flush()
    docs["log"] = log_path.read_text(encoding="utf-8")
    docs["crash report"] = crash.read_text(encoding="utf-8")

    assert len(docs) >= 16
    for name, text in docs.items():
        compact = re.sub(r"\s+", "", text)
        for nik in niks:
            assert nik not in text and nik not in compact, f"full NIK in {name}"
        assert not NIK_RUN.findall(text), f"a 16-digit run in {name}"
        for phone in phones:
            assert phone not in text, f"phone number {phone} in {name}"
    assert "161001******0003" in docs["registration A5"].replace(" ", "")  # masked, not missing
    for h in [h for h in root.handlers if getattr(h, "loket", False)]:
        root.removeHandler(h)
        h.close()
