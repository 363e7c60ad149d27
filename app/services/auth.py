"""Officers: accounts, argon2id passwords, lockout after repeated failures, and role checks."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import re
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Officer
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.passwords import check_password
from app.domain.roles import PERMISSION_LABELS, ROLE_LABELS, Permission, Role, allowed, supervisor_only
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.context import ServiceContext
from app.services.dto import Actor, OfficerDTO

# OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
MAX_FAILURES = 10
LOCKOUT = dt.timedelta(minutes=15)
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,39}")
# Proofs that an Actor came out of a password check in this process. Never stored or sent anywhere:
# an Actor built any other way (a name typed on the command line) carries no proof.
_PROCESS_SECRET = secrets.token_bytes(32)


class AuthError(Exception):
    """Login refused; ``message`` is for the officer (never says which part was wrong)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Refusal:
    """Why a person may not do something now (``PermissionDeniedError.reason``)."""

    ROLE = "role"  # an officer asking for a supervisor's power
    UNPROVEN = "unproven"  # a supervisor named without the password
    INACTIVE = "inactive"  # the account was deactivated
    LOCKED = "locked"  # too many wrong passwords
    SELF = "self"  # unlocking or reactivating one's own account


def _refusal_text(actor: Actor, permission: Permission, reason: str) -> str:
    what = PERMISSION_LABELS.get(permission, permission.value)
    if reason == Refusal.ROLE:
        try:
            role = ROLE_LABELS[Role(actor.role)]
        except ValueError:
            role = actor.role
        if not supervisor_only(permission):  # an officer's power: this role is not an officer's
            return f"Akses ditolak: akun {actor.username} berperan {role}, yang tidak boleh {what}."
        return f"Akses ditolak: hanya supervisor yang boleh {what}. Akun {actor.username} berperan {role}."
    if reason == Refusal.UNPROVEN:
        return f"Akses ditolak: {what} memerlukan kata sandi supervisor {actor.username}."
    if reason == Refusal.INACTIVE:
        return f"Akses ditolak: akun {actor.username} dinonaktifkan. Hubungi supervisor lain."
    if reason == Refusal.LOCKED:
        return (
            f"Akses ditolak: akun {actor.username} terkunci karena terlalu banyak kata sandi salah. "
            "Supervisor lain dapat membukanya."
        )
    return f"Akses ditolak: {actor.username} tidak dapat membuka kunci atau mengaktifkan akunnya sendiri."


class PermissionDeniedError(Exception):
    """Refused by the role table or by the account's standing; ``message`` is for the person."""

    def __init__(self, actor: Actor, permission: Permission, reason: str = Refusal.ROLE) -> None:
        super().__init__(_refusal_text(actor, permission, reason))
        self.actor = actor
        self.permission = permission
        self.reason = reason
        self.code = f"access.{reason}"
        self.message = str(self)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The passwords too common to allow: zxcvbn's list plus Indonesian ones from resources/data."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # large module: import on first use only

    extra = (resources_dir() / "data" / "common-passwords-id.txt").read_text(encoding="utf-8").splitlines()
    words = {w.strip().lower() for w in extra if w.strip() and not w.startswith("#")}
    return frozenset(FREQUENCY_LISTS["passwords"]) | words


def _dto(o: Officer) -> OfficerDTO:
    return OfficerDTO(o.id, o.username, o.full_name, o.role, o.active, o.locked_until)


def _proof(officer_id: int, username: str, role: str) -> str:
    body = f"loket/actor/v1\x00{officer_id}\x00{username}\x00{role}".encode()
    return hmac.new(_PROCESS_SECRET, body, hashlib.sha256).hexdigest()


def actor_of(o: Officer) -> Actor:
    """The account as a named actor, WITHOUT proof of its password (enough for an officer's work)."""
    return Actor(o.id, o.username, o.full_name, o.role)


def _proven_actor(o: Officer) -> Actor:
    return Actor(o.id, o.username, o.full_name, o.role, proof=_proof(o.id, o.username, o.role))


def is_proven(actor: Actor) -> bool:
    """True when ``actor`` came out of a password check (login) in this process."""
    return bool(actor.proof) and hmac.compare_digest(
        actor.proof, _proof(actor.id, actor.username, actor.role)
    )


def _standing(ctx: ServiceContext, actor: Actor) -> str | None:
    """Why the account may not use a supervisor's power now, or None: read fresh, so a supervisor
    deactivated or locked out after logging in loses that power at once."""

    def work(session: Session) -> str | None:
        o = session.get(Officer, actor.id)
        if o is None or o.username != actor.username or o.role != actor.role:
            return Refusal.UNPROVEN
        if not o.active:
            return Refusal.INACTIVE
        if o.locked_until is not None and o.locked_until > ctx.clock():
            return Refusal.LOCKED
        return None

    return ctx.read(work)


