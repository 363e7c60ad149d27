"""Spreadsheet imports: header matching, cell coercion and the report data (pure, no files, no clock)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.intake import FIELDS, LABELS
from app.domain.issues import DomainError, Issue
from app.domain.reference import MONTHS_OPTIONS

ROW_LIMIT = 200_000  # rows per import; larger lists are split (a clear message says so)
MAX_CELL_CHARS = 10_000  # no intake field is longer than 250; anything this long is junk
HEADER_SCAN_ROWS = 20  # title rows above the header are common in office spreadsheets
SAMPLE_ROWS = 10
MAX_PROBLEM_ROWS = 500  # rows kept in the report DTO; the XLSX report holds every row
EXCEL_MAX_DIGITS = 15  # Excel keeps 15 significant digits of a number; a typed 16th becomes 0
_EXACT_FLOAT_LIMIT = 2**53  # every integer below this is exactly one double

# Keys a row cannot do without: a file missing one of these columns is refused before any row.
REQUIRED_KEYS = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "alamat",
    "pekerjaan",
    "segmen",
    "penghasilan",
    "program",
)

# Header variants seen in regional-government and partner lists, matched after normalise_header().
ALIASES: dict[str, tuple[str, ...]] = {
    "nik": (
        "NIK KTP",
        "NIK (KTP)",
        "No NIK",
        "Nomor NIK",
        "No. KTP",
        "Nomor KTP",
        "No KTP",
        "NIK e-KTP",
        "Nomor Induk Kependudukan",
        "No. Induk Kependudukan",
        "NIK Peserta",
    ),
    "nama": (
        "Nama Lengkap",
        "Nama Peserta",
        "Nama Pekerja",
        "Nama Tenaga Kerja",
        "Nama Sesuai KTP",
        "Nama (sesuai KTP)",
        "Nama Anggota",
        "Nama Lengkap (sesuai KTP)",
    ),
    "tempat_lahir": ("Tempat Lahir", "Tmp Lahir", "Tmp. Lahir", "Tmpt Lahir", "Tempat Lhr", "Kota Lahir"),
    "tanggal_lahir": (
        "Tanggal Lahir",
        "Tgl Lahir",
        "Tgl. Lahir",
        "Tgl Lhr",
        "Tanggal Lahir (DD/MM/YYYY)",
        "Tanggal Lahir (HH/BB/TTTT)",
        "Tgl Lahir (dd/mm/yyyy)",
    ),
    "jenis_kelamin": (
        "Jenis Kelamin",
        "JK",
        "L/P",
        "Kelamin",
        "Gender",
        "Sex",
        "Jns Kelamin",
        "Jenis Kelamin (L/P)",
    ),
    "nama_ibu": (
        "Nama Ibu",
        "Nama Ibu Kandung",
        "Ibu Kandung",
        "Nama Gadis Ibu Kandung",
        "Nama Ibu Kandung Peserta",
    ),
    "no_hp": (
        "No HP",
        "No. HP",
        "Nomor HP",
        "HP",
        "No Handphone",
        "No. Handphone",
        "Handphone",
        "No Telp",
        "No. Telp",
        "No Telepon",
        "Nomor Telepon",
        "Telepon",
        "No HP/WA",
        "No WA",
        "Nomor WhatsApp",
        "No. HP/WA",
    ),
    "alamat": (
        "Alamat",
        "Alamat Lengkap",
        "Alamat Domisili",
        "Alamat KTP",
        "Alamat Rumah",
        "Alamat Sesuai KTP",
    ),
    "kode_wilayah": (
        "Kode Wilayah",
        "Kode Desa",
        "Kode Kelurahan",
        "Kode Desa/Kelurahan",
        "Kode Wilayah Desa",
        "Kode Kemendagri",
    ),
    "pekerjaan": ("Pekerjaan", "Jenis Pekerjaan", "Profesi", "Kode Pekerjaan", "Pekerjaan/Profesi"),
    "segmen": ("Segmen", "Segmen Peserta", "Segmentasi", "Kategori Peserta"),
    "npp": ("NPP", "No NPP", "Nomor NPP", "Nomor Pendaftaran Perusahaan"),
    "penghasilan": (
        "Penghasilan",
        "Penghasilan per Bulan",
        "Penghasilan/Bulan",
        "Penghasilan Bulanan",
        "Upah",
        "Upah per Bulan",
        "Upah Sebulan",
        "Gaji",
        "Gaji per Bulan",
        "Pendapatan",
        "Pendapatan per Bulan",
    ),
    "program": ("Program", "Program Jaminan", "Program BPJS", "Jenis Program", "Program Kepesertaan"),
    "bulan_bayar": (
        "Bulan Bayar",
        "Bulan Dibayar",
        "Jumlah Bulan",
        "Lama Iuran",
        "Periode Bayar",
        "Jml Bulan",
    ),
    "sumber_dana": ("Sumber Dana", "Sumber Iuran", "Pendanaan", "Sumber Pembiayaan"),
    "kanal": ("Kanal", "Channel", "Saluran"),
    "ahli_waris": ("Ahli Waris", "Nama Ahli Waris"),
}
# Row counters and the columns our own report adds: recognised, and never imported.
IGNORED_HEADERS = (
    "No",
    "No.",
    "No Urut",
    "Nomor Urut",
    "Urut",
    "Baris",
    "Status",
    "Nomor Peserta",
    "Kesalahan",
    "Peringatan",
    "Keterangan",
    "Ket",
)
REPORT_COLUMNS = ("Baris", "Status", "Nomor peserta", "Kesalahan", "Peringatan")

# The hints row under the template's header; a row equal to it is skipped on import.
HINTS: dict[str, str] = {
    "nik": "16 digit; kolom berformat Teks",
    "nama": "sesuai KTP",
    "tempat_lahir": "kota/kabupaten",
    "tanggal_lahir": "HH/BB/TTTT atau TTTT-BB-HH",
    "jenis_kelamin": "L atau P",
    "nama_ibu": "nama ibu kandung",
    "no_hp": "08… atau +62… (boleh kosong)",
    "alamat": "jalan, RT/RW",
    "kode_wilayah": "10 digit desa/kelurahan (boleh kosong)",
    "pekerjaan": "kode P001… atau nama",
    "segmen": "BPU, PU, JAKON, PMI",
    "npp": "wajib untuk PU",
    "penghasilan": "rupiah per bulan, angka",
    "program": "mis. JKK,JKM atau JKK,JKM,JHT",
    "bulan_bayar": "0, 1, 3, 6, atau 12",
    "sumber_dana": "MANDIRI, PEMBERI_KERJA, APBD, CSR",
    "kanal": "LOKET, DESA, PASAR, UKM, ECOMMERCE, EVENT",
    "kelas_risiko": "PU: 1–5 (boleh kosong)",
    "kontrak_bulan": "PMI: lama kontrak, bulan",
    "bulan_berangkat": "PMI: TTTT-BB",
    "jht_pmi": "PMI: nominal JHT (boleh kosong)",
    "jalur_pmi": "PMI: P3MI atau PERSEORANGAN",
    "ahli_waris": "NAMA:HUBUNGAN;… (boleh kosong)",
}

_SPECIAL_TEXT_KEYS = frozenset({"nik", "tanggal_lahir"})  # text that needs more than a trim
_ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}
)
_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
}
_WORD_DATE = re.compile(r"(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")


def normalise_header(text: object) -> str:
    """``"Tgl. Lahir "`` → ``"tgllahir"``: case, spacing and punctuation do not matter."""
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return "".join(c for c in folded if c.isalnum())


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key in FIELDS:
        for variant in (key, LABELS[key], *ALIASES.get(key, ())):
            index.setdefault(normalise_header(variant), key)
    return index


ALIAS_INDEX = _alias_index()
IGNORED_INDEX = frozenset(normalise_header(h) for h in IGNORED_HEADERS)


def header_signature(headers: Iterable[object]) -> str:
    """Identifies a layout of headers (order and spelling aside) to find its saved mapping."""
    names = sorted({n for h in headers if (n := normalise_header(h))})
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def column_letter(index: int) -> str:
    """0 → ``A``, 27 → ``AB``."""
    n, out = index + 1, ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """One column of the file and what it feeds."""

    index: int  # 0-based
    letter: str  # "A"
    header: str
    key: str | None  # the intake key it feeds, or None (ignored)
    source: str  # "explicit" | "saved" | "auto" | "ignored" | "unknown" | "empty"


def parse_mapping_text(text: str) -> tuple[dict[str, str | None], list[Issue]]:
    """``"Nama Lengkap=nama,No. HP=no_hp,Keterangan="`` → header → key (None: ignore the column)."""
    mapping: dict[str, str | None] = {}
    issues: list[Issue] = []
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            issues.append(
                Issue(
                    "mapping",
                    "mapping.format",
                    f"Pemetaan '{part.strip()[:40]}' harus berbentuk JUDUL=kunci.",
                )
            )
            continue
        header, key = part.rsplit("=", 1)
        mapping[header.strip()] = key.strip() or None
    return mapping, issues


def check_mapping(mapping: Mapping[str, str | None]) -> list[Issue]:
    issues = []
    for header, key in mapping.items():
        if key is not None and key not in FIELDS:
            issues.append(
                Issue(
                    "mapping",
                    "mapping.unknown_key",
                    f"Kolom '{str(header)[:40]}' dipetakan ke '{str(key)[:30]}', yang bukan kunci rekaman. "
                    "Kunci yang dikenal: " + ", ".join(FIELDS) + ".",
                )
            )
    return issues


def resolve_columns(
    headers: Sequence[object],
    *,
    explicit: Mapping[str, str | None] | None = None,
    saved: Mapping[str, str | None] | None = None,
) -> tuple[tuple[ColumnInfo, ...], list[Issue]]:
    """Decide which column feeds which key: the officer's mapping, then a saved one, then names.

    Problems that make the file impossible to import (a key fed by two columns, required
    columns missing) are returned as issues; the caller refuses the file with them.
    """
    chosen = {normalise_header(h): k for h, k in (explicit or {}).items()}
    remembered = {normalise_header(h): k for h, k in (saved or {}).items()}
    columns: list[ColumnInfo] = []
    for i, raw in enumerate(headers):
        header = "" if raw is None else " ".join(str(raw).split())
        norm = normalise_header(header)
        if not norm:
            columns.append(ColumnInfo(i, column_letter(i), header, None, "empty"))
        elif norm in chosen:
            key = chosen[norm]
            columns.append(ColumnInfo(i, column_letter(i), header, key, "explicit" if key else "ignored"))
        elif norm in remembered:
            key = remembered[norm]
            columns.append(ColumnInfo(i, column_letter(i), header, key, "saved" if key else "ignored"))
        elif norm in ALIAS_INDEX:
            columns.append(ColumnInfo(i, column_letter(i), header, ALIAS_INDEX[norm], "auto"))
        elif norm in IGNORED_INDEX:
            columns.append(ColumnInfo(i, column_letter(i), header, None, "ignored"))
        else:
            columns.append(ColumnInfo(i, column_letter(i), header, None, "unknown"))
    issues = check_mapping(explicit or {})
    present = {normalise_header(c.header) for c in columns}
    for header in explicit or {}:
        if normalise_header(header) not in present:
            issues.append(
                Issue(
                    "mapping",
                    "mapping.unknown_header",
                    f"Judul kolom '{str(header)[:40]}' pada pemetaan tidak ada di file.",
                )
            )
    by_key: dict[str, list[ColumnInfo]] = {}
    for c in columns:
        if c.key:
            by_key.setdefault(c.key, []).append(c)
    for key, cols in by_key.items():
        if len(cols) > 1:
            names = ", ".join(f"{c.letter} '{c.header[:30]}'" for c in cols)
            issues.append(
                Issue(
                    "mapping",
                    "mapping.duplicate_key",
                    f"Beberapa kolom dipetakan ke '{key}': {names}. Pilih satu, abaikan yang lain.",
                )
            )
    missing = [k for k in REQUIRED_KEYS if k not in by_key]
    if missing:
        issues.append(
            Issue(
                "mapping",
                "mapping.missing",
                "Kolom wajib tidak ditemukan: "
                + ", ".join(missing)
                + '. Petakan judul kolom file ke kunci ini (mis. --map "Nama Lengkap=nama").',
            )
        )
    return tuple(columns), issues


def header_score(values: Sequence[object], explicit: Mapping[str, str | None] | None = None) -> int:
    """How many cells of a row look like headers we know (to find the header row under titles)."""
    chosen = {normalise_header(h) for h in (explicit or {})}
    return sum(1 for v in values if (n := normalise_header(v)) and (n in ALIAS_INDEX or n in chosen))


def mapping_of(columns: Iterable[ColumnInfo]) -> dict[str, str]:
    """The header → key mapping worth saving for the next file with these headers."""
    return {c.header: c.key for c in columns if c.key and c.header}


def is_blank(values: Iterable[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def is_hints_row(cells: Mapping[str, object]) -> bool:
    """The template's hints row (the officer left it in place)."""
    hits = sum(1 for k, v in cells.items() if isinstance(v, str) and HINTS.get(k) == v.strip())
    return hits >= 3


