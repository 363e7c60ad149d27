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

from app.domain.contributions import jakon_contract_contribution, quote, quote_months, quote_record
from app.domain.issues import DomainError
from app.domain.money import round_half_up
from app.domain.months import Month, month_range, period_label
from app.domain.quote import Quote, QuoteInput
from app.domain.rate_parse import parse_rate_json, parse_rate_table
from app.domain.rates import RateBook, unconfirmed_figures
from app.domain.schedule import MONTHLY, Schedule
from app.domain.terbilang import terbilang
from app.infra.rates import shipped_rate_tables
from app.infra.reference import load_reference

BOOK = RateBook.of(shipped_rate_tables())
SHIPPED = json.loads(shipped_rate_tables()[0].raw)


MANDIRI = frozenset({"bpu_mandiri"})  # outside an employment relation: PP 50/2025 art. 3(4)


def bpu(income: int = 1_000_000, programmes: str = "JKK,JKM", **kw: Any) -> QuoteInput:
    kw.setdefault("flags", MANDIRI)
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


def test_income_selects_a_row_of_the_income_table_and_says_so() -> None:
    q = quote(BOOK, bpu(income=750_000), Month(2027, 6), 1)
    assert q.total == 16_800
    assert any(n.message.startswith("Penghasilan Rp750.000 → dasar iuran Rp1.000.000") for n in q.notes)
    q = quote(BOOK, bpu(income=1_350_000, programmes="JKK,JKM,JHT"), Month(2027, 6), 1)
    assert per_programme(q, Month(2027, 6)) == {
        "JKK": (14_000, 0, 14_000),
        "JKM": (6_800, 0, 6_800),
        "JHT": (28_000, 0, 28_000),
    }
    note = next(n for n in q.notes if n.code == "quote.base_bracket")
    assert "Penghasilan Rp1.350.000 → dasar iuran Rp1.400.000" in note.message
    # The marks are for the supervisor's settings page, never for a member's paper.
    assert not any("terkonfirmasi" in n.message for n in q.notes)


@pytest.mark.parametrize(
    ("row", "income", "base", "jkk", "jht", "discounted"),
    [
        (1, 0, 1_000_000, 10_000, 20_000, 8_400),
        (1, 1_099_999, 1_000_000, 10_000, 20_000, 8_400),
        (2, 1_100_000, 1_200_000, 12_000, 24_000, 9_400),
        (9, 2_699_999, 2_600_000, 26_000, 52_000, 16_400),
        (10, 2_700_000, 2_950_000, 29_500, 59_000, 18_150),
        (20, 7_700_000, 7_950_000, 79_500, 159_000, 43_150),
        (21, 8_200_000, 8_700_000, 87_000, 174_000, 46_900),
        (30, 17_200_000, 17_700_000, 177_000, 354_000, 91_900),
        (31, 18_200_000, 18_700_000, 187_000, 374_000, 96_900),
        (32, 20_199_999, 19_700_000, 197_000, 394_000, 101_900),
        (33, 20_200_000, 20_700_000, 207_000, 414_000, 106_900),
        (33, 900_000_000, 20_700_000, 207_000, 414_000, 106_900),
    ],
)
def test_every_row_of_the_bpu_income_table(
    row: int, income: int, base: int, jkk: int, jht: int, discounted: int
) -> None:
    """domain-facts-2026-12 §1, the worked figures of each row (JKK 1%, JKM Rp6.800, JHT 2%, and
    JKK + JKM at 50% under PP 50/2025)."""
    full = quote(BOOK, bpu(income=max(income, 1), programmes="JKK,JKM,JHT"), Month(2027, 6), 1)
    assert per_programme(full, Month(2027, 6)) == {
        "JKK": (jkk, 0, jkk),
        "JKM": (6_800, 0, 6_800),
        "JHT": (jht, 0, jht),
    }, row
    assert {ln.base for ln in full.lines if ln.programme != "JKM"} == {base}
    half = quote(BOOK, bpu(income=max(income, 1)), Month(2026, 6), 1)
    assert half.total == discounted, row


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
    transport = bpu(flags=MANDIRI | {"transport"})
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
    # GO-LIFE is home services on a platform, not transport (PP 50/2025 Elucidation art. 7(a)).
    res = quote_record(BOOK, reference, {**rec, "pekerjaan": "P071"}, start=Month(2026, 2), months=1)
    assert res.quote is not None and res.quote.total == 16_800
    # Honorary staff are not outside an employment relation: no PP 50/2025 discount (art. 3(4)).
    res = quote_record(BOOK, reference, {**rec, "pekerjaan": "P058"}, start=Month(2026, 6), months=1)
    assert res.quote is not None and res.quote.discount_total == 0


