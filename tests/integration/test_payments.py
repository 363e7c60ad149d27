"""Payments on a real SQLite file: overlap refused (also by the database), voids, sponsors, rate tables, receipts."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.bootstrap import open_app
from app.db.contribution_models import Payment, PaymentMonth
from app.db.models import AuditEvent
from app.domain.issues import DomainError
from app.domain.months import Month
from app.domain.progress import CancelFlag, Cancelled
from app.domain.schedule import Schedule
from app.infra.rates import shipped_rate_tables
from app.services import contributions as cs
from app.services import enrolment
from app.services.audit import verify_audit
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import Actor
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock, bpu_record

APRIL = dt.datetime(2026, 4, 6, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB, a PP 50/2025 discount month


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(APRIL)


def enrol(ctx: Any, actor: Actor, **overrides: Any) -> str:
    out = enrolment.enrol_worker(ctx, actor, bpu_record(**overrides))
    assert out.status == "enrolled", out.errors
    assert out.number is not None
    return out.number


def codes(exc: pytest.ExceptionInfo[DomainError]) -> set[str]:
    return {i.code for i in exc.value.issues}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_enrolment_payment_then_monthly_payments_and_status(
    ctx: Any, officer: Actor, clock: FakeClock
) -> None:
    number = enrol(ctx, officer, program="JKK,JKM,JHT", bulan_bayar=3)
    first = cs.record_enrolment_payment(ctx, officer, number)
    assert first is not None and first.from_enrolment
    assert [str(m) for m in first.months] == ["2026-04", "2026-05", "2026-06"]
    assert first.total == 3 * 28_400 and first.receipt_no == "TBI-101-2026-000001"
    assert first.nik_masked == "161001******0003"

    status = cs.member_cover(ctx, number)
    assert (status.status, status.paid_through, status.next_due_month) == (
        "AKTIF",
        Month(2026, 6),
        Month(2026, 7),
    )

    # Paying again defaults to the month after the paid-through month.
    second = cs.pay(ctx, officer, number, months=1, method="transfer", reference="TRX 0042")
    assert [str(m) for m in second.months] == ["2026-07"] and second.receipt_no.endswith("000002")

    # Three months later without paying: in arrears; the next payment starts with the oldest unpaid month.
    clock.now = dt.datetime(2026, 9, 20, 3, 0, tzinfo=dt.UTC)
    status = cs.member_cover(ctx, "1610014508900003")  # by NIK too
    assert status.status == "MENUNGGAK" and [str(m) for m in status.arrears_months] == ["2026-08", "2026-09"]
    preview = cs.quote_for_member(ctx, number, months=2)
    assert [str(m) for m in preview.months] == ["2026-08", "2026-09"]
    assert len(cs.payments_for_member(ctx, number)) == 2
    assert verify_audit(ctx).ok


def test_overlapping_months_are_refused_with_the_receipt_named(ctx: Any, officer: Actor) -> None:
    number = enrol(ctx, officer)
    paid = cs.pay(ctx, officer, number, months=3, method="cash")
    with pytest.raises(DomainError) as err:
        cs.pay(ctx, officer, number, months=2, method="cash", start=Month(2026, 6))
    issue = err.value.issues[0]
    assert issue.code == "payment.overlap"
    assert "Jun 2026" in issue.message and paid.receipt_no in issue.message
    with pytest.raises(DomainError) as err:
        cs.record_enrolment_payment(ctx, officer, number)  # bulan_bayar 1 → April, already paid
    assert codes(err) == {"payment.overlap"}


def test_the_database_itself_refuses_a_second_live_payment_for_a_month(
    ctx: Any, officer: Actor, opened: Any
) -> None:
    number = enrol(ctx, officer)
    p = cs.pay(ctx, officer, number, months=1, method="cash")

    def sneak(session: Any) -> None:
        session.add(
            PaymentMonth(
                payment_id=p.id, member_id=p.member_id, programme="JKK", month=202604, amount=1, voided=False
            )
        )
        session.flush()

    with pytest.raises(IntegrityError):
        ctx.write(sneak)
    # Raw SQL, no ORM: still refused; a voided row for the same month is allowed.
    db = opened.database_url.split(":///", 1)[1]
    with sqlite3.connect(db) as raw:
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute(
                "insert into payment_month (payment_id, member_id, programme, month, amount, voided) "
                "values (?, ?, 'JKM', 202604, 5, 0)",
                (p.id, p.member_id),
            )
        raw.execute(
            "insert into payment_month (payment_id, member_id, programme, month, amount, voided) "
            "values (?, ?, 'JKM', 202604, 5, 1)",
            (p.id, p.member_id),
        )
        raw.rollback()


def test_void_needs_a_supervisor_password_and_reason_and_frees_the_months(
    ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    number = enrol(ctx, officer)
    p = cs.pay(ctx, officer, number, months=2, method="cash")
    with pytest.raises(PermissionDeniedError):
        cs.void_payment(ctx, officer, p.id, reason="Salah bulan", password=OFFICER_PASSWORD)
    with pytest.raises(AuthError):
        cs.void_payment(ctx, supervisor, p.id, reason="Salah bulan", password="salah-sandi")
    with pytest.raises(DomainError) as err:
        cs.void_payment(ctx, supervisor, p.id, reason="x", password=SUPERVISOR_PASSWORD)
    assert codes(err) == {"void.reason"}

    voided = cs.void_payment(
        ctx, supervisor, p.receipt_no, reason="Salah jumlah bulan", password=SUPERVISOR_PASSWORD
    )
    assert voided.voided and voided.voided_by == "siti" and voided.void_reason == "Salah jumlah bulan"
    with pytest.raises(DomainError) as err:
        cs.void_payment(ctx, supervisor, p.id, reason="Dua kali", password=SUPERVISOR_PASSWORD)
    assert codes(err) == {"payment.already_void"}

    again = cs.pay(ctx, officer, number, months=2, method="cash")
    assert again.months == p.months
    # Never deleted: both payments and all eight programme-month rows (2 × 2 months × JKK, JKM) remain.
    assert ctx.read(lambda s: s.execute(select(func.count(Payment.id))).scalar_one()) == 2
    assert ctx.read(lambda s: s.execute(select(func.count(PaymentMonth.id))).scalar_one()) == 8
    actions = ctx.read(lambda s: s.execute(select(AuditEvent.action)).scalars().all())
    assert actions.count("payment.void") == 1 and actions.count("payment.record") == 2
    assert verify_audit(ctx).ok


def test_apbd_payment_gets_no_discount_and_needs_a_reference(ctx: Any, officer: Actor) -> None:
    number = enrol(ctx, officer)
    with pytest.raises(DomainError) as err:
        cs.pay(ctx, officer, number, months=1, method="apbd")
    assert codes(err) == {"payment.reference_required"}
    p = cs.pay(ctx, officer, number, months=1, method="apbd", reference="SP2D 12/2026")
    assert p.total == 16_800 and p.quote.discount_total == 0
    cash = cs.pay(ctx, officer, number, months=1, method="cash")
    assert cash.total == 8_400


def test_an_ended_membership_restarts_this_month_and_old_months_are_not_collected(
    ctx: Any, officer: Actor, clock: FakeClock
) -> None:
    number = enrol(ctx, officer)
    assert cs.member_cover(ctx, number).status == "BELUM_AKTIF"  # no payment yet: not a member yet
    cs.record_enrolment_payment(ctx, officer, number)  # April
    clock.now = dt.datetime(2026, 10, 5, 3, 0, tzinfo=dt.UTC)
    cover = cs.member_cover(ctx, number)
    # May–August overdue by 18 August (15 Aug a Saturday, 17 Aug Independence Day): ended the 19th.
    assert cover.status == "BERAKHIR" and cover.ended_on == dt.date(2026, 8, 19)
    with pytest.raises(DomainError) as err:
        cs.pay(ctx, officer, number, months=1, method="cash", start=Month(2026, 5))
    assert codes(err) == {"payment.ended"}
    p = cs.pay(ctx, officer, number, method="cash")
    assert [str(m) for m in p.months] == ["2026-10"]  # re-registration starts this month
    cover = cs.member_cover(ctx, number)
    assert cover.status == "AKTIF" and cover.period_start == Month(2026, 10) and not cover.arrears


def test_arrears_are_paid_oldest_first(ctx: Any, officer: Actor, clock: FakeClock) -> None:
    number = enrol(ctx, officer)
    cs.record_enrolment_payment(ctx, officer, number)  # April
    clock.now = dt.datetime(2026, 6, 20, 3, 0, tzinfo=dt.UTC)
    cover = cs.member_cover(ctx, number)
    assert cover.status == "MENUNGGAK" and [str(m) for m in cover.arrears_months] == ["2026-05", "2026-06"]
    assert cover.arrears_total == 2 * 8_400 and cover.stay_active_by == dt.date(2026, 8, 18)
    with pytest.raises(DomainError) as err:
        cs.pay(ctx, officer, number, months=1, method="cash", start=Month(2026, 6))
    assert codes(err) == {"payment.arrears_first"}
    p = cs.pay(ctx, officer, number, method="cash")  # everything owed up to now
    assert [str(m) for m in p.months] == ["2026-05", "2026-06"] and p.total == 2 * 8_400
    assert p.cover_after == "Dilindungi s.d. 30 Juni 2026"


def test_a_retried_request_is_not_charged_twice(ctx: Any, officer: Actor) -> None:
    number = enrol(ctx, officer)
    first = cs.pay(ctx, officer, number, months=1, method="cash", request_key="req-1")
    again = cs.pay(ctx, officer, number, months=1, method="cash", request_key="req-1")
    assert again.receipt_no == first.receipt_no and again.repeated and not first.repeated
    assert len(cs.payments_for_member(ctx, number)) == 1
    other = enrol(ctx, officer, nik="1610014508900200")
    with pytest.raises(DomainError) as err:
        cs.pay(ctx, officer, other, months=1, method="cash", request_key="req-1")
    assert codes(err) == {"payment.request_key_used"}


def test_harvest_schedule_payments(ctx: Any, officer: Actor) -> None:
    number = enrol(ctx, officer, pekerjaan="P003")  # fisherman: a seasonal occupation
    cover = cs.set_schedule(ctx, officer, number, Schedule.parse("4,5,9,10"))
    assert cover.schedule == "HARVEST:4,5,9,10" and cover.schedule_label == "Saat panen: Apr, Mei, Sep, Okt"
    first = cs.pay(ctx, officer, number, method="cash")  # the April run: April only (May is a harvest)
    assert [str(m) for m in first.months] == ["2026-04"]
    second = cs.pay(ctx, officer, number, method="cash")  # the May run: until the September harvest
    assert [str(m) for m in second.months] == ["2026-05", "2026-06", "2026-07", "2026-08"]
    cover = cs.member_cover(ctx, number)
    assert cover.next_due_month == Month(2026, 9) and cover.status == "AKTIF"
    assert cover.next_months == (Month(2026, 9),) and cover.next_due_date == dt.date(2026, 9, 15)
    # A non-seasonal occupation needs a recorded reason.
    trader = enrol(ctx, officer, nik="1610014508900200", pekerjaan="P050")
    with pytest.raises(DomainError) as err:
        cs.set_schedule(ctx, officer, trader, Schedule.parse("3,9"))
    assert codes(err) == {"schedule.reason_required"}
    cover = cs.set_schedule(
        ctx, officer, trader, Schedule.parse("3,9"), reason="Berdagang hasil panen kopi musiman"
    )
    assert cover.schedule_reason == "Berdagang hasil panen kopi musiman"


def test_sponsor_batch_is_all_or_nothing(ctx: Any, officer: Actor) -> None:
    numbers = [
        enrol(ctx, officer, nik=f"16100145089001{i:02d}", pekerjaan="P072", sumber_dana="APBD", bulan_bayar=0)
        for i in range(1, 6)
    ]
    cs.pay(ctx, officer, numbers[2], months=1, method="apbd", reference="SP2D 1", start=Month(2026, 5))
    with pytest.raises(DomainError) as err:
        cs.pay_sponsored(
            ctx,
            officer,
            sponsor="Pemkab Ogan Ilir",
            numbers=[*numbers, "10100009999"],
            months=6,
            reference="SP2D 9",
        )
    assert {i.field for i in err.value.issues} == {numbers[2], "10100009999"}
    assert ctx.read(lambda s: s.execute(select(func.count(Payment.id))).scalar_one()) == 1

    seen: list[int] = []
    ok = [n for i, n in enumerate(numbers) if i != 2]
    batch = cs.pay_sponsored(
        ctx,
        officer,
        sponsor="Pemkab  Ogan Ilir",
        numbers=ok,
        months=6,
        reference="SP2D 900/123/2026",
        progress=lambda done, total, msg="": seen.append(done),
    )
    assert batch.sponsor == "Pemkab Ogan Ilir" and batch.receipt_no == "TBS-101-2026-000001"
    assert [m.member_number for m in batch.members] == ok and seen == [1, 2, 3, 4]
    assert batch.total == 4 * 6 * 16_800  # APBD: no discount
    assert batch.members[0].receipt_no == "TBS-101-2026-000001/0001"
    p = cs.get_payment(ctx, batch.members[0].receipt_no)
    assert p.sponsor == "Pemkab Ogan Ilir" and str(p.months[0]) == "2026-04"

    flag = CancelFlag()
    flag.cancel()
    other = enrol(ctx, officer, nik="1610014508900200", bulan_bayar=0)
    with pytest.raises(Cancelled):
        cs.pay_sponsored(
            ctx, officer, sponsor="CSR Bank", numbers=[other], months=1, method="cash", cancel=flag
        )
    assert cs.payments_for_member(ctx, other) == ()


def test_loaded_rate_table_applies_from_its_month_for_every_counter(
    ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    data = json.loads(shipped_rate_tables()[0].raw)
    data.update(version="2026-06-uji", effective_from="2026-06")
    data["segments"]["BPU"]["programmes"]["JKM"]["amount"] = 7_000
    text = json.dumps(data)
    with pytest.raises(PermissionDeniedError):
        cs.load_rate_table(ctx, officer, text, password=OFFICER_PASSWORD)
    with pytest.raises(AuthError):
        cs.load_rate_table(ctx, supervisor, text, password="bukan")
    info = cs.load_rate_table(ctx, supervisor, text, password=SUPERVISOR_PASSWORD)
    assert info.origin == "dimuat" and info.effective_from == Month(2026, 6) and info.unconfirmed
    with pytest.raises(DomainError) as err:
        cs.load_rate_table(ctx, supervisor, text, password=SUPERVISOR_PASSWORD)
    assert codes(err) == {"rates.duplicate_table"}

    number = enrol(ctx, officer, bulan_bayar=0)
    p = cs.pay(ctx, officer, number, months=3, method="cash")  # Apr, May (old table), Jun (new)
    jkm = [ln.gross for ln in p.lines if ln.programme == "JKM"]
    assert jkm == [6_800, 6_800, 7_000]
    assert [t.version for t in cs.rate_tables(ctx)] == ["2026-12-07", "2026-06-uji"]
    with pytest.raises(DomainError):
        cs.load_rate_table(ctx, supervisor, '{"format": "loket-rates/1"}', password=SUPERVISOR_PASSWORD)


def test_a_table_loaded_at_another_counter_prices_this_counters_next_payment(
    ctx: Any, officer: Actor, supervisor: Actor, home: Path, clock: FakeClock
) -> None:
    """The rate book is kept between payments, by the stored tables' hashes: a table another
    counter (another process, its own context) loads is in this counter's very next payment."""
    first = enrol(ctx, officer, bulan_bayar=0)
    before = cs.pay(ctx, officer, first, months=3, method="cash")  # the book is built and kept here
    assert [ln.gross for ln in before.lines if ln.programme == "JKM"] == [6_800, 6_800, 6_800]
    data = json.loads(shipped_rate_tables()[0].raw)
    data.update(version="2026-06-lain", effective_from="2026-06")
    data["segments"]["BPU"]["programmes"]["JKM"]["amount"] = 7_100
    other = open_app(home=home, clock=clock, counter="LOKET-2")
    try:
        cs.load_rate_table(other.ctx, supervisor, json.dumps(data), password=SUPERVISOR_PASSWORD)
    finally:
        other.ctx.engine.dispose()
    second = enrol(ctx, officer, nik="1610014508900077", bulan_bayar=0)
    after = cs.pay(ctx, officer, second, months=3, method="cash")  # Apr, May (old table), Jun (new)
    assert [ln.gross for ln in after.lines if ln.programme == "JKM"] == [6_800, 6_800, 7_100]
    assert after.receipt_no == "TBI-101-2026-000002"  # the receipt numbers run on, gapless


