"""Repairing a branch's link to the Kanwil: turn a disabled subscription back on, bring the
publications, the branch's subscription to the reference data and the Kanwil's triggers up to
this version of Loket, and — when the branch lost its replication slot or the link cannot
recover — copy the branch's data to the Kanwil again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy.orm import Session

from app.db import regional_heads as heads
from app.db import replication as rep
from app.db.engine import make_engine
from app.db.homes import home_branch
from app.db.region_facts import SubscriptionFacts, connect_conninfo, subscriptions
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.region import LinkState
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import KANWIL_URL, admin_engine, settings_of
from app.services.region.setup import down_subscription, require_kanwil, up_subscription
from app.services.region.status import LinkDTO, kanwil_links

RESYNC_STATES = frozenset(
    {LinkState.SLOT_MISSING.value, LinkState.SLOT_LOST.value, LinkState.NOT_SUBSCRIBED.value}
)


@dataclass(frozen=True, slots=True)
class RepairDTO:
    """What repairing a branch's replication link did, with the link before and after."""

    code: str
    actions: tuple[str, ...]  # what was done, in Indonesian, in order
    before: LinkDTO
    after: LinkDTO

    def as_json(self) -> dict[str, Any]:
        return {
            "branch": self.code,
            "actions": list(self.actions),
            "before": self.before.as_json(),
            "after": self.after.as_json(),
        }


def _link(ctx: ServiceContext, code: str) -> LinkDTO:
    found = [link for link in kanwil_links(ctx).links if link.code == code]
    if not found:
        raise DomainError(
            Issue(
                "cabang",
                "region.unknown_branch",
                msg("Cabang {code} tidak dikenal Kanwil ini (loket region status).", code=code[:3]),
            )
        )
    return found[0]


def url_of(info: str) -> str:
    """A SQLAlchemy URL for a libpq connection string (a subscription's, reused by its successor)."""
    parts = {k: str(v) for k, v in conninfo_to_dict(info).items() if v is not None}
    url = sa.engine.URL.create(
        "postgresql+psycopg",
        username=parts.get("user"),
        password=parts.get("password"),
        host=parts.get("host"),
        port=int(parts["port"]) if "port" in parts else None,
        database=parts.get("dbname"),
    )
    return url.render_as_string(hide_password=False)


@dataclass
class _Repair:
    ctx: ServiceContext
    code: str
    branch: sa.Engine
    branch_url: str
    actions: list[str]

    @property
    def name(self) -> str:
        return up_subscription(self.code)

    def kanwil_admin(self) -> sa.Engine:
        return admin_engine(self.ctx.engine.url.render_as_string(hide_password=False))

    def publication(self) -> str | None:
        """Branch side; → the URL the branch uses for its Kanwil, or None when it cannot be reached."""
        try:
            with self.branch.connect() as conn, conn.begin():
                rep.ensure_up_publication(conn, self.code)
                with Session(bind=conn) as session:
                    down_url = settings_of(session).get(KANWIL_URL, "")
        except sa.exc.DBAPIError:
            self.actions.append("server cabang tidak dapat dihubungi: publikasi cabang tidak diperiksa")
            return None
        self.actions.append("publikasi cabang disamakan dengan versi Loket ini")
        return down_url

    def subscription(self, sub: SubscriptionFacts | None, full: bool, reachable: bool) -> None:
        admin = self.kanwil_admin()
        try:
            with admin.connect() as conn:
                if full:
                    # The slot is left to us, not to DROP SUBSCRIPTION: the branch may be unreachable.
                    rep.drop_subscription(conn, self.name, keep_slot=True)
                    self.actions.append("langganan lama dilepas")
                elif sub is not None and not sub.enabled:
                    rep.set_subscription_enabled(conn, self.name, True)
                    self.actions.append("langganan diaktifkan lagi")
                elif sub is not None:
                    rep.refresh_subscription(conn, self.name)
                    self.actions.append("daftar tabel langganan diperbarui")
                if sub is not None and not full:
                    rep.reset_error_counts(conn, self.name)
            if not full:
                return
            if reachable:
                with self.branch.connect() as bconn, bconn.begin():
                    rep.drop_slot(bconn, self.name)
            with self.branch.connect() as bconn, Session(bind=bconn) as bs:
                home = home_branch(bs)
                assert home is not None
                branch_id = home.id
            with self.ctx.engine.connect() as conn, conn.begin():
                rep.remove_branch_rows(conn, rep.BranchRows(self.code, branch_id))
            with admin.connect() as conn:
                rep.create_subscription(conn, self.name, self.branch_url, rep.PUBLICATION_UP)
            self.actions.append("data cabang di Kanwil dihapus dan disalin ulang dari cabang")
        finally:
            admin.dispose()

    def downflow(self, down_url: str) -> None:
        """Branch side: its subscription to the Kanwil's reference data."""
        name = down_subscription(self.code)
        with self.branch.connect() as conn:
            down = {s.name: s for s in subscriptions(conn, name)}.get(name)
        with self.branch.connect() as auto:
            auto = auto.execution_options(isolation_level="AUTOCOMMIT")
            if down is None:
                rep.refill_down(auto)
                rep.create_subscription(auto, name, down_url, rep.PUBLICATION_DOWN)
                self.actions.append("langganan data rujukan di cabang dibuat lagi")
            elif not down.enabled:
                rep.set_subscription_enabled(auto, name, True)
                self.actions.append("langganan data rujukan di cabang diaktifkan lagi")
            if down is not None and not set(rep.DOWN) <= rep.subscribed_tables(auto, name):
                rep.refresh_subscription(auto, name)  # tables a newer Loket sends down
                self.actions.append("daftar tabel data rujukan di cabang diperbarui")


