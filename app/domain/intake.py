"""The intake record: one schema for the form, ``loket enrol --json``, imports and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.nik import NikInfo, parse_nik
from app.domain.people import check_name, normalise_phone
from app.domain.record_fields import clean_text as _text
from app.domain.record_fields import parse_date
from app.domain.reference import (
    RELATIONSHIPS,
    ReferenceData,
)
from app.domain.regions import RegionDirectory
from app.domain.terms import PmiTerms, check_terms

FIELDS = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "no_hp",
    "alamat",
    "kode_wilayah",
    "pekerjaan",
    "segmen",
    "npp",
    "penghasilan",
    "program",
    "bulan_bayar",
    "sumber_dana",
    "kanal",
    "kelas_risiko",
    "kontrak_bulan",
    "bulan_berangkat",
    "jht_pmi",
    "jalur_pmi",
    "ahli_waris",
)
LABELS = {
    "nik": "NIK",
    "nama": "Nama lengkap",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin",
    "nama_ibu": "Nama ibu kandung",
    "no_hp": "Nomor HP",
    "alamat": "Alamat",
    "kode_wilayah": "Kode wilayah (desa/kelurahan)",
    "pekerjaan": "Pekerjaan",
    "segmen": "Segmen",
    "npp": "NPP (nomor pendaftaran perusahaan)",
    "penghasilan": "Penghasilan per bulan",
    "program": "Program",
    "bulan_bayar": "Bulan dibayar",
    "sumber_dana": "Sumber dana",
    "kanal": "Kanal",
    "kelas_risiko": "Kelas risiko JKK (PU)",
    "kontrak_bulan": "Lama kontrak PMI (bulan)",
    "bulan_berangkat": "Bulan berangkat PMI",
    "jht_pmi": "Nominal JHT PMI per bulan",
    "jalur_pmi": "Jalur penempatan PMI",
    "ahli_waris": "Ahli waris",
}
MAX_ADDRESS = 250
MAX_HEIRS = 10

# Warnings that stop a save until the officer confirms them (``--confirm-mismatch``).
CONFIRMABLE = frozenset({"nik.birth_date_mismatch", "nik.gender_mismatch"})


@dataclass(frozen=True, slots=True)
class Heir:
    """One heir (ahli waris) on the intake record: name and relationship."""

    nama: str
    hubungan: str


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    """A fully validated intake record, normalised for storage."""

    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    nama_ibu: str
    no_hp: str | None
    alamat: str
    kode_wilayah: str | None  # dotted village code
    pekerjaan: str  # occupation code
    segmen: str
    npp: str | None
    penghasilan: int
    program: tuple[str, ...]  # in PROGRAMMES order
    bulan_bayar: int
    sumber_dana: str
    kanal: str
    ahli_waris: tuple[Heir, ...]
    nik_info: NikInfo
    kelas_risiko: int | None = None  # PU: the company's JKK risk class
    pmi: PmiTerms | None = None

    def as_dict(self) -> dict[str, Any]:
        """The record in the shared schema (the shape ``loket enrol --json`` reads)."""
        return {
            "nik": self.nik,
            "nama": self.nama,
            "tempat_lahir": self.tempat_lahir,
            "tanggal_lahir": self.tanggal_lahir.isoformat(),
            "jenis_kelamin": self.jenis_kelamin,
            "nama_ibu": self.nama_ibu,
            "no_hp": self.no_hp,
            "alamat": self.alamat,
            "kode_wilayah": self.kode_wilayah,
            "pekerjaan": self.pekerjaan,
            "segmen": self.segmen,
            "npp": self.npp,
            "penghasilan": self.penghasilan,
            "program": ",".join(self.program),
            "bulan_bayar": self.bulan_bayar,
            "sumber_dana": self.sumber_dana,
            "kanal": self.kanal,
            "kelas_risiko": self.kelas_risiko,
            "kontrak_bulan": self.pmi.contract_months if self.pmi else None,
            "bulan_berangkat": str(self.pmi.departure) if self.pmi else None,
            "jht_pmi": self.pmi.jht_amount if self.pmi else None,
            "jalur_pmi": self.pmi.route if self.pmi else None,
            "ahli_waris": ";".join(f"{h.nama}:{h.hubungan}" for h in self.ahli_waris),
        }


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What checking an intake form gives: the clean record, or the errors that stop the save."""

    record: IntakeRecord | None
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return self.record is not None and not self.errors


@dataclass(slots=True)
class _Findings:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def err(self, key: str, code: str, message: str) -> None:
        self.errors.append(Issue(key, code, message))


