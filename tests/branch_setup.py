"""A branch and its first supervisor (``siti``), as first start makes them: for tests and harnesses
(no pytest import, so counter subprocesses can use it)."""

from __future__ import annotations

from typing import Any

from app.services import auth, branch

SUPERVISOR_PASSWORD = "Kantor-Cabang-101!"


def set_up_branch(ctx: Any) -> None:
    branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(ctx, username="siti", full_name="Siti", password=SUPERVISOR_PASSWORD)
