"""Roles and what each may do. Services check these; hiding buttons is only a courtesy."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account is: an officer at the counter or a supervisor."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"


class Permission(StrEnum):
    """One power an account may have; a role grants a set of them."""

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
    MOVE_MEMBER = "move_member"
    REGION = "region"


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
        Permission.MOVE_MEMBER,
    }
)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.SUPERVISOR: frozenset(Permission),
}
ROLE_LABELS = {Role.OFFICER: "Petugas loket", Role.SUPERVISOR: "Supervisor"}

# What each permission lets a person do, for refusals worded for the person refused.
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.ENROL: "mendaftarkan peserta",
    Permission.PAY: "mencatat pembayaran iuran",
    Permission.PRINT: "mencetak kartu dan tanda terima",
    Permission.VERIFY: "memeriksa kartu",
    Permission.SEARCH: "mencari peserta",
    Permission.VIEW_RECORD: "membuka data lengkap peserta",
    Permission.PROPOSE_CORRECTION: "mengajukan koreksi data",
    Permission.APPROVE: "menyetujui atau menolak permintaan",
    Permission.VOID: "membatalkan pembayaran",
    Permission.CLOSE_DAY: "menutup hari dan membuka ringkasan cabang",
    Permission.EXPORT: "mengekspor data",
    Permission.EXPORT_FULL_NIK: "mengekspor NIK lengkap",
    Permission.SETTINGS: "mengubah pengaturan, kunci dan basis data cabang",
    Permission.MANAGE_OFFICERS: "mengelola akun petugas",
    Permission.MOVE_MEMBER: "mengajukan mutasi peserta ke cabang lain",
    Permission.REGION: "mengelola replikasi wilayah (Kanwil)",
}


def supervisor_only(permission: Permission) -> bool:
    """A supervisor's power: it needs a password-proven, active, unlocked supervisor account."""
    return permission not in _OFFICER


def allowed(role: str, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
