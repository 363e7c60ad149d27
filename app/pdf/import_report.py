"""The PDF summary of a spreadsheet import (dry run or commit): counts, error codes, first problems."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from app.domain.clock import TIMEZONES, local_time
from app.domain.imports import ImportReport, RowOutcome

GREEN = "#1B7F4C"
PALE_GREEN = "#E8F3EC"
RED = "#B3261E"
PALE_RED = "#FBE3E1"
AMBER = "#8A5A00"
PALE_AMBER = "#FFF4D6"
GREY = "#5F6368"
LINE = "#C9D3CD"
FIRST_ERRORS = 60

_FONTS = {
    "Loket": "DejaVuSans.ttf",
    "Loket-Bold": "DejaVuSans-Bold.ttf",
    "Loket-Cond": "DejaVuSansCondensed.ttf",
    "Loket-CondBold": "DejaVuSansCondensed-Bold.ttf",
}
_registered = False


def register_fonts(fonts: Path) -> None:
    """DejaVu Sans (from ``resources/fonts``) under our own names, once per process."""
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    _registered = True


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


_STATUS = {
    "checked": ("PEMERIKSAAN (DRY RUN) — BELUM ADA YANG DISIMPAN", GREY, "#EEF0F1"),
    "committed": ("TERSIMPAN", GREEN, PALE_GREEN),
    "refused": ("TIDAK DISIMPAN", RED, PALE_RED),
}
_MODES = {
    None: "pemeriksaan saja",
    "all": "semua atau tidak sama sekali (all)",
    "accepted": "baris yang lolos saja (accepted)",
}


def render_import_report(report: ImportReport, *, fonts: Path, first_errors: int = FIRST_ERRORS) -> bytes:
    """A4 summary for the branch file: who imported what, what passed, what failed and why.

    ``fonts`` is the folder holding the DejaVu TTFs (``resources/fonts``). NIKs appear masked.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import Flowable

    register_fonts(fonts)
    width, height = A4
    margin = 16 * mm
    body = ParagraphStyle("body", fontName="Loket", fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontName="Loket-Cond", fontSize=8, leading=10)
    head = ParagraphStyle(
        "head",
        parent=body,
        fontName="Loket-Bold",
        fontSize=11,
        leading=14,
        spaceBefore=8,
        spaceAfter=4,
        textColor=colors.HexColor(GREEN),
    )
    cell_bold = ParagraphStyle("cellb", parent=small, fontName="Loket-CondBold")

    def esc(text: object) -> str:
        return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    local = local_time(report.generated_at, report.timezone)
    zone = TIMEZONES.get(report.timezone, report.timezone)
    status_text, status_fg, status_bg = _STATUS.get(report.status, (report.status.upper(), GREY, "#EEF0F1"))

    def frame(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(GREEN))
        canvas.rect(0, height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
        # The programme mark: a rounded square with a check, drawn (no agency logo).
        canvas.setFillColor(colors.white)
        canvas.roundRect(margin, height - 17 * mm, 12 * mm, 12 * mm, 2.5 * mm, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor(GREEN))
        canvas.setLineWidth(2.2)
        canvas.setLineCap(1)
        p = canvas.beginPath()
        p.moveTo(margin + 3 * mm, height - 11 * mm)
        p.lineTo(margin + 5.5 * mm, height - 13.5 * mm)
        p.lineTo(margin + 9.5 * mm, height - 8 * mm)
        canvas.drawPath(p, stroke=1, fill=0)
        canvas.setFillColor(colors.white)
        canvas.setFont("Loket-Bold", 15)
        canvas.drawString(margin + 16 * mm, height - 11.5 * mm, "Laporan Impor Peserta")
        canvas.setFont("Loket", 9)
        canvas.drawString(
            margin + 16 * mm,
            height - 16.5 * mm,
            f"BPJS Ketenagakerjaan · Cabang {report.branch_code} {report.branch_name}",
        )
        canvas.setFillColor(colors.HexColor(GREY))
        canvas.setFont("Loket-Cond", 7.5)
        canvas.drawString(
            margin,
            10 * mm,
            f"Dicetak {local:%d-%m-%Y %H:%M} {zone} oleh {report.officer} · SHA-256 {report.sha256}",
        )
        canvas.drawRightString(width - margin, 10 * mm, f"Halaman {doc.page}")
        canvas.restoreState()

    class Banner(Flowable):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.height = 9 * mm

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.width = aw
            return aw, self.height

        def draw(self) -> None:
            c = self.canv
            c.setFillColor(colors.HexColor(status_bg))
            c.setStrokeColor(colors.HexColor(status_fg))
            c.roundRect(0, 0, self.width, self.height, 2 * mm, stroke=1, fill=1)
            c.setFillColor(colors.HexColor(status_fg))
            c.setFont("Loket-Bold", 11)
            c.drawString(4 * mm, 3.2 * mm, status_text)

    story: list[Any] = [Spacer(1, 8 * mm), Banner(), Spacer(1, 4 * mm)]

    meta = [
        ("File", report.file_name + (f" · lembar {report.sheet}" if report.sheet else "")),
        ("Ukuran / jenis", f"{_n(report.size)} byte · {report.kind.upper()}"),
        ("SHA-256", report.sha256),
        ("Petugas", f"{report.officer_name} ({report.officer})"),
        ("Waktu", f"{local:%d-%m-%Y %H:%M} {zone}"),
        ("Mode", _MODES.get(report.mode, str(report.mode))),
    ]
    if report.sponsor is not None:
        meta.append(("Penyandang dana", f"{report.sponsor.name} (APBD) · {report.sponsor.months} bulan"))
    if report.committed:
        meta.append(("Nomor peserta", f"{report.first_number} s.d. {report.last_number}"))
        meta.append(("Batch impor", f"#{report.batch_id}"))
    meta_table = Table(
        [[Paragraph(esc(k), cell_bold), Paragraph(esc(v), small)] for k, v in meta],
        colWidths=[32 * mm, width - 2 * margin - 32 * mm],
    )
    meta_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    story.append(meta_table)

    story.append(Paragraph("Ringkasan", head))
    written_label = "Didaftarkan" if report.committed else "Lolos pemeriksaan"
    boxes = [
        ("Baris data", _n(report.rows), GREY, "#F3F5F4"),
        (written_label, _n(report.enrolled if report.committed else report.accepted), GREEN, PALE_GREEN),
        (
            "Ditolak",
            _n(report.rejected),
            RED if report.rejected else GREY,
            PALE_RED if report.rejected else "#F3F5F4",
        ),
        (
            "Dengan peringatan",
            _n(report.with_warnings),
            AMBER if report.with_warnings else GREY,
            PALE_AMBER if report.with_warnings else "#F3F5F4",
        ),
    ]
    box_w = (width - 2 * margin) / 4
    big = ParagraphStyle("big", parent=body, fontName="Loket-Bold", fontSize=18, leading=22)
    cells = [
        [Paragraph(f'<font color="{fg}">{esc(v)}</font>', big) for _, v, fg, _ in boxes],
        [Paragraph(esc(label), small) for label, _, _, _ in boxes],
    ]
    counts = Table(cells, colWidths=[box_w] * 4)
    style: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
    ]
    for i, (_, _, _, bg) in enumerate(boxes):
        style.append(("BACKGROUND", (i, 0), (i, 1), colors.HexColor(bg)))
        style.append(("LINEAFTER", (i, 0), (i, 1), 3, colors.white))
    counts.setStyle(TableStyle(style))
    story.append(counts)
    if report.blank_rows:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(f"{_n(report.blank_rows)} baris kosong dilewati.", small))

    def code_table(title: str, items: Any, fg: str, bg: str) -> list[Any]:
        if not items:
            return []
        rows = [
            [
                Paragraph("Kode", cell_bold),
                Paragraph("Kolom", cell_bold),
                Paragraph("Baris", cell_bold),
                Paragraph("Contoh pesan", cell_bold),
            ]
        ]
        for c in items:
            rows.append(
                [
                    Paragraph(esc(c.code), small),
                    Paragraph(esc(c.field), small),
                    Paragraph(_n(c.count), small),
                    Paragraph(esc(c.message), small),
                ]
            )
        t = Table(rows, colWidths=[42 * mm, 22 * mm, 14 * mm, width - 2 * margin - 78 * mm], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(bg)),
                    ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor(fg)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                    ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                ]
            )
        )
        return [KeepTogether([Paragraph(title, head), t])] if len(rows) < 12 else [Paragraph(title, head), t]

    story += code_table("Kesalahan menurut kode", report.error_counts, RED, PALE_RED)
    story += code_table("Peringatan menurut kode", report.warning_counts, AMBER, PALE_AMBER)

    problems: list[tuple[RowOutcome, Any]] = []
    for outcome in report.problems:
        for issue in outcome.errors:
            problems.append((outcome, issue))
        if len(problems) >= first_errors:
            break
    problems = problems[:first_errors]
    if problems:
        story.append(Paragraph(f"{len(problems)} kesalahan pertama", head))
        rows = [[Paragraph(h, cell_bold) for h in ("Baris", "NIK", "Kolom", "Kode", "Pesan")]]
        for outcome, issue in problems:
            rows.append(
                [
                    Paragraph(str(outcome.row), small),
                    Paragraph(esc(outcome.nik or "—"), small),
                    Paragraph(esc(issue.field), small),
                    Paragraph(esc(issue.code), small),
                    Paragraph(esc(issue.message), small),
                ]
            )
        t = Table(
            rows, colWidths=[12 * mm, 29 * mm, 22 * mm, 46 * mm, width - 2 * margin - 109 * mm], repeatRows=1
        )
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF0F1")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#FAFBFA")]),
                ]
            )
        )
        story.append(t)
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(
                "NIK disamarkan (digit 7–12). Daftar lengkap setiap baris ada di laporan XLSX.",
                ParagraphStyle("note", parent=small, textColor=colors.HexColor(GREY)),
            )
        )
    elif report.rejected == 0:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("Tidak ada baris yang ditolak.", body))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=24 * mm,
        bottomMargin=16 * mm,
        title="Laporan Impor Peserta",
        author=f"Loket · {report.officer}",
        subject=report.file_name,
    )
    doc.build(story, onFirstPage=frame, onLaterPages=frame)
    return buf.getvalue()
