"""Closing a day (the cash counted, the summary PDF archived with its hash), reopening it, the archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.day_models import DayCashCount, DayLock
from app.db.models import Officer
from app.domain.cash import check_cash_counts
from app.domain.clock import local_time
from app.domain.day_summary import (
    ClosedInfo,
    DayFigures,
    DaySummary,
    long_date,
)
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.reasons import REASON_MIN, clean_reason
from app.domain.roles import Permission
from app.domain.states import DayStatus
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.day.reading import (
    DayLockDTO,
    DayStatusDTO,
    _branch,
    _check_date,
    _figures,
    _read_day,
    _summary,
    summary_pdf,
)
from app.services.day_lock import closed_lock, hold_books
from app.services.dto import Actor

# --- closing and reopening -----------------------------------------------------------------------


def _lock_dto(session: Session, lock: DayLock) -> DayLockDTO:
    names = dict(
        session.execute(
            select(Officer.id, Officer.username).where(
                Officer.id.in_([i for i in (lock.closed_by_id, lock.reopened_by_id) if i is not None])
            )
        ).all()
    )
    return DayLockDTO(
        id=lock.id,
        business_date=lock.business_date,
        status=lock.status,
        closed_at=lock.closed_at,
        closed_by=names.get(lock.closed_by_id, "?"),
        pdf_sha256=lock.pdf_sha256,
        audit_seq=lock.audit_seq,
        audit_hash=lock.audit_hash,
        reopened_at=lock.reopened_at,
        reopened_by=names.get(lock.reopened_by_id) if lock.reopened_by_id else None,
        reopen_reason=lock.reopen_reason,
    )


def _status(session: Session, day: dt.date) -> DayStatusDTO:
    locks = session.execute(
        select(DayLock).where(DayLock.business_date == day).order_by(DayLock.id)
    ).scalars()
    history = tuple(_lock_dto(session, lk) for lk in locks)
    return DayStatusDTO(day, any(h.status == DayStatus.CLOSED for h in history), history)


def day_status(ctx: ServiceContext, day: dt.date) -> DayStatusDTO:
    """Whether a business day is open or closed, with its closing history."""
    return ctx.read(lambda s: _status(s, day))


def _figures_key(f: DayFigures) -> str:
    return json.dumps(_figures_json(f), sort_keys=True, default=str)


def _figures_json(f: DayFigures) -> Any:
    from dataclasses import asdict

    return asdict(f)


def close_day(
    ctx: ServiceContext,
    supervisor: Actor,
    day: dt.date,
    *,
    password: str,
    verify_chain: bool = True,
    cash_counted: Mapping[str, int] | None = None,
    cash_reasons: Mapping[str, str] | None = None,
) -> DayStatusDTO:
    """Close ``day``: the supervisor re-enters the password and records the cash each officer
    handed in (``cash_counted`` by username; a difference needs its ``cash_reasons`` entry; every
    officer who took cash that day must be counted); the summary PDF is made, archived in the
    database with its SHA-256 (also in the audit event), and the day is locked: later enrolments,
    payments, voids, card prints and correction approvals dated that day are refused."""
    authorize(ctx, supervisor, Permission.CLOSE_DAY)
    counted = {k.strip().lower(): v for k, v in (cash_counted or {}).items()}
    reasons = {k.strip().lower(): v for k, v in (cash_reasons or {}).items()}
    reauthenticate(ctx, supervisor, password)
    tz = ctx.read(lambda s: _branch(s).timezone)
    _check_date(ctx, day, tz)
    for _attempt in range(3):
        if day_status(ctx, day).closed:
            raise DomainError(_already_closed(day))
        read = ctx.read(lambda s: _read_day(s, ctx, day, None))
        expected = {t.officer: t.cash for t in read.figures.takings}
        counts, problems = check_cash_counts(expected, counted, reasons)
        if problems:
            raise DomainError(problems)
        now = ctx.clock()
        closing = ClosedInfo(local_time(now, tz), supervisor.username, supervisor.full_name)
        summary = _summary(
            ctx, read, day, None, verify_chain=verify_chain, closed=closing, cash_counts=tuple(counts)
        )
        pdf = summary_pdf(summary)
        key = _figures_key(read.figures)

        record = partial(
            _record_close,
            ctx=ctx,
            supervisor=supervisor,
            day=day,
            summary=summary,
            pdf=pdf,
            expected=key,
            now=now,
        )
        result = ctx.write(record)
        if result is not None:
            return result
    raise DomainError(
        Issue(
            "tanggal",
            "day.busy",
            "Loket lain terus mencatat transaksi selama ringkasan dibuat. Minta loket berhenti sebentar, lalu ulangi.",
        )
    )


def _record_close(
    session: Session,
    *,
    ctx: ServiceContext,
    supervisor: Actor,
    day: dt.date,
    summary: DaySummary,
    pdf: bytes,
    expected: str,
    now: dt.datetime,
) -> DayStatusDTO | None:
    """Inside the closing transaction: nothing changed since the summary was made → lock the day."""
    digest = hashlib.sha256(pdf).hexdigest()
    hold_books(session, exclusive=True)
    if closed_lock(session, day) is not None:
        raise DomainError(_already_closed(day))
    b = _branch(session)
    if _figures_key(_figures(session, ctx, day, b.timezone, None)) != expected:
        return None  # a counter wrote meanwhile: make the summary again
    f = summary.figures
    lock = DayLock(
        business_date=day,
        status=DayStatus.CLOSED,
        closed_at=now,
        closed_by_id=supervisor.id,
        summary=json.dumps(summary.as_json(), ensure_ascii=False, sort_keys=True),
        pdf=pdf,
        pdf_sha256=digest,
        audit_seq=summary.audit.seq,
        audit_hash=summary.audit.hash,
    )
    session.add(lock)
    session.flush()
    officer_ids = dict(
        session.execute(
            select(Officer.username, Officer.id).where(
                Officer.username.in_([c.officer for c in summary.cash_counts])
            )
        ).all()
    )
    unknown = [c.officer for c in summary.cash_counts if c.officer not in officer_ids]
    if unknown:
        raise DomainError(
            Issue(
                f"kas.{unknown[0]}",
                "officer.not_found",
                msg("Petugas '{unknown}' tidak ada.", unknown=unknown[0][:40]),
            )
        )
    session.add_all(
        DayCashCount(
            day_lock_id=lock.id,
            officer_id=officer_ids[c.officer],
            expected=c.expected,
            counted=c.counted,
            difference=c.difference,
            reason=c.reason or None,
        )
        for c in summary.cash_counts
    )
    session.flush()
    append_event(
        session,
        ctx,
        actor=supervisor,
        action="day.close",
        entity="day",
        entity_id=day.isoformat(),
        details={
            "pdf_sha256": digest,
            "enrolments": f.enrolment_count,
            "received": f.received_amount,
            "net": f.net_amount,
            "reconciled": f.reconciliation.ok,
            "day_audit_seq": summary.audit.seq,
            "day_audit_hash": summary.audit.hash,
            "cash_counted": {
                c.officer: {"expected": c.expected, "counted": c.counted, "reason": c.reason}
                for c in summary.cash_counts
            },
        },
        at=now,
    )
    return _status(session, day)


def _already_closed(day: dt.date) -> Issue:
    return Issue(
        "tanggal", "day.already_closed", msg("Hari {long_date} sudah ditutup.", long_date=long_date(day))
    )


MIN_REASON = REASON_MIN


def reopen_day(
    ctx: ServiceContext, supervisor: Actor, day: dt.date, *, password: str, reason: str
) -> DayStatusDTO:
    """Reopen a closed day (supervisor, password, reason; audited). The archived PDF is kept; a
    later close archives a new one."""
    authorize(ctx, supervisor, Permission.CLOSE_DAY)
    why = clean_reason(reason)
    if why is None:
        raise DomainError(
            Issue("alasan", "day.reopen_reason", "Tulis alasan membuka kembali hari (5–500 karakter).")
        )
    reauthenticate(ctx, supervisor, password)

    def work(session: Session) -> DayStatusDTO:
        hold_books(session, exclusive=True)
        lock = closed_lock(session, day)
        if lock is None:
            raise DomainError(
                Issue(
                    "tanggal",
                    "day.not_closed",
                    msg("Hari {long_date} belum ditutup.", long_date=long_date(day)),
                )
            )
        now = ctx.clock()
        lock.status, lock.reopened_at, lock.reopened_by_id, lock.reopen_reason = (
            "REOPENED",
            now,
            supervisor.id,
            why,
        )
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="day.reopen",
            entity="day",
            entity_id=day.isoformat(),
            details={"reason": why, "pdf_sha256": lock.pdf_sha256},
            at=now,
        )
        return _status(session, day)

    return ctx.write(work)


class ArchiveDamagedError(RuntimeError):
    """The archived day-close PDF no longer matches the hash recorded when the day was closed."""

    def __init__(self, day: dt.date) -> None:
        self.message = f"Arsip PDF penutupan hari {long_date(day)} tidak cocok dengan hash yang dicatat: arsip telah diubah."
        super().__init__(self.message)


def archived_pdf(ctx: ServiceContext, actor: Actor, day: dt.date) -> tuple[DayLockDTO, bytes]:
    """The PDF archived when ``day`` was (last) closed, checked against its recorded SHA-256."""
    authorize(ctx, actor, Permission.CLOSE_DAY)

    def work(session: Session) -> tuple[DayLockDTO, bytes]:
        lock = session.execute(
            select(DayLock).where(DayLock.business_date == day).order_by(DayLock.id.desc()).limit(1)
        ).scalar_one_or_none()
        if lock is None:
            raise DomainError(
                Issue(
                    "tanggal",
                    "day.no_archive",
                    msg("Hari {long_date} belum pernah ditutup.", long_date=long_date(day)),
                )
            )
        return _lock_dto(session, lock), bytes(lock.pdf)

    dto, pdf = ctx.read(work)
    if hashlib.sha256(pdf).hexdigest() != dto.pdf_sha256:
        raise ArchiveDamagedError(day)
    return dto, pdf
