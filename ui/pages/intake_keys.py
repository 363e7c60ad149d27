"""Pendaftaran by keyboard: the Tab order over the form and the side, and Enter walking the fields
(the flow decides where Enter goes next: fields filled from the NIK are skipped)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.services.intake_flow import IntakeFlow
from ui.pages.intake_form import IntakeForm
from ui.pages.intake_side import IntakeSide


class IntakeKeys(QObject):
    """Sets the page's Tab order and moves focus on Enter along the typing order of a KTP."""

    def __init__(
        self, form: IntakeForm, side: IntakeSide, flow: IntakeFlow, moved: Callable[[], object]
    ) -> None:
        super().__init__(form)
        self.flow = flow
        self._moved = moved  # the page validates as the officer moves on
        terms = form.terms
        # Enter walks this chain; fields filled from the NIK are skipped (Tab still reaches them).
        self.chain: list[QWidget] = [
            form.nik,
            form.nama,
            form.tempat_lahir,
            form.tanggal_lahir,
            form.jenis_kelamin,
            form.nama_ibu,
            form.no_hp,
            form.alamat,
            form.kode_wilayah,
            form.pekerjaan,
            form.penghasilan,
            terms.kontrak_bulan,
            terms.bulan_berangkat,
            form.ahli_waris,
            side.save_button,
        ]
        order: list[QWidget] = [
            form.nik,
            form.nama,
            form.tempat_lahir,
            form.tanggal_lahir,
            form.jenis_kelamin,
            form.nama_ibu,
            form.no_hp,
            form.alamat,
            form.kode_wilayah,
            form.pekerjaan,
            form.penghasilan,
            form.segmen,
            form.npp,
            *terms.editors,
            *form.programmes.values(),
            form.bulan_bayar,
            form.ahli_waris,
            form.sumber_dana,
            form.kanal,
            form.confirm_mismatch,
            side.save_button,
            side.payment_panel.method,
            side.payment_panel.reference,
            side.payment_panel.tender.received,
            side.payment_panel.pay_button,
            side.print_button,
            side.next_button,
            side.ktp_button,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        for w in self.chain[:-1]:
            w.installEventFilter(self)
            if isinstance(w, QComboBox) and w.isEditable():
                w.lineEdit().installEventFilter(self)

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
            if isinstance(owner, QWidget) and owner in self.chain:
                self.advance_from(owner)
                return True
        return super().eventFilter(obj, event)

    def advance_from(self, widget: QWidget) -> None:
        """Enter on ``widget``: focus the next field the flow names, its text selected to type over."""
        keys = [w.objectName().removeprefix("field_") for w in self.chain]
        enabled = [k for k, w in zip(keys, self.chain, strict=True) if w.isEnabled()]
        nxt = self.flow.next_field(keys, keys[self.chain.index(widget)], enabled)
        if nxt is None:
            return
        target = self.chain[keys.index(nxt)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()
        self._moved()
