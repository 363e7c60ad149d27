"""Run the CLI as ``python -m app.cli``."""

from app.cli import main

if __name__ == "__main__":  # not when a helper process (the demo seed's worker) imports it
    raise SystemExit(main())
