"""Pendaftaran's live quote: the contribution for the record as typed, from the rate book loaded once
when the page opens (pure arithmetic on the GUI thread: well under a millisecond)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from app.domain.contributions import quote_record
from app.domain.months import Month
from app.domain.rates import RateBook
from app.services import contributions
from ui.context import UiContext
from ui.dialogs.counter_quote import QuotePanel
from ui.i18n import translate
from ui.intake_terms import SegmentTerms


class IntakeQuote(QObject):
    """Loads the rate book in the background and shows the quote of a record on the quote panel."""

    def __init__(
        self,
        ui: UiContext,
        panel: QuotePanel,
        terms: SegmentTerms,
        record: Callable[[], dict[str, Any]],
        today: Callable[[], dt.date],
    ) -> None:
        super().__init__(panel)
        self.ui = ui
        self.panel = panel
        self.terms = terms  # the PMI terms offered depend on the rates in force
        self.record = record  # the form as an intake record
        self.today = today
        self.book: RateBook | None = None

    def load(self) -> None:
        self.ui.runner.run(
            lambda: contributions.rate_book(self.ui.ctx),
            on_success=self._on_book_loaded,
            on_error=self._on_book_failed,
        )

    def _on_book_loaded(self, book: RateBook) -> None:
        self.book = book
        self.terms.set_choices(book, Month.of(self.today()))
        self.refresh()

    def _on_book_failed(self, _exc: BaseException) -> None:
        self.panel.show_message(
            translate(
                "IntakePage",
                "Tabel tarif tidak dapat dimuat; iuran tidak dihitung. Buka ulang halaman atau hubungi IT.",
            ),
            warning=True,
        )

    def refresh(self) -> None:
        """The quote of the record as typed, or what is missing to make one."""
        if self.book is None:
            return
        raw = self.record()
        if not str(raw.get("penghasilan") or "").strip():
            self.panel.show_message(
                translate("IntakePage", "Isi penghasilan per bulan untuk menghitung iuran.")
            )
            return
        months = int(raw.get("bulan_bayar") or 0)
        start = Month.of(self.today())
        ref = self.ui.ctx.reference
        if months <= 0:
            self.panel.show_unpaid(quote_record(self.book, ref, raw, start=start, months=1))
            return
        self.panel.show_result(quote_record(self.book, ref, raw, start=start, months=months), months)
