"""Exports for head office: the enrolments and payments of a day or a date range, as CSV or XLSX.

NIKs are masked unless a supervisor asks for full NIKs (``Permission.EXPORT_FULL_NIK``, audited
as ``export.full_nik``); a masked export also leaves out the mother's maiden name and masks the
phone. Every text cell that a spreadsheet would run as a formula is neutralised. Files are
written under a temporary name in the chosen folder and renamed when complete; names are checked
so they cannot leave that folder, and an existing file is never overwritten.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.db.contribution_models import MemberCover, Payment, SponsorBatch
from app.db.models import Branch, Enrolment, Member, Officer
from app.domain.cells import neutralise_cell
from app.domain.clock import local_time
from app.domain.exports import check_export_name, exported_nik, mask_phone
from app.domain.intake import FIELDS as INTAKE_FIELDS
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.infra.workspace import partial_beside
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.dto import Actor

Format = Literal["csv", "xlsx"]
MAX_DAYS = 366
BATCH = 2_000

# The intake record's keys (DESIGN.md) in their order, heirs left out, between when and who.
ENROLMENT_COLUMNS = (
    "tanggal_daftar",
    "jam",
    "nomor",
    *(f for f in INTAKE_FIELDS if f != "ahli_waris"),
    "status_data",
    "petugas",
    "loket",
    # The member's cover on the export's business date (the status index: ``cover_state``'s answer).
    "status_perlindungan",
    "dilindungi_sampai",
    "bulan_tunggakan",
)
PAYMENT_COLUMNS = (
    "tanggal_bayar",
    "jam",
    "tanda_bukti",
    "tanda_bukti_kolektif",
    "nomor",
    "nik",
    "nama",
    "cara_bayar",
    "referensi",
    "bulan_dari",
    "bulan_sampai",
    "jumlah_bulan",
    "bruto",
    "potongan",
    "jumlah",
    "status",
    "dibatalkan_pada",
    "alasan_batal",
    "petugas",
    "loket",
)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: the files and how many enrolments and payments they hold."""

    files: tuple[Path, ...]
    enrolments: int
    payments: int
    full_nik: bool


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise DomainError(Issue("sampai", "export.range", "Tanggal akhir sebelum tanggal awal."))
    if (end - start).days + 1 > MAX_DAYS:
        raise DomainError(
            Issue(
                "sampai",
                "export.range_long",
                msg("Paling banyak {max_days} hari per ekspor.", max_days=MAX_DAYS),
            )
        )


def _month(m: int) -> str:
    return f"{m // 100:04d}-{m % 100:02d}"


def _protected_until(paid_through: int | None) -> str | None:
    """``202611`` → ``2026-11-30``: the last day of the last month paid."""
    if paid_through is None:
        return None
    end = Month.from_int(paid_through).plus(1).first_day() - dt.timedelta(days=1)
    return end.isoformat()


