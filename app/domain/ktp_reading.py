"""A KTP reading made whole: each field's value and how sure it is, and the card's own cross-check.

The NIK carries its holder's birth date, gender and issuing region; the card prints them again in
words. Where both agree, each confirms the other; where they disagree, both fields are marked unsure
and the check names the one more likely misread. Region names are matched to Kemendagri's own, and
the printed occupation to the occupation list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rapidfuzz import fuzz

from app.domain.ktp_fields import (
    FIELD_LABELS,
    FIELDS,
    Snap,
    clean_line,
    gender,
    name_ok,
    nik_digits,
    parse_printed_date,
    rt_rw,
    snap,
    split_birth,
    street,
)
from app.domain.nik import NikInfo, parse_nik
from app.domain.reference import OccupationList
from app.domain.regions import NEW_PAPUA_PROVINCES, RegionDirectory

SURE = 0.80  # the engine's mean confidence over a line for a field to count as sure
WEAKEST = 0.40  # and no single character below this
SNAP_MIN = 80.0  # a printed name must be this alike (0–100) to a known name to take it
SNAP_SURE = 92.0
FILL_FLOOR = 0.5  # below this a reading is noise: the field is left for the officer, not prefilled


@runtime_checkable
class RegionTree(Protocol):
    """Kemendagri's regions as a tree: the children of a code (None: the provinces), code → name."""

    def children(self, code: str | None) -> Mapping[str, str]: ...


@dataclass(frozen=True, slots=True)
class LineRead:
    """What the engine made of one printed line (the layout's key: ``ttl``, ``kel_desa`` …)."""

    key: str
    text: str
    confidence: float  # 0..1
    weakest: float  # the least sure character, 0..1
    agreed: bool = True  # read several times (the NIK), the readings agreed
    alt: str | None = None  # a second reading from another preparation of the strip, when one was made


@dataclass(frozen=True, slots=True)
class KtpField:
    """One field read from a KTP photo, with how sure the reader is of it."""

    key: str
    value: str
    confidence: float  # 0..1, shown to the officer
    sure: bool
    note: str = ""  # why it is unsure, in Indonesian


@dataclass(frozen=True, slots=True)
class KtpCheck:
    """One cross-check between the NIK and the printed words: agreed, or which field to look at."""

    code: str  # ktp.check.birth_date, ktp.check.gender, ktp.check.region
    ok: bool
    message: str
    fields: tuple[str, ...] = ()  # the fields it casts doubt on, the likelier misread first


@dataclass(frozen=True, slots=True)
class KtpReading:
    """Everything read from one KTP photo, and the intake fields it can prefill."""

    fields: tuple[KtpField, ...]
    checks: tuple[KtpCheck, ...]
    kode_wilayah: str = ""  # the village, when the printed names lead to one
    pekerjaan_code: str = ""
    card_found: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> KtpField:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def unsure(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if not f.sure)

    def prefill(self) -> dict[str, str]:
        """The intake record's keys this reading fills (DESIGN.md's record).

        Empty values and readings too faint to be more than noise (under ``FILL_FLOOR``) are left out.
        """
        v = {f.key: f.value for f in self.fields if f.confidence >= FILL_FLOOR}
        date = parse_printed_date(v.get("tanggal_lahir", ""))
        street, rtrw = v.get("alamat", ""), v.get("rt_rw", "")
        if street and rtrw:
            rt, _, rw = rtrw.partition("/")
            street = f"{street} RT {rt}/RW {rw}"
        out = {
            "nik": v.get("nik", ""),
            "nama": v.get("nama", ""),
            "tempat_lahir": v.get("tempat_lahir", ""),
            "tanggal_lahir": date.isoformat() if date else "",
            "jenis_kelamin": {"LAKI-LAKI": "L", "PEREMPUAN": "P"}.get(v.get("jenis_kelamin", ""), ""),
            "alamat": street,
            "kode_wilayah": self.kode_wilayah,
            "pekerjaan": self.pekerjaan_code,
        }
        return {k: s for k, s in out.items() if s}

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": {
                f.key: {
                    "value": f.value,
                    "confidence": round(f.confidence, 3),
                    "sure": f.sure,
                    "note": f.note,
                }
                for f in self.fields
            },
            "checks": [
                {"code": c.code, "ok": c.ok, "message": c.message, "fields": list(c.fields)}
                for c in self.checks
            ],
            "unsure": list(self.unsure),
            "card_found": self.card_found,
            "prefill": self.prefill(),
        }


