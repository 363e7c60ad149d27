"""Finding members from one search box: NIK, membership number, phone or name.

Name search never reads ``member`` wholesale: the typed name's keys (with typo neighbours
and, for the word still being typed, completions) select postings from ``member_name_key``
by primary key; members covering enough of the typed words become candidates; at most
``MAX_RANKED`` of them are ranked with rapidfuzz on their folded spelling, and only the
requested page is read in full. Hot loops read DB-API rows straight off the cursor
(SQLAlchemy's row objects cost ~10× more per row).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, cast

from rapidfuzz import fuzz
from sqlalchemy import CursorResult, Executable, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Member
from app.db.search_models import MemberNameKey, NameKeyStat
from app.domain.issues import Issue
from app.domain.names import (
    KEY_VERSION,
    canonical,
    comparable,
    key_of,
    neighbours,
    pair_key,
    similarity,
    spelling,
)
from app.domain.nik import mask_nik
from app.domain.regions import RegionDirectory
from app.domain.roles import Permission
from app.domain.search_query import (
    BadQuery,
    EmptyQuery,
    NameQuery,
    NikQuery,
    NumberQuery,
    PhoneQuery,
    classify,
    parse_region,
)
from app.domain.states import RecordStatus
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.records_dto import SearchFilters, SearchPage, SearchRowDTO
from app.services.search_index import index_version

MAX_RANKED = 500  # candidates ranked precisely; beyond that the officer should refine
MAX_LIMIT = 200
# A typo neighbour joins the search when the typed key is unknown, or when the neighbour is
# far more common (the typed spelling is then probably the slip).
NEIGHBOUR_RATIO = 20
MAX_NEIGHBOURS = 6
MAX_COMPLETIONS = 24
MAX_SPLITS = 2
MIN_SPLIT = 3  # letters in each half of a joined name
WEAKER_THAN_BEST = 40.0  # similarity points below the best result that are no longer listed
MERGE_CHAIN_LIMIT = 20


def search_members(
    ctx: ServiceContext,
    actor: Actor,
    query: str,
    *,
    offset: int = 0,
    limit: int = 50,
    filters: SearchFilters = SearchFilters(),  # noqa: B008 - frozen, shared safely
) -> SearchPage:
    """One page of results for what was typed. Fast enough to call on every (debounced) keystroke
    from a worker thread; the same query, filters and offset always give the same page.

    Rows carry masked NIKs."""
    authorize(ctx, actor, Permission.SEARCH)
    offset = max(0, offset)
    limit = max(1, min(limit, MAX_LIMIT))
    region = parse_region(filters.region)
    if isinstance(region, Issue):
        return SearchPage(query, "invalid", (), offset, 0, 0, (region,))
    q = classify(query)
    if isinstance(q, EmptyQuery):
        return SearchPage(query, "empty", (), offset, 0, 0)

    def work(session: Session) -> SearchPage:
        if isinstance(q, NikQuery):
            return _exact(session, ctx, query, "nik", Member.nik == q.nik, offset, limit)
        if isinstance(q, PhoneQuery):
            return _exact(session, ctx, query, "phone", Member.no_hp == q.e164, offset, limit)
        if isinstance(q, NumberQuery):
            return _by_number(session, ctx, query, q.number, offset, limit)
        if isinstance(q, BadQuery):
            return _bad(session, ctx, query, q, offset, limit)
        assert isinstance(q, NameQuery)
        year = filters.birth_year if filters.birth_year is not None else q.birth_year
        return _by_name(session, ctx, query, q, region, year, offset, limit)

    return ctx.read(work)


# --- exact searches ---------------------------------------------------------------------------


def _exact(
    session: Session, ctx: ServiceContext, text: str, kind: str, criterion: Any, offset: int, limit: int
) -> SearchPage:
    ids = [
        r[0]
        for r in _fetch_all(
            session,
            select(Member.id)
            .where(criterion)
            .order_by(Member.record_status != RecordStatus.ACTIVE, Member.id),
        )
    ]
    rows = _rows(session, ctx, ids[offset : offset + limit], matched_by=kind)
    return SearchPage(text, kind, rows, offset, len(ids), len(ids))


def surviving_member_id(session: Session, member_id: int) -> int:
    """Follow ``merged_into`` to the record that carries on."""
    current = member_id
    for _ in range(MERGE_CHAIN_LIMIT):
        nxt = session.execute(select(Member.merged_into_id).where(Member.id == current)).scalar_one_or_none()
        if nxt is None:
            return current
        current = nxt
    return current


def _by_number(
    session: Session, ctx: ServiceContext, text: str, number: str, offset: int, limit: int
) -> SearchPage:
    hits = _fetch_all(session, select(Member.id, Member.record_status).where(Member.number == number))
    found = hits[0] if hits else None
    if found is None:
        return SearchPage(text, "number", (), offset, 0, 0)
    member_id, status = found
    if status == RecordStatus.MERGED:
        # The merged number leads to the member who carries on; the old record follows.
        survivor = surviving_member_id(session, member_id)
        ordered = [(survivor, "merged_number"), (member_id, "number")]
    else:
        ordered = [(member_id, "number")]
    page = ordered[offset : offset + limit]
    rows = tuple(r for mid, how in page for r in _rows(session, ctx, [mid], matched_by=how))
    return SearchPage(text, "number", rows, offset, len(ordered), len(ordered))


def _bad(
    session: Session, ctx: ServiceContext, text: str, q: BadQuery, offset: int, limit: int
) -> SearchPage:
    if not q.number_suggestions:
        return SearchPage(text, "invalid", (), offset, 0, 0, (q.issue,))
    ids = list(
        session.execute(
            select(Member.id).where(Member.number.in_(q.number_suggestions)).order_by(Member.number)
        ).scalars()
    )
    rows = _rows(session, ctx, ids[offset : offset + limit], matched_by="suggestion")
    issue = q.issue
    if ids:
        issue = Issue(
            issue.field, issue.code, issue.message + " Mungkin maksud Anda salah satu nomor di bawah."
        )
    return SearchPage(text, "invalid", rows, offset, len(ids), len(ids), (issue,))


# --- name search ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    """One typed word as the set of keys that may stand for it, most likely first."""

    keys: tuple[str, ...]
    weight: float = 1.0  # how many typed words it stands for: 2 joined, 0.5 for half of a split


Segmentation = tuple[_Word, ...]
_S = TypeVar("_S")


def _fetch_all(session: Session, stmt: Executable) -> list[tuple[Any, ...]]:
    """Plain tuples straight from the DB-API cursor (SQL still compiled by SQLAlchemy)."""
    result = cast(CursorResult[Any], session.connection().execute(stmt))
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _known(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """Posting counts of the word keys that exist."""
    wanted = sorted({k for k in keys if k})
    out: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out.update(
            _fetch_all(
                session,
                select(NameKeyStat.key, NameKeyStat.postings).where(
                    NameKeyStat.key.in_(chunk), NameKeyStat.postings > 0
                ),
            )
        )
    return out


def _completions(session: Session, prefix: str) -> list[str]:
    """The commonest known keys that start with ``prefix`` (the word is still being typed)."""
    if len(prefix) < 2:
        return []
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [
        r[0]
        for r in _fetch_all(
            session,
            select(NameKeyStat.key)
            .where(NameKeyStat.key > prefix, NameKeyStat.key < upper, NameKeyStat.postings > 0)
            .order_by(NameKeyStat.postings.desc(), NameKeyStat.key)
            .limit(MAX_COMPLETIONS),
        )
    ]


def _splits(canon: str) -> list[tuple[str, str]]:
    """Keys of the two halves of a word that may be two names written together."""
    out = []
    for i in range(MIN_SPLIT, len(canon) - MIN_SPLIT + 1):
        left, right = _half_key(canon[:i]), _half_key(canon[i:])
        if len(left) >= 2 and len(right) >= 2:
            out.append((left, right))
    return out


def _half_key(half: str) -> str:
    # Abbreviations (MUH, MD) are whole words, never the front of a longer one.
    folded = canonical(half)
    return key_of(folded if len(half) >= 4 or folded == half else spelling(half))


def _plan(session: Session, q: NameQuery) -> list[Segmentation]:
    """The typed words as keys, plus re-segmentations for joined and split spellings."""
    toks = q.searchable
    canon = [canonical(t) for t in toks]
    exact = [key_of(c) for c in canon]
    joins = [key_of(a + b) for a, b in itertools.pairwise(canon)]
    splits = [_splits(c) for c in canon]
    # The word being typed may be cut short inside a variant (MUHAM…): key its plain spelling too.
    last_plain = key_of(spelling(toks[-1])) if q.open_last else ""
    near = {k: neighbours(k) for k in exact if len(k) >= 3}
    known = _known(
        session,
        [
            *exact,
            *joins,
            last_plain,
            *(k for ss in splits for pair in ss for k in pair),
            *(n for ns in near.values() for n in ns),
        ],
    )
    words: list[_Word] = []
    for i, k in enumerate(exact):
        chosen = [k] if k in known else []
        base = known.get(k, 0)
        close = sorted(
            (
                n
                for n in near.get(k, ())
                if n in known and known[n] >= max(1, base) * (NEIGHBOUR_RATIO if base else 1)
            ),
            key=lambda n: (-known[n], n),
        )
        if q.open_last and i == len(exact) - 1:
            # Still being typed: completions are likelier than typos.
            if last_plain != k and last_plain in known:
                chosen.append(last_plain)
            chosen += _completions(session, k)
            if last_plain and last_plain != k:
                chosen += _completions(session, last_plain)
        chosen += close[:MAX_NEIGHBOURS]
        words.append(_Word(tuple(dict.fromkeys(chosen))))
    segs: list[Segmentation] = [tuple(words)]
    for i, j in enumerate(joins):
        if j in known:
            segs.append((*words[:i], _Word((j,), 2.0), *words[i + 2 :]))
    for i, ss in enumerate(splits):
        valid = sorted(
            ((a, b) for a, b in ss if a in known and b in known), key=lambda p: -min(known[p[0]], known[p[1]])
        )
        for a, b in valid[:MAX_SPLITS]:
            segs.append((*words[:i], _Word((a,), 0.5), _Word((b,), 0.5), *words[i + 1 :]))
    return [seg for seg in segs if seg and all(w.keys for w in seg)]


def _filtered(query: _S, region: str | None, year: int | None) -> _S:
    """Narrow a select over ``member_name_key`` by birth year and region (inside the index)."""
    stmt = cast(Any, query)
    if year is not None:
        stmt = stmt.where(MemberNameKey.birth_year == year)
    if region is not None:
        if len(region) == 4:
            stmt = stmt.where(or_(MemberNameKey.nik_regency == region, MemberNameKey.home_regency == region))
        else:
            like = region + "%"
            stmt = stmt.where(
                or_(MemberNameKey.nik_regency.like(like), MemberNameKey.home_regency.like(like))
            )
    return cast(_S, stmt)


def _pair_postings(
    session: Session, keys: set[str], region: str | None, year: int | None
) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    wanted = sorted(keys)
    for i in range(0, len(wanted), 500):
        stmt = select(MemberNameKey.key, MemberNameKey.member_id).where(
            MemberNameKey.key.in_(wanted[i : i + 500])
        )
        for key, mid in _fetch_all(session, _filtered(stmt, region, year)):
            out.setdefault(key, []).append(mid)
    return out


def _word_postings(
    session: Session, keys: Sequence[str], region: str | None, year: int | None, cap: int
) -> tuple[list[int], int]:
    """Up to ``cap`` members under the keys, best key first, and how many there are in all."""
    ids: list[int] = []
    seen: set[int] = set()
    for k in keys:
        if len(ids) >= cap:
            break
        stmt = _filtered(select(MemberNameKey.member_id).where(MemberNameKey.key == k), region, year)
        for (mid,) in _fetch_all(session, stmt.order_by(MemberNameKey.member_id).limit(cap - len(ids))):
            if mid not in seen:
                seen.add(mid)
                ids.append(mid)
    if len(ids) < cap:
        return ids, len(ids)
    counted = _filtered(
        select(func.count()).select_from(MemberNameKey).where(MemberNameKey.key.in_(keys)), region, year
    )
    return ids, max(len(ids), int(session.execute(counted).scalar_one()))


def _candidates(
    session: Session, segs: list[Segmentation], region: str | None, year: int | None
) -> tuple[dict[int, float], int]:
    """Member → the share of typed words it has (best segmentation); and how many matched in all."""
    typed = sum(w.weight for w in segs[0]) if segs else 1.0
    cover: dict[int, float] = {}
    estimate = 0
    pair_keys: set[str] = set()
    for seg in segs:
        for i, j in itertools.combinations(range(len(seg)), 2):
            pair_keys.update(pair_key(a, b) for a in seg[i].keys for b in seg[j].keys)
    postings = _pair_postings(session, pair_keys, region, year) if pair_keys else {}
    for seg in segs:
        m = len(seg)
        if m == 1:
            ids, total = _word_postings(session, seg[0].keys, region, year, MAX_RANKED)
            estimate = max(estimate, total)
            share = seg[0].weight / typed
            for mid in ids:
                cover[mid] = max(cover.get(mid, 0.0), share)
            continue
        covered: dict[int, int] = {}
        for i, j in itertools.combinations(range(m), 2):
            bits = (1 << i) | (1 << j)
            for a in seg[i].keys:
                for b in seg[j].keys:
                    for mid in postings.get(pair_key(a, b), ()):
                        covered[mid] = covered.get(mid, 0) | bits
        required = m if m <= 2 else m - 1
        weights = [w.weight for w in seg]
        for mid, bits in covered.items():
            if bin(bits).count("1") < required:
                continue
            share = sum(w for i, w in enumerate(weights) if bits >> i & 1) / typed
            if share > cover.get(mid, 0.0):
                cover[mid] = share
    if not cover and segs and len(segs[0]) >= 2:
        # No member has enough of the words together: show those with the rarest word.
        words = sorted(segs[0], key=lambda w: w.keys[0])
        for w in words[:1]:
            ids, total = _word_postings(session, w.keys, region, year, MAX_RANKED)
            estimate = max(estimate, total)
            share = w.weight / typed
            for mid in ids:
                cover.setdefault(mid, share)
    return cover, max(estimate, len(cover))


def _rank(session: Session, q: NameQuery, cover: dict[int, float]) -> list[tuple[int, float]]:
    pool = sorted(cover, key=lambda m: (-cover[m], m))[:MAX_RANKED]
    names: dict[int, str] = {}
    for i in range(0, len(pool), 900):
        chunk = pool[i : i + 900]
        names.update(_fetch_all(session, select(Member.id, Member.nama).where(Member.id.in_(chunk))))
    typed = q.comparable
    typed_raw = " ".join(q.tokens)
    head, _, last = typed.rpartition(" ")
    scored = []
    for m in pool:
        nama = names.get(m)
        if nama is None:
            continue
        f = comparable(nama)
        score = similarity(typed, f)
        if q.open_last and len(last) >= 2:
            # The last word may be unfinished: score it as each word of the name it begins.
            for word in f.split():
                if word != last and word.startswith(last):
                    score = max(score, similarity(f"{head} {word}".strip(), f))
        scored.append((-cover[m], -score, -fuzz.token_sort_ratio(typed_raw, nama), m, score))
    scored.sort()
    # Once a good match is there, far weaker ones (typo neighbours of common words) are noise.
    floor = max((s[4] for s in scored), default=0.0) - WEAKER_THAN_BEST
    return [(m, round(score, 1)) for _, _, _, m, score in scored if score >= floor]


def _by_name(
    session: Session,
    ctx: ServiceContext,
    text: str,
    q: NameQuery,
    region: str | None,
    year: int | None,
    offset: int,
    limit: int,
) -> SearchPage:
    if index_version(session) != KEY_VERSION:
        issue = Issue(
            "q",
            "search.index_missing",
            "Indeks pencarian nama belum dibangun. Minta supervisor/TI menjalankan 'loket search reindex'.",
        )
        return SearchPage(text, "name", (), offset, 0, 0, (issue,))
    segs = _plan(session, q)
    cover, total = _candidates(session, segs, region, year)
    ranked = _rank(session, q, cover)
    if total <= MAX_RANKED:
        total = len(ranked)  # every candidate was ranked; the far weaker ones are not matches
    page = ranked[offset : offset + limit]
    rows = _rows(session, ctx, [m for m, _ in page], matched_by="name", scores=dict(page))
    return SearchPage(text, "name", rows, offset, total, len(ranked))


# --- rows -------------------------------------------------------------------------------------


def region_label(ctx: ServiceContext, nik_district: str) -> str:
    """ "Indralaya, Kabupaten Ogan Ilir" for the district where a NIK was issued."""
    return _region_label(cast(Hashable, ctx.regions), nik_district)


@lru_cache(maxsize=16384)
def _region_label(directory: Hashable, nik_district: str) -> str:
    regions = cast(RegionDirectory, directory)
    district = regions.name(nik_district)
    regency = regions.name(nik_district[:5])
    parts = [p for p in (district, regency) if p]
    return ", ".join(parts) or (regions.province_name(nik_district[:2]) or nik_district)


def _rows(
    session: Session,
    ctx: ServiceContext,
    ids: Sequence[int],
    *,
    matched_by: str,
    scores: dict[int, float] | None = None,
) -> tuple[SearchRowDTO, ...]:
    if not ids:
        return ()
    conn = session.connection()  # Core rows: the ORM adds nothing for a page of plain columns
    found = {
        r.id: r
        for r in conn.execute(
            select(
                Member.id,
                Member.number,
                Member.nama,
                Member.nik,
                Member.tanggal_lahir,
                Member.jenis_kelamin,
                Member.nik_district,
                Member.record_status,
                Member.merged_into_id,
            ).where(Member.id.in_(list(ids)))
        )
    }
    merged_ids = {r.merged_into_id for r in found.values() if r.merged_into_id is not None}
    merged_numbers = (
        dict(conn.execute(select(Member.id, Member.number).where(Member.id.in_(merged_ids))).all())
        if merged_ids
        else {}
    )
    out = []
    for mid in ids:
        r = found.get(mid)
        if r is None:
            continue
        born: dt.date = r.tanggal_lahir
        out.append(
            SearchRowDTO(
                member_id=r.id,
                number=r.number,
                nama=r.nama,
                nik_masked=mask_nik(r.nik),
                tanggal_lahir=born,
                jenis_kelamin=r.jenis_kelamin,
                region=region_label(ctx, r.nik_district),
                record_status=r.record_status,
                merged_into=merged_numbers.get(r.merged_into_id) if r.merged_into_id else None,
                matched_by=matched_by,
                score=(scores or {}).get(mid, 100.0),
            )
        )
    return tuple(out)
