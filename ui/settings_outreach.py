"""Settings → Jemput bola: whether this database is an outreach laptop, of which branch, and its two
limits (warn after N days without a sync, refuse new enrolments after M). The supervisor's password
is asked for, as every branch-wide setting does; the rules are ``app.services.outreach_sync``'s."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.domain.sync_freshness import MAX_DAYS
from app.services import outreach_sync as svc
from ui.context import UiContext
from ui.i18n import translate
from ui.widgets import primary_button


class OutreachTab(QWidget):
    """``ok``/``fail`` report to the page's banner."""

    def __init__(
        self, ui: UiContext, ok: Callable[[str], None], fail: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.ui, self._ok, self._fail = ui, ok, fail
        self.setObjectName("outreachTab")
        v = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "OutreachTab",
                "Untuk laptop jemput bola: isi kode cabang induknya. Laptop memperingatkan setelah beberapa hari tanpa "
                "sinkron (balasan cabang diimpor), lalu menolak pendaftaran baru sampai sinkron lagi, seperti klien "
                "registrasi MOSIP. Kosongkan kode di basis data cabang.",
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        form = QFormLayout()
        self.home = QLineEdit()
        self.home.setObjectName("outreachHome")
        self.home.setMaxLength(3)
        self.home.setPlaceholderText(translate("OutreachTab", "mis. 101 (kosong: bukan laptop)"))
        self.warn = QSpinBox()
        self.warn.setObjectName("outreachWarnDays")
        self.warn.setRange(1, MAX_DAYS - 1)
        self.warn.setSuffix(translate("OutreachTab", " hari"))
        self.freeze = QSpinBox()
        self.freeze.setObjectName("outreachFreezeDays")
        self.freeze.setRange(2, MAX_DAYS)
        self.freeze.setSuffix(translate("OutreachTab", " hari"))
        self.password = QLineEdit()
        self.password.setObjectName("outreachPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("OutreachTab", "Kata sandi supervisor"))
        form.addRow(translate("OutreachTab", "&Cabang induk:"), self.home)
        form.addRow(translate("OutreachTab", "&Peringatan setelah:"), self.warn)
        form.addRow(translate("OutreachTab", "Pendaftaran &ditolak setelah:"), self.freeze)
        form.addRow(translate("OutreachTab", "&Kata sandi Anda:"), self.password)
        box = QWidget()
        box.setMaximumWidth(560)
        box.setLayout(form)
        v.addWidget(box)
        self.save = primary_button(translate("OutreachTab", "Simpan pengaturan jemput bola"), "outreachSave")
        v.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        v.addStretch(1)
        self.save.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        ctx = ui.ctx
        ui.runner.run(lambda: svc.outreach_settings(ctx), on_success=self._show, on_error=fail)

    def _show(self, s: svc.OutreachSettings) -> None:
        if not shiboken6.isValid(self):
            return
        self.home.setText(s.home or "")
        self.warn.setValue(s.warn_days)
        self.freeze.setValue(s.freeze_days)

    def submit(self) -> None:
        ctx, actor, password = self.ui.ctx, self.ui.actor, self.password.text()
        home, warn, freeze = self.home.text().strip() or None, self.warn.value(), self.freeze.value()
        self.password.clear()

        def done(s: svc.OutreachSettings) -> None:
            self._show(s)
            if s.home is None:
                self._ok(translate("OutreachTab", "Basis data ini bukan laptop jemput bola."))
            else:
                self._ok(
                    translate(
                        "OutreachTab",
                        "Laptop jemput bola cabang {home}: peringatan setelah {warn} hari, pendaftaran baru ditolak "
                        "setelah {freeze} hari tanpa sinkron.",
                    ).format(home=s.home, warn=s.warn_days, freeze=s.freeze_days)
                )
            self.ui.bus.synced.emit()

        self.ui.runner.run(
            lambda: svc.set_outreach(
                ctx, actor, home=home, warn_days=warn, freeze_days=freeze, password=password
            ),
            on_success=done,
            on_error=self._fail,
        )