class _Builder:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.conf: dict[str, float] = {}
        self.doubts: dict[str, list[str]] = {k: [] for k in FIELDS}

    def put(self, key: str, value: str, line: LineRead | None, *, conf: float | None = None) -> None:
        self.values[key] = value
        self.conf[key] = conf if conf is not None else (line.confidence if line else 0.0)
        if line is None or not value:
            self.doubt(key, "tidak terbaca")
        elif line.confidence < SURE or line.weakest < WEAKEST:
            self.doubt(key, f"terbaca samar ({round(line.confidence * 100)}%)")

    def second_opinion(self, key: str, line: LineRead | None, norm: Callable[[str], str]) -> None:
        """A field read twice must read the same both times; else it is unsure, whatever the confidence."""
        if line is None or line.alt is None or not self.values.get(key):
            return
        other = norm(line.alt)
        if other != self.values[key]:
            self.doubt(key, f"dua pembacaan berbeda (“{self.values[key]}” / “{other}”)")

    def doubt(self, key: str, note: str) -> None:
        if note not in self.doubts[key]:
            self.doubts[key].append(note)

    def fields(self) -> tuple[KtpField, ...]:
        return tuple(
            KtpField(
                k,
                self.values.get(k, ""),
                self.conf.get(k, 0.0),
                not self.doubts[k],
                "; ".join(self.doubts[k]),
            )
            for k in FIELDS
        )


def _strip_word(text: str, word: str) -> str:
    head, _, rest = text.partition(" ")
    return rest if rest and fuzz.ratio(head, word) >= 70 else text


def _take(b: _Builder, key: str, line: LineRead | None, found: Snap | None) -> str | None:
    """Put the known name ``found`` matched to ``line``; None (and the raw text, unsure) when none fits."""
    raw = clean_line(line.text) if line else ""
    if found is None or found.score < SNAP_MIN or (found.score < 100 and found.score - found.runner_up < 4):
        b.put(key, raw, line)
        if raw:
            b.doubt(key, "nama wilayah tidak dikenal")
        return None
    value = found.value.upper()
    b.put(key, value, line, conf=max(line.confidence if line else 0.0, found.score / 100))
    if found.score < SNAP_SURE:
        b.doubt(key, f"mirip “{value}”, periksa")
    elif line is not None and line.confidence < SURE:
        b.doubts[key] = [n for n in b.doubts[key] if not n.startswith("terbaca samar")]
    return found.key


