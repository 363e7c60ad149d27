"""The day summary (ringkasan harian) PDF: A4, numbered pages, tables with totals, two charts,
the day's enrolments with masked NIKs, the audit head and signature lines.

Takes a ``DaySummary`` (already counted and reconciled by ``app.domain.day_summary``) and returns
PDF bytes. Text is drawn literally (plain table cells, never Paragraph markup); NIKs arrive masked.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.domain.day_summary import (
    DaySummary,
    Tally,
    full_date,
    hour_span,
    long_date,
    top_with_rest,
)
from app.domain.money import format_number, format_rupiah
from app.pdf import fonts
from app.pdf.marks import GREEN, GREEN_DARK, GREY, INK, MINT, MINT_DARK, draw_emblem
from app.pdf.text import wrap

TITLE = "RINGKASAN HARIAN LOKET"
RED = HexColor("#B3261E")
RED_LIGHT = HexColor("#FBE9E7")
RULE = HexColor("#C9D6CF")
ZEBRA = HexColor("#F5FAF7")
PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
BODY_W = PAGE_W - 2 * MARGIN
LIST_CHUNK = 100  # rows per table: several small tables lay out faster than one long one
TOP_OCCUPATIONS = 8  # the chart and the table group the same occupations under "Lainnya"
BAR_PT = 11.0  # a bar's thickness in the occupation chart, however few occupations there are

REG, BOLD, COND, COND_BOLD = fonts.REGULAR, fonts.BOLD, fonts.CONDENSED, fonts.CONDENSED_BOLD


def _pct(n: int, total: int) -> str:
    if total <= 0:
        return "–"
    return f"{n * 100 / total:.1f}%".replace(".", ",")


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten with an ellipsis to fit ``width`` (measured; the common case costs one call)."""
    text = fonts.printable(text, font)
    if fonts_width(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fonts_width(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def fonts_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


# --- page furniture ------------------------------------------------------------------------------


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Draws "Halaman X dari N" once the number of pages is known (pages are kept until save)."""

    summary: DaySummary

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _furniture(self, self.summary, self._pageNumber, total)
            super().showPage()
        super().save()


def _furniture(c: Canvas, s: DaySummary, page: int, total: int) -> None:
    top = PAGE_H - 12 * mm
    c.saveState()
    draw_emblem(c, MARGIN + 5.5 * mm, top - 5 * mm, 5.5 * mm)
    x = MARGIN + 14 * mm
    c.setFillColor(GREEN_DARK)
    c.setFont(BOLD, 13)
    c.drawString(x, top - 3.2 * mm, TITLE)
    c.setFillColor(INK)
    c.setFont(REG, 9)
    branch = fonts.printable(f"{s.branch_name} ({s.branch_code})")
    c.drawString(x, top - 8.6 * mm, f"{branch}  ·  {full_date(s.business_date)}")
    right = PAGE_W - MARGIN
    scope = (
        "Semua petugas"
        if s.officer is None
        else fonts.printable(f"Petugas: {s.officer_name or s.officer} ({s.officer})")
    )
    c.setFont(REG, 8.5)
    c.setFillColor(GREY)
    c.drawRightString(right, top - 8.6 * mm, _fit(scope, REG, 8.5, 70 * mm))
    label, fill, ink = (
        ("HARI DITUTUP", MINT_DARK, GREEN_DARK) if s.closed else ("BELUM DITUTUP", RED_LIGHT, RED)
    )
    w = fonts_width(label, BOLD, 7.5) + 5 * mm
    c.setFillColor(fill)
    c.roundRect(right - w, top - 4.6 * mm, w, 5 * mm, 1.4 * mm, stroke=0, fill=1)
    c.setFillColor(ink)
    c.setFont(BOLD, 7.5)
    c.drawCentredString(right - w / 2, top - 3.0 * mm, label)
    c.setStrokeColor(GREEN)
    c.setLineWidth(1.2)
    c.line(MARGIN, top - 11.5 * mm, right, top - 11.5 * mm)
    # Footer.
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, 12 * mm, right, 12 * mm)
    c.setFont(REG, 7.5)
    c.setFillColor(GREY)
    made = s.generated_at.strftime("%H.%M")
    c.drawString(
        MARGIN,
        8 * mm,
        f"Dibuat {long_date(s.generated_at.date())} pukul {made} {s.tz_label} · Loket · "
        f"Ringkasan harian {s.branch_code} {s.business_date.isoformat()}",
    )
    c.setFillColor(INK)
    c.setFont(BOLD, 8)
    c.drawRightString(right, 8 * mm, f"Halaman {page} dari {total}")
    c.restoreState()


# --- building blocks ---------------------------------------------------------------------------


class _Heading(Flowable):  # type: ignore[misc]
    """A numbered section heading with a mint band."""

    def __init__(self, text: str, note: str = "") -> None:
        super().__init__()
        self.text, self.note = text, note
        self.width, self.height = BODY_W, 8 * mm

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._available = aw
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        # Tables are centred in the frame (and as wide as the body): line the band up with them.
        c.translate((getattr(self, "_available", self.width) - self.width) / 2, 0)
        c.setFillColor(MINT)
        c.rect(0, 1 * mm, self.width, 6 * mm, stroke=0, fill=1)
        c.setFillColor(GREEN)
        c.rect(0, 1 * mm, 1.2 * mm, 6 * mm, stroke=0, fill=1)
        c.setFillColor(GREEN_DARK)
        c.setFont(BOLD, 10.5)
        c.drawString(3.5 * mm, 2.9 * mm, self.text)
        if self.note:
            c.setFillColor(GREY)
            c.setFont(REG, 7.5)
            c.drawRightString(self.width - 2 * mm, 3.0 * mm, self.note)


def _heading(text: str, note: str = "") -> list[Flowable]:
    return [CondPageBreak(40 * mm), _Heading(text, note), Spacer(0, 1.5 * mm)]


def _note(text: str, *, color: Color = GREY, size: float = 8, bold: bool = False) -> Table:
    """A plain paragraph of literal text, wrapped to the body width."""
    font = BOLD if bold else REG
    lines = wrap(fonts.printable(text, font), font, size, BODY_W)
    t = Table([[line] for line in lines], colWidths=[BODY_W])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, size),
                ("TEXTCOLOR", (0, 0), (-1, -1), color),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    )
    return t


def _grid_style(rows: int, *, total_row: bool, numeric_from: int, font_size: float = 8) -> TableStyle:
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REG, font_size),
        ("FONT", (0, 0), (-1, 0), BOLD, font_size - 0.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), GREEN_DARK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREEN),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    body_end = rows - 2 if total_row else rows - 1
    for r in range(2, body_end + 1, 2):
        cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if total_row:
        cmds += [
            ("FONT", (0, -1), (-1, -1), BOLD, font_size),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("BACKGROUND", (0, -1), (-1, -1), MINT),
        ]
    return TableStyle(cmds)


def _tally_table(
    title: str, tallies: Sequence[Tally], total: int, width: float, *, total_label: str = "Jumlah"
) -> Table:
    label_w = width - 30 * mm
    rows: list[list[str]] = [[title, "Jumlah", "%"]]
    for t in tallies:
        label = t.label.title() if t.label.isupper() and len(t.label) > 4 else t.label
        rows.append([_fit(label, REG, 8, label_w - 6), format_number(t.count), _pct(t.count, total)])
    if not tallies:
        rows.append(["Tidak ada", "0", "–"])
    with_total = total_label != ""
    if with_total:
        rows.append([total_label, format_number(total), "100%" if total else "–"])
    table = Table(rows, colWidths=[label_w, 16 * mm, 14 * mm], repeatRows=1)
    table.setStyle(_grid_style(len(rows), total_row=with_total, numeric_from=1))
    return table


def _side_by_side(left: Flowable, right: Flowable) -> Table:
    gap = 6 * mm
    half = (BODY_W - gap) / 2
    t = Table([[left, "", right]], colWidths=[half, gap, half])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


HALF = (BODY_W - 6 * mm) / 2


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
                ("LINEAFTER", (0, 0), (-2, -1), 2, HexColor("#FFFFFF")),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


# --- charts -------------------------------------------------------------------------------------


def _hour_chart(by_hour: Sequence[int], width: float, height: float) -> Drawing:
    hours = list(hour_span(by_hour))
    d = Drawing(width, height)
    d.add(String(0, height - 9, "Pendaftaran per jam", fontName=BOLD, fontSize=8.5, fillColor=GREEN_DARK))
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 22
    chart.width, chart.height = width - 30, height - 42
    chart.data = [[by_hour[h] for h in hours]]
    chart.bars[0].fillColor = GREEN
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 3
    chart.categoryAxis.categoryNames = [f"{h:02d}" for h in hours]
    chart.categoryAxis.labels.fontName = REG
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.labels.fontName = REG
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.strokeColor = GREY
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    top = max([*by_hour, 1])
    step = max(1, -(-top // 4))
    chart.valueAxis.valueMax = step * 4
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda v: format_number(int(v))
    chart.barLabelFormat = lambda v: format_number(int(v)) if v else ""
    chart.barLabels.fontName = REG
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    d.add(chart)
    d.add(
        String(
            chart.x + chart.width / 2,
            4,
            "jam (waktu setempat)",
            fontName=REG,
            fontSize=6.5,
            fillColor=GREY,
            textAnchor="middle",
        )
    )
    return d


def _occupation_chart(tallies: Sequence[Tally], width: float, height: float) -> Drawing:
    shown = list(reversed(top_with_rest(tallies, TOP_OCCUPATIONS)))
    d = Drawing(width, height)
    d.add(
        String(0, height - 9, "Pendaftaran per pekerjaan", fontName=BOLD, fontSize=8.5, fillColor=GREEN_DARK)
    )
    if not shown:
        d.add(
            String(
                width / 2,
                height / 2,
                "Belum ada pendaftaran",
                fontName=REG,
                fontSize=8,
                fillColor=GREY,
                textAnchor="middle",
            )
        )
        return d
    label_w = 70.0
    chart = HorizontalBarChart()
    # Bars of one thickness, from the top: one occupation is one bar, not a block filling the chart.
    rows_h = min(height - 26, len(shown) * (BAR_PT + 5))
    chart.x, chart.y = label_w + 4, height - 18 - rows_h
    chart.width, chart.height = width - label_w - 22, rows_h
    chart.data = [[t.count for t in shown]]
    chart.bars[0].fillColor = GREEN
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 4
    chart.categoryAxis.categoryNames = [_fit(t.label.title(), REG, 6.5, label_w) for t in shown]
    chart.categoryAxis.labels.fontName = REG
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(t.count for t in shown) * 1.15
    chart.barLabelFormat = lambda v: format_number(int(v))
    chart.barLabels.fontName = REG
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


# --- sections -------------------------------------------------------------------------------------


def _enrolment_section(s: DaySummary) -> list[Flowable]:
    f = s.figures
    n = f.enrolment_count
    out = _heading("1. Pendaftaran peserta", f"{format_number(n)} pendaftaran")
    out.append(
        _side_by_side(
            _tally_table("Segmen", f.by_segment, n, HALF), _tally_table("Kanal", f.by_channel, n, HALF)
        )
    )
    out.append(Spacer(0, 3 * mm))
    programme = _tally_table("Program (peserta)", f.by_programme, n, HALF, total_label="")
    out.append(_side_by_side(_tally_table("Sumber dana", f.by_funding, n, HALF), programme))
    out.append(Spacer(0, 3 * mm))
    out.append(
        _side_by_side(
            _tally_table("Pekerjaan", top_with_rest(f.by_occupation, TOP_OCCUPATIONS), n, HALF),
            _tally_table("Kabupaten/kota domisili", top_with_rest(f.by_regency, 10), n, HALF),
        )
    )
    out.append(Spacer(0, 3 * mm))
    charts = _side_by_side(
        _hour_chart(f.by_hour, HALF, 52 * mm), _occupation_chart(f.by_occupation, HALF, 52 * mm)
    )
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
    t.setStyle(_grid_style(len(rows), total_row=True, numeric_from=1, font_size=8.5))
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
    style = _grid_style(len(recon), total_row=True, numeric_from=1, font_size=8.5)
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
                    _fit(f"{v.voided_by} {v.voided_time.strftime('%H.%M')}", REG, 7.5, 27 * mm),
                    _fit(v.reason, REG, 7.5, BODY_W - 151 * mm),
                ]
            )
        vt = Table(
            rows, colWidths=[44 * mm, 20 * mm, 26 * mm, 22 * mm, 30 * mm, BODY_W - 142 * mm], repeatRows=1
        )
        style = _grid_style(len(rows), total_row=False, numeric_from=2, font_size=7.5)
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
                _fit(t.officer, REG, 8, 34 * mm),
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
    table.setStyle(_grid_style(len(rows), total_row=True, numeric_from=1, font_size=8))
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
                    _fit(c.officer, REG, 8, 34 * mm),
                    format_rupiah(c.expected),
                    format_rupiah(c.counted),
                    format_rupiah(c.difference) if c.difference else "Rp0 — cocok",
                    _fit(c.reason or "–", REG, 7.5, BODY_W - 134 * mm),
                ]
            )
        expected = sum(c.expected for c in s.cash_counts)
        counted = sum(c.counted for c in s.cash_counts)
        crow.append(
            ["Jumlah", format_rupiah(expected), format_rupiah(counted), format_rupiah(counted - expected), ""]
        )
        ct = Table(crow, colWidths=[38 * mm, 32 * mm, 30 * mm, 32 * mm, BODY_W - 132 * mm], repeatRows=1)
        style = _grid_style(len(crow), total_row=True, numeric_from=1, font_size=8)
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
    ct.setStyle(_grid_style(len(rows), total_row=False, numeric_from=1))
    corr_rows = [["Koreksi: peserta", "Data diubah", "Diajukan / disetujui"]]
    for c in f.corrections:
        corr_rows.append(
            [
                c.number,
                _fit(", ".join(c.fields), REG, 7.5, 28 * mm),
                _fit(f"{c.proposed_by} / {c.approved_by}", REG, 7.5, HALF - 64 * mm),
            ]
        )
    if not f.corrections:
        corr_rows.append(["Tidak ada", "", ""])
    corr = Table(corr_rows, colWidths=[27 * mm, 31 * mm, HALF - 58 * mm], repeatRows=1)
    corr.setStyle(_grid_style(len(corr_rows), total_row=False, numeric_from=9, font_size=7.5))
    out.append(_side_by_side(ct, corr))
    if f.spoiled_serials:
        out.append(Spacer(0, 1.5 * mm))
        out.append(_note("Seri rusak cetak: " + ", ".join(f.spoiled_serials)))
    if f.imports:
        out.append(Spacer(0, 3 * mm))
        rows = [["Paket jemput bola diterima", "Peserta", "Pembayaran", "Jumlah iuran", "Kartu", "Konflik"]]
        for i in f.imports:
            rows.append(
                [
                    _fit(f"{i.source} · {i.package_id[:8]}", REG, 7.5, 64 * mm),
                    format_number(i.members),
                    format_number(i.payments),
                    format_rupiah(i.payments_amount),
                    format_number(i.cards),
                    format_number(i.conflicts),
                ]
            )
        it = Table(rows, colWidths=[66 * mm, 20 * mm, 22 * mm, 30 * mm, 16 * mm, BODY_W - 154 * mm])
        it.setStyle(_grid_style(len(rows), total_row=False, numeric_from=1, font_size=7.5))
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
                _fit(e.name, COND, 7.2, widths[3]),
                e.nik_masked,
                e.segment,
                _fit(e.occupation_name.title(), COND, 7.2, widths[6]),
                LIST_CHANNELS.get(e.channel, e.channel.title()),
                _fit(e.regency_name.replace("Kabupaten ", "Kab. "), COND, 7.2, widths[8]),
                _fit(e.officer, COND, 7.2, widths[9]),
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
    text = fonts.printable(("UTUH — " if ok else "RUSAK — ") + message, BOLD)
    return "\n".join(wrap(text, BOLD, 8, BODY_W - 62 * mm - 6))


def _audit_and_signatures(s: DaySummary) -> list[Flowable]:
    a = s.audit
    out = _heading("5. Jejak audit")
    rows = [
        [
            "Peristiwa audit hari ini" + (" (sampai ditutup)" if s.closed else ""),
            format_number(a.events),
        ],
        ["Peristiwa terakhir hari ini (nomor urut)", f"#{a.seq}" if a.seq is not None else "–"],
        ["Hash peristiwa terakhir", _hash_groups(a.hash) if a.hash else "–"],
        ["Pemeriksaan seluruh rantai (semua hari)", _verdict(a.chain_ok, a.chain_message)],
    ]
    t = Table(rows, colWidths=[62 * mm, BODY_W - 62 * mm])
    style = TableStyle(
        [
            ("FONT", (0, 0), (0, -1), REG, 8),
            ("FONT", (1, 0), (1, -1), BOLD, 8),
            ("FONT", (1, 2), (1, 2), "Courier-Bold", 7.5),
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
    sig = Table(
        [
            ["Petugas loket", "", "Supervisor / kepala kantor"],
            ["", "", ""],
            [
                f"Nama: {officer}" if officer else "Nama:",
                "",
                f"Nama: {supervisor}" if supervisor else "Nama:",
            ],
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
    out.append(KeepTogether([_note(fonts.printable(place), color=INK), Spacer(0, 2 * mm), sig]))
    return out


def render_day_summary(s: DaySummary) -> bytes:
    """The summary as PDF bytes. Fonts must be registered (``app.pdf.fonts.register``)."""
    fonts.require()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=27 * mm,
        bottomMargin=17 * mm,
        title=f"Ringkasan harian {s.branch_code} {s.business_date.isoformat()}",
        author="Loket",
        subject=f"{s.branch_name} {long_date(s.business_date)}",
        creator="Loket",
    )
    story: list[Flowable] = [_tiles(s), Spacer(0, 4 * mm)]
    story += _enrolment_section(s)
    story += [Spacer(0, 4 * mm), *_money_section(s)]
    story += [Spacer(0, 4 * mm), *_cards_and_corrections(s)]
    story += [Spacer(0, 4 * mm), *_list_section(s)]
    story += [Spacer(0, 4 * mm), *_audit_and_signatures(s)]

    class _Canvas(_NumberedCanvas):
        summary = s

    doc.build(story, canvasmaker=_Canvas)
    return buf.getvalue()
