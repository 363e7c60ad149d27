"""The day summary (ringkasan harian) PDF: A4, numbered pages, tables with totals, two charts,
the day's enrolments with masked NIKs, the audit head and signature lines.

Takes a ``DaySummary`` (already counted and reconciled by ``app.domain.day_summary``) and returns
PDF bytes. Text is drawn literally (plain table cells, never Paragraph markup); NIKs arrive masked.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.day_summary import DaySummary, Tally, full_date, long_date, top_with_rest
from app.domain.money import format_number, format_rupiah
from app.pdf import fonts, tables
from app.pdf.day_charts import TOP_OCCUPATIONS, hour_chart, occupation_chart
from app.pdf.page import Badge, Letterhead, build_document
from app.pdf.palette import GREEN, GREEN_DARK, GREY, INK, MINT, MINT_DARK, RED, RED_LIGHT, RULE, WHITE, ZEBRA
from app.pdf.text import ellipsize, wrap

TITLE = "RINGKASAN HARIAN LOKET"
PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
BODY_W = PAGE_W - 2 * MARGIN
HALF = (BODY_W - 6 * mm) / 2
LIST_CHUNK = 100  # rows per table: several small tables lay out faster than one long one

REG, BOLD, COND, COND_BOLD = fonts.REGULAR, fonts.BOLD, fonts.CONDENSED, fonts.CONDENSED_BOLD


def _pct(n: int, total: int) -> str:
    if total <= 0:
        return "–"
    return f"{n * 100 / total:.1f}%".replace(".", ",")


def _tally_table(
    title: str, tallies: Sequence[Tally], total: int, width: float, *, total_label: str = "Jumlah"
) -> Table:
    label_w = width - 30 * mm
    rows: list[list[str]] = [[title, "Jumlah", "%"]]
    for t in tallies:
        label = t.label.title() if t.label.isupper() and len(t.label) > 4 else t.label
        rows.append([ellipsize(label, REG, 8, label_w - 6), format_number(t.count), _pct(t.count, total)])
    if not tallies:
        rows.append(["Tidak ada", "0", "–"])
    with_total = total_label != ""
    if with_total:
        rows.append([total_label, format_number(total), "100%" if total else "–"])
    table = Table(rows, colWidths=[label_w, 16 * mm, 14 * mm], repeatRows=1)
    table.setStyle(tables.grid_style(len(rows), total_row=with_total, numeric_from=1))
    return table


def _heading(text: str, note: str = "") -> list[Flowable]:
    return tables.heading(text, BODY_W, note)


def _note(text: str, *, color: Color = GREY, size: float = 8, bold: bool = False) -> Table:
    return tables.note(text, BODY_W, color=color, size=size, bold=bold)


def _pair(left: Flowable, right: Flowable) -> Table:
    return tables.side_by_side(left, right, BODY_W)


def _tiles(s: DaySummary) -> Table:
    f = s.figures
    items = [
        ("Pendaftaran baru", format_number(f.enrolment_count)),
        ("Iuran diterima (bersih)", format_rupiah(f.net_amount)),
        ("Kartu dicetak", format_number(f.cards_issued + f.cards_reprinted)),
        ("Koreksi disetujui", format_number(len(f.corrections))),
    ]
    w = BODY_W / 4
    t = Table([[a for a, _ in items], [b for _, b in items]], colWidths=[w] * 4, rowHeights=[6 * mm, 9 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), REG, 8),
                ("TEXTCOLOR", (0, 0), (-1, 0), GREY),
                ("FONT", (0, 1), (-1, 1), BOLD, 14),
                ("TEXTCOLOR", (0, 1), (-1, 1), GREEN_DARK),
                ("BACKGROUND", (0, 0), (-1, -1), MINT),
                ("LINEAFTER", (0, 0), (-2, -1), 2, WHITE),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


# --- sections -------------------------------------------------------------------------------------


def _enrolment_section(s: DaySummary) -> list[Flowable]:
    f = s.figures
    n = f.enrolment_count
    out = _heading("1. Pendaftaran peserta", f"{format_number(n)} pendaftaran")
    out.append(
        _pair(_tally_table("Segmen", f.by_segment, n, HALF), _tally_table("Kanal", f.by_channel, n, HALF))
    )
    out.append(Spacer(0, 3 * mm))
    programme = _tally_table("Program (peserta)", f.by_programme, n, HALF, total_label="")
    out.append(_pair(_tally_table("Sumber dana", f.by_funding, n, HALF), programme))
    out.append(Spacer(0, 3 * mm))
    out.append(
        _pair(
            _tally_table("Pekerjaan", top_with_rest(f.by_occupation, TOP_OCCUPATIONS), n, HALF),
            _tally_table("Kabupaten/kota domisili", top_with_rest(f.by_regency, 10), n, HALF),
        )
    )
    out.append(Spacer(0, 3 * mm))
    charts = _pair(hour_chart(f.by_hour, HALF, 52 * mm), occupation_chart(f.by_occupation, HALF, 52 * mm))
    out.append(KeepTogether([charts]))
    return out


def _money_section(s: DaySummary) -> list[Flowable]:
    f = s.figures
    r = f.reconciliation
    out = _heading("2. Iuran diterima", "per cara bayar")
    rows: list[list[str]] = [["Cara bayar", "Tanda bukti", "Diterima", "Dibatalkan", "Bersih"]]
    for m in f.methods:
        rows.append(
            [
                m.label,
                format_number(m.received_count),
                format_rupiah(m.received_amount),
                f"{format_rupiah(m.voided_amount)} ({m.voided_count})" if m.voided_count else "–",
                format_rupiah(m.net_amount),
            ]
        )
    rows.append(
        [
            "Jumlah",
            format_number(f.received_count),
            format_rupiah(f.received_amount),
            f"{format_rupiah(f.voided_amount)} ({f.voided_count})" if f.voided_count else "–",
            format_rupiah(f.net_amount),
        ]
    )
    t = Table(rows, colWidths=[52 * mm, 24 * mm, 34 * mm, 36 * mm, BODY_W - 146 * mm], repeatRows=1)
    t.setStyle(tables.grid_style(len(rows), total_row=True, numeric_from=1, font_size=8.5))
    out += [t, Spacer(0, 3 * mm)]

    # Reconciliation: payments against receipts.
    ok = r.ok
    recon = [
        ["Pencocokan dengan tanda bukti", ""],
        [
            f"Tanda bukti perorangan ({format_number(r.individual_receipts)})",
            format_rupiah(r.individual_amount),
        ],
        [
            f"Tanda bukti kolektif ({format_number(r.collective_receipts)}), sesuai cetakan",
            format_rupiah(r.collective_amount),
        ],
        [
            "Dikurangi pembayaran yang dibatalkan hari ini",
            format_rupiah(-(f.voided_amount)) if f.voided_amount else "Rp0",
        ],
        ["Jumlah tanda bukti berlaku", format_rupiah(r.receipts_valid_amount)],
        ["Jumlah pembayaran tidak batal", format_rupiah(r.payments_valid_amount)],
        ["Selisih", f"{format_rupiah(r.difference)} — {'COCOK' if ok else 'TIDAK COCOK'}"],
    ]
    rt = Table(recon, colWidths=[BODY_W - 60 * mm, 60 * mm])
    style = tables.grid_style(len(recon), total_row=True, numeric_from=1, font_size=8.5)
    style.add("TEXTCOLOR", (0, -1), (-1, -1), GREEN_DARK if ok else RED)
    style.add("BACKGROUND", (0, -1), (-1, -1), MINT if ok else RED_LIGHT)
    style.add("LINEABOVE", (0, 4), (-1, 4), 0.5, GREY)
    rt.setStyle(style)
    ranges = "; ".join(r.serial_ranges) if r.serial_ranges else "tidak ada"
    serials = [_note(f"Nomor tanda bukti hari ini: {ranges}.")]
    if r.serial_gaps:
        gaps = ", ".join(r.serial_gaps[:12]) + (" …" if len(r.serial_gaps) > 12 else "")
        serials.append(_note(f"Nomor tanda bukti hilang dari urutan: {gaps}", color=RED, bold=True))
    else:
        serials.append(_note("Urutan nomor tanda bukti lengkap, tidak ada nomor yang hilang."))
    out += [KeepTogether([rt, Spacer(0, 1.5 * mm), *serials]), Spacer(0, 3 * mm)]
    out += _takings(s)

    # Voids: today's own and adjustments to earlier days.
    if f.voids:
        rows = [["Tanda bukti", "Tgl. bayar", "Jumlah", "Jenis", "Dibatalkan oleh", "Alasan"]]
        for v in f.voids:
            rows.append(
                [
                    v.receipt_no,
                    v.paid_on.strftime("%d-%m-%Y"),
                    format_rupiah(v.total),
                    "Hari ini" if v.same_day else "Penyesuaian",
                    ellipsize(f"{v.voided_by} {v.voided_time.strftime('%H.%M')}", REG, 7.5, 27 * mm),
                    ellipsize(v.reason, REG, 7.5, BODY_W - 151 * mm),
                ]
            )
        vt = Table(
            rows, colWidths=[44 * mm, 20 * mm, 26 * mm, 22 * mm, 30 * mm, BODY_W - 142 * mm], repeatRows=1
        )
        style = tables.grid_style(len(rows), total_row=False, numeric_from=2, font_size=7.5)
        style.add("ALIGN", (3, 0), (-1, -1), "LEFT")
        style.add("LEFTPADDING", (3, 0), (3, -1), 10)
        vt.setStyle(style)
        out += [KeepTogether([_note("Pembayaran yang dibatalkan hari ini", color=INK, bold=True), vt])]
        out.append(Spacer(0, 1.5 * mm))
    adj = f.adjustments
    tail = _note(
        f"Penyesuaian atas hari sebelumnya: {format_number(len(adj))} pembatalan, "
        f"{format_rupiah(-f.adjustments_amount) if adj else 'Rp0'}. "
        f"Bersih setelah penyesuaian: {format_rupiah(f.net_after_adjustments)}.",
        color=INK,
    )
    if f.voids:
        out.append(tail)
    else:  # the section's last lines stay together (never alone at the top of a page)
        out.append(KeepTogether([_note("Tidak ada pembayaran yang dibatalkan hari ini."), tail]))
    return out


def _takings(s: DaySummary) -> list[Flowable]:
    """Each officer's takings by method, and the cash each handed in at the close."""
    f = s.figures
    if not f.takings:
        return []
    methods = [m for m in f.methods if any(t.amount(m.method) for t in f.takings)] or list(f.methods[:1])
    head = ["Petugas", "Pembayaran", *[m.label.split(" (")[0] for m in methods], "Jumlah"]
    rows: list[list[str]] = [head]
    for t in f.takings:
        rows.append(
            [
                ellipsize(t.officer, REG, 8, 34 * mm),
                format_number(t.payments),
                *[format_rupiah(t.amount(m.method)) for m in methods],
                format_rupiah(t.total),
            ]
        )
    rows.append(
        [
            "Jumlah",
            format_number(sum(t.payments for t in f.takings)),
            *[format_rupiah(sum(t.amount(m.method) for t in f.takings)) for m in methods],
            format_rupiah(sum(t.total for t in f.takings)),
        ]
    )
    rest = BODY_W - 38 * mm - 22 * mm
    widths = [38 * mm, 22 * mm, *[rest / (len(methods) + 1)] * (len(methods) + 1)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(tables.grid_style(len(rows), total_row=True, numeric_from=1, font_size=8))
    out: list[Flowable] = [
        KeepTogether(
            [
                _note(
                    "Penerimaan per petugas (pembayaran hari ini yang tidak dibatalkan)", color=INK, bold=True
                ),
                table,
            ]
        ),
        Spacer(0, 3 * mm),
    ]
    if s.cash_counts:
        crow: list[list[str]] = [["Petugas", "Menurut pembayaran", "Dihitung", "Selisih", "Alasan"]]
        for c in s.cash_counts:
            crow.append(
                [
                    ellipsize(c.officer, REG, 8, 34 * mm),
                    format_rupiah(c.expected),
                    format_rupiah(c.counted),
                    format_rupiah(c.difference) if c.difference else "Rp0 — cocok",
                    ellipsize(c.reason or "–", REG, 7.5, BODY_W - 134 * mm),
                ]
            )
        expected = sum(c.expected for c in s.cash_counts)
        counted = sum(c.counted for c in s.cash_counts)
        crow.append(
            ["Jumlah", format_rupiah(expected), format_rupiah(counted), format_rupiah(counted - expected), ""]
        )
        ct = Table(crow, colWidths=[38 * mm, 32 * mm, 30 * mm, 32 * mm, BODY_W - 132 * mm], repeatRows=1)
        style = tables.grid_style(len(crow), total_row=True, numeric_from=1, font_size=8)
        style.add("ALIGN", (4, 0), (4, -1), "LEFT")
        for i, c in enumerate(s.cash_counts, start=1):
            if c.difference:
                style.add("TEXTCOLOR", (3, i), (3, i), RED)
        ct.setStyle(style)
        who = s.closed.closed_by_name if s.closed else ""
        out += [
            KeepTogether(
                [
                    _note(
                        f"Uang tunai dihitung saat tutup hari{f' oleh {who}' if who else ''}",
                        color=INK,
                        bold=True,
                    ),
                    ct,
                ]
            ),
            Spacer(0, 3 * mm),
        ]
    elif any(t.cash for t in f.takings):
        out += [
            _note("Uang tunai petugas dihitung dan dicatat saat supervisor menutup hari."),
            Spacer(0, 3 * mm),
        ]
    return out


def _cards_and_corrections(s: DaySummary) -> list[Flowable]:
    f = s.figures
    out = _heading("3. Kartu peserta dan koreksi data")
    rows = [
        ["Kartu", "Jumlah"],
        ["Dicetak (kartu baru)", format_number(f.cards_issued)],
        ["Cetak ulang (disetujui supervisor)", format_number(f.cards_reprinted)],
        ["Rusak cetak (dicatat, seri tidak berlaku)", format_number(f.cards_spoiled)],
    ]
    ct = Table(rows, colWidths=[HALF - 20 * mm, 20 * mm])
    ct.setStyle(tables.grid_style(len(rows), total_row=False, numeric_from=1))
    corr_rows = [["Koreksi: peserta", "Data diubah", "Diajukan / disetujui"]]
    for c in f.corrections:
        corr_rows.append(
            [
                c.number,
                ellipsize(", ".join(c.fields), REG, 7.5, 28 * mm),
                ellipsize(f"{c.proposed_by} / {c.approved_by}", REG, 7.5, HALF - 64 * mm),
            ]
        )
    if not f.corrections:
        corr_rows.append(["Tidak ada", "", ""])
    corr = Table(corr_rows, colWidths=[27 * mm, 31 * mm, HALF - 58 * mm], repeatRows=1)
    corr.setStyle(tables.grid_style(len(corr_rows), total_row=False, numeric_from=9, font_size=7.5))
    out.append(_pair(ct, corr))
    if f.spoiled_serials:
        out.append(Spacer(0, 1.5 * mm))
        out.append(_note("Seri rusak cetak: " + ", ".join(f.spoiled_serials)))
    if f.imports:
        out.append(Spacer(0, 3 * mm))
        rows = [["Paket jemput bola diterima", "Peserta", "Pembayaran", "Jumlah iuran", "Kartu", "Konflik"]]
        for i in f.imports:
            rows.append(
                [
                    ellipsize(f"{i.source} · {i.package_id[:8]}", REG, 7.5, 64 * mm),
                    format_number(i.members),
                    format_number(i.payments),
                    format_rupiah(i.payments_amount),
                    format_number(i.cards),
                    format_number(i.conflicts),
                ]
            )
        it = Table(rows, colWidths=[66 * mm, 20 * mm, 22 * mm, 30 * mm, 16 * mm, BODY_W - 154 * mm])
        it.setStyle(tables.grid_style(len(rows), total_row=False, numeric_from=1, font_size=7.5))
        out.append(it)
        out.append(
            _note(
                "Data paket dihitung pada hari diimpor; tanggal asli pendaftaran di laptop tetap tersimpan.",
            )
        )
    return out


LIST_COLUMNS = (
    ("No", 8 * mm),
    ("Jam", 9 * mm),
    ("Nomor peserta", 20 * mm),
    ("Nama", 36 * mm),
    ("NIK (disamarkan)", 24 * mm),
    ("Seg.", 9 * mm),
    ("Pekerjaan", 24 * mm),
    ("Kanal", 12 * mm),
    ("Kab./kota", 21 * mm),
)
LIST_CHANNELS = {
    "LOKET": "Loket",
    "DESA": "Desa",
    "PASAR": "Pasar",
    "UKM": "UKM",
    "ECOMMERCE": "E-com",
    "EVENT": "Event",
}
LIST_OFFICER_W = BODY_W - sum(w for _, w in LIST_COLUMNS)


def _list_style() -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), COND, 7.2),
            ("FONT", (0, 0), (-1, 0), COND_BOLD, 7.2),
            ("TEXTCOLOR", (0, 0), (-1, 0), GREEN_DARK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREEN),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ZEBRA]),
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]
    )


