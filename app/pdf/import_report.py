"""The PDF summary of a spreadsheet import (dry run or commit): counts, error codes, first problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.clock import TIMEZONES, local_time
from app.domain.imports import CodeCount, ImportReport, RowOutcome
from app.domain.issues import Issue
from app.domain.money import format_number
from app.pdf import fonts, tables
from app.pdf.page import Badge, Letterhead, build_document
from app.pdf.palette import (
    AMBER,
    AMBER_LIGHT,
    GREEN_DARK,
    GREY,
    MINT,
    NEUTRAL,
    RED,
    RED_LIGHT,
    WHITE,
)
from app.pdf.tables import SMALL_BOLD, para
from app.pdf.text import ellipsize

FIRST_ERRORS = 60
MARGIN = 16 * mm
BODY_W = A4[0] - 2 * MARGIN
TITLE = "Laporan Impor Peserta"

# Status: (banner, badge, ink, fill).
_STATUS: dict[str, tuple[str, str, Color, Color]] = {
    "checked": ("PEMERIKSAAN (DRY RUN) — BELUM ADA YANG DISIMPAN", "PEMERIKSAAN", GREY, NEUTRAL),
    "committed": ("TERSIMPAN", "TERSIMPAN", GREEN_DARK, MINT),
    "refused": ("TIDAK DISIMPAN", "TIDAK DISIMPAN", RED, RED_LIGHT),
}
_MODES = {
    None: "pemeriksaan saja",
    "all": "semua atau tidak sama sekali (all)",
    "accepted": "baris yang lolos saja (accepted)",
}


class _Banner(Flowable):  # type: ignore[misc]
    """The import's outcome in a coloured box across the page."""

    def __init__(self, text: str, ink: Color, fill: Color) -> None:
        super().__init__()
        self.text, self.ink, self.fill = text, ink, fill
        self.height = 9 * mm

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """As wide as the frame."""
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        """The box and the words."""
        c = self.canv
        c.setFillColor(self.fill)
        c.setStrokeColor(self.ink)
        c.roundRect(0, 0, self.width, self.height, 2 * mm, stroke=1, fill=1)
        c.setFillColor(self.ink)
        c.setFont(fonts.BOLD, 11)
        c.drawString(4 * mm, 3.2 * mm, ellipsize(self.text, fonts.BOLD, 11, self.width - 8 * mm))


def _meta(report: ImportReport, when: str) -> Table:
    rows = [
        ("File", report.file_name + (f" · lembar {report.sheet}" if report.sheet else "")),
        ("Ukuran / jenis", f"{format_number(report.size)} byte · {report.kind.upper()}"),
        ("SHA-256", report.sha256),
        ("Petugas", f"{report.officer_name} ({report.officer})"),
        ("Waktu", when),
        ("Mode", _MODES.get(report.mode, str(report.mode))),
    ]
    if report.sponsor is not None:
        rows.append(("Penyandang dana", f"{report.sponsor.name} (APBD) · {report.sponsor.months} bulan"))
    if report.committed:
        rows.append(("Nomor peserta", f"{report.first_number} s.d. {report.last_number}"))
        rows.append(("Batch impor", f"#{report.batch_id}"))
    t = Table([[para(k, SMALL_BOLD), para(v)] for k, v in rows], colWidths=[32 * mm, BODY_W - 32 * mm])
    style = tables.paragraph_grid_style(header=False)
    style.add("LINEABOVE", (0, 0), (-1, 0), 0.8, GREEN_DARK)
    t.setStyle(style)
    return t


def _counts(report: ImportReport) -> Table:
    """Four tiles: rows, passed (or enrolled), refused, with warnings."""
    written = "Didaftarkan" if report.committed else "Lolos pemeriksaan"
    tiles = [
        ("Baris data", report.rows, GREY, NEUTRAL),
        (written, report.enrolled if report.committed else report.accepted, GREEN_DARK, MINT),
        ("Ditolak", report.rejected, *((RED, RED_LIGHT) if report.rejected else (GREY, NEUTRAL))),
        ("Dengan peringatan", report.with_warnings, *((AMBER, AMBER_LIGHT) if report.with_warnings else (GREY, NEUTRAL))),
    ]  # fmt: skip
    w = BODY_W / 4
    t = Table(
        [[format_number(n) for _, n, _, _ in tiles], [label for label, _, _, _ in tiles]],
        colWidths=[w] * 4,
        rowHeights=[10 * mm, 6 * mm],
    )
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, 18),
        ("FONT", (0, 1), (-1, 1), fonts.REGULAR, 8),
        ("TEXTCOLOR", (0, 1), (-1, 1), GREY),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("LINEAFTER", (0, 0), (-2, -1), 2, WHITE),
    ]
    for i, (_, _, ink, fill) in enumerate(tiles):
        style += [("TEXTCOLOR", (i, 0), (i, 0), ink), ("BACKGROUND", (i, 0), (i, 1), fill)]
    t.setStyle(TableStyle(style))
    return t


