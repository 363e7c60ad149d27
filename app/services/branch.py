"""The branch this database serves: code, name, time zone, and its numbering sequence."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from app.db.homes import claim_block, home_branch
from app.db.models import Branch, NumberSequence
from app.domain.clock import TIMEZONES
from app.domain.issues import DomainError, Issue
from app.domain.membership import valid_prefix
from app.domain.messages import msg
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch_read import BranchNotSetUpError as BranchNotSetUpError
from app.services.branch_read import _dto
from app.services.branch_read import cached_branch as cached_branch
from app.services.branch_read import current_branch as current_branch
from app.services.branch_read import today as today
from app.services.card_keys import signing_key
from app.services.context import ServiceContext
from app.services.dto import Actor, BranchDTO

_NAME = re.compile(r"[\w .,'()/-]{3,100}")


def validate_branch(code: str, name: str, timezone: str) -> list[Issue]:
    """Check a branch's code, name and time zone before the branch is set up."""
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
        branch = home_branch(session)
        if branch is not None and by is None:
            raise DomainError(
                Issue(
                    "code",
                    "branch.setup_done",
                    msg(
                        "Cabang sudah diatur ({code} {name}); perubahan dilakukan supervisor (--supervisor USERNAME, kata sandinya diminta).",
                        code=branch.code,
                        name=branch.name,
                    ),
                )
            )
        if branch is None:
            # The database takes its branch's block of ids first (app.db.ids), so every row,
            # this branch row included, is unique across the region from the start.
            claim_block(session, code)
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
                        msg("Basis data ini milik cabang {code}; kodenya tetap.", code=branch.code),
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
    signing_key(ctx, result, actor=by)
    return result
