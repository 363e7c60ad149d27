"""The outreach list as an A4 landscape table: who pays at this harvest, how much, and by when."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain.money import format_rupiah
from app.domain.outreach import OutreachList
from app.pdf import fonts
from app.pdf.marks import GREEN, GREEN_DARK, GREY, MINT, draw_emblem, long_date

PAGE = landscape(A4)
MARGIN = 12 * mm


def render_outreach_list(data: OutreachList, *, font_dir: Path) -> bytes:
    """Every value is printed literally (escaped): a name with markup prints as typed."""
    font_registry = fonts
    font_registry.register(font_dir)
    body = ParagraphStyle("b", fontName=font_registry.CONDENSED, fontSize=8, leading=10)
    bold = ParagraphStyle("bb", parent=body, fontName=font_registry.CONDENSED_BOLD)
    head = ParagraphStyle("h", parent=body, fontName=font_registry.BOLD, fontSize=8, textColor=colors.white)
    title = ParagraphStyle(
        "t", parent=body, fontName=font_registry.BOLD, fontSize=15, leading=19, textColor=GREEN_DARK
    )
    sub = ParagraphStyle(
        "s", parent=body, fontName=font_registry.REGULAR, fontSize=9, leading=12, textColor=GREY
    )

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(font_registry.printable(str(text))), style)

    where = f" — {data.region_name} ({data.region})" if data.region else ""
    story: list[Any] = [
        p(f"Daftar Bayar Saat Panen — {data.month.label()}", title),
        p(
            f"{data.branch}{where}. Peserta dengan jadwal bayar saat panen yang pembayarannya jatuh tempo "
            f"paling lambat bulan ini. Dibuat {long_date(data.made_on)}.",
            sub,
        ),
        Spacer(1, 4 * mm),
    ]
    header = [
        "No.",
        "Nomor peserta",
        "Nama",
        "NIK",
        "Desa/kelurahan · alamat",
        "Pekerjaan",
        "Status",
        "Bulan dibayar",
        "Jatuh tempo",
        "Jumlah",
    ]
    rows: list[list[Any]] = [[p(h, head) for h in header]]
    for i, r in enumerate(data.rows, start=1):
        rows.append(
            [
                p(i),
                p(r.number),
                p(r.name, bold),
                p(r.nik_masked),
                p(f"{r.village} · {r.address}"),
                p(r.occupation.title()),
                p(r.status_note),
                p(r.period),
                p(r.due_date.strftime("%d-%m-%Y")),
                p(format_rupiah(r.amount), bold),
            ]
        )
    if not data.rows:
        rows.append([p(""), p("Tidak ada peserta yang jatuh tempo bulan ini.", bold)] + [p("")] * 8)
    rows.append([p("")] * 8 + [p("Jumlah", bold), p(format_rupiah(data.total), bold)])
    widths = [8 * mm, 22 * mm, 36 * mm, 26 * mm, 0.0, 25 * mm, 22 * mm, 30 * mm, 18 * mm, 21 * mm]
    widths[4] = (
        PAGE[0] - 2 * MARGIN - 12 - sum(widths)
    )  # the address takes what is left (12 pt: the frame's padding)
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), GREEN),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, MINT]),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.HexColor("#c8d3ce")),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREEN_DARK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 3 * mm))
    story.append(
        p(
            f"{len(data.rows)} peserta, jumlah {format_rupiah(data.total)}. Jumlah dihitung untuk pembayaran pada "
            "tanggal jatuh tempo; tunggakan yang dibayar terlambat dapat berubah.",
            sub,
        )
    )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"Daftar bayar saat panen {data.month}",
        author="Loket",
    )

    def decorate(canvas: Any, d: Any) -> None:
        draw_emblem(canvas, PAGE[0] - MARGIN - 6 * mm, PAGE[1] - 14 * mm, 6 * mm)
        canvas.setFont(font_registry.REGULAR, 7)
        canvas.setFillColor(GREY)
        canvas.drawString(
            MARGIN,
            8 * mm,
            "Berisi data pribadi peserta (UU 27/2022): simpan dengan aman dan musnahkan setelah kegiatan.",
        )
        canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, f"Halaman {d.page}")

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()
