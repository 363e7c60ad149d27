"""Search and member-record commands: search, search reindex, member history/correct/corrections/
approve/reject/deactivate."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import open_from_args, print_json, prove, require_officer, require_supervisor
from app.domain.states import RecordStatus
from app.services import corrections, deactivation, search_index
from app.services.records import member_history
from app.services.records_dto import CorrectionDTO, SearchFilters
from app.services.search import search_members


def _subcommands(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group ``name`` (``member`` belongs to the core module), made if missing."""
    parser = sub.choices.get(name)
    if parser is None:
        return sub.add_parser(name, help=help_text).add_subparsers(dest=f"{name}_command", metavar="AKSI")
    for action in parser._actions:  # argparse keeps the group only here
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_command", metavar="AKSI")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="cari peserta: NIK, nomor peserta, nomor HP atau nama ('loket search reindex' membangun indeks)",
    )
    p.add_argument("text", nargs="+", metavar="TEKS")
    p.add_argument("--json", action="store_true")
    p.add_argument("--region", metavar="KODE", help="provinsi (16) atau kabupaten/kota (16.10)")
    p.add_argument("--birth-year", type=int, metavar="TTTT")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--offset", type=int, default=0, metavar="N")
    p.add_argument("--officer", metavar="USERNAME", help="yang mencari (wajib untuk mencari)")
    p.add_argument(
        "--supervisor", metavar="USERNAME", help="reindex: supervisor (kata sandi dari prompt/stdin)"
    )
    p.add_argument("--quiet", action="store_true", help="reindex: tanpa tampilan kemajuan")
    p.set_defaults(func=cmd_search)

    mb = _subcommands(sub, "member", "data peserta")
    p = mb.add_parser("history", parents=[common], help="riwayat perubahan data peserta (dari jejak audit)")
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--json", action="store_true")
    p.add_argument("--views", action="store_true", help="sertakan catatan siapa membuka data")
    p.add_argument("--officer", required=True, metavar="USERNAME", help="yang membuka riwayat (dicatat)")
    p.set_defaults(func=cmd_member_history)

    p = mb.add_parser("correct", parents=[common], help="ajukan koreksi data identitas (perlu persetujuan)")
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--field", action="append", required=True, choices=corrections.CORRECTABLE)
    p.add_argument("--value", action="append", required=True, help="nilai baru (kosong: hapus, untuk no_hp)")
    p.add_argument("--reason", required=True)
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument(
        "--confirm-mismatch", action="store_true", help="terima beda tanggal lahir/jenis kelamin dgn NIK"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_member_correct)

    p = mb.add_parser("corrections", parents=[common], help="daftar koreksi")
    p.add_argument("--pending", action="store_true", help="hanya yang menunggu persetujuan")
    p.add_argument("--member", metavar="NOMOR|NIK")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_member_corrections)

    p = mb.add_parser(
        "approve", parents=[common], help="setujui koreksi (kata sandi supervisor dari prompt/stdin)"
    )
    p.add_argument("id", metavar="NO", help="nomor koreksi: 3, #3, 201-3 (dari laptop/cabang 201)")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_member_approve)

    p = mb.add_parser(
        "reject", parents=[common], help="tolak koreksi (kata sandi supervisor dari prompt/stdin)"
    )
    p.add_argument("id", metavar="NO", help="nomor koreksi: 3, #3, 201-3 (dari laptop/cabang 201)")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_member_reject)

    p = mb.add_parser(
        "deactivate",
        parents=[common],
        help="nonaktifkan peserta: meninggal, luar negeri, duplikat (kata sandi supervisor dari prompt/stdin)",
    )
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--reason", required=True, choices=sorted(deactivation.REASONS))
    p.add_argument("--into", metavar="NOMOR", help="untuk merged: nomor peserta yang dipertahankan")
    p.add_argument("--note", default="", help="keterangan, mis. nomor akta kematian")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_member_deactivate)


