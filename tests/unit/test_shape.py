"""Rooms a newcomer can read: no class in ``ui/`` over 400 lines, no module in ``app/`` over 600, and
every public class in ``ui/`` says in one line what it is for (read with ``ast``; no Qt needed)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_CLASS_LINES = 400
APP_MODULE_LINES = 600


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _classes(tree: ast.AST) -> Iterator[ast.ClassDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            yield node


def _public_classes(body: list[ast.stmt]) -> Iterator[ast.ClassDef]:
    """Classes ruff's D101 calls public: named without a leading underscore, in public classes only."""
    for node in body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield node
            yield from _public_classes(node.body)


def test_no_ui_class_is_over_400_lines() -> None:
    too_long = []
    for path in _sources("ui"):
        for node in _classes(ast.parse(path.read_text(encoding="utf-8"))):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > UI_CLASS_LINES:
                too_long.append(f"{path.relative_to(ROOT)}: {node.name} ({lines} lines)")
    assert not too_long, "split these along their parts (one role per class):\n" + "\n".join(too_long)


def test_no_app_module_is_over_600_lines() -> None:
    too_long = []
    for path in _sources("app"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > APP_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert not too_long, "one job per module; split these:\n" + "\n".join(too_long)


def test_every_public_ui_class_has_a_docstring() -> None:
    bare = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for path in _sources("ui")
        for node in _public_classes(ast.parse(path.read_text(encoding="utf-8")).body)
        if ast.get_docstring(node) is None
    ]
    assert not bare, "say in one line what each class is for:\n" + "\n".join(bare)


def test_the_shape_checks_see_the_code() -> None:
    """The checks above read real files: the intake page is found and measured."""
    tree = ast.parse((ROOT / "ui" / "pages" / "intake.py").read_text(encoding="utf-8"))
    names = {node.name for node in _classes(tree)}
    assert "IntakePage" in names
    assert len(_sources("app")) > 50 and len(_sources("ui")) > 50
