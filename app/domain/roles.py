"""Roles and what each may do. Services check these; hiding buttons is only a courtesy."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"


class Permission(StrEnum):
    ENROL = "enrol"
    PAY = "pay"
    PRINT = "print"
    VERIFY = "verify"
    SEARCH = "search"
    VIEW_RECORD = "view_record"
    PROPOSE_CORRECTION = "propose_correction"
    APPROVE = "approve"
    VOID = "void"
    CLOSE_DAY = "close_day"
    EXPORT = "export"
    EXPORT_FULL_NIK = "export_full_nik"
    SETTINGS = "settings"
    MANAGE_OFFICERS = "manage_officers"


_OFFICER = frozenset(
    {
        Permission.ENROL,
        Permission.PAY,
        Permission.PRINT,
        Permission.VERIFY,
        Permission.SEARCH,
        Permission.VIEW_RECORD,
        Permission.PROPOSE_CORRECTION,
        Permission.EXPORT,
    }
)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.SUPERVISOR: frozenset(Permission),
}
ROLE_LABELS = {Role.OFFICER: "Petugas loket", Role.SUPERVISOR: "Supervisor"}


def allowed(role: str, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
