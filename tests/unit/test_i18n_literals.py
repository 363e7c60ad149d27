"""No user-visible literal in ui/ is left bare: every one goes through translate(...) (no Qt needed)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"

# Calls whose text arguments a user reads: name -> positions of the text arguments (None: all).
TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    **dict.fromkeys(
        (
            "setText",
            "setWindowTitle",
            "setToolTip",
            "setPlaceholderText",
            "setAccessibleName",
            "setAccessibleDescription",
            "setStatusTip",
            "setWhatsThis",
            "setTitle",
            "setLabelText",
            "setInformativeText",
            "setDetailedText",
            "setCancelButtonText",
            "setSpecialValueText",
            "setSuffix",
            "setPrefix",
            "showMessage",
            "addItem",
            "insertItem",
            "QLabel",
            "QPushButton",
            "QCheckBox",
            "QRadioButton",
            "QGroupBox",
            "QAction",
            "QTableWidgetItem",
            "QListWidgetItem",
            "primary_button",
            "set_error",
            "set_hint",
            "show_error",
            "Column",  # ui.models.rows: a table column's title
        ),
        (0,),
    ),
    **dict.fromkeys(("addTab", "setTabText", "FieldRow", "show_message", "setItemText"), (1,)),
    **dict.fromkeys(("setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItems"), None),
    **dict.fromkeys(("information", "warning", "critical", "question", "about"), None),  # QMessageBox.*
    **dict.fromkeys(("getSaveFileName", "getOpenFileName", "getExistingDirectory"), (1,)),
    "Issue": (2,),  # findings the interface makes itself are shown at the field like the core's
}
TEXT_KEYWORDS = {"hint", "title", "text", "label", "confirm_text", "placeholder", "caption"}
# Calls whose arguments are never shown: object names, style properties, codes, logs.
NOT_SHOWN = {
    "setObjectName",
    "setProperty",
    "property",
    "setStyleSheet",
    "getattr",
    "hasattr",
    "setattr",
    "findChild",
    "findChildren",
    "QKeySequence",
    "QShortcut",
    "QFont",
    "setDisplayFormat",
    "startswith",
    "endswith",
    "split",
    "join",
    "replace",
    "strip",
    "removeprefix",
    "strftime",
    "debug",
    "info",
    "exception",
    "error",
    "print",
    "text",  # sqlalchemy.text
    "execute",
    "with_suffix",
    "sub",  # re.sub patterns
    "get",
    "setData",
    "translate",
    "QT_TRANSLATE_NOOP",
    "format",
    "format_date",
    "emit",
    "show_page_named",
    "setApplicationName",  # the product's name, not a word
    "setOrganizationName",
    "QPageSize",
    "TypeError",  # a programming error, never meant for the officer
    "NotImplementedError",
}
_LOGGERS = {"log", "logger", "logging"}
# Non-words a user may read as they are.
ALLOWED = {"—", "Rp", "NIK", "NPP", "KPJ", "L/P", "QR", "PDF", "CSV", "XLSX", "◆ Loket", "OK"}
_CODE = re.compile(
    r"[a-z0-9_.\-/:%*]+|[A-Z0-9_]+|[a-z]+([A-Z][A-Za-z0-9_]*)+|[A-Z][a-z]+([A-Z][A-Za-z0-9]*)+|"
    r"(Ctrl|Shift|Alt)\+[A-Za-z0-9+]+|F\d{1,2}|Enter|Esc|Tab|Tab / Shift\+Tab|[\w\-. ]+\.(pdf|ttf|xlsx|csv)|"
    r"[a-z][a-z0-9+]*://[\w@.:/\-]+"  # an example address (database URL), the same in every language
)
_PROSE = re.compile(r"[A-Za-z]{2,}")


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _texts(node: ast.AST) -> list[tuple[int, str]]:
    """Bare literals in an argument, looking through lists, conditionals, ``or`` and ``+``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.lineno, node.value)]
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        return [(node.lineno, "".join(str(p) for p in parts))]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [t for e in node.elts for t in _texts(e)]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [t for v in node.values for t in _texts(v)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _texts(node.left) + _texts(node.right)
    return []


def _visible(text: str) -> bool:
    stripped = text.strip(" \n:·()")
    return bool(_PROSE.search(text)) and stripped not in ALLOWED and not _CODE.fullmatch(stripped)


def bare_literals(root: Path = UI) -> list[tuple[str, int, str, str]]:
    """``(file, line, call, text)`` for every user-visible literal not passed through translate()."""
    found: list[tuple[str, int, str, str]] = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "i18n_domain.py":
            continue
        rel = str(path.relative_to(root.parent))
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = _name(call)
            owner = call.func.value if isinstance(call.func, ast.Attribute) else None
            if name in NOT_SHOWN or (isinstance(owner, ast.Name) and owner.id in _LOGGERS):
                continue
            # An exception's text reaches the officer through str(exc).
            positions = (0,) if name.endswith("Error") else TEXT_CALLS.get(name, ())
            args = [a for i, a in enumerate(call.args) if positions is None or i in positions]
            args += [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
            for arg in args:
                found += [(rel, line, name, text) for line, text in _texts(arg) if _visible(text)]
            # Any other call: a sentence-like literal (a capitalised word, or several words) is text too.
            others = [a for i, a in enumerate(call.args) if not (positions is None or i in positions)]
            others += [k.value for k in call.keywords if k.arg not in TEXT_KEYWORDS and k.arg != "objectName"]
            for arg in others:
                found += [
                    (rel, line, name, text)
                    for line, text in _texts(arg)
                    if _visible(text) and (" " in text.strip() or re.match(r"[A-Z][a-z]", text))
                ]
    return sorted(found)


def test_every_visible_literal_in_ui_is_translated() -> None:
    bare = bare_literals()
    assert not bare, "wrap these in translate(...):\n" + "\n".join(
        f"{f}:{line}: {call}({text!r})" for f, line, call, text in bare
    )


def test_the_checker_sees_bare_literals(tmp_path: Path) -> None:
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "page.py").write_text(
        "from ui.i18n import translate\n"
        "def build(label, row, box, n):\n"
        "    label.setText('Simpan')\n"
        "    label.setText(f'{n} peserta')\n"
        "    row = FieldRow('nik', 'Nama lengkap', box)\n"
        "    label.setText(translate('Page', 'Simpan'))\n"
        "    label.setObjectName('saveButton')\n"
        "    label.setText('—')\n"
        "    helper(box, 'Sudah dibayar penuh')\n",
        encoding="utf-8",
    )
    texts = [text for _f, _line, _call, text in bare_literals(ui)]
    assert texts == ["Simpan", "{} peserta", "Nama lengkap", "Sudah dibayar penuh"]
