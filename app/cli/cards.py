"""Card commands: card, cards, receipt, verify, keys."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, read_password, require_officer, require_supervisor
from app.domain.cards import REPRINT_REASONS
from app.domain.states import CardStatus
from app.services import card_keys, cards, registration_receipt
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import Actor


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    officer = argparse.ArgumentParser(add_help=False)
    officer.add_argument(
        "--officer",
        metavar="USERNAME",
        default=os.environ.get("LOKET_OFFICER"),
        help="petugas yang mencetak (bawaan: $LOKET_OFFICER)",
    )

    p = sub.add_parser(
        "card",
        parents=[common, officer],
        help="kartu peserta: cetak, cetak ulang, rusak cetak, riwayat",
        description=(
            "loket card NOMOR -o KARTU.pdf            cetak kartu pertama (atau setelah rusak cetak)\n"
            "loket card reprint NOMOR --reason ALASAN --approver SUPERVISOR -o KARTU.pdf\n"
            "                                         cetak ulang; kata sandi supervisor dari prompt/stdin\n"
            "loket card spoil SERI --reason TEKS      catat kartu rusak cetak (hari itu juga)\n"
            "loket card list NOMOR [--json]           riwayat kartu peserta"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("target", metavar="NOMOR|reprint|spoil|list")
    p.add_argument("arg", nargs="?", metavar="NOMOR|SERI")
    p.add_argument("-o", "--output", metavar="FILE.pdf")
    p.add_argument(
        "--reason", help="cetak ulang: " + ", ".join(REPRINT_REASONS) + "; rusak cetak: teks bebas"
    )
    p.add_argument("--note", help="catatan cetak ulang")
    p.add_argument("--approver", metavar="SUPERVISOR", help="supervisor yang menyetujui cetak ulang")
    p.add_argument("--preview", action="store_true", help="hanya pratinjau bertanda CONTOH; tidak dicatat")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_card)

    p = sub.add_parser(
        "cards", parents=[common, officer], help="lembar A4 berisi 10 kartu (acara jemput bola)"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--date", metavar="YYYY-MM-DD", help="semua peserta yang didaftarkan pada tanggal itu")
    which.add_argument(
        "--numbers", metavar="FILE", help="file berisi nomor peserta, satu per baris (- = stdin)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--workers", type=int, metavar="N", help="jumlah proses pembuat QR (bawaan: 2)")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cards)

    p = sub.add_parser(
        "receipt", parents=[common, officer], help="tanda terima pendaftaran (A5 atau thermal 80 mm)"
    )
    p.add_argument("number", metavar="NOMOR")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--layout", choices=["a5", "thermal"], default="a5")
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser(
        "verify", parents=[common], help="periksa teks QR kartu (keluar 0 bila sah, 1 bila tidak)"
    )
    p.add_argument("text", metavar="TEKS", help="isi QR, atau - untuk membaca dari stdin")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    keys = sub.add_parser("keys", help="kunci tanda tangan kartu").add_subparsers(
        dest="keys_command", metavar="AKSI"
    )
    p = keys.add_parser("export", parents=[common], help="kunci publik cabang ini (JSON) untuk cabang lain")
    p.add_argument("--all", action="store_true", help="semua kunci cabang ini, termasuk yang sudah diganti")
    p.add_argument("-o", "--output", metavar="FILE.json")
    p.set_defaults(func=cmd_keys_export)
    p = keys.add_parser(
        "import",
        parents=[common],
        help="percayai kunci publik cabang lain (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("file", metavar="FILE", help="hasil 'loket keys export' cabang lain")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_keys_import)
    p = keys.add_parser(
        "rotate",
        parents=[common],
        help="buat kunci baru; kunci lama tetap memverifikasi (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_keys_rotate)
    p = keys.add_parser("list", parents=[common], help="kunci yang dipercaya loket ini")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_keys_list)


def _cli_error(message: str, code: int = 2) -> Exception:
    from app.cli import CliError

    return CliError(message, code)


def _officer(opened: Any, args: argparse.Namespace) -> Actor:
    if not args.officer:
        raise _cli_error("sebutkan petugas: --officer USERNAME (atau $LOKET_OFFICER)")
    return require_officer(opened, args.officer)


def _write(path: str, data: bytes) -> None:
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _auth_guard(fn: Any) -> Any:
    try:
        return fn()
    except AuthError as exc:
        raise _cli_error(exc.message, 3) from exc
    except PermissionDeniedError as exc:
        raise _cli_error(exc.message, 3) from exc


def cmd_card(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    ctx = opened.ctx
    if args.target == "list":
        if not args.arg:
            raise _cli_error("loket card list NOMOR")
        history = cards.member_cards(ctx, args.arg)
        if args.json:
            print_json([c.as_json() for c in history])
        else:
            for c in history:
                extra = (
                    f" — {c.status_note or c.status_reason or ''}" if c.status != CardStatus.ISSUED else ""
                )
                print(f"{c.serial:16} {c.issued_at:%Y-%m-%d %H:%M}Z {c.status_label}{extra}")
        return 0
    if args.target == "spoil":
        if not args.arg or not args.reason:
            raise _cli_error("loket card spoil SERI --reason TEKS --officer USERNAME")
        actor = _officer(opened, args)
        spoiled = _auth_guard(lambda: cards.spoil_card(ctx, actor, args.arg, args.reason))
        print(f"Kartu seri {spoiled.serial} dicatat rusak cetak dan tidak berlaku lagi.")
        return 0
    if not args.output:
        raise _cli_error("sebutkan file keluaran: -o KARTU.pdf")
    actor = _officer(opened, args)
    if args.target == "reprint":
        if not args.arg or not args.reason or not args.approver:
            raise _cli_error("loket card reprint NOMOR --reason ALASAN --approver SUPERVISOR -o FILE.pdf")
        password = read_password(f"Kata sandi supervisor {args.approver}: ")
        issued = _auth_guard(
            lambda: cards.reprint_card(
                ctx,
                actor,
                args.arg,
                reason=args.reason,
                note=args.note,
                approver_username=args.approver,
                approver_password=password,
            )
        )
    elif args.arg:
        raise _cli_error(f"perintah kartu tidak dikenal: {args.target}")
    elif args.preview:
        face = _auth_guard(lambda: cards.preview_card(ctx, actor, args.target))
        _write(args.output, cards.card_pdf(face))
        print(f"Pratinjau kartu {face.number} (CONTOH, tidak berlaku) → {args.output}")
        return 0
    else:
        issued = _auth_guard(lambda: cards.issue_card(ctx, actor, args.target))
    _write(args.output, cards.card_pdf(issued.face))
    if args.json:
        print_json(issued.card.as_json())
    else:
        print(f"Kartu {issued.card.number} seri {issued.card.serial} → {args.output}")
    return 0


def _read_numbers(source: str) -> list[str]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise _cli_error(f"tidak bisa membaca {source}: {exc}") from exc
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def cmd_cards(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = _officer(opened, args)
    numbers = _read_numbers(args.numbers) if args.numbers else None
    enrolled_on = None
    if args.date:
        try:
            enrolled_on = dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise _cli_error("tanggal ditulis YYYY-MM-DD") from exc

    def progress(done: int, total: int, message: str = "") -> None:
        if not args.quiet:
            text = message or f"{done}/{total}"
            print(f"\r{text:<48}", end="", file=sys.stderr, flush=True)

    result = _auth_guard(
        lambda: cards.print_card_sheet(
            opened.ctx,
            actor,
            numbers=numbers,
            enrolled_on=enrolled_on,
            progress=progress,
            workers=args.workers,
        )
    )
    if not args.quiet:
        print(file=sys.stderr)
    if result.pdf is not None:
        _write(args.output, result.pdf)
    if args.json:
        print_json(
            {
                "output": args.output if result.pdf is not None else None,
                "cards": [c.as_json() for c in result.cards],
                "skipped": [{"number": s.key, "code": s.code, "message": s.message} for s in result.skipped],
            }
        )
    else:
        for s in result.skipped:
            print(f"dilewati {s.key}: {s.message} [{s.code}]", file=sys.stderr)
        if result.pdf is not None:
            sheets = (len(result.cards) + 9) // 10
            print(f"{len(result.cards)} kartu pada {sheets} lembar A4 → {args.output}")
        else:
            print("Tidak ada kartu yang dapat dicetak.")
    return 0 if result.pdf is not None else 1


def cmd_receipt(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = _officer(opened, args)
    receipt = _auth_guard(lambda: registration_receipt.registration_receipt(opened.ctx, actor, args.number))
    _write(args.output, registration_receipt.receipt_pdf(receipt, args.layout))
    print(f"Tanda terima {receipt.receipt_id} ({args.layout}) → {args.output}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    text = sys.stdin.read() if args.text == "-" else args.text
    result = cards.verify_card_text(opened.ctx, text)
    if args.json:
        print_json(result.as_json())
    else:
        print(result.message if result.valid else f"TIDAK SAH [{result.reason}]: {result.message}")
        if result.number:
            print(f"  {result.number}  {result.name}  seri {result.serial}  ({' '.join(result.programmes)})")
        if result.issuer:
            print(f"  diterbitkan {result.issuer}, kunci {result.key_id}")
        if result.member:
            m = result.member
            print(
                f"  data di sini: {m.record_status_label}; program sekarang {' '.join(m.programmes) or '-'}"
            )
    return 0 if result.valid else 1


def cmd_keys_export(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    exported = card_keys.export_keys(opened.ctx, include_all=args.all)
    data: Any = exported if args.all else exported[0]
    if args.output:
        _write(args.output, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        print(f"Kunci publik → {args.output}", file=sys.stderr)
    else:
        print_json(data)
    return 0


def cmd_keys_import(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _cli_error(f"tidak bisa membaca {args.file}: {exc}") from exc
    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    added = _auth_guard(lambda: card_keys.import_keys(opened.ctx, actor, data))
    for k in added:
        print(f"Dipercaya: kunci {k.key_id} milik {k.branch_name} ({k.branch_code}).")
    if not added:
        print("Semua kunci dalam berkas sudah dipercaya.")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    new, old = _auth_guard(lambda: card_keys.rotate_key(opened.ctx, actor))
    print(
        f"Kunci baru {new.key_id}" + (f"; kunci lama {old} tetap dipakai untuk verifikasi." if old else ".")
    )
    print("Kirim kunci publik baru ke cabang lain: loket keys export", file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    keys = card_keys.list_keys(opened.ctx)
    if args.json:
        print_json([k.as_json() for k in keys])
    else:
        for k in keys:
            state = "aktif" if k.current else ("diganti" if k.retired_at else "")
            print(f"{k.key_id}  {k.origin:8}  {k.branch_code} {k.branch_name}  {state}")
    return 0
