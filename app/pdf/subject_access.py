"""The member's own data (UU PDP subject access) as a readable A4 document."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from app.pdf import fonts, tables
from app.pdf.page import Letterhead, build_document
from app.pdf.palette import GREY, MINT, RULE
from app.pdf.tables import BODY, para

MARGIN = 18 * mm
BODY_W = A4[0] - 2 * MARGIN
LABEL_W = 45 * mm
TITLE = "Data Pribadi Peserta yang Disimpan Loket"
SMALL = ParagraphStyle("access-small", parent=BODY, fontName=fonts.CONDENSED, fontSize=7.5, leading=9.5)
LEAD = ParagraphStyle("access-lead", parent=BODY, textColor=GREY)

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
    "risk_class": "Kelas risiko",
    "pmi_route": "Jalur PMI",
    "pmi_contract_months": "Masa kontrak PMI (bulan)",
    "pmi_departure": "Bulan berangkat PMI",
    "pmi_jht": "JHT PMI (Rp)",
    "headline": "Ringkasan",
    "sentences": "Keterangan",
    "covered": "Terlindungi",
    "protected_until": "Dilindungi sampai",
    "stay_active_by": "Tetap aktif bila membayar sebelum",
    "ended_on": "Berakhir",
    "beyond_grace": "Lewat masa tenggang",
    "next_amount": "Iuran berikutnya (Rp)",
    "schedule_reason": "Alasan jadwal",
    "period_start": "Awal periode",
    "arrears": "Tunggakan",
    "payable_from": "Dapat dibayar mulai",
    "next_months": "Bulan berikutnya",
    "year": "Tahun",
    "month": "Bulan",
    "member_name": "Nama peserta",
    "nik_masked": "NIK (disamarkan)",
    "reference": "Referensi",
    "quote": "Rincian iuran",
    "received_at": "Diterima",
    "timezone": "Zona waktu",
    "officer_name": "Nama petugas",
    "branch_name": "Kantor cabang",
    "voided_at": "Dibatalkan",
    "voided_by": "Dibatalkan oleh",
    "void_reason": "Alasan pembatalan",
    "sponsor": "Penyandang dana",
    "sponsor_receipt_no": "Tanda bukti kolektif",
    "from_enrolment": "Dibayar saat mendaftar",
    "cover_after": "Perlindungan sesudah pembayaran",
    "repeated": "Cetak ulang",
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
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:2000]
    return "" if value is None else str(value)


def _table(rows: list[tuple[str, Any]]) -> Table:
    t = Table(
        [[para(_label(k), SMALL), para(_text(v), SMALL)] for k, v in rows],
        colWidths=[LABEL_W, BODY_W - LABEL_W],
    )
    style = tables.paragraph_grid_style(header=False, zebra=False)
    style.add("BACKGROUND", (0, 0), (0, -1), MINT)
    style.add("LINEABOVE", (0, 0), (-1, 0), 0.3, RULE)
    t.setStyle(style)
    return t


def _items(value: Any) -> list[Flowable]:
    items = value if isinstance(value, list) else [value]
    out: list[Flowable] = []
    for item in items[:500]:
        if isinstance(item, dict):
            out.append(_table([(k, v) for k, v in item.items() if k not in HIDDEN]))
            out.append(Spacer(1, 2 * mm))
        else:
            out.append(para(_text(item), SMALL))
    return out


def render_subject_access(data: dict[str, Any], *, generated: dt.datetime) -> bytes:
    """Every value is escaped: a name with markup prints as typed."""
    fonts.require()
    story: list[Flowable] = [para(f"{data.get('dokumen', '')}.", LEAD), Spacer(1, 2 * mm)]
    for key, label in LABELS.items():
        value = data.get(key)
        story += tables.heading(label, BODY_W)
        if isinstance(value, dict):
            flat = [(k, v) for k, v in value.items() if k not in HIDDEN and not isinstance(v, list | dict)]
            nested = [(k, v) for k, v in value.items() if k not in HIDDEN and isinstance(v, list | dict)]
            if flat:
                story.append(_table(flat))
            for k, v in nested:
                story.append(para(f"{_label(k)}:", SMALL))
                story.extend(_items(v))
        elif isinstance(value, list):
            story.extend(_items(value) if value else [para("(tidak ada)", SMALL)])
        else:
            story.append(para(_text(value) or "(tidak ada)", SMALL))
        story.append(Spacer(1, 2 * mm))
    head = Letterhead(
        title=TITLE,
        subtitle=f"Cabang {data.get('cabang', '')}  ·  dibuat {generated:%d-%m-%Y %H:%M} UTC",
        note="Permintaan subjek data, UU 27/2022",
        footer="Dokumen ini berisi data pribadi (UU 27/2022). Serahkan hanya kepada peserta.",
    )
    return build_document(story, head, margin=MARGIN, title="Data pribadi peserta", subject=TITLE)
