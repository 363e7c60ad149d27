"""Small building blocks shared by pages: labelled fields with an error line, banners, buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.rows import Column, RowsModel
from ui.theme import repolish

T = TypeVar("T")


class FieldRow(QWidget):
    """Label above the input, an optional hint, and a red error line under it."""

    def __init__(
        self, key: str, label: str, editor: QWidget, *, hint: str = "", required: bool = False
    ) -> None:
        super().__init__()
        self.key = key
        self.editor = editor
        self.setObjectName(f"row_{key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        self.label = QLabel(label + (" *" if required else ""))
        self.label.setProperty("role", "fieldLabel")
        self.label.setBuddy(editor)
        layout.addWidget(self.label)
        layout.addWidget(editor)
        self.hint = QLabel(hint)
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.hint)  # in the layout first: a parentless widget made visible is a window
        self.hint.setVisible(bool(hint))
        self.error = QLabel()
        self.error.setObjectName(f"error_{key}")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # officer input is never rendered as markup
        self.error.setVisible(False)
        layout.addWidget(self.error)
        editor.setAccessibleName(label)
        if not editor.objectName():
            editor.setObjectName(f"field_{key}")

    def set_error(self, message: str | None, *, warning: bool = False) -> None:
        self.error.setProperty("role", "warning" if warning else "error")
        repolish(self.error)
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message) and not warning)
        repolish(self.editor)
        if message:
            self.editor.setAccessibleDescription(message)
        else:
            self.editor.setAccessibleDescription("")

    def set_hint(self, text: str, *, role: str | None = None) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        if role:
            self.hint.setProperty("role", role)
            repolish(self.hint)


class Banner(QFrame):
    """A coloured message box inside a page (never a dialog stacked on a dialog)."""

    def __init__(self, object_name: str = "banner") -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setProperty("kind", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.text = QLabel()
        self.text.setObjectName(object_name + "Text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text, 1)
        self.action = QPushButton()
        self.action.setObjectName(object_name + "Action")
        self.action.setVisible(False)
        layout.addWidget(self.action)
        self.setVisible(False)

    def show_message(self, kind: str, text: str) -> None:
        self.setProperty("kind", kind)
        repolish(self)
        self.text.setText(text)
        self.setVisible(True)

    def clear(self) -> None:
        self.setVisible(False)
        self.text.clear()
        self.action.setVisible(False)


REFRESH_KEY = "Ctrl+U"  # "perbarui": F5 opens Verifikasi Kartu everywhere, so refreshing has its own key


def primary_button(text: str, object_name: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(object_name)
    b.setProperty("primary", True)
    b.setAccessibleName(text)
    return b


def line_edit(name: str, max_len: int) -> QLineEdit:
    """A one-line text field with its object name and the longest text it takes."""
    e = QLineEdit()
    e.setObjectName(name)
    e.setMaxLength(max_len)
    return e


def choice_combo(name: str, items: list[tuple[str, str]], *, editable: bool = False) -> QComboBox:
    """A drop-down of (value, text) items; an editable one completes what is typed from anywhere in a text."""
    c = QComboBox()
    c.setObjectName(name)
    for value, text in items:
        c.addItem(text, value)
    c.setEditable(editable)
    # Long item texts (occupation names) must not widen the whole form.
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(12)
    if editable:
        c.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = c.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return c


def record_table(name: str, accessible: str, model: Any, stretch: int) -> QTableView:
    """A read-only, one-row-at-a-time table of records (Tab leaves it; arrows move in it)."""
    t = QTableView()
    t.setObjectName(name)
    t.setAccessibleName(accessible)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.setTabKeyNavigation(False)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(30)
    header = t.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def rows_table(
    name: str, accessible: str, columns: Sequence[Column[T]], stretch: int
) -> tuple[RowsModel[T], QTableView]:
    """A :func:`record_table` over a new :class:`RowsModel` of ``columns`` (rows set later)."""
    model: RowsModel[T] = RowsModel(columns)
    return model, record_table(name, accessible, model, stretch)