def _places(tree: RegionTree) -> dict[str, str]:
    """Regency and city names without their KABUPATEN/KOTA word: where most people were born."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for province in tree.children(None):
        for code, name in tree.children(province).items():
            plain = " ".join(name.upper().split())
            for word in ("KABUPATEN ", "KOTA ADM. ", "KOTA ADMINISTRASI ", "KOTA "):
                plain = plain.removeprefix(word)
            if plain not in seen:  # Kabupaten and Kota Semarang are one birthplace name
                seen.add(plain)
                out[code] = plain
    return out


def _snap_place(b: _Builder, place: str, tree: RegionTree) -> None:
    """A birthplace one letter away from a regency or city name is marked, naming that name.

    The reading is kept: people are born in towns that are no regency (SOLO is not SOLOK).
    """
    found = snap(place, _places(tree)) if len(place) >= 6 else None
    if found is None or found.value == place or found.score < 85 or found.score - found.runner_up < 4:
        return
    b.doubt("tempat_lahir", f"mirip “{found.value}”, periksa")


def _regions(
    b: _Builder, lines: Mapping[str, LineRead], tree: RegionTree, info: NikInfo | None
) -> tuple[list[str | None], str]:
    """Province, regency and district codes the printed names lead to, and the village code."""
    codes: list[str | None] = []
    parent: str | None = None
    nik_codes = [info.province_code, info.regency_code, info.district_code] if info else [None, None, None]
    for level, key in enumerate(("provinsi", "kabupaten", "kecamatan", "kel_desa")):
        line = lines.get(key)
        text = clean_line(line.text) if line else ""
        if level == 0:
            text = _strip_word(text, "PROVINSI")
        found = None
        if level == 0 or parent is not None:
            found = snap(text, dict(tree.children(parent)))
        if (found is None or found.score < SNAP_MIN) and level < 3 and nik_codes[level] and level > 0:
            # The printed parent was unreadable: look among the NIK's own region's children.
            nik_parent = nik_codes[level - 1]
            found = snap(text, dict(tree.children(nik_parent))) if nik_parent else found
        code = _take(b, key, line, found)
        codes.append(code)
        parent = code
    village = codes.pop() or ""
    return codes, village


def _same_province(nik_pp: str, printed: str) -> bool:
    return nik_pp == printed or (nik_pp in {"91", "92"} and printed in NEW_PAPUA_PROVINCES)


def _suspect(a: str, a_line: LineRead | None, b_key: str, b_line: LineRead | None) -> tuple[str, str]:
    """Of two fields that disagree, the likelier misread first (the less sure reading)."""

    def weight(line: LineRead | None) -> float:
        if line is None:
            return 0.0
        return line.weakest + (0.5 if line.agreed else 0.0)

    return (a, b_key) if weight(a_line) <= weight(b_line) else (b_key, a)


def read_card(
    lines: Mapping[str, LineRead],
    *,
    today: dt.date,
    regions: RegionDirectory,
    tree: RegionTree,
    occupations: OccupationList,
    card_found: bool = True,
) -> KtpReading:
    """Turn the engine's lines into fields, confidences and cross-checks."""
    b = _Builder()
    checks: list[KtpCheck] = []
    nik_line = lines.get("nik")
    nik = nik_digits(nik_line.text) if nik_line else ""
    b.put("nik", nik, nik_line)
    info = None
    if nik:
        parsed = parse_nik(nik, today=today, regions=regions)
        info = parsed.info
        for issue in parsed.errors:
            b.doubt("nik", issue.message)
    if nik_line is not None and not nik_line.agreed:
        b.doubt("nik", "dibaca beberapa kali, hasilnya berbeda")

    name_line = lines.get("nama")
    nama = clean_line(name_line.text) if name_line else ""
    b.put("nama", nama, name_line)
    b.second_opinion("nama", name_line, clean_line)
    if nama and not name_ok(nama):
        b.doubt("nama", "ada tanda yang tidak lazim pada nama")

    ttl = lines.get("ttl")
    place, printed_date = split_birth(ttl.text) if ttl else ("", "")
    b.put("tempat_lahir", place, ttl)
    b.second_opinion("tempat_lahir", ttl, lambda t: split_birth(t)[0])
    _snap_place(b, place, tree)
    b.put("tanggal_lahir", printed_date, ttl)  # checked against the NIK below
    birth = parse_printed_date(printed_date) if printed_date else None
    if printed_date and birth is None:
        b.doubt("tanggal_lahir", "bukan tanggal yang benar")

    jk = lines.get("jenis_kelamin")
    g, g_score = gender(jk.text) if jk else ("", 0.0)
    b.put("jenis_kelamin", {"L": "LAKI-LAKI", "P": "PEREMPUAN"}.get(g, ""), jk, conf=max(g_score / 100, 0.0))
    if g and g_score >= 85 and jk is not None:
        b.doubts["jenis_kelamin"] = [n for n in b.doubts["jenis_kelamin"] if not n.startswith("terbaca")]

    al = lines.get("alamat")
    b.put("alamat", street(al.text) if al else "", al)
    b.second_opinion("alamat", al, street)
    rr = lines.get("rt_rw")
    rr_value = rt_rw(rr.text) if rr else ""
    b.put("rt_rw", rr_value, rr)

    codes, village = _regions(b, lines, tree, info)

    job = lines.get("pekerjaan")
    job_text = clean_line(job.text) if job else ""
    found = snap(job_text, {o.code: o.name for o in occupations.items})
    job_code = ""
    if (
        found is not None
        and found.score >= SNAP_MIN
        and (found.score == 100 or found.score - found.runner_up >= 4)
    ):
        job_code = found.key
        b.put("pekerjaan", found.value, job, conf=max(job.confidence if job else 0.0, found.score / 100))
        if found.score < SNAP_SURE:
            b.doubt("pekerjaan", f"mirip “{found.value}”, periksa")
        else:
            b.doubts["pekerjaan"] = [n for n in b.doubts["pekerjaan"] if not n.startswith("terbaca samar")]
    else:
        b.put("pekerjaan", job_text, job)
        if job_text:
            b.doubt("pekerjaan", "tidak ada di daftar pekerjaan; pilih sendiri")

    # ---- the card checks itself ----------------------------------------------------------------
    if info is None:
        if nik:
            checks.append(
                KtpCheck("ktp.check.nik", False, "NIK tidak sah; periksa NIK dengan KTP.", ("nik",))
            )
    else:
        checks.extend(_check_nik(b, info, birth, g, codes, lines))
    return KtpReading(
        b.fields(), tuple(checks), village, job_code, card_found, {"region_codes": tuple(codes)}
    )


