"""The work and contribution terms of an intake record: occupation, segment, income, programmes and
their eligibility and ages, months, funding, channel, the PU risk class and the PMI contract.

One function checks them for every door: ``validate_intake`` (the form, ``loket enrol``, imports,
packages) and the quote (``loket quote``, the live quote on the intake page), so a quote is never
given for what enrolment refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.issues import Issue
from app.domain.messages import msg
from app.domain.months import Month
from app.domain.people import age_on
from app.domain.record_fields import clean_text, parse_int, parse_programmes
from app.domain.reference import (
    CHANNELS,
    FUNDING_SOURCES,
    MONTHS_OPTIONS,
    SEGMENTS,
    Occupation,
    ReferenceData,
)
from app.domain.segment_fields import MIGRANT_SEGMENTS, RISK_CLASS_SEGMENTS

MAX_INCOME = 1_000_000_000  # Rp1 miliar a month: anything above is a typing error
_NPP = re.compile(r"[A-Z0-9]{5,30}")
PMI_ROUTES = ("P3MI", "PERSEORANGAN")
PMI_KEYS = ("kontrak_bulan", "bulan_berangkat", "jht_pmi", "jalur_pmi")
MAX_CONTRACT = 120
DEPARTURE_WINDOW = 24  # months before or after today a departure month may be


@dataclass(frozen=True, slots=True)
class PmiTerms:
    """A migrant worker's placement: contract length, departure month, how placed, chosen JHT."""

    contract_months: int
    departure: Month
    route: str  # P3MI (through a placement agency) or PERSEORANGAN (individual)
    jht_amount: int | None


@dataclass(frozen=True, slots=True)
class Terms:
    """The checked work and contribution terms of an intake record, as enrolment and the quote use them."""

    occupation: Occupation
    segment: str
    npp: str | None
    income: int
    programmes: tuple[str, ...]
    months: int
    funding: str
    channel: str
    risk_class: int | None
    pmi: PmiTerms | None


def _income(raw: Mapping[str, Any], errors: list[Issue]) -> int | None:
    raw_income = raw.get("penghasilan")
    if raw_income is None or str(raw_income).strip() == "":
        errors.append(
            Issue("penghasilan", "penghasilan.required", "Penghasilan per bulan wajib diisi (rupiah).")
        )
        return None
    income = parse_int(raw_income)
    if income is None:
        errors.append(
            Issue(
                "penghasilan", "penghasilan.format", "Penghasilan harus bilangan bulat rupiah, mis. 1500000."
            )
        )
    elif income <= 0:
        errors.append(Issue("penghasilan", "penghasilan.positive", "Penghasilan harus lebih dari 0."))
        return None
    elif income > MAX_INCOME:
        errors.append(
            Issue("penghasilan", "penghasilan.range", "Penghasilan terlalu besar; periksa jumlah digitnya.")
        )
        return None
    return income


def _pmi(raw: Mapping[str, Any], today: dt.date, errors: list[Issue]) -> PmiTerms | None:
    contract = parse_int(raw.get("kontrak_bulan")) if clean_text(raw, "kontrak_bulan") else None
    if contract is None:
        errors.append(
            Issue(
                "kontrak_bulan",
                "kontrak_bulan.required",
                "Lama kontrak kerja PMI wajib diisi (bulan, mis. 24).",
            )
        )
    elif not 1 <= contract <= MAX_CONTRACT:
        errors.append(
            Issue(
                "kontrak_bulan",
                "kontrak_bulan.range",
                msg("Lama kontrak 1–{max_contract} bulan.", max_contract=MAX_CONTRACT),
            )
        )
        contract = None
    departure: Month | None = None
    value = raw.get("bulan_berangkat")
    text = value.strftime("%Y-%m") if isinstance(value, dt.date) else clean_text(raw, "bulan_berangkat")
    if not text:
        errors.append(
            Issue(
                "bulan_berangkat",
                "bulan_berangkat.required",
                "Bulan keberangkatan PMI wajib diisi (TTTT-BB).",
            )
        )
    else:
        try:
            departure = Month.parse(text[:7] if len(text) == 10 else text)
        except ValueError:
            errors.append(
                Issue(
                    "bulan_berangkat",
                    "bulan_berangkat.format",
                    "Bulan keberangkatan ditulis TTTT-BB, mis. 2027-03.",
                )
            )
        else:
            now = Month.of(today)
            if not now.plus(-DEPARTURE_WINDOW) <= departure <= now.plus(DEPARTURE_WINDOW):
                errors.append(
                    Issue(
                        "bulan_berangkat",
                        "bulan_berangkat.range",
                        msg(
                            "Bulan keberangkatan paling jauh {departure_window} bulan dari sekarang.",
                            departure_window=DEPARTURE_WINDOW,
                        ),
                    )
                )
                departure = None
    route = clean_text(raw, "jalur_pmi").upper() or "P3MI"
    if route not in PMI_ROUTES:
        errors.append(Issue("jalur_pmi", "jalur_pmi.value", "Jalur penempatan PMI: P3MI atau PERSEORANGAN."))
    jht: int | None = None
    if clean_text(raw, "jht_pmi"):
        jht = parse_int(raw.get("jht_pmi"))
        if jht is None or jht <= 0:
            errors.append(Issue("jht_pmi", "jht_pmi.format", "Nominal JHT PMI ditulis rupiah, mis. 100000."))
            jht = None
    if contract is None or departure is None or route not in PMI_ROUTES:
        return None
    return PmiTerms(contract, departure, route, jht)


