"""How the region's replication is doing, branch by branch: lag, last change, state — from the
Kanwil (every branch) or from a branch (its own link), said in plain Indonesian."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import regional_heads as heads
from app.db.engine import describe
from app.db.homes import home_branch
from app.db.ids import local_part
from app.db.region_facts import (
    ChainTip,
    SlotFacts,
    SubscriptionFacts,
    chain_tip,
    connect_conninfo,
    max_workers,
    schema_revision,
    slot,
    subscriptions,
)
from app.db.region_models import RegionBranch
from app.db.replication import kanwil_triggers_installed
from app.domain.messages import msg
from app.domain.region import NEEDS_REPAIR, LinkFacts, LinkHealth, LinkState, RestoreFacts, diagnose
from app.domain.regional_anchors import KanwilRecord
from app.domain.roles import Permission
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import KANWIL_URL, ROLE, KanwilUnreachableError, ask_kanwil, region_settings
from app.services.region.restore_note import record_accepted
from app.services.region.setup import down_subscription, up_subscription

PROBE_TIMEOUT_S = 3
ACCEPTED_SHOWN = dt.timedelta(days=30)  # a branch's status names its last accepted restore this long
TRIGGERS_MISSING = (
    "Pemicu Kanwil (data rujukan dan pencatat kepala rantai audit cabang) hilang atau tidak aktif: "
    "jalankan 'loket region repair --branch KODE --supervisor USERNAME' untuk memasangnya lagi."
)


@dataclass(frozen=True, slots=True)
class LinkDTO:
    """One branch's link to the Kanwil, as ``loket region status`` and the Wilayah page show it."""

    code: str
    name: str
    state: str  # LinkState value
    label: str
    message_code: str
    message: str
    events_behind: int | None
    last_change_at: dt.datetime | None  # the branch's newest event that reached the Kanwil
    lag_bytes: int | None
    needs_repair: bool
    repair: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "branch": self.code,
            "name": self.name,
            "state": self.state,
            "label": self.label,
            "code": self.message_code,
            "message": self.message,
            "events_behind": self.events_behind,
            "last_change_at": self.last_change_at.isoformat() if self.last_change_at else None,
            "lag_bytes": self.lag_bytes,
            "needs_repair": self.needs_repair,
            "repair": self.repair,
        }


@dataclass(frozen=True, slots=True)
class RegionStatusDTO:
    """The state of a database's region links, for `loket region status` and the settings page."""

    role: str  # "kanwil" | "branch" | "none"
    where: str  # "Kanwil 900 Kanwil Sumbagsel" or "Cabang 101 …"
    checked_at: dt.datetime
    links: tuple[LinkDTO, ...]
    note: str = ""  # e.g. the Kanwil could not be asked

    def as_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "where": self.where,
            "checked_at": self.checked_at.isoformat(),
            "note": self.note,
            "branches": [link.as_json() for link in self.links],
        }


@dataclass(frozen=True, slots=True)
class _Probe:
    reachable: bool | None
    slot: SlotFacts | None = None
    tip: ChainTip | None = None
    schema: str | None = None
    restore: RestoreFacts | None = None  # the branch no longer holds what the Kanwil recorded


def _probe(info: str | None, code: str, record: KanwilRecord | None = None) -> _Probe:
    """Ask the branch server itself (with the connection its subscription uses), briefly."""
    if not info:
        return _Probe(None)
    engine = connect_conninfo(info, PROBE_TIMEOUT_S)
    try:
        with engine.connect() as conn:
            return _Probe(
                True,
                slot(conn, up_subscription(code)),
                chain_tip(conn, code),
                schema_revision(conn),
                heads.restore_facts(conn, code, record),
            )
    except sa.exc.DBAPIError:
        return _Probe(False)
    finally:
        engine.dispose()


