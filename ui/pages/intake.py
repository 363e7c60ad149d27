"""Pendaftaran: the intake form, in the order a trained officer types a KTP, keyboard only.

Beside the form: the live contribution quote and likely-duplicate warnings; after saving, the first
payment and the card and receipts (Ctrl+P).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.intake import IntakeResult, validate_intake
from app.domain.nik import NikInfo, clean_nik, parse_nik
from app.services import enrolment
from app.services.dto import EnrolOutcome
from app.services.intake_flow import IntakeFlow, Show
from ui.context import UiContext
from ui.day_guard import ClosedDayGuard
from ui.dialogs.counter_duplicates import DuplicatePanel
from ui.i18n import translate
from ui.models import display
from ui.pages.intake_after import IntakeAfterSave
from ui.pages.intake_duplicates import IntakeDuplicates
from ui.pages.intake_form import IntakeForm
from ui.pages.intake_keys import IntakeKeys
from ui.pages.intake_ktp import KtpReader
from ui.pages.intake_quote import IntakeQuote
from ui.pages.intake_side import IntakeSide


class IntakePage(QWidget):
    """The counter's main screen. Enter moves on, Ctrl+S saves, Ctrl+N starts the next worker."""

    enrolled = Signal(object)  # MemberDTO
    nav_label = QT_TRANSLATE_NOOP("IntakePage", "Pendaftaran")
    shortcut = "F2"
    help_shortcuts = (
        (
            "Enter",
            QT_TRANSLATE_NOOP(
                "IntakePage", "pindah ke kolom berikutnya (kolom yang terisi dari NIK dilewati)"
            ),
        ),
        ("Ctrl+S", QT_TRANSLATE_NOOP("IntakePage", "simpan pendaftaran")),
        ("Ctrl+N", QT_TRANSLATE_NOOP("IntakePage", "peserta berikutnya (formulir kosong)")),
        ("Ctrl+B", QT_TRANSLATE_NOOP("IntakePage", "terima pembayaran (Enter lagi untuk mencatat)")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("IntakePage", "cetak kartu dan tanda terima")),
        ("Ctrl+D", QT_TRANSLATE_NOOP("IntakePage", "bandingkan data dengan peserta yang mirip")),
        (
            "Ctrl+K",
            QT_TRANSLATE_NOOP(
                "IntakePage", "baca KTP: kamera, berkas, folder pemindai, tempel, atau seret gambar"
            ),
        ),
    )

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.flow = IntakeFlow()  # the step, what is open, which errors show (Qt-free)
        self._nik_info: NikInfo | None = None
        self._last_occupation = "P001"
        self._validate_timer = QTimer(self, singleShot=True, interval=120)
        self._validate_timer.timeout.connect(self._validate)
        self._build()
        self._wire()
        self.reset()
        self.day_guard = ClosedDayGuard(ui, self)
        self.day_guard.changed.connect(self._on_day_changed)
        self.day_guard.check()
        self.quote.load()

    # ---- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        outer.setSpacing(16)
        self.form = IntakeForm(self.ui)
        self.duplicate_panel = DuplicatePanel()
        self.left_stack = QStackedWidget()
        self.left_stack.setObjectName("intakeLeft")
        self.left_stack.addWidget(self.form)
        self.left_stack.addWidget(self.duplicate_panel)
        outer.addWidget(self.left_stack, 1)
        self.side = IntakeSide(self.ui)
        outer.addWidget(self.side)
        self._alias_parts()
        self.duplicates = IntakeDuplicates(self)
        self.sync_gate.guard(self.ktp_button)
        # A frozen laptop's save looks as refused as it is; the flow weighs it with a closed day.
        self.sync_gate.frozen_changed.connect(self._on_frozen_changed)

        self.keys = IntakeKeys(self.form, self.side, self.flow, self._validate)  # Tab order, Enter
        self.quote = IntakeQuote(self.ui, self.side.quote_panel, self.form.terms, self.record, self._today)
        self.after = IntakeAfterSave(self.ui, self, self.side, self.flow)  # payment and printing

    def _alias_parts(self) -> None:
        """The parts' widgets under the page's own names (wiring, the KTP reader, drafts and tests)."""
        f, side = self.form, self.side
        self.sync_gate, self.rows, self.nik_row, self.terms = f.sync_gate, f.rows, f.nik_row, f.terms
        self.nik, self.nama, self.tempat_lahir, self.tanggal_lahir = (
            f.nik,
            f.nama,
            f.tempat_lahir,
            f.tanggal_lahir,
        )
        self.jenis_kelamin, self.nama_ibu, self.no_hp, self.alamat = (
            f.jenis_kelamin,
            f.nama_ibu,
            f.no_hp,
            f.alamat,
        )
        self.kode_wilayah, self.pekerjaan, self.segmen, self.npp = (
            f.kode_wilayah,
            f.pekerjaan,
            f.segmen,
            f.npp,
        )
        self.penghasilan, self.bulan_bayar, self.sumber_dana = f.penghasilan, f.bulan_bayar, f.sumber_dana
        self.kanal, self.ahli_waris, self.programmes = f.kanal, f.ahli_waris, f.programmes
        self.confirm_mismatch = f.confirm_mismatch
        self.ktp_button, self.day_banner, self.banner, self.summary = (
            side.ktp_button,
            side.day_banner,
            side.banner,
            side.summary,
        )
        self.success, self.success_number, self.success_name = (
            side.success,
            side.success_number,
            side.success_name,
        )
        self.duplicate_banner, self.compare_button = side.duplicate_banner, side.compare_button
        self.quote_panel, self.payment_panel, self.print_button = (
            side.quote_panel,
            side.payment_panel,
            side.print_button,
        )
        self.save_button, self.next_button = side.save_button, side.next_button

    def _wire(self) -> None:
        self.form.watch(self._on_field_edited, self._on_field_left)
        self.nik.textEdited.connect(self._on_nik_edited)
        self.segmen.currentIndexChanged.connect(self.form.apply_segment)
        self.penghasilan.editingFinished.connect(self.form.reformat_income)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.reset)
        self.ktp = KtpReader(self)  # Ctrl+K, drops on the page
        self.ktp_button.clicked.connect(self.ktp.capture)
        QShortcut(
            QKeySequence("Ctrl+S"), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(
            QKeySequence("Ctrl+N"), self, self.reset, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+P"), self, self.after.print_documents, context=within)
        QShortcut(QKeySequence("Ctrl+B"), self, self.payment_panel.pay, context=within)
        QShortcut(QKeySequence("Ctrl+D"), self, self.show_duplicates, context=within)
        self.compare_button.clicked.connect(self.show_duplicates)
        self.duplicate_panel.back_requested.connect(self.duplicates.back_to_form)
        self.duplicate_panel.open_member_requested.connect(self.ui.bus.member_requested)
        self.duplicate_panel.override_requested.connect(self.duplicates.save_with_override)

    @property
    def _saving(self) -> bool:
        return self.flow.saving

    @property
    def _autofilled(self) -> dict[str, str]:
        return self.flow.autofilled

    # ---- reactions ----------------------------------------------------------------------------
    def _on_field_edited(self, *_: Any) -> None:
        if not self.flow.editing and not self.flow.saving:
            return
        self._validate_timer.start()

    def _on_field_left(self) -> None:
        sender = self.sender()
        if isinstance(sender, QLineEdit) and isinstance(sender.parent(), QComboBox):
            sender = sender.parent()
        if isinstance(sender, QWidget):
            key = sender.objectName().removeprefix("field_")
            if key in self.rows:
                self.flow.left(key)
        self._validate_timer.start()

    def _today(self) -> dt.date:
        return business_date(self.ui.ctx.clock(), self.ui.branch.timezone)

    def _on_nik_edited(self, text: str) -> None:
        digits = clean_nik(text)
        self.flow.nik_edited()
        self.banner.clear()
        if len(digits) < 16:
            self._nik_info = None
            self.nik_row.set_hint("")
            if len(digits) > 16:
                self.flow.left("nik")
            return
        self.flow.left("nik")
        res = parse_nik(digits, today=self._today(), regions=self.ui.ctx.regions)
        self._nik_info = res.info
        if res.info is None:
            self.nik_row.set_hint("")
            return
        info = res.info
        gender = (
            translate("IntakePage", "Perempuan")
            if info.gender == "P"
            else translate("IntakePage", "Laki-laki")
        )
        derived = translate("IntakePage", "Lahir {birth_date} · {gender} · {region_label}").format(
            birth_date=display.date(info.birth_date), gender=gender, region_label=info.region_label()
        )
        if res.warnings:
            derived += f"\n⚠ {display.message(res.warnings[0].message)}"
        self.nik_row.set_hint(derived, role="warning" if res.warnings else "derived")
        self.form.autofill(info, self.flow.autofilled)
        self.form.load_villages(info.district_code)
        self.duplicates.check_nik(info.nik)

    def record(self) -> dict[str, Any]:
        """The form as an intake record (DESIGN.md's keys)."""
        return self.form.record()

    def _run_validation(self) -> IntakeResult:
        return validate_intake(
            self.record(),
            today=self._today(),
            regions=self.ui.ctx.regions,
            reference=self.ui.ctx.reference,
            confirm_mismatch=self.confirm_mismatch.isChecked(),
        )

    def _validate(self) -> IntakeResult:
        result = self._run_validation()
        flow = self.flow
        needs = flow.needs_mismatch_confirmation((*result.errors, *result.warnings))
        self.confirm_mismatch.setVisible(needs or self.confirm_mismatch.isChecked())
        for key, row in self.rows.items():
            shows, message = flow.field_shows(key, result.errors, result.warnings)
            row.set_error(display.message(message) if message else None, warning=shows is Show.WARNING)
        self._refresh_save()
        if flow.editing:
            self.side.show_summary(*flow.summary(result.errors, result.ok))
            self.quote.refresh()
            self.duplicates.maybe_check(result)
        return result

    def show_duplicates(self) -> None:
        """Ctrl+D: the form and the likely duplicates side by side, in place of the form."""
        self.duplicates.compare()

    # ---- actions -----------------------------------------------------------------------------
    def save(self) -> None:
        flow = self.flow
        if flow.saving or not flow.editing or flow.day_closed:
            return
        flow.frozen = self.sync_gate.frozen
        if not flow.start_save():
            self.sync_gate.action.setFocus()  # frozen: the gate says why and how to sync
            return
        result = self._validate()
        if flow.duplicate:
            self.nik.setFocus()
            return
        if not result.ok:
            first = next((i.field for i in result.errors if i.field in self.rows), None)
            if first:
                self.rows[first].editor.setFocus()
            self.banner.show_message(
                "error", translate("IntakePage", "Belum bisa disimpan: perbaiki kolom yang ditandai merah.")
            )
            return
        raw = self.record()
        confirm = self.confirm_mismatch.isChecked()
        flow.saving_started()
        self.save_button.setEnabled(False)
        self.save_button.setText(translate("IntakePage", "Menyimpan…"))
        self.banner.clear()
        self.ui.runner.run(
            lambda: enrolment.enrol_worker(self.ui.ctx, self.ui.actor, raw, confirm_mismatch=confirm),
            on_success=self._on_saved,
            on_error=self._on_save_failed,
        )

    def _on_saved(self, outcome: EnrolOutcome) -> None:
        self.flow.save_failed()  # not saving any more; saved only below, once enrolled
        self.save_button.setText(translate("IntakePage", "Simpan  (Ctrl+S)"))
        if outcome.status != "enrolled" or outcome.member is None:
            if any(i.code.startswith("day.") for i in outcome.errors):
                self.day_guard.check()  # closed meanwhile (another counter's supervisor): the banner says so
            self.save_button.setEnabled(not self.flow.day_closed)
            for issue in outcome.errors:
                if issue.field in self.rows:
                    self.rows[issue.field].set_error(display.message(issue.message))
            if outcome.existing_number:
                self.flow.duplicate = outcome.existing_number
            text = "\n".join(display.message(i.message) for i in outcome.errors) or translate(
                "IntakePage", "Data ditolak."
            )
            likely = outcome.extra.get("likely_duplicates")
            if likely:
                text = translate(
                    "IntakePage", "Data mirip peserta yang sudah terdaftar: lihat perbandingan di kiri."
                )
            self.banner.show_message(
                "error", translate("IntakePage", "Belum disimpan. {reason}").format(reason=text)
            )
            if likely:
                self.duplicates.found_on_save(tuple(likely))
            return
        member = outcome.member
        self._last_occupation = member.current.occupation_code if member.current else self._last_occupation
        self.flow.saved_as(member.number, payment_due=False)
        self.side.show_saved(member)
        self.duplicates.set_found(())
        self.form.set_editable(False)
        self.after.start(member, self.quote.book)
        self.enrolled.emit(member)
        self.ui.bus.enrolled.emit(member)

    def _on_save_failed(self, exc: BaseException) -> None:
        self.flow.save_failed()
        self.save_button.setText(translate("IntakePage", "Simpan  (Ctrl+S)"))
        self.save_button.setEnabled(not self.flow.day_closed)
        message = display.message_of(exc) or str(exc) or exc.__class__.__name__
        # The form keeps everything typed; the officer can retry.
        self.banner.show_message(
            "error",
            translate(
                "IntakePage", "Gagal menyimpan: {message}\nData di formulir tidak hilang; coba lagi."
            ).format(message=message),
        )

    def reset(self) -> None:
        """Clear the form for the next worker, keeping sensible defaults."""
        if self.flow.saving or self.after.busy:
            return
        self.after.clear()
        self.duplicates.clear()
        self.flow.reset()
        self.duplicate_panel.reset()
        self.left_stack.setCurrentIndex(0)
        self.save_button.setVisible(True)
        self.quote_panel.set_compact(False)
        self._nik_info = None
        self.success.setVisible(False)
        self.banner.clear()
        self.form.set_editable(True)
        self.form.clear_for_next(self._last_occupation)
        self._refresh_save()
        self.summary.setText("")
        self.quote.refresh()
        self.nik.setFocus()

    def _on_day_changed(self, reason: str) -> None:
        self.flow.day_closed = bool(reason)
        if reason:
            self.day_banner.show_message("error", reason)
        else:
            self.day_banner.clear()
        self._refresh_save()

    def _refresh_save(self) -> None:
        """Save is open unless saving, saved, the day closed or the laptop frozen (each said above)."""
        self.flow.frozen = self.sync_gate.frozen
        if not self.flow.saving:
            self.save_button.setEnabled(self.flow.can_save)

    def _on_frozen_changed(self, _frozen: bool) -> None:
        self._refresh_save()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sync_gate.refresh()
        self.day_guard.check()  # another counter's supervisor may have closed the day meanwhile

    def focus_first(self) -> None:
        if self.sync_gate.frozen:
            self.sync_gate.action.setFocus()
        elif self.flow.comparing:
            self.duplicate_panel.focus_first()
        elif self.flow.editing:
            self.nik.setFocus()