# --- cells ------------------------------------------------------------------------------------------


def excel_serial_date(serial: float, *, epoch_1904: bool = False) -> dt.date | None:
    """An Excel day number to a date (1900 system with its phantom 29 Feb 1900, or 1904)."""
    if serial != serial or serial < 1 or serial > 2_958_465:  # NaN, before 1900, after 9999
        return None
    days = int(serial)
    if epoch_1904:
        return dt.date(1904, 1, 1) + dt.timedelta(days=days)
    if days < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=days)
    return dt.date(1899, 12, 30) + dt.timedelta(days=days)


def _word_date(text: str) -> dt.date | None:
    """``17 Agustus 1945``, ``5-Agt-1990``, ``1 Jan. 2000``."""
    m = _WORD_DATE.fullmatch(text.strip())
    if not m:
        return None
    month = _MONTHS.get(m.group(2).casefold())
    if month is None:
        return None
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _nik_from_number(value: int | float, label: str) -> tuple[str | None, Issue | None, Issue | None]:
    """A NIK cell that holds a number: exact only when no digit can have been lost."""
    lost = Issue(
        "nik",
        "nik.numeric",
        f"NIK tersimpan sebagai angka ({label}); digit terakhirnya bisa hilang atau berubah. "
        "Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.",
    )
    if isinstance(value, float):
        if not value.is_integer() or not 0 < value < _EXACT_FLOAT_LIMIT:
            return None, lost, None
        value = int(value)
    digits = str(value)
    if len(digits) != 16:
        return None, lost, None
    if digits.endswith("0"):
        # Excel keeps 15 significant digits: a NIK typed into a number cell ends in 0.
        return None, lost, None
    return (
        digits,
        None,
        Issue(
            "nik",
            "nik.numeric_cell",
            "NIK tersimpan sebagai angka; sebaiknya format kolom NIK sebagai Teks.",
        ),
    )


