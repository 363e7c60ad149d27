"""Helpers shared by the command modules: opening the app, naming and proving the actor, output."""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import functools
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from app.bootstrap import Opened, open_app
from app.services import auth
from app.services.dto import Actor
from app.services.records_dto import DuplicateOverride

# What this command opened, closed when it ends (``app.cli.main``): a command run in-process (tests,
# the self-test) must not leave connections to a server behind.
OPENED: contextvars.ContextVar[list[Opened] | None] = contextvars.ContextVar("loket_cli_opened", default=None)


def close_opened() -> None:
    from app.services.kanwil import close_kanwil

    for opened in OPENED.get() or []:
        with contextlib.suppress(Exception):
            close_kanwil(opened.ctx)  # the short link a branch keeps to ask its Kanwil
            opened.ctx.engine.dispose()


def open_from_args(args: argparse.Namespace, *, migrate: bool = True) -> Opened:
    from sqlalchemy.exc import DBAPIError

    from app.cli import CliError
    from app.db.backup import BackupError
    from app.db.schema import SchemaTooNewError
    from app.db.uow import DatabaseUnavailableError, is_disconnect
    from app.infra.storage import UnsafeStorageError
    from app.services.audit import AuditKeyMismatchError

    try:
        opened = open_app(getattr(args, "db", None), home=getattr(args, "home", None), migrate=migrate)
        tracked = OPENED.get()
        if tracked is not None:
            tracked.append(opened)
        return opened
    except (SchemaTooNewError, UnsafeStorageError, BackupError, AuditKeyMismatchError) as exc:
        raise CliError(str(exc), 3) from exc
    except DBAPIError as exc:
        if is_disconnect(exc):
            raise DatabaseUnavailableError(_where(args)) from None
        raise


def _where(args: argparse.Namespace) -> str:
    from app.bootstrap import resolve_database_url
    from app.db.engine import describe
    from app.infra.paths import app_paths
    from app.infra.settings import load_settings

    try:
        paths = app_paths(getattr(args, "home", None))
        return describe(resolve_database_url(paths, load_settings(paths), getattr(args, "db", None)))
    except Exception:
        return "server"


def require_officer(opened: Opened, username: str) -> Actor:
    """The officer named for an officer's work (no password; unknown, deactivated and locked
    accounts are refused and audited by ``auth.identify``)."""
    return auth.identify(opened.ctx, username)


def prove(opened: Opened, username: str, *, prompt: str | None = None) -> tuple[Actor, str]:
    """The named person's password (prompt, or the next line of piped stdin), checked like the
    window's login: → (the proven actor, the password, for services that ask for it again).
    A wrong password, a deactivated or a locked account raises ``AuthError`` (audited)."""
    password = read_password(prompt or f"Kata sandi {username}: ")
    return auth.login(opened.ctx, username, password), password


def require_supervisor(opened: Opened, username: str) -> Actor:
    """A supervisor's action: the account named AND its password. Whether the account may do the
    action is the service's decision (``auth.authorize``)."""
    return prove(opened, username)[0]


def add_override_options(p: argparse.ArgumentParser, what: str) -> None:
    """``--override-supervisor`` and ``--override-reason``: a supervisor allows a likely duplicate."""
    p.add_argument(
        "--override-supervisor",
        metavar="SUPERVISOR",
        help=f"simpan juga {what} yang mirip peserta lain (kata sandi dari prompt/stdin)",
    )
    p.add_argument(
        "--override-reason", metavar="ALASAN", help="alasan supervisor (wajib dengan --override-supervisor)"
    )


def duplicate_override(opened: Opened, args: argparse.Namespace) -> DuplicateOverride | None:
    """The supervisor's password and reason to save records that resemble an existing member
    (checked here, enforced and audited by the enrolment and import services)."""
    from app.cli import CliError
    from app.services import duplicates

    who, reason = args.override_supervisor, args.override_reason
    if who is None:
        if reason is not None:
            raise CliError("--override-reason hanya bersama --override-supervisor", 2)
        return None
    if reason is None:
        raise CliError("--override-supervisor perlu --override-reason ALASAN", 2)
    supervisor = require_supervisor(opened, who)
    override = DuplicateOverride(supervisor, " ".join(reason.split()))
    duplicates.check_override(opened.ctx, override)
    return override


def read_password(prompt: str = "Kata sandi: ", *, confirm: bool = False) -> str:
    """From the terminal (hidden, asked twice when ``confirm``), or the next line of piped stdin."""
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


def friendly(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Refused logins and permissions print as one line (exit 3), like every refused identity."""

    @functools.wraps(fn)
    def run(args: argparse.Namespace) -> int:
        from app.cli import EXIT_REFUSED, CliError

        try:
            return fn(args)
        except (auth.AuthError, auth.PermissionDeniedError) as exc:
            raise CliError(exc.message, EXIT_REFUSED) from exc

    return run