def _link(
    code: str,
    name: str,
    sub: SubscriptionFacts | None,
    probe: _Probe,
    at_kanwil: ChainTip,
    workers: int,
    enabled: int,
    kanwil_schema: str | None,
    now: dt.datetime,
    timezone: str = "Asia/Jakarta",
) -> LinkDTO:
    behind = None
    if probe.tip is not None and probe.tip.last_seq is not None:
        here, there = probe.tip.last_seq, at_kanwil.last_seq
        behind = max(0, here - there) if there is not None else local_part(here)
    facts = LinkFacts(
        code=code,
        subscribed=sub is not None,
        enabled=bool(sub and sub.enabled),
        worker_running=bool(sub and sub.worker_running),
        tables_syncing=sub.tables_syncing if sub else 0,
        apply_errors=sub.apply_errors if sub else 0,
        sync_errors=sub.sync_errors if sub else 0,
        workers_allowed=workers,
        subscriptions_enabled=enabled,
        branch_reachable=probe.reachable,
        slot_exists=None if probe.reachable is not True else probe.slot is not None,
        slot_wal_status=probe.slot.wal_status if probe.slot else None,
        lag_bytes=probe.slot.lag_bytes if probe.slot else None,
        events_behind=behind,
        kanwil_last_at=at_kanwil.last_at,
        branch_last_at=probe.tip.last_at if probe.tip else None,
        branch_schema=probe.schema,
        kanwil_schema=kanwil_schema,
        restore=probe.restore,
        timezone=timezone,
    )
    health: LinkHealth = diagnose(facts, now)
    return LinkDTO(
        code,
        name,
        health.state.value,
        health.label,
        health.code,
        health.message,
        health.events_behind,
        at_kanwil.last_at,
        facts.lag_bytes,
        health.state in NEEDS_REPAIR,
        health.repair,
    )


def kanwil_links(ctx: ServiceContext, *, probe: bool = True) -> RegionStatusDTO:
    """Every branch of the region, seen from the Kanwil (its subscriptions, and each branch server
    asked directly when the subscription's connection details may be read here)."""

    def work(session: Session) -> tuple[Any, ...]:
        conn = session.connection()
        home = home_branch(session)
        where = f"Kanwil {home.code} {home.name}" if home else "Kanwil"
        branches = [
            (r.code, r.name)
            for r in session.execute(sa.select(RegionBranch).order_by(RegionBranch.code)).scalars()
        ]
        subs = {s.name: s for s in subscriptions(conn, "loket_up_")}
        known = {code for code, _n in branches}
        branches += [
            (s.removeprefix("loket_up_"), "?") for s in subs if s.removeprefix("loket_up_") not in known
        ]
        tips = {code: chain_tip(conn, code) for code, _n in branches}
        triggers = kanwil_triggers_installed(conn)
        zones = {r.code: r.timezone for r in session.execute(sa.select(RegionBranch)).scalars()}
        records = heads.recorded_heads(conn)
        return where, branches, subs, tips, max_workers(conn), schema_revision(conn), triggers, zones, records

    where, branches, subs, tips, workers, revision, triggers, zones, records = ctx.read(work)
    enabled = sum(1 for s in subs.values() if s.enabled)
    with ThreadPoolExecutor(max_workers=8) as pool:
        probes = dict(
            zip(
                [c for c, _n in branches],
                pool.map(
                    lambda b: (
                        _probe(subs[up_subscription(b[0])].conninfo, b[0], records.get(b[0]))
                        if probe and up_subscription(b[0]) in subs
                        else _Probe(None)
                    ),
                    branches,
                ),
                strict=True,
            )
        )
    restored = [code for code, p in probes.items() if p.restore is not None]
    if restored:  # what the Kanwil holds of each, beside what the branch has
        held = ctx.read(lambda s: {c: heads.members_of(s.connection(), c, at_kanwil=True) for c in restored})
        for code in restored:
            r = probes[code].restore
            assert r is not None
            probes[code] = replace(probes[code], restore=replace(r, members_at_kanwil=held[code]))
    now = ctx.clock()
    links = tuple(
        _link(
            code,
            name,
            subs.get(up_subscription(code)),
            probes[code],
            tips[code],
            workers,
            enabled,
            revision,
            now,
            zones.get(code, "Asia/Jakarta"),
        )
        for code, name in branches
    )
    note = "" if triggers else TRIGGERS_MISSING
    return RegionStatusDTO("kanwil", where, now, links, note)


