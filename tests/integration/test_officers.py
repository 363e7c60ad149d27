"""Officer accounts: lockout, password change, deactivation, and role checks in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from app.domain.issues import DomainError
from app.services import auth
from app.services.auth import AuthError, PermissionDeniedError
from tests.conftest import OFFICER_PASSWORD, FakeClock


def test_ten_failures_lock_the_account_for_fifteen_minutes(ctx: Any, officer: Any, clock: FakeClock) -> None:
    for _ in range(9):
        with pytest.raises(AuthError) as e:
            auth.login(ctx, "budi", "salah-salah-salah")
        assert e.value.code == "login.invalid"
    with pytest.raises(AuthError) as e:
        auth.login(ctx, "budi", "salah-salah-salah")
    assert e.value.code == "login.locked"
    with pytest.raises(AuthError) as e:
        auth.login(ctx, "budi", OFFICER_PASSWORD)  # even the right password waits
    assert e.value.code == "login.locked" and "menit" in e.value.message
    clock.advance(minutes=15, seconds=1)
    assert auth.login(ctx, "budi", OFFICER_PASSWORD).username == "budi"


def test_unknown_user_and_wrong_password_look_the_same(ctx: Any, officer: Any) -> None:
    with pytest.raises(AuthError) as a:
        auth.login(ctx, "nobody", "whatever-whatever")
    with pytest.raises(AuthError) as b:
        auth.login(ctx, "budi", "whatever-whatever")
    assert a.value.message == b.value.message


def test_copies_of_officers_from_elsewhere_share_names_but_never_sign_in(
    ctx: Any, officer: Any, supervisor: Any
) -> None:
    # What a member's history (mutasi) or the Kanwil brings: another branch's "budi", no password.
    with ctx.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO officer (id, username, full_name, role, password_hash, active, failed_logins, "
                "created_at) VALUES (102000000000002, 'budi', 'Budi 102', 'officer', '!', true, 0, :at)"
            ),
            {"at": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)},
        )
    me = auth.login(ctx, "budi", OFFICER_PASSWORD)
    assert me.id == officer.id and me.full_name == "Budi Santoso"
    assert auth.identify(ctx, "budi").id == officer.id
    with pytest.raises(AuthError):
        auth.login(ctx, "budi", "!")
    locked = auth.set_officer_active(ctx, supervisor, "budi", False, reason="cuti panjang")
    assert locked.active is False
    with pytest.raises(AuthError) as e:
        auth.login(ctx, "budi", OFFICER_PASSWORD)
    assert e.value.code == "login.inactive"


def test_change_password(ctx: Any, officer: Any) -> None:
    with pytest.raises(DomainError) as e:
        auth.change_password(ctx, officer, OFFICER_PASSWORD, "pendek")
    assert e.value.issues[0].code == "password.length"
    with pytest.raises(AuthError):
        auth.change_password(ctx, officer, "bukan-sandi-lama", "Sandi-Baru-Loket-2026")
    auth.change_password(ctx, officer, OFFICER_PASSWORD, "Sandi-Baru-Loket-2026")
    with pytest.raises(AuthError):
        auth.login(ctx, "budi", OFFICER_PASSWORD)
    assert auth.login(ctx, "budi", "Sandi-Baru-Loket-2026").username == "budi"


def test_supervisor_deactivates_an_officer(ctx: Any, supervisor: Any, officer: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        auth.set_officer_active(ctx, officer, "siti", False, "iseng")
    with pytest.raises(DomainError):
        auth.set_officer_active(ctx, supervisor, "budi", False, "")
    auth.set_officer_active(ctx, supervisor, "budi", False, "pindah tugas")
    with pytest.raises(AuthError) as e:
        auth.login(ctx, "budi", OFFICER_PASSWORD)
    assert e.value.code == "login.inactive"
    assert auth.officer_by_username(ctx, "budi") is None
    auth.set_officer_active(ctx, supervisor, "budi", True, "kembali")
    assert auth.login(ctx, "budi", OFFICER_PASSWORD).username == "budi"
    names = [o.username for o in auth.list_officers(ctx, supervisor)]
    assert names == ["budi", "siti"]


def test_passwords_are_argon2id_at_owasp_parameters(ctx: Any, officer: Any) -> None:
    from sqlalchemy import select

    from app.db.models import Officer

    h = ctx.read(
        lambda s: s.execute(select(Officer.password_hash).where(Officer.username == "budi")).scalar_one()
    )
    assert h.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert dt.timedelta(minutes=15) == auth.LOCKOUT and auth.MAX_FAILURES == 10
