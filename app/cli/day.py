"""End-of-day commands: report day, day close/reopen/status/pdf, export, target set/list (outreach
packages: ``app.cli.packages``)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.common import friendly, open_from_args, print_json, prove, require_officer, require_supervisor
from app.domain.day_summary import long_date
from app.domain.money import format_rupiah


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("tanggal ditulis TTTT-BB-HH, mis. 2026-11-23") from exc


def _fail(message: str, code: int = 2) -> Exception:
    from app.cli import CliError

    return CliError(message, code)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rp = sub.add_parser("report", help="laporan").add_subparsers(dest="report_command", metavar="AKSI")
    p = rp.add_parser("day", parents=[common], help="ringkasan harian (PDF) cabang atau satu petugas")
    p.add_argument("--date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="simpan PDF")
    p.add_argument(
        "--officer", metavar="USERNAME", help="ringkasan petugas ini (tanpa --by: petugas itu sendiri)"
    )
    p.add_argument(
        "--by",
        metavar="SUPERVISOR",
        help="supervisor yang meminta ringkasan cabang atau petugas lain (kata sandi dari prompt/stdin)",
    )
    p.add_argument("--json", dest="as_json", action="store_true", help="angka ringkasan sebagai JSON")
    p.add_argument("--no-verify", action="store_true", help="lewati pemeriksaan seluruh rantai audit")
    p.set_defaults(func=cmd_report_day)

    dy = sub.add_parser("day", help="menutup hari").add_subparsers(dest="day_command", metavar="AKSI")
    p = dy.add_parser("close", parents=[common], help="tutup hari (supervisor; kata sandi dari stdin)")
    p.add_argument("--date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="simpan juga salinan PDF arsip")
    p.add_argument(
        "--cash",
        action="append",
        default=[],
        metavar="PETUGAS=JUMLAH",
        help="uang tunai yang dihitung per petugas, mis. --cash budi=350000 (wajib bagi yang menerima tunai)",
    )
    p.add_argument(
        "--cash-reason",
        action="append",
        default=[],
        metavar="PETUGAS=ALASAN",
        help="alasan bila uang petugas itu tidak sama dengan pembayarannya",
    )
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_day_close)
    p = dy.add_parser(
        "reopen", parents=[common], help="buka kembali hari (supervisor; kata sandi dari stdin)"
    )
    p.add_argument("--date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_day_reopen)
    p = dy.add_parser("status", parents=[common], help="apakah hari sudah ditutup, oleh siapa, hash arsip")
    p.add_argument("--date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_day_status)
    p = dy.add_parser(
        "pdf",
        parents=[common],
        help="ambil PDF arsip penutupan hari, diperiksa hash-nya (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_day_pdf)

    p = sub.add_parser("export", parents=[common], help="ekspor pendaftaran dan pembayaran (CSV/XLSX)")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER", help="folder tujuan (harus sudah ada)")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument(
        "--full-nik",
        action="store_true",
        help="NIK lengkap (hanya supervisor, kata sandinya dari prompt/stdin; dicatat di audit)",
    )
    p.add_argument("--name", metavar="NAMA", help="nama dasar berkas (bawaan: loket-KODE-DARI_SAMPAI)")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_export)

    tg = sub.add_parser("target", help="target cakupan per kabupaten/kota").add_subparsers(
        dest="target_command", metavar="AKSI"
    )
    p = tg.add_parser(
        "set",
        parents=[common],
        help="tetapkan target satu kabupaten/kota (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("--regency", required=True, metavar="KODE", help="kode Kemendagri, mis. 16.10")
    p.add_argument("--workers", type=int, required=True, metavar="N", help="jumlah pekerja di wilayah itu")
    p.add_argument("--target", required=True, metavar="PERSEN", help="mis. 50")
    p.add_argument("--baseline", required=True, metavar="PERSEN", help="cakupan awal, mis. 34")
    p.add_argument("--baseline-date", type=_date, required=True, metavar="TTTT-BB-HH")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_target_set)
    p = tg.add_parser("list", parents=[common], help="target dan cakupan sekarang")
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", dest="as_json", action="store_true")
    p.set_defaults(func=cmd_target_list)


def _write_pdf(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise _fail(f"tidak bisa menulis {path}: {exc.strerror or exc}") from exc


@friendly
def cmd_report_day(args: argparse.Namespace) -> int:
    from app.services import day

    if not (args.by or args.officer):
        raise _fail("sebutkan --officer (ringkasan petugas itu) atau --by SUPERVISOR (ringkasan cabang)")
    opened = open_from_args(args)
    # An officer's own summary needs the name only; the branch's, or another officer's, is a
    # supervisor's: the supervisor's password, exactly as the window asks at login.
    actor = require_supervisor(opened, args.by) if args.by else require_officer(opened, args.officer)
    verify = not args.no_verify
    if args.output:
        summary, pdf = day.day_report(opened.ctx, actor, args.date, officer=args.officer, verify_chain=verify)
        _write_pdf(args.output, pdf)
    else:
        summary = day.day_summary(opened.ctx, actor, args.date, officer=args.officer, verify_chain=verify)
    if args.as_json:
        print_json(summary.as_json())
        return 0
    f = summary.figures
    scope = f"petugas {summary.officer}" if summary.officer else "cabang"
    print(f"Ringkasan {scope} {summary.branch_code} {long_date(summary.business_date)}")
    print(f"  pendaftaran     {f.enrolment_count}")
    print(f"  iuran diterima  {format_rupiah(f.received_amount)} ({f.received_count} tanda bukti)")
    print(f"  dibatalkan      {format_rupiah(f.voided_amount)} ({f.voided_count})")
    print(f"  bersih          {format_rupiah(f.net_amount)}")
    print(f"  cocok tanda bukti: {'ya' if f.reconciliation.ok else 'TIDAK'}")
    print(
        f"  kartu           {f.cards_issued} baru, {f.cards_reprinted} cetak ulang, {f.cards_spoiled} rusak"
    )
    print(f"  koreksi         {len(f.corrections)}")
    if args.output:
        print(f"  PDF: {args.output}")
    return 0


def _print_status(status: Any) -> None:
    state = "DITUTUP" if status.closed else "terbuka"
    print(f"{status.business_date.isoformat()}: {state}")
    for h in status.history:
        line = f"  ditutup {h.closed_at.isoformat(timespec='seconds')} oleh {h.closed_by}; PDF sha256 {h.pdf_sha256}"
        print(line)
        if h.audit_seq is not None:
            print(f"    kepala audit hari itu #{h.audit_seq} {h.audit_hash}")
        if h.reopened_at is not None:
            print(
                f"  dibuka kembali {h.reopened_at.isoformat(timespec='seconds')} oleh {h.reopened_by}: {h.reopen_reason}"
            )


@friendly
def cmd_day_close(args: argparse.Namespace) -> int:
    from app.services import day

    counted = {user: _cash_amount(user, amount) for user, amount in _pairs(args.cash, "--cash")}
    reasons = dict(_pairs(args.cash_reason, "--cash-reason"))
    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    status = day.close_day(
        opened.ctx, actor, args.date, password=password, cash_counted=counted, cash_reasons=reasons
    )
    if args.output:
        _dto, pdf = day.archived_pdf(opened.ctx, actor, args.date)
        _write_pdf(args.output, pdf)
    return _show_status(args, status)


def _pairs(items: list[str], option: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        user, sep, value = item.partition("=")
        if not sep or not user.strip():
            raise _fail(f"{option} ditulis PETUGAS=NILAI, mis. {option} budi=…")
        out.append((user.strip().lower(), value))
    return out


def _cash_amount(user: str, text: str) -> int:
    from app.domain.cash import parse_rupiah

    amount = parse_rupiah(text)
    if amount is None:
        raise _fail(f"--cash {user}=…: tulis jumlah rupiah, mis. 350000")
    return amount


def _show_status(args: argparse.Namespace, status: Any) -> int:
    if args.as_json:
        print_json(status.as_json())
    else:
        _print_status(status)
    return 0


@friendly
def cmd_day_reopen(args: argparse.Namespace) -> int:
    from app.services import day

    opened = open_from_args(args)
    actor, password = prove(opened, args.supervisor)
    status = day.reopen_day(opened.ctx, actor, args.date, password=password, reason=args.reason)
    return _show_status(args, status)


@friendly
def cmd_day_status(args: argparse.Namespace) -> int:
    from app.services import day

    opened = open_from_args(args)
    status = day.day_status(opened.ctx, args.date)
    return _show_status(args, status)


@friendly
def cmd_day_pdf(args: argparse.Namespace) -> int:
    from app.services import day

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    try:
        dto, pdf = day.archived_pdf(opened.ctx, actor, args.date)
    except day.ArchiveDamagedError as exc:
        raise _fail(exc.message, 4) from exc
    _write_pdf(args.output, pdf)
    print(f"{args.output}: sha256 {dto.pdf_sha256} (cocok dengan arsip)")
    return 0


@friendly
def cmd_export(args: argparse.Namespace) -> int:
    from app.services import exports

    opened = open_from_args(args)
    # Full NIKs are a supervisor's power: the password, as in the window.
    actor = (
        require_supervisor(opened, args.officer) if args.full_nik else require_officer(opened, args.officer)
    )
    result = exports.export_records(
        opened.ctx,
        actor,
        start=args.start,
        end=args.end,
        fmt=args.format,
        folder=Path(args.output),
        full_nik=args.full_nik,
        name=args.name,
    )
    if args.as_json:
        print_json(
            {
                "files": [str(f) for f in result.files],
                "enrolments": result.enrolments,
                "payments": result.payments,
                "full_nik": result.full_nik,
            }
        )
        return 0
    for f in result.files:
        print(f)
    nik = "NIK lengkap" if result.full_nik else "NIK disamarkan"
    print(f"{result.enrolments} pendaftaran, {result.payments} pembayaran ({nik})")
    return 0


@friendly
def cmd_target_set(args: argparse.Namespace) -> int:
    from app.domain.coverage import format_bp, parse_percent
    from app.domain.issues import DomainError, Issue
    from app.services import dashboard

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    target, baseline = parse_percent(args.target, "target"), parse_percent(args.baseline, "awal")
    problems = [x for x in (target, baseline) if isinstance(x, Issue)]
    if problems:
        raise DomainError(problems)
    assert isinstance(target, int) and isinstance(baseline, int)
    t = dashboard.set_coverage_target(
        opened.ctx,
        actor,
        regency_code=args.regency,
        workers=args.workers,
        target_bp=target,
        baseline_bp=baseline,
        baseline_date=args.baseline_date,
    )
    print(
        f"{t.regency_code} {t.regency_name}: target {format_bp(t.target_bp)} dari {format_bp(t.baseline_bp)}"
    )
    return 0


@friendly
def cmd_target_list(args: argparse.Namespace) -> int:
    from app.domain.cover import STATUS_LABELS, CoverStatus
    from app.domain.coverage import format_bp
    from app.domain.money import format_number
    from app.services import dashboard

    order = (CoverStatus.ACTIVE, CoverStatus.ARREARS, CoverStatus.ENDED, CoverStatus.NOT_ACTIVE)

    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    dashboard.refresh_statuses(opened.ctx, actor)  # coverage counts members whose membership runs today
    dash = dashboard.dashboard(opened.ctx, actor)
    if args.as_json:
        print_json(
            [
                {
                    "regency": line.regency_code,
                    "name": line.regency_name,
                    "workers": line.coverage.workers,
                    "baseline_bp": line.coverage.baseline_bp,
                    "target_bp": line.coverage.target_bp,
                    "enrolled_since": line.coverage.enrolled_since,
                    "protected_since": line.coverage.protected_since,
                    "registered": line.coverage.registered,
                    "covered": line.coverage.covered,
                    "covered_bp": line.coverage.covered_bp,
                    "remaining": line.coverage.remaining,
                }
                for line in dash.coverage
            ]
        )
        return 0
    counts = dash.statuses.counts
    print(
        "Status peserta hari ini: "
        + " · ".join(f"{STATUS_LABELS[s]} {format_number(counts[s])}" for s in order)
    )
    if not dash.coverage:
        print(
            "Belum ada target. Supervisor: loket target set --regency 16.10 --workers N --target 50 --baseline 34 …"
        )
    for line in dash.coverage:
        c = line.coverage
        print(
            f"{line.regency_code} {line.regency_name}: {format_bp(c.covered_bp)} terlindungi (awal "
            f"{format_bp(c.baseline_bp)}, target {format_bp(c.target_bp)}); sejak {c.baseline_date.isoformat()} "
            f"+{format_number(c.protected_since)} terlindungi, +{format_number(c.enrolled_since)} terdaftar; "
            f"kurang {format_number(c.remaining)}"
        )
    return 0
