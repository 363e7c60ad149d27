"""IT commands for the database: backup, restore, and ``db copy`` into the branch server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, read_password, require_officer, require_supervisor


def _subcommands(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group ``name`` (``db``), created by another module or here."""
    parser = sub.choices.get(name) or sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_command", metavar="AKSI")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="cadangkan basis data (SQLite atau PostgreSQL)")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="file tujuan (bawaan: folder cadangan, bernama waktu)"
    )
    p.add_argument(
        "--daily",
        action="store_true",
        help="cadangan harian otomatis ke folder cadangan bila belum ada untuk hari ini (--officer; simpan 14)",
    )
    p.add_argument(
        "--supervisor",
        metavar="USERNAME",
        help="cadangan sekarang: supervisor (kata sandi dari prompt/stdin)",
    )
    p.add_argument("--officer", metavar="USERNAME", help="--daily: petugas yang memulai hari")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[common], help="pulihkan basis data dari cadangan (yang lama disimpan)"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--check", action="store_true", help="periksa cadangan saja, tanpa memulihkan")
    p.add_argument(
        "--supervisor",
        metavar="USERNAME",
        help="wajib untuk memulihkan (kata sandi dari prompt/stdin); di basis data baru tanpa akun: "
        "supervisor yang ada di cadangan itu",
    )
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("backups", parents=[common], help="daftar cadangan di folder cadangan")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backups)

    db = _subcommands(sub, "db", "skema basis data")
    p = db.add_parser(
        "copy", parents=[common], help="salin seluruh basis data ke basis data kosong (mis. server cabang)"
    )
    p.add_argument("--to", required=True, metavar="URL", help="tujuan, mis. postgresql+psycopg://…")
    p.add_argument("--supervisor", required=True, metavar="USERNAME", help="kata sandi dari prompt/stdin")
    p.add_argument("--batch", type=int, default=5000, metavar="N", help="baris per kelompok")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_db_copy)


def _progress(quiet: bool) -> Any:
    def report(done: int, total: int, message: str = "") -> None:
        if quiet:
            return
        where = f"{done * 100 // total}%" if total else "…"
        print(f"\r{where} {message}".ljust(72)[:100], end="", file=sys.stderr, flush=True)

    return report


def _done(quiet: bool) -> None:
    if not quiet:
        print(file=sys.stderr)


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB".replace(",", "X").replace(".", ",").replace("X", ".")