def parse_heirs(value: Any) -> tuple[list[Heir], list[Issue]]:
    """``NAMA:HUBUNGAN;…`` or a list of ``{"nama", "hubungan"}`` objects."""
    issues: list[Issue] = []
    pairs: list[tuple[str, str]] = []
    if value is None or value == "":
        return [], []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                pairs.append((str(item.get("nama", "")), str(item.get("hubungan", ""))))
            else:
                pairs.append(tuple(str(item).split(":", 1)) if ":" in str(item) else (str(item), ""))  # type: ignore[arg-type]
    else:
        for part in str(value).split(";"):
            if not part.strip():
                continue
            if ":" not in part:
                issues.append(
                    Issue(
                        "ahli_waris",
                        "ahli_waris.format",
                        "Tulis ahli waris sebagai NAMA:HUBUNGAN, dipisah titik koma (;).",
                    )
                )
                continue
            nama, hub = part.split(":", 1)
            pairs.append((nama, hub))
    if len(pairs) > MAX_HEIRS:
        issues.append(
            Issue(
                "ahli_waris",
                "ahli_waris.count",
                msg("Ahli waris paling banyak {max_heirs} orang.", max_heirs=MAX_HEIRS),
            )
        )
        return [], issues
    heirs: list[Heir] = []
    for nama, hub in pairs:
        name, name_issues = check_name("ahli_waris", nama, label="Nama ahli waris")
        for i in name_issues:
            issues.append(Issue("ahli_waris", i.code.replace("ahli_waris.", "ahli_waris.nama_"), i.message))
        rel = hub.strip().upper().replace(" ", "_")
        if rel not in RELATIONSHIPS:
            issues.append(
                Issue(
                    "ahli_waris",
                    "ahli_waris.hubungan",
                    f"Hubungan ahli waris '{hub.strip()[:30]}' tidak dikenal. Pilih: "
                    + ", ".join(RELATIONSHIPS)
                    + ".",
                )
            )
        elif name:
            heirs.append(Heir(name, rel))
    return heirs, issues