def cmd_search(args: argparse.Namespace) -> int:
    if args.text == ["reindex"]:
        return _reindex(args)
    from app.cli import CliError

    if not args.officer:
        raise CliError("sebutkan --officer USERNAME (pencarian dicatat atas nama petugas)", 2)
    if not 1 <= args.limit <= 200:
        raise CliError("--limit harus 1–200", 2)
    opened = open_from_args(args)
    page = search_members(
        opened.ctx,
        require_officer(opened, args.officer),
        " ".join(args.text),
        offset=max(0, args.offset),
        limit=args.limit,
        filters=SearchFilters(region=args.region, birth_year=args.birth_year),
    )
    if args.json:
        print_json(page.as_json())
    else:
        for issue in page.issues:
            print(f"! {issue.message}", file=sys.stderr)
        for r in page.rows:
            note = f" → digabung ke {r.merged_into}" if r.merged_into else ""
            status = "" if r.record_status == RecordStatus.ACTIVE else f" [{r.record_status}]"
            print(
                f"{r.number}  {r.nama:<32} {r.nik_masked}  {r.tanggal_lahir:%d-%m-%Y} {r.jenis_kelamin}  "
                f"{r.region}{status}{note}"
            )
        more = f" (menampilkan {page.offset + 1}–{page.offset + len(page.rows)})" if page.rows else ""
        print(f"{page.total} ditemukan{more}.", file=sys.stderr)
    if page.issues and page.kind == "invalid":
        return 2
    return 0 if page.rows else 1


def _reindex(args: argparse.Namespace) -> int:
    from app.cli import CliError

    if not args.supervisor:
        raise CliError("reindex: sebutkan --supervisor USERNAME (kata sandinya diminta)", 2)
    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)

    def progress(done: int, total: int, message: str = "") -> None:
        if not args.quiet:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    result = search_index.rebuild_search_index(opened.ctx, actor, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    print(f"Indeks nama dibangun: {result.members} peserta, {result.postings} entri, {result.keys} kunci.")
    return 0


def cmd_member_history(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    entries = member_history(
        opened.ctx, require_officer(opened, args.officer), args.key, include_views=args.views
    )
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    for e in entries:
        print(f"#{e.seq:<7} {e.occurred_at:%Y-%m-%d %H:%M} UTC  {e.actor:<12} {e.summary}")
    return 0


def _print_correction(c: CorrectionDTO, as_json: bool) -> None:
    if as_json:
        print_json(c.as_json())
        return
    print(f"Koreksi {c.ref} {c.status} — {c.member_number} {c.member_nama}")
    for ch in c.changes:
        print(f"  {ch.label}: {ch.old_value or '-'} → {ch.new_value or '-'}")
    print(f"  Alasan: {c.reason} (diajukan {c.proposed_by})")
    if c.decided_by:
        print(f"  Diputuskan oleh {c.decided_by}" + (f": {c.decision_note}" if c.decision_note else ""))
    for w in c.warnings:
        print(f"  ! {w.message}")


def cmd_member_correct(args: argparse.Namespace) -> int:
    from app.cli import CliError

    if len(args.field) != len(args.value):
        raise CliError("setiap --field butuh satu --value", 2)
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    c = corrections.propose_correction(
        opened.ctx,
        actor,
        args.key,
        dict(zip(args.field, args.value, strict=True)),
        args.reason,
        confirm_mismatch=args.confirm_mismatch,
    )
    _print_correction(c, args.json)
    return 0


def cmd_member_corrections(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    items = corrections.list_corrections(
        opened.ctx,
        require_officer(opened, args.officer),
        status="PENDING" if args.pending else None,
        member_key=args.member,
    )
    if args.json:
        print_json([c.as_json() for c in items])
        return 0
    for c in items:
        fields = ", ".join(ch.field for ch in c.changes)
        print(f"{c.ref:<6} {c.status:<9} {c.member_number} {c.member_nama:<28} {fields}  ({c.proposed_by})")
    return 0


def cmd_member_approve(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    supervisor, password = prove(opened, args.supervisor)
    c = corrections.approve_correction(opened.ctx, supervisor, args.id, password)
    _print_correction(c, args.json)
    return 0


def cmd_member_reject(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    supervisor = require_supervisor(opened, args.supervisor)
    c = corrections.reject_correction(opened.ctx, supervisor, args.id, args.reason)
    _print_correction(c, args.json)
    return 0


def cmd_member_deactivate(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    supervisor = require_supervisor(opened, args.supervisor)
    d = deactivation.deactivate_member(
        opened.ctx, supervisor, args.key, args.reason, into=args.into, note=args.note
    )
    if args.json:
        print_json(
            {
                "number": d.number,
                "reason": d.reason,
                "record_status": d.record_status,
                "merged_into": d.merged_into,
                "by": d.by,
                "at": d.at.isoformat(),
            }
        )
    else:
        into = f" → {d.merged_into}" if d.merged_into else ""
        print(f"Peserta {d.number} dinonaktifkan ({d.reason}){into}.")
    return 0
