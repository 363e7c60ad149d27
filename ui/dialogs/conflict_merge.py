"""Gabungkan per kolom: a member changed on an outreach laptop and at the branch, side by side; the
supervisor takes the laptop's or the branch's value for each field that differs.

Every choice is a combo box reachable by Tab (typing L or C picks the side); Alt+L and Alt+C take a
whole side where the rules allow it; Ctrl+Enter (or Enter in the password) merges. Which side a
field starts on, and what may be chosen, is the core's decision (``FieldSides``); the merge itself
is ``packages.merge_conflict``, whose refusals appear at the field they are about.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QWidget,
)

from app.domain.issues import Issue
from app.domain.member_merge import STATUS, FieldSides, Side
from app.domain.states import RecordStatus
from app.services import packages
from app.services.packages import ConflictDetailDTO
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line, password_field
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish


def shown_value(field: str, value: str | None) -> str:
    """A field's value as the supervisor reads it."""
    if not value:
        return "—"
    if field == STATUS:
        if value == RecordStatus.ACTIVE:
            return display.record_status(RecordStatus.ACTIVE)
        return translate("ConflictMergeDialog", "Nonaktif: {reason}").format(
            reason=display.deactivation_reason(value)
        )
    if field == "jenis_kelamin":
        return f"{value} — {display.gender(value)}"
    return value


def _text(value: str, *, name: str, changed: bool) -> QLabel:
    # One line each (a wrapped label would make the grid's height depend on its width, which a
    # dialog does not honour): a long value is cut, whole in the tooltip.
    label = QLabel(value if len(value) <= 34 else value[:33] + "…")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # typed by people
    label.setToolTip(value)
    label.setProperty("role", "changed" if changed else "")
    if changed:
        label.setStyleSheet("font-weight: bold;")
    return label