def _scientific_nik(text: str) -> Issue | None:
    """``1.61001450890000E+15`` typed or exported as text: 15 digits of a 16-digit NIK survive."""
    if not _SCIENTIFIC.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    significant = len(number.as_tuple().digits)
    if number == number.to_integral_value() and significant >= 16 and len(str(int(number))) == 16:
        return None  # every digit is there; the caller reads it back as an integer
    return Issue(
        "nik",
        "nik.numeric",
        f"NIK tertulis dalam notasi ilmiah ({text[:24]}); digit terakhirnya hilang. "
        "Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.",
    )


@dataclass(slots=True)
class CoercedRow:
    """Cell values turned into what ``validate_intake`` reads, plus what the cells themselves say."""

    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def coerce_cells(cells: Mapping[str, object], *, epoch_1904: bool = False) -> CoercedRow:
    """Spreadsheet cell values (str, int, float, datetime, None) → the intake record's raw values.

    Numbers never silently lose digits (a NIK stored as a number is refused unless exact);
    dates may be date cells, Excel day numbers, ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``17 Agustus 1945``.
    """
    out = CoercedRow()
    for key, value in cells.items():
        if value is None:
            continue
        if isinstance(value, str):
            text = value.strip()
            if not text:
                continue
            if len(text) > MAX_CELL_CHARS:
                out.errors.append(
                    Issue(
                        key,
                        "import.cell_too_long",
                        f"Isi sel '{key}' terlalu panjang ({len(text):,} karakter; paling banyak "
                        f"{MAX_CELL_CHARS:,}).".replace(",", "."),
                    )
                )
                continue
            if text[0] == "#" and text.upper() in _ERROR_VALUES:
                out.errors.append(
                    Issue(
                        key,
                        "import.cell_error",
                        f"Sel '{key}' berisi galat rumus {text.upper()}; perbaiki rumusnya atau isi nilainya.",
                    )
                )
                continue
            value = text
            if key not in _SPECIAL_TEXT_KEYS:
                out.raw[key] = value  # plain text: the intake rules read it as it is
                continue
        if key == "nik":
            if isinstance(value, bool):
                value = str(value)
            if isinstance(value, int | float):
                nik, err, warn = _nik_from_number(
                    value, _cell_text(value) if isinstance(value, int) else f"{value:.14E}"
                )
                if err:
                    out.errors.append(err)
                    continue
                if warn:
                    out.warnings.append(warn)
                value = nik
            elif isinstance(value, str) and (issue := _scientific_nik(value)) is not None:
                out.errors.append(issue)
                continue
            elif isinstance(value, str) and _SCIENTIFIC.fullmatch(value):
                value = str(int(Decimal(value.replace(",", "."))))
        elif key == "tanggal_lahir":
            if isinstance(value, bool):
                value = str(value)
            elif isinstance(value, int | float):
                if isinstance(value, int) and 19000101 <= value <= 21001231:
                    text = str(value)
                    value = f"{text[:4]}-{text[4:6]}-{text[6:]}"
                else:
                    day = excel_serial_date(float(value), epoch_1904=epoch_1904)
                    value = day if day is not None else _cell_text(value)
            elif isinstance(value, str):
                value = _word_date(value) or value
        elif key == "no_hp" and isinstance(value, int | float) and not isinstance(value, bool):
            text = _cell_text(value)
            # A number cell drops the leading 0 of 0812…; 62812… lost its +.
            value = "0" + text if text.startswith("8") else ("+" + text if text.startswith("62") else text)
        elif key in ("penghasilan", "bulan_bayar"):
            pass  # validate_intake reads integers, integral floats and "1.500.000" itself
        elif isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            value = _cell_text(value)
        out.raw[key] = value
    return out


