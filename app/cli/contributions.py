"""Contribution commands: quote, pay (void, receipt), sponsor pay, schedule, member cover, rates show/load."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from app.bootstrap import Opened
from app.cli.common import open_from_args, print_json, prove, require_officer
from app.domain.issues import DomainError
from app.domain.money import format_rupiah
from app.domain.months import Month
from app.domain.payment_methods import PAYMENT_METHODS
from app.domain.rates import percent_text
from app.domain.schedule import Schedule
from app.services import contributions as contrib
from app.services.auth import AuthError
from app.services.contribution_dto import CoverDTO, PaymentDTO
from app.services.dto import MemberDTO

METHODS = list(PAYMENT_METHODS)


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("quote", parents=[common], help="hitung iuran dari rekaman pendaftaran (JSON)")
    p.add_argument(
        "--json", required=True, metavar="RECORD", help="file JSON satu rekaman, atau - untuk stdin"
    )
    p.add_argument("--start", type=_month, metavar="TTTT-BB", help="bulan pertama (bawaan: bulan ini)")
    p.add_argument("--months", type=int, required=True, metavar="N")
    p.add_argument("--harvest", metavar="BULAN", help="jadwal musim panen, mis. 3,4,9,10")
    p.set_defaults(func=cmd_quote)

    p = sub.add_parser(
        "pay",
        parents=[common],
        help="catat pembayaran iuran: 'pay NOMOR …' atau 'pay void ID --reason … --supervisor U'",
    )
    p.add_argument(
        "target",
        metavar="NOMOR|void|receipt",
        help="nomor peserta (atau NIK), 'void', atau 'receipt' (cetak ulang)",
    )
    p.add_argument(
        "payment", nargs="?", metavar="ID", help="untuk 'void'/'receipt': id atau nomor tanda bukti"
    )
    p.add_argument(
        "--months",
        type=int,
        metavar="N",
        help="jumlah bulan (bawaan: semua yang terutang s.d. bulan ini, atau musim panen berikutnya)",
    )
    p.add_argument(
        "--request-key",
        metavar="KUNCI",
        help="kunci permintaan: perintah yang diulang dengan kunci sama tidak menagih lagi "
        "(bawaan: dari argumen perintah dan tanggal hari ini)",
    )
    p.add_argument("--method", choices=METHODS)
    p.add_argument("--reference", metavar="R", help="nomor transfer / SP2D / surat pemberi kerja")
    p.add_argument(
        "--received",
        metavar="RUPIAH",
        help="tunai: uang yang diterima dari peserta (kembalian dicetak di tanda bukti)",
    )
    p.add_argument("--officer", metavar="USERNAME")
    p.add_argument("--start", type=_month, metavar="TTTT-BB", help="bulan pertama (bawaan: bulan terutang)")
    p.add_argument("--enrolment", action="store_true", help="bayar bulan_bayar yang dipilih saat pendaftaran")
    p.add_argument("-o", "--output", metavar="RECEIPT.pdf", help="simpan tanda bukti PDF")
    p.add_argument("--paper", choices=["A5", "80mm"], default="A5")
    p.add_argument("--reason", help="untuk 'void': alasan pembatalan")
    p.add_argument("--supervisor", metavar="USERNAME", help="untuk 'void' (kata sandi dari prompt/stdin)")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_pay)

    sp = sub.add_parser("sponsor", help="pembayaran kolektif oleh pemberi dana").add_subparsers(
        dest="sponsor_command", metavar="AKSI"
    )
    p = sp.add_parser("pay", parents=[common], help="pemberi dana membayar N bulan untuk daftar peserta")
    p.add_argument("--sponsor", required=True, metavar="NAMA", help='mis. "Pemkab Ogan Ilir"')
    p.add_argument("--months", type=int, required=True, metavar="N")
    p.add_argument("--numbers", required=True, metavar="FILE", help="satu nomor peserta per baris, atau -")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--method", choices=METHODS, default="apbd")
    p.add_argument("--reference", metavar="R")
    p.add_argument("--start", type=_month, metavar="TTTT-BB", help="bulan pertama (bawaan: bulan ini)")
    p.add_argument("-o", "--output", metavar="RECEIPT.pdf")
    p.add_argument("--paper", choices=["A5", "80mm"], default="A5")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_sponsor_pay)

    sc = sub.add_parser("schedule", help="jadwal bayar peserta").add_subparsers(
        dest="schedule_command", metavar="AKSI"
    )
    p = sc.add_parser("set", parents=[common], help="jadwal bulanan atau musim panen")
    p.add_argument("number", metavar="NOMOR")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--harvest", metavar="BULAN", help="bulan panen, mis. 3,4,9,10")
    group.add_argument("--monthly", action="store_true")
    p.add_argument("--reason", metavar="TEKS", help="wajib bila pekerjaan peserta bukan pekerjaan musiman")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_schedule_set)

    rt = sub.add_parser("rates", help="tabel tarif iuran").add_subparsers(
        dest="rates_command", metavar="AKSI"
    )
    p = rt.add_parser(
        "show", parents=[common], help="tabel yang dikenal, dan tarif yang berlaku untuk satu bulan"
    )
    p.add_argument("--month", type=_month, metavar="TTTT-BB", help="bawaan: bulan ini")
    p.add_argument(
        "--json", dest="as_json", action="store_true", help="tabel yang berlaku, sebagai JSON lengkap"
    )
    p.set_defaults(func=cmd_rates_show)
    p = rt.add_parser(
        "load", parents=[common], help="muat tabel tarif baru (supervisor; kata sandi dari stdin)"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_rates_load)


def _fail(message: str, code: int = 2) -> Exception:
    from app.cli import CliError

    return CliError(message, code)


def _read_json(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
        return json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"tidak bisa membaca {source}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise _fail(f"JSON tidak valid di baris {exc.lineno} kolom {exc.colno}: {exc.msg}") from exc


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise _fail(f"tidak bisa menulis {path}: {exc}", 1) from exc


def cmd_quote(args: argparse.Namespace) -> int:
    record = _read_json(args.json)
    if isinstance(record, list) and len(record) == 1:
        record = record[0]
    if not isinstance(record, dict):
        raise _fail("RECORD harus satu objek JSON (rekaman pendaftaran)")
    opened = open_from_args(args)
    schedule = Schedule.parse(args.harvest) if args.harvest else Schedule()
    q = contrib.quote_for_record(opened.ctx, record, months=args.months, start=args.start, schedule=schedule)
    print_json(q.as_json())
    return 0


def _print_payment(p: PaymentDTO) -> None:
    state = " [DIBATALKAN]" if p.voided else ""
    print(
        f"{p.receipt_no}{state}  {p.member_number}  {p.period}  {format_rupiah(p.total)}  ({p.method_label})"
    )
    for t in p.programme_totals:
        disc = f"  potongan -{format_rupiah(t.discount)}" if t.discount else ""
        print(f"  {t.programme:<4} {t.months} bln × {t.rate:<8} {format_rupiah(t.gross):>12}{disc}")
    if p.quote.fine_total:
        print(f"  Denda keterlambatan {format_rupiah(p.quote.fine_total):>27}")


def _request_key(args: argparse.Namespace) -> str:
    """The same command on the same day is the same request: a re-run after a crash returns the
    payment already recorded instead of charging the next months."""
    if args.request_key:
        return str(args.request_key)
    parts = [
        "cli",
        str(args.target).strip(),
        str(args.months),
        str(args.start),
        str(args.method),
        " ".join((args.reference or "").split()),
        str(args.officer),
        dt.date.today().isoformat(),
    ]
    return "cli-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def cmd_pay(args: argparse.Namespace) -> int:
    if args.target == "void":
        return _cmd_void(args)
    if args.target == "receipt":
        return _cmd_receipt(args)
    if args.payment:
        raise _fail("argumen berlebih; maksudnya 'loket pay void ID' atau 'loket pay receipt ID'?")
    if not args.officer:
        raise _fail("sebutkan --officer USERNAME")
    if not args.method:
        raise _fail("sebutkan --method cash|transfer|apbd|employer")
    if args.enrolment and args.months is not None:
        raise _fail("--enrolment membayar bulan_bayar saat pendaftaran; jangan ditambah --months")
    received = None
    if args.received is not None:
        from app.domain.cash import parse_rupiah

        received = parse_rupiah(args.received)
        if received is None:
            raise _fail("--received: tulis jumlah rupiah, mis. 50000")
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    if args.enrolment:
        payment = contrib.record_enrolment_payment(
            opened.ctx,
            actor,
            args.target,
            method=args.method,
            reference=args.reference,
            cash_received=received,
        )
        if payment is None:
            print("Bulan dibayar saat pendaftaran = 0; tidak ada pembayaran.", file=sys.stderr)
            return 0
    else:
        payment = contrib.pay(
            opened.ctx,
            actor,
            args.target,
            months=args.months,
            method=args.method,
            reference=args.reference,
            start=args.start,
            request_key=_request_key(args),
            cash_received=received,
        )
    _finish_payment(opened, args, payment)
    return 0


def _cmd_receipt(args: argparse.Namespace) -> int:
    if not args.payment:
        raise _fail("sebutkan nomor tanda bukti: loket pay receipt TBI-… -o FILE.pdf --officer U")
    if not args.output:
        raise _fail("sebutkan -o FILE.pdf")
    if not args.officer:
        raise _fail("sebutkan --officer USERNAME (dicatat di jejak audit)")
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    _write(args.output, contrib.reprint_receipt_pdf(opened.ctx, actor, args.payment, paper=args.paper))
    print(f"Salinan tanda bukti {args.payment.upper()}: {args.output}")
    return 0


def _finish_payment(opened: Opened, args: argparse.Namespace, payment: PaymentDTO) -> None:
    if args.output:
        _write(args.output, contrib.receipt_pdf(opened.ctx, payment.id, paper=args.paper))
    if args.as_json:
        print_json(payment.as_json())
    else:
        if payment.repeated:
            print(
                "Pembayaran ini sudah tercatat sebelumnya (permintaan yang sama); tidak ditagih lagi. "
                "Untuk pembayaran baru, sebutkan --start atau --request-key lain.",
                file=sys.stderr,
            )
        _print_payment(payment)
        if payment.cash_received is not None and payment.change is not None:
            print(
                f"  Uang diterima {format_rupiah(payment.cash_received)}, kembalian {format_rupiah(payment.change)}"
            )
        if payment.cover_after:
            print(f"  Perlindungan: {payment.cover_after}")
        if args.output:
            print(f"Tanda bukti: {args.output}")


def _cmd_void(args: argparse.Namespace) -> int:
    if not args.payment:
        raise _fail("sebutkan ID atau nomor tanda bukti: loket pay void ID --reason … --supervisor U")
    if not args.reason:
        raise _fail("sebutkan --reason ALASAN")
    if not args.supervisor:
        raise _fail("sebutkan --supervisor USERNAME (kata sandi dari stdin)")
    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    try:
        payment = contrib.void_payment(opened.ctx, actor, args.payment, reason=args.reason, password=password)
    except AuthError as exc:
        raise _fail(exc.message, 3) from exc
    if args.as_json:
        print_json(payment.as_json())
    else:
        _print_payment(payment)
    return 0


def cmd_sponsor_pay(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.numbers == "-" else Path(args.numbers).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"tidak bisa membaca {args.numbers}: {exc}") from exc
    numbers = [line.split("#", 1)[0].strip().strip(",;") for line in text.splitlines()]
    numbers = [n for n in numbers if n]
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    batch = contrib.pay_sponsored(
        opened.ctx,
        actor,
        sponsor=args.sponsor,
        numbers=numbers,
        months=args.months,
        method=args.method,
        reference=args.reference,
        start=args.start,
    )
    if args.output:
        _write(args.output, contrib.sponsor_receipt_pdf(opened.ctx, batch.id, paper=args.paper))
    if args.as_json:
        print_json(batch.as_json())
    else:
        print(
            f"{batch.receipt_no}  {batch.sponsor}  {len(batch.members)} peserta  "
            f"{batch.months[0].short()} – {batch.months[-1].short()}  {format_rupiah(batch.total)}"
        )
        if args.output:
            print(f"Tanda bukti: {args.output}")
    return 0


def cmd_schedule_set(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    schedule = Schedule() if args.monthly else Schedule.parse(args.harvest)
    cover = contrib.set_schedule(opened.ctx, actor, args.number, schedule, reason=args.reason)
    print(f"{cover.member_number}: {cover.schedule_label}")
    for line in cover.sentences:
        print(f"  {line}")
    return 0


def cmd_rates_show(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    month = args.month or Month.of(contrib.business_today(opened.ctx))
    book = contrib.rate_book(opened.ctx)
    table = book.table_for(month)
    if args.as_json:
        print_json(json.loads(table.raw))
        return 0
    for info in contrib.rate_tables(opened.ctx):
        mark = "*" if info.version == table.version and info.effective_from == table.effective_from else " "
        who = f", dimuat {info.loaded_by} {info.loaded_at:%Y-%m-%d}" if info.loaded_at else ""
        print(f"{mark} {info.version}  berlaku mulai {info.effective_from.short()}  ({info.origin}{who})")
    print(f"\nTarif yang berlaku untuk {month.label()}: tabel {table.version}")
    for code, seg in table.segments.items():
        parts = []
        for p in seg.programmes.values():
            if p.kind == "percent":
                parts.append(f"{p.code} {p.shares.percent_text()}")
            elif p.kind in ("flat", "bundle"):
                parts.append(f"{p.code} {format_rupiah(p.amount)}")
            elif p.kind == "risk_class":
                parts.append(f"{p.code} " + "/".join(c.shares.percent_text() for c in p.classes.values()))
            cap = p.cap_for(month)
            if cap is not None:
                mark = " [belum terkonfirmasi]" if cap.unconfirmed else ""
                amount = format_rupiah(cap.amount) if cap.amount is not None else "tidak diketahui"
                parts[-1] += f" (batas upah {amount}{mark})"
        base = seg.base
        if base.method == "minimum":
            parts.append(
                f"dasar minimal {format_rupiah(base.minimum)}" + (" [asumsi]" if base.unconfirmed else "")
            )
        elif base.method == "brackets":
            doubtful = sum(1 for b in base.brackets if b.unconfirmed)
            parts.append(
                f"tabel penghasilan {len(base.brackets)} golongan "
                f"({format_rupiah(base.brackets[0].base)} – {format_rupiah(base.brackets[-1].base)})"
                + (f" [{doubtful} golongan belum terkonfirmasi]" if doubtful else "")
            )
        if seg.late_fine:
            parts.append(f"denda {percent_text(seg.late_fine)}/bulan")
        print(f"  {code:<5} " + "; ".join(parts))
    active = [d for d in table.discounts if d.first <= month <= d.last]
    for d in active:
        print(f"  Potongan: {d.label} ({d.first.short()} – {d.last.short()})")
    print(f"  Pembulatan: {table.rounding_text}")
    return 0


def cmd_rates_load(args: argparse.Namespace) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"tidak bisa membaca {args.file}: {exc}") from exc
    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    try:
        info = contrib.load_rate_table(opened.ctx, actor, text, password=password)
    except AuthError as exc:
        raise _fail(exc.message, 3) from exc
    print(f"Tabel tarif {info.version} dimuat; berlaku mulai {info.effective_from.label()}.")
    if info.unconfirmed:
        print(f"  {len(info.unconfirmed)} angka bertanda belum terkonfirmasi.")
    return 0


# --- member cover, and the hooks used by ``loket member show`` -------------------------------------------


def register_member(members: Any, common: argparse.ArgumentParser) -> None:
    """``loket member cover``: added to the ``member`` command group."""
    p = members.add_parser("cover", parents=[common], help="apakah peserta dilindungi pada suatu tanggal")
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--on", type=_date, metavar="TTTT-BB-HH", help="tanggal yang ditanya (bawaan: hari ini)")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_member_cover)
    p = members.add_parser(
        "cover-changes",
        parents=[common],
        help="peserta yang statusnya berubah karena model perlindungan baru",
    )
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("-o", "--output", metavar="FILE.xlsx")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_cover_changes)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"tanggal harus TTTT-BB-HH, mis. 2027-03-15 (bukan '{text[:20]}')"
        ) from exc


def cmd_member_cover(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    day = args.on or contrib.business_today(opened.ctx)
    answer = contrib.cover_on_date(opened.ctx, args.key, day)
    if args.as_json:
        print_json(answer.as_json())
        return 0
    c = answer.cover
    verdict = "DILINDUNGI" if answer.covered else ("BERSYARAT" if answer.conditional else "TIDAK DILINDUNGI")
    print(f"{c.member_number} pada {day:%d-%m-%Y}: {verdict}")
    print(f"  {answer.reason}")
    print(f"  Status pada tanggal itu: {c.status_label}")
    for line in c.sentences:
        print(f"  {line}")
    return 0


def cmd_cover_changes(args: argparse.Namespace) -> int:
    from app.services.contributions.changes import cover_changes, cover_changes_xlsx

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    changes = cover_changes(opened.ctx, actor)
    if args.output:
        try:
            cover_changes_xlsx(changes, Path(args.output))
        except OSError as exc:
            raise _fail(f"tidak bisa menulis {args.output}: {exc}", 1) from exc
    if args.as_json:
        print_json([c.as_json() for c in changes])
        return 0
    print(f"{len(changes)} peserta berubah status karena model perlindungan baru.")
    for c in changes:
        print(f"  {c.number}  {c.name[:28]:<28}  {c.old_status} → {c.new_status}: {c.reason}")
    return 0


def _cover_lines(c: CoverDTO) -> list[str]:
    out = [f"  Iuran: {c.status_label} · jadwal {c.schedule_label}"]
    out.extend(f"  {line}" for line in c.sentences)
    return out


def member_contribution_json(opened: Opened, member: MemberDTO) -> dict[str, Any]:
    """The ``iuran`` part of ``loket member show --json``: the same block as ``member cover`` for today."""
    try:
        cover = contrib.member_cover(opened.ctx, member.number)
    except DomainError:
        return {"iuran": None}
    return {"iuran": cover.as_json()}


def print_member_contribution(opened: Opened, member: MemberDTO) -> None:
    """The cover lines of ``loket member show``."""
    try:
        c = contrib.member_cover(opened.ctx, member.number)
    except DomainError:
        return
    for line in _cover_lines(c):
        print(line)
