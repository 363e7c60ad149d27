"""Rate tables: the shipped ones and those a supervisor loaded, and loading a newer one."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.contribution_models import RateTableRow
from app.db.models import Officer
from app.db.region_models import RegionRateTable
from app.domain.issues import DomainError, Issue
from app.domain.rate_parse import parse_rate_json
from app.domain.rates import RateBook, unconfirmed_figures
from app.domain.roles import Permission
from app.infra.rates import shipped_rate_tables
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.contribution_dto import RateTableInfoDTO
from app.services.contributions.lookup import rate_book_of, stored_table
from app.services.contributions.status_index import forget_all
from app.services.dto import Actor


def rate_book(ctx: ServiceContext) -> RateBook:
    """Every table this database knows: the shipped ones plus those supervisors loaded.

    One small read; keep the result for live quotes and call again after a table is loaded.
    """
    return ctx.read(rate_book_of)


def rate_tables(ctx: ServiceContext) -> tuple[RateTableInfoDTO, ...]:
    """Shipped and loaded tables, in the order they take effect."""

    def work(session: Session) -> tuple[RateTableInfoDTO, ...]:
        out = [
            RateTableInfoDTO(
                t.version,
                t.effective_from,
                t.title,
                "bawaan",
                None,
                None,
                hashlib.sha256(t.raw.encode()).hexdigest(),
                unconfirmed_figures(t),
            )
            for t in shipped_rate_tables()
        ]
        rows = session.execute(
            select(RateTableRow, Officer.username)
            .join(Officer, Officer.id == RateTableRow.loaded_by_id)
            .order_by(RateTableRow.id)
        ).all()
        for row, username in rows:
            t = stored_table(row.body)
            out.append(
                RateTableInfoDTO(
                    t.version,
                    t.effective_from,
                    t.title,
                    "dimuat",
                    row.loaded_at,
                    username,
                    row.sha256,
                    unconfirmed_figures(t),
                )
            )
        for r in session.execute(select(RegionRateTable).order_by(RegionRateTable.loaded_at)).scalars():
            t = stored_table(r.body)
            out.append(
                RateTableInfoDTO(
                    t.version,
                    t.effective_from,
                    t.title,
                    "kanwil",
                    r.loaded_at,
                    None,
                    r.sha256,
                    unconfirmed_figures(t),
                )
            )
        return tuple(sorted(out, key=lambda i: i.effective_from))

    return ctx.read(work)


def load_rate_table(ctx: ServiceContext, actor: Actor, text: str, *, password: str) -> RateTableInfoDTO:
    """A supervisor loads a newer table (JSON text); checked whole, stored in the database so every
    counter uses it for the months from its ``effective_from`` on. The password is asked again."""
    authorize(ctx, actor, Permission.SETTINGS)
    table = parse_rate_json(text)
    reauthenticate(ctx, actor, password)
    digest = hashlib.sha256(table.raw.encode()).hexdigest()

    def work(session: Session) -> RateTableInfoDTO:
        if session.execute(select(RateTableRow.id).where(RateTableRow.sha256 == digest)).first():
            raise DomainError(Issue("table", "rates.duplicate_table", "Tabel tarif yang sama sudah dimuat."))
        if any(hashlib.sha256(t.raw.encode()).hexdigest() == digest for t in shipped_rate_tables()):
            raise DomainError(Issue("table", "rates.duplicate_table", "Tabel ini sama dengan tabel bawaan."))
        now = ctx.clock()
        session.add(
            RateTableRow(
                version=table.version[:40],
                effective_from=table.effective_from.as_int(),
                body=table.raw,
                sha256=digest,
                loaded_at=now,
                loaded_by_id=actor.id,
            )
        )
        session.flush()
        forget_all(session)  # amounts and due rules may change for everyone
        append_event(
            session,
            ctx,
            actor=actor,
            action="rates.load",
            entity="rate_table",
            entity_id=table.version[:40],
            details={"effective_from": str(table.effective_from), "sha256": digest},
        )
        return RateTableInfoDTO(
            table.version,
            table.effective_from,
            table.title,
            "dimuat",
            now,
            actor.username,
            digest,
            unconfirmed_figures(table),
        )

    return ctx.write(work)
