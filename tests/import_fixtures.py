"""Spreadsheets made by the tests: valid rows from the demo generator, written as XLSX or CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.domain.intake import FIELDS
from app.services.demo import DemoGenerator

TODAY = dt.date(2026, 11, 23)


def valid_rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` valid intake records with distinct NIKs (BPU, as the regional lists are)."""
    gen = DemoGenerator(seed, TODAY)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(out) < n:
        r = gen.record()
        if r["nik"] in seen:
            continue
        seen.add(r["nik"])
        r.pop("nik_district")
        r["tanggal_lahir"] = r["tanggal_lahir"].isoformat()
        r["segmen"] = "BPU"
        out.append(r)
    return out


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    headers: Sequence[str] = FIELDS,
    *,
    title: str = "Peserta",
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for r in above:
        ws.append(list(r))
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def as_cells(records: Iterable[dict[str, Any]], headers: Sequence[str] = FIELDS) -> list[list[Any]]:
    return [[r.get(k) for k in headers] for r in records]


def write_csv(
    path: Path,
    rows: Iterable[Sequence[Any]],
    headers: Sequence[str] = FIELDS,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def ole_container(stream_names: Sequence[str]) -> bytes:
    """A minimal Compound File Binary (the OLE2 container of .xls and password-protected .xlsx).

    Header, one FAT sector and one directory sector holding a root entry and one empty stream per
    name: what Excel writes around ``EncryptionInfo``/``EncryptedPackage`` when a password is set.
    """
    import struct

    sector = 512
    free, end_chain, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # minor, major (v3), byte order, sector shift
    struct.pack_into("<H", header, 32, 6)  # mini sector shift
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, end_chain, 0, end_chain, 0)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat = bytearray(sector)
    struct.pack_into("<II", fat, 0, fat_sector, end_chain)
    for i in range(2, sector // 4):
        struct.pack_into("<I", fat, 4 * i, free)

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)  # name length, type, colour black
        struct.pack_into("<III", raw, 68, free, right, child)  # left, right sibling, child
        struct.pack_into("<II", raw, 116, end_chain, 0)  # start sector, size
        return bytes(raw)

    names = list(stream_names)
    entries = [entry("Root Entry", 5, 1 if names else free, free)]
    for i, name in enumerate(names, start=1):
        entries.append(entry(name, 2, free, i + 1 if i < len(names) else free))
    directory = b"".join(entries).ljust(sector, b"\x00")
    return bytes(header) + bytes(fat) + directory
