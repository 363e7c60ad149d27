"""Setting up the region: preparing the Kanwil database, adding a branch (publish, subscribe,
tell the branch where its Kanwil is), and the regencies each branch serves."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import replication as rep
from app.db.engine import make_engine
from app.db.homes import claim_block, home_branch
from app.db.models import Branch, Member, NumberSequence
from app.db.region_facts import schema_revision
from app.db.region_models import RegionBranch
from app.domain.issues import DomainError, Issue
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.branch import validate_branch
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import (
    KANWIL_CODE,
    KANWIL_URL,
    REGION_NAME,
    ROLE,
    admin_engine,
    put_setting,
    region_settings,
    require_postgresql,
    settings_of,
)

MIN_MAJOR = 15


@dataclass(frozen=True, slots=True)
class KanwilDTO:
    """The Kanwil database that was set up (or checked), for the officer to confirm."""

    code: str
    name: str
    timezone: str
    created: bool  # False: an existing Kanwil checked and brought up to date


@dataclass(frozen=True, slots=True)
class BranchLinkDTO:
    """A branch just linked to the Kanwil: its regencies, subscription and members copied."""

    code: str
    name: str
    regencies: tuple[str, ...]
    subscription: str
    members: int  # the branch's members when it was added (they arrive by the initial copy)


def _issue(code: str, message: str, field: str = "db") -> DomainError:
    return DomainError(Issue(field, code, message))


def _check_server(conn: sa.Connection, where: str) -> None:
    if rep.server_major(conn) < MIN_MAJOR:
        raise _issue("region.server_version", f"Server {where} harus PostgreSQL {MIN_MAJOR} atau lebih baru.")
    if rep.wal_level(conn) != "logical":
        raise _issue(
            "region.wal_level",
            f"Server {where} belum siap replikasi: wal_level harus 'logical'. Ubah di postgresql.conf "
            "(wal_level = logical), lalu mulai ulang server itu.",
        )


def is_kanwil(ctx: ServiceContext) -> bool:
    """Whether this database is the regional office's (Kanwil) database."""
    return region_settings(ctx).get(ROLE) == "kanwil"


def require_kanwil(ctx: ServiceContext) -> None:
    """Refuse (with what to do) region work on a database that is not the Kanwil's."""
    if not is_kanwil(ctx):
        raise _issue(
            "region.not_kanwil",
            "Basis data ini bukan basis data Kanwil. Siapkan dulu: loket region init --db URL_KANWIL.",
        )


def init_kanwil(
    ctx: ServiceContext, *, code: str, name: str, timezone: str, by: Actor | None = None
) -> KanwilDTO:
    """Prepare an empty PostgreSQL database as the Kanwil's (nobody to ask yet), or bring an existing
    Kanwil up to date (its supervisor): its block of ids, its publication and triggers."""
    if by is not None:  # who asks comes first: an officer hears "access denied", not a server detail
        authorize(ctx, by, Permission.REGION)
    require_postgresql(ctx.engine, "Basis data Kanwil")
    code, name = code.strip(), " ".join(name.split())
    issues = validate_branch(code, name, timezone)
    if issues:
        raise DomainError(issues)

    def work(session: Session) -> KanwilDTO:
        conn = session.connection()
        _check_server(conn, "Kanwil")
        home = home_branch(session)
        role = settings_of(session).get(ROLE)
        if home is not None and role != "kanwil":
            raise _issue(
                "region.is_branch",
                f"Basis data ini milik cabang {home.code} {home.name}, bukan Kanwil. Kanwil memakai basis data "
                "sendiri (kosong) di servernya.",
            )
        if home is not None and by is None:
            raise _issue(
                "region.init_done",
                f"Kanwil sudah disiapkan ({home.code} {home.name}); menyiapkan ulang dilakukan supervisor "
                "Kanwil (--supervisor USERNAME).",
            )
        created = home is None
        if home is None:
            claim_block(session, code)
            home = Branch(code=code, name=name, timezone=timezone, created_at=ctx.clock())
            session.add(home)
            session.flush()
            session.add(NumberSequence(branch_id=home.id, next_serial=1))
        elif home.code != code:
            raise _issue("region.code_fixed", f"Kode Kanwil ini {home.code}; kodenya tetap.", "code")
        else:
            home.name, home.timezone = name, timezone
        put_setting(session, ROLE, "kanwil")
        put_setting(session, REGION_NAME, name)
        rep.install_kanwil_triggers(conn)
        rep.ensure_down_publication(conn)
        append_event(
            session,
            ctx,
            actor=by,
            action="region.init",
            entity="region",
            entity_id=code,
            details={"name": name, "timezone": timezone, "created": created},
        )
        return KanwilDTO(home.code, home.name, home.timezone, created)

    result = ctx.write(work)
    ctx.cache.clear()
    return result