def test_receipts_read_back_totals_and_no_full_nik(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    number = enrol(ctx, officer, program="JKK,JKM,JHT", bulan_bayar=3)
    p = cs.record_enrolment_payment(ctx, officer, number)
    assert p is not None
    for paper in ("A5", "80mm"):
        data = cs.receipt_pdf(ctx, p.id, paper=paper)
        text = pdf_text(data)
        assert "TANDA BUKTI PENERIMAAN IURAN" in text
        assert "Rp85.200" in text and "Rp110.400" in text and "Rp25.200" in text  # total, gross, discount
        assert "delapan puluh lima ribu dua ratus rupiah" in " ".join(text.split())
        assert p.receipt_no in text and "161001******0003" in text and number in text
        assert "1610014508900003" not in text.replace(" ", "")
        assert "Apr 2026 – Jun 2026" in text and "Budi Santoso" in text and "10:00 WIB" in text
        pdf = tmp_path / f"r-{paper}.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / paper)], check=True)
        png = next(tmp_path.glob(f"{paper}*.png"))
        decoded = zxingcpp.read_barcodes(Image.open(png))
        assert p.receipt_no in [d.text for d in decoded]

    cs.void_payment(ctx, supervisor, p.id, reason="Uji pembatalan", password=SUPERVISOR_PASSWORD)
    assert "DIBATALKAN" in pdf_text(cs.receipt_pdf(ctx, p.id))


def test_sponsor_receipt_lists_every_member_masked(ctx: Any, officer: Actor) -> None:
    numbers = [enrol(ctx, officer, nik=f"16100145089001{i:02d}", bulan_bayar=0) for i in range(1, 19)]
    batch = cs.pay_sponsored(
        ctx, officer, sponsor="Pemkab Ogan Ilir", numbers=numbers, months=2, reference="SP2D 7"
    )
    for paper in ("A5", "80mm"):
        data = cs.sponsor_receipt_pdf(ctx, batch.receipt_no, paper=paper)
        text = pdf_text(data)
        assert all(n in text for n in numbers)
        assert "161001******0101" in text and "1610014508900101" not in text
        assert "Pemkab Ogan Ilir" in text and "Rp604.800" in text  # 18 × 2 × 16.800
    assert len(pypdf.PdfReader(io.BytesIO(cs.sponsor_receipt_pdf(ctx, batch.id))).pages) == 2


def test_voiding_one_sponsored_payment_marks_it_on_the_sponsor_receipt(
    ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    numbers = [enrol(ctx, officer, nik=f"16100145089001{i:02d}", bulan_bayar=0) for i in range(1, 4)]
    batch = cs.pay_sponsored(
        ctx, officer, sponsor="Pemkab Ogan Ilir", numbers=numbers, months=1, reference="SP2D 8"
    )
    cs.void_payment(
        ctx,
        supervisor,
        batch.members[1].receipt_no,
        reason="Peserta pindah daerah",
        password=SUPERVISOR_PASSWORD,
    )
    again = cs.get_sponsor_batch(ctx, batch.id)
    assert [m.voided for m in again.members] == [False, True, False]
    assert again.total == batch.total - batch.members[1].total
    assert "BATAL" in pdf_text(cs.sponsor_receipt_pdf(ctx, batch.id))
    assert cs.member_cover(ctx, numbers[1]).paid_through is None


def test_counters_paying_at_once_never_double_cover_a_month(ctx: Any, officer: Actor) -> None:
    import threading

    numbers = [enrol(ctx, officer, nik=f"16100145089003{i:02d}", bulan_bayar=0) for i in range(1, 4)]
    results: list[str] = []
    barrier = threading.Barrier(4)

    def counter() -> None:
        barrier.wait()
        for number in numbers:
            try:
                p = cs.pay(ctx, officer, number, months=2, method="cash", start=Month(2026, 4))
                results.append(p.receipt_no)
            except DomainError as exc:
                results.append(exc.issues[0].code)

    threads = [threading.Thread(target=counter) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    receipts = sorted(r for r in results if r.startswith("TBI"))
    assert len(receipts) == 3 and results.count("payment.overlap") == 9
    assert receipts == [f"TBI-101-2026-{i:06d}" for i in range(1, 4)]  # gapless
    live = ctx.read(
        lambda s: s.execute(
            select(func.count(PaymentMonth.id)).where(PaymentMonth.voided.is_(False))
        ).scalar_one()
    )
    assert live == 12  # 3 members × 2 months × JKK and JKM


def test_a_pmi_pays_packages_that_name_the_months_they_protect(
    ctx: Any, officer: Actor, tmp_path: Path
) -> None:
    number = enrol(
        ctx,
        officer,
        segmen="PMI",
        pekerjaan="P009",
        program="JKK,JKM,JHT",
        kontrak_bulan=24,
        bulan_berangkat="2026-06",
        jht_pmi=100_000,
        bulan_bayar=1,
    )
    assert cs.member_cover(ctx, number).status == "BELUM_AKTIF"
    p = cs.record_enrolment_payment(ctx, officer, number)
    assert p is not None and p.total == 37_500 + 332_500
    assert (p.months[0], p.months[-1]) == (Month(2026, 4), Month(2028, 5))
    cover = cs.member_cover(ctx, number)
    assert cover.status == "AKTIF" and cover.protected_until == dt.date(2028, 5, 31)
    assert cover.headline == "Dilindungi s.d. 31 Mei 2028"
    # JHT is paid per month at the chosen amount, inside the protection.
    jht = cs.pay(ctx, officer, number, months=3, start=Month(2026, 6), method="cash")
    assert [ln.programme for ln in jht.lines] == ["JHT"] * 3 and jht.total == 300_000
    receipt = cs.receipt_pdf(ctx, p.id)
    (tmp_path / "pmi.pdf").write_bytes(receipt)
    text = pdf_text(receipt)
    assert "Paket sebelum bekerja" in text and "kontrak 24 bulan" in text and "Rp370.000" in text


def test_a_full_price_paid_for_discounted_months_is_credited_to_the_next_months(
    ctx: Any, officer: Actor
) -> None:
    """PP 50/2025 art. 6: the funding source was recorded as APBD (no discount) and the member paid
    April–June at the full Rp16.800; once corrected to self-paid, the Rp8.400 a month he overpaid is
    set against the next months' JKK and JKM."""
    from app.db.models import Enrolment

    number = enrol(ctx, officer, sumber_dana="APBD", bulan_bayar=0)
    full = cs.pay(ctx, officer, number, months=3, method="cash")
    assert full.total == 3 * 16_800 and full.quote.discount_total == 0

    def correct(session: Any) -> None:  # as an approved correction of the funding source would
        session.execute(Enrolment.__table__.update().values(funding_source="MANDIRI"))

    ctx.write(correct)
    july = cs.pay(ctx, officer, number, months=2, method="cash")  # July, August: 2 × 8.400 due
    assert july.quote.credit == 2 * 8_400 and july.total == 0
    assert any(n.code == "quote.credit" for n in july.quote.notes)
    september = cs.pay(ctx, officer, number, months=2, method="cash")
    assert september.quote.credit == 3 * 8_400 - 2 * 8_400 and september.total == 2 * 8_400 - 8_400
    october = cs.pay(ctx, officer, number, months=1, method="cash")
    assert october.quote.credit == 0 and october.total == 8_400
