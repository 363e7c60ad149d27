"""``loket`` on the command line: the same services as the GUI, for scripts, IT tasks and tests."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Iterator, Sequence

# Each module adds its sub-commands with ``register(subparsers, common)``; a command line imports
# only the modules its command needs (``app.cli.lazy``: ``loket --help`` imports none).
COMMAND_MODULES = (
    "app.cli.core",
    "app.cli.contributions",
    "app.cli.cards",
    "app.cli.database",
    "app.cli.search",
    "app.cli.importing",
    "app.cli.privacy",
    "app.cli.day",
    "app.cli.packages",
    "app.cli.outreach",
    "app.cli.holidays",
    "app.cli.projects",
    "app.cli.ktp",
    "app.cli.region",
)


EXIT_REFUSED = 3  # a wrong password, a deactivated or locked account, or a power the account lacks


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="basis data: URL SQLAlchemy (sqlite:///…, postgresql+psycopg://…) atau path file SQLite",
    )
    common.add_argument("--home", default=argparse.SUPPRESS, metavar="DIR", help="folder data Loket (uji/IT)")
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (None: every command, fully registered)."""
    from app.cli.lazy import add_stubs, modules_for

    common = common_options()
    parser = argparse.ArgumentParser(
        prog="loket",
        description="Loket pendaftaran peserta BPJS Ketenagakerjaan. Tanpa argumen: membuka aplikasi.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in modules_for(argv, COMMAND_MODULES):
        importlib.import_module(name).register(sub, common)
    add_stubs(sub)
    return parser


@contextlib.contextmanager
def _private_temp(args: argparse.Namespace) -> Iterator[None]:
    """Temporary files of the command in Loket's private work folder (``app.infra.workspace``)."""
    from app.infra.paths import app_paths
    from app.infra.workspace import private_tempdir

    try:
        paths = app_paths(getattr(args, "home", None))
        paths.ensure()
    except OSError:  # a read-only home: the command says so itself
        yield
        return
    with private_tempdir(paths):
        yield


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    from app.db.uow import DatabaseBusyError, DatabaseUnavailableError, StorageError
    from app.domain.issues import DomainError
    from app.infra.logs import configure_logging
    from app.infra.paths import app_paths

    with contextlib.suppress(OSError):  # a read-only home still lets the command run
        configure_logging(app_paths(getattr(args, "home", None)).logs, level=logging.WARNING)
    if not getattr(args, "func", None):
        build_parser(argv).print_help()
        return 1
    from app.cli.common import OPENED, close_opened
    from app.services.auth import AuthError, PermissionDeniedError

    token = OPENED.set([])
    try:
        with _private_temp(args):
            return int(args.func(args) or 0)
    except (AuthError, PermissionDeniedError) as exc:
        # Refused identity or power: one line for the person, never a traceback (already audited).
        print(f"loket: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except CliError as exc:
        print(f"loket: {exc}", file=sys.stderr)
        return exc.code
    except DomainError as exc:
        for issue in exc.issues:
            print(f"loket: {issue.field}: {issue.message} [{issue.code}]", file=sys.stderr)
        return 2
    except DatabaseBusyError as exc:
        print(f"loket: {exc.message}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    except StorageError as exc:
        print(f"loket: {exc.message}", file=sys.stderr)
        return 74  # EX_IOERR
    except DatabaseUnavailableError as exc:
        print(f"loket: {exc.describe()}", file=sys.stderr)
        return 69  # EX_UNAVAILABLE
    except KeyboardInterrupt:
        print("loket: dibatalkan", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback
        return _unexpected(args, exc)
    finally:
        close_opened()
        OPENED.reset(token)


def _unexpected(args: argparse.Namespace, exc: Exception) -> int:
    """An error nobody foresaw: one Indonesian line, and a report in the log folder holding where it
    failed and its type only (a driver's message can quote a row: a NIK, a name, a phone)."""
    import datetime as dt

    from sqlalchemy.exc import DBAPIError

    from app.db.uow import DatabaseUnavailableError, is_disconnect
    from app.infra.logs import write_crash_report
    from app.infra.paths import app_paths

    if isinstance(exc, DBAPIError) and is_disconnect(exc):
        print(f"loket: {DatabaseUnavailableError('server').describe()}", file=sys.stderr)
        return 69
    where = "-"
    with contextlib.suppress(OSError):
        when = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        where = str(
            write_crash_report(
                app_paths(getattr(args, "home", None)).logs,
                type(exc),
                exc,
                exc.__traceback__,
                version="cli",
                when=when,
            )
        )
    kind = type(exc).__name__
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    detail = f"{kind}{f', SQLSTATE {code}' if code else ''}"
    print(
        f"loket: kesalahan tak terduga ({detail}); tidak ada yang setengah tersimpan. Laporan tanpa data "
        f"peserta: {where}. Sampaikan ke IT cabang.",
        file=sys.stderr,
    )
    return 70  # EX_SOFTWARE
