"""The full record leaves the core only through the audited view (read from the source, no database):

* no door (``ui``, ``app/cli``) names a builder of the full record that skips the audit
  (``member_dto``, ``resolve_member``, the retired ``find_member``);
* every service a door can call with a ``ServiceContext`` that returns a full record checks the
  right to view it and writes the audit event in the service itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOORS = (ROOT / "ui", ROOT / "app" / "cli")
SERVICES = ROOT / "app" / "services"
# Builders of the full record that write no audit event; a door never names them.
UNAUDITED = frozenset({"find_member", "member_dto", "resolve_member"})
FULL_RECORDS = ("MemberDTO", "MemberRecordDTO")


def _modules(*folders: Path) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _names(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every name a module imports, reads or reads as an attribute, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.rsplit(".", 1)[-1]
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, ast.Name):
            yield node.lineno, node.id


def test_no_door_names_an_unaudited_full_record_builder() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path, tree in _modules(*DOORS)
        for line, name in _names(tree)
        if name in UNAUDITED
    ]
    assert found == [], "open the full record with records.open_member_record (audited)"


def _first_parameter_type(fn: ast.FunctionDef) -> str:
    args = fn.args.posonlyargs + fn.args.args
    return ast.unparse(args[0].annotation) if args and args[0].annotation is not None else ""


def _calls(fn: ast.FunctionDef) -> set[str]:
    out = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            f = node.func
            out.add(f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else "")
    return out


def _door_services_returning_a_full_record() -> list[tuple[str, ast.FunctionDef]]:
    out = []
    for path, tree in _modules(SERVICES):
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") or node.returns is None:
                continue
            returns = ast.unparse(node.returns)
            if _first_parameter_type(node) == "ServiceContext" and any(t in returns for t in FULL_RECORDS):
                out.append((f"{path.relative_to(ROOT)}:{node.name}", node))
    return out


def test_every_service_that_returns_a_full_record_checks_the_right_and_audits_the_view() -> None:
    services = _door_services_returning_a_full_record()
    assert "app/services/records.py:open_member_record" in [name for name, _ in services]
    unaudited = [
        name
        for name, fn in services
        if not {"authorize", "append_event"} <= _calls(fn) or "VIEW_RECORD" not in ast.unparse(fn)
    ]
    assert unaudited == [], "a full record is shown only after authorize(VIEW_RECORD) and an audit event"


def test_the_rule_sees_a_door_that_would_skip_the_audit() -> None:
    """The checks above find what they look for (a guard that finds nothing proves nothing)."""
    door = ast.parse("from app.services.members import find_member\nm = members.member_dto(s, ctx, row)\n")
    assert [name for _, name in _names(door) if name in UNAUDITED] == ["find_member", "member_dto"]
    (service,) = ast.parse(
        "def peek(ctx: ServiceContext, key: str) -> MemberDTO | None:\n    return ctx.read(lambda s: member_dto(s, ctx, key))\n"
    ).body
    assert isinstance(service, ast.FunctionDef)
    assert _first_parameter_type(service) == "ServiceContext"
    assert not {"authorize", "append_event"} <= _calls(service)
