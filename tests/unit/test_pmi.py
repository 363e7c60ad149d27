"""PMI packages (Permenaker 4/2023 art. 18–19): known figures, protection periods, timing."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.cover import CoverStatus, Ledger, PaidMonth, cover_state
from app.domain.issues import DomainError
from app.domain.months import Month, month_range
from app.domain.pmi import check_timing, package_quote, plan
from app.domain.quote import QuoteInput
from app.domain.rates import RateBook
from app.domain.terms import PmiTerms
from app.infra.rates import shipped_rate_tables

BOOK = RateBook.of(shipped_rate_tables())
PACKAGES = BOOK.table_for(Month(2026, 12)).segments["PMI"].pmi
PMI = BOOK.cover_rules("PMI", Month(2026, 12))
INP = QuoteInput("PMI", 8_000_000, ("JKK", "JKM"))
TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("contract", "amount"),
    [
        (6, 108_000),
        (12, 189_000),
        (24, 332_500),
        (30, 332_500 + 6 * 13_500),
        (18, 189_000 + 6 * 13_500),
        (3, 108_000),
    ],
)
def test_placement_package_by_contract_length(contract: int, amount: int) -> None:
    assert PACKAGES is not None
    assert PACKAGES.placement_price(contract)[2] == amount


def test_a_placed_worker_through_an_agency_pays_before_and_during_work() -> None:
    assert PACKAGES is not None
    terms = PmiTerms(24, Month(2027, 3), "P3MI", None)
    p = plan(PACKAGES, terms, today=TODAY)
    assert p.pre_months == month_range(Month(2026, 12), Month(2027, 2)) and p.pre_amount == 37_500
    assert p.placement_months == month_range(Month(2027, 3), Month(2029, 2)) and p.placement_amount == 332_500
    q = package_quote(p, INP, version="t")
    assert q.total == 370_000 and q.months == month_range(Month(2026, 12), Month(2029, 2))
    totals = {t.label: (t.months, t.amount) for t in q.programme_totals()}
    assert totals["Paket sebelum bekerja"] == (3, 37_500)
    assert totals["Paket kontrak 24 bln"] == (24, 332_500)
    assert "kontrak 24 bulan: paket 24 bulan Rp332.500; dilindungi Mar 2027 – Feb 2029" in q.notes[0].message
    # The months it names are the months protected: a package's cover ends with its last month.
    ledger = Ledger.of(PaidMonth(c, m, TODAY, "TBI", 1) for m in q.months for c in ("JKK", "JKM"))
    s = cover_state(PMI, ledger, programmes=("JKK", "JKM"), on=TODAY)
    assert s.status is CoverStatus.ACTIVE and s.protected_until == dt.date(2029, 2, 28)
    ended = cover_state(PMI, ledger, programmes=("JKK", "JKM"), on=dt.date(2029, 3, 1))
    assert ended.status is CoverStatus.ENDED
    # Paid packages are not charged again.
    with pytest.raises(DomainError) as err:
        package_quote(p, INP, version="t", paid=frozenset(q.months))
    assert err.value.issues[0].code == "pmi.paid"


def test_an_individual_pmi_pays_the_placement_package_only_and_not_too_early() -> None:
    assert PACKAGES is not None
    terms = PmiTerms(12, Month(2027, 3), "PERSEORANGAN", None)
    with pytest.raises(DomainError) as err:
        check_timing(PACKAGES, terms, today=TODAY)
    assert err.value.issues[0].code == "pmi.too_early"
    check_timing(PACKAGES, terms, today=dt.date(2027, 2, 1))
    p = plan(PACKAGES, terms, today=dt.date(2027, 2, 1))
    assert p.pre_amount == 0 and package_quote(p, INP, version="t").total == 189_000