def _enrolment_rows(
    session: Session, start: dt.date, end: dt.date, tz: str, full: bool
) -> Iterator[list[Any]]:
    who = aliased(Officer)
    q = (
        select(
            Enrolment.business_date,
            Enrolment.enrolled_at,
            Member.number,
            Member.nik,
            Member.nama,
            Member.tempat_lahir,
            Member.tanggal_lahir,
            Member.jenis_kelamin,
            Member.nama_ibu,
            Member.no_hp,
            Member.alamat,
            Member.kode_wilayah,
            Enrolment.occupation_code,
            Enrolment.segment,
            Enrolment.npp,
            Enrolment.income,
            Enrolment.programmes,
            Enrolment.months_at_enrolment,
            Enrolment.funding_source,
            Enrolment.channel,
            Enrolment.risk_class,
            Enrolment.pmi_contract_months,
            Enrolment.pmi_departure,
            Enrolment.pmi_jht,
            Enrolment.pmi_route,
            Member.record_status,
            who.username,
            Enrolment.counter,
            MemberCover.status,
            MemberCover.paid_through,
            MemberCover.arrears_months,
        )
        .join(Member, Member.id == Enrolment.member_id)
        .join(who, who.id == Enrolment.officer_id)
        .outerjoin(
            MemberCover, (MemberCover.member_id == Member.id) & (Member.record_status == RecordStatus.ACTIVE)
        )
        .where(Enrolment.business_date >= start, Enrolment.business_date <= end)
        .order_by(Enrolment.business_date, Enrolment.enrolled_at, Enrolment.id)
        .execution_options(yield_per=BATCH)
    )
    for r in session.execute(q):
        yield [
            r[0].isoformat(),
            local_time(r[1], tz).strftime("%H:%M"),
            r[2],
            exported_nik(r[3], full=full),
            r[4],
            r[5],
            r[6].isoformat(),
            r[7],
            r[8] if full else None,
            r[9] if full else mask_phone(r[9]),
            r[10],
            r[11],
            r[12],
            r[13],
            r[14],
            int(r[15]),
            r[16],
            int(r[17]),
            r[18],
            r[19],
            r[20],
            r[21],
            _month(r[22]) if r[22] else None,
            r[23],
            r[24],
            r[25],
            r[26],
            r[27],
            r[28],
            _protected_until(r[29]),
            r[30],
        ]


def _payment_rows(session: Session, start: dt.date, end: dt.date, tz: str, full: bool) -> Iterator[list[Any]]:
    who = aliased(Officer)
    batch = aliased(SponsorBatch)
    q = (
        select(
            Payment.business_date,
            Payment.received_at,
            Payment.receipt_no,
            batch.receipt_no,
            Member.number,
            Member.nik,
            Member.nama,
            Payment.method,
            Payment.reference,
            Payment.first_month,
            Payment.last_month,
            Payment.months_count,
            Payment.gross_total,
            Payment.discount_total,
            Payment.total,
            Payment.status,
            Payment.voided_at,
            Payment.void_reason,
            who.username,
            Payment.counter,
        )
        .join(Member, Member.id == Payment.member_id)
        .join(who, who.id == Payment.officer_id)
        .outerjoin(batch, batch.id == Payment.sponsor_batch_id)
        .where(Payment.business_date >= start, Payment.business_date <= end)
        .order_by(Payment.business_date, Payment.received_at, Payment.id)
        .execution_options(yield_per=BATCH)
    )
    for r in session.execute(q):
        yield [
            r[0].isoformat(),
            local_time(r[1], tz).strftime("%H:%M"),
            r[2],
            r[3],
            r[4],
            exported_nik(r[5], full=full),
            r[6],
            r[7],
            r[8],
            _month(r[9]),
            _month(r[10]),
            int(r[11]),
            int(r[12]),
            int(r[13]),
            int(r[14]),
            r[15],
            local_time(r[16], tz).isoformat(timespec="seconds") if r[16] else None,
            r[17],
            r[18],
            r[19],
        ]


