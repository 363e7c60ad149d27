"""The right column of Pendaftaran: the KTP reader's button, the banners and the summary line, the
saved number, the live quote, the first payment, printing, and Simpan / Peserta berikutnya."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain.membership import MembershipNumber
from app.services.dto import MemberDTO
from app.services.intake_flow import Summary
from ui.context import UiContext
from ui.dialogs.counter_payment import EnrolmentPaymentPanel
from ui.dialogs.counter_quote import QuotePanel
from ui.i18n import translate
from ui.widgets import Banner, primary_button

PRINT_TEXT = QT_TRANSLATE_NOOP("IntakePage", "Cetak kartu && tanda terima (Ctrl+P)")  # && shows one "&"


class IntakeSide(QScrollArea):
    """Everything beside the form; the page decides what shows (its :class:`IntakeFlow`)."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        right = QVBoxLayout()
        right.setSpacing(10)
        self.ktp_button = QPushButton(translate("IntakePage", "Baca KTP…  (Ctrl+K)"))
        self.ktp_button.setObjectName("ktpButton")
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
        self.payment_panel = EnrolmentPaymentPanel(ui)
        self.extension.addWidget(self.payment_panel)
        self.print_button = QPushButton(translate("IntakePage", PRINT_TEXT))
        self.print_button.setObjectName("printButton")
        self.print_button.setAccessibleName(translate("IntakePage", "Cetak kartu dan tanda terima"))
        self.print_button.setAutoDefault(True)
        self.print_button.setVisible(False)
        self.extension.addWidget(self.print_button)
        right.addStretch(1)

        self.save_button = primary_button(translate("IntakePage", "Simpan  (Ctrl+S)"), "saveButton")
        self.next_button = QPushButton(translate("IntakePage", "Peserta berikutnya  (Ctrl+N)"))
        self.next_button.setObjectName("nextButton")
        right.addWidget(self.save_button)
        right.addWidget(self.next_button)
        panel = QWidget()
        panel.setObjectName("intakeSide")
        panel.setLayout(right)
        right.setContentsMargins(0, 0, 4, 0)
        side = self  # a tall quote on a small screen scrolls instead of squashing the buttons
        side.setObjectName("intakeSideScroll")
        side.setWidgetResizable(True)
        side.setWidget(panel)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.viewport().setObjectName("intakeSideViewport")
        side.setFixedWidth(350)

    def show_summary(self, summary: Summary, count: int) -> None:
        """The line under the banners: what stands between the officer and Ctrl+S."""
        text = {
            Summary.NONE: "",
            Summary.READY: translate("IntakePage", "Data lengkap. Tekan Ctrl+S untuk menyimpan."),
            Summary.LIKELY: translate(
                "IntakePage", "Mirip peserta terdaftar: simpan hanya dengan persetujuan supervisor."
            ),
            Summary.DUPLICATE: translate("IntakePage", "NIK sudah terdaftar; data tidak dapat disimpan."),
            Summary.FIX: (
                translate("IntakePage", "1 kolom masih perlu diisi atau diperbaiki.")
                if count == 1
                else translate("IntakePage", "{n} kolom masih perlu diisi atau diperbaiki.")
            ).format(n=count),
        }[summary]
        self.summary.setText(text)

    def show_saved(self, member: MemberDTO) -> None:
        """The new number and name in the success panel; Simpan is done with."""
        self.success_number.setText(MembershipNumber(member.number).grouped())
        self.success_name.setText(
            f"{member.nama}\n{', '.join(member.current.programmes) if member.current else ''}"
        )
        self.success.setVisible(True)
        self.summary.setText("")
        self.save_button.setEnabled(False)
        self.save_button.setVisible(False)
