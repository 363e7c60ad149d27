"""The one style sheet stays well formed (merges have dropped a brace before)."""

from __future__ import annotations

from app.infra.paths import resources_dir


def test_braces_balance_and_never_nest() -> None:
    depth = 0
    for number, line in enumerate(
        (resources_dir() / "style.qss").read_text(encoding="utf-8").splitlines(), 1
    ):
        for ch in line:
            depth += (ch == "{") - (ch == "}")
            assert 0 <= depth <= 1, f"style.qss line {number}: {line}"
    assert depth == 0