def enrolment_list_rows(s: DaySummary) -> list[list[str]]:
    """The rows of the enrolment list, as printed (also what the benchmark's bare table draws)."""
    widths = [w - 4 for _, w in LIST_COLUMNS] + [LIST_OFFICER_W - 4]
    out: list[list[str]] = []
    for i, e in enumerate(s.figures.enrolments, start=1):
        out.append(
            [
                str(i),
                e.local_time.strftime("%H.%M"),
                e.number,
                ellipsize(e.name, COND, 7.2, widths[3]),
                e.nik_masked,
                e.segment,
                ellipsize(e.occupation_name.title(), COND, 7.2, widths[6]),
                LIST_CHANNELS.get(e.channel, e.channel.title()),
                ellipsize(e.regency_name.replace("Kabupaten ", "Kab. "), COND, 7.2, widths[8]),
                ellipsize(e.officer, COND, 7.2, widths[9]),
            ]
        )
    return out


def _list_section(s: DaySummary) -> list[Flowable]:
    out = _heading("4. Daftar pendaftaran hari ini", "NIK disamarkan (digit 7–12)")
    rows = enrolment_list_rows(s)
    if not rows:
        out.append(_note("Tidak ada pendaftaran pada hari ini."))
        return out
    header = [name for name, _ in LIST_COLUMNS] + ["Petugas"]
    widths = [w for _, w in LIST_COLUMNS] + [LIST_OFFICER_W]
    style = _list_style()
    for start in range(0, len(rows), LIST_CHUNK):
        t = Table([header, *rows[start : start + LIST_CHUNK]], colWidths=widths, repeatRows=1)
        t.setStyle(style)
        out.append(t)
    return out