def check_terms(
    raw: Mapping[str, Any],
    *,
    today: dt.date,
    reference: ReferenceData,
    birth: dt.date | None,
    errors: list[Issue],
    warnings: list[Issue],
) -> Terms | None:
    """Check the terms of a record, adding every problem to ``errors`` (and what the officer should
    only know to ``warnings``). Ages are checked when ``birth`` is known."""
    start = len(errors)
    occ_text = clean_text(raw, "pekerjaan")
    occupation = reference.occupations.resolve(occ_text) if occ_text else None
    if not occ_text:
        errors.append(Issue("pekerjaan", "pekerjaan.required", "Pekerjaan wajib dipilih."))
    elif occupation is None:
        errors.append(
            Issue(
                "pekerjaan",
                "pekerjaan.unknown",
                "Pekerjaan tidak ada di daftar (isi kode P001… atau namanya).",
            )
        )

    segmen = clean_text(raw, "segmen").upper()
    rule = reference.eligibility.segments.get(segmen)
    if not segmen:
        errors.append(Issue("segmen", "segmen.required", "Segmen wajib diisi: " + ", ".join(SEGMENTS) + "."))
    elif rule is None:
        errors.append(
            Issue("segmen", "segmen.value", "Segmen tidak dikenal. Pilih: " + ", ".join(SEGMENTS) + ".")
        )

    npp = clean_text(raw, "npp").upper().replace(" ", "") or None
    if rule is not None and npp is not None and not rule.accepts_npp:
        warnings.append(
            Issue(
                "npp",
                "npp.ignored",
                msg("NPP tidak dipakai untuk segmen {segmen}; diabaikan.", segmen=segmen),
            )
        )
        npp = None
    if rule is not None and rule.requires_npp and not npp:
        errors.append(
            Issue("npp", "npp.required", "NPP perusahaan wajib diisi untuk pekerja Penerima Upah (PU).")
        )
    elif npp is not None and not _NPP.fullmatch(npp):
        errors.append(Issue("npp", "npp.format", "NPP hanya boleh berisi huruf dan angka, 5–30 karakter."))

    income = _income(raw, errors)

    programmes, unknown = parse_programmes(raw.get("program", ""))
    if unknown:
        errors.append(
            Issue(
                "program",
                "program.unknown",
                "Program tidak dikenal: "
                + ", ".join(u[:10] for u in unknown[:5])
                + ". Pilih dari JKK, JKM, JHT, JP, JKP.",
            )
        )
    if not programmes and not unknown:
        errors.append(Issue("program", "program.required", "Program wajib dipilih (minimal JKK dan JKM)."))
    elif rule is not None:
        missing = sorted(rule.required - set(programmes))
        if missing:
            errors.append(
                Issue(
                    "program",
                    "program.required_base",
                    "JKK dan JKM selalu wajib; tambahkan " + ", ".join(missing) + ".",
                )
            )
        not_allowed = [p for p in programmes if p not in rule.allowed]
        if not_allowed:
            errors.append(
                Issue(
                    "program",
                    "program.eligibility",
                    msg(
                        "Program {not_allowed} tidak tersedia untuk segmen {segmen}.",
                        not_allowed=", ".join(not_allowed),
                        segmen=segmen,
                    ),
                )
            )
    for code in programmes:
        prule = reference.eligibility.programmes.get(code)
        lacking = sorted(prule.requires - set(programmes)) if prule is not None else []
        if lacking:
            errors.append(
                Issue(
                    "program",
                    "program.requires",
                    msg("Program {code} mensyaratkan {lacking}.", code=code, lacking=", ".join(lacking)),
                )
            )
    _ages(rule, segmen, programmes, birth, today, reference, errors, warnings)

    raw_months = raw.get("bulan_bayar")
    months: int | None = 1
    if raw_months is not None and str(raw_months).strip() != "":
        months = parse_int(raw_months)
        if months not in MONTHS_OPTIONS:
            errors.append(
                Issue("bulan_bayar", "bulan_bayar.value", "Bulan dibayar harus 0, 1, 3, 6, atau 12.")
            )
            months = None

    funding = clean_text(raw, "sumber_dana").upper() or "MANDIRI"
    if funding not in FUNDING_SOURCES:
        errors.append(
            Issue(
                "sumber_dana",
                "sumber_dana.value",
                "Sumber dana harus salah satu: " + ", ".join(FUNDING_SOURCES) + ".",
            )
        )
    channel = clean_text(raw, "kanal").upper() or "LOKET"
    if channel not in CHANNELS:
        errors.append(Issue("kanal", "kanal.value", "Kanal harus salah satu: " + ", ".join(CHANNELS) + "."))

    risk: int | None = None
    if clean_text(raw, "kelas_risiko"):
        risk = parse_int(raw.get("kelas_risiko"))
        if segmen not in RISK_CLASS_SEGMENTS:
            warnings.append(
                Issue(
                    "kelas_risiko", "kelas_risiko.ignored", "Kelas risiko hanya untuk segmen PU; diabaikan."
                )
            )
            risk = None
        elif risk is None or not 1 <= risk <= 5:
            errors.append(Issue("kelas_risiko", "kelas_risiko.value", "Kelas risiko JKK harus 1–5."))
            risk = None

    pmi: PmiTerms | None = None
    if segmen in MIGRANT_SEGMENTS:
        pmi = _pmi(raw, today, errors)
    elif any(clean_text(raw, k) for k in PMI_KEYS):
        warnings.append(
            Issue("kontrak_bulan", "pmi.ignored", "Data kontrak PMI hanya untuk segmen PMI; diabaikan.")
        )

    if len(errors) > start:
        return None
    assert occupation is not None and income is not None and months is not None
    return Terms(occupation, segmen, npp, income, tuple(programmes), months, funding, channel, risk, pmi)