def branch_link(ctx: ServiceContext) -> RegionStatusDTO:
    """This branch's own link, seen from the branch: its slot here, and what the Kanwil reports."""

    def work(session: Session) -> tuple[Any, ...]:
        conn = session.connection()
        home = home_branch(session)
        assert home is not None
        return (
            (home.code, home.name, home.timezone),
            slot(conn, up_subscription(home.code)),
            chain_tip(conn, home.code),
            schema_revision(conn),
            {s.name: s for s in subscriptions(conn, "loket_down_")},
        )

    record_accepted(ctx)  # an acceptance of this branch's restore, into its own trail
    (code, name, timezone), own_slot, own_tip, revision, downs = ctx.read(work)
    now = ctx.clock()
    url = region_settings(ctx).get(KANWIL_URL)

    def ask(conn: sa.Connection) -> tuple[Any, ...]:
        return (
            {s.name: s for s in subscriptions(conn, up_subscription(code))},
            chain_tip(conn, code),
            max_workers(conn),
            schema_revision(conn),
            heads.recorded_head(conn, code),
            heads.members_of(conn, code, at_kanwil=True),
        )

    note = ""
    try:
        subs, at_kanwil, workers, kanwil_schema, record, held = ask_kanwil(ctx, ask)
        sub = subs.get(up_subscription(code))
        restore = ctx.read(lambda s: heads.restore_facts(s.connection(), code, record))
        if restore is not None:
            restore = replace(restore, members_at_kanwil=held)
        probe = _Probe(True, own_slot, own_tip, revision, restore)
    except KanwilUnreachableError as exc:
        note = (
            f"{exc.message} Keadaan di sisi Kanwil tidak dapat dibaca; yang tampil hanya keadaan di cabang."
        )
        sub, at_kanwil, workers, kanwil_schema = None, ChainTip(None, None), 4, None
        probe = _Probe(True, own_slot, own_tip, revision)
    link = _link(code, name, sub, probe, at_kanwil, workers, 1, kanwil_schema, now, timezone)
    if note:
        link = LinkDTO(
            code,
            name,
            LinkState.UNREACHABLE.value,
            "Kanwil tak terjangkau",
            "region.kanwil_unreachable",
            note,
            None,
            None,
            own_slot.lag_bytes if own_slot else None,
            False,
            None,
        )
    down = downs.get(down_subscription(code))
    if down is None:
        note = (
            note + " " if note else ""
        ) + "Cabang ini belum menerima data rujukan dari Kanwil (langganan turun tidak ada)."
    elif not down.worker_running:
        note = (note + " " if note else "") + "Penerimaan data rujukan dari Kanwil sedang tidak berjalan."
    accepted = ctx.read(lambda s: heads.last_accepted(s.connection(), code))
    if accepted is not None and now - accepted[0] < ACCEPTED_SHOWN:
        note = (note + " " if note else "") + msg(
            "Pemulihan cabang ini dari cadangan lama diterima Kanwil {at} oleh {by}: {lost} baris yang sudah "
            "sampai di Kanwil tidak ada lagi di cabang (daftarnya: 'loket region restores').",
            at=accepted[0].astimezone(ZoneInfo(timezone)).strftime("%d-%m-%Y %H:%M"),
            by=accepted[1],
            lost=accepted[2],
        )
    where = f"Cabang {code} {name} → Kanwil {describe(url) if url else '(belum diatur)'}"
    return RegionStatusDTO("branch", where, now, (link,), note.strip())


def region_status(ctx: ServiceContext, actor: Actor, *, probe: bool = True) -> RegionStatusDTO:
    """The status for whichever side this database is (supervisor / IT)."""
    authorize(ctx, actor, Permission.REGION)
    role = region_settings(ctx).get(ROLE)
    if ctx.engine.dialect.name != "postgresql" or role not in ("kanwil", "branch"):
        return RegionStatusDTO(
            "none",
            "Basis data ini belum tergabung dalam wilayah",
            ctx.clock(),
            (),
            "Cabang bergabung ke Kanwil dengan 'loket region add-branch' yang dijalankan IT di Kanwil.",
        )
    if role == "kanwil":
        return kanwil_links(ctx, probe=probe)
    return branch_link(ctx)
