"""Contribution arithmetic over the shipped rate table: known figures, discounts, caps, properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.contributions import (
    MONTHLY,
    Quote,
    QuoteInput,
    Schedule,
    Status,
    contribution_status,
    jakon_contract_contribution,
    quote,
    quote_months,
    quote_record,
    round_half_up,
)
from app.domain.issues import DomainError
from app.domain.months import Month, month_range, period_label
from app.domain.rates import DueRule, RateBook, parse_rate_json, parse_rate_table
from app.domain.terbilang import terbilang
from app.infra.rates import shipped_rate_tables
from app.infra.reference import load_reference

BOOK = RateBook.of(shipped_rate_tables())
SHIPPED = json.loads(shipped_rate_tables()[0].raw)


def bpu(income: int = 1_000_000, programmes: str = "JKK,JKM", **kw: Any) -> QuoteInput:
    return QuoteInput("BPU", income, tuple(programmes.split(",")), **kw)


def per_programme(q: Quote, month: Month) -> dict[str, tuple[int, int, int]]:
    return {ln.programme: (ln.gross, ln.discount, ln.amount) for ln in q.lines if ln.month == month}


# --- known figures ----------------------------------------------------------------------------------


def test_bpu_minimum_base_outside_discount_months() -> None:
    q = quote(BOOK, bpu(), Month(2026, 3), 1)
    assert per_programme(q, Month(2026, 3)) == {"JKK": (10_000, 0, 10_000), "JKM": (6_800, 0, 6_800)}
    assert q.total == 16_800
    q = quote(BOOK, bpu(programmes="JKK,JKM,JHT"), Month(2026, 3), 1)
    assert per_programme(q, Month(2026, 3))["JHT"] == (20_000, 0, 20_000)
    assert q.total == 36_800


def test_income_below_minimum_is_raised_to_the_minimum_base_and_said_so() -> None:
    q = quote(BOOK, bpu(income=750_000), Month(2027, 6), 1)
    assert q.total == 16_800
    assert {n.code for n in q.notes} >= {"quote.base_minimum", "quote.base_unconfirmed"}


def test_discount_months_halve_jkk_and_jkm_but_not_jht() -> None:
    q = quote(BOOK, bpu(programmes="JKK,JKM,JHT"), Month(2026, 4), 1)
    assert per_programme(q, Month(2026, 4)) == {
        "JKK": (10_000, 5_000, 5_000),
        "JKM": (6_800, 3_400, 3_400),
        "JHT": (20_000, 0, 20_000),
    }
    assert q.total == 28_400 and q.discount_total == 8_400
    assert all(ln.discount_rule == "PP50-2025-BPU" for ln in q.lines if ln.discount)


def test_apbd_and_apbn_funded_members_get_no_discount() -> None:
    for funding in ("APBD", "APBN"):
        q = quote(BOOK, bpu(funding=funding), Month(2026, 4), 9)
        assert q.discount_total == 0
        assert q.total == 9 * 16_800
        assert any(n.code.startswith("quote.discount_excluded") for n in q.notes)
    # A payment made from the regional budget counts as budget-funded, whatever the record says.
    assert bpu().paid_by("apbd").funding == "APBD"
    assert bpu().paid_by("cash").funding == "MANDIRI"


def test_transport_window_differs_from_other_sectors() -> None:
    transport = bpu(flags=frozenset({"transport"}))
    others = bpu()
    for month in month_range(Month(2026, 1), Month(2026, 3)) + month_range(Month(2027, 1), Month(2027, 3)):
        assert quote(BOOK, transport, month, 1).total == 8_400, month
        assert quote(BOOK, others, month, 1).total == 16_800, month
    for month in month_range(Month(2026, 4), Month(2026, 12)):
        assert quote(BOOK, transport, month, 1).total == 8_400
        assert quote(BOOK, others, month, 1).total == 8_400
    assert quote(BOOK, transport, Month(2027, 4), 1).total == 16_800
    assert quote(BOOK, transport, Month(2025, 12), 1).total == 16_800


def test_transport_flag_comes_from_the_occupation_list() -> None:
    reference = load_reference()
    rec = {"segmen": "BPU", "penghasilan": "Rp1.000.000", "program": "JKK,JKM", "pekerjaan": "P053"}
    res = quote_record(BOOK, reference, rec, start=Month(2026, 2), months=1)
    assert res.quote is not None and res.quote.total == 8_400
    res = quote_record(BOOK, reference, {**rec, "pekerjaan": "P001"}, start=Month(2026, 2), months=1)
    assert res.quote is not None and res.quote.total == 16_800


def test_jp_cap_applies_to_pu_wages_above_it() -> None:
    inp = QuoteInput("PU", 20_000_000, ("JKK", "JKM", "JHT", "JP"), funding="PEMBERI_KERJA", risk_class=3)
    q = quote(BOOK, inp, Month(2025, 2), 3)  # Feb 2025 (cap 10.042.300), Mar and Apr 2025 (10.547.400)
    jp = {ln.month: ln for ln in q.lines if ln.programme == "JP"}
    assert jp[Month(2025, 2)].base == 10_042_300
    assert jp[Month(2025, 3)].base == 10_547_400
    assert (jp[Month(2025, 3)].employer, jp[Month(2025, 3)].worker) == (210_948, 105_474)
    jht = next(ln for ln in q.lines if ln.programme == "JHT")
    assert jht.base == 20_000_000 and (jht.employer, jht.worker) == (740_000, 400_000)
    jkk = next(ln for ln in q.lines if ln.programme == "JKK")
    assert jkk.gross == 178_000  # class 3: 0.89 %
    assert any(n.code.startswith("quote.cap.JP") for n in q.notes)
    totals = {t.programme: t for t in q.programme_totals()}
    assert totals["JP"].base is None and totals["JHT"].base == 20_000_000  # the cap changed in March
    # Below the cap the wage itself is the base.
    small = quote(BOOK, dataclasses.replace(inp, income=5_000_000), Month(2025, 3), 1)
    assert next(ln for ln in small.lines if ln.programme == "JP").gross == 150_000


def test_2026_jp_cap_is_marked_unconfirmed() -> None:
    inp = QuoteInput("PU", 50_000_000, ("JKK", "JKM", "JP"))
    q = quote(BOOK, inp, Month(2026, 3), 1)
    assert next(ln for ln in q.lines if ln.programme == "JP").base == 11_086_300
    note = next(n for n in q.notes if n.code.startswith("quote.cap.JP"))
    assert "belum terkonfirmasi" in note.message
    assert any(n.code == "quote.risk_class_default" for n in q.notes)


def test_unknown_jp_cap_refuses_instead_of_guessing() -> None:
    with pytest.raises(DomainError) as err:
        quote(BOOK, QuoteInput("PU", 9_000_000, ("JKK", "JKM", "JP")), Month(2019, 5), 1)
    assert err.value.issues[0].code == "rates.cap_unknown"


def test_pu_jkp_has_no_extra_bill_and_pmi_bundle() -> None:
    q = quote(BOOK, QuoteInput("PU", 4_000_000, ("JKK", "JKM", "JHT", "JKP")), Month(2026, 5), 1)
    assert per_programme(q, Month(2026, 5))["JKP"] == (0, 0, 0)
    pmi = quote(BOOK, QuoteInput("PMI", 8_000_000, ("JKK", "JKM", "JHT")), Month(2026, 5), 2)
    assert [ln.programme for ln in pmi.lines] == ["JKK", "JHT", "JKK", "JHT"]
    assert pmi.total == 2 * (13_500 + 50_000)


def test_programmes_not_offered_to_a_segment_are_refused() -> None:
    with pytest.raises(DomainError) as err:
        quote(BOOK, bpu(programmes="JKK,JKM,JP"), Month(2026, 5), 1)
    assert err.value.issues[0].code == "program.no_rate"


def test_jakon_contract_tiers_add_up() -> None:
    assert jakon_contract_contribution(BOOK, Month(2026, 1), 200_000_000) == {"JKK": 380_000, "JKM": 50_000}
    assert jakon_contract_contribution(BOOK, Month(2026, 1), 50_000_000) == {"JKK": 105_000, "JKM": 15_000}


def test_rounding_is_half_up_per_programme_per_month() -> None:
    assert round_half_up(Fraction(25, 2)) == 13
    assert round_half_up(Fraction(249, 20)) == 12
    # 1 % of Rp1.234.550 = Rp12.345,5 → Rp12.346; half of that = Rp6.173 off, Rp6.173 due.
    q = quote(BOOK, bpu(income=1_234_550), Month(2026, 5), 1)
    assert per_programme(q, Month(2026, 5))["JKK"] == (12_346, 6_173, 6_173)
    # 1 % of Rp1.234.500 = Rp12.345, odd: the discount Rp6.172,5 rounds up, so the member owes Rp6.172.
    q = quote(BOOK, bpu(income=1_234_500), Month(2026, 5), 1)
    assert per_programme(q, Month(2026, 5))["JKK"] == (12_345, 6_173, 6_172)
    assert "setengah" in BOOK.tables[0].rounding_text


# --- properties ---------------------------------------------------------------------------------------

incomes = st.integers(min_value=1, max_value=1_000_000_000)
months_n = st.integers(min_value=1, max_value=12)
starts = st.builds(Month, st.integers(min_value=2023, max_value=2029), st.integers(min_value=1, max_value=12))
fundings = st.sampled_from(["MANDIRI", "PEMBERI_KERJA", "APBD", "CSR", "APBN"])
flags = st.frozensets(st.sampled_from(["transport", "padat_karya"]))
harvests = st.frozensets(st.integers(min_value=1, max_value=12), min_size=1, max_size=12)
inputs = st.one_of(
    st.builds(
        QuoteInput,
        st.just("BPU"),
        incomes,
        st.sampled_from([("JKK", "JKM"), ("JKK", "JKM", "JHT")]),
        fundings,
        flags,
    ),
    st.builds(
        QuoteInput,
        st.just("PU"),
        incomes,
        st.sampled_from([("JKK", "JKM"), ("JKK", "JKM", "JHT", "JP", "JKP"), ("JKK", "JKM", "JHT")]),
        fundings,
        flags,
        st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    ),
    st.builds(QuoteInput, st.just("JAKON"), incomes, st.just(("JKK", "JKM")), fundings),
    st.builds(QuoteInput, st.just("PMI"), incomes, st.just(("JKK", "JKM", "JHT")), fundings),
)


def _all_ints(q: Quote) -> bool:
    values = [q.total, q.gross_total, q.discount_total]
    for ln in q.lines:
        values += [ln.base, ln.employer, ln.worker, ln.gross, ln.discount, ln.amount]
    return all(type(v) is int for v in values)


@settings(max_examples=300, deadline=None)
@given(inputs, starts, months_n, st.one_of(st.just(MONTHLY), st.builds(Schedule, harvests)))
def test_quote_properties(inp: QuoteInput, start: Month, n: int, schedule: Schedule) -> None:
    q = quote(BOOK, inp, start, n, schedule)
    assert _all_ints(q)  # money never became a float
    assert q.total == sum(ln.amount for ln in q.lines) == q.gross_total - q.discount_total
    assert q.total == sum(q.month_totals().values()) == sum(t.amount for t in q.programme_totals())
    for ln in q.lines:
        assert 0 <= ln.discount <= ln.gross and ln.amount >= 0 and ln.gross == ln.employer + ln.worker
    assert q.total >= 0 and len(q.months) == n and q.months == tuple(sorted(set(q.months)))
    assert q.months[0] >= start
    if schedule.monthly:
        assert q.months == month_range(start, start.plus(n - 1))
    else:
        # Exactly the chosen harvest months, the first n of them from the start month.
        assert all(m.month in schedule.harvest_months for m in q.months)
        skipped = [m for m in month_range(start, q.months[-1]) if m.month in schedule.harvest_months]
        assert tuple(skipped) == q.months
    # Budget-funded workers never get a BPU discount.
    if inp.segment == "BPU" and inp.funding in ("APBD", "APBN"):
        assert q.discount_total == 0
    # The stored form gives back the same quote.
    assert Quote.from_json(json.loads(json.dumps(q.as_json()))) == q


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**6))
def test_round_half_up_matches_integer_arithmetic(num: int, den: int) -> None:
    r = round_half_up(Fraction(num, den))
    assert type(r) is int
    assert 2 * num >= (2 * r - 1) * den and 2 * num < (2 * r + 1) * den


def test_quote_is_fast_enough_for_a_live_form() -> None:
    # Not a timing test: it checks the quote needs no database and no I/O, only the loaded book.
    res = quote_record(
        BOOK,
        load_reference(),
        {"segmen": "BPU", "penghasilan": "", "program": "JKK,JKM"},
        start=Month(2026, 5),
        months=3,
    )
    assert res.quote is None and res.issues[0].field == "penghasilan"


# --- schedules and status ----------------------------------------------------------------------------


def test_harvest_schedule_covers_exactly_the_chosen_months() -> None:
    harvest = Schedule.parse("Mar, 4, Sep, okt")
    assert harvest.harvest_months == frozenset({3, 4, 9, 10})
    q = quote(BOOK, bpu(), Month(2026, 5), 3, harvest)
    assert [str(m) for m in q.months] == ["2026-09", "2026-10", "2027-03"]
    assert q.period == "Sep 2026 – Okt 2026, Mar 2027"
    assert Schedule.decode(harvest.encode()) == harvest
    with pytest.raises(DomainError):
        Schedule.parse("13")


def months(*texts: str) -> list[Month]:
    return [Month.parse(t) for t in texts]


def test_status_active_arrears_and_non_active() -> None:
    since = Month(2026, 1)
    s = contribution_status(months("2026-01", "2026-02", "2026-03"), since=since, today=dt.date(2026, 3, 20))
    assert s.status is Status.ACTIVE and s.paid_through == Month(2026, 3)
    assert s.next_due_month == Month(2026, 4) and s.next_due_date == dt.date(2026, 4, 15)

    s = contribution_status(months("2026-01"), since=since, today=dt.date(2026, 3, 2))
    assert s.status is Status.ARREARS and s.arrears == tuple(months("2026-02", "2026-03"))
    assert s.label == "Menunggak 2 bulan" and s.next_due_month == Month(2026, 2)

    s = contribution_status(months("2026-01"), since=since, today=dt.date(2026, 4, 2))
    assert s.status is Status.ARREARS and len(s.arrears) == 3

    s = contribution_status(months("2026-01"), since=since, today=dt.date(2026, 5, 2))
    assert s.status is Status.INACTIVE and len(s.arrears) == 4
    assert s.next_due_month == Month(2026, 5)  # restarts from this month; old arrears are not collected

    s = contribution_status([], since=Month(2026, 5), today=dt.date(2026, 5, 2))
    assert s.status is Status.ARREARS and s.paid_through is None

    # Paid ahead: active, next due after the last paid month.
    s = contribution_status(months("2026-05", "2026-06", "2026-07"), since=since, today=dt.date(2026, 5, 9))
    assert s.status is Status.ACTIVE and s.next_due_month == Month(2026, 8)


def test_status_for_a_harvest_schedule_counts_only_due_months() -> None:
    harvest = Schedule(frozenset({3, 4, 9, 10}))
    paid = months("2026-03", "2026-04")
    s = contribution_status(paid, since=Month(2026, 3), today=dt.date(2026, 7, 1), schedule=harvest)
    assert s.status is Status.ACTIVE and not s.covered_now and s.next_due_month == Month(2026, 9)
    s = contribution_status(paid, since=Month(2026, 3), today=dt.date(2026, 10, 1), schedule=harvest)
    assert s.status is Status.ARREARS and s.arrears == tuple(months("2026-09", "2026-10"))


def test_pu_due_date_is_in_the_following_month() -> None:
    s = contribution_status([], since=Month(2026, 5), today=dt.date(2026, 5, 2), due=DueRule(15, 1))
    assert s.next_due_date == dt.date(2026, 6, 15)


# --- rate tables -----------------------------------------------------------------------------------------


def test_shipped_table_marks_unconfirmed_figures_and_sources() -> None:
    bpu_base = SHIPPED["segments"]["BPU"]["base"]
    assert bpu_base["unconfirmed"] is True and bpu_base["minimum"] == 1_000_000
    assert "ASSUMES" in bpu_base["assumption"]
    cap_2026 = next(
        c for c in SHIPPED["segments"]["PU"]["programmes"]["JP"]["wage_cap"] if c["from"] == "2026-03"
    )
    assert cap_2026["unconfirmed"] is True and cap_2026["amount"] == 11_086_300
    for seg in SHIPPED["segments"].values():
        for prog in seg["programmes"].values():
            assert prog["source"], prog
    for d in SHIPPED["discounts"]:
        assert d["source"]
    assert "rekomposisi" in SHIPPED["segments"]["PU"]["programmes"]["JKP"]["note"]


def _table(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(SHIPPED))
    data.update(changes)
    return data


def test_a_table_with_floats_or_gaps_is_refused_with_every_problem() -> None:
    bad = _table(effective_from="2027-13")
    bad["segments"]["BPU"]["programmes"]["JKK"]["shares"]["worker"] = 1.0
    bad["segments"]["BPU"]["programmes"]["JKM"]["amount"] = 6800.5
    del bad["segments"]["PMI"]
    with pytest.raises(DomainError) as err:
        parse_rate_table(bad)
    codes = {i.code for i in err.value.issues}
    assert {"rates.float", "rates.month", "rates.required"} <= codes
    with pytest.raises(DomainError) as err:
        parse_rate_json("{not json")
    assert err.value.issues[0].code == "rates.json"


def test_a_later_table_takes_over_from_its_month() -> None:
    newer = _table(version="2027-01-test", effective_from="2027-01")
    newer["segments"]["BPU"]["programmes"]["JKM"]["amount"] = 7_000
    book = RateBook.of([*shipped_rate_tables(), parse_rate_table(newer)])
    q = quote_months(book, bpu(), months("2026-12", "2027-01"))
    assert [ln.gross for ln in q.lines if ln.programme == "JKM"] == [6_800, 7_000]
    assert q.table_versions == ("2026-11-23", "2027-01-test")
    # A corrected table for the same month as the shipped one wins (loaded tables come after).
    fixed = _table(version="koreksi")
    assert (
        RateBook.of([*shipped_rate_tables(), parse_rate_table(fixed)]).table_for(Month(2026, 5)).version
        == "koreksi"
    )


def test_brackets_when_loaded_replace_the_assumption() -> None:
    t = _table(version="brackets")
    t["segments"]["BPU"]["base"].update(
        method="brackets",
        brackets=[
            {"low": 0, "high": 1_500_000, "base": 1_000_000},
            {"low": 1_500_000, "high": None, "base": 2_000_000},
        ],
    )
    book = RateBook.of([parse_rate_table(t)])
    assert quote(book, bpu(income=1_400_000), Month(2027, 5), 1).total == 16_800
    assert quote(book, bpu(income=1_600_000), Month(2027, 5), 1).total == 26_800
    t["segments"]["BPU"]["base"]["brackets"][1]["low"] = 1_600_000
    with pytest.raises(DomainError):
        parse_rate_table(t)


# --- months and words ---------------------------------------------------------------------------------


def test_months_and_period_labels() -> None:
    assert Month.parse("2026-4") == Month(2026, 4) and str(Month(2026, 4)) == "2026-04"
    assert Month(2026, 12).plus(1) == Month(2027, 1) and Month(2026, 1).plus(-1) == Month(2025, 12)
    assert Month.from_int(Month(2026, 7).as_int()) == Month(2026, 7)
    assert Month(2026, 2).day(31) == dt.date(2026, 2, 28)
    assert period_label(months("2026-01", "2026-02", "2026-04")) == "Jan 2026 – Feb 2026, Apr 2026"
    with pytest.raises(ValueError):
        Month.parse("April")


def test_terbilang() -> None:
    assert terbilang(16_800) == "enam belas ribu delapan ratus rupiah"
    assert terbilang(1_011_000) == "satu juta sebelas ribu rupiah"
    assert terbilang(110) == "seratus sepuluh rupiah"
    assert terbilang(0) == "nol rupiah"
    with pytest.raises(TypeError):
        terbilang(1.5)  # type: ignore[arg-type]