class _Sheet:
    """One table being written: a CSV file or a worksheet of a write-only workbook."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.rows = 0

    def write(self, values: Sequence[Any]) -> None:
        self.writer([neutralise_cell(v) for v in values])
        self.rows += 1


def _target(folder: Path, filename: str) -> Path:
    """``folder / filename``, refused if it would land anywhere else or already exists."""
    base = folder.resolve()
    path = (base / filename).resolve()
    if path.parent != base:
        raise DomainError(Issue("nama_berkas", "export.name", "Nama berkas keluar dari folder yang dipilih."))
    if path.exists() or path.is_symlink():
        raise DomainError(
            Issue(
                "nama_berkas",
                "export.exists",
                msg("Berkas {filename} sudah ada; pilih nama atau folder lain.", filename=filename),
            )
        )
    return path


def export_records(
    ctx: ServiceContext,
    actor: Actor,
    *,
    start: dt.date,
    end: dt.date,
    fmt: Format,
    folder: Path,
    full_nik: bool = False,
    name: str | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> ExportResult:
    """Write the enrolments and payments dated ``start``..``end`` (business dates) into ``folder``:
    ``NAME-pendaftaran.csv`` and ``NAME-pembayaran.csv``, or one ``NAME.xlsx`` with two sheets."""
    authorize(ctx, actor, Permission.EXPORT)
    if full_nik:
        authorize(ctx, actor, Permission.EXPORT_FULL_NIK)
    _check_range(start, end)
    if fmt not in ("csv", "xlsx"):
        raise DomainError(Issue("format", "export.format", "Format ekspor: csv atau xlsx."))
    branch = ctx.read(lambda s: s.execute(select(Branch.code, Branch.timezone).limit(1)).one_or_none())
    if branch is None:
        raise DomainError(Issue("cabang", "branch.missing", "Cabang belum diatur."))
    code, tz = branch
    base_name = name if name is not None else f"loket-{code}-{start.isoformat()}_{end.isoformat()}"
    problem = check_export_name(base_name)
    if problem is not None:
        raise DomainError(problem)
    if not folder.is_dir():
        raise DomainError(Issue("folder", "export.folder", msg("Folder {folder} tidak ada.", folder=folder)))
    if fmt == "csv":
        targets = [
            _target(folder, f"{base_name}-pendaftaran.csv"),
            _target(folder, f"{base_name}-pembayaran.csv"),
        ]
    else:
        targets = [_target(folder, f"{base_name}.xlsx")]
    # Partial files are private (0600) and registered: a killed export leaves nothing after the
    # next start; the finished files keep the mode (an export holds names, phones, maybe NIKs).
    stack = contextlib.ExitStack()
    temps = [stack.enter_context(partial_beside(ctx.paths, t)) for t in targets]
    try:
        # Every member's status as of today first (members not yet worked out today), then the rows.
        status_index.refresh(ctx, progress=progress, cancel=cancel)
        counts = ctx.read(lambda s: _write(s, fmt, temps, start, end, tz, full_nik, progress, cancel))
        details = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "format": fmt,
            "full_nik": full_nik,
            "enrolments": counts[0],
            "payments": counts[1],
            "files": [t.name for t in targets],
        }
        ctx.write(
            lambda s: append_event(
                s,
                ctx,
                actor=actor,
                action="export.full_nik" if full_nik else "export.records",
                entity="export",
                entity_id=f"{start.isoformat()}/{end.isoformat()}",
                details=details,
            )
        )
        for tmp, target in zip(temps, targets, strict=True):
            os.replace(tmp, target)
    finally:
        stack.close()
    return ExportResult(tuple(targets), counts[0], counts[1], full_nik)


def _write(
    session: Session,
    fmt: Format,
    temps: list[Path],
    start: dt.date,
    end: dt.date,
    tz: str,
    full: bool,
    progress: ProgressSink,
    cancel: CancelToken,
) -> tuple[int, int]:
    tables = (
        ("Pendaftaran", ENROLMENT_COLUMNS, _enrolment_rows(session, start, end, tz, full)),
        ("Pembayaran", PAYMENT_COLUMNS, _payment_rows(session, start, end, tz, full)),
    )
    counts: list[int] = []
    done = 0

    def fill(sheet: _Sheet, header: Sequence[str], rows: Iterator[list[Any]], title: str) -> None:
        nonlocal done
        sheet.write(header)
        for row in rows:
            sheet.write(row)
            done += 1
            if done % 500 == 0:
                if cancel.cancelled:
                    raise Cancelled()
                progress(done, 0, f"{title}: {done} baris")
        counts.append(sheet.rows - 1)

    if fmt == "csv":
        for tmp, (title, header, rows) in zip(temps, tables, strict=True):
            # UTF-8 with a BOM so spreadsheet programs read Indonesian names right.
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                fill(_Sheet(csv.writer(fh).writerow), header, rows, title)
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        for title, header, rows in tables:
            ws = wb.create_sheet(title)
            fill(_Sheet(ws.append), header, rows, title)
        wb.save(temps[0])
    return counts[0], counts[1]
