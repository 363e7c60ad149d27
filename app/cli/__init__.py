"""``loket`` on the command line: the same services as the GUI, for scripts, IT tasks and tests."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Sequence

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
    "app.cli.outreach",
    "app.cli.holidays",
    "app.cli.projects",
)


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    from app.db.uow import DatabaseBusyError, StorageError
    from app.domain.issues import DomainError
    from app.infra.logs import configure_logging
    from app.infra.paths import app_paths

    with contextlib.suppress(OSError):  # a read-only home still lets the command run
        configure_logging(app_paths(getattr(args, "home", None)).logs, level=logging.WARNING)
    if not getattr(args, "func", None):
        build_parser(argv).print_help()
        return 1
    try:
        return int(args.func(args) or 0)
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
    except KeyboardInterrupt:
        print("loket: dibatalkan", file=sys.stderr)
        return 130
