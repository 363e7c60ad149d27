"""The outreach list for a "Masuk Desa" day: who pays at this harvest, how much, printed and exported."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from app.domain.issues import DomainError
from app.domain.months import Month
from app.domain.schedule import Schedule
from app.services import contributions as cs
from app.services import enrolment
from app.services.contributions.outreach import outreach_due, outreach_pdf, outreach_xlsx
from app.services.dto import Actor
from tests.conftest import FakeClock, bpu_record

FEBRUARY = dt.datetime(2027, 2, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FEBRUARY)


def farmer(ctx: Any, officer: Actor, i: int, village: str, harvest: str, **kw: Any) -> str:
    out = enrolment.enrol_worker(
        ctx,
        officer,
        bpu_record(nik=f"16100145089002{i:02d}", kode_wilayah=village, **kw),
    )
    assert out.number is not None, out.errors
    cs.set_schedule(ctx, officer, out.number, Schedule.parse(harvest))
    return out.number


def test_the_list_names_who_pays_at_the_march_harvest_with_amounts(
    ctx: Any, officer: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    a = farmer(ctx, officer, 1, "16.10.01.2005", "3,9")  # pays March…August at the March harvest
    b = farmer(ctx, officer, 2, "16.10.01.2005", "4,10")  # next harvest in April: not on the March list
    c = farmer(ctx, officer, 3, "16.10.07.2001", "3,9")  # another district
    for number in (a, b, c):
        cs.pay(ctx, officer, number, method="cash")  # February bridges to the next harvest
    d = farmer(ctx, officer, 4, "16.10.01.2005", "3,9")  # enrolled, never paid: a first payment
    lst = outreach_due(ctx, officer, month=Month(2027, 3))
    rows = {r.number: r for r in lst.rows}
    assert set(rows) == {a, c, d}
    assert rows[a].months == tuple(Month(2027, m) for m in range(3, 9))
    assert rows[a].due_date == dt.date(2027, 3, 16)  # 15 March 2027: cuti bersama Idul Fitri
    assert rows[a].amount == 6 * 16_800  # no PP 50/2025 discount for a farmer in 2027
    assert rows[d].status == "BELUM_AKTIF"
    assert lst.total == sum(r.amount for r in lst.rows)
    # One district only.
    district = outreach_due(ctx, officer, month=Month(2027, 3), region="16.10.01")
    assert {r.number for r in district.rows} == {a, d} and district.region == "16.10.01"
    with pytest.raises(DomainError) as err:
        outreach_due(ctx, officer, month=Month(2027, 3), region="16.1'; DROP TABLE member;--")
    assert err.value.issues[0].code == "outreach.region"

    # Printable: the PDF reads back with every member and the total, NIKs masked.
    pdf = outreach_pdf(lst)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert all(n in text for n in (a, c, d)) and "Rp302.400" in text and "Maret 2027" in text
    assert "1610014508900201" not in text.replace(" ", "") and "161001******0201" in text
    path = tmp_path / "daftar.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / "daftar")], check=True)
    assert list(tmp_path.glob("daftar*.png"))
    # Exportable: the spreadsheet has a row per member, amounts as numbers, the file private.
    xlsx = outreach_xlsx(lst, tmp_path / "daftar.xlsx")
    assert xlsx.stat().st_mode & 0o777 == 0o600
    sheet = openpyxl.load_workbook(xlsx).active
    values = list(sheet.iter_rows(min_row=3, values_only=True))
    assert {row[0] for row in values} == {a, c, d}
    assert sum(row[11] for row in values) == lst.total


def test_a_missed_harvest_stays_on_the_list_as_arrears(ctx: Any, officer: Actor, clock: FakeClock) -> None:
    a = farmer(ctx, officer, 1, "16.10.01.2005", "2,8")
    cs.pay(ctx, officer, a, method="cash", start=Month(2027, 2), months=1)  # paid only February
    clock.now = dt.datetime(2027, 4, 2, 3, 0, tzinfo=dt.UTC)
    lst = outreach_due(ctx, officer, month=Month(2027, 4))
    assert [r.number for r in lst.rows] == [a]
    assert lst.rows[0].status == "MENUNGGAK" and lst.rows[0].months[0] == Month(2027, 3)
