"""The outreach list as an A4 landscape table: who pays at this harvest, how much, and by when."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from app.domain.cover_text import long_date
from app.domain.money import format_rupiah
from app.domain.outreach import OutreachList
from app.pdf import fonts, tables
from app.pdf.page import Letterhead, build_document
from app.pdf.palette import GREEN, GREEN_DARK, GREY, WHITE
from app.pdf.tables import BODY, SMALL_BOLD, para

PAGE = landscape(A4)
MARGIN = 12 * mm
BODY_W = PAGE[0] - 2 * MARGIN
HEAD = ParagraphStyle("outreach-head", parent=SMALL_BOLD, fontName=fonts.BOLD, textColor=WHITE)
NOTE = ParagraphStyle("outreach-note", parent=BODY, fontSize=9, leading=12, textColor=GREY)
COLUMNS = (
    ("No.", 8 * mm),
    ("Nomor peserta", 22 * mm),
    ("Nama", 36 * mm),
    ("NIK", 26 * mm),
    ("Desa/kelurahan · alamat", 0.0),  # what the others leave
    ("Pekerjaan", 25 * mm),
    ("Status", 22 * mm),
    ("Bulan dibayar", 30 * mm),
    ("Jatuh tempo", 18 * mm),
    ("Jumlah", 21 * mm),
)


def render_outreach_list(data: OutreachList) -> bytes:
    """Every value is printed literally (escaped): a name with markup prints as typed."""
    fonts.require()
    where = f" — {data.region_name} ({data.region})" if data.region else ""
    rows: list[list[Any]] = [[para(name, HEAD) for name, _ in COLUMNS]]
    for i, r in enumerate(data.rows, start=1):
        rows.append(
            [
                para(i),
                para(r.number),
                para(r.name, SMALL_BOLD),
                para(r.nik_masked),
                para(f"{r.village} · {r.address}"),
                para(r.occupation.title()),
                para(r.status_note),
                para(r.period),
                para(r.due_date.strftime("%d-%m-%Y")),
                para(format_rupiah(r.amount), SMALL_BOLD),
            ]
        )
    if not data.rows:
        rows.append(
            [para(""), para("Tidak ada peserta yang jatuh tempo bulan ini.", SMALL_BOLD)] + [para("")] * 8
        )
    rows.append([para("")] * 8 + [para("Jumlah", SMALL_BOLD), para(format_rupiah(data.total), SMALL_BOLD)])
    widths = [w for _, w in COLUMNS]
    widths[4] = BODY_W - 12 - sum(widths)  # 12 pt: the frame's padding
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = tables.paragraph_grid_style(head=GREEN, head_fill=GREEN)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.8, GREEN_DARK)
    style.add("ALIGN", (-1, 0), (-1, -1), "RIGHT")
    table.setStyle(style)
    story = [
        para(
            f"Peserta dengan jadwal bayar saat panen yang pembayarannya jatuh tempo paling lambat "
            f"{data.month.label()}.",
            NOTE,
        ),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 3 * mm),
        para(
            f"{len(data.rows)} peserta, jumlah {format_rupiah(data.total)}. Jumlah dihitung untuk pembayaran "
            "pada tanggal jatuh tempo; tunggakan yang dibayar terlambat dapat berubah.",
            NOTE,
        ),
    ]
    head = Letterhead(
        title=f"Daftar Bayar Saat Panen — {data.month.label()}",
        subtitle=f"{data.branch}{where}",
        note=f"Dibuat {long_date(data.made_on)}",
        footer="Berisi data pribadi peserta (UU 27/2022): simpan dengan aman dan musnahkan setelah kegiatan.",
    )
    return build_document(
        story, head, pagesize=PAGE, margin=MARGIN, title=f"Daftar bayar saat panen {data.month}"
    )
