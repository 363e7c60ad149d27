"""What a package from an outreach laptop must prove before anything of it is merged.

- It comes from the branch it names: the key that signed it belongs to that branch code.
- Everything it numbers is that branch's: member numbers carry its prefix, receipts its code,
  card serials one of its members' numbers; nothing points at a member it does not carry.
- Every member with its enrolment passes the same validation as the intake form (on the day it was
  enrolled there), so a package cannot bring in what the counter would have refused.
- Its corrections and deactivations are about its own members, change only identity fields and
  give their reason (their values pass the correction rules when they are applied).

Every problem is reported (up to ``MAX_LISTED`` of each kind) with the record it is about; one
problem refuses the whole package.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from app.domain.intake import validate_intake
from app.domain.issues import Issue
from app.domain.member_merge import CORRECTABLE
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.reference import ReferenceData
from app.domain.regions import RegionDirectory

MAX_LISTED = 20
Parts = Mapping[str, Sequence[Mapping[str, Any]]]


class _Issues:
    def __init__(self) -> None:
        self.items: list[Issue] = []
        self.seen: Counter[str] = Counter()

    def add(self, where: str, code: str, message: str) -> None:
        self.seen[code] += 1
        if self.seen[code] <= MAX_LISTED:
            self.items.append(Issue(where, code, message))

    def summary(self) -> list[Issue]:
        more = [
            Issue("paket", code, msg("… dan {n} masalah {code} lain.", n=n - MAX_LISTED, code=code))
            for code, n in sorted(self.seen.items())
            if n > MAX_LISTED
        ]
        return self.items + more


def provenance_issues(
    source_code: str, source_name: str, key_id: str, key_branch_code: str, key_branch_name: str, parts: Parts
) -> list[Issue]:
    """The package's claimed source against its key and against its own numbers."""
    found = _Issues()
    if key_branch_code != source_code:
        found.add(
            "paket",
            "package.source_key",
            f"Paket mengaku berasal dari {source_code} {source_name[:60]}, tetapi ditandatangani kunci "
            f"{key_id[:16]} milik {key_branch_code} {key_branch_name[:60]}. Paket ditolak.",
        )
    numbers: Counter[str] = Counter()
    for m in parts.get("members.json", ()):
        number = str(m.get("number", ""))
        numbers[number] += 1
        parsed = parse_number(number)
        if isinstance(parsed, MembershipNumber) and parsed.prefix != source_code:
            found.add(
                f"peserta {number}",
                "package.number_prefix",
                f"Nomor peserta {number} berawalan {parsed.prefix}, bukan {source_code} (asal paket): laptop "
                "memberi nomor milik cabang lain. Paket ditolak; periksa kode cabang laptop itu.",
            )
    for number, n in numbers.items():
        if n > 1:
            found.add(
                f"peserta {number}", "package.number_twice", f"Nomor peserta {number} ada {n} kali di paket."
            )
    niks = Counter(str(m.get("nik", "")) for m in parts.get("members.json", ()))
    for m in parts.get("members.json", ()):
        if niks[str(m.get("nik", ""))] > 1:
            found.add(
                f"peserta {m.get('number')}",
                "package.nik_twice",
                f"NIK peserta {m.get('number')} dipakai lebih dari satu peserta di paket.",
            )
    for part in ("heirs.json", "enrolments.json"):
        for row in parts.get(part, ()):
            ref = str(row.get("member", ""))
            if ref not in numbers:
                found.add(
                    f"{part} {ref[:20]}",
                    "package.reference",
                    f"{part}: rekaman untuk peserta {ref[:20]} yang tidak ada di paket.",
                )
    receipt_prefixes = (f"TBI-{source_code}-", f"TBS-{source_code}-")
    for p in parts.get("payments.json", ()):
        receipt = str(p.get("receipt_no", ""))
        if not receipt.startswith(receipt_prefixes):
            found.add(
                f"pembayaran {receipt[:30]}",
                "package.receipt_prefix",
                f"Tanda bukti {receipt[:30]} bukan nomor {source_code}: paket ditolak.",
            )
        if str(p.get("member", "")) not in numbers:
            found.add(
                f"pembayaran {receipt[:30]}",
                "package.reference",
                f"Pembayaran {receipt[:30]} untuk peserta yang tidak ada di paket.",
            )
        amounts = [p.get(k) for k in ("total", "gross_total", "discount_total")]
        if not all(isinstance(a, int) and not isinstance(a, bool) and a >= 0 for a in amounts):
            found.add(
                f"pembayaran {receipt[:30]}", "package.amount", f"Jumlah pembayaran {receipt[:30]} tidak sah."
            )
    for c in parts.get("cards.json", ()):
        serial, member = str(c.get("serial", "")), str(c.get("member", ""))
        if member not in numbers or not serial.startswith(f"{member}-"):
            found.add(
                f"kartu {serial[:30]}",
                "package.card_serial",
                f"Kartu seri {serial[:30]} bukan kartu peserta paket ini.",
            )
    return found.summary()


DEACTIVATION_REASONS = ("MENINGGAL", "LUAR_NEGERI", "DUPLIKAT")
MAX_REASON = 500


