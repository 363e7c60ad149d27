"""Region commands for IT and supervisors: ``loket region init|add-branch|area|status|repair|
accept-restore|restores|audit|dashboard``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import open_from_args, print_json, require_supervisor


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rg = sub.add_parser(
        "region", help="wilayah: Kanwil dan cabang-cabangnya (replikasi PostgreSQL)"
    ).add_subparsers(dest="region_command", metavar="AKSI")
    p = rg.add_parser(
        "init",
        parents=[common],
        help="siapkan basis data Kanwil (PostgreSQL kosong); menyiapkan ulang: --supervisor",
    )
    p.add_argument("--code", default="900", help="3 digit, beda dari semua kode cabang (bawaan 900)")
    p.add_argument("--name", default="Kantor Wilayah", help="nama Kanwil, mis. 'Kanwil Sumbagsel'")
    p.add_argument(
        "--timezone", default="Asia/Jakarta", choices=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
    )
    p.add_argument("--supervisor", metavar="USERNAME", help="wajib untuk Kanwil yang sudah disiapkan")
    p.set_defaults(func=cmd_init)

    p = rg.add_parser(
        "add-branch",
        parents=[common],
        help="sambungkan cabang: publikasi di cabang, langganan di Kanwil, data rujukan ke cabang",
    )
    p.add_argument("--branch", required=True, metavar="URL_CABANG", help="URL basis data cabang (akun IT)")
    p.add_argument("--supervisor", required=True, metavar="USERNAME", help="supervisor Kanwil")
    p.add_argument(
        "--regencies", type=_codes, default=(), metavar="16.10,16.71", help="kabupaten/kota wilayah cabang"
    )
    p.add_argument(
        "--branch-url-for-kanwil",
        metavar="URL",
        help="alamat cabang dilihat dari server Kanwil (bawaan: --branch)",
    )
    p.add_argument(
        "--kanwil-url-for-branch",
        metavar="URL",
        help="alamat Kanwil dilihat dari server cabang, akun baca-saja + REPLICATION (bawaan: --db)",
    )
    p.set_defaults(func=cmd_add_branch)

    p = rg.add_parser("area", parents=[common], help="kabupaten/kota yang dilayani sebuah cabang")
    p.add_argument("--branch", required=True, metavar="KODE")
    p.add_argument("--regencies", required=True, type=_codes, metavar="16.10,16.71")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_area)

    p = rg.add_parser(
        "status", parents=[common], help="keadaan replikasi tiap cabang: tertinggal, perubahan terakhir"
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = rg.add_parser("repair", parents=[common], help="perbaiki sambungan satu cabang (di Kanwil)")
    p.add_argument("--branch", required=True, metavar="KODE")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--resync", action="store_true", help="salin ulang seluruh data cabang ke Kanwil")
    p.add_argument("--branch-url", metavar="URL", help="bila Kanwil tidak lagi menyimpan alamat cabang")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_repair)

    p = rg.add_parser(
        "accept-restore",
        parents=[common],
        help="di Kanwil: terima cabang yang dipulihkan dari cadangan lama dan sambungkan ulang",
    )
    p.add_argument("--branch", required=True, metavar="KODE")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--reason", required=True, help="alasan (masuk jejak audit Kanwil dan cabang)")
    p.add_argument("--branch-url", metavar="URL", help="bila Kanwil tidak lagi menyimpan alamat cabang")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_accept_restore)

    p = rg.add_parser(
        "restores",
        parents=[common],
        help="pemulihan cabang yang diterima Kanwil dan data yang hilang karenanya (di Kanwil atau cabang)",
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--branch", metavar="KODE", help="hanya cabang ini")
    p.add_argument("--csv", metavar="BERKAS", help="ekspor data yang hilang (pemulihan terbaru) ke CSV")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restores)

    p = rg.add_parser(
        "audit",
        parents=[common],
        help="di Kanwil: jejak audit tiap cabang dibandingkan dengan kepala rantai yang dicatat Kanwil",
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)

    p = rg.add_parser(
        "dashboard", parents=[common], help="dasbor Kanwil: cakupan per kabupaten/kota dan per cabang"
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_dashboard)

    mb = _subcommands(sub, "member", "data peserta")
    p = mb.add_parser("move", parents=[common], help="mutasi: kirim peserta ke cabang lain se-wilayah")
    p.add_argument("number", metavar="NOMOR")
    p.add_argument("--to", required=True, metavar="KODE_CABANG")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--reason", default="pindah domisili", help="alasan mutasi (bawaan: pindah domisili)")
    p.set_defaults(func=cmd_move)
    p = mb.add_parser("moves", parents=[common], help="mutasi masuk dan keluar cabang ini (dari Kanwil)")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_moves)
    p = mb.add_parser("accept-move", parents=[common], help="terima mutasi masuk (supervisor cabang tujuan)")
    p.add_argument("number", metavar="NOMOR")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_accept_move)
    p = mb.add_parser("reject-move", parents=[common], help="tolak mutasi masuk (supervisor cabang tujuan)")
    p.add_argument("number", metavar="NOMOR")
    p.add_argument("--reason", required=True)
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_reject_move)
    p = mb.add_parser(
        "cancel-move",
        parents=[common],
        help="aktifkan lagi peserta yang mutasinya ditolak (supervisor cabang asal)",
    )
    p.add_argument("number", metavar="NOMOR")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_cancel_move)


def _subcommands(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group ``name`` (``member`` belongs to the core module), made if missing."""
    parser = sub.choices.get(name)
    if parser is None:
        return sub.add_parser(name, help=help_text).add_subparsers(dest=f"{name}_command", metavar="AKSI")
    for action in parser._actions:  # argparse keeps the group only here
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_command", metavar="AKSI")