def test_pp50_months_for_transport_and_other_bpu() -> None:
    """domain-facts-2026-12 §6: transport January 2026 – March 2027 (15 months), others April –
    December 2026 (9 months), counted as contribution months."""
    transport = bpu(flags=MANDIRI | {"transport"})
    discounted_t = [
        m for m in month_range(Month(2025, 10), Month(2027, 6)) if quote(BOOK, transport, m, 1).discount_total
    ]
    discounted_o = [
        m for m in month_range(Month(2025, 10), Month(2027, 6)) if quote(BOOK, bpu(), m, 1).discount_total
    ]
    assert (discounted_t[0], discounted_t[-1], len(discounted_t)) == (Month(2026, 1), Month(2027, 3), 15)
    assert (discounted_o[0], discounted_o[-1], len(discounted_o)) == (Month(2026, 4), Month(2026, 12), 9)


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


def test_2026_jp_cap_is_marked_unconfirmed_for_the_supervisor_not_on_paper() -> None:
    inp = QuoteInput("PU", 50_000_000, ("JKK", "JKM", "JP"))
    q = quote(BOOK, inp, Month(2026, 3), 1)
    assert next(ln for ln in q.lines if ln.programme == "JP").base == 11_086_300
    note = next(n for n in q.notes if n.code.startswith("quote.cap.JP"))
    assert "terkonfirmasi" not in note.message
    assert "segments.PU.programmes.JP.wage_cap[2026-03]" in unconfirmed_figures(
        BOOK.table_for(Month(2026, 3))
    )
    assert any(n.code == "quote.risk_class_default" for n in q.notes)


def test_unknown_jp_cap_refuses_instead_of_guessing() -> None:
    with pytest.raises(DomainError) as err:
        quote(BOOK, QuoteInput("PU", 9_000_000, ("JKK", "JKM", "JP")), Month(2019, 5), 1)
    assert err.value.issues[0].code == "rates.cap_unknown"


def test_pu_jkp_is_recomposed_out_of_jkk_and_the_employer_pays_the_same() -> None:
    """PP 6/2025: JKP 0,36% = 0,22% government + 0,14% out of JKK (JKK class 1: 0,24% → 0,10%)."""
    with_jkp = quote(BOOK, QuoteInput("PU", 4_000_000, ("JKK", "JKM", "JHT", "JKP")), Month(2026, 5), 1)
    without = quote(BOOK, QuoteInput("PU", 4_000_000, ("JKK", "JKM", "JHT")), Month(2026, 5), 1)
    lines = {ln.programme: ln for ln in with_jkp.lines}
    assert (lines["JKK"].employer, lines["JKK"].rate) == (4_000, "0,1%")
    assert (lines["JKP"].employer, lines["JKP"].rate) == (5_600, "0,14%")
    assert (lines["JKM"].employer, lines["JKM"].rate) == (12_000, "0,3%")
    assert with_jkp.total == without.total  # the employer's total is what it pays
    assert any(n.code == "quote.government.JKP" for n in with_jkp.notes)
    # Before February 2025 (PP 37/2021): 0,14% out of JKK and 0,10% out of JKM.
    old = quote(
        BOOK, QuoteInput("PU", 4_000_000, ("JKK", "JKM", "JHT", "JKP"), risk_class=3), Month(2024, 5), 1
    )
    lines = {ln.programme: ln for ln in old.lines}
    assert (lines["JKK"].employer, lines["JKM"].employer, lines["JKP"].employer) == (30_000, 8_000, 9_600)
    pmi = quote(BOOK, QuoteInput("PMI", 8_000_000, ("JKK", "JKM", "JHT")), Month(2026, 5), 2)
    assert [ln.programme for ln in pmi.lines] == ["JKK", "JHT", "JKK", "JHT"]
    assert pmi.total == 2 * (13_500 + 50_000)


def test_programmes_not_offered_to_a_segment_are_refused() -> None:
    with pytest.raises(DomainError) as err:
        quote(BOOK, bpu(programmes="JKK,JKM,JP"), Month(2026, 5), 1)
    assert err.value.issues[0].code == "program.no_rate"


