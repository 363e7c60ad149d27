"""End-of-day arithmetic: tallies, payments against receipts, receipt number gaps, voids."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.day_summary import (
    BatchRow,
    EnrolmentRow,
    PaymentRow,
    Tally,
    VoidRow,
    day_bounds,
    full_date,
    hour_span,
    long_date,
    regency_of,
    serial_ranges,
    summarise_day,
    top_with_rest,
)

WIB = dt.timezone(dt.timedelta(hours=7))


def enrolment(
    hour: int, channel: str = "LOKET", occupation: str = "P001", programmes: str = "JKK,JKM"
) -> EnrolmentRow:
    return EnrolmentRow(
        local_time=dt.datetime(2026, 11, 23, hour, 5, tzinfo=WIB),
        number=f"101000000{hour:02d}",
        name="SITI",
        nik_masked="161001******0003",
        segment="BPU",
        occupation_code=occupation,
        occupation_name=occupation,
        channel=channel,
        regency_code="16.10",
        regency_name="Kabupaten Ogan Ilir",
        funding="MANDIRI",
        programmes=tuple(programmes.split(",")),
        officer="budi",
    )


def test_tallies_keep_every_channel_and_rank_occupations() -> None:
    f = summarise_day(
        enrolments=[
            enrolment(9, "DESA", "P003"),
            enrolment(9),
            enrolment(14, "LOKET", "P003", "JKK,JKM,JHT"),
        ],
        payments=[],
        batches=[],
        voids=[],
        cards=[],
        corrections=[],
    )
    assert [t.code for t in f.by_channel] == ["LOKET", "DESA", "PASAR", "UKM", "ECOMMERCE", "EVENT"]
    assert [t.count for t in f.by_channel] == [2, 1, 0, 0, 0, 0]
    assert [(t.code, t.count) for t in f.by_occupation] == [("P003", 2), ("P001", 1)]
    assert {t.code: t.count for t in f.by_programme} == {"JKK": 3, "JKM": 3, "JHT": 1, "JP": 0, "JKP": 0}
    assert f.by_hour[9] == 2 and f.by_hour[14] == 1 and sum(f.by_hour) == 3
    assert [e.local_time.hour for e in f.enrolments] == [9, 9, 14]


def test_payments_reconcile_with_individual_and_collective_receipts() -> None:
    payments = [
        PaymentRow("TBI-101-2026-000010", "cash", 16_800, "budi", None, False),
        PaymentRow("TBI-101-2026-000011", "cash", 33_600, "budi", None, True),
        PaymentRow("TBI-101-2026-000012", "transfer", 16_800, "budi", None, False),
        PaymentRow("TBS-101-2026-000001/0001", "apbd", 10_000, "budi", "TBS-101-2026-000001", False),
        PaymentRow("TBS-101-2026-000001/0002", "apbd", 10_000, "budi", "TBS-101-2026-000001", True),
    ]
    batches = [BatchRow("TBS-101-2026-000001", "Pemkab Ogan Ilir", "apbd", 20_000, 2, 10_000)]
    voids = [
        VoidRow("TBI-101-2026-000011", "cash", 33_600, dt.date(2026, 11, 23), dt.datetime(2026, 11, 23, 15, tzinfo=WIB), "siti", "salah", True),
        VoidRow("TBI-101-2026-000003", "cash", 8_400, dt.date(2026, 11, 20), dt.datetime(2026, 11, 23, 16, tzinfo=WIB), "siti", "dobel", False),
    ]  # fmt: skip
    f = summarise_day(
        enrolments=[], payments=payments, batches=batches, voids=voids, cards=[], corrections=[]
    )
    cash = next(m for m in f.methods if m.method == "cash")
    assert (cash.received_count, cash.received_amount, cash.voided_amount, cash.net_amount) == (
        2,
        50_400,
        33_600,
        16_800,
    )
    assert f.received_amount == 87_200 and f.voided_amount == 43_600 and f.net_amount == 43_600
    r = f.reconciliation
    assert (r.individual_receipts, r.collective_receipts) == (3, 1)
    assert r.payments_valid_amount == r.receipts_valid_amount == 43_600
    assert r.ok and r.serial_ranges == ("TBI-101-2026-000010 s.d. 000012", "TBS-101-2026-000001")
    assert [v.receipt_no for v in f.adjustments] == ["TBI-101-2026-000003"]
    assert f.net_after_adjustments == 43_600 - 8_400

    # A collective receipt printed with a different total than its payments: not reconciled.
    bad = summarise_day(
        enrolments=[],
        payments=payments,
        batches=[BatchRow("TBS-101-2026-000001", "Pemkab", "apbd", 30_000, 2, 10_000)],
        voids=[],
        cards=[],
        corrections=[],
    )
    assert not bad.reconciliation.ok and bad.reconciliation.difference == -10_000


def test_missing_receipt_numbers_are_reported() -> None:
    ranges, gaps = serial_ranges(["TBI-101-2026-000004", "TBI-101-2026-000001", "TBI-101-2026-000002"])
    assert ranges == ("TBI-101-2026-000001 s.d. 000004",)
    assert gaps == ("TBI-101-2026-000003",)
    assert serial_ranges([]) == ((), ())


@given(
    st.lists(
        st.tuples(st.sampled_from(["cash", "transfer", "apbd"]), st.integers(0, 10**7), st.booleans()),
        max_size=40,
    )
)
def test_net_is_received_minus_voided_and_always_reconciles(rows: list[tuple[str, int, bool]]) -> None:
    payments = [
        PaymentRow(f"TBI-101-2026-{i + 1:06d}", m, t, "budi", None, v) for i, (m, t, v) in enumerate(rows)
    ]
    f = summarise_day(enrolments=[], payments=payments, batches=[], voids=[], cards=[], corrections=[])
    assert f.net_amount == sum(t for _, t, v in rows if not v)
    assert sum(m.net_amount for m in f.methods) == f.net_amount
    assert f.reconciliation.ok


def test_dates_hours_and_regions() -> None:
    assert long_date(dt.date(2026, 11, 23)) == "23 November 2026"
    assert full_date(dt.date(2026, 11, 3)) == "Selasa, 3 November 2026"
    start, end = day_bounds(dt.date(2026, 11, 23), "Asia/Jayapura")
    assert start == dt.datetime(2026, 11, 22, 15, tzinfo=dt.UTC) and end - start == dt.timedelta(days=1)
    assert list(hour_span([0] * 24)) == list(range(7, 18))
    busy = [0] * 24
    busy[5] = busy[20] = 1
    assert list(hour_span(busy)) == list(range(5, 21))
    assert regency_of("16.71.01.1001", "16.10.01") == "16.71"
    assert regency_of(None, "16.10.01") == "16.10"
    tallies = [Tally(str(i), str(i), 10 - i) for i in range(6)]
    assert [t.count for t in top_with_rest(tallies, 4)] == [10, 9, 8, 7 + 6 + 5]
    assert top_with_rest(tallies, 6) == tuple(tallies)
