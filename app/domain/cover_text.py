"""A member's cover in words and dates, the same on every page, paper and command.

"dilindungi s.d. 31 Maret 2027", "menunggak 2 bulan (Januari 2027, Februari 2027) — bayar paling
lambat 15 April 2027 agar tetap aktif", "belum aktif: menunggu iuran pertama".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.cover import CoverKind, CoverOnDate, CoverState, CoverStatus
from app.domain.money import format_rupiah
from app.domain.months import MONTH_NAMES, Month, period_label
from app.domain.workdays import DueDate


def long_date(day: dt.date) -> str:
    """``15 April 2027``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def due_text(due: DueDate) -> str:
    """``15 April 2027``, or ``16 Maret 2027 (15 Maret 2027: Cuti Bersama Idul Fitri)`` when it moved."""
    if not due.moved:
        return long_date(due.actual)
    return f"{long_date(due.actual)} ({long_date(due.nominal)}: {due.moved_because})"


def months_text(months: tuple[Month, ...] | list[Month]) -> str:
    return ", ".join(m.label() for m in months)


@dataclass(frozen=True, slots=True)
class Amounts:
    """Money the words need, priced by the service: what is owed now and what the next payment is."""

    arrears: int = 0
    fines: int = 0
    next_payment: int | None = None


def headline(state: CoverState) -> str:
    """One line: the status and its most important date."""
    if state.status is CoverStatus.NOT_ACTIVE:
        return "Belum aktif: menunggu iuran pertama"
    if state.status is CoverStatus.ENDED:
        ended = state.period.ended_on if state.period else None
        return "Kepesertaan berakhir" + (f" sejak {long_date(ended)}" if ended else "")
    if state.status is CoverStatus.ARREARS:
        months = [a.month for a in state.arrears]
        text = f"Menunggak {len(months)} bulan ({months_text(months)})"
        if state.stay_active_by is not None:
            text += f" — bayar paling lambat {due_text(state.stay_active_by)} agar tetap aktif"
        return text
    until = state.protected_until
    return f"Dilindungi s.d. {long_date(until)}" if until else "Aktif"


def sentences(state: CoverState, amounts: Amounts = Amounts()) -> tuple[str, ...]:
    """The cover explained for the member page, the card page, receipts and ``loket member show``."""
    out = [headline(state) + "."]
    if state.status is CoverStatus.ARREARS:
        if state.protected_until is not None:
            out.append(
                f"Iuran terakhir dibayar untuk {state.paid_through.label() if state.paid_through else '-'}."
            )
        owed = f"Tunggakan {format_rupiah(amounts.arrears)}"
        if amounts.fines:
            owed += f" dan denda keterlambatan {format_rupiah(amounts.fines)} (2% per bulan, ditanggung pemberi kerja)"
        out.append(owed + ".")
        if state.beyond_grace:
            out.append(
                f"Tunggakan lebih dari {state.grace_months} bulan: pemberi kerja menanggung manfaat lebih dulu "
                "sampai tunggakan dan denda dilunasi."
            )
        elif state.stay_active_by is not None:
            out.append("Selama menunggak, manfaat dibayar setelah tunggakan dilunasi.")
    if state.status is CoverStatus.ENDED:
        if state.kind is CoverKind.PACKAGE:
            out.append("Masa perlindungan paket sudah selesai; perpanjang untuk melanjutkan perlindungan.")
        else:
            out.append(
                f"Tunggakan lebih dari {state.grace_months} bulan berturut-turut. Daftar ulang dimulai dari bulan "
                "berjalan; tunggakan lama tidak ditagih."
            )
    if state.next_months and state.next_due is not None:
        what = "Pembayaran panen berikutnya" if not state.schedule.monthly else "Iuran berikutnya"
        text = f"{what}: {period_label(state.next_months, short=Month.label)}"
        if amounts.next_payment is not None:
            text += f", {format_rupiah(amounts.next_payment)}"
        text += f", jatuh tempo {due_text(state.next_due)}."
        out.append(text)
    if not state.schedule.monthly:
        out.append(f"Jadwal bayar: {state.schedule.label()} (perlindungan tetap bersambung setiap bulan).")
    return tuple(out)


