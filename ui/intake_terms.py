"""The intake fields that only some segments have: the PU company's JKK risk class, and a migrant
worker's contract (length, departure month, placement route, chosen JHT amount).

Which segment shows which comes from the segment's data (``SegmentRule``); the values go into the
intake record under the schema's keys, and the core checks them like every other field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from app.domain.months import Month
from app.domain.rates import RateBook
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow

UNKNOWN_CLASS = QT_TRANSLATE_NOOP("SegmentTerms", "— belum diketahui (kelas bawaan tabel) —")
ROUTES = (
    ("P3MI", QT_TRANSLATE_NOOP("SegmentTerms", "Melalui P3MI (perusahaan penempatan)")),
    ("PERSEORANGAN", QT_TRANSLATE_NOOP("SegmentTerms", "Perseorangan")),
)
RowFactory = Callable[..., FieldRow]


class SegmentTerms(QWidget):
    """Built with the page's own row factory, so errors show under each field like the others."""

    def __init__(self, make_row: RowFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentTerms")
        self.kelas_risiko = QComboBox()
        self.kelas_risiko.addItem(translate("SegmentTerms", UNKNOWN_CLASS), "")
        self._migrant = False
        self.kontrak_bulan = QLineEdit()
        self.kontrak_bulan.setMaxLength(3)
        self.bulan_berangkat = QLineEdit()
        self.bulan_berangkat.setMaxLength(7)
        self.bulan_berangkat.setPlaceholderText(translate("SegmentTerms", "TTTT-BB"))
        self.jalur_pmi = QComboBox()
        for value, text in ROUTES:
            self.jalur_pmi.addItem(translate("SegmentTerms", text), value)
        self.jht_pmi = QComboBox()
        self.jht_pmi.addItem(translate("SegmentTerms", "— tanpa JHT —"), "")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.risk_row = make_row(
            "kelas_risiko",
            translate("SegmentTerms", "Kelas risiko JKK perusahaan (PU)"),
            self.kelas_risiko,
            hint=translate("SegmentTerms", "Dari sertifikat kepesertaan perusahaan"),
        )
        self.pmi_rows = [
            make_row(
                "kontrak_bulan",
                translate("SegmentTerms", "Lama kontrak kerja (bulan)"),
                self.kontrak_bulan,
                required=True,
            ),
            make_row(
                "bulan_berangkat",
                translate("SegmentTerms", "Bulan berangkat (TTTT-BB)"),
                self.bulan_berangkat,
                required=True,
            ),
            make_row("jalur_pmi", translate("SegmentTerms", "Jalur penempatan"), self.jalur_pmi),
            make_row("jht_pmi", translate("SegmentTerms", "JHT per bulan (pilihan)"), self.jht_pmi),
        ]
        grid.addWidget(self.risk_row, 0, 0)
        for i, row in enumerate(self.pmi_rows):
            grid.addWidget(row, 1 + i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.show_for(risk_class=False, migrant=False)

    @property
    def editors(self) -> list[QWidget]:
        """In Tab order."""
        return [self.kelas_risiko, self.kontrak_bulan, self.bulan_berangkat, self.jalur_pmi, self.jht_pmi]

    def set_choices(self, book: RateBook, month: Month) -> None:
        """The PU risk classes and the JHT amounts a PMI may choose, from the rate table in force."""
        table = book.table_for(month)
        pu = table.segments.get("PU")
        jkk = pu.programmes.get("JKK") if pu is not None else None
        _refill(
            self.kelas_risiko,
            [
                (str(n), f"{n} — {display.label(c.label)} ({display.figure(c.shares.percent_text())})")
                for n, c in (jkk.classes.items() if jkk is not None else ())
            ],
        )
        pmi = table.segments.get("PMI")
        jht = pmi.programmes.get("JHT") if pmi is not None else None
        _refill(self.jht_pmi, [(str(a), display.rupiah(a)) for a in (jht.choices if jht is not None else ())])

    def show_for(self, *, risk_class: bool, migrant: bool) -> None:
        """Only the fields the segment has (the core's ``SegmentFields``); the others are emptied so
        nothing hidden is saved."""
        pu, pmi = risk_class, migrant
        self._migrant = migrant
        self.risk_row.setVisible(pu)
        self.kelas_risiko.setEnabled(pu)  # hidden fields are never reached by Enter or Tab
        for row in self.pmi_rows:
            row.setVisible(pmi)
            row.editor.setEnabled(pmi)
        if not pu:
            self.kelas_risiko.setCurrentIndex(0)
        if not pmi:
            self.reset_pmi()
        self.setVisible(pu or pmi)

    def reset_pmi(self) -> None:
        self.kontrak_bulan.clear()
        self.bulan_berangkat.clear()
        self.jalur_pmi.setCurrentIndex(0)
        self.jht_pmi.setCurrentIndex(0)

    def reset(self) -> None:
        self.kelas_risiko.setCurrentIndex(0)
        self.reset_pmi()

    def values(self) -> dict[str, str]:
        return {
            "kelas_risiko": str(self.kelas_risiko.currentData() or ""),
            "kontrak_bulan": self.kontrak_bulan.text().strip(),
            "bulan_berangkat": self.bulan_berangkat.text().strip(),
            "jalur_pmi": str(self.jalur_pmi.currentData() or "") if self._migrant else "",
            "jht_pmi": str(self.jht_pmi.currentData() or ""),
        }


def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace every item after the first ("none") keeping the current choice when it still exists."""
    current = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(1)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
