"""Import headers: the keys and their spellings, matching a sheet's headers to the intake record."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.intake import FIELDS, LABELS
from app.domain.issues import Issue
from app.domain.messages import msg

ROW_LIMIT = 200_000  # rows per import; larger lists are split (a clear message says so)
MAX_CELL_CHARS = 10_000  # no intake field is longer than 250; anything this long is junk
HEADER_SCAN_ROWS = 20  # title rows above the header are common in office spreadsheets
SAMPLE_ROWS = 10
MAX_PROBLEM_ROWS = 500  # rows kept in the report DTO; the XLSX report holds every row
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
                    msg("Pemetaan '{part}' harus berbentuk JUDUL=kunci.", part=part.strip()[:40]),
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


@dataclass(frozen=True, slots=True)
class MappingCheck:
    """The officer's column choices checked: a key fed by two columns, required keys not fed."""

    fed: Mapping[str, tuple[str, ...]]  # key -> the column letters feeding it, in file order

    @property
    def duplicates(self) -> dict[str, tuple[str, ...]]:
        return {k: cols for k, cols in self.fed.items() if len(cols) > 1}

    @property
    def missing(self) -> tuple[str, ...]:
        return missing_keys(self.fed)

    @property
    def ok(self) -> bool:
        return not self.duplicates and not self.missing


def check_choices(choices: Iterable[tuple[str, str | None]]) -> MappingCheck:
    """``(column letter, key or None)`` as chosen column by column, checked the way the import is."""
    fed: dict[str, list[str]] = {}
    for letter, key in choices:
        if key:
            fed.setdefault(key, []).append(letter)
    return MappingCheck({k: tuple(v) for k, v in fed.items()})


def missing_keys(present: Iterable[str]) -> tuple[str, ...]:
    """The required keys no column feeds, in the record's order."""
    have = set(present)
    return tuple(k for k in REQUIRED_KEYS if k not in have)


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
                    msg("Judul kolom '{header}' pada pemetaan tidak ada di file.", header=str(header)[:40]),
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
                    msg(
                        "Beberapa kolom dipetakan ke '{key}': {names}. Pilih satu, abaikan yang lain.",
                        key=key,
                        names=names,
                    ),
                )
            )
    missing = missing_keys(by_key)
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