def _ages(
    rule: Any,
    segmen: str,
    programmes: list[str],
    birth: dt.date | None,
    today: dt.date,
    reference: ReferenceData,
    errors: list[Issue],
    warnings: list[Issue],
) -> None:
    """Segment ages, the BPU age above which the officer is warned (unconfirmed value), JP refused at
    or past the year's retirement age (PP 45/2015 art. 15), JKP only under 54 at registration."""
    if birth is None or rule is None:
        return
    age = age_on(birth, today)
    if rule.min_age is not None and age < rule.min_age:
        errors.append(
            Issue(
                "tanggal_lahir",
                "tanggal_lahir.too_young",
                msg(
                    "Usia {age} tahun; segmen {segmen} minimal {min_age} tahun.",
                    age=age,
                    segmen=segmen,
                    min_age=rule.min_age,
                ),
            )
        )
    if rule.max_age is not None and age > rule.max_age:
        errors.append(
            Issue(
                "tanggal_lahir",
                "tanggal_lahir.too_old",
                msg(
                    "Usia {age} tahun; segmen {segmen} maksimal {max_age} tahun.",
                    age=age,
                    segmen=segmen,
                    max_age=rule.max_age,
                ),
            )
        )
    if rule.max_age_warning is not None and age > rule.max_age_warning:
        warnings.append(
            Issue(
                "tanggal_lahir",
                "tanggal_lahir.age_limit",
                msg(
                    "Usia {age} tahun: di atas batas usia pendaftaran {segmen} yang dicatat Loket ({max_age_warning} tahun, belum terkonfirmasi). Periksa ketentuan terbaru sebelum mendaftarkan.",
                    age=age,
                    segmen=segmen,
                    max_age_warning=rule.max_age_warning,
                ),
            )
        )
    for code in programmes:
        prule = reference.eligibility.programmes.get(code)
        if prule is None:
            continue
        retire = prule.retirement_age_in(today.year)
        if retire is not None and age >= retire:
            errors.append(
                Issue(
                    "program",
                    "program.retirement_age",
                    msg(
                        "Program {code} tidak dapat diambil: usia {age} tahun sudah mencapai usia pensiun {retire} tahun (berlaku {year}, PP 45/2015 ps. 15).",
                        code=code,
                        age=age,
                        retire=retire,
                        year=today.year,
                    ),
                )
            )
        if prule.max_age_at_registration is not None and age > prule.max_age_at_registration:
            errors.append(
                Issue(
                    "program",
                    "program.age",
                    msg(
                        "Program {code} hanya untuk pendaftar berusia di bawah {max_age_at_registration} tahun (usia {age}).",
                        code=code,
                        max_age_at_registration=prule.max_age_at_registration + 1,
                        age=age,
                    ),
                )
            )