def _hash_groups(h: str) -> str:
    return " ".join(h[i : i + 8] for i in range(0, len(h), 8))


def _verdict(ok: bool, message: str) -> str:
    """The verdict of ``audit verify``, wrapped to its cell (it names what it found: anchors, rows)."""
    return "\n".join(wrap(("UTUH — " if ok else "RUSAK — ") + message, BOLD, 8, BODY_W - 62 * mm - 6))


def _audit_and_signatures(s: DaySummary) -> list[Flowable]:
    a = s.audit
    out = _heading("5. Jejak audit")
    rows = [
        [
            "Peristiwa audit hari ini" + (" (sampai ditutup)" if s.closed else ""),
            format_number(a.events),
        ],
        ["Peristiwa terakhir hari ini (nomor urut)", f"#{a.number}" if a.number is not None else "–"],
        ["Hash peristiwa terakhir", _hash_groups(a.hash) if a.hash else "–"],
        ["Pemeriksaan seluruh rantai (semua hari)", _verdict(a.chain_ok, a.chain_message)],
    ]
    t = Table(rows, colWidths=[62 * mm, BODY_W - 62 * mm])
    style = TableStyle(
        [
            ("FONT", (0, 0), (0, -1), REG, 8),
            ("FONT", (1, 0), (1, -1), BOLD, 8),
            ("FONT", (1, 2), (1, 2), fonts.MONO_BOLD, 7.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (1, 3), (1, 3), GREEN_DARK if a.chain_ok else RED),
            ("VALIGN", (0, 3), (-1, 3), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    t.setStyle(style)
    out += [t, Spacer(0, 1 * mm)]
    out.append(
        _note(
            "Hash di atas mengunci semua peristiwa sampai nomor itu: mengubah, menghapus atau menyisipkan "
            "peristiwa sesudahnya akan terdeteksi oleh 'loket audit verify'."
        )
    )
    out.append(Spacer(0, 8 * mm))
    place = f"{s.branch_name}, {long_date(s.business_date)}"
    officer = s.officer_name or "" if s.officer else ""
    supervisor = s.closed.closed_by_name if s.closed else ""

    def name_line(name: str) -> str:
        return ellipsize(f"Nama: {name}", REG, 8.5, HALF - 2) if name else "Nama:"

    sig = Table(
        [
            ["Petugas loket", "", "Supervisor / kepala kantor"],
            ["", "", ""],
            [name_line(officer), "", name_line(supervisor)],
            ["Tanggal:", "", "Tanggal:"],
        ],
        colWidths=[HALF, 6 * mm, HALF],
        rowHeights=[6 * mm, 18 * mm, 5 * mm, 5 * mm],
    )
    sig.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REG, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 1), (0, 1), 0.8, INK),
                ("LINEBELOW", (2, 1), (2, 1), 0.8, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out += [_note(place, color=INK), Spacer(0, 2 * mm), sig]
    # The whole section moves as one: the signatures never open a page alone, away from what they sign.
    return [KeepTogether(out)]


def _letterhead(s: DaySummary) -> Letterhead:
    scope = "Semua petugas" if s.officer is None else f"Petugas: {s.officer_name or s.officer} ({s.officer})"
    badge = (
        Badge("HARI DITUTUP", MINT_DARK, GREEN_DARK) if s.closed else Badge("BELUM DITUTUP", RED_LIGHT, RED)
    )
    made = s.generated_at.strftime("%H.%M")
    return Letterhead(
        title=TITLE,
        subtitle=f"{s.branch_name} ({s.branch_code})  ·  {full_date(s.business_date)}",
        note=scope,
        badge=badge,
        footer=f"Dibuat {long_date(s.generated_at.date())} pukul {made} {s.tz_label} · Loket · "
        f"Ringkasan harian {s.branch_code} {s.business_date.isoformat()}",
    )


def render_day_summary(s: DaySummary) -> bytes:
    """The summary as PDF bytes. Fonts must be registered (``app.pdf.fonts.register``)."""
    fonts.require()
    story: list[Flowable] = [_tiles(s), Spacer(0, 4 * mm)]
    story += _enrolment_section(s)
    story += [Spacer(0, 4 * mm), *_money_section(s)]
    story += [Spacer(0, 4 * mm), *_cards_and_corrections(s)]
    story += [Spacer(0, 4 * mm), *_list_section(s)]
    story += [Spacer(0, 4 * mm), *_audit_and_signatures(s)]
    return build_document(
        story,
        _letterhead(s),
        margin=MARGIN,
        title=f"Ringkasan harian {s.branch_code} {s.business_date.isoformat()}",
        subject=f"{s.branch_name} {long_date(s.business_date)}",
    )
