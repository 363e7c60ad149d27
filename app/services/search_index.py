"""Keeping the name-key index in step with ``member``: one member at a time, in bulk, or rebuilt.

Every write goes through plain DB-API ``executemany`` with SQL that SQLite (3.24+) and
PostgreSQL both understand (``INSERT … ON CONFLICT``), because the ORM's per-row cost would
dominate seeding a million members. Keys are written in sorted order so two counters
indexing at once on PostgreSQL lock vocabulary rows in the same order and never deadlock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db import name_index
from app.db.driver import Driver
from app.db.models import Member, Setting
from app.db.search_models import MemberNameKey, NameKeyStat
from app.domain.names import KEY_VERSION, name_keys
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor

INDEX_VERSION_SETTING = "search.name_key_version"
REBUILD_BATCH = 20_000

# (member id, name, birth date, NIK district "32.76.01", village code or None, record status)
MemberFacts = tuple[int, str, dt.date, str, str | None, str]


@dataclass(frozen=True, slots=True)
class RebuildResult:
    """How much a rebuild of the name search index wrote."""

    members: int
    postings: int
    keys: int


def _regency(code: str | None) -> str | None:
    if not code:
        return None
    digits = code.replace(".", "")
    return digits[:4] if len(digits) >= 4 else None


def postings_for(facts: Iterable[MemberFacts]) -> list[tuple[str, int, int, str, str | None]]:
    """Index rows for members; merged records are left out (their number leads elsewhere)."""
    rows: list[tuple[str, int, int, str, str | None]] = []
    for member_id, nama, born, district, village, status in facts:
        if status == RecordStatus.MERGED:
            continue
        year, nik_reg, home_reg = born.year, _regency(district) or "", _regency(village)
        rows.extend((k, member_id, year, nik_reg, home_reg) for k in name_keys(nama))
    return rows


def write_postings(session: Session, rows: Sequence[tuple[str, int, int, str, str | None]]) -> None:
    """Insert postings and add them to the vocabulary counts, in key order."""
    if not rows:
        return
    ordered = sorted(rows)
    write_sorted_postings(session, ordered, word_key_counts(r[0] for r in ordered))


def word_key_counts(keys: Iterable[str]) -> list[tuple[str, int]]:
    """How many postings each word key gains, in key order. Pair keys ("AMN ST") are looked up
    directly, never expanded: only word keys are counted."""
    return sorted(Counter(k for k in keys if " " not in k).items())


def write_sorted_postings(
    session: Session,
    ordered: Sequence[tuple[str, int, int, str, str | None]],
    counts: Sequence[tuple[str, int]],
) -> None:
    """``write_postings`` for rows already in key order with their ``word_key_counts``."""
    if not ordered:
        return
    name_index.insert_postings(Driver.of(session), ordered, counts)


def remove_postings(session: Session, member_id: int, nama: str) -> None:
    """Drop a member's postings (computed from the name they were indexed under)."""
    keys = sorted(name_keys(nama))
    if not keys:
        return
    gone = session.execute(
        delete(MemberNameKey)
        .where(MemberNameKey.member_id == member_id, MemberNameKey.key.in_(keys))
        .returning(MemberNameKey.key)
    ).scalars()
    removed = sorted(k for k in gone if " " not in k)
    if removed:
        name_index.take_from_counts(Driver.of(session), removed)


def facts_of(m: Member) -> MemberFacts:
    """The member fields the name search index is built from."""
    return (m.id, m.nama, m.tanggal_lahir, m.nik_district, m.kode_wilayah, m.record_status)


def index_member(session: Session, facts: MemberFacts) -> None:
    """Called wherever a member is written (enrolment), inside the same transaction.

    One member's few postings go in as two multi-row statements rather than one statement per row:
    on PostgreSQL each statement costs the client and the server a turn, and an enrolment holds the
    branch's number while it writes."""
    rows = sorted(postings_for([facts]))
    if not rows:
        return
    name_index.insert_postings(Driver.of(session), rows, word_key_counts(r[0] for r in rows))


def reindex_member(session: Session, member: Member, *, indexed_name: str) -> None:
    """After a correction or deactivation: replace the member's postings."""
    remove_postings(session, member.id, indexed_name)
    write_postings(session, postings_for([facts_of(member)]))


def index_version(session: Session) -> str | None:
    """The key rules version the name search index was built with, or None before the first build."""
    return session.execute(
        select(Setting.value).where(Setting.key == INDEX_VERSION_SETTING)
    ).scalar_one_or_none()


def rebuild_search_index(
    ctx: ServiceContext,
    actor: Actor,
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> RebuildResult:
    """Rebuild the whole name index from ``member`` in one transaction (supervisor).

    One transaction keeps search consistent for other counters (they see the old index until
    the commit) and makes cancel clean: nothing is kept.
    """
    authorize(ctx, actor, Permission.SETTINGS)

    def work(session: Session) -> RebuildResult:
        name_index.lock_for_rebuild(Driver.of(session))  # PostgreSQL: enrolling counters wait for it
        session.execute(delete(MemberNameKey))
        session.execute(delete(NameKeyStat))
        total = session.execute(select(func.count(Member.id))).scalar_one()
        done = postings = 0
        last_id = 0
        progress(0, total, "Membangun indeks nama…")
        while True:
            if cancel.cancelled:
                raise Cancelled()
            batch = session.execute(
                select(
                    Member.id,
                    Member.nama,
                    Member.tanggal_lahir,
                    Member.nik_district,
                    Member.kode_wilayah,
                    Member.record_status,
                )
                .where(Member.id > last_id)
                .order_by(Member.id)
                .limit(REBUILD_BATCH)
            ).all()
            if not batch:
                break
            rows = postings_for(tuple(r) for r in batch)  # type: ignore[misc]
            write_postings(session, rows)
            postings += len(rows)
            done += len(batch)
            last_id = batch[-1][0]
            progress(done, total, f"{done:,} dari {total:,} peserta".replace(",", "."))
        keys = session.execute(select(func.count()).select_from(NameKeyStat)).scalar_one()
        _set_version(session, KEY_VERSION)
        append_event(
            session,
            ctx,
            actor=actor,
            action="search.reindex",
            entity="search_index",
            details={"members": done, "postings": postings, "version": KEY_VERSION},
        )
        return RebuildResult(done, postings, keys)

    return ctx.write(work)


def _set_version(session: Session, version: str) -> None:
    row = session.get(Setting, INDEX_VERSION_SETTING)
    if row is None:
        session.add(Setting(key=INDEX_VERSION_SETTING, value=version))
    else:
        row.value = version
    session.flush()
