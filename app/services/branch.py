"""The branch this database serves: code, name, time zone, and its numbering sequence."""

from __future__ import annotations

import datetime as dt
import re
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Branch, NumberSequence
from app.domain.clock import TIMEZONES, business_date
from app.domain.issues import DomainError, Issue
from app.domain.membership import valid_prefix
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO

_NAME = re.compile(r"[\w .,'()/-]{3,100}")


def _dto(b: Branch) -> BranchDTO:
    return BranchDTO(b.id, b.code, b.name, b.timezone)


def validate_branch(code: str, name: str, timezone: str) -> list[Issue]:
    issues: list[Issue] = []
    if not valid_prefix(code):
        issues.append(Issue("code", "branch.code", "Kode cabang harus 3 digit angka (bukan 000), mis. 101."))
    if not _NAME.fullmatch(name.strip()):
        issues.append(
            Issue("name", "branch.name", "Nama cabang 3–100 karakter (huruf, angka, tanda baca biasa).")
        )
    if timezone not in TIMEZONES:
        issues.append(
            Issue(
                "timezone",
                "branch.timezone",
                "Zona waktu harus Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).",
            )
        )
    return issues


def setup_branch(
    ctx: ServiceContext, *, code: str, name: str, timezone: str, by: Actor | None = None
) -> BranchDTO:
    """Register the branch on a new database, or update its name and time zone.

    Registering is the set-up of a new database (no branch yet: nobody to ask). Updating is a
    supervisor's power: ``by`` must be a password-proven supervisor. The code is the
    membership-number prefix and never changes.
    """
    code, name = code.strip(), " ".join(name.split())
    issues = validate_branch(code, name, timezone)
    if issues:
        raise DomainError(issues)
    if by is not None:
        authorize(ctx, by, Permission.SETTINGS)

    def work(session: Session) -> BranchDTO:
        branch = session.execute(select(Branch).limit(1)).scalar_one_or_none()
        if branch is not None and by is None:
            raise DomainError(
                Issue(
                    "code",
                    "branch.setup_done",
                    f"Cabang sudah diatur ({branch.code} {branch.name}); perubahan dilakukan supervisor "
                    "(--supervisor USERNAME, kata sandinya diminta).",
                )
            )
        if branch is None:
            branch = Branch(code=code, name=name, timezone=timezone, created_at=ctx.clock())
            session.add(branch)
            session.flush()
            session.add(NumberSequence(branch_id=branch.id, next_serial=1))
            action = "branch.setup"
        else:
            if branch.code != code:
                raise DomainError(
                    Issue(
                        "code",
                        "branch.code_fixed",
                        f"Basis data ini milik cabang {branch.code}; kodenya tetap.",
                    )
                )
            branch.name, branch.timezone = name, timezone
            action = "branch.update"
        session.flush()
        append_event(
            session,
            ctx,
            actor=by,
            action=action,
            entity="branch",
            entity_id=code,
            details={"name": name, "timezone": timezone},
        )
        return _dto(branch)

    result = ctx.write(work)
    ctx.cache.clear()
    # The branch gets its card signing key at set-up, not at the first card: `loket keys export` can
    # hand the public key to other branches from day one.
    from app.services.card_keys import signing_key

    signing_key(ctx, result, actor=by)
    return result


def current_branch(ctx: ServiceContext) -> BranchDTO | None:
    def work(session: Session) -> BranchDTO | None:
        b = session.execute(select(Branch).limit(1)).scalar_one_or_none()
        return _dto(b) if b else None

    return ctx.read(work)


def cached_branch(ctx: ServiceContext, max_age_s: float = 30.0) -> BranchDTO | None:
    """The branch row, re-read at most every ``max_age_s`` seconds (it changes once a year, if ever)."""
    now = time.monotonic()
    hit = ctx.cache.get("branch")
    if hit is not None and now - hit[0] < max_age_s:
        return hit[1]  # type: ignore[no-any-return]
    branch = current_branch(ctx)
    if branch is not None:
        ctx.cache["branch"] = (now, branch)
    return branch


def today(ctx: ServiceContext, branch: BranchDTO | None = None) -> dt.date:
    """The branch's business date now."""
    tz = branch.timezone if branch else "Asia/Jakarta"
    return business_date(ctx.clock(), tz)
