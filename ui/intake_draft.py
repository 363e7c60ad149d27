"""An intake form not saved yet, kept in memory for its officer across a hand-over of the counter.

Only in this process's memory (never on disk: it holds a NIK and a name). The officer who logs back
in gets the form back as it was; anyone else never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

if TYPE_CHECKING:
    from ui.pages.intake import IntakePage

# Restored first: the segment decides which fields are enabled, the NIK fills the village list.
_FIRST = ("segmen", "nik")


@dataclass(frozen=True, slots=True)
class IntakeDraft:
    """An intake form not saved yet, kept in memory for its officer."""

    texts: tuple[tuple[str, str], ...]  # line edits: field key → text
    choices: tuple[tuple[str, Any, str], ...]  # combo boxes: field key → (item data, shown text)
    checks: tuple[tuple[str, bool], ...]  # check boxes (programmes, the mismatch confirmation)

    def describe(self) -> str:
        """What the officer typed, in a few words (the name, else the NIK), for the question asked."""
        values = dict(self.texts)
        return (values.get("nama") or values.get("nik") or "").strip()


def _checkboxes(page: IntakePage) -> list[QCheckBox]:
    return [*page.programmes.values(), page.confirm_mismatch]


def has_unsaved_data(page: IntakePage) -> bool:
    """Something typed into the form that is not saved (defaults chosen by the form do not count)."""
    if page.after.saved_member is not None:
        return False  # saved: what is on screen is the member's record
    for row in page.rows.values():
        editor = row.editor
        if isinstance(editor, QLineEdit) and editor.text().strip():
            return True
    return False


def capture(page: IntakePage) -> IntakeDraft:
    texts: list[tuple[str, str]] = []
    choices: list[tuple[str, Any, str]] = []
    for key, row in page.rows.items():
        editor = row.editor
        if isinstance(editor, QLineEdit):
            texts.append((key, editor.text()))
        elif isinstance(editor, QComboBox):
            choices.append((key, editor.currentData(), editor.currentText()))
    checks = [(cb.objectName(), cb.isChecked()) for cb in _checkboxes(page)]
    return IntakeDraft(tuple(texts), tuple(choices), tuple(checks))


def _set_choice(combo: QComboBox, data: Any, text: str) -> None:
    index = combo.findData(data) if data not in (None, "") else -1
    if index < 0:
        index = combo.findText(text)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable():
        combo.setEditText(text)  # typed by hand, not one of the items


def restore(page: IntakePage, draft: IntakeDraft) -> None:
    """Put the form back as it was captured (a fresh form first: the next worker's defaults)."""
    page.reset()
    texts = dict(draft.texts)
    choices = {key: (data, text) for key, data, text in draft.choices}
    if "segmen" in choices:
        _set_choice(page.segmen, *choices["segmen"])
        page.form.apply_segment()
    page.nik.setText(texts.get("nik", ""))
    page._on_nik_edited(page.nik.text())
    for key, text in texts.items():
        editor = page.rows[key].editor if key in page.rows else None
        if key not in _FIRST and isinstance(editor, QLineEdit):
            editor.setText(text)
    for key, (data, text) in choices.items():
        editor = page.rows[key].editor if key in page.rows else None
        if key not in _FIRST and isinstance(editor, QComboBox):
            _set_choice(editor, data, text)
    by_name = {cb.objectName(): cb for cb in _checkboxes(page)}
    for name, checked in draft.checks:
        if name in by_name and by_name[name].isEnabled():
            by_name[name].setChecked(checked)
    page.flow.touched.update(key for key, text in texts.items() if text.strip())
    page._validate()
