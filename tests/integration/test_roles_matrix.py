"""Every role × action pair, enforced in the services themselves; every denial is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db.models import AuditEvent
from app.domain.issues import DomainError
from app.domain.roles import Permission, Role, allowed
from app.services import (
    auth,
    backup,
    cards,
    contributions,
    corrections,
    day,
    deactivation,
    enrolment,
    exports,
    privacy,
    records,
    registration_receipt,
    search,
)
from app.services.auth import AuthError, PermissionDeniedError
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, bpu_record

Action = Callable[[Any, Any, str, dict[str, Any]], object]

# (name, the permission the service demands, the call). ``data`` holds a member and a payment made in setup.
ACTIONS: list[tuple[str, Permission, Action]] = [
    (
        "enrol",
        Permission.ENROL,
        lambda ctx, a, pw, d: enrolment.enrol_worker(ctx, a, bpu_record(nik="1610014508900051")),
    ),
    (
        "pay",
        Permission.PAY,
        lambda ctx, a, pw, d: contributions.pay(ctx, a, d["number"], months=1, method="cash"),
    ),
    ("print card", Permission.PRINT, lambda ctx, a, pw, d: cards.issue_card(ctx, a, d["number"])),
    (
        "print registration receipt",
        Permission.PRINT,
        lambda ctx, a, pw, d: registration_receipt.registration_receipt(ctx, a, d["number"]),
    ),
    ("verify card", Permission.VERIFY, lambda ctx, a, pw, d: cards.verify_card_text(ctx, "HC1:XYZ", actor=a)),
    ("search", Permission.SEARCH, lambda ctx, a, pw, d: search.search_members(ctx, a, "siti")),
    (
        "view record",
        Permission.VIEW_RECORD,
        lambda ctx, a, pw, d: records.open_member_record(ctx, a, d["number"]),
    ),
    (
        "propose correction",
        Permission.PROPOSE_CORRECTION,
        lambda ctx, a, pw, d: corrections.propose_correction(
            ctx, a, d["number"], {"nama": "SITI AMINAH BINTI ALI"}, "sesuai KTP asli"
        ),
    ),
    (
        "approve correction",
        Permission.APPROVE,
        lambda ctx, a, pw, d: corrections.approve_correction(ctx, a, d["correction"], pw),
    ),
    (
        "deactivate member",
        Permission.APPROVE,
        lambda ctx, a, pw, d: deactivation.deactivate_member(ctx, a, d["other"], "abroad"),
    ),
    (
        "void payment",
        Permission.VOID,
        lambda ctx, a, pw, d: contributions.void_payment(
            ctx, a, d["payment"], reason="salah ketik", password=pw
        ),
    ),
    (
        "load rate table",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: contributions.load_rate_table(ctx, a, "{}", password=pw),
    ),
    (
        "backup",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: backup.backup_now(ctx, a, d["tmp"] / f"{a.username}.db"),
    ),
    (
        "retention purge",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: privacy.purge_expired(ctx, a, pw, dry_run=True),
    ),
    (
        "add officer",
        Permission.MANAGE_OFFICERS,
        lambda ctx, a, pw, d: auth.add_officer(
            ctx,
            username=f"baru{a.id}",
            full_name="Baru",
            role="officer",
            password="Loket-Baru-Sekali-9",
            by=a,
        ),
    ),
    (
        "deactivate officer",
        Permission.MANAGE_OFFICERS,
        lambda ctx, a, pw, d: auth.set_officer_active(ctx, a, "budi", True, "cek"),
    ),
    ("list officers", Permission.MANAGE_OFFICERS, lambda ctx, a, pw, d: auth.list_officers(ctx, a)),
    (
        "close day",
        Permission.CLOSE_DAY,
        lambda ctx, a, pw, d: day.close_day(ctx, a, dt.date(2026, 11, 22), password=pw),
    ),
    (
        "export (masked)",
        Permission.EXPORT,
        lambda ctx, a, pw, d: exports.export_records(
            ctx,
            a,
            start=dt.date(2026, 11, 23),
            end=dt.date(2026, 11, 23),
            fmt="csv",
            folder=d["tmp"] / f"x-{a.username}",
        ),
    ),
    (
        "export full NIK",
        Permission.EXPORT_FULL_NIK,
        lambda ctx, a, pw, d: exports.export_records(
            ctx,
            a,
            start=dt.date(2026, 11, 23),
            end=dt.date(2026, 11, 23),
            fmt="csv",
            folder=d["tmp"] / f"f-{a.username}",
            full_nik=True,
        ),
    ),
]


@pytest.fixture
def data(ctx: Any, officer: Any, supervisor: Any, tmp_path: Path) -> dict[str, Any]:
    member = enrolment.enrol_worker(ctx, officer, bpu_record(bulan_bayar=1))
    other = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900052"))
    payment = contributions.record_enrolment_payment(ctx, officer, member.number, method="cash")
    proposal = corrections.propose_correction(
        ctx, officer, member.number, {"nama_ibu": "FATIMAH ZAHRA"}, "sesuai KTP asli"
    )
    assert payment is not None
    return {
        "number": member.number,
        "other": other.number,
        "payment": payment.id,
        "correction": proposal.id,
        "tmp": tmp_path,
    }


def denials(ctx: Any) -> list[tuple[str, str]]:
    return ctx.read(
        lambda s: [
            tuple(r)
            for r in s.execute(
                select(AuditEvent.actor, AuditEvent.entity_id).where(AuditEvent.action == "access.denied")
            ).all()
        ]
    )


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR])
@pytest.mark.parametrize(("name", "permission", "call"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_role_action_pair(
    ctx: Any,
    officer: Any,
    supervisor: Any,
    data: dict[str, Any],
    role: Role,
    name: str,
    permission: Permission,
    call: Action,
) -> None:
    actor, password = (
        (officer, OFFICER_PASSWORD) if role is Role.OFFICER else (supervisor, SUPERVISOR_PASSWORD)
    )
    before = denials(ctx)
    if allowed(role, permission):
        try:
            call(ctx, actor, password, data)
        except PermissionDeniedError as exc:  # pragma: no cover - the assertion message says it all
            pytest.fail(f"{role} must be allowed to {name}: {exc}")
        except (DomainError, AuthError):
            pass  # past the permission gate; the data of this test may not suit the action
        assert denials(ctx) == before
    else:
        with pytest.raises(PermissionDeniedError):
            call(ctx, actor, password, data)
        assert denials(ctx) == [*before, (actor.username, permission.value)]


def test_every_permission_is_covered() -> None:
    assert {p for _, p, _ in ACTIONS} == set(Permission)
