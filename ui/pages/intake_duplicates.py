"""Duplicates at the intake counter: the NIK already enrolled (refused), and members like the one being
typed (similar name, same birth date and NIK district), compared side by side and saved only with a
supervisor's audited approval. The rule and its verdict are the core's (``enrolment``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.domain.intake import IntakeResult
from app.domain.issues import DomainError
from app.domain.membership import MembershipNumber
from app.domain.nik import clean_nik
from app.services import duplicates, enrolment, members
from app.services.auth import AuthError, PermissionDeniedError
from app.services.dto import EnrolOutcome, NikHolderDTO
from app.services.records_dto import DuplicateCandidateDTO
from ui.dialogs.counter_duplicates import form_values
from ui.i18n import translate
from ui.models import display

if TYPE_CHECKING:
    from ui.pages.intake import IntakePage

# Stand-ins for fields not filled yet, so the likely-duplicate check can run on NIK, name and birth
# date alone (it compares only those; the stand-ins never match a stored member).
_PROBE = {
    "tempat_lahir": "TIDAK DIISI",
    "nama_ibu": "TIDAK DIISI",
    "alamat": "TIDAK DIISI",
    "no_hp": "",
    "kode_wilayah": "",
    "pekerjaan": "P001",
    "segmen": "BPU",
    "npp": "",
    "penghasilan": "1000000",
    "program": "JKK,JKM",
    "bulan_bayar": "1",
    "sumber_dana": "MANDIRI",
    "kanal": "LOKET",
    "ahli_waris": "",
}


class IntakeDuplicates(QObject):
    """The page's duplicate checks; the page's :class:`IntakeFlow` records what they found."""

    def __init__(self, page: IntakePage) -> None:
        super().__init__(page)
        self.page = page
        self.found: tuple[DuplicateCandidateDTO, ...] = ()
        self.key: tuple[str, str, str] | None = None

    def clear(self) -> None:
        self.found = ()
        self.key = None
        self.set_found(())

    def found_on_save(self, found: tuple[DuplicateCandidateDTO, ...]) -> None:
        """The service refused the save as a likely duplicate: compare at once."""
        self.set_found(found)
        probe = self.probe(self.page._run_validation())
        self.key = probe[0] if probe else None
        self.compare()

    def check_nik(self, nik: str) -> None:
        def lookup() -> NikHolderDTO | None:
            return members.nik_holder(self.page.ui.ctx, nik)

        def done(found: NikHolderDTO | None) -> None:
            if clean_nik(self.page.nik.text()) != nik:
                return  # the officer has moved on
            if found is not None:
                self.page.flow.duplicate = found.number
                self.page.banner.show_message(
                    "error",
                    translate(
                        "IntakePage",
                        "NIK ini sudah terdaftar sebagai peserta aktif.\nNomor {number} · {nama}\n"
                        "Terdaftar {date}. Tidak perlu didaftarkan lagi.",
                    ).format(
                        number=MembershipNumber(found.number).grouped(),
                        nama=found.nama,
                        date=display.date(found.registered_at.astimezone().date()),
                    ),
                )
                self.page._validate()

        self.page.ui.runner.run(lookup, on_success=done)

    def probe(self, result: IntakeResult) -> tuple[tuple[str, str, str], dict[str, Any]] | None:
        """The key and record to check, once NIK, name and birth date are filled and valid."""
        bad = {i.field for i in result.errors}
        if (
            self.page._nik_info is None
            or self.page.flow.duplicate is not None
            or bad & {"nik", "nama", "tanggal_lahir"}
        ):
            return None
        raw = self.page.record()
        key = (clean_nik(raw["nik"]), " ".join(raw["nama"].upper().split()), raw["tanggal_lahir"])
        if not all(key):
            return None
        for field in bad:
            if field in _PROBE:
                raw[field] = _PROBE[field]
        if "jenis_kelamin" in bad:
            raw["jenis_kelamin"] = self.page._nik_info.gender
        return key, raw

    def maybe_check(self, result: IntakeResult) -> None:
        probe = self.probe(result)
        key = probe[0] if probe else None
        if key != self.key:
            self.key = None
            self.set_found(())
        if probe is None or key == self.key:
            return
        if QApplication.focusWidget() in (self.page.nik, self.page.nama, self.page.tanggal_lahir):
            return  # still typing there: check when the officer moves on
        key, raw = probe
        self.key = key

        def done(found: tuple[DuplicateCandidateDTO, ...]) -> None:
            if self.key != key or not self.page.flow.editing:
                return  # the officer has changed the name, NIK or birth date since
            self.set_found(found)

        self.page.ui.runner.run(
            lambda: enrolment.find_likely_duplicates(self.page.ui.ctx, self.page.ui.actor, raw),
            on_success=done,
        )

    def set_found(self, found: tuple[DuplicateCandidateDTO, ...]) -> None:
        self.found = tuple(found)
        self.page.flow.likely = len(self.found)
        comparing = self.page.flow.comparing
        self.page.compare_button.setVisible(bool(found) and not comparing)
        if not found or comparing:
            self.page.duplicate_banner.clear()
            return
        who = ", ".join(f"{MembershipNumber(c.number).grouped()} {c.nama}" for c in found[:2])
        more = translate("IntakePage", " dan {n} lainnya").format(n=len(found) - 2) if len(found) > 2 else ""
        self.page.duplicate_banner.show_message(
            "warning",
            translate(
                "IntakePage",
                "Mirip peserta terdaftar: {who}{more}. Nama mirip, tanggal lahir dan kecamatan NIK sama. Bandingkan sebelum menyimpan.",
            ).format(who=who, more=more),
        )

    def compare(self) -> None:
        """The form and the likely duplicates side by side, in place of the form (Esc goes back)."""
        if not self.page.flow.compare():
            return
        region = self.page._nik_info.region_label() if self.page._nik_info else ""
        self.page.duplicate_panel.show_candidates(form_values(self.page.record(), region), self.found)
        self.page.left_stack.setCurrentWidget(self.page.duplicate_panel)
        self.page.duplicate_banner.setVisible(False)  # the comparison says it in full
        self.page.compare_button.setVisible(False)
        # The comparison has its own button: it saves with a supervisor's approval.
        self.page.save_button.setVisible(self.page.flow.save_visible)
        self.page.duplicate_panel.focus_first()

    def back_to_form(self) -> None:
        if self.page.flow.back_to_form():
            self.page.left_stack.setCurrentIndex(0)
            self.page.save_button.setVisible(self.page.flow.save_visible)
            if self.found and self.page.flow.editing:
                self.set_found(self.found)
            if self.page.flow.editing:
                self.page.nama.setFocus()
                self.page.nama.selectAll()

    def save_with_override(self, username: str, password: str, reason: str) -> None:
        if self.page.flow.saving or not self.page.flow.editing:
            return
        raw = self.page.record()
        confirm = self.page.confirm_mismatch.isChecked()
        self.page.flow.saving_started()
        self.page.duplicate_panel.set_busy(True)

        def work() -> EnrolOutcome:
            override = duplicates.supervisor_override(self.page.ui.ctx, username, password, reason)
            return enrolment.enrol_worker(
                self.page.ui.ctx,
                self.page.ui.actor,
                raw,
                confirm_mismatch=confirm,
                override=override,
            )

        def failed(exc: BaseException) -> None:
            self.page.flow.save_failed()
            self.page.duplicate_panel.set_busy(False)
            if isinstance(exc, AuthError):
                self.page.duplicate_panel.show_error("password", display.message(exc.message))
            elif isinstance(exc, PermissionDeniedError):
                self.page.duplicate_panel.show_error(
                    "supervisor",
                    translate("IntakePage", "Akun ini bukan supervisor; persetujuan harus dari supervisor."),
                )
            elif isinstance(exc, DomainError):
                for issue in exc.issues:
                    self.page.duplicate_panel.show_error(issue.field, display.message(issue.message))
            else:
                self.page.duplicate_panel.show_error(
                    "", translate("IntakePage", "Gagal menyimpan; data di formulir tidak hilang. Coba lagi.")
                )

        def saved(outcome: EnrolOutcome) -> None:
            self.page.duplicate_panel.set_busy(False)
            if outcome.status == "enrolled":
                self.page.duplicate_panel.reset()
                self.back_to_form()
            self.page._on_saved(outcome)

        self.page.ui.runner.run(work, on_success=saved, on_error=failed)
