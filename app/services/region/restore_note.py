"""At a branch: the acceptances of its restore that came down from the Kanwil, written into the
branch's own audit trail the first time the branch sees them (``app.services.region.restore``)."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.homes import home_branch
from app.db.region_models import RegionRestore
from app.services.audit import append_event
from app.services.context import ServiceContext
from app.services.kanwil import put_setting, settings_of

RECORDED = "region.restore_recorded"  # branch: the accepted restores its own trail already names


def record_accepted(ctx: ServiceContext) -> list[str]:
    """Branch side: write this branch's own audit event for each acceptance of its restore that came
    down from the Kanwil and its trail does not name yet. → the restore ids recorded now."""

    def work(session: Session) -> list[str]:
        home = home_branch(session)
        if home is None:
            return []
        done = set(filter(None, settings_of(session).get(RECORDED, "").split(",")))
        new = [
            r
            for r in session.execute(
                sa.select(RegionRestore)
                .where(RegionRestore.branch_code == home.code)
                .order_by(RegionRestore.ref)
            ).scalars()
            if r.ref not in done
        ]
        for r in new:
            append_event(
                session,
                ctx,
                actor=None,
                action="region.restore_accepted",
                entity="region_restore",
                entity_id=r.ref,
                details={
                    "by": r.accepted_by,
                    "by_name": r.accepted_by_name,
                    "reason": r.reason,
                    "recorded": [r.recorded_seq, r.recorded_hash],
                    "rebased": [r.rebased_seq, r.rebased_hash],
                    "lost": json.loads(r.lost or "{}"),
                    "lost_numbers": [n for n in r.lost_numbers.split(",") if n],
                    "reused_numbers": [n for n in r.reused_numbers.split(",") if n],
                },
            )
            done.add(r.ref)
        if new:
            put_setting(session, RECORDED, ",".join(sorted(done)))
        return [r.ref for r in new]

    return ctx.write(work)