# --- the report -------------------------------------------------------------------------------------


class ImportFileError(DomainError):
    """The file cannot be imported at all (unreadable, wrong sheet, columns missing): nothing changes."""


@dataclass(frozen=True, slots=True)
class Sponsor:
    """A regional budget (APBD) paying for every worker of the import for ``months`` months."""

    name: str
    months: int


def check_sponsor(name: str, months: int | None) -> tuple[Sponsor | None, list[Issue]]:
    clean = " ".join(str(name or "").split())
    issues = []
    if not 3 <= len(clean) <= 100 or not clean.isprintable():
        # The contributions service's rule for sponsor batches, so the payment can follow.
        issues.append(
            Issue("sponsor", "sponsor.name", "Nama penyandang dana 3–100 karakter, mis. Pemkab Ogan Ilir.")
        )
    paid = [m for m in MONTHS_OPTIONS if m > 0]
    if months not in paid:
        issues.append(
            Issue(
                "sponsor",
                "sponsor.months",
                "Lama pendanaan harus " + ", ".join(str(m) for m in paid) + " bulan.",
            )
        )
    if issues:
        return None, issues
    assert months is not None
    return Sponsor(clean, months), []


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What the wizard's first steps show: sheets, headers, sample rows, the suggested mapping."""

    path: str
    file_name: str
    kind: str  # "xlsx" | "csv"
    size: int
    sha256: str
    encoding: str | None  # CSV only: "utf-8", "utf-8-sig", "cp1252", "utf-16"
    delimiter: str | None  # CSV only
    sheets: tuple[str, ...]  # XLSX only (visible sheets, in workbook order)
    sheet: str | None
    header_row: int  # 1-based
    columns: tuple[ColumnInfo, ...]
    mapping_source: str  # "saved" | "auto" | "explicit"
    signature: str
    sample_rows: tuple[tuple[str, ...], ...]  # first data rows as text, in column order
    estimated_rows: int | None
    issues: tuple[Issue, ...]  # mapping problems that stop a validation (missing columns …)
    notes: tuple[Issue, ...]  # findings that do not stop it (merged title cells …)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def mapping(self) -> dict[str, str]:
        return mapping_of(self.columns)

    @property
    def ready(self) -> bool:
        return not self.issues


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What became of one spreadsheet row (``loket enrol``'s JSON shape plus ``row``)."""

    row: int  # the row number the spreadsheet program shows (CSV: the record number)
    index: int  # 0-based among the data rows
    status: str  # "valid" | "enrolled" | "rejected"
    number: str | None = None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    nik: str | None = None  # masked, for the PDF summary

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "row": self.row,
            "status": self.status,
            "number": self.number,
            "errors": [i.as_dict() for i in self.errors],
            "warnings": [i.as_dict() for i in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class CodeCount:
    code: str
    field: str
    count: int
    message: str  # one example message


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The summary of one validation or commit: counts, codes and the first problem rows."""

    file_name: str
    sha256: str
    size: int
    kind: str
    sheet: str | None
    officer: str
    officer_name: str
    branch_code: str
    branch_name: str
    timezone: str
    generated_at: dt.datetime  # UTC
    status: str  # "checked" | "committed" | "refused" (mode all, rows rejected) | "empty"
    mode: str | None  # None for a dry run, "all" or "accepted"
    sponsor: Sponsor | None
    rows: int  # data rows read (blank rows not counted)
    blank_rows: int
    accepted: int  # rows that pass (dry run) or were enrolled (commit)
    rejected: int
    with_warnings: int
    error_counts: tuple[CodeCount, ...]
    warning_counts: tuple[CodeCount, ...]
    problems: tuple[RowOutcome, ...]  # first MAX_PROBLEM_ROWS rows with errors or warnings
    problems_truncated: bool
    enrolled: int = 0
    first_number: str | None = None
    last_number: str | None = None
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.rejected == 0 and self.rows > 0

    @property
    def committed(self) -> bool:
        return self.status == "committed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A commit: the report (with numbers) and what was written."""

    report: ImportReport
    committed: bool
    batch_id: int | None
    enrolled: int
    first_number: str | None
    last_number: str | None
    refusal: Issue | None = None  # why nothing was written


def count_codes(counts: Mapping[str, list[Any]]) -> tuple[CodeCount, ...]:
    """``{code: [count, field, message]}`` → sorted by count, then code."""
    return tuple(
        CodeCount(code, str(v[1]), int(v[0]), str(v[2]))
        for code, v in sorted(counts.items(), key=lambda kv: (-int(kv[1][0]), kv[0]))
    )
