"""Search quality: among 3,000 synthetic members, the intended person is in the top 3 for
spelling variants, typos, joined/split names, filters, NIK, numbers and phones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.membership import parse_number
from app.domain.nik import mask_nik
from app.services.records_dto import SearchFilters
from app.services.search import search_members
from tests.search_fixtures import World, world_in

# (typed text, expected person, filters): the person must be among the first three results.
QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    # Muhammad and its spellings and abbreviations
    ("Muhammad Rizky Pratama", "rizky", {}),
    ("Muhamad Rizki Pratama", "rizky", {}),
    ("Mohammad Rizky Pratama", "rizky", {}),
    ("Mochammad Riski Pratama", "rizky", {}),
    ("Moch. Rizky Pratama", "rizky", {}),
    ("M. Rizky Pratama", "rizky", {}),
    ("mohamed rizky pratama", "rizky", {}),
    # Nur / Noor / Nurul, Siti / Sitti
    ("Nur Fadilah", "noor", {}),
    ("Nur Hidayah", "nurul", {}),
    ("Siti Nurbaya", "sitti", {}),
    # joined and split names
    ("Nur Hayati", "nurhayati", {}),
    ("Nurhayati Siregar", "nur_hayati_siregar", {}),
    ("Abdurrahman Hasibuan", "abdul_rahman", {}),
    ("Abdul Rahman Wahid", "abdurrahman", {}),
    ("Sriwahyuni", "sri", {}),
    ("Siti Nurjanah", "nur_janah", {}),
    ("Ruth Peranginangin", "perangin", {}),
    # old spellings: oe/u, dj/j, tj/c, j/y, sy/s, q/k, kh/k
    ("Joko Supriadi", "djoko", {}),
    ("Cahyono Widodo", "tjahjono", {}),
    ("Sukarno Hadi", "soekarno", {}),
    ("Jusuf Maulana", "yusuf", {}),
    ("Saiful Anwar", "syaiful", {}),
    ("Taufik Hidayat", "taufiq", {}),
    ("Kadijah Rahmawati", "khadijah", {}),
    # typos
    ("Sutirsno Wibowo", "sutrisno", {}),
    ("Sutrisno Wibwo", "sutrisno", {}),
    ("Bambang Susilp", "bambang", {}),
    ("hendra gunawn", "hendra", {}),
    ("Dewi Kurnaisih", "dewi", {}),
    ("Dewi Handayani", "dewi", {}),  # a middle name left out
    # still typing
    ("Sutrisno Wib", "sutrisno", {}),
    ("Khadijah Rahma", "khadijah", {}),
    # filters: the same name in three provinces
    ("Ahmad Fauzi", "fauzi_jabar", {"region": "32"}),
    ("Ahmad Fauzi", "fauzi_sumsel", {"region": "16.10"}),
    ("Ahmad Fauzi", "fauzi_sumut", {"region": "1271"}),
    ("Ahmad Fauzi", "fauzi_sumsel", {"birth_year": 1990}),
    ("Ahmad Fauzi 1978", "fauzi_sumut", {}),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield from world_in(tmp_path_factory)


def _top(world: World, text: str, **filters: Any) -> list[str]:
    page = search_members(world.ctx, world.officer, text, limit=10, filters=SearchFilters(**filters))
    return [r.number for r in page.rows]


@pytest.mark.parametrize(("text", "label", "filters"), QUERIES, ids=[f"{q[0]}|{q[2]}" for q in QUERIES])
def test_intended_member_in_top_three(world: World, text: str, label: str, filters: dict[str, Any]) -> None:
    top = _top(world, text, **filters)
    assert world.numbers[label] in top[:3], (text, top[:3])


def test_filters_exclude_other_regions_and_years(world: World) -> None:
    rows = search_members(
        world.ctx, world.officer, "Ahmad Fauzi", filters=SearchFilters(region="32", birth_year=1985)
    ).rows
    numbers = {r.number for r in rows}
    assert world.numbers["fauzi_jabar"] in numbers
    assert not numbers & {world.numbers["fauzi_sumsel"], world.numbers["fauzi_sumut"]}
    bad = search_members(world.ctx, world.officer, "Ahmad Fauzi", filters=SearchFilters(region="3x"))
    assert bad.issues[0].code == "search.region" and not bad.rows


def test_nik_exact_with_spaces_and_masked_in_rows(world: World) -> None:
    nik = world.records["rizky"]["nik"]
    spaced = f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
    for typed in (nik, spaced):
        page = search_members(world.ctx, world.officer, typed)
        assert page.kind == "nik" and [r.number for r in page.rows] == [world.numbers["rizky"]]
        assert page.rows[0].nik_masked == mask_nik(nik) and nik not in repr(page.rows)


def test_number_exact_with_spaces(world: World) -> None:
    number = world.numbers["hendra"]
    grouped = parse_number(number).grouped()  # type: ignore[union-attr]
    for typed in (number, grouped, number.replace("", "-").strip("-")):
        page = search_members(world.ctx, world.officer, typed)
        assert page.kind == "number" and [r.number for r in page.rows] == [number], typed


def test_number_with_wrong_check_digit_is_reported_with_suggestions(world: World) -> None:
    number = world.numbers["hendra"]
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    page = search_members(world.ctx, world.officer, wrong)
    assert page.kind == "invalid"
    assert page.issues[0].code == "nomor.check_digit"
    assert "digit pemeriksa" in page.issues[0].message
    assert number in [r.number for r in page.rows]
    assert all(r.matched_by == "suggestion" for r in page.rows)


def test_phone_in_08_and_plus62_forms(world: World) -> None:
    for typed in ("0812-9013-1234", "+62 812 9013 1234", "6281290131234"):
        page = search_members(world.ctx, world.officer, typed)
        assert page.kind == "phone", typed
        assert [r.number for r in page.rows] == [world.numbers["bambang"]], typed


def test_paging_is_stable_and_bounded(world: World) -> None:
    first = search_members(world.ctx, world.officer, "siti", limit=10)
    second = search_members(world.ctx, world.officer, "siti", offset=10, limit=10)
    assert first.total >= first.available >= 20
    assert first.has_more and len(second.rows) == 10
    assert not {r.member_id for r in first.rows} & {r.member_id for r in second.rows}
    again = search_members(world.ctx, world.officer, "siti", offset=10, limit=10)
    assert [r.member_id for r in again.rows] == [r.member_id for r in second.rows]


def test_short_or_odd_input_gives_a_hint_not_an_error(world: World) -> None:
    assert search_members(world.ctx, world.officer, "  ").kind == "empty"
    short = search_members(world.ctx, world.officer, "si")
    assert short.issues[0].code == "search.too_short" and not short.rows
    digits = search_members(world.ctx, world.officer, "12345")
    assert digits.issues[0].code == "search.digits"
