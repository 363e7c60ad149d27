"""The parts of Data Peserta: the header with its status chips and the Data diri, Iuran and Kartu
tabs. Each shows a :class:`MemberView`; what may be done is the core's decision, set by the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.cards import REPRINT_REASONS
from app.domain.payment_methods import METHOD_LABELS
from app.domain.reference import CHANNEL_LABELS, FUNDING_LABELS, RELATIONSHIP_LABELS
from app.domain.states import CardStatus, RecordStatus
from app.services import cards
from app.services.contribution_dto import PaymentDTO
from ui import i18n
from ui.cover_panel import CoverPanel
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.pages.member_view import MemberView
from ui.widgets import Banner
from ui.widgets import record_table as _table

STATUS_CHIP = {"BELUM_AKTIF": "muted", "AKTIF": "ok", "MENUNGGAK": "warn", "BERAKHIR": "bad"}
RECORD_CHIP = {RecordStatus.ACTIVE: "ok", RecordStatus.DEACTIVATED: "bad", RecordStatus.MERGED: "muted"}


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


class MemberHeader(QFrame):
    """Name, number, segment and the two status chips (record, contributions)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame = self
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

    def show_view(self, view: MemberView) -> None:
        m = view.member
        e = m.current
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


class IdentityTab(QWidget):
    """Data diri: identity and membership (the full NIK: this screen only, the view was audited)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        h = QHBoxLayout(self)
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

    def show_view(self, view: MemberView, tz: str) -> None:
        m = view.member
        e = m.current
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


class PaymentsTab(QWidget):
    """Iuran: the cover panel, the payments table and what can be done with the selected payment."""

    def __init__(self, offer_void: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 10, 8, 8)
        v.setSpacing(8)
        self.cover = CoverPanel(self)
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
        if not offer_void:
            self.void_button.hide()
        buttons.addWidget(self.receipt_a5)
        buttons.addWidget(self.receipt_80)
        buttons.addWidget(self.schedule_button)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        v.addLayout(buttons)

    def show_view(self, view: MemberView) -> None:
        self.cover.show_cover(view.status)
        self.payments_model.set_rows(view.payments)
        if view.payments:
            self.payments_table.selectRow(0)  # the newest: what a reprint or a void is usually about

    def selected(self) -> PaymentDTO | None:
        rows = self.payments_table.selectionModel().selectedRows()
        return self.payments_model.row_at(rows[0].row()) if rows else None

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


class CardsTab(QWidget):
    """Kartu & tanda terima: the member's cards, a pending reprint, and the prints."""

    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 10, 8, 8)
        v.setSpacing(8)
        self.cards_model: RowsModel[cards.CardDTO] = RowsModel(
            [
                Column(translate("MemberPage", "Seri kartu"), lambda c: c.serial),
                Column(
                    translate("MemberPage", "Dicetak"),
                    lambda c: display.when(c.issued_at, timezone),
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

    def show_view(self, view: MemberView) -> None:
        self.cards_model.set_rows(view.cards)
        if view.cards:
            self.cards_table.selectRow(len(view.cards) - 1)
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

    def selected(self) -> cards.CardDTO | None:
        rows = self.cards_table.selectionModel().selectedRows()
        return self.cards_model.row_at(rows[0].row()) if rows else None

    @staticmethod
    def _card_note(c: cards.CardDTO) -> str:
        if c.status == CardStatus.REVOKED:
            return display.label(REPRINT_REASONS.get(c.status_reason or "", c.status_reason or "")) + (
                f" · {c.status_note}" if c.status_note else ""
            )
        return c.status_note or ""


def show_record_banner(banner: Banner, view: MemberView) -> None:
    """What became of this number (merged, deactivated) or which old numbers were merged into it."""
    m = view.member
    banner.clear()
    if m.record_status == RecordStatus.MERGED and m.merged_into:
        banner.show_message(
            "warning",
            translate(
                "MemberPage",
                "Nomor ini sudah digabung ke {merged_into}. Iuran, kartu dan koreksi dilakukan pada nomor tujuan.",
            ).format(merged_into=display.grouped(m.merged_into)),
        )
        banner.action.setText(
            translate("MemberPage", "Buka {merged_into}").format(merged_into=display.grouped(m.merged_into))
        )
        banner.action.setVisible(True)
    elif m.record_status == RecordStatus.DEACTIVATED:
        reason = display.deactivation_reason(view.record.deactivation_reason)
        banner.show_message(
            "warning",
            translate("MemberPage", "Peserta ini nonaktif: {reason}.").format(reason=reason)
            if reason
            else translate("MemberPage", "Peserta ini nonaktif."),
        )
    elif view.record.merged_from:
        banner.show_message(
            "info",
            translate("MemberPage", "Nomor lama yang digabung ke peserta ini: {numbers}").format(
                numbers=", ".join(display.grouped(n) for n in view.record.merged_from)
            ),
        )