def cmd_init(args: argparse.Namespace) -> int:
    from app.services.region import setup

    opened = open_from_args(args)
    by = require_supervisor(opened, args.supervisor) if args.supervisor else None
    k = setup.init_kanwil(opened.ctx, code=args.code, name=args.name, timezone=args.timezone, by=by)
    verb = "disiapkan" if k.created else "diperiksa dan diperbarui"
    print(f"Kanwil {k.code} {k.name} ({k.timezone}) {verb}.")
    if k.created:
        print(f"Berikutnya: loket officer add USERNAME --role supervisor --db {_plain(opened.database_url)}")
    return 0


def _plain(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_add_branch(args: argparse.Namespace) -> int:
    from app.services.region import setup

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    link = setup.add_branch(
        opened.ctx,
        actor,
        args.branch,
        regencies=args.regencies,
        branch_url_for_kanwil=args.branch_url_for_kanwil,
        kanwil_url_for_branch=args.kanwil_url_for_branch,
    )
    print(
        f"Cabang {link.code} {link.name} tersambung: {link.members} peserta sedang disalin ke Kanwil; "
        "data rujukan Kanwil dikirim ke cabang."
    )
    print("Periksa: loket region status --supervisor USERNAME")
    return 0


def cmd_area(args: argparse.Namespace) -> int:
    from app.services.region import setup

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    link = setup.set_area(opened.ctx, actor, args.branch, args.regencies)
    print(f"Cabang {link.code} {link.name}: {', '.join(link.regencies) or '(tanpa wilayah)'}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from app.services.region import status

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    st = status.region_status(opened.ctx, actor)
    if args.json:
        print_json(st.as_json())
    else:
        print(st.where)
        for link in st.links:
            behind = "" if link.events_behind is None else f", tertinggal {link.events_behind} peristiwa"
            print(f"  {link.code} {link.name}: {link.label.upper()}{behind}")
            print(f"      {link.message} [{link.message_code}]")
        if st.note:
            print(st.note)
    return 0 if all(not link.needs_repair for link in st.links) else 1


def cmd_repair(args: argparse.Namespace) -> int:
    from app.services.region import repair

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    r = repair.repair(opened.ctx, actor, args.branch, resync=args.resync, branch_url=args.branch_url)
    if args.json:
        print_json(r.as_json())
    else:
        print(f"Cabang {r.code}: sebelum {r.before.label}, sesudah {r.after.label}.")
        for action in r.actions:
            print(f"  - {action}")
        print(f"  {r.after.message} [{r.after.message_code}]")
    return 0 if not r.after.needs_repair else 1


def cmd_accept_restore(args: argparse.Namespace) -> int:
    from app.services.region import restore

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)

    def progress(done: int, total: int, message: str = "") -> None:
        print(f"{message} ({done}/{total})", file=sys.stderr, flush=True)

    r = restore.accept_restore(
        opened.ctx, actor, args.branch, args.reason, branch_url=args.branch_url, progress=progress
    )
    if args.json:
        print_json(r.as_json())
    else:
        for line in r.lines():
            print(line)
        if r.lost_rows:
            print(f"Daftar lengkap: loket region restores --branch {r.branch} --csv BERKAS.csv")
    return 0


def cmd_restores(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.region import restore

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    found = restore.restores(opened.ctx, actor, code=args.branch)
    if args.csv:
        if not found:
            print("Belum ada pemulihan cabang yang diterima Kanwil.", file=sys.stderr)
            return 1
        n = restore.export_losses(opened.ctx, actor, found[0].id, Path(args.csv))
        print(f"{n} baris yang hilang karena pemulihan {found[0].id} ditulis ke {args.csv}.")
        return 0
    if args.json:
        print_json(
            [
                {**r.as_json(), "losses": [vars_of(x) for x in restore.losses(opened.ctx, actor, r.id)]}
                for r in found
            ]
        )
        return 0
    if not found:
        print("Belum ada pemulihan cabang yang diterima Kanwil.")
    for r in found:
        for line in r.lines():
            print(line)
        for loss in restore.losses(opened.ctx, actor, r.id):
            change = "hilang" if loss.change == "missing" else "berubah"
            print(f"    {loss.table} {loss.key} ({change}): {loss.summary}")
    return 0


def vars_of(loss: Any) -> dict[str, str]:
    return {"table": loss.table, "key": loss.key, "change": loss.change, "summary": loss.summary}


def cmd_audit(args: argparse.Namespace) -> int:
    from app.services.region import audit

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    report = audit.regional_audit(opened.ctx, actor)
    if args.json:
        print_json(report.as_json())
    else:
        for line in report.lines():
            print(line)
    return 0 if report.ok else 1


def cmd_dashboard(args: argparse.Namespace) -> int:
    from app.services.dashboard import refresh_protection
    from app.services.region import dashboard

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    # Who is protected today, worked out first where the index has no answer (incremental; a first
    # refresh of a large region takes minutes: its progress goes to stderr).
    shown = [False]

    def progress(done: int, total: int, message: str = "") -> None:
        if total:
            shown[0] = True
            print(f"\r{message} {done}/{total}", end="", file=sys.stderr, flush=True)

    refresh_protection(opened.ctx, actor, progress=progress)
    if shown[0]:
        print(file=sys.stderr)
    d = dashboard.kanwil_dashboard(opened.ctx, actor)
    if args.json:
        print_json(d.as_json())
    else:
        for line in d.lines():
            print(line)
    return 0


def _print_move(m: Any) -> None:
    print(f"{m.number} {m.nama}: {m.from_code} → {m.to_code}, {m.label} ({m.reason})")


def cmd_move(args: argparse.Namespace) -> int:
    from app.cli.common import require_officer
    from app.services.region import transfer

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    m = transfer.request_move(opened.ctx, actor, args.number, args.to, args.reason)
    _print_move(m)
    print(f"Cabang {m.to_code} menerimanya dengan: loket member accept-move {m.number} --supervisor USERNAME")
    return 0


def cmd_moves(args: argparse.Namespace) -> int:
    from app.cli.common import require_officer
    from app.services.region import transfer

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    incoming, outgoing = transfer.moves(opened.ctx, actor)
    if args.json:
        print_json({"incoming": [m.as_json() for m in incoming], "outgoing": [m.as_json() for m in outgoing]})
        return 0
    print(f"Masuk ({len(incoming)}):")
    for m in incoming:
        _print_move(m)
    print(f"Keluar ({len(outgoing)}):")
    for m in outgoing:
        _print_move(m)
    return 0


def cmd_accept_move(args: argparse.Namespace) -> int:
    from app.services.region import transfer

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    _print_move(transfer.accept_move(opened.ctx, actor, args.number))
    return 0


def cmd_reject_move(args: argparse.Namespace) -> int:
    from app.services.region import transfer

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    _print_move(transfer.reject_move(opened.ctx, actor, args.number, args.reason))
    return 0


def cmd_cancel_move(args: argparse.Namespace) -> int:
    from app.services.region import transfer

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    _print_move(transfer.cancel_move(opened.ctx, actor, args.number))
    return 0
