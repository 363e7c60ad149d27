"""Every role × action pair, enforced in the services themselves; every denial is audited."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app.db.models import AuditEvent, Officer
from app.domain.issues import DomainError
from app.domain.roles import Permission, Role, allowed, supervisor_only
from app.services import (
    auth,
    backup,
    branch,
    card_keys,
    cards,
    contributions,
    corrections,
    dashboard,
    day,
    dbcopy,
    deactivation,
    demo,
    enrolment,
    exports,
    packages,
    privacy,
    records,
    registration_receipt,
    search,
    search_index,
)
from app.services.audit_key import export_audit_key
from app.services.auth import AuthError, PermissionDeniedError
from app.services.region import audit as region_audit
from app.services.region import status as region_status
from app.services.region import transfer
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
        "unlock officer",
        Permission.MANAGE_OFFICERS,
        lambda ctx, a, pw, d: auth.unlock_officer(ctx, a, "budi", "lupa sandi"),
    ),
    (
        "update branch",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: branch.setup_branch(
            ctx, code="101", name="KCP Indralaya Baru", timezone="Asia/Jakarta", by=a
        ),
    ),
    (
        "trust another branch's key",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: card_keys.import_keys(ctx, a, card_keys.export_keys(ctx)),
    ),
    ("rotate card key", Permission.SETTINGS, lambda ctx, a, pw, d: card_keys.rotate_key(ctx, a)),
    (
        "restore",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: backup.restore_backup(ctx, a, d["tmp"] / "tidak-ada.sqlite3"),
    ),
    ("seed training data", Permission.SETTINGS, lambda ctx, a, pw, d: demo.seed_members(ctx, a, 1)),
    (
        "copy database",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: dbcopy.copy_database(ctx, a, str(d["tmp"] / f"salinan-{a.username}.sqlite3")),
    ),
    (
        "export audit key",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: export_audit_key(ctx, a, d["tmp"] / f"kunci-{a.username}.txt"),
    ),
    (
        "rebuild search index",
        Permission.SETTINGS,
        lambda ctx, a, pw, d: search_index.rebuild_search_index(ctx, a),
    ),
    (
        "set coverage target",
        Permission.CLOSE_DAY,
        lambda ctx, a, pw, d: dashboard.set_coverage_target(
            ctx,
            a,
            regency_code="16.10",
            workers=1000,
            target_bp=5000,
            baseline_bp=3400,
            baseline_date=dt.date(2026, 1, 1),
        ),
    ),
    (
        "reject correction",
        Permission.APPROVE,
        lambda ctx, a, pw, d: corrections.reject_correction(ctx, a, d["correction"], "tidak ada dokumen"),
    ),
    ("package conflicts", Permission.APPROVE, lambda ctx, a, pw, d: packages.package_conflicts(ctx, a)),
    (
        "check package",
        Permission.APPROVE,
        lambda ctx, a, pw, d: packages.check_package(ctx, a, d["tmp"] / "tidak-ada.lpkg"),
    ),
    (
        "branch day summary",
        Permission.CLOSE_DAY,
        lambda ctx, a, pw, d: day.day_summary(ctx, a, dt.date(2026, 11, 23), verify_chain=False),
    ),
    (
        "reopen day",
        Permission.CLOSE_DAY,
        lambda ctx, a, pw, d: day.reopen_day(
            ctx, a, dt.date(2026, 11, 22), password=pw, reason="salah hitung"
        ),
    ),
    ("region status", Permission.REGION, lambda ctx, a, pw, d: region_status.region_status(ctx, a)),
    ("region audit", Permission.REGION, lambda ctx, a, pw, d: region_audit.regional_audit(ctx, a)),
    (
        "send a member to another branch",
        Permission.MOVE_MEMBER,
        lambda ctx, a, pw, d: transfer.request_move(ctx, a, d["number"], "102", "pindah domisili"),
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


SUPERVISOR_ONLY = [a for a in ACTIONS if supervisor_only(a[1])]


@pytest.fixture
def standing(ctx: Any, supervisor: Any, clock: Any) -> dict[str, Any]:
    """A supervisor's account in each state that must lose a supervisor's powers."""
    for name in ("rina", "tono"):
        auth.add_officer(
            ctx,
            username=name,
            full_name=name.title(),
            role="supervisor",
            password=SUPERVISOR_PASSWORD,
            by=supervisor,
        )
    rina, tono = (auth.login(ctx, n, SUPERVISOR_PASSWORD) for n in ("rina", "tono"))
    auth.set_officer_active(ctx, supervisor, "rina", False, "pindah tugas")  # after she logged in
    ctx.write(
        lambda s: s.execute(
            update(Officer)
            .where(Officer.username == "tono")
            .values(locked_until=clock() + dt.timedelta(hours=1))
        )
    )
    unproven = auth.officer_by_username(ctx, "siti")  # a name typed on the command line
    return {"unproven": unproven, "inactive": rina, "locked": tono}


@pytest.mark.parametrize("state", ["unproven", "inactive", "locked"])
@pytest.mark.parametrize(("name", "permission", "call"), SUPERVISOR_ONLY, ids=[a[0] for a in SUPERVISOR_ONLY])
def test_a_supervisor_power_needs_a_proven_active_unlocked_account(
    ctx: Any,
    data: dict[str, Any],
    standing: dict[str, Any],
    state: str,
    name: str,
    permission: Permission,
    call: Action,
) -> None:
    """Before: the role alone decided, so a supervisor named on the command line without a password,
    or deactivated or locked after logging in, kept every power."""
    actor = standing[state]
    before = len(denials(ctx))
    with pytest.raises(PermissionDeniedError) as refused:
        call(ctx, actor, SUPERVISOR_PASSWORD, data)
    assert refused.value.reason == state
    assert refused.value.message.startswith("Akses ditolak") and "Traceback" not in refused.value.message
    events = ctx.read(
        lambda s: [
            json.loads(d)
            for (d,) in s.execute(
                select(AuditEvent.details)
                .where(AuditEvent.action == "access.denied")
                .order_by(AuditEvent.seq)
            )
        ]
    )
    assert len(events) == before + 1
    assert events[-1]["reason"] == state and events[-1]["username"] == actor.username


def test_an_account_is_unlocked_only_by_another_supervisor(ctx: Any, supervisor: Any, officer: Any) -> None:
    """Before: ``officer activate sari --by sari`` cleared sari's own lock-out."""
    with pytest.raises(PermissionDeniedError) as refused:
        auth.unlock_officer(ctx, supervisor, "siti", "saya sendiri")
    assert refused.value.reason == "self"
    with pytest.raises(PermissionDeniedError):
        auth.set_officer_active(ctx, supervisor, "siti", True, "saya sendiri")
    with pytest.raises(PermissionDeniedError):
        auth.unlock_officer(ctx, officer, "budi", "saya sendiri")  # an officer unlocks nobody
