"""Officers: accounts, argon2id passwords, lockout after repeated failures, and role checks."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Officer
from app.domain.issues import DomainError, Issue
from app.domain.passwords import check_password
from app.domain.roles import Permission, Role, allowed
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.context import ServiceContext
from app.services.dto import Actor, OfficerDTO

# OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
MAX_FAILURES = 10
LOCKOUT = dt.timedelta(minutes=15)
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,39}")


class AuthError(Exception):
    """Login refused; ``message`` is for the officer (never says which part was wrong)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class PermissionDeniedError(Exception):
    def __init__(self, actor: Actor, permission: Permission) -> None:
        super().__init__(f"Akses ditolak: peran {actor.role} tidak boleh melakukan '{permission.value}'.")
        self.actor = actor
        self.permission = permission
        self.message = str(self)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # large module: import on first use only

    extra = (resources_dir() / "data" / "common-passwords-id.txt").read_text(encoding="utf-8").splitlines()
    words = {w.strip().lower() for w in extra if w.strip() and not w.startswith("#")}
    return frozenset(FREQUENCY_LISTS["passwords"]) | words


def _dto(o: Officer) -> OfficerDTO:
    return OfficerDTO(o.id, o.username, o.full_name, o.role, o.active, o.locked_until)


def actor_of(o: Officer) -> Actor:
    return Actor(o.id, o.username, o.full_name, o.role)


def authorize(ctx: ServiceContext, actor: Actor, permission: Permission) -> None:
    """Raise if ``actor`` may not do ``permission``; the refusal is audited in its own transaction."""
    if allowed(actor.role, permission):
        return

    def record(session: Session) -> None:
        append_event(
            session,
            ctx,
            actor=actor,
            action="access.denied",
            entity="permission",
            entity_id=permission.value,
            details={"role": actor.role},
        )

    ctx.write(record)
    raise PermissionDeniedError(actor, permission)


def validate_new_officer(username: str, full_name: str, role: str, password: str) -> list[Issue]:
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


def add_officer(
    ctx: ServiceContext,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    by: Actor | None,
    as_system: bool = False,
) -> OfficerDTO:
    """Create an account.

    ``by`` is the supervisor adding it. Without one, only the first supervisor at set-up may be
    created — or ``as_system`` is set by the command line, where branch IT acts with direct access
    to the database files; that path is audited as ``system``.
    """
    username = username.strip().lower()
    issues = validate_new_officer(username, full_name, role, password)
    if issues:
        raise DomainError(issues)
    if by is not None:
        authorize(ctx, by, Permission.MANAGE_OFFICERS)
    password_hash = HASHER.hash(password)

    def work(session: Session) -> OfficerDTO:
        if by is None and not as_system and session.execute(select(func.count(Officer.id))).scalar_one() > 0:
            raise DomainError(
                Issue(
                    "username",
                    "officer.setup_done",
                    "Akun pertama sudah dibuat; minta supervisor menambah akun.",
                )
            )
        if session.execute(select(Officer.id).where(Officer.username == username)).first():
            raise DomainError(
                Issue("username", "username.taken", f"Nama pengguna '{username}' sudah dipakai.")
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
        append_event(
            session,
            ctx,
            actor=by,
            action="officer.add",
            entity="officer",
            entity_id=username,
            details={"role": role, "via": "cli" if as_system else "app"},
        )
        return _dto(officer)

    return ctx.write(work)


def has_officers(ctx: ServiceContext) -> bool:
    return ctx.read(lambda s: s.execute(select(func.count(Officer.id))).scalar_one() > 0)


def login(ctx: ServiceContext, username: str, password: str) -> Actor:
    """Check a password. Ten failures in a row lock the account for 15 minutes."""
    username = username.strip().lower()
    now = ctx.clock()

    def work(session: Session) -> tuple[Actor | None, AuthError | None]:
        officer = session.execute(select(Officer).where(Officer.username == username)).scalar_one_or_none()
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
            return None, AuthError(
                "login.locked",
                f"Akun terkunci karena terlalu banyak percobaan. Coba lagi dalam {minutes} menit.",
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
        actor = actor_of(officer)
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
    """Used by the CLI, where the operating-system account stands for the officer."""

    def work(session: Session) -> Actor | None:
        o = session.execute(
            select(Officer).where(Officer.username == username.strip().lower(), Officer.active.is_(True))
        ).scalar_one_or_none()
        return actor_of(o) if o else None

    return ctx.read(work)


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


def set_officer_active(
    ctx: ServiceContext, by: Actor, username: str, active: bool, reason: str
) -> OfficerDTO:
    """A supervisor deactivates (or reactivates) an account; the reason is audited."""
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    reason = " ".join(reason.split())
    if active is False and not reason:
        raise DomainError(Issue("reason", "reason.required", "Alasan penonaktifan wajib diisi."))
    if username == by.username and not active:
        raise DomainError(
            Issue("username", "officer.self", "Supervisor tidak dapat menonaktifkan akunnya sendiri.")
        )

    def work(session: Session) -> OfficerDTO:
        officer = session.execute(select(Officer).where(Officer.username == username)).scalar_one_or_none()
        if officer is None:
            raise DomainError(Issue("username", "officer.unknown", f"Petugas '{username}' tidak ada."))
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


def list_officers(ctx: ServiceContext, by: Actor) -> list[OfficerDTO]:
    authorize(ctx, by, Permission.MANAGE_OFFICERS)
    return ctx.read(
        lambda s: [
            _dto(o)
            for o in s.execute(select(Officer).order_by(Officer.active.desc(), Officer.username)).scalars()
        ]
    )
