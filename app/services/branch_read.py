"""The branch this database serves, read (and briefly cached): below every use case that needs it."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy.orm import Session

from app.db.homes import home_branch
from app.db.models import Branch
from app.domain.clock import business_date
from app.domain.ids import parse_ref, short_ref
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.services.context import CacheKey, ServiceContext
from app.services.dto import BranchDTO


class BranchNotSetUpError(RuntimeError):
    """Work that needs the branch, asked before the branch is set up."""

    def __init__(self) -> None:
        super().__init__("Cabang belum diatur. Jalankan 'loket branch setup' atau wizard awal.")


def _dto(b: Branch) -> BranchDTO:
    return BranchDTO(b.id, b.code, b.name, b.timezone)


def current_branch(ctx: ServiceContext) -> BranchDTO | None:
    """This database's own branch (None before first start has set it up)."""

    def work(session: Session) -> BranchDTO | None:
        b = home_branch(session)  # at a Kanwil, or after replication, other branches' rows are here too
        return _dto(b) if b else None

    return ctx.read(work)


BRANCH: CacheKey[tuple[float, BranchDTO]] = CacheKey("branch")
MAX_AGE_S = 30.0  # another counter may change the branch: nothing keeps it longer than this


def _fresh(ctx: ServiceContext, max_age_s: float) -> BranchDTO | None:
    hit = ctx.cache.get(BRANCH)
    return hit[1] if hit is not None and time.monotonic() - hit[0] < max_age_s else None


def cached_branch(ctx: ServiceContext, max_age_s: float = MAX_AGE_S) -> BranchDTO | None:
    """The branch row, re-read at most every ``max_age_s`` seconds (it changes once a year, if ever)."""
    branch = _fresh(ctx, max_age_s)
    if branch is not None:
        return branch
    now = time.monotonic()
    branch = current_branch(ctx)
    if branch is not None:
        ctx.cache.put(BRANCH, (now, branch))
    return branch


def branch_timezone(session: Session, ctx: ServiceContext) -> str:
    """The branch's time zone, read in the caller's transaction when the kept row is older than
    ``MAX_AGE_S`` (the same kept row as ``cached_branch``)."""
    branch = _fresh(ctx, MAX_AGE_S)
    if branch is None:
        now = time.monotonic()
        home = home_branch(session)
        if home is None:
            return "Asia/Jakarta"
        branch = _dto(home)
        ctx.cache.put(BRANCH, (now, branch))
    return branch.timezone


def today(ctx: ServiceContext, branch: BranchDTO | None = None) -> dt.date:
    """The business date now in the branch's time zone: the day new work is booked on."""
    tz = branch.timezone if branch else "Asia/Jakarta"
    return business_date(ctx.clock(), tz)


def home_code(session: Session) -> str:
    """This database's branch code ("000" before any branch is set up)."""
    b = home_branch(session)
    return b.code if b else "000"


def row_key(session: Session, ref: str | int, *, field: str, code: str, what: str) -> int:
    """The stored key of a row a person named (``3``, ``#3``, ``201-3`` or the stored key itself),
    refused in plain Indonesian when it is not a row number at all (``what``: "Koreksi")."""
    key = parse_ref(ref, home_code(session))
    if key is None:
        raise DomainError(
            Issue(
                field,
                code,
                msg("{what} {ref} bukan nomor yang dikenal.", what=what, ref=repr(str(ref).strip())),
            )
        )
    return key


def row_label(session: Session, key: int) -> str:
    """How a person reads a row's key here: ``#3`` (this branch) or ``#201-3`` (made elsewhere)."""
    return short_ref(key, home_code(session))
