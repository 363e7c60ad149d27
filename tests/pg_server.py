"""A throwaway PostgreSQL server in a temporary folder, for the test suite and the benchmarks.

initdb refuses to run as root, so as root the server runs as the ``postgres`` user (or ``nobody``
when the binaries came without one) through ``runuser``; otherwise it runs as the current user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from app.db.pgtools import PgBinaries, find_binaries

SERVER_TOOLS = ("initdb", "pg_ctl", "postgres")


class PgUnavailableError(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    """The account the server runs under, or None for the current one."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    import pwd  # POSIX only

    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PgUnavailableError("running as root, and neither a 'postgres' nor a 'nobody' account exists")


def _pip_installed_binaries() -> PgBinaries | None:
    """A fresh machine with only Python: the PostgreSQL build inside the ``pgserver`` wheel (test extras).

    Its client tools (pg_dump, pg_restore, psql) are the server's version, so the app is pointed at
    them too (``LOKET_PG_BIN``, inherited by the CLI processes the tests start).
    """
    import importlib.util

    spec = importlib.util.find_spec("pgserver")  # located, never imported
    if spec is None or spec.origin is None:
        return None
    directory = Path(spec.origin).parent / "pginstall" / "bin"
    os.environ.setdefault("LOKET_PG_BIN", str(directory))
    return find_binaries(SERVER_TOOLS)


@dataclass
class PgServer:
    """``PgServer.start()`` … ``server.url("dbname")`` … ``server.stop()``."""

    binaries: PgBinaries
    root: Path
    port: int
    user: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def major(self) -> int:
        return self.binaries.major

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.binaries.path(tool)), *args]
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else cmd

    @classmethod
    def start(cls, *, durable: bool = False, attempts: int = 3) -> PgServer:
        """initdb and start a server on a free local port.

        ``durable=False`` turns fsync off: fine for tests (the data dies with the server),
        not for benchmarks that compare against SQLite with synchronous=FULL.
        """
        if os.environ.get("LOKET_PG_TESTS", "") == "0":
            raise PgUnavailableError("turned off with LOKET_PG_TESTS=0")
        binaries = find_binaries(SERVER_TOOLS) or _pip_installed_binaries()
        if binaries is None:
            raise PgUnavailableError(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH, in "
                "/usr/lib/postgresql/*/bin, in LOKET_PG_BIN or in the 'pgserver' wheel of the test "
                "extras; install Debian's 'postgresql' package"
            )
        user = _run_as()
        root = Path(tempfile.mkdtemp(prefix="loket-pg-"))
        if user:
            shutil.chown(root, user=user, group=None)
        server = cls(binaries, root, 0, user)
        try:
            server._initdb()
            for attempt in range(1, attempts + 1):
                server.port = _free_port()
                if server._pg_ctl_start(durable):
                    return server
                if attempt == attempts:
                    raise PgUnavailableError(f"pg_ctl start failed; log:\n{server.log_tail()}")
        except BaseException:
            server.stop()
            raise
        raise AssertionError("unreachable")

    def _initdb(self) -> None:
        out = subprocess.run(
            self._cmd(
                "initdb",
                "-D",
                str(self.datadir),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if out.returncode != 0:
            raise PgUnavailableError(f"initdb failed: {out.stderr.strip() or out.stdout.strip()}")

    def _pg_ctl_start(self, durable: bool) -> bool:
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {self.port}",
            f"-k {self.datadir}",
            "-c max_connections=200",
        ]
        if not durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        out = subprocess.run(
            self._cmd(
                "pg_ctl",
                "-D",
                str(self.datadir),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                " ".join(options),
                "start",
            ),
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        return out.returncode == 0

    def halt(self) -> None:
        """Stop the server as a power cut or an administrator would (immediate), keeping its data."""
        subprocess.run(
            self._cmd("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop"),
            capture_output=True,
            timeout=60,
            check=False,
        )

    def resume(self, *, durable: bool = True) -> None:
        """Start the halted server again on the same port."""
        if not self._pg_ctl_start(durable):
            raise PgUnavailableError(f"pg_ctl start failed; log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join((self.root / "server.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if (self.datadir / "postmaster.pid").exists():
            subprocess.run(
                self._cmd("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop"),
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)
