"""``loket import``: bulk enrolment from XLSX/CSV, with a dry run, two commit modes and reports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.common import add_override_options, duplicate_override, open_from_args, require_officer
from app.domain.imports import ImportFileError, ImportReport, RowOutcome, check_sponsor, parse_mapping_text
from app.domain.issues import DomainError
from app.domain.progress import Cancelled

EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE = 0, 2, 3
SHOWN_PROBLEMS = 20


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="daftarkan banyak pekerja dari file XLSX/CSV (periksa dulu dengan --dry-run)",
        description=(
            "Impor peserta dari XLSX atau CSV (UTF-8/Windows-1252, pemisah , atau ;). Judul kolom: kunci "
            "rekaman (nik, nama, …) atau variannya; --template membuat templat kosong. Keluar 0: semua baris "
            "lolos; 2: ada baris ditolak; 3: file tidak bisa dibaca."
        ),
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="file .xlsx atau .csv")
    p.add_argument(
        "--template", metavar="FILE.xlsx", help="tulis templat kosong dengan judul kolom dan petunjuk"
    )
    p.add_argument("--officer", metavar="USERNAME")
    p.add_argument("--dry-run", action="store_true", help="periksa setiap baris saja, tidak menyimpan")
    p.add_argument(
        "--mode",
        choices=["all", "accepted"],
        help="all: semua atau tidak sama sekali; accepted: simpan baris yang lolos saja",
    )
    p.add_argument("--json", action="store_true", help="hasil per baris sebagai JSON (seperti 'loket enrol')")
    p.add_argument(
        "--sponsor", metavar="NAMA", help="penyandang dana APBD untuk seluruh impor (mis. Pemkab Ogan Ilir)"
    )
    p.add_argument("--months", type=int, metavar="N", help="bulan yang didanai penyandang dana (1, 3, 6, 12)")
    p.add_argument(
        "--sheet", metavar="NAMA", help="nama lembar (bawaan: lembar dengan judul kolom yang dikenali)"
    )
    p.add_argument(
        "--map",
        metavar="PEMETAAN",
        help='judul=kunci dipisah koma, mis. "Nama Lengkap=nama,No. HP=no_hp,Keterangan=", atau file JSON',
    )
    p.add_argument(
        "--report-xlsx", metavar="FILE", help="laporan per baris (salinan baris + kolom kesalahan)"
    )
    p.add_argument("--report-pdf", metavar="FILE", help="ringkasan PDF")
    p.add_argument(
        "--row-limit", type=int, default=None, metavar="N", help="batas baris per impor (bawaan 200.000)"
    )
    p.add_argument("--progress", action="store_true", help="tulis kemajuan ke stderr")
    add_override_options(p, "baris --override-rows")
    p.add_argument(
        "--override-rows",
        metavar="BARIS",
        help="nomor baris spreadsheet yang disetujui supervisor walau mirip peserta lain, mis. 12,15",
    )
    p.set_defaults(func=cmd_import)


def _mapping(value: str | None) -> dict[str, str | None] | None:
    from app.cli import CliError

    if not value:
        return None
    path = Path(value)
    if value.lower().endswith(".json") or path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CliError(f"file pemetaan {value} tidak bisa dibaca: {exc}", 2) from exc
        if not isinstance(data, dict) or not all(isinstance(v, str | None) for v in data.values()):
            raise CliError('file pemetaan harus objek JSON {"Judul Kolom": "kunci", …}', 2)
        return {str(k): (v or None) for k, v in data.items()}
    mapping, issues = parse_mapping_text(value)
    if issues:
        raise DomainError(issues)
    return mapping


def _rows(value: str | None) -> tuple[int, ...]:
    """``--override-rows 12,15``: spreadsheet row numbers (2 and up; row 1 holds the headings)."""
    from app.cli import CliError

    if not value:
        return ()
    rows = []
    for part in value.split(","):
        text = part.strip()
        if not text.isdigit() or int(text) < 2:
            raise CliError(f"--override-rows: '{text}' bukan nomor baris data (2, 3, …)", 2)
        rows.append(int(text))
    return tuple(rows)


def _print_summary(report: ImportReport, *, committed_numbers: bool) -> None:
    where = f" (lembar {report.sheet})" if report.sheet else ""

    def n(v: int) -> str:
        return f"{v:,}".replace(",", ".")

    print(f"File: {report.file_name}{where}, {n(report.rows)} baris data")
    passed = "terdaftar" if report.committed else "lolos"
    print(
        f"{passed.capitalize()}: {n(report.enrolled if report.committed else report.accepted)} · "
        f"ditolak: {n(report.rejected)} · dengan peringatan: {n(report.with_warnings)}"
    )
    shown = 0
    for outcome in report.problems:
        for issue in outcome.errors:
            if shown < SHOWN_PROBLEMS:
                print(f"  baris {outcome.row}: {issue.field}: {issue.message} [{issue.code}]")
            shown += 1
    if report.rejected and shown > SHOWN_PROBLEMS:
        print(f"  … dan {n(shown - SHOWN_PROBLEMS)} kesalahan lain (lihat --report-xlsx).")
    if committed_numbers and report.committed:
        print(
            f"Tersimpan: {n(report.enrolled)} peserta, nomor {report.first_number} s.d. {report.last_number}."
        )


class _JsonRows:
    """Streams ``[{…}, {…}]`` to stdout as rows come, so a 200,000-row import never sits in memory."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, outcome: RowOutcome) -> None:
        text = json.dumps(outcome.as_json(), ensure_ascii=False, indent=2)
        sys.stdout.write(("[\n" if self.count == 0 else ",\n") + "  " + text.replace("\n", "\n  "))
        self.count += 1

    def close(self) -> None:
        sys.stdout.write("]\n" if self.count else "[]\n")
        sys.stdout.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.infra.heap import bulk_gc
    from app.services import importing

    if args.template:
        opened = open_from_args(args)
        out = importing.write_template(opened.ctx, args.template)
        print(f"Templat ditulis: {out}")
        if not args.file:
            return EXIT_OK
    if not args.file:
        raise CliError("sebutkan FILE yang diimpor (atau --template FILE.xlsx)", 2)
    if not args.officer:
        raise CliError("--officer wajib untuk impor", 2)
    if not args.dry_run and not args.mode:
        raise CliError("pilih --dry-run untuk memeriksa, atau --mode all|accepted untuk menyimpan", 2)
    sponsor = None
    if args.sponsor is not None or args.months is not None:
        sponsor, issues = check_sponsor(args.sponsor or "", args.months)
        if issues:
            raise DomainError(issues)
    mapping = _mapping(args.map)
    override_rows = _rows(args.override_rows)
    if override_rows and args.override_supervisor is None:
        raise CliError("--override-rows hanya bersama --override-supervisor dan --override-reason", 2)
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    override = duplicate_override(opened, args)

    def progress(done: int, total: int, message: str = "") -> None:
        if args.progress:
            print(f"progress {done}/{total} {message}", file=sys.stderr, flush=True)

    rows = _JsonRows() if args.json else None
    options: dict[str, Any] = {
        "sheet": args.sheet,
        "report_xlsx": args.report_xlsx,
        "on_row": rows,
        "override": override,
        "override_rows": override_rows,
    }
    if args.row_limit is not None:
        options["row_limit"] = args.row_limit
    try:
        with bulk_gc():  # the process's GC tuning is chosen here, at the edge, never by a service
            if args.dry_run:
                report = importing.validate_import(
                    opened.ctx, actor, args.file, mapping, progress, sponsor=sponsor, **options
                )
                refusal = None
            else:
                result = importing.commit_import(
                    opened.ctx, actor, args.file, mapping, args.mode, sponsor, progress, **options
                )
                report, refusal = result.report, result.refusal
    except ImportFileError as exc:
        for issue in exc.issues:
            print(f"loket: {issue.message} [{issue.code}]", file=sys.stderr)
        return EXIT_UNREADABLE
    except Cancelled:
        print("loket: dibatalkan; tidak ada yang disimpan", file=sys.stderr)
        return 130
    if rows is not None:
        rows.close()
    if args.report_pdf:
        importing.write_report_pdf(opened.ctx, report, args.report_pdf)
    if not args.json:
        _print_summary(report, committed_numbers=not args.dry_run)
    if refusal is not None:
        print(f"loket: {refusal.message} [{refusal.code}]", file=sys.stderr)
    return EXIT_REJECTED if report.rejected or refusal is not None else EXIT_OK
