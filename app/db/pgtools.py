"""Finding PostgreSQL's command-line tools (pg_dump, pg_restore, psql …) and talking to them by URL."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


class PgToolsMissingError(RuntimeError):
    """The PostgreSQL client tools Loket needs are not installed (message in Indonesian)."""


def _candidate_dirs() -> list[Path]:
    """Where PostgreSQL binaries usually live, most specific first (``LOKET_PG_BIN`` wins)."""
    dirs: list[Path] = []
    if env := os.environ.get("LOKET_PG_BIN"):
        dirs.append(Path(env))
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if entry:
            dirs.append(Path(entry))
    patterns = ["/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql@*/bin"]
    if sys.platform == "win32":
        patterns = [
            str(Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "PostgreSQL" / "*" / "bin")
        ]
    for pattern in patterns:
        found = [Path(p) for p in glob.glob(pattern)]
        dirs.extend(sorted(found, key=lambda p: _numeric_key(str(p)), reverse=True))
    return dirs


def _numeric_key(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)) or (0,)


def _exe(directory: Path, name: str) -> Path | None:
    for candidate in (directory / name, directory / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def tool_major(path: Path) -> int:
    """The major version of a PostgreSQL binary (``pg_dump (PostgreSQL) 15.8`` → 15)."""
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30, check=False)
    m = _VERSION.search(out.stdout)
    return int(m.group(1)) if m else 0


@dataclass(frozen=True, slots=True)
class PgBinaries:
    """Where the PostgreSQL client programs (pg_dump, pg_restore, psql) of one major version live."""

    directory: Path
    major: int

    def path(self, name: str) -> Path:
        exe = _exe(self.directory, name)
        if exe is None:  # pragma: no cover - find_binaries checked every name
            raise PgToolsMissingError(f"{name} tidak ada di {self.directory}")
        return exe


def find_binaries(names: tuple[str, ...], *, min_major: int = 0) -> PgBinaries | None:
    """The newest directory holding every tool in ``names`` at ``min_major`` or later.

    pg_dump refuses to dump a server newer than itself, so callers pass the server's major.
    """
    best: PgBinaries | None = None
    seen: set[Path] = set()
    for directory in _candidate_dirs():
        try:
            key = directory.resolve()
        except OSError:
            continue
        if key in seen:
            continue
        seen.add(key)
        first = _exe(directory, names[0])
        if first is None or any(_exe(directory, n) is None for n in names[1:]):
            continue
        major = tool_major(first)
        if major >= min_major and (best is None or major > best.major):
            best = PgBinaries(directory, major)
    return best


def require_binaries(names: tuple[str, ...], *, min_major: int = 0) -> PgBinaries:
    found = find_binaries(names, min_major=min_major)
    if found is None:
        need = f" versi {min_major} atau lebih baru" if min_major else ""
        raise PgToolsMissingError(
            f"Program PostgreSQL ({', '.join(names)}){need} tidak ditemukan. Pasang paket klien "
            "PostgreSQL (Debian/Ubuntu: postgresql-client; Windows: installer PostgreSQL), atau "
            "tunjukkan foldernya lewat variabel LOKET_PG_BIN."
        )
    return found


def libpq_target(url: str | URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and an environment carrying it.

    The password goes through ``PGPASSWORD`` so it never shows in a process list.
    """
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def ensure_always_trigger(conn: sa.Connection, table: str, name: str, create: str) -> None:
    """A row trigger that also fires for replicated rows (ENABLE ALWAYS), created only when it is
    missing or not ALWAYS: re-creating it takes the table's exclusive lock, which can deadlock with
    the replication worker writing to the same tables; an existing one is left alone."""
    found = conn.execute(
        sa.text(
            "SELECT 1 FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) AND tgname = :n AND tgenabled = 'A'"
        ),
        {"t": table, "n": name},
    ).first()
    if found is not None:
        return
    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    conn.exec_driver_sql(create)
    conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")


def advisory_xact_lock(conn: sa.Connection, key: int) -> None:
    """PostgreSQL: take the advisory lock ``key`` until the transaction ends (a no-op elsewhere)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def reset_serial_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """After explicit ids were inserted, let PostgreSQL's sequences continue past them."""
    for table in tables:
        for col in table.primary_key.columns:
            if col.type.python_type is not int:
                continue
            seq = conn.execute(
                sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": col.name}
            ).scalar()
            if seq is None:
                continue
            top = conn.execute(sa.select(sa.func.max(col))).scalar()
            conn.execute(
                sa.text("SELECT setval(CAST(:s AS regclass), :v, :called)"),
                {"s": seq, "v": top or 1, "called": top is not None},
            )
