"""``loket --help`` lists every command without importing any command module; a command imports
only the modules that register it; the static table stays in step with the modules."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from app.cli import COMMAND_MODULES, build_parser
from app.cli.commands import COMMANDS
from app.cli.lazy import command_name, command_table, modules_for


def test_the_table_is_what_the_modules_register() -> None:
    assert list(COMMANDS) == command_table(COMMAND_MODULES), (
        "app/cli/commands.py is stale: run `python tools/cli_commands.py`"
    )


def test_help_from_the_table_is_the_help_of_every_module() -> None:
    assert build_parser(["--help"]).format_help() == build_parser(None).format_help()


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        ([], None),
        (["--help"], None),
        (["--db", "x.sqlite3", "enrol", "--json", "-"], "enrol"),
        (["--home=/tmp/h", "day", "close"], "day"),
        (["--home", "/tmp/h", "-h"], None),
        (["member", "show", "1"], "member"),
    ],
)
def test_the_command_word_skips_global_options(argv: list[str], name: str | None) -> None:
    assert command_name(argv) == name


def test_a_command_imports_only_its_modules() -> None:
    assert modules_for(["--help"], COMMAND_MODULES) == ()
    assert list(modules_for(["backups"], COMMAND_MODULES)) == ["app.cli.database"]
    assert list(modules_for(["db", "copy"], COMMAND_MODULES)) == ["app.cli.core", "app.cli.database"]
    # Unknown to the table (a typo, or a table not regenerated yet): every module, so it still runs.
    assert list(modules_for(["no-such"], COMMAND_MODULES)) == list(COMMAND_MODULES)


PROBE = textwrap.dedent(
    """
    import sys
    from app.cli import COMMAND_MODULES, main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    heavy = sorted(m for m in sys.modules if m in COMMAND_MODULES or m.split('.')[0] in
                   ('sqlalchemy', 'reportlab', 'PySide6', 'alembic', 'lokal'))
    print('LOADED', ' '.join(heavy))
    """
)


def _loaded(*argv: str) -> tuple[str, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    help_text, _, loaded = out.rpartition("LOADED")
    return help_text, set(loaded.split())


def test_loket_help_loads_no_command_module_and_no_heavy_library() -> None:
    help_text, loaded = _loaded("--help")
    assert loaded == set()
    for name, help_line, _modules in COMMANDS:
        assert name in help_text
        assert help_line.split()[0] in help_text


def test_a_command_s_help_loads_its_module_only() -> None:
    _help, loaded = _loaded("backups", "--help")
    assert "app.cli.database" in loaded
    assert not loaded & {"app.cli.cards", "app.cli.day", "app.cli.importing", "app.cli.contributions"}
