"""Outreach packages, both ways: ``export-package``, ``import-package``, and ``package conflicts |
resolve | reply | receive | outbox | setup``.

On the laptop: ``package setup --home-branch 101`` once, ``export-package`` (its outbox) for each trip to
the branch, ``package receive`` with the branch's answer, ``package outbox`` to see what is still to
bring. At the branch: ``import-package FILE --reply ANSWER``, ``package conflicts`` to see what waits
(a member changed on both sides side by side), ``package resolve ID --take no_hp=laptop`` to merge it
field by field, ``package reply --laptop 201`` for a fresh answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.common import friendly, open_from_args, print_json, prove, require_officer, require_supervisor
from app.domain.money import format_rupiah


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("tanggal ditulis TTTT-BB-HH, mis. 2026-11-23") from exc


def _take(text: str) -> tuple[str, str]:
    field, sep, side = text.partition("=")
    if not sep or not field.strip() or not side.strip():
        raise argparse.ArgumentTypeError("tulis KOLOM=laptop atau KOLOM=cabang, mis. no_hp=laptop")
    return field.strip(), side.strip()


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export-package",
        parents=[common],
        help="paket bertanda tangan dari laptop jemput bola ke cabang (bawaan: semua yang belum sampai)",
    )
    p.add_argument(
        "--from", dest="start", type=_date, metavar="TTTT-BB-HH", help="hanya periode ini (dengan --to)"
    )
    p.add_argument("--to", dest="end", type=_date, metavar="TTTT-BB-HH")
    p.add_argument("-o", "--output", required=True, metavar="FILE.lpkg")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_export_package)

    p = sub.add_parser(
        "import-package",
        parents=[common],
        help="periksa dan gabungkan paket (supervisor; kata sandi dari stdin)",
    )
    p.add_argument("file", metavar="FILE.lpkg")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument(
        "--check", action="store_true", help="periksa tanda tangan dan hash saja, tanpa menggabung"
    )
    p.add_argument("--reply", metavar="FILE.lbal", help="tulis juga balasan cabang untuk laptop itu")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_import_package)

    pk = sub.add_parser("package", help="paket jemput bola: konflik, balasan, kotak keluar").add_subparsers(
        dest="package_command", metavar="AKSI"
    )
    p = pk.add_parser(
        "conflicts",
        parents=[common],
        help="yang tidak digabung otomatis, berdampingan per kolom (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--all", action="store_true", help="termasuk yang sudah diputuskan")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_package_conflicts)
    p = pk.add_parser(
        "resolve",
        parents=[common],
        help="putuskan satu konflik: per kolom (--take) atau dengan catatan (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument(
        "conflict", type=int, metavar="NOMOR", help="nomor konflik seperti tertulis (#1), atau id lengkapnya"
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument(
        "--take",
        type=_take,
        action="append",
        default=[],
        metavar="KOLOM=laptop|cabang",
        help="untuk peserta yang diubah di dua tempat: ambil data laptop atau cabang untuk kolom ini",
    )
    p.add_argument("--note", default="", help="catatan keputusan (wajib untuk konflik NIK/nomor)")
    p.set_defaults(func=cmd_package_resolve)
    p = pk.add_parser(
        "reply",
        parents=[common],
        help="balasan cabang untuk satu laptop (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--laptop", required=True, metavar="KODE", help="kode 3 digit laptop, mis. 201")
    p.add_argument("-o", "--output", required=True, metavar="FILE.lbal")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_package_reply)
    p = pk.add_parser(
        "receive",
        parents=[common],
        help="di laptop: impor balasan cabang (supervisor; kata sandi dari stdin)",
    )
    p.add_argument("file", metavar="FILE.lbal")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_package_receive)
    p = pk.add_parser(
        "outbox", parents=[common], help="di laptop: yang belum sampai ke cabang, dan hari tanpa sinkron"
    )
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument(
        "--limit", type=int, default=50, metavar="N", help="paling banyak N baris daftar (bawaan 50)"
    )
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_package_outbox)
    p = pk.add_parser(
        "setup",
        parents=[common],
        help="jadikan basis data ini laptop jemput bola sebuah cabang (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument(
        "--home-branch",
        dest="home_branch",
        required=True,
        metavar="KODE|none",
        help="kode cabang induk, mis. 101 (none: bukan laptop)",
    )
    p.add_argument(
        "--warn-days", type=int, default=3, metavar="N", help="peringatan setelah N hari tanpa sinkron"
    )
    p.add_argument(
        "--freeze-days", type=int, default=7, metavar="M", help="pendaftaran ditolak setelah M hari"
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_package_setup)


@friendly
def cmd_export_package(args: argparse.Namespace) -> int:
    from app.services import packages

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    info = packages.export_package(opened.ctx, actor, start=args.start, end=args.end, path=Path(args.output))
    if args.as_json:
        print_json(
            {
                "file": str(info.path),
                "package_id": info.package_id,
                "source": info.source_code,
                "key_id": info.key_id,
                "counts": dict(info.counts),
                "manifest_sha256": info.manifest_sha256,
            }
        )
        return 0
    c = info.counts
    print(f"{info.path}: paket {info.package_id} dari {info.source_code}, kunci {info.key_id}")
    print(
        f"  {c['members']} peserta, {c['payments']} pembayaran, {c['cards']} kartu, {c['corrections']} koreksi, "
        f"{c['deactivations']} penonaktifan, {c['audit_events']} peristiwa audit"
    )
    return 0


def _print_conflicts(conflicts: Any) -> None:
    for c in conflicts:
        print(f"  konflik #{c.short} [{c.kind}] {c.number} {c.name} (NIK {c.nik_masked}): {c.message}")


@friendly
def cmd_import_package(args: argparse.Namespace) -> int:
    from app.services import packages

    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    path = Path(args.file)
    if args.check:
        info = packages.check_package(opened.ctx, actor, path).info
        print(
            f"{path}: tanda tangan, asal dan isi paket sah; paket {info.package_id} dari {info.source_code} "
            f"{info.source_name}"
        )
        return 0
    reply = Path(args.reply) if args.reply else None
    result = packages.import_package(opened.ctx, actor, path, password=password, reply_to=reply)
    if args.as_json:
        print_json(result.as_json())
        return 0
    if result.already_imported:
        print(f"Paket {result.package_id} sudah pernah diimpor; tidak ada yang berubah.")
    else:
        print(f"Paket {result.package_id} dari {result.source} digabung:")
        print(
            f"  {result.members_added} peserta baru ({result.members_existing} sudah ada), "
            f"{result.payments_added} pembayaran ({format_rupiah(result.payments_amount)}), "
            f"{result.cards_added} kartu, {result.events_added} peristiwa audit"
        )
        print(
            f"  {result.corrections_applied} koreksi dan {result.deactivations_applied} penonaktifan diterapkan, "
            f"{result.changes_already} sudah sama, {result.changes_held} menunggu supervisor"
        )
        for w in result.warnings:
            print(f"  peringatan: {w}")
        if result.conflicts:
            print(f"  {len(result.conflicts)} konflik untuk supervisor (loket package conflicts):")
            _print_conflicts(result.conflicts)
    if result.reply_path is not None:
        print(f"Balasan untuk laptop: {result.reply_path} (impor di laptop: loket package receive FILE)")
    return 0


def _detail_json(d: Any) -> dict[str, Any]:
    return {
        "fields": [
            {
                "field": f.field,
                "label": f.label,
                "laptop": f.laptop,
                "branch": f.branch,
                "changed_on_laptop": f.laptop_changed,
                "changed_at_branch": f.branch_changed,
                "default": f.default.value if f.default else None,
            }
            for f in d.fields
        ],
        "laptop_changes": [
            {"kind": c.kind, "ref": c.ref, "summary": c.summary, "reason": c.reason, "by": c.by}
            for c in d.laptop_changes
        ],
        "branch_changes": list(d.branch_changes),
    }


def _print_detail(d: Any) -> None:
    from app.domain.member_merge import shown

    width = max((len(f.label) for f in d.fields), default=10)
    print(f"    {'kolom':<{width}}  {'laptop':<28}  {'cabang':<28}  pilihan awal")
    for f in d.fields:
        who = "diubah di keduanya: pilih" if f.both_changed else (f.default.value if f.default else "pilih")
        print(
            f"    {f.label:<{width}}  {shown(f.field, f.laptop)[:28]:<28}  {shown(f.field, f.branch)[:28]:<28}  {who}"
        )
    for c in d.laptop_changes:
        print(f"    laptop: {c.summary} — {c.reason} ({c.by})")
    for text in d.branch_changes:
        print(f"    cabang: {text}")
    print(
        f"    putuskan: loket package resolve {d.conflict.short} --take KOLOM=laptop|cabang … --supervisor NAMA"
    )


@friendly
def cmd_package_conflicts(args: argparse.Namespace) -> int:
    from app.services import packages

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    conflicts = packages.package_conflicts(opened.ctx, actor, include_resolved=args.all)
    details = {
        c.id: packages.conflict_detail(opened.ctx, actor, c.id or 0)
        for c in conflicts
        if c.kind == "changed_both" and c.status == "OPEN"
    }
    if args.as_json:
        print_json(
            [
                {
                    "id": c.id,
                    "no": c.short,
                    "kind": c.kind,
                    "number": c.number,
                    "local_number": c.local_number,
                    "nik": c.nik_masked,
                    "status": c.status,
                    "package_id": c.package_id,
                    "source": c.source_code,
                    **(_detail_json(details[c.id]) if c.id in details else {}),
                }
                for c in conflicts
            ]
        )
        return 0
    if not conflicts:
        print("Tidak ada konflik terbuka.")
    for c in conflicts:
        _print_conflicts([c])
        if c.id in details:
            _print_detail(details[c.id])
    return 0


@friendly
def cmd_package_resolve(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.services import packages

    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    conflict = packages.find_conflict(opened.ctx, actor, args.conflict)
    cid = conflict.id or 0
    if conflict.kind == "changed_both":
        result = packages.merge_conflict(
            opened.ctx, actor, cid, dict(args.take), password=password, note=args.note
        )
        taken = ", ".join(f"{f}={s}" for f, s in sorted(result.taken.items())) or "tidak ada beda lagi"
        extra = f"; koreksi #{result.correction_id}" if result.correction_id else ""
        print(f"Konflik #{conflict.short} digabung per kolom: {taken}{extra}.")
        return 0
    if args.take:
        raise CliError(
            "--take hanya untuk peserta yang diubah di laptop dan di cabang; di sini tulis --note", 2
        )
    c = packages.resolve_conflict(opened.ctx, actor, cid, args.note)
    print(f"Konflik #{c.short} diputuskan.")
    return 0


@friendly
def cmd_package_reply(args: argparse.Namespace) -> int:
    from app.services import packages

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    info = packages.make_reply(opened.ctx, actor, laptop=args.laptop, path=Path(args.output))
    if args.as_json:
        print_json(
            {
                "file": str(info.path),
                "reply_id": info.reply_id,
                "laptop": info.laptop,
                "branch_seq": info.branch_seq,
                "acknowledged": dict(info.acknowledged),
                "members": info.members,
                "held": info.held,
            }
        )
        return 0
    total = sum(info.acknowledged.values())
    print(f"{info.path}: balasan {info.reply_id} untuk laptop {info.laptop}")
    print(
        f"  {total} rekaman laptop sudah di cabang, {info.members} peserta diperbarui cabang, {info.held} konflik menunggu"
    )
    return 0


@friendly
def cmd_package_receive(args: argparse.Namespace) -> int:
    from app.services import packages

    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    result = packages.receive_reply(opened.ctx, actor, Path(args.file), password=password)
    if args.as_json:
        print_json(result.as_json())
        return 0
    if result.already_imported:
        print(f"Balasan {result.reply_id} sudah pernah diimpor; tidak ada yang berubah.")
        return 0
    print(f"Balasan {result.reply_id} dari cabang {result.source} diimpor:")
    print(
        f"  {result.acknowledged} rekaman sudah sampai di cabang, {result.members_updated} peserta diperbarui"
    )
    if result.held:
        print(f"  menunggu keputusan supervisor cabang: {', '.join(result.held)}")
    if result.kept:
        print(f"  data laptop yang belum terkirim tetap dipakai untuk: {', '.join(result.kept)}")
    return 0


@friendly
def cmd_package_outbox(args: argparse.Namespace) -> int:
    from app.services import outreach_sync, packages
    from app.services.packages.outbox import KIND_LABELS

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    box = packages.outbox(opened.ctx, actor, limit=max(1, args.limit))
    fresh = outreach_sync.sync_freshness(opened.ctx)
    if args.as_json:
        print_json(
            {
                "counts": dict(box.counts),
                "events": box.events,
                "last_sync": box.last_sync.isoformat() if box.last_sync else None,
                "state": fresh.state.value,
                "days": fresh.days,
                "home": fresh.home,
                "held": list(box.held),
                "items": [
                    {"kind": i.kind, "key": i.key, "number": i.number, "summary": i.summary, "at": i.at}
                    for i in box.items
                ],
            }
        )
        return 0
    issue = fresh.issue()
    if fresh.home is None:
        print("Basis data ini bukan laptop jemput bola (loket package setup --home-branch KODE).")
    elif issue is not None:
        print(f"PERHATIAN: {issue.message}")
    else:
        print(
            f"Laptop cabang {fresh.home}: {fresh.days} hari sejak sinkron (batas {fresh.freeze_days} hari)."
        )
    parts = ", ".join(f"{n} {KIND_LABELS[k].lower()}" for k, n in box.counts.items() if n)
    print(f"Belum sampai ke cabang: {parts or 'tidak ada'}; {box.events} peristiwa audit")
    for i in box.items:
        print(f"  {KIND_LABELS[i.kind]:<13} {i.number}  {i.name[:28]:<28}  {i.summary}")
    if box.held:
        print(f"Menunggu keputusan supervisor cabang: {', '.join(box.held)}")
    return 0


@friendly
def cmd_package_setup(args: argparse.Namespace) -> int:
    from app.services import outreach_sync

    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    home = None if args.home_branch.strip().lower() == "none" else args.home_branch
    s = outreach_sync.set_outreach(
        opened.ctx,
        actor,
        home=home,
        warn_days=args.warn_days,
        freeze_days=args.freeze_days,
        password=password,
    )
    if s.home is None:
        print("Basis data ini bukan lagi laptop jemput bola.")
    else:
        print(
            f"Laptop jemput bola cabang {s.home}: peringatan setelah {s.warn_days} hari tanpa sinkron, "
            f"pendaftaran baru ditolak setelah {s.freeze_days} hari."
        )
    return 0