def deny(ctx: ServiceContext, actor: Actor, permission: Permission, reason: str) -> PermissionDeniedError:
    """Audit a refusal (in its own transaction, so it stays when the caller's work is rolled back)
    and return the error to raise."""

    def record(session: Session) -> None:
        append_event(
            session,
            ctx,
            actor=actor if session.get(Officer, actor.id) is not None else None,
            action="access.denied",
            entity="permission",
            entity_id=permission.value,
            details={"role": actor.role, "reason": reason, "username": actor.username},
        )

    ctx.write(record)
    return PermissionDeniedError(actor, permission, reason)


def authorize(ctx: ServiceContext, actor: Actor, permission: Permission) -> None:
    """The one place that decides who may do what; every refusal is audited.

    An officer's work needs the role only (the counter's hot path reads nothing). A supervisor's
    power also needs an actor proven by a password check in this process (the window's login, the
    command line's password prompt) whose account is, right now, active, unlocked and still a
    supervisor: a name typed on the command line is not enough.
    """
    if not allowed(actor.role, permission):
        raise deny(ctx, actor, permission, Refusal.ROLE)
    if not supervisor_only(permission):
        return
    reason = Refusal.UNPROVEN if not is_proven(actor) else _standing(ctx, actor)
    if reason is not None:
        raise deny(ctx, actor, permission, reason)


def validate_new_officer(username: str, full_name: str, role: str, password: str) -> list[Issue]:
    """Check a new account's username, full name, role and password before it is created."""
    issues: list[Issue] = []
    if not _USERNAME.fullmatch(username):
        issues.append(
            Issue(
                "username",
                "username.format",
                "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau minus; "
                "diawali huruf.",
            )
        )
    if not full_name.strip() or len(full_name) > 100:
        issues.append(
            Issue("full_name", "full_name.required", "Nama lengkap petugas wajib diisi (maks. 100).")
        )
    if role not in {r.value for r in Role}:
        issues.append(Issue("role", "role.value", "Peran harus 'officer' atau 'supervisor'."))
    issues.extend(check_password(password, username=username, common=common_passwords()))
    return issues


def _new_officer(
    session: Session, ctx: ServiceContext, username: str, full_name: str, role: str, password_hash: str
) -> Officer:
    if session.execute(select(Officer.id).where(Officer.account(username))).first():
        raise DomainError(
            Issue(
                "username",
                "username.taken",
                msg("Nama pengguna '{username}' sudah dipakai.", username=username),
            )
        )
    officer = Officer(
        username=username,
        full_name=" ".join(full_name.split()),
        role=role,
        password_hash=password_hash,
        active=True,
        failed_logins=0,
        created_at=ctx.clock(),
    )
    session.add(officer)
    session.flush()
    return officer


def add_officer(
    ctx: ServiceContext,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    by: Actor,
) -> OfficerDTO:
    """A supervisor (password-proven) creates an account. The first supervisor of a new database
    is made by ``create_first_supervisor`` instead."""
    username = username.strip().lower()
    issues = validate_new_officer(username, full_name, role, password)
    if issues:
        raise DomainError(issues)
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    password_hash = HASHER.hash(password)

    def work(session: Session) -> OfficerDTO:
        officer = _new_officer(session, ctx, username, full_name, role, password_hash)
        append_event(
            session,
            ctx,
            actor=by,
            action="officer.add",
            entity="officer",
            entity_id=username,
            details={"role": role},
        )
        return _dto(officer)

    return ctx.write(work)


def create_first_supervisor(
    ctx: ServiceContext, *, username: str, full_name: str, password: str
) -> OfficerDTO:
    """The one account made without another supervisor: the first, on a database with no account
    at all (first start of the window, ``loket officer add`` on a new database). Refused, in the
    same transaction, as soon as any account exists; audited as ``officer.bootstrap`` under the
    new supervisor's own name."""
    username = username.strip().lower()
    issues = validate_new_officer(username, full_name, Role.SUPERVISOR.value, password)
    if issues:
        raise DomainError(issues)
    password_hash = HASHER.hash(password)

    def work(session: Session) -> OfficerDTO:
        if session.execute(select(func.count(Officer.id))).scalar_one() > 0:
            raise DomainError(
                Issue(
                    "username",
                    "officer.setup_done",
                    "Akun pertama sudah dibuat; akun baru ditambahkan oleh supervisor (dengan kata sandinya).",
                )
            )
        officer = _new_officer(session, ctx, username, full_name, Role.SUPERVISOR.value, password_hash)
        append_event(
            session,
            ctx,
            actor=actor_of(officer),
            action="officer.bootstrap",
            entity="officer",
            entity_id=username,
            details={"role": Role.SUPERVISOR.value},
        )
        return _dto(officer)

    return ctx.write(work)


