"""Card signing keys: made at branch set-up (a new counter makes its own on first use), rotation, trust.

Private keys stay in the keys folder of the counter that made them. Public keys are kept in two
places: the keyring folder of each counter (``CardKeyStore``) and the ``card_key`` table, so every
counter on a shared branch database trusts the keys of its sibling counters and the keys any of them
imported. Verification trusts the union of both.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.cards_models import CardKey
from app.db.region_models import RegionCardKey
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.roles import Permission
from app.infra.card_keys import CardKeyStore, KeyFileError, PublicKeyRecord, SigningKey, parse_export
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch_read import BranchNotSetUpError, current_branch
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO


@dataclass(frozen=True, slots=True)
class CardKeyDTO:
    """One key of the card keyring, as the settings page and ``loket keys list`` show it."""

    key_id: str
    branch_code: str
    branch_name: str
    origin: str  # "own" (this branch) or "imported"
    created_at: dt.datetime
    retired_at: dt.datetime | None
    current: bool  # signs new cards on this counter
    public_key: str  # base64 of the raw 32 bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "branch_code": self.branch_code,
            "branch_name": self.branch_name,
            "origin": self.origin,
            "created_at": self.created_at.isoformat(),
            "retired_at": self.retired_at.isoformat() if self.retired_at else None,
            "current": self.current,
            "public_key": self.public_key,
        }


def key_store(ctx: ServiceContext) -> CardKeyStore:
    """The folder of this counter's card signing keys and trusted public keys."""
    return CardKeyStore(ctx.paths.keys)


def require_branch(ctx: ServiceContext) -> BranchDTO:
    """This database's branch, or BranchNotSetUpError for work that needs one (card keys, printing)."""
    branch = current_branch(ctx)
    if branch is None:
        raise BranchNotSetUpError()
    return branch


def _record_of(row: CardKey) -> PublicKeyRecord:
    return PublicKeyRecord(
        row.key_id,
        base64.b64decode(row.public_key),
        row.branch_code,
        row.branch_name,
        row.created_at,
        row.origin,
        row.retired_at,
    )


def publish_key(
    session: Session, ctx: ServiceContext, record: PublicKeyRecord, *, actor: Actor | None, action: str
) -> bool:
    """Add ``record`` to the ``card_key`` table (audited) unless it is there already."""
    existing = session.get(CardKey, record.key_id)
    if existing is not None:
        if base64.b64decode(existing.public_key) != record.public_key:
            raise DomainError(_conflict(record.key_id))
        if record.retired_at is not None and existing.retired_at is None:
            existing.retired_at = record.retired_at
        return False
    session.add(
        CardKey(
            key_id=record.key_id,
            public_key=base64.b64encode(record.public_key).decode("ascii"),
            branch_code=record.branch_code,
            branch_name=record.branch_name,
            origin=record.origin,
            counter=ctx.counter if record.origin == "own" else None,
            created_at=record.created_at,
            retired_at=record.retired_at,
            added_at=ctx.clock(),
        )
    )
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action=action,
        entity="card_key",
        entity_id=record.key_id,
        details={"branch": record.branch_code, "origin": record.origin},
    )
    return True


def _conflict(key_id: str) -> Issue:
    return Issue(
        "key_id",
        "card_key.conflict",
        msg(
            "ID kunci {key_id} sudah dipakai kunci lain. Minta cabang itu memutar kuncinya (loket keys rotate).",
            key_id=key_id,
        ),
    )


def signing_key(ctx: ServiceContext, branch: BranchDTO, *, actor: Actor | None = None) -> SigningKey:
    """This counter's current signing key, made at set-up or the first time this counter signs
    (the key's creation is audited under ``actor``, whose work needed it)."""
    store = key_store(ctx)
    key, created = store.create(branch_code=branch.code, branch_name=branch.name, now=ctx.clock())
    if created:
        record = store.trusted()[key.key_id]
        ctx.write(lambda s: publish_key(s, ctx, record, actor=actor, action="card_key.create"))
    return key


def ensure_published(session: Session, ctx: ServiceContext, key: SigningKey, branch: BranchDTO) -> None:
    """Inside a card-issuing transaction: make sure sibling counters can verify ``key``."""
    if session.get(CardKey, key.key_id) is None:
        record = key_store(ctx).trusted().get(key.key_id) or PublicKeyRecord(
            key.key_id, key.public_key, branch.code, branch.name, ctx.clock(), "own"
        )
        publish_key(session, ctx, record, actor=None, action="card_key.publish")


