"""Pendaftaran: the intake form, in the order a trained officer types a KTP, keyboard only.

Beside the form: the live contribution quote and likely-duplicate warnings; after saving, the first
payment and the card and receipts (Ctrl+P).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.contributions import quote_record
from app.domain.intake import IntakeResult, validate_intake
from app.domain.membership import MembershipNumber
from app.domain.months import Month
from app.domain.nik import NikInfo, clean_nik, parse_nik
from app.domain.quote import Quote
from app.domain.rates import RateBook
from app.services import contributions, enrolment
from app.services.contribution_dto import PaymentDTO
from app.services.dto import EnrolOutcome, MemberDTO
from app.services.intake_flow import IntakeFlow, Show
from ui.context import UiContext
from ui.day_guard import ClosedDayGuard
from ui.dialogs.counter_duplicates import DuplicatePanel
from ui.dialogs.counter_print import CounterPrintJob
from ui.i18n import translate
from ui.models import display
from ui.pages.intake_duplicates import IntakeDuplicates
from ui.pages.intake_form import IntakeForm
from ui.pages.intake_ktp import KtpReader
from ui.pages.intake_side import PRINT_TEXT, IntakeSide
from ui.theme import repolish


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
        self._book: RateBook | None = None
        self._saved_quote: Quote | None = None
        self.saved_member: MemberDTO | None = None
        self.print_job: CounterPrintJob | None = None
        self._validate_timer = QTimer(self, singleShot=True, interval=120)
        self._validate_timer.timeout.connect(self._validate)
        self._build()
        self._wire()
        self.reset()
        self.day_guard = ClosedDayGuard(ui, self)
        self.day_guard.changed.connect(self._on_day_changed)
        self.day_guard.check()
        self.ui.runner.run(
            lambda: contributions.rate_book(self.ui.ctx),
            on_success=self._on_book_loaded,
            on_error=self._on_book_failed,
        )

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

        # Enter walks this chain; fields filled from the NIK are skipped (Tab still reaches them).
        self._chain: list[QWidget] = [
            self.nik,
            self.nama,
            self.tempat_lahir,
            self.tanggal_lahir,
            self.jenis_kelamin,
            self.nama_ibu,
            self.no_hp,
            self.alamat,
            self.kode_wilayah,
            self.pekerjaan,
            self.penghasilan,
            self.terms.kontrak_bulan,
            self.terms.bulan_berangkat,
            self.ahli_waris,
            self.save_button,
        ]
        order: list[QWidget] = [
            self.nik,
            self.nama,
            self.tempat_lahir,
            self.tanggal_lahir,
            self.jenis_kelamin,
            self.nama_ibu,
            self.no_hp,
            self.alamat,
            self.kode_wilayah,
            self.pekerjaan,
            self.penghasilan,
            self.segmen,
            self.npp,
            *self.terms.editors,
            *self.programmes.values(),
            self.bulan_bayar,
            self.ahli_waris,
            self.sumber_dana,
            self.kanal,
            self.confirm_mismatch,
            self.save_button,
            self.payment_panel.method,
            self.payment_panel.reference,
            self.payment_panel.tender.received,
            self.payment_panel.pay_button,
            self.print_button,
            self.next_button,
            self.ktp_button,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

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
        for w in (
            self.nik,
            self.nama,
            self.tempat_lahir,
            self.tanggal_lahir,
            self.nama_ibu,
            self.no_hp,
            self.alamat,
            self.npp,
            self.penghasilan,
            self.ahli_waris,
            self.terms.kontrak_bulan,
            self.terms.bulan_berangkat,
        ):
            w.textEdited.connect(self._on_field_edited)
            w.editingFinished.connect(self._on_field_left)
        for c in (
            self.jenis_kelamin,
            self.segmen,
            self.bulan_bayar,
            self.sumber_dana,
            self.kanal,
            self.terms.kelas_risiko,
            self.terms.jalur_pmi,
            self.terms.jht_pmi,
        ):
            c.currentIndexChanged.connect(self._on_field_edited)
        for c in (self.kode_wilayah, self.pekerjaan):
            c.currentIndexChanged.connect(self._on_field_edited)
            c.lineEdit().textEdited.connect(self._on_field_edited)
            c.lineEdit().editingFinished.connect(self._on_field_left)
        for cb in self.programmes.values():
            cb.toggled.connect(self._on_field_edited)
        self.confirm_mismatch.toggled.connect(self._on_field_edited)
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
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_documents, context=within)
        QShortcut(QKeySequence("Ctrl+B"), self, self.payment_panel.pay, context=within)
        QShortcut(QKeySequence("Ctrl+D"), self, self.show_duplicates, context=within)
        self.print_button.clicked.connect(self.print_documents)
        self.payment_panel.paid.connect(self._on_paid)
        self.compare_button.clicked.connect(self.show_duplicates)
        self.duplicate_panel.back_requested.connect(self.duplicates.back_to_form)
        self.duplicate_panel.open_member_requested.connect(self.ui.bus.member_requested)
        self.duplicate_panel.override_requested.connect(self.duplicates.save_with_override)
        for w in self._chain[:-1]:
            w.installEventFilter(self)
            if isinstance(w, QComboBox) and w.isEditable():
                w.lineEdit().installEventFilter(self)

    # ---- keyboard flow ---------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            owner = (
                obj.parent() if isinstance(obj, QLineEdit) and isinstance(obj.parent(), QComboBox) else obj
            )
            if isinstance(owner, QComboBox) and owner.view().isVisible():
                return False  # let the popup accept the highlighted item
            if isinstance(owner, QWidget) and owner in self._chain:
                self._advance_from(owner)
                return True
        return super().eventFilter(obj, event)

    def _advance_from(self, widget: QWidget) -> None:
        keys = [w.objectName().removeprefix("field_") for w in self._chain]
        enabled = [k for k, w in zip(keys, self._chain, strict=True) if w.isEnabled()]
        nxt = self.flow.next_field(keys, keys[self._chain.index(widget)], enabled)
        if nxt is None:
            return
        target = self._chain[keys.index(nxt)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()
        self._validate()

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
            self.update_quote()
            self.duplicates.maybe_check(result)
        return result

    # ---- live quote ------------------------------------------------------------------------------
    def _on_book_loaded(self, book: RateBook) -> None:
        self._book = book
        self.terms.set_choices(book, Month.of(self._today()))
        self.update_quote()

    def _on_book_failed(self, _exc: BaseException) -> None:
        self.quote_panel.show_message(
            translate(
                "IntakePage",
                "Tabel tarif tidak dapat dimuat; iuran tidak dihitung. Buka ulang halaman atau hubungi IT.",
            ),
            warning=True,
        )

    def update_quote(self) -> None:
        """Recompute the quote from the form (pure, on the GUI thread: well under a millisecond)."""
        if self._book is None:
            return
        raw = self.record()
        if not self.penghasilan.text().strip():
            self.quote_panel.show_message(
                translate("IntakePage", "Isi penghasilan per bulan untuk menghitung iuran.")
            )
            return
        months = int(raw.get("bulan_bayar") or 0)
        start = Month.of(self._today())
        ref = self.ui.ctx.reference
        if months <= 0:
            self.quote_panel.show_unpaid(quote_record(self._book, ref, raw, start=start, months=1))
            return
        self.quote_panel.show_result(quote_record(self._book, ref, raw, start=start, months=months), months)

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
        self.success_number.setText(MembershipNumber(member.number).grouped())
        self.success_name.setText(
            f"{member.nama}\n{', '.join(member.current.programmes) if member.current else ''}"
        )
        self.flow.saved_as(member.number, payment_due=False)
        self.success.setVisible(True)
        self.summary.setText("")
        self.save_button.setEnabled(False)
        self.save_button.setVisible(False)
        self.duplicates.set_found(())
        self.form.set_editable(False)
        self.saved_member = member
        months = member.current.months_at_enrolment if member.current else 0
        self._saved_quote = self.quote_panel.quote if months > 0 else None
        self.payment_panel.start(
            member.number,
            None
            if self._saved_quote is None
            else contributions.enrolment_payment_options(self._book, self._saved_quote),
        )
        self.quote_panel.set_compact(True)
        self.print_job = CounterPrintJob(self.ui, self, member.number)
        self.print_job.finished.connect(self._on_print_round_done)
        self.print_job.failed.connect(self._on_print_failed)
        self.print_button.setVisible(True)
        self.print_button.setEnabled(True)
        self.flow.payment_due = self.payment_panel.pending
        self._set_print_primary(self.flow.print_primary)
        if self.flow.payment_due:
            self.payment_panel.focus_first()
        else:
            self.print_button.setFocus()
        self.enrolled.emit(member)
        self.ui.bus.enrolled.emit(member)

    # ---- after saving: payment, card and receipts ----------------------------------------------------
    def _set_print_primary(self, primary: bool) -> None:
        self.print_button.setProperty("primary", primary)
        repolish(self.print_button)

    def _on_paid(self, payment: PaymentDTO) -> None:
        self.flow.paid()
        self._set_print_primary(self.flow.print_primary)
        self.banner.clear()
        self.print_button.setFocus()
        if self.saved_member is not None:
            self.ui.bus.member_changed.emit(self.saved_member.number)

    def print_documents(self) -> None:
        """Ctrl+P: issue the card and make the receipts, then preview them one after the other."""
        job = self.print_job
        if job is None or self.flow.editing or job.busy:
            return
        if job.all_printed and (self.payment_panel.payment is None or "payment" in job.printed):
            self.banner.show_message(
                "info",
                translate(
                    "IntakePage",
                    "Kartu dan tanda terima sudah dicetak. Kartu gagal cetak dicatat di halaman Cetak Kartu (F6); "
                    "cetak ulang kartu memerlukan persetujuan supervisor.",
                ),
            )
            return
        self.banner.clear()
        if job.run(self.payment_panel.payment):
            self.print_button.setEnabled(False)
            self.print_button.setText(translate("IntakePage", "Menyiapkan kartu dan tanda terima…"))

    def _on_print_round_done(self) -> None:
        self.print_button.setEnabled(True)
        self.print_button.setText(translate("IntakePage", PRINT_TEXT))
        job = self.print_job
        if job is not None and job.messages:
            self.banner.show_message("warning", "\n".join(job.messages))
        if job is not None and job.issued is not None and self.saved_member is not None:
            self.ui.bus.member_changed.emit(self.saved_member.number)
        self.next_button.setFocus()

    def _on_print_failed(self, message: str) -> None:
        self.print_button.setEnabled(True)
        self.print_button.setText(translate("IntakePage", PRINT_TEXT))
        self.banner.show_message(
            "error", translate("IntakePage", "Gagal menyiapkan dokumen: {message}").format(message=message)
        )
        self.print_button.setFocus()

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
        if self.flow.saving or (self.print_job is not None and self.print_job.busy):
            return
        self.print_job = None
        self.saved_member = None
        self._saved_quote = None
        self.duplicates.clear()
        self.flow.reset()
        self.duplicate_panel.reset()
        self.left_stack.setCurrentIndex(0)
        self.payment_panel.setVisible(False)
        self.print_button.setVisible(False)
        self.print_button.setText(translate("IntakePage", PRINT_TEXT))
        self.save_button.setVisible(True)
        self.quote_panel.set_compact(False)
        self._nik_info = None
        self.success.setVisible(False)
        self.banner.clear()
        self.form.set_editable(True)
        self.form.clear_for_next(self._last_occupation)
        self._refresh_save()
        self.summary.setText("")
        self.update_quote()
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
