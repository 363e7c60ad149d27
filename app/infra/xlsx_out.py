"""Writing spreadsheets: the import template and the per-row import report (streamed, write-only)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.domain.cells import neutralise_cell
from app.domain.imports import HINTS, REPORT_COLUMNS, RowOutcome
from app.domain.intake import FIELDS, LABELS
from app.domain.reference import CHANNELS, FUNDING_SOURCES, MONTHS_OPTIONS, SEGMENTS
from app.infra.paths import AppPaths
from app.infra.workspace import partial_beside

GREEN = "1B7F4C"
PALE_GREEN = "E8F3EC"
PALE_RED = "FBE3E1"
PALE_AMBER = "FFF4D6"
GREY = "6B6B6B"
_TEXT_KEYS = (
    "nik",
    "no_hp",
    "kode_wilayah",
    "npp",
    "bulan_berangkat",
)  # stored as text so Excel keeps every digit
_WIDTHS = {
    "nik": 20,
    "nama": 28,
    "tempat_lahir": 16,
    "tanggal_lahir": 14,
    "jenis_kelamin": 8,
    "nama_ibu": 24,
    "no_hp": 16,
    "alamat": 36,
    "kode_wilayah": 16,
    "pekerjaan": 22,
    "segmen": 9,
    "npp": 14,
    "penghasilan": 14,
    "program": 18,
    "bulan_bayar": 8,
    "sumber_dana": 16,
    "kanal": 12,
    "ahli_waris": 28,
}
PROGRAMME_CHOICES = ("JKK,JKM", "JKK,JKM,JHT", "JKK,JKM,JHT,JP", "JKK,JKM,JHT,JP,JKP")
TEMPLATE_ROWS = 2000  # rows that carry the data validation lists and text formats


def _atomic_save(wb: Any, dest: Path, paths: AppPaths | None = None) -> Path:
    """Saved whole or not at all. With ``paths`` (a file with personal data) the file is private
    (0600) from its first byte and its partial is registered, so a killed run leaves nothing."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if paths is None:
            tmp = dest.with_name(f".{dest.name}.tmp")
            wb.save(tmp)
            os.replace(tmp, dest)
            return dest
        with partial_beside(paths, dest) as part:
            wb.save(part)
            os.replace(part, dest)
    return dest


