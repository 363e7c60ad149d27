"""Messages made from a template and values (``app.domain.messages``): the text the CLI prints, the
template the window translates, the values an Issue carries."""

from __future__ import annotations

import ast
import json
import pickle
from pathlib import Path

from app.domain.issues import Issue
from app.domain.messages import Message, msg, params_of

APP = Path(__file__).resolve().parents[2] / "app"


def test_a_message_is_its_indonesian_text() -> None:
    m = msg("Koreksi {ref} tidak ada.", ref="#3")
    assert m == "Koreksi #3 tidak ada." and isinstance(m, str)
    assert m.template == "Koreksi {ref} tidak ada." and m.params == {"ref": "#3"}
    assert f"{m}" == "Koreksi #3 tidak ada." and m.upper() == "KOREKSI #3 TIDAK ADA."


def test_values_are_shown_whole_even_when_they_look_like_templates() -> None:
    hostile = "{0}{ref!r}{{}}'; DROP TABLE member; --"
    m = msg("Kolom '{k}' tidak dikenal.", k=hostile)
    assert m == f"Kolom '{hostile}' tidak dikenal." and m.params == {"k": hostile}


def test_an_issue_carries_its_code_and_values() -> None:
    issue = Issue("nomor", "member.not_found", msg("Peserta '{key}' tidak ditemukan.", key="123"))
    assert issue.params == {"key": "123"}
    assert Issue("nik", "nik.length", "NIK harus 16 digit angka.").params == {}
    assert json.loads(json.dumps(issue.as_dict())) == {
        "field": "nomor",
        "code": "member.not_found",
        "message": "Peserta '123' tidak ditemukan.",
    }


def test_a_message_crosses_a_process_boundary_whole() -> None:
    m = pickle.loads(pickle.dumps(msg("Baris {row}: {why}", row=12, why="NIK ganda")))  # noqa: S301 (our own bytes)
    assert (
        isinstance(m, Message)
        and m == "Baris 12: NIK ganda"
        and params_of(m) == {"row": "12", "why": "NIK ganda"}
    )


def test_the_core_builds_no_message_with_an_f_string() -> None:
    """Every message with values goes through msg(...), so the window can translate it."""
    calls = {"Issue": 2, "AuthError": 1, "err": 2, "refused": 1, "bad": 0, "UnreadableFileError": 1}
    found = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = calls.get(name)
            if index is None:
                continue
            arg = node.args[index] if len(node.args) > index else None
            arg = next((k.value for k in node.keywords if k.arg == "message"), arg)
            if isinstance(arg, ast.JoinedStr):
                found.append(f"{path.relative_to(APP.parent)}:{node.lineno}")
    assert not found, f"use msg(template, **values): {found[:10]}"
