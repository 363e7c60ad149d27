"""NIK (Nomor Induk Kependudukan): PP KK CC DDMMYY SSSS, validated by structure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.regions import RegionDirectory

_SEPARATORS = re.compile(r"[\s.\-]")
FIELD = "nik"


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a structurally valid NIK says about its holder and where it was issued."""

    nik: str
    province_code: str
    regency_code: str  # "32.76"
    district_code: str  # "32.76.01"
    province: str
    regency: str | None  # None when the code is not in today's Kemendagri data
    district: str | None
    birth_date: dt.date
    gender: str  # "L" or "P"
    serial: str

    def region_label(self) -> str:
        parts = [p for p in (self.district, self.regency, self.province) if p]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class NikResult:
    """What checking a NIK gives: what it encodes, or why it is not valid."""

    info: NikInfo | None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return self.info is not None and not self.errors


def clean_nik(text: str) -> str:
    return _SEPARATORS.sub("", str(text))


def century_year(yy: int, today: dt.date) -> int:
    """Two-digit birth year to four: not in the future relative to ``today``."""
    return 2000 + yy if yy <= today.year % 100 else 1900 + yy


def parse_nik(text: str, *, today: dt.date, regions: RegionDirectory) -> NikResult:
    """Validate a NIK and decode it. All errors found are returned together."""
    digits = clean_nik(text)
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return NikResult(None, (Issue(FIELD, "nik.format", "NIK harus 16 digit angka."),))

    errors: list[Issue] = []
    warnings: list[Issue] = []
    pp, kk, cc = digits[0:2], digits[2:4], digits[4:6]
    province = regions.province_name(pp)
    if province is None:
        errors.append(Issue(FIELD, "nik.province", msg("Kode provinsi {pp} pada NIK tidak dikenal.", pp=pp)))
    if kk == "00":
        errors.append(Issue(FIELD, "nik.regency", "Kode kabupaten/kota pada NIK tidak boleh 00."))
    if cc == "00":
        errors.append(Issue(FIELD, "nik.district", "Kode kecamatan pada NIK tidak boleh 00."))

    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    gender = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    birth: dt.date | None
    try:
        birth = dt.date(century_year(yy, today), month, day) if day >= 1 else None
    except ValueError:
        birth = None
    if birth is None:
        errors.append(
            Issue(FIELD, "nik.date", "Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang benar.")
        )
    elif birth > today:
        errors.append(Issue(FIELD, "nik.date", "Tanggal lahir pada NIK ada di masa depan."))

    serial = digits[12:]
    if serial == "0000":
        errors.append(Issue(FIELD, "nik.serial", "Nomor urut NIK (4 digit terakhir) tidak boleh 0000."))

    if errors or province is None or birth is None:
        return NikResult(None, tuple(errors))

    regency_code, district_code = f"{pp}.{kk}", f"{pp}.{kk}.{cc}"
    regency = regions.name(regency_code)
    district = regions.name(district_code)
    if regency is None or district is None:
        # Regions split (pemekaran); a NIK keeps the code it was issued with.
        warnings.append(
            Issue(
                FIELD,
                "nik.region_unknown",
                msg(
                    "Kode wilayah {district_code} tidak ada di data Kemendagri terbaru (mungkin kode lama sebelum pemekaran). Pastikan dengan KTP.",
                    district_code=district_code,
                ),
            )
        )
    info = NikInfo(
        nik=digits,
        province_code=pp,
        regency_code=regency_code,
        district_code=district_code,
        province=province,
        regency=regency,
        district=district,
        birth_date=birth,
        gender=gender,
        serial=serial,
    )
    return NikResult(info, (), tuple(warnings))


_NIK_LIKE = re.compile(r"[\d .\-]{16,24}")


def mask_cell(text: str, *, nik_column: bool = False) -> str:
    """A cell of someone's file as shown on screen: the NIK column, and anything NIK-shaped in another
    column (a NIK typed in the wrong place), is masked; everything else is shown as it is."""
    if nik_column or (_NIK_LIKE.fullmatch(text) and len(clean_nik(text)) == 16):
        return mask_nik(text) if text.strip() else text
    return text


def mask_nik(nik: str) -> str:
    """Hide the birth date and gender (digits 7–12): ``317101******0002``."""
    digits = clean_nik(nik)
    if len(digits) != 16:
        return "*" * len(digits)
    return f"{digits[:6]}******{digits[12:]}"
