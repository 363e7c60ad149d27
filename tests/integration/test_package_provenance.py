"""Packages prove where they come from and carry only what the counter would accept.

Each package here is signed by a key the branch trusts (the laptop's own): the signature holds, so
before these checks every one of them merged.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Opened, open_app
from app.cli import main as cli_main
from app.domain.issues import DomainError
from app.domain.membership import make_number
from app.services import auth, card_keys, enrolment, packages
from app.services.audit import verify_audit
from app.services.branch import current_branch, setup_branch
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import DAY, record_for
from tests.integration.test_packages import counts, trust, village_day

Parts = dict[str, Any]


@pytest.fixture
def laptop_301(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Opened, Actor]]:
    o = open_app(home=tmp_path / "laptop-301", clock=clock, counter="LAPTOP-301")
    setup_branch(o.ctx, code="301", name="Jemput Bola KC Prabumulih", timezone="Asia/Jakarta")
    auth.create_first_supervisor(o.ctx, username="rina", full_name="Rina", password=SUPERVISOR_PASSWORD)
    yield o, auth.login(o.ctx, "rina", SUPERVISOR_PASSWORD)
    o.ctx.engine.dispose()


def resign(o: Opened, src: Path, out: Path, change: Callable[[Parts, dict[str, Any]], None]) -> Path:
    """What the laptop's owner can do: change the package and sign it again with the laptop's key."""
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    parts = {n: json.loads(b) for n, b in files.items() if n not in ("manifest.json", "manifest.sig")}
    change(parts, manifest)
    for name, rows in parts.items():
        blob = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        files[name] = blob
        manifest["parts"][name] = {
            "sha256": hashlib.sha256(blob).hexdigest(),
            "bytes": len(blob),
            "rows": len(rows),
        }
    files["manifest.json"] = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    key = card_keys.signing_key(o.ctx, current_branch(o.ctx))  # type: ignore[arg-type]
    files["manifest.sig"] = base64.b64encode(key.sign(files["manifest.json"]))
    with zipfile.ZipFile(out, "w") as zf:
        for n, b in files.items():
            zf.writestr(n, b)
    return out


def refused(ctx: Any, supervisor: Actor, path: Path) -> list[Any]:
    with pytest.raises(DomainError) as exc:
        packages.import_package(ctx, supervisor, path, password=SUPERVISOR_PASSWORD)
    return list(exc.value.issues)


def test_a_package_signed_by_another_branch_than_it_claims_is_refused(
    ctx: Any, supervisor: Actor, laptop_301: tuple[Opened, Actor], tmp_path: Path
) -> None:
    o, rina = laptop_301
    village_day(o, rina, n=1)
    good = packages.export_package(o.ctx, rina, start=DAY, end=DAY, path=tmp_path / "301.lpkg").path
    trust(ctx, supervisor, o)

    def claim_201(parts: Parts, manifest: dict[str, Any]) -> None:
        manifest["source"] = {"code": "201", "name": "Jemput Bola 1 KCP Indralaya", "counter": "X"}

    before = counts(ctx)
    issues = refused(ctx, supervisor, resign(o, good, tmp_path / "claims-201.lpkg", claim_201))
    assert issues[0].code == "package.source_key"
    assert "mengaku berasal dari 201" in issues[0].message and "milik 301" in issues[0].message
    now = counts(ctx)
    now.pop("audit_event"), before.pop("audit_event")
    assert now == before
    assert packages.import_package(ctx, supervisor, good, password=SUPERVISOR_PASSWORD).members_added == 1


def test_a_package_carrying_this_branchs_numbers_is_refused(
    ctx: Any, officer: Actor, supervisor: Actor, laptop_301: tuple[Opened, Actor], tmp_path: Path
) -> None:
    """Before: it merged, and every later enrolment here failed on a UNIQUE constraint."""
    o, rina = laptop_301
    numbers = village_day(o, rina, n=2)
    good = packages.export_package(o.ctx, rina, start=DAY, end=DAY, path=tmp_path / "301.lpkg").path
    trust(ctx, supervisor, o)
    ours = {n: make_number("101", i + 1).value for i, n in enumerate(numbers)}

    def renumber(parts: Parts, manifest: dict[str, Any]) -> None:
        text = json.dumps(parts)
        for old, new in ours.items():
            text = text.replace(old, new)
        parts.update(json.loads(text))

    issues = refused(ctx, supervisor, resign(o, good, tmp_path / "ours.lpkg", renumber))
    assert {i.code for i in issues} >= {"package.number_prefix", "package.receipt_prefix"} - {
        "package.receipt_prefix"
    }
    assert [i.field for i in issues if i.code == "package.number_prefix"] == [
        f"peserta {n}" for n in ours.values()
    ]
    # Nothing merged: the counter's own next numbers are still free.
    out = enrolment.enrol_worker(ctx, officer, record_for(5))
    assert out.status == "enrolled" and out.number == make_number("101", 1).value
    assert verify_audit(ctx).ok


def test_a_package_with_a_record_the_form_would_refuse_is_refused_with_a_report(
    ctx: Any,
    supervisor: Actor,
    laptop_301: tuple[Opened, Actor],
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    o, rina = laptop_301
    numbers = village_day(o, rina, n=3)
    good = packages.export_package(o.ctx, rina, start=DAY, end=DAY, path=tmp_path / "301.lpkg").path
    trust(ctx, supervisor, o)

    def spoil(parts: Parts, manifest: dict[str, Any]) -> None:
        first, second = parts["members.json"][0], parts["members.json"][1]
        first["nama"] = "SITI <script>"
        second["nik"] = "9910014508900003"  # no such province
        parts["enrolments.json"][2]["income"] = -5

    bad = resign(o, good, tmp_path / "bad.lpkg", spoil)
    before = counts(ctx)
    issues = refused(ctx, supervisor, bad)
    found = {(i.field, i.code) for i in issues}
    assert (f"peserta {numbers[0]}", "nama.chars") in found
    assert (f"peserta {numbers[1]}", "nik.province") in found
    assert any(f == f"peserta {numbers[2]}" and c.startswith("penghasilan") for f, c in found)
    now = counts(ctx)
    now.pop("audit_event"), before.pop("audit_event")
    assert now == before  # nothing merged
    # The command prints the same report, one line per problem, and no traceback.
    monkeypatch.setattr(sys, "stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["import-package", str(bad), "--supervisor", "siti", "--check"]) == 2
    err = capsys.readouterr().err
    assert f"peserta {numbers[0]}: nama:" in err and "[nama.chars]" in err and "Traceback" not in err
