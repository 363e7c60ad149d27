"""``loket project``: construction projects charged on their contract value, and their workers."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, require_officer
from app.domain.money import format_rupiah
from app.domain.months import Month
from app.domain.payment_methods import PAYMENT_METHODS

METHODS = list(PAYMENT_METHODS)


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"tanggal harus TTTT-BB-HH (bukan '{text[:20]}')") from exc


def _rupiah(text: str) -> int:
    from app.domain.record_fields import parse_int

    value = parse_int(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"nilai rupiah tidak dikenali: '{text[:20]}'")
    return value


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser("project", help="proyek jasa konstruksi (iuran dari nilai kontrak)").add_subparsers(
        dest="project_command", metavar="AKSI"
    )
    p = pr.add_parser("add", parents=[common], help="daftarkan proyek dengan nilai kontraknya")
    p.add_argument("--name", required=True, metavar="NAMA")
    p.add_argument("--owner", required=True, metavar="PEMILIK", help="pengguna jasa")
    p.add_argument("--contractor", required=True, metavar="KONTRAKTOR", help="penyedia jasa")
    p.add_argument("--npp", metavar="NPP")
    p.add_argument("--value", required=True, type=_rupiah, metavar="RUPIAH", help="nilai kontrak sebelum PPN")
    p.add_argument("--spk", required=True, type=_date, metavar="TTTT-BB-HH", help="tanggal SPK")
    p.add_argument("--from", dest="first", required=True, type=_month, metavar="TTTT-BB")
    p.add_argument("--to", dest="last", required=True, type=_month, metavar="TTTT-BB")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_add)
    p = pr.add_parser("workers", parents=[common], help="daftarkan pekerja JAKON di bawah proyek")
    p.add_argument("code", metavar="PRJ-…")
    p.add_argument("numbers", nargs="+", metavar="NOMOR")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_workers)
    p = pr.add_parser("pay", parents=[common], help="bayar iuran proyek (tanda bukti TBK)")
    p.add_argument("code", metavar="PRJ-…")
    p.add_argument("--method", required=True, choices=METHODS)
    p.add_argument("--reference", metavar="R")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("-o", "--output", metavar="RECEIPT.pdf")
    p.set_defaults(func=cmd_pay)
    p = pr.add_parser("show", parents=[common], help="satu proyek dan pekerjanya")
    p.add_argument("code", metavar="PRJ-…")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = pr.add_parser("list", parents=[common], help="semua proyek")
    p.set_defaults(func=cmd_list)


def _print(p: Any) -> None:
    state = f"dibayar {p.receipt_no}" if p.receipt_no else "belum dibayar"
    print(f"{p.code}  {p.name}  ({state})")
    print(f"  Pemilik {p.owner} · kontraktor {p.contractor}" + (f" · NPP {p.npp}" if p.npp else ""))
    print(
        f"  Nilai kontrak {format_rupiah(p.contract_value)} · SPK {p.spk_date:%d-%m-%Y} · "
        f"{p.months[0].label()} – {p.months[-1].label()}"
    )
    print(f"  JKK {format_rupiah(p.jkk)} + JKM {format_rupiah(p.jkm)} = {format_rupiah(p.total)}")
    print(f"  Pekerja: {len(p.workers)}")
    for w in p.workers:
        print(f"    {w.number}  {w.name}  {w.nik_masked}")
    for warning in p.warnings:
        print(f"  Perhatian: {warning.message}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> int:
    from app.services.contributions.projects import register_project

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    p = register_project(
        opened.ctx,
        actor,
        name=args.name,
        owner=args.owner,
        contractor=args.contractor,
        npp=args.npp,
        contract_value=args.value,
        spk_date=args.spk,
        first=args.first,
        last=args.last,
    )
    if args.as_json:
        print_json(p.as_json())
    else:
        _print(p)
    return 0


def cmd_workers(args: argparse.Namespace) -> int:
    from app.services.contributions.projects import add_workers

    opened = open_from_args(args)
    _print(add_workers(opened.ctx, require_officer(opened, args.officer), args.code, args.numbers))
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.services.contributions.projects import pay_project, project_receipt_pdf

    opened = open_from_args(args)
    p = pay_project(
        opened.ctx,
        require_officer(opened, args.officer),
        args.code,
        method=args.method,
        reference=args.reference,
    )
    if args.output:
        try:
            Path(args.output).write_bytes(project_receipt_pdf(opened.ctx, p.code))
        except OSError as exc:
            raise CliError(f"tidak bisa menulis {args.output}: {exc}", 1) from exc
    _print(p)
    if args.output:
        print(f"Tanda bukti: {args.output}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from app.services.contributions.projects import get_project

    p = get_project(open_from_args(args).ctx, args.code)
    if args.as_json:
        print_json(p.as_json())
    else:
        _print(p)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from app.services.contributions.projects import list_projects

    for p in list_projects(open_from_args(args).ctx):
        state = p.receipt_no or "belum dibayar"
        print(
            f"{p.code}  {p.name[:40]:<40}  {format_rupiah(p.total):>12}  {len(p.workers):>4} pekerja  {state}"
        )
    return 0
