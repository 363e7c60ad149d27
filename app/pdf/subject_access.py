"""The member's own data (UU PDP subject access) as a readable A4 document."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.pdf import fonts

GREEN = colors.HexColor("#13704a")
LABELS = {
    "peserta": "Identitas dan kepesertaan",
    "status_iuran": "Status iuran",
    "pembayaran": "Pembayaran iuran",
    "kartu": "Kartu peserta",
    "koreksi": "Koreksi data",
    "riwayat": "Riwayat perubahan dan akses",
}


# Field names as a citizen reads them; internal identifiers are left out of the PDF (the JSON has all).
FIELD_LABELS = {
    "number": "Nomor peserta",
    "nik": "NIK",
    "nama": "Nama",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin",
    "nama_ibu": "Nama ibu kandung",
    "no_hp": "Nomor HP",
    "alamat": "Alamat",
    "kode_wilayah": "Kode wilayah",
    "wilayah": "Desa/kelurahan",
    "nik_region": "Wilayah penerbitan NIK",
    "record_status": "Status data",
    "merged_into": "Digabung ke",
    "created_at": "Terdaftar",
    "branch_code": "Kode cabang",
    "heirs": "Ahli waris",
    "hubungan": "Hubungan",
    "enrolments": "Kepesertaan",
    "segment": "Segmen",
    "occupation_name": "Pekerjaan",
    "programmes": "Program",
    "income": "Penghasilan (Rp)",
    "funding_source": "Sumber dana",
    "channel": "Kanal",
    "npp": "NPP",
    "months_at_enrolment": "Bulan dibayar saat daftar",
    "enrolled_at": "Waktu daftar",
    "business_date": "Tanggal",
    "officer": "Petugas",
    "counter": "Loket",
    "status": "Status",
    "status_label": "Keterangan",
    "paid_through": "Lunas sampai",
    "next_due_date": "Jatuh tempo berikutnya",
    "schedule_label": "Jadwal bayar",
    "receipt_no": "Nomor tanda bukti",
    "total": "Jumlah (Rp)",
    "method": "Cara bayar",
    "serial": "Seri kartu",
    "issued_at": "Dicetak",
    "reason": "Alasan",
    "action": "Kegiatan",
    "at": "Waktu",
    "actor": "Oleh",
    "occurred_at": "Waktu",
}
HIDDEN = {
    "id",
    "member_id",
    "occupation_code",
    "covered_now",
    "schedule",
    "as_of",
    "member_number",
    "arrears_months",
    "next_due_month",
    "details",
}


def _label(key: str) -> str:
    return FIELD_LABELS.get(key, key.replace("_", " ").capitalize())


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:2000]
    return "" if value is None else str(value)


def render_subject_access(data: dict[str, Any], *, generated: dt.datetime) -> bytes:
    """Every value is escaped: a name with markup prints as typed."""
    fonts.require()
    body = ParagraphStyle("b", fontName=fonts.REGULAR, fontSize=8.5, leading=11)
    small = ParagraphStyle("s", parent=body, fontName=fonts.CONDENSED, fontSize=7.5, leading=9.5)
    head = ParagraphStyle(
        "h",
        parent=body,
        fontName=fonts.BOLD,
        fontSize=11,
        leading=14,
        textColor=GREEN,
        spaceBefore=8,
        spaceAfter=4,
    )
    title = ParagraphStyle("t", parent=body, fontName=fonts.BOLD, fontSize=15, leading=19, textColor=GREEN)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(fonts.printable(_text(text))), style)

    story: list[Any] = [
        p("Data Pribadi Peserta yang Disimpan Loket", title),
        p(
            f"{data.get('dokumen', '')}. Dibuat {generated:%d-%m-%Y %H:%M} UTC, cabang {data.get('cabang', '')}.",
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    for key, label in LABELS.items():
        value = data.get(key)
        story.append(p(label, head))
        if isinstance(value, dict):
            rows = [
                [p(_label(k), small), p(v, small)]
                for k, v in value.items()
                if k not in HIDDEN and not isinstance(v, list | dict)
            ]
            nested = [(k, v) for k, v in value.items() if k not in HIDDEN and isinstance(v, list | dict)]
            if rows:
                story.append(_table(rows, [45 * mm, 125 * mm]))
            for k, v in nested:
                story.append(p(f"{_label(k)}:", small))
                story.extend(_items(v, p, small))
        elif isinstance(value, list):
            story.extend(_items(value, p, small) if value else [p("(tidak ada)", small)])
        else:
            story.append(p(value if value is not None else "(tidak ada)", small))
    doc_buf = io.BytesIO()
    doc = SimpleDocTemplate(
        doc_buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title="Data pribadi peserta",
        author="Loket",
    )

    def footer(canvas: Any, d: Any) -> None:
        canvas.setFont(fonts.REGULAR, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(
            18 * mm, 9 * mm, "Dokumen ini berisi data pribadi (UU 27/2022). Serahkan hanya kepada peserta."
        )
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, f"Halaman {d.page}")

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return doc_buf.getvalue()


def _items(value: Any, p: Any, style: ParagraphStyle) -> list[Any]:
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items[:500]:
        if isinstance(item, dict):
            rows = [[p(_label(k), style), p(v, style)] for k, v in item.items() if k not in HIDDEN]
            out.append(_table(rows, [45 * mm, 125 * mm]))
            out.append(Spacer(1, 2 * mm))
        else:
            out.append(p(item, style))
    return out


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    t = Table(rows, colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#c8d3ce")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef5f1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t