def _code_table(title: str, items: Sequence[CodeCount], ink: Color, fill: Color) -> list[Flowable]:
    if not items:
        return []
    rows = [[para(h, SMALL_BOLD) for h in ("Kode", "Kolom", "Baris", "Contoh pesan")]]
    rows += [[para(c.code), para(c.field), para(format_number(c.count)), para(c.message)] for c in items]
    t = Table(rows, colWidths=[42 * mm, 22 * mm, 14 * mm, BODY_W - 78 * mm], repeatRows=1)
    style = tables.paragraph_grid_style(head=ink, head_fill=fill)
    t.setStyle(style)
    head = [Spacer(1, 3 * mm), *tables.heading(title, BODY_W, f"{len(items)} kode")]
    return [KeepTogether([*head, t])] if len(rows) < 12 else [*head, t]


def _first_errors(report: ImportReport, limit: int) -> list[Flowable]:
    problems: list[tuple[RowOutcome, Issue]] = []
    for outcome in report.problems:
        problems.extend((outcome, issue) for issue in outcome.errors)
        if len(problems) >= limit:
            break
    problems = problems[:limit]
    if not problems:
        if report.rejected == 0:
            return [Spacer(1, 4 * mm), tables.note("Tidak ada baris yang ditolak.", BODY_W, size=9)]
        return []
    rows = [[para(h, SMALL_BOLD) for h in ("Baris", "NIK", "Kolom", "Kode", "Pesan")]]
    rows += [
        [para(o.row), para(o.nik or "—"), para(issue.field), para(issue.code), para(issue.message)]
        for o, issue in problems
    ]
    t = Table(rows, colWidths=[12 * mm, 29 * mm, 22 * mm, 46 * mm, BODY_W - 109 * mm], repeatRows=1)
    t.setStyle(tables.paragraph_grid_style())
    return [
        Spacer(1, 3 * mm),
        *tables.heading(f"{len(problems)} kesalahan pertama", BODY_W, "NIK disamarkan (digit 7–12)"),
        t,
        Spacer(1, 2 * mm),
        tables.note("Daftar lengkap setiap baris ada di laporan XLSX.", BODY_W),
    ]


def render_import_report(report: ImportReport, *, first_errors: int = FIRST_ERRORS) -> bytes:
    """A4 summary for the branch file: who imported what, what passed, what failed and why.
    NIKs appear masked. Fonts must be registered (:mod:`app.pdf.fonts`)."""
    fonts.require()
    local = local_time(report.generated_at, report.timezone)
    when = f"{local:%d-%m-%Y %H:%M} {TIMEZONES.get(report.timezone, report.timezone)}"
    banner, badge, ink, fill = _STATUS.get(
        report.status, (report.status.upper(), report.status.upper(), GREY, NEUTRAL)
    )
    head = Letterhead(
        title=TITLE,
        subtitle=f"{report.branch_name} ({report.branch_code})  ·  {when}",
        note=f"Petugas: {report.officer_name} ({report.officer})",
        badge=Badge(badge, fill, ink),
        footer=f"Dicetak {when} oleh {report.officer} · SHA-256 {report.sha256}",
    )
    story: list[Flowable] = [_Banner(banner, ink, fill), Spacer(1, 4 * mm), _meta(report, when)]
    story += [Spacer(1, 4 * mm), *tables.heading("Ringkasan", BODY_W), _counts(report)]
    if report.blank_rows:
        story += [
            Spacer(1, 2 * mm),
            tables.note(f"{format_number(report.blank_rows)} baris kosong dilewati.", BODY_W),
        ]
    story += _code_table("Kesalahan menurut kode", report.error_counts, RED, RED_LIGHT)
    story += _code_table("Peringatan menurut kode", report.warning_counts, AMBER, AMBER_LIGHT)
    story += _first_errors(report, first_errors)
    return build_document(story, head, margin=MARGIN, title=TITLE, subject=report.file_name)