def check_regencies(ctx: ServiceContext, regencies: tuple[str, ...]) -> tuple[str, ...]:
    """The regency codes given, checked against the region list and normalised; refuses an unknown one."""
    out = []
    for raw in regencies:
        digits = raw.replace(".", "").strip()
        code = f"{digits[:2]}.{digits[2:4]}"
        if len(digits) != 4 or not digits.isdigit() or ctx.regions.name(code) is None:
            raise _issue("region.regency", f"Kode kabupaten/kota {raw[:10]} tidak dikenal.", "wilayah")
        out.append(code)
    return tuple(dict.fromkeys(out))


def _branch_facts(url: str, kanwil_code: str, kanwil_revision: str | None) -> tuple[str, str, str, int]:
    """(code, name, time zone, members) of the branch database at ``url``, after every check."""
    engine = admin_engine(url)
    try:
        require_postgresql(engine, "Basis data cabang")
        try:
            conn = engine.connect()
        except sa.exc.DBAPIError as exc:
            raise _issue(
                "region.branch_unreachable",
                "Server cabang tidak dapat dihubungi dengan URL itu (alamat, port, nama pengguna atau kata sandi).",
            ) from exc
        with conn:
            _check_server(conn, "cabang")
            revision = schema_revision(conn)
            if revision != kanwil_revision:
                raise _issue(
                    "region.schema_mismatch",
                    f"Skema basis data cabang ({revision}) berbeda dengan Kanwil ({kanwil_revision}). Pasang "
                    "versi Loket yang sama di keduanya dan jalankan 'loket db upgrade' di cabang.",
                )
            with Session(bind=conn) as session:
                home = home_branch(session)
                if home is None:
                    raise _issue(
                        "region.branch_not_set_up", "Basis data cabang belum diatur (loket branch setup)."
                    )
                if settings_of(session).get(ROLE) == "kanwil":
                    raise _issue("region.is_kanwil", "URL cabang itu menunjuk basis data Kanwil.")
                if home.code == kanwil_code:
                    raise _issue(
                        "region.code_taken",
                        f"Kode cabang {home.code} sama dengan kode Kanwil; tiap kode dipakai sekali.",
                    )
                members = int(session.execute(sa.select(sa.func.count(Member.id))).scalar_one())
                return home.code, home.name, home.timezone, members
    finally:
        engine.dispose()


