"""Foundation commands: db, branch, officer, enrol, member, demo, audit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli import ktp as ktp_cli
from app.cli.common import (
    add_override_options,
    duplicate_override,
    open_from_args,
    print_json,
    read_password,
    require_officer,
    require_supervisor,
)
from app.db.uow import DatabaseUnavailableError
from app.domain.issues import DomainError
from app.services import auth, branch, demo, enrolment
from app.services.audit import verify_audit


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="skema basis data").add_subparsers(dest="db_command", metavar="AKSI")
    p = db.add_parser("upgrade", parents=[common], help="buat atau perbarui skema basis data")
    p.set_defaults(func=cmd_db_upgrade)
    p = db.add_parser("status", parents=[common], help="versi skema basis data")
    p.set_defaults(func=cmd_db_status)

    br = sub.add_parser("branch", help="data kantor cabang").add_subparsers(
        dest="branch_command", metavar="AKSI"
    )
    p = br.add_parser("setup", parents=[common], help="atur kode, nama dan zona waktu cabang")
    p.add_argument("--code", required=True, help="3 digit, awalan nomor peserta")
    p.add_argument("--name", required=True)
    p.add_argument("--timezone", required=True, choices=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
    p.add_argument(
        "--supervisor",
        metavar="USERNAME",
        help="wajib untuk mengubah cabang yang sudah diatur (kata sandi dari prompt/stdin)",
    )
    p.set_defaults(func=cmd_branch_setup)

    of = sub.add_parser("officer", help="akun petugas").add_subparsers(dest="officer_command", metavar="AKSI")
    p = of.add_parser(
        "add",
        parents=[common],
        help="tambah petugas: --by SUPERVISOR (kata sandinya, lalu kata sandi akun baru, dari prompt/stdin)",
        description=(
            "Tanpa --by hanya untuk supervisor pertama basis data baru (belum ada akun sama sekali). "
            "Dengan --by: baris pertama stdin kata sandi supervisor itu, baris kedua kata sandi akun baru."
        ),
    )
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["officer", "supervisor"])
    p.add_argument("--name", help="nama lengkap (bawaan: sama dengan username)")
    p.add_argument(
        "--by", metavar="SUPERVISOR", help="supervisor yang menambahkan (wajib setelah akun pertama)"
    )
    p.set_defaults(func=cmd_officer_add)

    p = sub.add_parser(
        "enrol", parents=[common], help="daftarkan pekerja dari JSON (satu rekaman atau daftar)"
    )
    p.add_argument("--officer", required=True, metavar="USERNAME")
    p.add_argument("--json", metavar="FILE", help="file JSON, atau - untuk stdin (wajib tanpa --ktp)")
    ktp_cli.add_enrol_option(p)
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    p.add_argument(
        "--confirm-mismatch", action="store_true", help="terima perbedaan tanggal lahir/jenis kelamin"
    )
    add_override_options(p, "satu rekaman")
    p.set_defaults(func=cmd_enrol)

    p = of.add_parser(
        "list", parents=[common], help="daftar petugas (supervisor; kata sandi dari prompt/stdin)"
    )
    p.add_argument("--by", required=True, metavar="SUPERVISOR")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_officer_list)
    p = of.add_parser(
        "deactivate",
        parents=[common],
        help="nonaktifkan akun petugas (supervisor; kata sandi dari prompt/stdin)",
    )
    p.add_argument("username")
    p.add_argument("--by", required=True, metavar="SUPERVISOR")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_officer_active, active=False)
    p = of.add_parser(
        "activate",
        parents=[common],
        help="aktifkan kembali akun petugas, juga membuka kunci (supervisor LAIN; kata sandi dari prompt/stdin)",
    )
    p.add_argument("username")
    p.add_argument("--by", required=True, metavar="SUPERVISOR")
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_officer_active, active=True)
    p = of.add_parser(
        "unlock",
        parents=[common],
        help="buka kunci akun yang terkunci (supervisor LAIN; kata sandi dari prompt/stdin)",
    )
    p.add_argument("username")
    p.add_argument("--by", required=True, metavar="SUPERVISOR")
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_officer_unlock)
    p = of.add_parser(
        "passwd", parents=[common], help="ganti kata sandi sendiri (lama lalu baru, dari prompt/stdin)"
    )
    p.add_argument("username")
    p.set_defaults(func=cmd_officer_passwd)

    mb = sub.add_parser("member", help="data peserta").add_subparsers(dest="member_command", metavar="AKSI")
    p = mb.add_parser("show", parents=[common], help="tampilkan peserta menurut nomor atau NIK")
    p.add_argument("key", metavar="NOMOR|NIK")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--officer", required=True, metavar="USERNAME", help="yang membuka data (dicatat di audit)"
    )
    p.set_defaults(func=cmd_member_show)
    from app.cli.contributions import register_member

    register_member(mb, common)

    dm = sub.add_parser("demo", help="data latihan").add_subparsers(dest="demo_command", metavar="AKSI")
    p = dm.add_parser(
        "seed",
        parents=[common],
        help="peserta sintetis di basis data LATIHAN (supervisor; kata sandi dari prompt/stdin)",
        description=(
            "Hanya untuk basis data latihan: basis data tanpa peserta menjadi basis data latihan; basis data "
            "yang sudah berisi peserta sungguhan ditolak. Tanggal pendaftaran tidak pernah jatuh pada hari "
            "yang sudah ditutup."
        ),
    )
    p.add_argument("--members", type=int, required=True, metavar="N")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo_seed)

    p = sub.add_parser(
        "self-test", parents=[common], help="swauji: basis data sementara, daftar, kartu, verifikasi"
    )
    p.set_defaults(func=cmd_self_test)

    au = sub.add_parser("audit", help="jejak audit").add_subparsers(dest="audit_command", metavar="AKSI")
    key = au.add_parser("key", help="kunci audit (sama untuk semua loket satu basis data)").add_subparsers(
        dest="audit_key_command", metavar="AKSI"
    )
    p = key.add_parser(
        "export",
        parents=[common],
        help="salin kunci audit komputer ini ke FILE (rahasia! supervisor; kata sandi dari prompt/stdin; dicatat)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--supervisor", required=True, metavar="USERNAME")
    p.set_defaults(func=cmd_audit_key_export)
    p = key.add_parser("import", parents=[common], help="pakai kunci audit dari loket pertama")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_audit_key_import)
    p = au.add_parser(
        "verify",
        parents=[common],
        help="periksa rantai audit, jangkarnya (hari ditutup, PDF arsip, segel, cadangan) dan kecocokan data",
        description=(
            "Keluar 0 bila utuh: setiap peristiwa (dan isinya) cocok dengan rantainya, rantai sampai ke setiap "
            "jangkar yang tercatat di luar rantai, dan setiap pembayaran, pembatalan, pendaftaran, kartu, "
            "koreksi, akun dan penutupan hari punya peristiwanya (dan sebaliknya); nomor tanda bukti tanpa "
            "celah di seluruh seri. Keluar 1 bila tidak, dengan yang ditemukan."
        ),
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--chain-only", action="store_true", help="rantai dan jangkar saja, tanpa mencocokkan data"
    )
    p.set_defaults(func=cmd_audit_verify)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    print(f"Skema {opened.schema.current} (terbaru: {opened.schema.head}) — {opened.database_label}")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    opened = open_from_args(args, migrate=False)
    s = opened.schema
    state = "terbaru" if s.up_to_date else ("kosong" if s.current is None else "perlu diperbarui")
    print(f"Skema {s.current or '-'} ({state}; terbaru {s.head}) — {opened.database_label}")
    return 0 if s.up_to_date else 1


def cmd_branch_setup(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    by = require_supervisor(opened, args.supervisor) if args.supervisor else None
    b = branch.setup_branch(opened.ctx, code=args.code, name=args.name, timezone=args.timezone, by=by)
    print(f"Cabang {b.code} {b.name} ({b.timezone})")
    return 0


def cmd_officer_add(args: argparse.Namespace) -> int:
    from app.cli import CliError

    opened = open_from_args(args)
    if args.by:
        by = require_supervisor(opened, args.by)
        password = read_password(f"Kata sandi untuk {args.username}: ", confirm=True)
        o = auth.add_officer(
            opened.ctx,
            username=args.username,
            full_name=args.name or args.username,
            role=args.role,
            password=password,
            by=by,
        )
    else:
        if auth.has_officers(opened.ctx):
            raise CliError(
                "akun pertama sudah ada: sebutkan --by SUPERVISOR (kata sandi supervisor itu diminta)", 2
            )
        if args.role != "supervisor":
            raise CliError("akun pertama basis data harus supervisor (--role supervisor)", 2)
        password = read_password(confirm=True)
        o = auth.create_first_supervisor(
            opened.ctx, username=args.username, full_name=args.name or args.username, password=password
        )
    print(f"Petugas {o.username} ({o.role}) dibuat.")
    return 0


def cmd_officer_list(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    by = require_supervisor(opened, args.by)
    officers = auth.list_officers(opened.ctx, by)
    if args.json:
        print_json(
            [
                {
                    "username": o.username,
                    "full_name": o.full_name,
                    "role": o.role,
                    "active": o.active,
                    "locked_until": o.locked_until,
                }
                for o in officers
            ]
        )
    else:
        for o in officers:
            state = "aktif" if o.active else "nonaktif"
            if o.active and o.locked_until is not None and o.locked_until > opened.ctx.clock():
                state = "terkunci"
            print(f"{o.username:<20} {o.role:<11} {state:<9} {o.full_name}")
    return 0


def cmd_officer_active(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    by = require_supervisor(opened, args.by)
    o = auth.set_officer_active(opened.ctx, by, args.username, args.active, args.reason)
    print(f"Petugas {o.username} {'aktif' if o.active else 'dinonaktifkan'}.")
    return 0


def cmd_officer_unlock(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    by = require_supervisor(opened, args.by)
    o = auth.unlock_officer(opened.ctx, by, args.username, args.reason)
    print(f"Kunci akun {o.username} dibuka.")
    return 0


def cmd_officer_passwd(args: argparse.Namespace) -> int:
    from app.cli import CliError

    opened = open_from_args(args)
    actor = require_officer(opened, args.username)
    current = read_password("Kata sandi lama: ")
    new = read_password("Kata sandi baru: ", confirm=True)
    try:
        auth.change_password(opened.ctx, actor, current, new)
    except auth.AuthError as exc:
        raise CliError(exc.message, 2) from exc
    print("Kata sandi diganti.")
    return 0


def _load_records(source: str) -> list[Any]:
    from app.cli import CliError

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"tidak bisa membaca {source}: {exc}", 2) from exc
    except json.JSONDecodeError as exc:
        raise CliError(f"JSON tidak valid di baris {exc.lineno} kolom {exc.colno}: {exc.msg}", 2) from exc
    records = data if isinstance(data, list) else [data]
    return records


def _not_saved(
    out: list[dict[str, Any]], records: list[Any], index: int, exc: DatabaseUnavailableError
) -> None:
    """The server went away at record ``index``: say what was saved, what may be, what was not."""
    saved = sum(1 for o in out if o["status"] == "enrolled")
    for i in range(index, len(records)):
        status = "unknown" if i == index and exc.in_commit else "not_saved"
        out.append({"index": i, "status": status, "number": None, "warnings": [], "errors": []})
    print_json(out)
    pending = f"; rekaman #{index} belum pasti (periksa dulu)" if exc.in_commit else ""
    exc.saved = (
        f"Sudah tersimpan {saved} dari {len(records)} rekaman (status 'enrolled' di keluaran JSON){pending}; "
        "sisanya belum tersimpan: ulangi hanya yang berstatus 'not_saved'."
    )


def cmd_enrol(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    out: list[dict[str, Any]] = []
    rejected = False
    if not args.json and not args.ktp:
        from app.cli import CliError

        raise CliError("beri --json FILE, --ktp GAMBAR, atau keduanya", 2)
    records = ktp_cli.prefill_records(args, _load_records(args.json) if args.json else [])
    if args.override_supervisor is not None and len(records) != 1:
        from app.cli import CliError

        raise CliError("persetujuan supervisor hanya untuk satu rekaman sekali jalan", 2)
    override = duplicate_override(opened, args)
    for index, raw in enumerate(records):
        if not isinstance(raw, dict):
            out.append(
                {
                    "index": index,
                    "status": "rejected",
                    "number": None,
                    "warnings": [],
                    "errors": [
                        {
                            "field": "record",
                            "code": "record.type",
                            "message": "Setiap rekaman harus berupa objek JSON.",
                        }
                    ],
                }
            )
            rejected = True
            continue
        try:
            outcome = enrolment.enrol_worker(
                opened.ctx,
                actor,
                raw,
                confirm_mismatch=args.confirm_mismatch,
                dry_run=args.dry_run,
                override=override,
            )
        except DatabaseUnavailableError as exc:
            _not_saved(out, records, index, exc)
            raise
        rejected |= not outcome.ok
        out.append(outcome.as_json(index))
    print_json(out)
    return 2 if rejected else 0


def cmd_member_show(args: argparse.Namespace) -> int:
    opened = open_from_args(args)
    actor = require_officer(opened, args.officer)
    from app.services import records

    try:
        # The one audited view of a full record (role check and ``member.view`` in the service).
        m = records.open_member_record(opened.ctx, actor, args.key, via="cli").member
    except DomainError as exc:  # not found, or a number whose check digit is wrong
        for issue in exc.issues:
            print(f"loket: {issue.message} [{issue.code}]", file=sys.stderr)
        return 1
    from app.cli.contributions import member_contribution_json, print_member_contribution

    if args.json:
        print_json({**m.as_json(), **member_contribution_json(opened, m)})
        return 0
    e = m.current
    print(f"{m.number}  {m.nama}")
    print(f"  NIK {m.nik}  lahir {m.tempat_lahir}, {m.tanggal_lahir:%d-%m-%Y}  ({m.jenis_kelamin})")
    print(f"  Status data: {m.record_status}")
    if e:
        print(
            f"  {e.segment} · {e.occupation_name} · {', '.join(e.programmes)} · Rp{e.income:,}".replace(
                ",", "."
            )
        )
    print_member_contribution(opened, m)
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from app.cli import CliError

    if args.members <= 0:
        raise CliError("--members harus lebih dari 0", 2)
    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)

    written = [0]

    def progress(done: int, total: int, message: str = "") -> None:
        written[0] = done
        if not args.quiet:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        result = demo.seed_members(opened.ctx, actor, args.members, seed=args.seed, progress=progress)
    except RuntimeError as exc:
        raise CliError(str(exc), 2) from exc
    except DatabaseUnavailableError as exc:
        exc.saved = f"{written[0]} peserta latihan sudah tersimpan (per kelompok); sisanya belum."
        raise
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{result.created} peserta latihan dibuat ({result.first_number} … {result.last_number}).")
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from app.cli.selftest import run_self_test

    report = run_self_test(echo=print)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def cmd_audit_key_export(args: argparse.Namespace) -> int:
    from app.services.audit_key import export_audit_key

    opened = open_from_args(args)
    actor = require_supervisor(opened, args.supervisor)
    path = export_audit_key(opened.ctx, actor, Path(args.output))
    print(f"Kunci audit disalin ke {path}. Simpan dan pindahkan dengan aman; hapus setelah dipakai.")
    return 0


def cmd_audit_key_import(args: argparse.Namespace) -> int:
    """Install the key of the first counter; it must match the database's chain when one exists."""
    from app.bootstrap import resolve_database_url
    from app.cli import CliError
    from app.db.engine import make_engine, make_session_factory
    from app.db.models import Setting
    from app.infra.paths import app_paths
    from app.infra.secrets import write_private
    from app.infra.settings import load_settings
    from app.services.audit import audit_key_fingerprint

    try:
        key = bytes.fromhex(Path(args.file).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"file kunci tidak terbaca: {exc}", 2) from exc
    if len(key) < 32:
        raise CliError("file kunci tidak valid (terlalu pendek)", 2)
    paths = app_paths(getattr(args, "home", None))
    paths.ensure()
    url = resolve_database_url(paths, load_settings(paths), getattr(args, "db", None))
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            row = session.get(Setting, "audit_key_fingerprint")
            stored = row.value if row is not None else None
    except Exception:
        stored = None  # no database yet: the key will be recorded on first open
    finally:
        engine.dispose()
    if stored is not None and stored != audit_key_fingerprint(key):
        raise CliError("kunci ini bukan kunci yang dipakai rantai audit basis data ini", 2)
    target = paths.keys / "audit.key"
    if target.exists():
        target.replace(target.with_name("audit.key.replaced"))
    write_private(target, (key.hex() + "\n").encode("ascii"))
    print("Kunci audit dipasang.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.services.audit_anchors import describe

    opened = open_from_args(args)
    report = verify_audit(opened.ctx, reconcile_rows=not args.chain_only)
    if args.json:
        rec = report.reconciliation
        print_json(
            {
                "ok": report.ok,
                "checked": report.checked,
                "head": report.head,
                "first_bad_seq": report.first_bad_seq,
                "problem": report.problem,
                "message": report.message,
                "chain": {
                    "ok": report.chain.ok,
                    "problem": report.chain.problem,
                    "first_bad_seq": report.chain.first_bad_seq,
                    "message": report.chain.message,
                },
                "anchors": describe(report.anchors),
                "reconciliation": None
                if rec is None
                else {
                    "ok": rec.ok,
                    "checked": dict(rec.checked),
                    "counts": dict(rec.counts),
                    "problems": [{"code": d.code, "key": d.key, "message": d.message} for d in rec.problems],
                },
            }
        )
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1
