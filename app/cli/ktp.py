"""``loket ktp read``: read a KTP picture offline; and ``loket enrol --ktp``'s prefill."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import open_from_args, print_json, require_officer

MAX_FILE = 40 * 1024 * 1024


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    k = sub.add_parser("ktp", help="baca KTP dari gambar (luring)").add_subparsers(
        dest="ktp_command", metavar="AKSI"
    )
    p = k.add_parser(
        "read",
        parents=[common],
        help="baca kolom KTP dari foto/pindaian: nilai, tingkat keyakinan, pemeriksaan silang NIK",
    )
    p.add_argument("image", metavar="GAMBAR", help="JPEG/PNG/BMP/TIFF/WebP, atau - untuk stdin")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--officer", metavar="USERNAME", help="dicatat di jejak audit")
    p.set_defaults(func=cmd_ktp_read)


def add_enrol_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ktp",
        metavar="GAMBAR",
        help="isi awal dari foto KTP; nilai di --json menimpanya; tetap divalidasi seperti biasa",
    )


def read_image(source: str) -> bytearray:
    from app.cli import CliError

    try:
        if source == "-":
            data = bytearray(sys.stdin.buffer.read(MAX_FILE + 1))
        else:
            path = Path(source)
            if path.is_file() and path.stat().st_size > MAX_FILE:
                raise CliError(f"{source}: berkas terlalu besar untuk foto KTP (maks. 40 MB)", 2)
            data = bytearray(path.read_bytes())
    except OSError as exc:
        raise CliError(f"tidak bisa membaca {source}: {exc.strerror or exc}", 2) from exc
    return data


def _read(args: argparse.Namespace, source: str) -> Any:
    from app.cli import CliError
    from app.services import ktp

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer) if getattr(args, "officer", None) else None
    try:
        return ktp.read_ktp(opened.ctx, actor, read_image(source))
    except ktp.KtpImageError as exc:
        raise CliError(f"{source}: {exc.message} [{exc.code}]", 2) from exc
    except ktp.EngineUnavailableError as exc:
        raise CliError(f"{exc} [{exc.code}]", 4) from exc


def cmd_ktp_read(args: argparse.Namespace) -> int:
    reading = _read(args, args.image)
    if args.json:
        print_json(reading.as_dict())
        return 0 if not reading.unsure else 1
    width = max(len(f.key) for f in reading.fields)
    for f in reading.fields:
        mark = "  " if f.sure else "? "
        note = f"  ({f.note})" if f.note else ""
        print(f"{mark}{f.key.ljust(width)}  {f.value or '—'}  [{round(f.confidence * 100)}%]{note}")
    for c in reading.checks:
        print(f"{'✓' if c.ok else '✗'} {c.message}")
    if reading.unsure:
        print(f"Periksa dengan KTP: {', '.join(reading.unsure)}")
    return 0 if not reading.unsure else 1


def prefill_records(args: argparse.Namespace, records: list[Any]) -> list[Any]:
    """``--ktp``: each record starts from the card's reading; what the JSON gives wins."""
    source = getattr(args, "ktp", None)
    if not source:
        return records
    base = _read(args, source).prefill()
    return [{**base, **r} if isinstance(r, dict) else r for r in records or [{}]]
