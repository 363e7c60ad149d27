"""SQL text lives in app/db only (issue 15): use cases build queries with SQLAlchemy's expressions,
or call a function of app/db; they never hold a statement's text or talk to a driver themselves.

A service that needs a statement SQLAlchemy cannot express (a driver-level hot path, a pragma, a
PostgreSQL lock) asks an app/db module for it, so each invariant (serials, the audit chain's head,
the day's lock) has one implementation, whichever door calls it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "app" / "services"
SQL_START = re.compile(
    r"^\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|WITH|LOCK|CREATE|DROP|ALTER|BEGIN|VACUUM|SET|TRUNCATE)\s",
    re.IGNORECASE,
)
# Calls that run SQL text, whatever the receiver is called.
RAW_CALLS = {"exec_driver_sql", "text", "executescript"}
DRIVER_MODULES = {
    "sqlite3",
    "psycopg",
    "psycopg2",
}  # a connection of their own (psycopg.conninfo only parses)
# Nothing is allowed today. An entry here needs the reason it cannot move to app/db.
ALLOWED: dict[tuple[str, int], str] = {}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (prose, even when it starts with "SELECT")."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts, the values as blanks
        return "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)
    return None


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) for each piece of SQL text or raw driver call in a module's source."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found: list[tuple[int, str]] = []
    inside_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if name in RAW_CALLS:
                found.append((node.lineno, f"{name}(…)"))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [(node.lineno, f"import {m}") for m in modules if m in DRIVER_MODULES]
        elif id(node) not in docs and id(node) not in inside_fstring:
            text = _literal_text(node)
            if text is not None and SQL_START.match(text):
                found.append((getattr(node, "lineno", 0), text.strip()[:60]))
    return found


def test_no_module_under_app_services_holds_sql_text() -> None:
    offenders = []
    for path in sorted(SERVICES.rglob("*.py")):
        rel = path.relative_to(SERVICES.parents[1]).as_posix()
        for line, what in sql_in(path.read_text(encoding="utf-8")):
            if (rel, line) not in ALLOWED:
                offenders.append(f"{rel}:{line}: {what}")
    assert offenders == [], "SQL text belongs in app/db:\n" + "\n".join(offenders)


def test_the_scan_finds_each_kind_of_sql_text() -> None:
    """The guard itself: each way SQL text has been written in services is caught."""
    source = '''
"""SELECT in a module docstring is prose."""
import sqlite3
from sqlalchemy import text
_TAKE = "UPDATE number_sequence SET next_serial = next_serial + 1 WHERE branch_id = ?"
_JOINED = (
    "SELECT b.id FROM branch b"
    " JOIN number_sequence n ON n.branch_id = b.id"
)
def f(session, conn, driver, marks, fn):
    """DELETE in a docstring is prose too."""
    session.execute(text("SELECT 1"))
    conn.exec_driver_sql("PRAGMA secure_delete = ON")
    driver.execute(f"select nik from member where nik in ({marks})")
    session.execute(sa.text(f"SELECT {fn}(:k)"))
    message = "Pilih bulan yang dibayar."
'''
    found = sql_in(source)
    lines = sorted(line for line, _ in found)
    assert lines == [3, 5, 7, 12, 12, 13, 13, 14, 15, 15]
    assert not any("Pilih" in what for _, what in found)