def test_jakon_contract_tiers_add_up() -> None:
    # The Elucidation's worked example (PP 44/2015 art. 54-55): Rp180 million.
    assert jakon_contract_contribution(BOOK, Month(2026, 1), 180_000_000) == {"JKK": 346_000, "JKM": 46_000}
    assert jakon_contract_contribution(BOOK, Month(2026, 1), 200_000_000) == {"JKK": 380_000, "JKM": 50_000}
    assert jakon_contract_contribution(BOOK, Month(2026, 1), 50_000_000) == {"JKK": 105_000, "JKM": 15_000}


def test_rounding_is_half_up_per_programme_per_month() -> None:
    assert round_half_up(Fraction(25, 2)) == 13
    assert round_half_up(Fraction(249, 20)) == 12
    # PU class 1: 0,24 % of Rp1.234.375 = Rp2.962,5 → Rp2.963; the PP 7/2025 half of it, Rp1.481,5,
    # rounds up too, so the employer owes Rp1.481.
    padat = QuoteInput("PU", 1_234_375, ("JKK", "JKM"), flags=frozenset({"padat_karya"}), risk_class=1)
    q = quote(BOOK, padat, Month(2025, 6), 1)
    assert per_programme(q, Month(2025, 6))["JKK"] == (2_963, 1_482, 1_481)
    # 0,24 % of Rp1.234.000 = Rp2.961,6 → Rp2.962, even: half is exactly Rp1.481.
    q = quote(BOOK, dataclasses.replace(padat, income=1_234_000), Month(2025, 6), 1)
    assert per_programme(q, Month(2025, 6))["JKK"] == (2_962, 1_481, 1_481)
    assert "setengah" in BOOK.tables[0].rounding_text


# --- properties ---------------------------------------------------------------------------------------

incomes = st.integers(min_value=1, max_value=1_000_000_000)
months_n = st.integers(min_value=1, max_value=12)
starts = st.builds(Month, st.integers(min_value=2023, max_value=2029), st.integers(min_value=1, max_value=12))
fundings = st.sampled_from(["MANDIRI", "PEMBERI_KERJA", "APBD", "CSR", "APBN"])
flags = st.frozensets(st.sampled_from(["transport", "padat_karya", "bpu_mandiri"]))
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
    # Consecutive months whatever the schedule: a harvest schedule pays ahead, cover never has holes.
    assert q.months == month_range(start, start.plus(n - 1))
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


def test_a_half_filled_form_is_told_what_is_missing_without_a_database() -> None:
    res = quote_record(
        BOOK,
        load_reference(),
        {"segmen": "BPU", "penghasilan": "", "program": "JKK,JKM", "pekerjaan": "P001"},
        start=Month(2026, 5),
        months=3,
    )
    assert res.quote is None and [i.field for i in res.issues] == ["penghasilan"]


QUOTABLE = {"segmen": "BPU", "penghasilan": 1_000_000, "program": "JKK,JKM", "pekerjaan": "P001"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"program": "JHT"}, "program.required_base"),  # BPU JHT alone: JKK and JKM are always needed
        ({"sumber_dana": "APBN"}, "sumber_dana.value"),  # not a funding source a record may carry
        ({"segmen": "PU", "program": "JKK,JKM"}, "npp.required"),
        (
            {"segmen": "PU", "npp": "NPP12345", "program": "JKK,JKM,JHT,JP", "tanggal_lahir": "1966-03-01"},
            "program.retirement_age",
        ),
        (
            {"segmen": "PU", "npp": "NPP12345", "program": "JKK,JKM,JHT,JKP", "tanggal_lahir": "1972-03-01"},
            "program.age",
        ),
        ({"segmen": "PMI", "program": "JKK,JKM"}, "kontrak_bulan.required"),
    ],
)
def test_a_quote_is_refused_for_what_enrolment_refuses(changes: dict[str, Any], code: str) -> None:
    from app.domain.intake import validate_intake
    from app.domain.regions import default_regions

    record = {**QUOTABLE, **changes}
    res = quote_record(
        BOOK, load_reference(), record, start=Month(2026, 12), months=1, today=dt.date(2026, 12, 7)
    )
    assert res.quote is None and code in {i.code for i in res.issues}
    enrol = validate_intake(
        record, today=dt.date(2026, 12, 7), regions=default_regions(), reference=load_reference()
    )
    assert code in {i.code for i in enrol.errors}


