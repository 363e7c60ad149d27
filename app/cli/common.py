"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from app.bootstrap import Opened, open_app
from app.services.auth import officer_by_username
from app.services.dto import Actor


def open_from_args(args: argparse.Namespace, *, migrate: bool = True) -> Opened:
    from app.cli import CliError
    from app.db.backup import BackupError
    from app.db.schema import SchemaTooNewError
    from app.infra.storage import UnsafeStorageError
    from app.services.audit import AuditKeyMismatchError

    try:
        return open_app(getattr(args, "db", None), home=getattr(args, "home", None), migrate=migrate)
    except (SchemaTooNewError, UnsafeStorageError, BackupError, AuditKeyMismatchError) as exc:
        raise CliError(str(exc), 3) from exc


def require_officer(opened: Opened, username: str) -> Actor:
    from app.cli import CliError

    actor = officer_by_username(opened.ctx, username)
    if actor is None:
        raise CliError(f"petugas '{username}' tidak ada atau tidak aktif", 2)
    return actor


def read_password(prompt: str = "Kata sandi: ", *, confirm: bool = False) -> str:
    """From the terminal (hidden, asked twice when ``confirm``), or the first line of piped stdin."""
    from app.cli import CliError

    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
        raise CliError("kedua kata sandi tidak sama", 2)
    return first


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
