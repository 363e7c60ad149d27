"""The supervisor's count of each officer's cash at the day's close: counted, difference, reason.

One row per officer who took cash that day (``OfficerTakings``). The rules (every such officer
counted, a difference needs a reason) are ``app.domain.cash.check_cash_counts``'s, enforced by
``close_day``; this form only collects the figures and shows the service's issues at their fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.domain.cash import parse_rupiah
from app.domain.day_summary import OfficerTakings
from app.domain.issues import Issue
from ui import i18n
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow


def _text(row: FieldRow) -> str:
    return cast(QLineEdit, row.editor).text()


class CashCountForm(QWidget):
    """One row per officer who took cash: the amount counted and, for a difference, the reason."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("cashCountForm")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self.expected: dict[str, int] = {}
        self.counted: dict[str, FieldRow] = {}
        self.reasons: dict[str, FieldRow] = {}
        self.differences: dict[str, QLabel] = {}
        self.empty = QLabel(translate("CashCountForm", "Tidak ada uang tunai yang diterima hari ini."))
        self.empty.setProperty("role", "caption")
        self.grid.addWidget(self.empty, 0, 0, 1, 2)

    def editors(self) -> list[QWidget]:
        """In Tab order: each officer's count, then its reason."""
        out: list[QWidget] = []
        for who in self.counted:
            out += [self.counted[who].editor, self.reasons[who].editor]
        return out

    def show_takings(self, takings: Sequence[OfficerTakings]) -> None:
        """One row per officer who took cash; what was typed for an officer still listed stays."""
        kept = {who: (_text(r), _text(self.reasons[who])) for who, r in self.counted.items()}
        for row in (*self.counted.values(), *self.reasons.values(), *self.differences.values()):
            self.grid.removeWidget(row)
            row.deleteLater()
        self.counted, self.reasons, self.differences = {}, {}, {}
        self.expected = {t.officer: t.cash for t in takings if t.cash}
        self.empty.setVisible(not self.expected)
        for i, (who, cash) in enumerate(sorted(self.expected.items()), start=1):
            counted = QLineEdit()
            counted.setObjectName(f"cashCounted_{who}")
            counted.setMaxLength(20)
            reason = QLineEdit()
            reason.setObjectName(f"cashReason_{who}")
            reason.setMaxLength(200)
            self.counted[who] = FieldRow(
                f"kas.{who}",
                translate("CashCountForm", "{officer}: uang dihitung (menurut pembayaran {amount})").format(
                    officer=who, amount=i18n.money(cash)
                ),
                counted,
                required=True,
            )
            self.reasons[who] = FieldRow(
                f"alasan.{who}",
                translate("CashCountForm", "{officer}: alasan bila tidak cocok").format(officer=who),
                reason,
            )
            difference = QLabel()
            difference.setObjectName(f"cashDifference_{who}")
            difference.setTextFormat(Qt.TextFormat.PlainText)
            difference.setProperty("role", "derived")
            self.differences[who] = difference
            self.grid.addWidget(self.counted[who], 3 * i, 0)
            self.grid.addWidget(difference, 3 * i + 1, 0)
            self.grid.addWidget(self.reasons[who], 3 * i + 2, 0)
            for w in (self.counted[who], difference, self.reasons[who]):
                w.setVisible(True)  # at once, not on the layout's next pass: focus may go there now
            counted.textEdited.connect(lambda _t, w=who: self._show_difference(w))
            if who in kept:
                counted.setText(kept[who][0])
                reason.setText(kept[who][1])
            self._show_difference(who)

    def _show_difference(self, who: str) -> None:
        self.counted[who].set_error(None)
        text = _text(self.counted[who])
        got = parse_rupiah(text)
        label = self.differences[who]
        if got is None:
            label.setText("")
            return
        diff = got - self.expected[who]
        label.setText(
            translate("CashCountForm", "Cocok")
            if diff == 0
            else translate("CashCountForm", "Selisih {amount}: tulis alasannya").format(
                amount=i18n.money(diff)
            )
        )

    def values(self) -> tuple[dict[str, int], dict[str, str], list[Issue]]:
        """(counted, reasons, issues of what cannot be read as rupiah)."""
        counted: dict[str, int] = {}
        issues: list[Issue] = []
        for who, row in self.counted.items():
            text = _text(row)
            if not text.strip():
                continue  # the service names every officer still to be counted
            value = parse_rupiah(text)
            if value is None:
                issues.append(
                    Issue(
                        f"kas.{who}",
                        "cash.count_invalid",
                        translate("CashCountForm", "Tulis jumlah rupiah, mis. 350000 atau 350.000."),
                    )
                )
            else:
                counted[who] = value
        reasons = {who: _text(r) for who, r in self.reasons.items()}
        return counted, reasons, issues

    def show_issues(self, issues: Sequence[Issue]) -> list[Issue]:
        """Each issue at its officer's field; returns the ones that belong to no field here."""
        for row in (*self.counted.values(), *self.reasons.values()):
            row.set_error(None)
        loose: list[Issue] = []
        first: FieldRow | None = None
        for issue in issues:
            row = {r.key: r for r in (*self.counted.values(), *self.reasons.values())}.get(issue.field)
            if row is None:
                loose.append(issue)
                continue
            row.set_error(display.message(issue.message))
            first = first or row
        if first is not None:
            first.editor.setFocus()
        return loose

    def clear(self) -> None:
        for row in (*self.counted.values(), *self.reasons.values()):
            cast(QLineEdit, row.editor).clear()
            row.set_error(None)
