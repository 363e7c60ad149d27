"""``loket holidays``: the days that move a contribution's due date (list, add, remove, cuti bersama)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.cli.common import open_from_args, print_json, prove


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"tanggal harus TTTT-BB-HH, mis. 2027-03-15 (bukan '{text[:20]}')"
        ) from exc


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    hd = sub.add_parser("holidays", help="hari libur untuk jatuh tempo iuran").add_subparsers(
        dest="holidays_command", metavar="AKSI"
    )
    p = hd.add_parser("list", parents=[common], help="hari libur satu tahun, dengan pengecualian supervisor")
    p.add_argument("--year", type=int, metavar="TTTT")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = hd.add_parser("add", parents=[common], help="tambah hari libur (keputusan terlambat, libur daerah)")
    p.add_argument("day", type=_date, metavar="TTTT-BB-HH")
    p.add_argument("--name", required=True, metavar="NAMA", help='mis. "Cuti bersama SKB 3 Menteri 2027"')
    p.add_argument(
        "--supervisor", required=True, metavar="USERNAME", help="kata sandi dari prompt atau stdin"
    )
    p.set_defaults(func=cmd_add, working=False)
    p = hd.add_parser("workday", parents=[common], help="jadikan hari kerja (mis. cuti bersama dibatalkan)")
    p.add_argument("day", type=_date, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_add, working=True, name=None)
    p = hd.add_parser("remove", parents=[common], help="hapus pengecualian pada satu tanggal")
    p.add_argument("day", type=_date, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_remove)
    p = hd.add_parser("joint-leave", parents=[common], help="apakah cuti bersama menggeser jatuh tempo")
    p.add_argument("state", choices=["on", "off"])
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_joint_leave)


def _print(data: Any, as_json: bool = False) -> None:
    if as_json:
        print_json(
            {
                "year": data.year,
                "joint_leave": data.joint_leave,
                "days": [{"date": d.day.isoformat(), "name": d.name, "source": d.source} for d in data.days],
                "overrides": [
                    {"date": d.day.isoformat(), "name": d.name, "working": d.working} for d in data.overrides
                ],
            }
        )
        return
    state = "ya" if data.joint_leave else "tidak"
    print(f"Hari libur {data.year} (cuti bersama menggeser jatuh tempo: {state})")
    for d in data.days:
        print(f"  {d.day:%d-%m-%Y} {d.day:%a}  {d.name}  [{d.source}]")
    working = [d for d in data.overrides if d.working and d.day.year == data.year]
    for d in working:
        print(f"  {d.day:%d-%m-%Y}  hari kerja (pengecualian supervisor)")


def cmd_list(args: argparse.Namespace) -> int:
    from app.services.holidays import holidays

    opened = open_from_args(args)
    _print(holidays(opened.ctx, year=args.year), args.as_json)
    return 0


def _supervisor(args: argparse.Namespace) -> Any:
    """A supervisor's power: the account named and its password (asked once; the service checks it)."""
    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    return opened, actor, password


def _refused(exc: Exception) -> Exception:
    from app.cli import CliError
    from app.services.auth import AuthError

    return CliError(exc.message if isinstance(exc, AuthError) else str(exc), 3)


def cmd_add(args: argparse.Namespace) -> int:
    from app.services.auth import AuthError, PermissionDeniedError
    from app.services.holidays import set_override

    opened, actor, password = _supervisor(args)
    try:
        result = set_override(
            opened.ctx, actor, args.day, name=args.name, working=args.working, password=password
        )
    except (AuthError, PermissionDeniedError) as exc:
        raise _refused(exc) from exc
    _print(result)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from app.services.auth import AuthError, PermissionDeniedError
    from app.services.holidays import remove_override

    opened, actor, password = _supervisor(args)
    try:
        result = remove_override(opened.ctx, actor, args.day, password=password)
    except (AuthError, PermissionDeniedError) as exc:
        raise _refused(exc) from exc
    _print(result)
    return 0


def cmd_joint_leave(args: argparse.Namespace) -> int:
    from app.services.auth import AuthError, PermissionDeniedError
    from app.services.holidays import set_joint_leave

    opened, actor, password = _supervisor(args)
    try:
        result = set_joint_leave(opened.ctx, actor, args.state == "on", password=password)
    except (AuthError, PermissionDeniedError) as exc:
        raise _refused(exc) from exc
    _print(result)
    return 0
