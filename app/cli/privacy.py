"""Privacy commands: a member's own data (subject access) and the retention purge."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, prove, require_officer
from app.services import privacy


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser("privacy", help="data pribadi (UU PDP)").add_subparsers(
        dest="privacy_command", metavar="AKSI"
    )
    p = pr.add_parser("export", parents=[common], help="data milik peserta sendiri: JSON dan PDF")
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER")
    p.set_defaults(func=cmd_export)
    p = pr.add_parser(
        "purge",
        parents=[common],
        help="hapus data yang masa retensinya berakhir (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--dry-run", action="store_true", help="tampilkan saja yang akan dihapus")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_purge)


def cmd_export(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    folder = Path(args.output)
    files = privacy.write_subject_access(opened.ctx, actor, args.key, folder)
    print(
        f"Data peserta ditulis ke {folder}: {', '.join(f.name for f in files)} (hanya bisa dibaca akun ini)."
    )
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    report = privacy.purge_expired(opened.ctx, actor, password, dry_run=args.dry_run)
    if args.json:
        print_json(
            {
                "cutoff": report.cutoff.isoformat(),
                "dry_run": report.dry_run,
                "candidates": [
                    {"number": c.number, "closed_on": c.closed_on.isoformat(), "reason": c.reason}
                    for c in report.candidates
                ],
                "purged": report.purged,
                "rows_deleted": report.rows_deleted,
                "audit_events_redacted": report.audit_events_redacted,
            }
        )
        return 0
    verb = "akan dihapus" if report.dry_run else "dihapus"
    print(f"Data ditutup sebelum {report.cutoff:%d-%m-%Y}: {len(report.candidates)} peserta {verb}.")
    for c in report.candidates:
        print(f"  {c.number}  ditutup {c.closed_on:%d-%m-%Y} ({c.reason})")
    return 0