def write_template(dest: Path, occupations: Sequence[tuple[str, str]]) -> Path:
    """An empty import template: the intake keys as headers, a hints row, comments and pick lists."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Peserta"
    lists = wb.create_sheet("Daftar")
    guide = wb.create_sheet("Petunjuk")

    lists.append(["pekerjaan", "nama pekerjaan", "program"])
    for i, (code, name) in enumerate(occupations):
        lists.append([code, name, PROGRAMME_CHOICES[i] if i < len(PROGRAMME_CHOICES) else None])
    lists.sheet_state = "hidden"

    header_font = Font(name="Calibri", bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=GREEN)
    hint_font = Font(name="Calibri", italic=True, color=GREY, size=9)
    hint_fill = PatternFill("solid", fgColor=PALE_GREEN)
    for col, key in enumerate(FIELDS, start=1):
        cell = ws.cell(row=1, column=col, value=key)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        cell.comment = Comment(f"{LABELS[key]}: {HINTS[key]}", "Loket", width=260, height=80)
        hint = ws.cell(row=2, column=col, value=HINTS[key])
        hint.font = hint_font
        hint.fill = hint_fill
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = _WIDTHS.get(key, 14)
        if key in _TEXT_KEYS:
            for row in range(3, TEMPLATE_ROWS + 3):
                ws.cell(row=row, column=col).number_format = "@"
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "B3"

    def col_of(key: str) -> str:
        from openpyxl.utils import get_column_letter

        return str(get_column_letter(FIELDS.index(key) + 1))

    last = TEMPLATE_ROWS + 2

    def add_list(key: str, formula: str, *, strict: bool = True) -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = f"Isi {LABELS[key]} dengan salah satu pilihan."
        dv.errorTitle = LABELS[key]
        dv.errorStyle = "stop" if strict else "warning"
        dv.prompt = HINTS[key]
        dv.promptTitle = LABELS[key]
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        dv.add(f"{col_of(key)}3:{col_of(key)}{last}")

    add_list("jenis_kelamin", '"L,P"')
    add_list("segmen", '"' + ",".join(SEGMENTS) + '"')
    add_list("sumber_dana", '"' + ",".join(FUNDING_SOURCES) + '"')
    add_list("kanal", '"' + ",".join(CHANNELS) + '"')
    add_list("bulan_bayar", '"' + ",".join(str(m) for m in MONTHS_OPTIONS) + '"')
    add_list("pekerjaan", f"Daftar!$A$2:$A${len(occupations) + 1}", strict=False)
    add_list("program", f"Daftar!$C$2:$C${len(PROGRAMME_CHOICES) + 1}", strict=False)
    income = DataValidation(type="whole", operator="greaterThan", formula1="0", allow_blank=True)
    income.error = "Penghasilan per bulan dalam rupiah, bilangan bulat."
    income.errorTitle = LABELS["penghasilan"]
    ws.add_data_validation(income)
    income.add(f"{col_of('penghasilan')}3:{col_of('penghasilan')}{last}")
    birth = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    birth.error = "Tanggal lahir: isi tanggal (HH/BB/TTTT)."
    birth.errorStyle = "warning"
    ws.add_data_validation(birth)
    birth.add(f"{col_of('tanggal_lahir')}3:{col_of('tanggal_lahir')}{last}")

    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 34
    guide.column_dimensions["C"].width = 60
    guide.append(["Templat impor peserta Loket"])
    guide["A1"].font = Font(bold=True, size=13, color=GREEN)
    guide.append(["Isi lembar 'Peserta' mulai baris 3. Baris 2 berisi petunjuk dan boleh dibiarkan."])
    guide.append(["Kolom NIK dan nomor HP berformat Teks agar digitnya tidak hilang."])
    guide.append([])
    guide.append(["kolom", "arti", "aturan"])
    for c in guide[5]:
        c.font = header_font
        c.fill = header_fill
    for key in FIELDS:
        guide.append([key, LABELS[key], HINTS[key]])
    return _atomic_save(wb, dest)


class RowReportWriter:
    """The dry-run / commit report: every row of the file with its status, number and problems.

    Streamed with openpyxl's write-only mode, so a 200,000-row report never sits in memory.
    Every text cell passes through ``neutralise_cell``: a name typed as ``=HYPERLINK(…)`` stays text.
    """

    def __init__(self, dest: Path, headers: Sequence[str], paths: AppPaths | None = None) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        self.dest = dest
        self._paths = paths
        self._cell = WriteOnlyCell
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("Laporan")
        self._ws.freeze_panes = "F2"
        widths = [8, 11, 14, 60, 40] + [max(10, min(30, len(h) + 4)) for h in headers]
        from openpyxl.utils import get_column_letter

        for i, w in enumerate(widths, start=1):
            self._ws.column_dimensions[get_column_letter(i)].width = w
        head_font = Font(bold=True, color="FFFFFF")
        head_fill = PatternFill("solid", fgColor=GREEN)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._fills = {
            "rejected": PatternFill("solid", fgColor=PALE_RED),
            "warning": PatternFill("solid", fgColor=PALE_AMBER),
        }
        row = []
        for text in (*REPORT_COLUMNS, *headers):
            c = WriteOnlyCell(self._ws, value=neutralise_cell(str(text)))
            c.font = head_font
            c.fill = head_fill
            row.append(c)
        self._ws.append(row)
        self._width = len(headers)

    def add(self, outcome: RowOutcome, values: Sequence[Any]) -> None:
        status = {"valid": "lolos", "enrolled": "terdaftar", "rejected": "ditolak"}.get(
            outcome.status, outcome.status
        )
        errors = "\n".join(f"[{i.code}] {i.message}" for i in outcome.errors)
        warns = "\n".join(f"[{i.code}] {i.message}" for i in outcome.warnings)
        fill = (
            self._fills["rejected"]
            if outcome.errors
            else (self._fills["warning"] if outcome.warnings else None)
        )
        lead = []
        for value in (outcome.row, status, outcome.number, errors or None, warns or None):
            c = self._cell(self._ws, value=neutralise_cell(value))
            if fill is not None:
                c.fill = fill
            if isinstance(value, str) and "\n" in value:
                c.alignment = self._wrap
            lead.append(c)
        cells = [neutralise_cell(v) for v in values[: self._width]]
        self._ws.append([*lead, *cells])

    def close(self) -> Path:
        return _atomic_save(self._wb, self.dest, self._paths)


def write_table(
    dest: Path, *, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str
) -> Path:
    """One titled sheet: a bold title row, a green header, the rows (text neutralised so no cell is
    ever read as a formula), columns sized to their content. Private to the user (0600): lists of
    members are personal data."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([neutralise_cell(title)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([neutralise_cell(str(h)) for h in header])
    for cell in ws[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=GREEN)
    widths = [len(str(h)) for h in header]
    for row in rows:
        values: list[Any] = []
        for i, v in enumerate(row):
            value = neutralise_cell(v) if isinstance(v, str) else v
            values.append(value)
            shown = v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else str(v)
            widths[i] = max(widths[i], min(len(shown), 48))
        ws.append(values)
        for i, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.cell(row=ws.max_row, column=i + 1).number_format = "DD-MM-YYYY"
            elif isinstance(v, int) and not isinstance(v, bool):
                ws.cell(row=ws.max_row, column=i + 1).number_format = "#,##0"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = "A3"
    path = _atomic_save(wb, dest)
    path.chmod(0o600)
    return path