def on_date_reason(answer: CoverOnDate) -> str:
    """Why a member was (or was not) protected on a day, for claims."""
    day = long_date(answer.day)
    state = answer.state
    month = Month.of(answer.day)
    if state.status is CoverStatus.NOT_ACTIVE:
        return f"Pada {day} belum menjadi peserta aktif (iuran pertama belum dibayar)."
    if state.status is CoverStatus.ENDED:
        ended = state.period.ended_on if state.period else None
        since = f" sejak {long_date(ended)}" if ended else ""
        return f"Pada {day} kepesertaan sudah berakhir{since}."
    if answer.paid is not None:
        paid = answer.paid
        return f"Iuran {month.label()} dibayar ({paid.receipt_no}, {long_date(paid.paid_on)})."
    if state.kind is CoverKind.PACKAGE:
        return f"{month.label()} di luar masa perlindungan paket yang dibayar."
    if answer.covered:
        return (
            f"Iuran {month.label()} belum dibayar, tetapi tunggakan pada {day} tidak lebih dari "
            f"{state.grace_months} bulan; BPJS membayar manfaat dan pemberi kerja wajib melunasi."
        )
    if answer.conditional and state.beyond_grace:
        return (
            f"Pada {day} tunggakan lebih dari {state.grace_months} bulan: pemberi kerja menanggung manfaat lebih "
            "dulu sampai tunggakan dan denda dilunasi."
        )
    return (
        f"Iuran {month.label()} belum dibayar pada {day}: manfaat dibayar setelah tunggakan dilunasi "
        f"(paling banyak {state.grace_months} bulan)."
    )


OLD_TO_NEW = {"AKTIF": CoverStatus.ACTIVE, "MENUNGGAK": CoverStatus.ARREARS, "NONAKTIF": CoverStatus.ENDED}


def status_changed(old_status: str, old_arrears: int, state: CoverState) -> bool:
    """Whether the cover model of December 2026 answers differently from the old one."""
    if OLD_TO_NEW.get(old_status) is not state.status:
        return True
    return state.status is CoverStatus.ARREARS and old_arrears != len(state.arrears)


def change_reason(old_status: str, old_arrears: int, state: CoverState) -> str:
    """Why the new model's status differs from the one the old model showed."""
    new = state.status
    if new is CoverStatus.NOT_ACTIVE:
        return (
            "Belum ada iuran: kepesertaan dimulai dengan iuran pertama (PP 44/2015 ps. 11); model lama "
            "menghitungnya menunggak."
        )
    if (
        not state.schedule.monthly
        and old_status == "AKTIF"
        and new in (CoverStatus.ARREARS, CoverStatus.ENDED)
    ):
        return (
            "Jadwal saat panen kini jadwal bayar, bukan jadwal perlindungan: bulan di luar musim panen ikut "
            "terutang, dan perlindungan bersambung bila dibayar di muka saat panen."
        )
    if old_status in ("MENUNGGAK", "NONAKTIF") and new is CoverStatus.ACTIVE:
        return "Model lama menghitung tunggakan sebelum jatuh tempo; tidak ada bulan yang lewat jatuh tempo."
    if old_status == "NONAKTIF" and new is CoverStatus.ARREARS:
        if state.stay_active_by is None:
            return "Tunggakan pemberi kerja (PU) tidak pernah dihapus dan dikenai denda 2% per bulan."
        return (
            f"Kepesertaan baru berakhir setelah lebih dari {state.grace_months} bulan berturut-turut lewat jatuh "
            "tempo; bulan berjalan belum jatuh tempo."
        )
    if new is CoverStatus.ARREARS:
        return (
            f"Bulan tertunggak dihitung per program sejak lewat jatuh tempo (hari kerja): {old_arrears} → "
            f"{len(state.arrears)} bulan."
        )
    return f"Status {old_status.lower()} menurut model lama; {headline(state).lower()} menurut model baru."
