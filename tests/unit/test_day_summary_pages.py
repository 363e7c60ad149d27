"""The day summary's signature block never opens a page alone, whatever the length of the day's list."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from app.domain.day_summary import AuditHead, DaySummary, EnrolmentRow, summarise_day
from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.day_summary import render_day_summary

fonts.register(resources_dir() / "fonts")
WIB = dt.timezone(dt.timedelta(hours=7))


def _row(i: int) -> EnrolmentRow:
    return EnrolmentRow(
        local_time=dt.datetime(2026, 11, 23, 8 + i % 9, i % 60, tzinfo=WIB),
        number=f"10100000{i:04d}",
        name=f"PESERTA NOMOR {i}",
        nik_masked="161001******0003",
        segment="BPU",
        occupation_code="P001",
        occupation_name="Petani",
        channel="LOKET",
        regency_code="16.10",
        regency_name="Kabupaten Ogan Ilir",
        funding="MANDIRI",
        programmes=("JKK", "JKM"),
        officer="budi",
    )


def _summary(n: int) -> DaySummary:
    figures = summarise_day(
        enrolments=[_row(i) for i in range(n)], payments=[], batches=[], voids=[], cards=[], corrections=[]
    )
    return DaySummary(
        branch_code="101",
        branch_name="Palembang",
        timezone="Asia/Jakarta",
        tz_label="WIB",
        business_date=dt.date(2026, 11, 23),
        officer=None,
        officer_name=None,
        generated_at=dt.datetime(2026, 11, 23, 17, 0),
        figures=figures,
        audit=AuditHead(
            seq=11, hash="ab" * 32, events=n, chain_ok=True, chain_message="rantai utuh", number=11
        ),
    )


def test_signatures_stay_on_the_page_of_the_audit_section_for_every_list_length() -> None:
    # Lengths chosen across two page breaks: some of them used to leave the signature lines alone on
    # the last page.
    seen_pages = set()
    for n in range(0, 88, 4):
        pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(render_day_summary(_summary(n)))).pages]
        seen_pages.add(len(pages))
        signed = [i for i, text in enumerate(pages) if "Petugas loket" in text]
        assert len(signed) == 1, (n, signed)
        page = pages[signed[0]]
        assert "5. Jejak audit" in page and "Hash peristiwa terakhir" in page, (n, page[:300])
    assert len(seen_pages) >= 2  # the lengths did cross a page break