def validate_intake(
    raw: Mapping[str, Any],
    *,
    today: dt.date,
    regions: RegionDirectory,
    reference: ReferenceData,
    confirm_mismatch: bool = False,
) -> IntakeResult:
    """Check a whole record and report every problem at once.

    Disagreements between the NIK and the typed birth date or gender are warnings; until the
    officer confirms them (``confirm_mismatch``) they are also reported as errors so nothing
    is saved by accident.
    """
    f = _Findings()

    unknown_keys = sorted(k for k in raw if k not in FIELDS and not str(k).startswith("_"))
    for k in unknown_keys[:5]:
        f.warnings.append(
            Issue(str(k)[:40], "record.unknown_key", msg("Kolom '{k}' tidak dikenal.", k=str(k)[:40]))
        )

    # --- identity -------------------------------------------------------------------------
    nik_text = _text(raw, "nik")
    nik_info: NikInfo | None = None
    if not nik_text:
        f.err("nik", "nik.required", "NIK wajib diisi.")
    else:
        res = parse_nik(nik_text, today=today, regions=regions)
        f.errors.extend(res.errors)
        f.warnings.extend(res.warnings)
        nik_info = res.info

    nama, issues = check_name("nama", _text(raw, "nama"), label="Nama lengkap")
    f.errors.extend(issues)
    nama_ibu, issues = check_name("nama_ibu", _text(raw, "nama_ibu"), label="Nama ibu kandung")
    f.errors.extend(issues)

    tempat = _text(raw, "tempat_lahir").upper()
    if not tempat:
        f.err("tempat_lahir", "tempat_lahir.required", "Tempat lahir wajib diisi.")
    elif len(tempat) > 60:
        f.err("tempat_lahir", "tempat_lahir.length", "Tempat lahir paling banyak 60 karakter.")
    elif not all(c.isalpha() or c in " '.,-/()" for c in tempat):
        f.err("tempat_lahir", "tempat_lahir.chars", "Tempat lahir hanya boleh berisi huruf dan tanda baca.")

    birth: dt.date | None = None
    raw_birth = raw.get("tanggal_lahir")
    if raw_birth is None or str(raw_birth).strip() == "":
        f.err("tanggal_lahir", "tanggal_lahir.required", "Tanggal lahir wajib diisi.")
    else:
        birth = parse_date(raw_birth)
        if birth is None:
            f.err(
                "tanggal_lahir",
                "tanggal_lahir.format",
                "Tanggal lahir tidak dikenali. Tulis TTTT-BB-HH (mis. 1990-08-17) atau HH/BB/TTTT.",
            )
        elif birth > today:
            f.err("tanggal_lahir", "tanggal_lahir.future", "Tanggal lahir tidak boleh di masa depan.")
            birth = None
        elif birth.year < 1900:
            f.err("tanggal_lahir", "tanggal_lahir.range", "Tanggal lahir terlalu lampau.")
            birth = None

    gender = _text(raw, "jenis_kelamin").upper()
    gender = {"LAKI-LAKI": "L", "PEREMPUAN": "P", "M": "L", "F": "P"}.get(gender, gender)
    if not gender:
        f.err("jenis_kelamin", "jenis_kelamin.required", "Jenis kelamin wajib diisi (L atau P).")
    elif gender not in ("L", "P"):
        f.err("jenis_kelamin", "jenis_kelamin.value", "Jenis kelamin harus L (laki-laki) atau P (perempuan).")
        gender = ""

    if nik_info is not None:
        if birth is not None and birth != nik_info.birth_date:
            issue = Issue(
                "tanggal_lahir",
                "nik.birth_date_mismatch",
                msg(
                    "Tanggal lahir {birth} berbeda dengan NIK ({birth_date}). Periksa KTP lalu konfirmasi bila memang benar.",
                    birth=format(birth, "%d-%m-%Y"),
                    birth_date=format(nik_info.birth_date, "%d-%m-%Y"),
                ),
            )
            (f.warnings if confirm_mismatch else f.errors).append(issue)
        if gender and gender != nik_info.gender:
            issue = Issue(
                "jenis_kelamin",
                "nik.gender_mismatch",
                msg(
                    "Jenis kelamin {gender} berbeda dengan NIK ({gender2}). Periksa KTP lalu konfirmasi bila memang benar.",
                    gender=gender,
                    gender2=nik_info.gender,
                ),
            )
            (f.warnings if confirm_mismatch else f.errors).append(issue)

    # --- contact and address ----------------------------------------------------------------
    phone: str | None = None
    phone_text = _text(raw, "no_hp")
    if phone_text:
        phone, issues = normalise_phone("no_hp", phone_text)
        f.errors.extend(issues)

    alamat = _text(raw, "alamat").upper()
    if not alamat:
        f.err("alamat", "alamat.required", "Alamat wajib diisi (jalan, RT/RW).")
    elif len(alamat) > MAX_ADDRESS:
        f.err(
            "alamat",
            "alamat.length",
            msg("Alamat paling banyak {max_address} karakter.", max_address=MAX_ADDRESS),
        )
    elif not alamat.isprintable():
        f.err("alamat", "alamat.chars", "Alamat berisi karakter yang tidak dapat dicetak.")

    kode_wilayah: str | None = None
    kw_text = _text(raw, "kode_wilayah")
    if kw_text:
        village = regions.village(kw_text)
        if village is None:
            f.err(
                "kode_wilayah",
                "kode_wilayah.unknown",
                "Kode wilayah desa/kelurahan tidak ditemukan (10 digit, mis. 32.76.01.1001).",
            )
        else:
            kode_wilayah = village.code

    # --- work and contribution terms: the same check as the quote's -------------------------------
    terms = check_terms(
        raw, today=today, reference=reference, birth=birth, errors=f.errors, warnings=f.warnings
    )

    heirs, issues = parse_heirs(raw.get("ahli_waris"))
    f.errors.extend(issues)

    if f.errors:
        return IntakeResult(None, tuple(f.errors), tuple(f.warnings))
    assert nik_info is not None and nama and nama_ibu and birth and terms is not None
    record = IntakeRecord(
        nik=nik_info.nik,
        nama=nama,
        tempat_lahir=tempat,
        tanggal_lahir=birth,
        jenis_kelamin=gender,
        nama_ibu=nama_ibu,
        no_hp=phone,
        alamat=alamat,
        kode_wilayah=kode_wilayah,
        pekerjaan=terms.occupation.code,
        segmen=terms.segment,
        npp=terms.npp,
        penghasilan=terms.income,
        program=terms.programmes,
        bulan_bayar=terms.months,
        sumber_dana=terms.funding,
        kanal=terms.channel,
        ahli_waris=tuple(heirs),
        nik_info=nik_info,
        kelas_risiko=terms.risk_class,
        pmi=terms.pmi,
    )
    return IntakeResult(record, (), tuple(f.warnings))