def _ref(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _seen(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def change_issues(source_code: str, parts: Parts) -> list[Issue]:
    """The package's corrections and deactivations: about its own members, in a known shape."""
    found = _Issues()
    numbers = {str(m.get("number", "")) for m in parts.get("members.json", ())}
    refs: Counter[tuple[str, Any]] = Counter()
    for c in parts.get("corrections.json", ()):
        ref, member = c.get("ref"), str(c.get("member", ""))
        where = f"koreksi {str(ref)[:12]}"
        refs["koreksi", ref] += 1
        changes = c.get("changes")
        if not _ref(ref) or not _seen(c.get("seen")) or not isinstance(changes, dict) or not changes:
            found.add(
                where, "package.change_shape", f"Koreksi {str(ref)[:12]} di paket tidak berbentuk koreksi."
            )
            continue
        if member not in numbers:
            found.add(
                where,
                "package.reference",
                f"Koreksi {ref} untuk peserta {member[:20]} yang tidak ada di paket.",
            )
        for name, values in changes.items():
            if name not in CORRECTABLE or not isinstance(values, dict):
                found.add(
                    where,
                    "package.change_field",
                    f"Koreksi {ref} mengubah kolom '{str(name)[:30]}' yang tidak dapat dikoreksi.",
                )
            elif not all(
                v is None or (isinstance(v, str) and len(v) <= 250)
                for v in (values.get("old"), values.get("new"))
            ):
                found.add(where, "package.change_value", f"Koreksi {ref}: nilai kolom {name} tidak sah.")
        reason = c.get("reason")
        if not isinstance(reason, str) or not 1 <= len(reason.strip()) <= MAX_REASON:
            found.add(where, "package.change_reason", f"Koreksi {ref} tanpa alasan yang sah.")
    for d in parts.get("deactivations.json", ()):
        ref, member = d.get("ref"), str(d.get("member", ""))
        where = f"penonaktifan {str(ref)[:12]}"
        refs["penonaktifan", ref] += 1
        if not _ref(ref) or not _seen(d.get("seen")) or d.get("reason") not in DEACTIVATION_REASONS:
            found.add(
                where,
                "package.change_shape",
                f"Penonaktifan {str(ref)[:12]} di paket tidak berbentuk penonaktifan.",
            )
            continue
        if member not in numbers:
            found.add(
                where,
                "package.reference",
                f"Penonaktifan {ref} untuk peserta {member[:20]} yang tidak ada di paket.",
            )
        into = d.get("into")
        if (d.get("reason") == "DUPLIKAT") != (into is not None):
            found.add(
                where,
                "package.change_shape",
                f"Penonaktifan {ref}: nomor tujuan hanya untuk duplikat digabung.",
            )
        elif into is not None:
            parsed = parse_number(str(into))
            if not isinstance(parsed, MembershipNumber) or parsed.prefix != source_code:
                found.add(
                    where,
                    "package.number_prefix",
                    f"Penonaktifan {ref} menggabung ke nomor {str(into)[:20]} yang bukan milik {source_code}.",
                )
        if not isinstance(d.get("note", ""), str) or len(str(d.get("note", ""))) > MAX_REASON:
            found.add(where, "package.change_reason", f"Catatan penonaktifan {ref} tidak sah.")
    for (what, ref), n in refs.items():
        if n > 1:
            found.add(
                f"{what} {str(ref)[:12]}",
                "package.change_twice",
                f"{what.capitalize()} {str(ref)[:12]} ada {n} kali di paket.",
            )
    return found.summary()


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def record_issues(parts: Parts, *, regions: RegionDirectory, reference: ReferenceData) -> list[Issue]:
    """Every member and its enrolment through the intake form's own validation."""
    found = _Issues()
    heirs: dict[str, list[Mapping[str, Any]]] = {}
    for h in parts.get("heirs.json", ()):
        heirs.setdefault(str(h.get("member", "")), []).append(h)
    enrolments: dict[str, Mapping[str, Any]] = {}
    for row in parts.get("enrolments.json", ()):
        enrolments.setdefault(str(row.get("member", "")), row)
    for m in parts.get("members.json", ()):
        number = str(m.get("number", ""))
        where = f"peserta {number}"
        e = enrolments.get(number)
        if e is None:
            found.add(where, "package.no_enrolment", f"Peserta {number} di paket tanpa data pendaftarannya.")
            continue
        day = _day(e.get("business_date"))
        if day is None:
            found.add(where, "package.date", f"Tanggal pendaftaran peserta {number} tidak sah.")
            continue
        record = {
            "nik": m.get("nik"),
            "nama": m.get("nama"),
            "tempat_lahir": m.get("tempat_lahir"),
            "tanggal_lahir": m.get("tanggal_lahir"),
            "jenis_kelamin": m.get("jenis_kelamin"),
            "nama_ibu": m.get("nama_ibu"),
            "no_hp": m.get("no_hp"),
            "alamat": m.get("alamat"),
            "kode_wilayah": m.get("kode_wilayah"),
            "pekerjaan": e.get("occupation_code"),
            "segmen": e.get("segment"),
            "npp": e.get("npp"),
            "penghasilan": e.get("income"),
            "program": e.get("programmes"),
            "bulan_bayar": e.get("months_at_enrolment"),
            "sumber_dana": e.get("funding_source"),
            "kanal": e.get("channel"),
            "ahli_waris": ";".join(f"{h.get('nama')}:{h.get('hubungan')}" for h in heirs.get(number, [])),
        }
        result = validate_intake(
            record,
            today=day,
            regions=regions,
            reference=reference,
            confirm_mismatch=bool(e.get("mismatch_confirmed")),
        )
        for issue in result.errors:
            found.add(where, issue.code, f"{issue.field}: {issue.message}")
    return found.summary()
