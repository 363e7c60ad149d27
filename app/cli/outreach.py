"""``loket outreach due``: who pays at this harvest, for planning a "Masuk Desa" day."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, require_officer
from app.domain.money import format_rupiah
from app.domain.months import Month


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    out = sub.add_parser("outreach", help="daftar untuk kegiatan jemput bola").add_subparsers(
        dest="outreach_command", metavar="AKSI"
    )
    p = out.add_parser(
        "due",
        parents=[common],
        help="peserta dengan jadwal bayar saat panen yang jatuh tempo pada suatu bulan",
    )
    p.add_argument("--month", type=_month, required=True, metavar="TTTT-BB")
    p.add_argument(
        "--region", metavar="KODE", help="kode Kemendagri provinsi/kabupaten/kecamatan/desa, mis. 16.10"
    )
    p.add_argument("--officer", required=True, metavar="USERNAME", help="dicatat di jejak audit")
    p.add_argument(
        "-o", "--output", metavar="FILE.pdf|FILE.xlsx", help="simpan sebagai PDF (cetak) atau XLSX"
    )
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_outreach_due)


def cmd_outreach_due(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.infra.workspace import write_private_file
    from app.services.contributions.outreach import outreach_due, outreach_pdf, outreach_xlsx

    out = Path(args.output) if args.output else None
    if out is not None and out.suffix.lower() not in (".pdf", ".xlsx"):
        raise CliError("berkas keluaran harus .pdf atau .xlsx", 2)
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    data = outreach_due(opened.ctx, actor, month=args.month, region=args.region)
    if out is not None:
        try:
            if out.suffix.lower() == ".pdf":
                write_private_file(opened.ctx.paths, out, outreach_pdf(data))  # 0600 from its first byte
            else:
                outreach_xlsx(data, out)
        except OSError as exc:
            raise CliError(f"tidak bisa menulis {out}: {exc}", 1) from exc
    if args.as_json:
        print_json(
            {
                "month": str(data.month),
                "region": data.region,
                "total": data.total,
                "members": [
                    {
                        "number": r.number,
                        "name": r.name,
                        "nik": r.nik_masked,
                        "village": r.village,
                        "status": r.status,
                        "months": [str(m) for m in r.months],
                        "due_date": r.due_date.isoformat(),
                        "amount": r.amount,
                    }
                    for r in data.rows
                ],
            }
        )
        return 0
    where = f" di {data.region_name}" if data.region_name else ""
    print(
        f"Bayar saat panen {data.month.label()}{where}: {len(data.rows)} peserta, {format_rupiah(data.total)}"
    )
    for r in data.rows:
        print(
            f"  {r.number}  {r.name[:28]:<28}  {r.village[:18]:<18}  {r.period:<22}  "
            f"{r.due_date:%d-%m-%Y}  {format_rupiah(r.amount):>12}  {r.status_note}"
        )
    if out is not None:
        print(f"Disimpan: {out}")
    return 0