class ConflictMergeDialog(MemberDialog):
    """``succeeded`` carries the ``MergeResultDTO``."""

    def __init__(self, ui: UiContext, detail: ConflictDetailDTO, parent: QWidget | None = None) -> None:
        c = detail.conflict
        source = detail.source_name or c.source_code
        super().__init__(
            ui,
            object_name="conflictMergeDialog",
            title=translate("ConflictMergeDialog", "Gabungkan data peserta per kolom"),
            intro=translate(
                "ConflictMergeDialog",
                "{name} · {number} — diubah di laptop {source} dan di cabang sejak sinkron terakhir laptop itu. "
                "Untuk tiap kolom yang berbeda, pilih data laptop (L) atau data cabang (C). Kolom yang hanya diubah "
                "di satu tempat sudah terpilih; yang diubah di keduanya wajib dipilih.",
            ).format(name=c.name, number=display.grouped(c.number), source=source),
            confirm_text=translate("ConflictMergeDialog", "Gabungkan  (Ctrl+Enter)"),
            parent=parent,
        )
        self.detail = detail
        self.confirm.setDefault(False)  # Enter moves on in the choices; Ctrl+Enter merges
        self.confirm.setAutoDefault(False)
        self.choices: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        heads = (
            translate("ConflictMergeDialog", "Kolom"),
            translate("ConflictMergeDialog", "Laptop {source}").format(source=c.source_code),
            translate("ConflictMergeDialog", "Cabang"),
            translate("ConflictMergeDialog", "Pakai"),
        )
        for col, text in enumerate(heads):
            head = QLabel(text)
            head.setProperty("role", "fieldLabel")
            grid.addWidget(head, 0, col)
        for i, f in enumerate(detail.fields, start=1):
            name = QLabel(display.label(f.label))
            grid.addWidget(name, i, 0)
            grid.addWidget(
                _text(self._side_text(f, Side.LAPTOP), name=f"laptop_{f.field}", changed=f.laptop_changed),
                i,
                1,
            )
            grid.addWidget(
                _text(self._side_text(f, Side.BRANCH), name=f"branch_{f.field}", changed=f.branch_changed),
                i,
                2,
            )
            combo = self._choice(f)
            name.setBuddy(combo)
            grid.addWidget(combo, i, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(3, 230)
        self.body.addLayout(grid)
        legend = QLabel(
            translate(
                "ConflictMergeDialog", "Huruf tebal: diubah di tempat itu sejak sinkron terakhir laptop."
            )
        )
        legend.setObjectName("pageHint")
        self.body.addWidget(legend)
        self.body.addWidget(self._history(detail))
        sides = QHBoxLayout()
        self.all_laptop = QPushButton(translate("ConflictMergeDialog", "Semua dari &laptop"))
        self.all_laptop.setObjectName("mergeAllLaptop")
        self.all_branch = QPushButton(translate("ConflictMergeDialog", "Semua dari &cabang"))
        self.all_branch.setObjectName("mergeAllBranch")
        sides.addWidget(self.all_laptop)
        sides.addWidget(self.all_branch)
        sides.addStretch(1)
        self.body.addLayout(sides)
        self.note = line("mergeNote", max_len=400)
        self.body.addWidget(
            self.row("note", translate("ConflictMergeDialog", "Catatan (boleh kosong)"), self.note)
        )
        self.password = password_field("mergePassword")
        self.body.addWidget(
            self.row(
                "password",
                translate("ConflictMergeDialog", "Kata sandi {username} (konfirmasi)").format(
                    username=ui.actor.username
                ),
                self.password,
                required=True,
            )
        )
        self.all_laptop.clicked.connect(lambda: self.take_all(Side.LAPTOP))
        self.all_branch.clicked.connect(lambda: self.take_all(Side.BRANCH))
        self.note.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.setMinimumWidth(940)
        outer = self.layout()
        assert outer is not None
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # an error line grows the dialog
        self.set_focus_order(
            [*self.choices.values(), self.all_laptop, self.all_branch, self.note, self.password]
        )

    @staticmethod
    def _side_text(f: FieldSides, side: Side) -> str:
        return shown_value(f.field, f.laptop if side is Side.LAPTOP else f.branch)

    def _choice(self, f: FieldSides) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"take_{f.field}")
        combo.setAccessibleName(display.label(f.label))
        if f.default is None:
            combo.addItem(translate("ConflictMergeDialog", "— pilih —"), None)
        if not f.only_branch:
            combo.addItem(
                translate("ConflictMergeDialog", "Laptop: {value}").format(
                    value=self._side_text(f, Side.LAPTOP)[:40]
                ),
                Side.LAPTOP.value,
            )
        combo.addItem(
            translate("ConflictMergeDialog", "Cabang: {value}").format(
                value=self._side_text(f, Side.BRANCH)[:40]
            ),
            Side.BRANCH.value,
        )
        if f.default is not None:
            combo.setCurrentIndex(combo.findData(f.default.value))
        self.choices[f.field] = combo
        return combo

    def _history(self, detail: ConflictDetailDTO) -> QFrame:
        box = QFrame()
        box.setObjectName("mergeHistory")
        v = QGridLayout(box)
        v.setContentsMargins(0, 4, 0, 4)
        lines = [
            translate("ConflictMergeDialog", "Laptop: {summary} — {reason} ({by})").format(
                summary=ch.summary, reason=ch.reason or "—", by=ch.by or "—"
            )
            for ch in detail.laptop_changes
        ] + [
            translate("ConflictMergeDialog", "Cabang: {summary}").format(summary=t)
            for t in detail.branch_changes
        ]
        text = QLabel("\n".join(lines))
        text.setObjectName("mergeChanges")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        v.addWidget(text, 0, 0)
        return box

    def clear_issues(self) -> None:
        super().clear_issues()
        for combo in getattr(self, "choices", {}).values():
            combo.setProperty("invalid", False)
            repolish(combo)

    def show_issues(self, issues: list[Issue]) -> None:
        """A field's refusal frames its choice in red and is listed under the form (one line per
        issue: a wrapped line inside the grid would not grow the dialog)."""
        mine = [i for i in issues if i.field in self.choices]
        super().show_issues(issues)  # the choices are not field rows: every message is listed
        for issue in mine:
            combo = self.choices[issue.field]
            combo.setProperty("invalid", True)
            repolish(combo)
        if mine:
            self.choices[mine[0].field].setFocus()

    def take_all(self, side: Side) -> None:
        """Every field to one side, where that side may be taken (a standing stays the branch's)."""
        for combo in self.choices.values():
            i = combo.findData(side.value)
            if i >= 0:
                combo.setCurrentIndex(i)

    def chosen(self) -> dict[str, str]:
        return {f: str(c.currentData()) for f, c in self.choices.items() if c.currentData() is not None}

    def submit(self) -> None:
        if not self.password.text():
            self.show_issues(
                [
                    Issue(
                        "password",
                        "password.empty",
                        translate("ConflictMergeDialog", "Masukkan kata sandi Anda untuk menggabungkan."),
                    )
                ]
            )
            return
        ctx, actor, cid = self.ui.ctx, self.ui.actor, self.detail.conflict.id or 0
        choices, password, note = self.chosen(), self.password.text(), " ".join(self.note.text().split())
        self.run(lambda: packages.merge_conflict(ctx, actor, cid, choices, password=password, note=note))
