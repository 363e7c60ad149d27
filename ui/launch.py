"""The ``loket`` entry point: no arguments opens the window, anything else is the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--self-test"]:
        args = ["self-test", *args[1:]]
    if args[:1] == ["self-test"]:  # the window's parts are checked too: printing, translations, charts
        from ui.selftest import register

        register()
    gui_flags = {"--db", "--home"}
    if not args or (args[0] in gui_flags and len(args) == 2):
        from ui.app import run

        return run(args)
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    import multiprocessing

    # A frozen bundle started as a helper process (the demo seed's worker) runs that and exits here.
    multiprocessing.freeze_support()
    raise SystemExit(main())