def password_matches(password_hash: str, password: str) -> bool:
    """An argon2 hash read from elsewhere (a backup being restored) against a password."""
    try:
        return bool(HASHER.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def has_officers(ctx: ServiceContext) -> bool:
    """Whether any account exists yet (none on a fresh database: first start asks for a supervisor)."""
    return ctx.read(lambda s: s.execute(select(func.count(Officer.id))).scalar_one() > 0)


def login(ctx: ServiceContext, username: str, password: str) -> Actor:
    """Check a password. Ten failures in a row lock the account for 15 minutes."""
    username = username.strip().lower()
    now = ctx.clock()

    def work(session: Session) -> tuple[Actor | None, AuthError | None]:
        officer = session.execute(select(Officer).where(Officer.account(username))).scalar_one_or_none()
        if officer is None:
            # Spend the same time as a real check so timing does not reveal which names exist.
            with contextlib.suppress(VerificationError):
                HASHER.verify(_dummy_hash(), password)
            append_event(
                session, ctx, actor=None, action="login.failed", entity="officer", entity_id=username[:40]
            )
            return None, AuthError("login.invalid", "Nama pengguna atau kata sandi salah.")
        if not officer.active:
            append_event(
                session, ctx, actor=None, action="login.inactive", entity="officer", entity_id=username
            )
            return None, AuthError("login.inactive", "Akun ini dinonaktifkan. Hubungi supervisor.")
        if officer.locked_until is not None and officer.locked_until > now:
            minutes = max(1, int((officer.locked_until - now).total_seconds() // 60) + 1)
            # Still audited: guessing against a locked account is worth a supervisor's look.
            append_event(
                session, ctx, actor=None, action="login.refused_locked", entity="officer", entity_id=username
            )
            return None, AuthError(
                "login.locked",
                msg(
                    "Akun terkunci karena terlalu banyak percobaan. Coba lagi dalam {minutes} menit.",
                    minutes=minutes,
                ),
            )
        try:
            HASHER.verify(officer.password_hash, password)
        except (VerificationError, InvalidHashError):
            officer.failed_logins += 1
            details = {"failures": officer.failed_logins}
            if officer.failed_logins >= MAX_FAILURES:
                officer.locked_until = now + LOCKOUT
                officer.failed_logins = 0
                append_event(
                    session,
                    ctx,
                    actor=None,
                    action="login.locked",
                    entity="officer",
                    entity_id=username,
                    details=details,
                )
                return None, AuthError(
                    "login.locked", "Terlalu banyak percobaan gagal. Akun dikunci selama 15 menit."
                )
            append_event(
                session,
                ctx,
                actor=None,
                action="login.failed",
                entity="officer",
                entity_id=username,
                details=details,
            )
            return None, AuthError("login.invalid", "Nama pengguna atau kata sandi salah.")
        if HASHER.check_needs_rehash(officer.password_hash):
            officer.password_hash = HASHER.hash(password)
        officer.failed_logins = 0
        officer.locked_until = None
        officer.last_login_at = now
        actor = _proven_actor(officer)
        append_event(session, ctx, actor=actor, action="login.ok", entity="officer", entity_id=username)
        return actor, None

    actor, error = ctx.write(work)
    if error is not None:
        raise error
    assert actor is not None
    return actor


def reauthenticate(ctx: ServiceContext, actor: Actor, password: str) -> None:
    """Re-check the password of someone already logged in (idle lock, approvals)."""
    fresh = login(ctx, actor.username, password)
    if fresh.id != actor.id:
        raise AuthError("login.invalid", "Nama pengguna atau kata sandi salah.")


def officer_by_username(ctx: ServiceContext, username: str) -> Actor | None:
    """An active account by name, without proof of its password."""

    def work(session: Session) -> Actor | None:
        o = session.execute(
            select(Officer).where(Officer.account(username.strip().lower()), Officer.active.is_(True))
        ).scalar_one_or_none()
        return actor_of(o) if o else None

    return ctx.read(work)


def identify(ctx: ServiceContext, username: str) -> Actor:
    """The officer named on the command line for an officer's work (no password: the operating-system
    account stands for the officer). Unknown, deactivated and locked accounts are refused, audited."""
    username = username.strip().lower()
    now = ctx.clock()

    def work(session: Session) -> tuple[Actor | None, AuthError | None]:
        o = session.execute(select(Officer).where(Officer.account(username))).scalar_one_or_none()
        if o is not None and o.active and (o.locked_until is None or o.locked_until <= now):
            return actor_of(o), None
        if o is None:
            error = AuthError(
                "officer.unknown", msg("Petugas '{username}' tidak ada.", username=username[:40])
            )
        elif not o.active:
            error = AuthError(
                "login.inactive", msg("Akun {username} dinonaktifkan. Hubungi supervisor.", username=username)
            )
        else:
            error = AuthError(
                "login.locked",
                msg(
                    "Akun {username} terkunci karena terlalu banyak kata sandi salah. Supervisor lain dapat membukanya.",
                    username=username,
                ),
            )
        append_event(
            session,
            ctx,
            actor=None,
            action="access.denied",
            entity="officer",
            entity_id=username[:40],
            details={"reason": error.code, "via": "cli"},
        )
        return None, error

    actor, error = ctx.write(work)
    if error is not None:
        raise error
    assert actor is not None
    return actor


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return HASHER.hash("loket-dummy-password-for-timing")


def change_password(ctx: ServiceContext, actor: Actor, current: str, new: str) -> None:
    """An officer changes their own password after proving the current one."""
    issues = check_password(new, username=actor.username, common=common_passwords())
    if current == new:
        issues.append(Issue("password", "password.same", "Kata sandi baru harus berbeda dari yang lama."))
    if issues:
        raise DomainError(issues)
    reauthenticate(ctx, actor, current)
    new_hash = HASHER.hash(new)

    def work(session: Session) -> None:
        officer = session.get(Officer, actor.id)
        assert officer is not None
        officer.password_hash = new_hash
        append_event(
            session,
            ctx,
            actor=actor,
            action="officer.password_changed",
            entity="officer",
            entity_id=actor.username,
        )

    ctx.write(work)


def _refuse_self(ctx: ServiceContext, by: Actor, username: str, active: bool) -> None:
    if username != by.username:
        return
    if active:
        # A locked (or deactivated) account is opened only by ANOTHER supervisor's decision.
        raise deny(ctx, by, Permission.MANAGE_OFFICERS, Refusal.SELF)
    raise DomainError(
        Issue("username", "officer.self", "Supervisor tidak dapat menonaktifkan akunnya sendiri.")
    )


def set_officer_active(
    ctx: ServiceContext, by: Actor, username: str, active: bool, reason: str
) -> OfficerDTO:
    """A supervisor deactivates (or reactivates, which also unlocks) another account; audited."""
    username = username.strip().lower()
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    reason = " ".join(reason.split())
    if active is False and not reason:
        raise DomainError(Issue("reason", "reason.required", "Alasan penonaktifan wajib diisi."))
    _refuse_self(ctx, by, username, active)

    def work(session: Session) -> OfficerDTO:
        officer = session.execute(select(Officer).where(Officer.account(username))).scalar_one_or_none()
        if officer is None:
            raise DomainError(
                Issue(
                    "username", "officer.unknown", msg("Petugas '{username}' tidak ada.", username=username)
                )
            )
        officer.active = active
        if active:
            officer.failed_logins = 0
            officer.locked_until = None
        append_event(
            session,
            ctx,
            actor=by,
            action="officer.activate" if active else "officer.deactivate",
            entity="officer",
            entity_id=username,
            details={"reason": reason[:200]},
        )
        session.flush()
        return _dto(officer)

    return ctx.write(work)


def unlock_officer(ctx: ServiceContext, by: Actor, username: str, reason: str) -> OfficerDTO:
    """Another supervisor ends a lock-out (the account stays as it was otherwise); audited."""
    username = username.strip().lower()
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    _refuse_self(ctx, by, username, True)
    why = " ".join(reason.split())

    def work(session: Session) -> OfficerDTO:
        officer = session.execute(select(Officer).where(Officer.account(username))).scalar_one_or_none()
        if officer is None:
            raise DomainError(
                Issue(
                    "username", "officer.unknown", msg("Petugas '{username}' tidak ada.", username=username)
                )
            )
        was = officer.locked_until
        officer.failed_logins = 0
        officer.locked_until = None
        append_event(
            session,
            ctx,
            actor=by,
            action="officer.unlock",
            entity="officer",
            entity_id=username,
            details={"reason": why[:200], "was_locked_until": was.isoformat() if was else None},
        )
        session.flush()
        return _dto(officer)

    return ctx.write(work)


def list_officers(ctx: ServiceContext, by: Actor) -> list[OfficerDTO]:
    """Every account, active ones first, for the supervisor's officer management page."""
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    return ctx.read(
        lambda s: [
            _dto(o)
            for o in s.execute(select(Officer).order_by(Officer.active.desc(), Officer.username)).scalars()
        ]
    )