def trusted_keys(ctx: ServiceContext, session: Session | None = None) -> dict[str, PublicKeyRecord]:
    """Every public key this counter accepts on a card: the keyring folder and the database."""
    out = key_store(ctx).trusted()

    def work(s: Session) -> None:
        for row in s.execute(select(CardKey)).scalars():
            out.setdefault(row.key_id, _record_of(row))
        # Every branch of the region, as the Kanwil sends them down (app.db.replication).
        for k in s.execute(select(RegionCardKey)).scalars():
            out.setdefault(
                k.key_id,
                PublicKeyRecord(
                    k.key_id, base64.b64decode(k.public_key), k.branch_code, k.branch_name, k.created_at, "region",
                    k.retired_at,
                ),
            )  # fmt: skip

    if session is not None:
        work(session)
    else:
        ctx.read(work)
    return out


def list_keys(ctx: ServiceContext) -> list[CardKeyDTO]:
    """Every key the counter trusts for card QR codes, its own current signing key marked."""
    current = key_store(ctx).current()
    records = trusted_keys(ctx)
    return [
        CardKeyDTO(
            r.key_id,
            r.branch_code,
            r.branch_name,
            r.origin,
            r.created_at,
            r.retired_at,
            current is not None and current.key_id == r.key_id,
            base64.b64encode(r.public_key).decode("ascii"),
        )
        for r in sorted(records.values(), key=lambda r: (r.origin != "own", r.branch_code, r.created_at))
    ]


def export_keys(ctx: ServiceContext, *, include_all: bool = False) -> list[dict[str, Any]]:
    """The public key(s) another branch needs to verify our cards (``loket keys export``).

    By default this counter's current key (made now if there is none); with ``include_all`` every
    key of this branch: all counters, retired keys included.
    """
    branch = require_branch(ctx)
    key = signing_key(ctx, branch)
    records = trusted_keys(ctx)
    if not include_all:
        return [records[key.key_id].export()]
    return [
        r.export()
        for r in sorted(records.values(), key=lambda r: r.created_at)
        if r.origin == "own" and r.branch_code == branch.code
    ]


def import_keys(ctx: ServiceContext, actor: Actor, data: Any) -> list[CardKeyDTO]:
    """Trust the public key(s) in an export from another branch (``loket keys import``): a
    supervisor's power (a trusted key makes that branch's cards and packages valid here).
    Returns the keys newly trusted."""
    authorize(ctx, actor, Permission.SETTINGS)
    try:
        records = parse_export(data)
    except KeyFileError as exc:
        raise DomainError(Issue("file", "card_key.file", str(exc))) from exc
    store = key_store(ctx)
    known = trusted_keys(ctx)
    for r in records:
        if r.key_id in known and known[r.key_id].public_key != r.public_key:
            raise DomainError(_conflict(r.key_id))
    fresh = [r for r in records if r.key_id not in known]

    def work(session: Session) -> None:
        for r in fresh:
            publish_key(session, ctx, r, actor=actor, action="card_key.import")

    ctx.write(work)
    for r in fresh:
        store.trust(r)
    return [
        CardKeyDTO(
            r.key_id,
            r.branch_code,
            r.branch_name,
            r.origin,
            r.created_at,
            r.retired_at,
            False,
            base64.b64encode(r.public_key).decode("ascii"),
        )
        for r in fresh
    ]


def rotate_key(ctx: ServiceContext, actor: Actor) -> tuple[CardKeyDTO, str | None]:
    """A new signing key for this counter (supervisor); the old one keeps verifying the cards it
    signed. → (the new key, the old key id or None). Export the new key to the branches that trust you.
    """
    authorize(ctx, actor, Permission.SETTINGS)
    branch = require_branch(ctx)
    store = key_store(ctx)
    now = ctx.clock()
    key, old_id = store.rotate(branch_code=branch.code, branch_name=branch.name, now=now)
    records = store.trusted()
    new_record = records[key.key_id]

    def work(session: Session) -> None:
        publish_key(session, ctx, new_record, actor=actor, action="card_key.create")
        if old_id is not None:
            row = session.get(CardKey, old_id)
            if row is None and old_id in records:
                publish_key(session, ctx, records[old_id], actor=actor, action="card_key.publish")
            elif row is not None and row.retired_at is None:
                row.retired_at = now
            append_event(
                session,
                ctx,
                actor=actor,
                action="card_key.rotate",
                entity="card_key",
                entity_id=key.key_id,
                details={"previous": old_id},
            )

    ctx.write(work)
    dto = CardKeyDTO(
        key.key_id,
        branch.code,
        branch.name,
        "own",
        new_record.created_at,
        None,
        True,
        base64.b64encode(key.public_key).decode("ascii"),
    )
    return dto, old_id