def _publish(url: str, code: str, kanwil_url: str, kanwil_code: str) -> None:
    """Branch side, one transaction: what it sends, and where its Kanwil is."""
    engine = make_engine(url, poolclass=sa.NullPool, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn, conn.begin(), Session(bind=conn) as session:
            rep.ensure_up_publication(conn, code)
            put_setting(session, ROLE, "branch")
            put_setting(session, KANWIL_URL, kanwil_url)
            put_setting(session, KANWIL_CODE, kanwil_code)
            session.flush()
    finally:
        engine.dispose()


def _subscribe_down(url: str, code: str, kanwil_url: str) -> None:
    """Branch side: receive the Kanwil's reference data (what was there before is replaced)."""
    engine = admin_engine(url)
    try:
        with engine.connect() as conn:
            name = down_subscription(code)
            rep.drop_subscription(conn, name)
            rep.refill_down(conn)
            rep.create_subscription(conn, name, kanwil_url, rep.PUBLICATION_DOWN)
    finally:
        engine.dispose()


def up_subscription(code: str) -> str:
    """The name of the Kanwil's subscription that brings a branch's data up to the Kanwil."""
    return f"loket_up_{code}"


def down_subscription(code: str) -> str:
    """The name of a branch's subscription that brings the Kanwil's data down to it."""
    return f"loket_down_{code}"


def add_branch(
    ctx: ServiceContext,
    actor: Actor,
    branch_url: str,
    *,
    regencies: tuple[str, ...] = (),
    branch_url_for_kanwil: str | None = None,
    kanwil_url_for_branch: str | None = None,
) -> BranchLinkDTO:
    """Publish the branch, subscribe the Kanwil to it, and send the Kanwil's reference data down.

    ``ctx`` is the Kanwil's. The Kanwil server connects to the branch with ``branch_url_for_kanwil``
    (default ``branch_url``), the branch server to the Kanwil with ``kanwil_url_for_branch`` (default
    the Kanwil's own URL); the branch keeps the latter for its regional checks (a read-only account
    with the REPLICATION attribute is enough, see the README).
    """
    authorize(ctx, actor, Permission.REGION)
    require_kanwil(ctx)
    areas = check_regencies(ctx, regencies)
    kanwil_url = kanwil_url_for_branch or ctx.engine.url.render_as_string(hide_password=False)

    def facts(session: Session) -> tuple[str, str | None]:
        home = home_branch(session)
        assert home is not None
        return home.code, schema_revision(session.connection())

    kanwil_code, revision = ctx.read(facts)
    code, name, timezone, members = _branch_facts(branch_url, kanwil_code, revision)
    subscription = up_subscription(code)
    with ctx.engine.connect() as conn:
        if rep.subscription_exists(conn, subscription):
            raise _issue(
                "region.already_added",
                f"Cabang {code} sudah tersambung ke Kanwil ini. Periksa: loket region status; perbaiki: "
                f"loket region repair --branch {code}.",
            )
    _publish(branch_url, code, kanwil_url, kanwil_code)

    def register(session: Session) -> None:
        row = session.get(RegionBranch, code)
        if row is None:
            session.add(
                RegionBranch(
                    code=code, name=name, timezone=timezone, regencies=",".join(areas), added_at=ctx.clock()
                )
            )
        else:
            row.name, row.timezone = name, timezone
            if areas:
                row.regencies = ",".join(areas)
        # A Kanwil upgraded since ``region init`` gets this version's triggers before rows arrive.
        rep.install_kanwil_triggers(session.connection())
        append_event(
            session,
            ctx,
            actor=actor,
            action="region.add_branch",
            entity="region_branch",
            entity_id=code,
            details={"name": name, "regencies": list(areas), "members": members},
        )

    ctx.write(register)
    admin = admin_engine(ctx.engine.url.render_as_string(hide_password=False))
    try:
        with admin.connect() as conn:
            rep.create_subscription(
                conn, subscription, branch_url_for_kanwil or branch_url, rep.PUBLICATION_UP
            )
    finally:
        admin.dispose()
    _subscribe_down(branch_url, code, kanwil_url)
    return BranchLinkDTO(code, name, areas, subscription, members)


def set_area(ctx: ServiceContext, actor: Actor, code: str, regencies: tuple[str, ...]) -> BranchLinkDTO:
    """The regencies branch ``code`` serves (its coverage line on the Kanwil dashboard)."""
    authorize(ctx, actor, Permission.REGION)
    require_kanwil(ctx)
    areas = check_regencies(ctx, regencies)

    def work(session: Session) -> BranchLinkDTO:
        row = session.get(RegionBranch, code)
        if row is None:
            raise _issue(
                "region.unknown_branch", f"Cabang {code[:3]} belum ditambahkan ke Kanwil ini.", "cabang"
            )
        row.regencies = ",".join(areas)
        append_event(
            session,
            ctx,
            actor=actor,
            action="region.area",
            entity="region_branch",
            entity_id=code,
            details={"regencies": list(areas)},
        )
        return BranchLinkDTO(row.code, row.name, areas, up_subscription(code), 0)

    return ctx.write(work)