def cmd_backup(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.db.backup import BackupError
    from app.services import backup

    if args.daily and not args.officer:
        raise CliError("--daily: sebutkan --officer USERNAME (petugas yang memulai hari)", 2)
    if not args.daily and not args.supervisor:
        raise CliError("sebutkan --supervisor USERNAME (kata sandinya diminta), atau --daily --officer U", 2)
    opened = open_from_args(args)
    try:
        if args.daily:
            actor = require_officer(opened, args.officer)
            info = backup.daily_backup_if_due(opened.ctx, actor, progress=_progress(args.quiet))
            _done(args.quiet)
            if info is None:
                print("Cadangan harian tidak diperlukan (sudah ada untuk hari ini, atau server PostgreSQL).")
                return 0
        else:
            actor = require_supervisor(opened, args.supervisor)
            dest = Path(args.output).expanduser().resolve() if args.output else None
            info = backup.backup_now(opened.ctx, actor, dest, progress=_progress(args.quiet))
            _done(args.quiet)
    except BackupError as exc:
        raise CliError(exc.message, 3) from exc
    print(f"Cadangan dibuat: {info.path} ({_size(info.size_bytes)})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from app.cli import CliError
    from app.db.backup import BackupError
    from app.domain.issues import DomainError
    from app.services import backup

    try:
        # Not migrated: a database that is too new or broken may still be replaced.
        opened = open_from_args(args, migrate=False)
    except DatabaseError as exc:
        raise CliError(
            "Basis data saat ini tidak dapat dibuka. Pindahkan file basis data itu ke tempat lain, "
            "lalu ulangi: Loket akan membuat basis data baru dari cadangan.",
            3,
        ) from exc
    if opened.schema.current is None and not args.check:
        # A new, empty database: give it its tables, so that even a refused restore is audited.
        opened.ctx.engine.dispose()
        opened = open_from_args(args)
    path = Path(args.file).expanduser().resolve()
    if args.check:
        check = backup.inspect_backup(opened.ctx, path)
        if not check.ok:
            raise DomainError(list(check.issues))
        note = " (akan diperbarui ke skema terbaru saat dibuka)" if check.needs_upgrade else ""
        print(f"Cadangan baik: {check.backend}, skema {check.revision}{note}.")
        return 0
    if not args.supervisor:
        raise CliError("sebutkan --supervisor USERNAME untuk memulihkan (kata sandinya diminta)", 2)
    from app.services.auth import has_officers

    try:
        if has_officers(opened.ctx):
            actor = require_supervisor(opened, args.supervisor)
            result = backup.restore_backup(opened.ctx, actor, path, progress=_progress(args.quiet))
        else:
            # A new, empty database: the supervisor proves who they are against the backup itself.
            password = read_password(f"Kata sandi {args.supervisor} (di cadangan): ")
            result = backup.restore_onto_new(
                opened.ctx, args.supervisor, password, path, progress=_progress(args.quiet)
            )
        _done(args.quiet)
    except BackupError as exc:
        _done(args.quiet)
        raise CliError(exc.message, 3) from exc
    print(f"Basis data dipulihkan dari {result.restored_from} (skema {result.revision}).")
    if result.replaced_kept_at:
        print(f"Basis data sebelumnya disimpan di {result.replaced_kept_at}")
    if result.needs_upgrade:
        print("Skema cadangan lebih lama: akan dicadangkan lalu diperbarui saat Loket dibuka berikutnya.")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from app.services import backup

    opened = open_from_args(args, migrate=False)
    infos = backup.list_backups(opened.ctx)
    if args.json:
        print_json(
            [
                {
                    "path": str(i.path),
                    "kind": i.kind,
                    "backend": i.backend,
                    "bytes": i.size_bytes,
                    "modified_at": i.modified_at.isoformat(),
                }
                for i in infos
            ]
        )
        return 0
    print(f"Folder cadangan: {backup.backup_folder(opened.ctx)}")
    for i in infos:
        print(f"  {i.modified_at:%Y-%m-%d %H:%M}Z  {i.kind:<11} {_size(i.size_bytes):>10}  {i.path.name}")
    return 0


def cmd_db_copy(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.domain.progress import Cancelled
    from app.infra.storage import UnsafeStorageError
    from app.services.dbcopy import CopyRefusedError, copy_database

    if args.batch <= 0:
        raise CliError("--batch harus lebih dari 0", 2)
    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    try:
        report = copy_database(opened.ctx, actor, args.to, batch=args.batch, progress=_progress(args.quiet))
    except (CopyRefusedError, UnsafeStorageError) as exc:
        _done(args.quiet)
        raise CliError(exc.message, 3) from exc
    except Cancelled:  # pragma: no cover - the CLI has no cancel button; Ctrl+C is KeyboardInterrupt
        raise CliError("dibatalkan; tujuan tidak diubah", 130) from None
    _done(args.quiet)
    if args.json:
        print_json(
            {
                "source": report.source,
                "target": report.target,
                "revision": report.revision,
                "tables": [{"table": t.table, "rows": t.rows, "sha256": t.checksum} for t in report.tables],
            }
        )
        return 0
    print(f"Disalin dari {report.source} ke {report.target} (skema {report.revision}):")
    for t in report.tables:
        print(f"  {t.table:<20} {t.rows:>10,} baris  sha256 {t.checksum[:16]}…  cocok".replace(",", "."))
    print(f"Jumlah {report.rows:,} baris; setiap tabel diperiksa ulang di tujuan.".replace(",", "."))
    return 0
