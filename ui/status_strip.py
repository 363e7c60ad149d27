"""The dashboard's strip of member statuses today (Aktif, Menunggak, Berakhir, Belum aktif), and the
progress of working them out when the status index is behind (after a due date, a new rate table)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton

from app.domain.cover import STATUS_LABELS, CoverStatus
from app.services.contributions.status_index import StatusCounts
from ui import i18n
from ui.i18n import translate
from ui.models import display

ORDER = (CoverStatus.ACTIVE, CoverStatus.ARREARS, CoverStatus.ENDED, CoverStatus.NOT_ACTIVE)


class StatusStrip(QFrame):
    """Counts per status; while they are being worked out, a progress bar and a cancel button."""

    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("statusStrip")
        self.setProperty("card", True)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.setSpacing(18)
        head = QLabel(translate("StatusStrip", "Status peserta hari ini:"))
        head.setProperty("role", "fieldLabel")
        row.addWidget(head)
        self.figures: dict[CoverStatus, QLabel] = {}
        for status in ORDER:
            label = QLabel("–")
            label.setObjectName(f"status_{status.value}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.figures[status] = label
            row.addWidget(label)
        row.addStretch(1)
        self.note = QLabel("")
        self.note.setObjectName("statusNote")
        self.note.setProperty("role", "note")
        row.addWidget(self.note)
        self.bar = QProgressBar()
        self.bar.setObjectName("statusProgress")
        self.bar.setAccessibleName(translate("StatusStrip", "Menghitung status peserta"))
        self.bar.setMaximumWidth(220)
        self.bar.hide()
        row.addWidget(self.bar)
        self.cancel = QPushButton(translate("StatusStrip", "Hentikan"))
        self.cancel.setObjectName("statusCancel")
        self.cancel.clicked.connect(self.cancel_requested)
        self.cancel.hide()
        row.addWidget(self.cancel)

    def show_counts(self, counts: StatusCounts) -> None:
        for status, label in self.figures.items():
            label.setText(
                f"{display.label(STATUS_LABELS[status])} {i18n.number(counts.counts.get(status, 0))}"
            )
        if counts.pending:
            self.note.setText(
                translate("StatusStrip", "{pending} peserta belum dihitung").format(
                    pending=i18n.number(counts.pending)
                )
            )
        else:
            self.note.setText("")

    def working(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.bar.show()
        self.cancel.show()

    def idle(self) -> None:
        self.bar.hide()
        self.cancel.hide()