def _refuse_restored(ctx: ServiceContext, code: str, branch: sa.Engine) -> None:
    """A copy made again would drop what the Kanwil holds that a restored branch lost, unrecorded:
    that is ``loket region accept-restore``'s work (it keeps those rows)."""
    with ctx.engine.connect() as conn:
        record = heads.recorded_head(conn, code)
    with branch.connect() as conn:
        restored = heads.restore_facts(conn, code, record)
    if restored is not None:
        raise DomainError(
            Issue(
                "branch",
                "region.restored_use_accept",
                msg(
                    "Cabang {code} dipulihkan dari cadangan lama: salin ulang biasa akan membuang data di Kanwil "
                    "yang hilang di cabang. Terima pemulihannya: 'loket region accept-restore --branch {code} "
                    "--supervisor USERNAME --reason ...'.",
                    code=code,
                ),
            )
        )


def repair(
    ctx: ServiceContext, actor: Actor, code: str, *, resync: bool = False, branch_url: str | None = None
) -> RepairDTO:
    """Do what the branch's state needs (``resync`` forces the full re-copy). ``branch_url`` is
    needed only when the Kanwil no longer holds the branch's connection details."""
    authorize(ctx, actor, Permission.REGION)
    require_kanwil(ctx)
    before = _link(ctx, code)
    name = up_subscription(code)
    with ctx.engine.connect() as conn:
        sub = {s.name: s for s in subscriptions(conn, name)}.get(name)
    target = branch_url or (url_of(sub.conninfo) if sub is not None and sub.conninfo else None)
    if target is None:
        raise DomainError(
            Issue(
                "branch",
                "region.branch_url_needed",
                msg(
                    "Detail sambungan ke cabang {code} tidak tersimpan di Kanwil; sebutkan --branch URL_CABANG.",
                    code=code,
                ),
            )
        )
    branch = (
        make_engine(target, poolclass=sa.NullPool, connect_args={"connect_timeout": 5})
        if branch_url
        else connect_conninfo(sub.conninfo or "")  # type: ignore[union-attr]
    )
    work = _Repair(ctx, code, branch, target, [])
    try:
        down_url = work.publication()
        full = resync or before.state in RESYNC_STATES
        if full and down_url is None:
            raise DomainError(
                Issue(
                    "branch",
                    "region.branch_unreachable",
                    msg(
                        "Server cabang {code} tidak dapat dihubungi: salin ulang menunggu sampai tersambung.",
                        code=code,
                    ),
                )
            )
        if full:
            _refuse_restored(ctx, code, branch)
        work.subscription(sub, full, down_url is not None)
        with ctx.engine.connect() as conn, conn.begin():
            rep.install_kanwil_triggers(conn)
            rep.ensure_down_publication(conn)  # tables a newer Loket sends down
        if down_url:
            work.downflow(down_url)
    finally:
        branch.dispose()

    def audit(session: Session) -> None:
        append_event(
            session,
            ctx,
            actor=actor,
            action="region.repair",
            entity="region_branch",
            entity_id=code,
            details={"state": before.state, "actions": work.actions, "resync": full},
        )

    ctx.write(audit)
    return RepairDTO(code, tuple(work.actions), before, _link(ctx, code))