def test_jp_age_follows_the_retirement_age_of_the_year() -> None:
    """PP 45/2015 art. 15: 59 in 2025–2027, 60 from 2028. A 59-year-old is refused JP in 2026; a
    59-year-old is still accepted in 2028."""
    pu = {**QUOTABLE, "segmen": "PU", "npp": "NPP12345", "program": "JKK,JKM,JHT,JP"}
    in_2026 = quote_record(
        BOOK,
        load_reference(),
        {**pu, "tanggal_lahir": "1967-06-01"},
        start=Month(2026, 12),
        months=1,
        today=dt.date(2026, 12, 7),
    )
    assert in_2026.quote is None and "59 tahun" in in_2026.issues[0].message
    ok_2026 = quote_record(
        BOOK,
        load_reference(),
        {**pu, "tanggal_lahir": "1968-06-01"},
        start=Month(2026, 12),
        months=1,
        today=dt.date(2026, 12, 7),
    )
    assert ok_2026.quote is not None  # 58
    in_2028 = quote_record(
        BOOK,
        load_reference(),
        {**pu, "tanggal_lahir": "1969-01-01"},
        start=Month(2028, 6),
        months=1,
        today=dt.date(2028, 6, 1),
    )
    assert in_2028.quote is not None  # 59, and the retirement age is 60 from 2028
    assert load_reference().eligibility.programmes["JP"].retirement_age_in(2026) == 59
    assert load_reference().eligibility.programmes["JP"].retirement_age_in(2028) == 60
    assert load_reference().eligibility.programmes["JP"].retirement_age_in(2050) == 65


def test_an_old_bpu_applicant_is_warned_not_refused() -> None:
    from app.domain.intake import validate_intake
    from app.domain.regions import default_regions
    from tests.conftest import bpu_record

    record = bpu_record(nik="1610010508500003", tanggal_lahir="1950-08-05", jenis_kelamin="L")
    res = validate_intake(
        record, today=dt.date(2026, 12, 7), regions=default_regions(), reference=load_reference()
    )
    assert res.ok and any(w.code == "tanggal_lahir.age_limit" for w in res.warnings)


# --- schedules -------------------------------------------------------------------------------------


def test_harvest_schedule_is_a_payment_calendar_of_consecutive_runs() -> None:
    harvest = Schedule.parse("Mar, 4, Sep, okt")
    assert harvest.harvest_months == frozenset({3, 4, 9, 10})
    assert Schedule.decode(harvest.encode()) == harvest
    # At each harvest month the member pays ahead until the next one.
    assert harvest.run_from(Month(2026, 3)) == (Month(2026, 3),)
    assert harvest.run_from(Month(2026, 4)) == month_range(Month(2026, 4), Month(2026, 8))
    assert harvest.run_from(Month(2026, 10)) == month_range(Month(2026, 10), Month(2027, 2))
    # From any other month it bridges to the next harvest.
    assert harvest.run_from(Month(2026, 6)) == month_range(Month(2026, 6), Month(2026, 8))
    once = Schedule(frozenset({7}))
    assert once.run_from(Month(2026, 7)) == month_range(Month(2026, 7), Month(2027, 6))
    with pytest.raises(DomainError):
        Schedule.parse("13")


def months(*texts: str) -> list[Month]:
    return [Month.parse(t) for t in texts]


# --- rate tables -----------------------------------------------------------------------------------------


def test_shipped_table_marks_unconfirmed_figures_and_sources() -> None:
    brackets = SHIPPED["segments"]["BPU"]["base"]["brackets"]
    assert len(brackets) == 33
    marked = [i + 1 for i, b in enumerate(brackets) if b.get("unconfirmed")]
    assert marked == list(range(2, 33))  # rows 2–32 are from one source only; rows 1 and 33 agree
    assert all(b["source"] for b in brackets)
    cap_2026 = next(
        c for c in SHIPPED["segments"]["PU"]["programmes"]["JP"]["wage_cap"] if c["from"] == "2026-03"
    )
    assert cap_2026["unconfirmed"] is True and cap_2026["amount"] == 11_086_300
    for seg in SHIPPED["segments"].values():
        for prog in seg["programmes"].values():
            assert prog["source"], prog
    for d in SHIPPED["discounts"]:
        assert d["source"]
    jkp = SHIPPED["segments"]["PU"]["programmes"]["JKP"]
    assert jkp["kind"] == "recomposed" and [p["from"] for p in jkp["parts"]] == ["2021-02", "2025-02"]


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
    assert q.table_versions == ("2026-12-07", "2027-01-test")
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
