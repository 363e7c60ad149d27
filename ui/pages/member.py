"""Data Peserta: one member's full record (the only screen besides intake with the full NIK), payments,
cards and history, and the actions on them. Every opening is an audited view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import DomainError
from app.domain.reference import CHANNEL_LABELS, FUNDING_LABELS, RELATIONSHIP_LABELS
from app.domain.roles import Permission, allowed
from app.domain.states import CardStatus, RecordStatus
from app.services import cards, contributions, records, registration_receipt
from app.services.contribution_dto import METHOD_LABELS, CoverDTO, PaymentDTO
from app.services.dto import MemberDTO
from app.services.records_dto import DeactivationDTO, HistoryEntryDTO, MemberRecordDTO
from ui import i18n
from ui.context import UiContext
from ui.cover_panel import CoverPanel
from ui.dialogs.member_base import MemberReasonDialog
from ui.dialogs.member_correction import MemberCorrectionDialog
from ui.dialogs.member_deactivate import MemberDeactivateDialog
from ui.dialogs.member_payment import MemberPaymentDialog, PaymentDone
from ui.dialogs.member_reprint import MemberReprintDialog, Reprinted, ReprintRequested
from ui.dialogs.member_schedule import MemberScheduleDialog
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.printing import PdfPreviewDialog, card_print_options
from ui.widgets import Banner, primary_button
from ui.widgets import record_table as _table

STATUS_CHIP = {"BELUM_AKTIF": "muted", "AKTIF": "ok", "MENUNGGAK": "warn", "BERAKHIR": "bad"}
RECORD_CHIP = {"ACTIVE": "ok", "DEACTIVATED": "bad", "MERGED": "muted"}


@dataclass(frozen=True)
class MemberView:
    """Everything the page shows, read in one worker call."""

    record: MemberRecordDTO
    status: CoverDTO | None
    payments: tuple[PaymentDTO, ...]
    cards: tuple[cards.CardDTO, ...]
    reprints: tuple[cards.ReprintRequestDTO, ...]

    @property
    def member(self) -> MemberDTO:
        return self.record.member

    @property
    def issued_card(self) -> cards.CardDTO | None:
        return next((c for c in reversed(self.cards) if c.status == CardStatus.ISSUED), None)


def load_member_view(ui: UiContext, key: str, *, via: str) -> MemberView:
    """Runs in a worker thread. Opening the record audits the view (``member.view``)."""
    record = records.open_member_record(ui.ctx, ui.actor, key, via=via)
    number = record.member.number
    status: CoverDTO | None = None
    if record.member.enrolments:
        try:
            status = contributions.member_cover(ui.ctx, number)
        except DomainError:
            status = None  # no rate for this segment yet: the rest of the record still shows
    payments = contributions.payments_for_member(ui.ctx, number)
    member_cards = tuple(cards.member_cards(ui.ctx, number))
    reprints = tuple(r for r in cards.pending_reprints(ui.ctx) if r.number == number)
    return MemberView(record, status, payments, member_cards, reprints)


def _value(name: str) -> QLabel:
    label = QLabel("—")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and addresses may contain markup characters
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _relation(code: str) -> str:
    """``ORANG_TUA`` → ``orang tua`` (or the English label), as the heirs line reads it."""
    label = RELATIONSHIP_LABELS.get(code)
    return display.label(label).lower() if label else code.replace("_", " ").lower()


class MemberPage(QWidget):
    """Opens on ``bus.member_requested``; refreshes on ``bus.member_changed``."""

    loaded = Signal(object)  # MemberView, once it is on screen
    nav_label = QT_TRANSLATE_NOOP("MemberPage", "Data Peserta")
    shortcut = "F4"
    help_shortcuts = (
        ("Ctrl+B", QT_TRANSLATE_NOOP("MemberPage", "bayar iuran")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("MemberPage", "cetak kartu")),
        ("Ctrl+E", QT_TRANSLATE_NOOP("MemberPage", "ajukan koreksi data")),
    )

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.view: MemberView | None = None
        self.dialog: Any = None  # the open dialog, if any (tests drive it)
        self.preview: PdfPreviewDialog | None = None
        self._generation = 0
        self._stale = False
        self.can_approve = allowed(ui.actor.role, Permission.APPROVE)
        self.can_void = allowed(ui.actor.role, Permission.VOID)
        self._build()
        self._wire()
        self._show_empty()

    # ---- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel(translate("MemberPage", "Data Peserta"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        open_label = QLabel(translate("MemberPage", "Buka nomor peserta / NIK:"))
        open_label.setProperty("role", "fieldLabel")
        self.open_box = QLineEdit()
        self.open_box.setObjectName("openBox")
        self.open_box.setAccessibleName(translate("MemberPage", "Buka nomor peserta atau NIK"))
        self.open_box.setMaxLength(24)
        self.open_box.setFixedWidth(230)
        open_label.setBuddy(self.open_box)
        top.addWidget(open_label)
        top.addWidget(self.open_box)
        layout.addLayout(top)
        self.banner = Banner("memberBanner")
        layout.addWidget(self.banner)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        empty = QLabel(
            translate(
                "MemberPage",
                "Belum ada peserta yang dibuka.\n\n"
                "Tekan F3 untuk mencari peserta, atau ketik nomor peserta / NIK di kanan atas lalu Enter.",
            )
        )
        empty.setObjectName("memberEmpty")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setProperty("role", "derived")
        self.stack.addWidget(empty)
        content = QWidget()
        c = QVBoxLayout(content)
        c.setContentsMargins(0, 0, 0, 0)
        c.setSpacing(8)
        c.addWidget(self._build_header())
        self.record_banner = Banner("recordBanner")
        c.addWidget(self.record_banner)
        c.addLayout(self._build_actions())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("memberTabs")
        self.tabs.addTab(self._build_identity_tab(), translate("MemberPage", "&Data diri"))
        self.tabs.addTab(self._build_payments_tab(), translate("MemberPage", "&Iuran"))
        self.tabs.addTab(self._build_cards_tab(), translate("MemberPage", "&Kartu && tanda terima"))
        self.tabs.addTab(self._build_history_tab(), translate("MemberPage", "&Riwayat"))
        c.addWidget(self.tabs, 1)
        self.stack.addWidget(content)

    def _build_header(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("memberHeader")
        frame.setStyleSheet(
            "QFrame#memberHeader { background: #ffffff; border: 1px solid #d3ddd8; border-radius: 8px; }"
        )
        h = QHBoxLayout(frame)
        h.setContentsMargins(16, 10, 16, 10)
        left = QVBoxLayout()
        left.setSpacing(2)
        self.name = QLabel()
        self.name.setObjectName("memberName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1d2b24;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.name)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("memberSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setStyleSheet("color: #5a6b63;")
        left.addWidget(self.subtitle)
        h.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(4)
        self.number = QLabel()
        self.number.setObjectName("memberNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setStyleSheet(
            'font-size: 18pt; font-weight: bold; color: #0f5a3a; font-family: "DejaVu Sans Mono";'
        )
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.number)
        chips = QHBoxLayout()
        chips.addStretch(1)
        self.record_chip = self._chip("recordStatus")
        self.contrib_chip = self._chip("contributionStatus")
        chips.addWidget(self.record_chip)
        chips.addWidget(self.contrib_chip)
        right.addLayout(chips)
        h.addLayout(right)
        return frame

    @staticmethod
    def _chip(name: str) -> QLabel:
        chip = QLabel()
        chip.setObjectName(name)
        chip.setTextFormat(Qt.TextFormat.PlainText)
        return chip

    @staticmethod
    def _set_chip(chip: QLabel, text: str, kind: str) -> None:
        colours = {
            "ok": ("#e7f4ec", "#13704a", "#0f5a3a"),
            "warn": ("#fff4e0", "#c77c00", "#8a5300"),
            "bad": ("#fbeaea", "#b3261e", "#b3261e"),
            "muted": ("#eceff0", "#9fb3a9", "#33443c"),
        }
        bg, border, fg = colours.get(kind, colours["muted"])
        chip.setStyleSheet(
            f"background: {bg}; border: 1px solid {border}; color: {fg}; border-radius: 10px; "
            "padding: 2px 10px; font-size: 10pt; font-weight: bold;"
        )
        chip.setText(text)
        chip.setVisible(bool(text))

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.pay_button = primary_button(translate("MemberPage", "Bayar iuran  (Ctrl+B)"), "payButton")
        self.card_button = QPushButton(translate("MemberPage", "Cetak kartu  (Ctrl+P)"))
        self.card_button.setObjectName("cardButton")
        self.correct_button = QPushButton(translate("MemberPage", "Ajukan koreksi  (Ctrl+E)"))
        self.correct_button.setObjectName("correctButton")
        self.deactivate_button = QPushButton(translate("MemberPage", "Nonaktifkan…"))
        self.deactivate_button.setObjectName("deactivateButton")
        if not self.can_approve:  # (setVisible(True) before it is in a layout would show it as a window)
            self.deactivate_button.hide()
        for b in (self.pay_button, self.card_button, self.correct_button, self.deactivate_button):
            b.setAccessibleName(b.text().split("  ")[0])
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _build_identity_tab(self) -> QWidget:
        tab = QWidget()
        h = QHBoxLayout(tab)
        h.setContentsMargins(8, 10, 8, 8)
        h.setSpacing(12)
        self.values: dict[str, QLabel] = {}

        def grid_box(title: str, fields: list[tuple[str, str]]) -> QGroupBox:
            box = QGroupBox(title)
            g = QGridLayout(box)
            g.setHorizontalSpacing(14)
            g.setVerticalSpacing(5)
            for i, (key, label) in enumerate(fields):
                name = QLabel(label)
                name.setProperty("role", "fieldLabel")
                name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                value = _value(f"value_{key}")
                self.values[key] = value
                g.addWidget(name, i, 0)
                g.addWidget(value, i, 1)
            g.setColumnStretch(1, 1)
            g.setRowStretch(len(fields), 1)
            return box

        h.addWidget(
            grid_box(
                translate("MemberPage", "Identitas"),
                [
                    ("nik", "NIK"),
                    ("nama", translate("MemberPage", "Nama")),
                    ("lahir", translate("MemberPage", "Tempat, tgl lahir")),
                    ("jenis_kelamin", translate("MemberPage", "Jenis kelamin")),
                    ("nama_ibu", translate("MemberPage", "Nama ibu kandung")),
                    ("no_hp", translate("MemberPage", "Nomor HP")),
                    ("alamat", translate("MemberPage", "Alamat")),
                    ("wilayah", translate("MemberPage", "Desa/kelurahan")),
                    ("nik_region", translate("MemberPage", "Wilayah NIK")),
                ],
            ),
            1,
        )
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(
            grid_box(
                translate("MemberPage", "Kepesertaan"),
                [
                    ("segmen", translate("MemberPage", "Segmen")),
                    ("pekerjaan", translate("MemberPage", "Pekerjaan")),
                    ("program", translate("MemberPage", "Program")),
                    ("penghasilan", translate("MemberPage", "Penghasilan")),
                    ("dana", translate("MemberPage", "Sumber dana · kanal")),
                    ("terdaftar", translate("MemberPage", "Terdaftar")),
                    ("ahli_waris", translate("MemberPage", "Ahli waris")),
                ],
            ),
            1,
        )
        self.pending_box = QGroupBox(translate("MemberPage", "Koreksi menunggu persetujuan"))
        pv = QVBoxLayout(self.pending_box)
        self.pending = _value("pendingCorrections")
        self.pending.setProperty("role", "warning")
        pv.addWidget(self.pending)
        right.addWidget(self.pending_box)
        h.addLayout(right, 1)
        return tab

    def _build_payments_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.setContentsMargins(8, 10, 8, 8)
        v.setSpacing(8)
        self.cover = CoverPanel(tab)
        v.addWidget(self.cover)
        self.payments_model: RowsModel[PaymentDTO] = RowsModel(
            [
                Column(translate("MemberPage", "No. tanda bukti"), lambda p: p.receipt_no),
                Column(
                    translate("MemberPage", "Diterima"), lambda p: display.when(p.received_at, p.timezone)
                ),
                Column(translate("MemberPage", "Periode"), lambda p: display.period(p.months)),
                Column(translate("MemberPage", "Bulan"), lambda p: str(len(p.months)), right=True),
                Column(translate("MemberPage", "Cara bayar"), self._method_text),
                Column(translate("MemberPage", "Jumlah"), lambda p: i18n.money(p.total), right=True),
                Column(
                    translate("MemberPage", "Status"), self._payment_status, tooltip=self._payment_tooltip
                ),
            ],
            muted=lambda p: p.voided,
            parent=self,
        )
        self.payments_table = _table(
            "paymentsTable", translate("MemberPage", "Daftar pembayaran iuran"), self.payments_model, 2
        )
        v.addWidget(self.payments_table, 1)
        buttons = QHBoxLayout()
        self.receipt_a5 = QPushButton(translate("MemberPage", "Cetak ulang tanda bukti (A5)"))
        self.receipt_a5.setObjectName("receiptA5Button")
        self.receipt_80 = QPushButton(translate("MemberPage", "Struk 80 mm"))
        self.receipt_80.setObjectName("receipt80Button")
        self.schedule_button = QPushButton(translate("MemberPage", "Jadwal bayar…"))
        self.schedule_button.setObjectName("scheduleButton")
        self.void_button = QPushButton(translate("MemberPage", "Batalkan pembayaran…"))
        self.void_button.setObjectName("voidButton")
        if not self.can_void:
            self.void_button.hide()
        buttons.addWidget(self.receipt_a5)
        buttons.addWidget(self.receipt_80)
        buttons.addWidget(self.schedule_button)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        v.addLayout(buttons)
        return tab

    def _build_cards_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.setContentsMargins(8, 10, 8, 8)
        v.setSpacing(8)
        self.cards_model: RowsModel[cards.CardDTO] = RowsModel(
            [
                Column(translate("MemberPage", "Seri kartu"), lambda c: c.serial),
                Column(
                    translate("MemberPage", "Dicetak"),
                    lambda c: display.when(c.issued_at, self.ui.branch.timezone),
                ),
                Column(
                    translate("MemberPage", "Oleh"),
                    lambda c: (
                        c.issued_by
                        + (
                            translate("MemberPage", " (disetujui {approved_by})").format(
                                approved_by=c.approved_by
                            )
                            if c.approved_by
                            else ""
                        )
                    ),
                ),
                Column(translate("MemberPage", "Loket"), lambda c: c.counter),
                Column(translate("MemberPage", "Status"), lambda c: display.label(c.status_label)),
                Column(translate("MemberPage", "Keterangan"), self._card_note),
            ],
            muted=lambda c: c.status != CardStatus.ISSUED,
            parent=self,
        )
        self.cards_table = _table(
            "cardsTable", translate("MemberPage", "Daftar kartu peserta"), self.cards_model, 5
        )
        v.addWidget(self.cards_table, 1)
        self.reprint_note = QLabel()
        self.reprint_note.setObjectName("pendingReprint")
        self.reprint_note.setProperty("role", "warning")
        self.reprint_note.setTextFormat(Qt.TextFormat.PlainText)
        self.reprint_note.setWordWrap(True)
        v.addWidget(self.reprint_note)
        buttons = QHBoxLayout()
        self.issue_button = QPushButton(translate("MemberPage", "Cetak kartu"))
        self.issue_button.setObjectName("issueCardButton")
        self.reprint_button = QPushButton(translate("MemberPage", "Cetak ulang…"))
        self.reprint_button.setObjectName("reprintButton")
        self.spoil_button = QPushButton(translate("MemberPage", "Catat rusak cetak…"))
        self.spoil_button.setObjectName("spoilButton")
        self.reg_a5 = QPushButton(translate("MemberPage", "Tanda terima pendaftaran (A5)"))
        self.reg_a5.setObjectName("registrationA5Button")
        self.reg_80 = QPushButton(translate("MemberPage", "Tanda terima 80 mm"))
        self.reg_80.setObjectName("registration80Button")
        for b in (self.issue_button, self.reprint_button, self.spoil_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.reg_a5)
        buttons.addWidget(self.reg_80)
        v.addLayout(buttons)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.setContentsMargins(8, 10, 8, 8)
        tz = self.ui.branch.timezone
        self.history_model: RowsModel[HistoryEntryDTO] = RowsModel(
            [
                Column(translate("MemberPage", "Waktu"), lambda h: display.when(h.occurred_at, tz)),
                Column(translate("MemberPage", "Petugas"), lambda h: h.actor),
                Column(translate("MemberPage", "Loket"), lambda h: h.counter),
                Column(translate("MemberPage", "Kejadian"), history_text),
            ],
            parent=self,
        )
        self.history_table = _table(
            "historyTable", translate("MemberPage", "Riwayat perubahan"), self.history_model, 3
        )
        v.addWidget(self.history_table, 1)
        note = QLabel(
            translate(
                "MemberPage", "Setiap perubahan dan setiap pembukaan data lengkap tercatat di jejak audit."
            )
        )
        note.setObjectName("pageHint")
        v.addWidget(note)
        return tab

    def _wire(self) -> None:
        self.ui.bus.member_requested.connect(self.open_member)
        self.ui.bus.member_changed.connect(self._on_member_changed)
        self.open_box.returnPressed.connect(self._on_open_box)
        self.pay_button.clicked.connect(self.start_payment)
        self.card_button.clicked.connect(self.issue_card)
        self.issue_button.clicked.connect(self.issue_card)
        self.correct_button.clicked.connect(self.start_correction)
        self.deactivate_button.clicked.connect(self.start_deactivation)
        self.receipt_a5.clicked.connect(lambda: self.print_payment_receipt("A5"))
        self.receipt_80.clicked.connect(lambda: self.print_payment_receipt("80mm"))
        self.cover.date_asked.connect(self._on_cover_date)
        self.void_button.clicked.connect(self.start_void)
        self.schedule_button.clicked.connect(self.start_schedule)
        self.reprint_button.clicked.connect(self.start_reprint)
        self.spoil_button.clicked.connect(self.start_spoil)
        self.reg_a5.clicked.connect(lambda: self.print_registration_receipt("a5"))
        self.reg_80.clicked.connect(lambda: self.print_registration_receipt("thermal"))
        self.record_banner.action.clicked.connect(self._open_survivor)
        self.payments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.cards_table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key, slot in (
            ("Ctrl+B", self.start_payment),
            ("Ctrl+P", self.issue_card),
            ("Ctrl+E", self.start_correction),
        ):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _on_cover_date(self, day: QDate) -> None:
        """ "Was he protected on that day?": asked of the service off the GUI thread."""
        if self.view is None:
            return
        ctx, number, when = self.ui.ctx, self.view.member.number, day.toPython()
        self.ui.runner.run(
            lambda: contributions.cover_on_date(ctx, number, when),  # type: ignore[arg-type]
            on_success=self.cover.show_answer,
            on_error=self._failed,
        )

    # ---- loading ---------------------------------------------------------------------------------
    def open_member(self, key: str, *, via: str = "gui") -> None:
        """Load and show a member (by number or NIK) off the GUI thread; a newer request wins."""
        key = key.strip()
        if not key:
            return
        self._generation += 1
        generation = self._generation
        self._stale = False
        refresh = via == "gui.refresh"
        if not refresh:
            self.banner.show_message("info", translate("MemberPage", "Memuat data peserta…"))
        ui = self.ui
        self.ui.runner.run(
            lambda: load_member_view(ui, key, via=via),
            on_success=lambda view: self._on_loaded(generation, view, refresh),
            on_error=lambda exc: self._on_load_failed(generation, exc),
        )

    def reload(self) -> None:
        if self.view is not None:
            self.open_member(self.view.member.number, via="gui.refresh")

    def _on_loaded(self, generation: int, view: MemberView, refresh: bool) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # an older request; a newer one is on its way
        self.view = view
        if not refresh:
            self.banner.clear()  # a refresh keeps the message about what was just done
        self._show(view)
        self.stack.setCurrentIndex(1)
        if not refresh:
            self.open_box.clear()
            (self.pay_button if self.pay_button.isEnabled() else self.tabs).setFocus()
        self.loaded.emit(view)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.banner.show_message("error", display.error_text(exc))

    def _on_member_changed(self, number: str) -> None:
        if self.view is None or number != self.view.member.number:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # reloaded (and audited) when the officer comes back to it

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_open_box(self) -> None:
        text = self.open_box.text().strip()
        if text:
            self.open_member(text)

    def _open_survivor(self) -> None:
        if self.view is not None and self.view.member.merged_into:
            self.ui.bus.member_requested.emit(self.view.member.merged_into)

    # ---- showing ---------------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.stack.setCurrentIndex(0)

    def _show(self, view: MemberView) -> None:
        m = view.member
        e = m.current
        tz = self.ui.branch.timezone
        self.name.setText(m.nama)
        self.number.setText(display.grouped(m.number))
        since = display.date(e.business_date) if e else "—"
        self.subtitle.setText(
            " · ".join(
                p
                for p in (
                    e.segment if e else "",
                    ", ".join(e.programmes) if e else "",
                    translate("MemberPage", "peserta sejak {since}").format(since=since),
                )
                if p
            )
        )
        self._set_chip(
            self.record_chip,
            display.record_status(m.record_status),
            RECORD_CHIP.get(m.record_status, "muted"),
        )
        if view.status is not None and m.record_status == RecordStatus.ACTIVE:
            self._set_chip(
                self.contrib_chip,
                translate("MemberPage", "Iuran: {status_label}").format(
                    status_label=display.cover_status(view.status.status, len(view.status.arrears))
                ),
                STATUS_CHIP.get(view.status.status, "muted"),
            )
        else:
            self._set_chip(self.contrib_chip, "", "muted")
        self._show_record_banner(view)

        v = self.values
        v["nik"].setText(m.nik)  # the full NIK: this screen only, and the view was audited
        v["nama"].setText(m.nama)
        v["lahir"].setText(f"{m.tempat_lahir}, {display.date(m.tanggal_lahir)}")
        v["jenis_kelamin"].setText(display.gender(m.jenis_kelamin))
        v["nama_ibu"].setText(m.nama_ibu)
        v["no_hp"].setText(m.no_hp or "—")
        v["alamat"].setText(m.alamat)
        v["wilayah"].setText(m.wilayah or "—")
        v["nik_region"].setText(m.nik_region)
        if e is not None:
            v["segmen"].setText(e.segment)
            v["pekerjaan"].setText(e.occupation_name)
            v["program"].setText(", ".join(e.programmes))
            v["penghasilan"].setText(i18n.money(e.income) + translate("MemberPage", " per bulan"))
            v["dana"].setText(
                f"{display.label(FUNDING_LABELS.get(e.funding_source, e.funding_source))} · "
                f"{display.label(CHANNEL_LABELS.get(e.channel, e.channel))}"
                + (translate("MemberPage", " · NPP {npp}").format(npp=e.npp) if e.npp else "")
            )
            v["terdaftar"].setText(
                translate("MemberPage", "{enrolled_at} oleh {officer} ({counter})").format(
                    enrolled_at=display.when(e.enrolled_at, tz), officer=e.officer, counter=e.counter
                )
            )
        else:
            for key in ("segmen", "pekerjaan", "program", "penghasilan", "dana", "terdaftar"):
                v[key].setText("—")
        v["ahli_waris"].setText("\n".join(f"{h.nama} ({_relation(h.hubungan)})" for h in m.heirs) or "—")
        pending = view.record.pending_corrections
        self.pending_box.setVisible(bool(pending))
        self.pending.setText(
            "\n".join(
                translate("MemberPage", "#{id} oleh {proposed_by}: ").format(
                    id=c.id, proposed_by=c.proposed_by
                )
                + "; ".join(
                    f"{display.label(ch.label)}: {ch.old_value or '—'} → {ch.new_value or '—'}"
                    for ch in c.changes
                )
                + f" ({c.reason})"
                for c in pending
            )
        )

        self.cover.show_cover(view.status)
        self.payments_model.set_rows(view.payments)
        if view.payments:
            self.payments_table.selectRow(0)  # the newest: what a reprint or a void is usually about
        self.cards_model.set_rows(view.cards)
        if view.cards:
            self.cards_table.selectRow(len(view.cards) - 1)
        self.history_model.set_rows(list(reversed(view.record.history)))  # newest first
        if view.reprints:
            r = view.reprints[0]
            self.reprint_note.setText(
                translate(
                    "MemberPage",
                    "Permintaan cetak ulang #{id} ({reason}) oleh {requested_by} menunggu persetujuan supervisor "
                    "(halaman Persetujuan).",
                ).format(id=r.id, reason=display.label(r.reason_label).lower(), requested_by=r.requested_by)
            )
        self.reprint_note.setVisible(bool(view.reprints))
        self.tabs.setTabText(
            1, translate("MemberPage", "&Iuran ({payments})").format(payments=len(view.payments))
        )
        self.tabs.setTabText(
            2, translate("MemberPage", "&Kartu && tanda terima ({cards})").format(cards=len(view.cards))
        )
        self._update_buttons()

    def _show_record_banner(self, view: MemberView) -> None:
        m = view.member
        self.record_banner.clear()
        if m.record_status == RecordStatus.MERGED and m.merged_into:
            self.record_banner.show_message(
                "warning",
                translate(
                    "MemberPage",
                    "Nomor ini sudah digabung ke {merged_into}. Iuran, kartu dan koreksi dilakukan pada nomor tujuan.",
                ).format(merged_into=display.grouped(m.merged_into)),
            )
            self.record_banner.action.setText(
                translate("MemberPage", "Buka {merged_into}").format(
                    merged_into=display.grouped(m.merged_into)
                )
            )
            self.record_banner.action.setVisible(True)
        elif m.record_status == RecordStatus.DEACTIVATED:
            reason = display.deactivation_reason(view.record.deactivation_reason)
            self.record_banner.show_message(
                "warning",
                translate("MemberPage", "Peserta ini nonaktif: {reason}.").format(reason=reason)
                if reason
                else translate("MemberPage", "Peserta ini nonaktif."),
            )
        elif view.record.merged_from:
            self.record_banner.show_message(
                "info",
                translate("MemberPage", "Nomor lama yang digabung ke peserta ini: {numbers}").format(
                    numbers=", ".join(display.grouped(n) for n in view.record.merged_from)
                ),
            )

    def _update_buttons(self) -> None:
        view = self.view
        active = view is not None and view.member.record_status == RecordStatus.ACTIVE
        enrolled = view is not None and bool(view.member.enrolments)
        issued = view.issued_card if view else None
        for b in (self.pay_button, self.card_button, self.issue_button, self.reg_a5, self.reg_80):
            b.setEnabled(active and enrolled)
        self.issue_button.setEnabled(active and enrolled and issued is None)
        self.reprint_button.setEnabled(active and issued is not None and not (view and view.reprints))
        self.correct_button.setEnabled(view is not None and view.member.record_status != RecordStatus.MERGED)
        self.deactivate_button.setEnabled(active)
        payment = self.selected_payment()
        self.receipt_a5.setEnabled(payment is not None)
        self.receipt_80.setEnabled(payment is not None)
        self.void_button.setEnabled(payment is not None and not payment.voided)
        card = self.selected_card()
        self.spoil_button.setEnabled(card is not None and card.status == CardStatus.ISSUED)

    def selected_payment(self) -> PaymentDTO | None:
        rows = self.payments_table.selectionModel().selectedRows()
        return self.payments_model.row_at(rows[0].row()) if rows else None

    def selected_card(self) -> cards.CardDTO | None:
        rows = self.cards_table.selectionModel().selectedRows()
        return self.cards_model.row_at(rows[0].row()) if rows else None

    @staticmethod
    def _method_text(p: PaymentDTO) -> str:
        label = display.label(METHOD_LABELS.get(p.method, p.method))
        return f"{label} · {p.reference}" if p.reference else label

    @staticmethod
    def _payment_status(p: PaymentDTO) -> str:
        if p.voided:
            return translate("MemberPage", "Dibatalkan ({voided_by})").format(voided_by=p.voided_by)
        return translate("MemberPage", "Sah") + (
            translate("MemberPage", " · saat daftar") if p.from_enrolment else ""
        )

    def _payment_tooltip(self, p: PaymentDTO) -> str:
        if p.voided:
            return translate("MemberPage", "Dibatalkan {voided_at} oleh {voided_by}: {void_reason}").format(
                voided_at=display.when(p.voided_at, p.timezone),
                voided_by=p.voided_by,
                void_reason=p.void_reason,
            )
        return translate("MemberPage", "Diterima oleh {officer_name} ({counter})").format(
            officer_name=p.officer_name, counter=p.counter
        )

    @staticmethod
    def _card_note(c: cards.CardDTO) -> str:
        if c.status == CardStatus.REVOKED:
            from app.domain.cards import REPRINT_REASONS

            return display.label(REPRINT_REASONS.get(c.status_reason or "", c.status_reason or "")) + (
                f" · {c.status_note}" if c.status_note else ""
            )
        return c.status_note or ""

    # ---- actions ---------------------------------------------------------------------------------------
    def _open_dialog(self, dialog: Any, on_success: Callable[[Any], None]) -> None:
        self.dialog = dialog
        dialog.succeeded.connect(on_success)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def show_pdf(self, title: str, pdf: bytes, suggested_name: str) -> None:
        """The 1:1 preview with print and save (opened only once no other dialog is open)."""
        if not shiboken6.isValid(self):
            return  # the page closed while the PDF was being made
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        self.preview = PdfPreviewDialog(
            self,
            title,
            pdf,
            suggested_name=suggested_name,
            **card_print_options(self.ui.ctx.paths, pdf),
        )
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def _changed(self, message: str, kind: str = "info") -> None:
        if not shiboken6.isValid(self):
            return
        self.banner.show_message(kind, message)
        if self.view is not None:
            self.ui.bus.member_changed.emit(self.view.member.number)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.banner.show_message("error", display.error_text(exc))

    def start_payment(self) -> None:
        view = self.view
        if view is None or not self.pay_button.isEnabled() or self.dialog is not None:
            return
        dialog = MemberPaymentDialog(self.ui, view.member.number, view.member.nama, view.status, self)
        self._open_dialog(dialog, self._on_paid)

    def _on_paid(self, done: PaymentDone) -> None:
        p = done.payment
        self._changed(
            translate(
                "MemberPage", "Pembayaran {total} untuk {period} diterima. Tanda bukti {receipt_no}."
            ).format(total=i18n.money(p.total), period=display.period(p.months), receipt_no=p.receipt_no)
        )
        self.tabs.setCurrentIndex(1)
        self.show_pdf(
            translate("MemberPage", "Tanda bukti iuran {receipt_no}").format(receipt_no=p.receipt_no),
            done.pdf,
            f"tanda-bukti-{p.receipt_no}.pdf",
        )

    def print_payment_receipt(self, paper: str) -> None:
        p = self.selected_payment()
        if p is None:
            self.banner.show_message("warning", translate("MemberPage", "Pilih dulu pembayaran di tabel."))
            return
        ctx, actor = self.ui.ctx, self.ui.actor
        self.ui.runner.run(
            lambda: contributions.reprint_receipt_pdf(ctx, actor, p.id, paper=paper),  # type: ignore[arg-type]
            on_success=lambda pdf: self.show_pdf(
                translate("MemberPage", "Tanda bukti iuran {receipt_no}").format(receipt_no=p.receipt_no),
                pdf,
                f"tanda-bukti-{p.receipt_no}.pdf",
            ),
            on_error=self._failed,
        )

    def start_schedule(self) -> None:
        view = self.view
        if view is None or self.dialog is not None or view.member.record_status != RecordStatus.ACTIVE:
            return
        dialog = MemberScheduleDialog(self.ui, view.member.number, view.member.nama, view.status, self)
        self._open_dialog(dialog, self._on_scheduled)

    def _on_scheduled(self, cover: Any) -> None:
        self._changed(
            translate("MemberPage", "Jadwal bayar disimpan: {schedule}.").format(
                schedule=display.schedule(cover.schedule, cover.schedule_label)
            )
        )

    def start_void(self) -> None:
        p = self.selected_payment()
        if p is None or p.voided or not self.can_void or self.dialog is not None:
            return
        ctx, actor = self.ui.ctx, self.ui.actor
        dialog = MemberReasonDialog(
            self.ui,
            object_name="memberVoidDialog",
            title=translate("MemberPage", "Batalkan pembayaran"),
            intro=(
                translate(
                    "MemberPage",
                    "Tanda bukti {receipt_no} · {total} · {period}\nPembayaran tidak dihapus: ditandai DIBATALKAN dengan alasan, dan bulannya dapat dibayar lagi.",
                ).format(receipt_no=p.receipt_no, total=i18n.money(p.total), period=display.period(p.months))
            ),
            confirm_text=translate("MemberPage", "Batalkan pembayaran  (Enter)"),
            reason_label=translate("MemberPage", "Alasan pembatalan"),
            password=True,
            action=lambda reason, password: contributions.void_payment(
                ctx, actor, p.id, reason=reason, password=password
            ),
            parent=self,
        )
        self._open_dialog(dialog, self._on_voided)

    def _on_voided(self, p: PaymentDTO) -> None:
        self._changed(
            translate("MemberPage", "Pembayaran {receipt_no} ({total}) dibatalkan.").format(
                receipt_no=p.receipt_no, total=i18n.money(p.total)
            ),
            "warning",
        )

    def issue_card(self) -> None:
        view = self.view
        if view is None or self.dialog is not None:
            return
        if view.issued_card is not None:
            self.tabs.setCurrentIndex(2)
            self.banner.show_message(
                "warning",
                translate(
                    "MemberPage",
                    "Kartu seri {serial} masih berlaku. Untuk kartu hilang/rusak pilih Cetak ulang (perlu persetujuan supervisor).",
                ).format(serial=view.issued_card.serial),
            )
            return
        if not self.card_button.isEnabled():
            return
        ctx, actor, number = self.ui.ctx, self.ui.actor, view.member.number
        self.card_button.setEnabled(False)
        self.issue_button.setEnabled(False)

        def work() -> tuple[cards.IssuedCard, bytes]:
            issued = cards.issue_card(ctx, actor, number)
            return issued, cards.card_pdf(issued.face)

        def done(result: tuple[cards.IssuedCard, bytes]) -> None:
            issued, pdf = result
            self._changed(
                translate(
                    "MemberPage", "Kartu seri {serial} tercatat. Cetak dari pratinjau (Ctrl+P)."
                ).format(serial=issued.card.serial)
            )
            self.tabs.setCurrentIndex(2)
            self.show_pdf(
                translate("MemberPage", "Kartu peserta {serial}").format(serial=issued.card.serial),
                pdf,
                f"kartu-{issued.card.serial}.pdf",
            )

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            self._failed(exc)

        self.ui.runner.run(work, on_success=done, on_error=failed)

    def start_reprint(self) -> None:
        view = self.view
        if view is None or view.issued_card is None or self.dialog is not None:
            return
        dialog = MemberReprintDialog(
            self.ui, view.member.number, view.member.nama, view.issued_card.serial, self
        )
        self._open_dialog(dialog, self._on_reprint)

    def _on_reprint(self, result: Reprinted | ReprintRequested) -> None:
        if isinstance(result, ReprintRequested):
            self._changed(
                translate(
                    "MemberPage", "Permintaan cetak ulang #{id} diajukan; menunggu persetujuan supervisor."
                ).format(id=result.request.id)
            )
            return
        serial = result.issued.card.serial
        self._changed(
            translate(
                "MemberPage", "Cetak ulang disetujui. Kartu baru seri {serial}; kartu lama dicabut."
            ).format(serial=serial)
        )
        self.tabs.setCurrentIndex(2)
        self.show_pdf(
            translate("MemberPage", "Kartu peserta {serial}").format(serial=serial),
            result.pdf,
            f"kartu-{serial}.pdf",
        )

    def start_spoil(self) -> None:
        card = self.selected_card()
        if card is None or card.status != CardStatus.ISSUED or self.dialog is not None:
            return
        ctx, actor = self.ui.ctx, self.ui.actor
        dialog = MemberReasonDialog(
            self.ui,
            object_name="memberSpoilDialog",
            title=translate("MemberPage", "Catat rusak cetak"),
            intro=(
                translate(
                    "MemberPage",
                    "Kartu seri {serial}. Hanya pada hari kartu dicetak (printer macet, salah cetak). Seri ini tidak berlaku lagi; setelah itu cetak kartu baru.",
                ).format(serial=card.serial)
            ),
            confirm_text=translate("MemberPage", "Catat rusak cetak  (Enter)"),
            reason_label=translate("MemberPage", "Apa yang terjadi"),
            password=False,
            min_reason=3,
            action=lambda reason, _password: cards.spoil_card(ctx, actor, card.serial, reason),
            parent=self,
        )
        self._open_dialog(
            dialog,
            lambda c: self._changed(
                translate("MemberPage", "Kartu seri {serial} dicatat rusak cetak.").format(serial=c.serial),
                "warning",
            ),
        )

    def print_registration_receipt(self, layout: str) -> None:
        view = self.view
        if view is None:
            return
        ctx, actor, number = self.ui.ctx, self.ui.actor, view.member.number

        def work() -> tuple[str, bytes]:
            receipt = registration_receipt.registration_receipt(ctx, actor, number)
            return receipt.receipt_id, registration_receipt.receipt_pdf(receipt, layout)

        def done(result: tuple[str, bytes]) -> None:
            receipt_id, pdf = result
            self.show_pdf(
                translate("MemberPage", "Tanda terima pendaftaran {receipt_id}").format(
                    receipt_id=receipt_id
                ),
                pdf,
                f"tanda-terima-{receipt_id}.pdf",
            )
            self.ui.bus.member_changed.emit(number)  # the print is in the history

        self.ui.runner.run(work, on_success=done, on_error=self._failed)

    def start_correction(self) -> None:
        view = self.view
        if view is None or not self.correct_button.isEnabled() or self.dialog is not None:
            return
        self._open_dialog(MemberCorrectionDialog(self.ui, view.member, self), self._on_proposed)

    def _on_proposed(self, correction: Any) -> None:
        text = translate(
            "MemberPage", "Koreksi #{id} diajukan; data berubah setelah disetujui supervisor."
        ).format(id=correction.id)
        if correction.warnings:
            text += "\n" + "\n".join(display.message(w.message) for w in correction.warnings)
        self._changed(text)

    def start_deactivation(self) -> None:
        view = self.view
        if (
            view is None
            or not self.can_approve
            or not self.deactivate_button.isEnabled()
            or self.dialog is not None
        ):
            return
        self._open_dialog(MemberDeactivateDialog(self.ui, view.member, self), self._on_deactivated)

    def _on_deactivated(self, d: DeactivationDTO) -> None:
        into = (
            translate("MemberPage", " dan digabung ke {merged_into}").format(
                merged_into=display.grouped(d.merged_into)
            )
            if d.merged_into
            else ""
        )
        self._changed(
            translate("MemberPage", "Peserta {number} dinonaktifkan{into}.").format(
                number=display.grouped(d.number), into=into
            ),
            "warning",
        )
        if d.merged_into:
            self.ui.bus.member_changed.emit(d.merged_into)

    def focus_first(self) -> None:
        if self.view is None:
            self.open_box.setFocus()
        else:
            self.tabs.setFocus()


# ---- history wording -----------------------------------------------------------------------------------


def history_text(h: HistoryEntryDTO) -> str:
    """The service's summary, or ours for events it leaves as a bare action code."""
    if h.summary != h.action:
        return h.summary
    d = h.details
    total = d.get("total")
    money = i18n.money(total) if isinstance(total, int) and not isinstance(total, bool) else ""
    if h.action == "payment.record":
        months = d.get("months") or []
        span = (
            translate("MemberPage", "{first} s.d. {last}").format(first=months[0], last=months[-1])
            if len(months) > 1
            else (months[0] if months else "")
        )
        method = display.label(METHOD_LABELS.get(str(d.get("method")), str(d.get("method") or "")))
        return translate("MemberPage", "Iuran {money} dibayar ({method}), {months}: {span}.").format(
            money=money, method=method, months=display.months(len(months)), span=span
        )
    if h.action == "payment.void":
        return translate("MemberPage", "Pembayaran {money} dibatalkan: {reason}").format(
            money=money, reason=d.get("reason", "")
        )
    if h.action == "card.issue":
        if d.get("reprint_of"):
            return translate(
                "MemberPage", "Kartu baru dicetak (urutan {seq}) menggantikan seri {serial}."
            ).format(seq=d.get("seq"), serial=d["reprint_of"])
        return translate("MemberPage", "Kartu dicetak (urutan {seq}).").format(seq=d.get("seq"))
    if h.action == "card.revoke":
        return translate("MemberPage", "Kartu dicabut ({reason}).").format(reason=d.get("reason", ""))
    if h.action == "card.spoil":
        return translate("MemberPage", "Kartu rusak cetak: {reason}").format(reason=d.get("reason", ""))
    if h.action == "card.reprint_request":
        return translate("MemberPage", "Cetak ulang kartu {serial} diminta ({reason}).").format(
            serial=d.get("serial", ""), reason=d.get("reason", "")
        )
    if h.action == "card.reprint_approve":
        return translate("MemberPage", "Cetak ulang disetujui: {old} → {new}.").format(
            old=d.get("old", ""), new=d.get("new", "")
        )
    if h.action == "card.reprint_reject":
        return translate("MemberPage", "Permintaan cetak ulang ditolak.")
    if h.action == "receipt.print":
        return translate("MemberPage", "Tanda terima pendaftaran dicetak (cetakan ke-{copy}).").format(
            copy=d.get("copy", "?")
        )
    if h.action == "schedule.set":
        return translate("MemberPage", "Pola bayar diubah: {schedule}.").format(
            schedule=d.get("schedule", "")
        )
    if h.action == "member.duplicate_shown":
        return translate("MemberPage", "Ditampilkan sebagai kemungkinan duplikat saat pendaftaran.")
    return h.action