def _check_nik(
    b: _Builder,
    info: NikInfo,
    birth: dt.date | None,
    g: str,
    codes: list[str | None],
    lines: Mapping[str, LineRead],
) -> list[KtpCheck]:
    out: list[KtpCheck] = []
    nik_line = lines.get("nik")
    if birth is not None:
        if birth == info.birth_date:
            out.append(KtpCheck("ktp.check.birth_date", True, "Tanggal lahir cocok dengan NIK."))
        else:
            first, second = _suspect("nik", nik_line, "tanggal_lahir", lines.get("ttl"))
            msg = (
                f"Tanggal lahir pada NIK (digit 7–12) {info.birth_date:%d-%m-%Y} berbeda dengan yang tertulis "
                f"{birth:%d-%m-%Y}; kemungkinan salah baca: {FIELD_LABELS[first]}."
            )
            out.append(KtpCheck("ktp.check.birth_date", False, msg, (first, second)))
            b.doubt("nik", "tanggal lahir tidak cocok")
            b.doubt("tanggal_lahir", "tidak cocok dengan NIK")
    else:
        b.doubt("nik", "tanggal lahir tertulis tidak terbaca untuk pemeriksaan")
    if g:
        if g == info.gender:
            out.append(KtpCheck("ktp.check.gender", True, "Jenis kelamin cocok dengan NIK."))
        else:
            first, second = _suspect("nik", nik_line, "jenis_kelamin", lines.get("jenis_kelamin"))
            word = "perempuan" if info.gender == "P" else "laki-laki"
            msg = (
                f"NIK (digit 7–8) menunjukkan {word}, KTP tertulis {b.values.get('jenis_kelamin', '').lower()}; "
                f"kemungkinan salah baca: {FIELD_LABELS[first]}."
            )
            out.append(KtpCheck("ktp.check.gender", False, msg, (first, second)))
            b.doubt("nik", "jenis kelamin tidak cocok")
            b.doubt("jenis_kelamin", "tidak cocok dengan NIK")
    else:
        b.doubt("nik", "jenis kelamin tertulis tidak terbaca untuk pemeriksaan")
    out.append(_check_region(b, info, codes, lines))
    return out


def _check_region(
    b: _Builder, info: NikInfo, codes: list[str | None], lines: Mapping[str, LineRead]
) -> KtpCheck:
    prov, reg, dist = codes
    levels = (
        ("provinsi", "provinsi", prov, info.province_code, "1–2", info.province),
        ("kabupaten", "kabupaten", reg, info.regency_code, "3–4", info.regency),
        ("kecamatan", "kecamatan", dist, info.district_code, "5–6", info.district),
    )
    for key, band, printed, from_nik, digits, nik_name in levels:
        if printed is None:
            b.doubt("nik", f"{FIELD_LABELS[key].lower()} tertulis tidak terbaca untuk pemeriksaan")
            return KtpCheck(
                "ktp.check.region",
                False,
                f"{FIELD_LABELS[key]} tidak terbaca; wilayah pada NIK belum bisa dicocokkan.",
                (key, "nik"),
            )
        same = _same_province(from_nik, printed) if key == "provinsi" else printed == from_nik
        if not same:
            first, second = _suspect("nik", lines.get("nik"), key, lines.get(band))
            shown = nik_name or f"kode {from_nik}"
            msg = (
                f"NIK (digit {digits}) menunjuk {shown.upper()}, KTP tertulis {b.values.get(key, '')}; "
                f"kemungkinan salah baca: {FIELD_LABELS[first]} (atau NIK terbit di wilayah lain)."
            )
            b.doubt("nik", "wilayah tidak cocok")
            b.doubt(key, "tidak cocok dengan wilayah NIK")
            return KtpCheck("ktp.check.region", False, msg, (first, second))
    return KtpCheck(
        "ktp.check.region", True, "Wilayah NIK cocok dengan provinsi, kabupaten/kota dan kecamatan."
    )
