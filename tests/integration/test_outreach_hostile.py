"""Hostile packages and answers, both ways: tampered, truncated, replayed, from another branch or for
another laptop. Each is refused with a clear message and stable code, and nothing is half-written."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.db.day_models import ImportedPackage, PackageConflict
from app.db.models import Member
from app.db.search_models import MemberCorrection, MemberDeactivation
from app.db.sync_models import OutboxAck, PackageChange, SyncReply
from app.domain.issues import DomainError
from app.services import card_keys, packages
from app.services.branch import current_branch
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.outreach_fixtures import (
    Side,
    correct,
    enrol_village,
    make_branch,
    make_laptop,
    member_fields,
    sync,
    trust_each_other,
)

BRANCH_TABLES = (
    Member,
    MemberCorrection,
    MemberDeactivation,
    PackageChange,
    PackageConflict,
    ImportedPackage,
)
LAPTOP_TABLES = (Member, MemberCorrection, MemberDeactivation, OutboxAck, SyncReply)
Parts = dict[str, Any]


@pytest.fixture
def pair(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Side, Side]]:
    branch = make_branch(None, tmp_path / "cabang", clock)
    laptop = make_laptop(tmp_path / "laptop-201", clock)
    trust_each_other(branch, laptop)
    yield branch, laptop
    laptop.ctx.engine.dispose()
    branch.ctx.engine.dispose()


def resign(signer: Side, src: Path, out: Path, change: Callable[[Parts, dict[str, Any]], None]) -> Path:
    """What the holder of a signing key can do: change the file and sign it again."""
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
    key = card_keys.signing_key(signer.ctx, current_branch(signer.ctx))  # type: ignore[arg-type]
    manifest["key_id"] = key.key_id
    files["manifest.json"] = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    files["manifest.sig"] = base64.b64encode(key.sign(files["manifest.json"]))
    with zipfile.ZipFile(out, "w") as zf:
        for n, b in files.items():
            zf.writestr(n, b)
    return out


def flipped(src: Path, out: Path, part: str) -> Path:
    """One byte of one part changed, the signature left as it was."""
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    data = bytearray(files[part])
    data[len(data) // 2] ^= 0x01
    files[part] = bytes(data)
    with zipfile.ZipFile(out, "w") as zf:
        for n, b in files.items():
            zf.writestr(n, b)
    return out


def truncated(src: Path, out: Path) -> Path:
    out.write_bytes(src.read_bytes()[: src.stat().st_size * 2 // 3])
    return out


def refused_import(branch: Side, path: Path) -> list[Any]:
    with pytest.raises(DomainError) as exc:
        packages.import_package(branch.ctx, branch.supervisor, path, password=SUPERVISOR_PASSWORD)
    return list(exc.value.issues)


def refused_answer(laptop: Side, path: Path) -> list[Any]:
    with pytest.raises(DomainError) as exc:
        packages.receive_reply(laptop.ctx, laptop.supervisor, path, password=SUPERVISOR_PASSWORD)
    return list(exc.value.issues)


def test_hostile_packages_are_refused_at_the_branch_and_nothing_is_merged(
    pair: tuple[Side, Side], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    numbers = enrol_village(laptop, n=2)
    sync(branch, laptop, tmp_path, "p1")
    correct(laptop, numbers[0], {"no_hp": "0813-5555-6666"})
    good = packages.export_package(laptop.ctx, laptop.officer, path=tmp_path / "p2.lpkg").path
    before = branch.count(*BRANCH_TABLES)

    assert refused_import(branch, flipped(good, tmp_path / "t.lpkg", "corrections.json"))[0].code == (
        "package.part_changed"
    )
    issues = refused_import(branch, truncated(good, tmp_path / "half.lpkg"))
    assert issues[0].code == "package.unreadable" and "bukan paket Loket yang utuh" in issues[0].message

    def field(parts: Parts, manifest: dict[str, Any]) -> None:
        parts["corrections.json"][0]["changes"] = {"segmen": {"old": "BPU", "new": "PU"}}

    def value(parts: Parts, manifest: dict[str, Any]) -> None:
        name = next(m["nama"] for m in parts["members.json"] if m["number"] == numbers[0])
        parts["corrections.json"][0]["changes"] = {"nama": {"old": name, "new": "SITI <script>"}}

    def stranger(parts: Parts, manifest: dict[str, Any]) -> None:
        parts["corrections.json"][0]["member"] = "10100000019"

    assert (
        refused_import(branch, resign(laptop, good, tmp_path / "f.lpkg", field))[0].code
        == "package.change_field"
    )
    found = refused_import(branch, resign(laptop, good, tmp_path / "v.lpkg", value))
    assert [(i.code, i.field) for i in found] == [("nama.chars", f"koreksi 1 peserta {numbers[0]}")]
    assert "package.reference" in {
        i.code for i in refused_import(branch, resign(laptop, good, tmp_path / "s.lpkg", stranger))
    }
    assert branch.count(*BRANCH_TABLES) == before  # nothing of any of them merged

    result = packages.import_package(branch.ctx, branch.supervisor, good, password=SUPERVISOR_PASSWORD)
    assert result.corrections_applied == 1
    merged = branch.count(*BRANCH_TABLES)
    # Replayed: the same file, or the same changes under a new package id, change nothing.
    assert packages.import_package(
        branch.ctx, branch.supervisor, good, password=SUPERVISOR_PASSWORD
    ).already_imported

    def new_id(parts: Parts, manifest: dict[str, Any]) -> None:
        manifest["package_id"] = "f" * 32

    again = packages.import_package(
        branch.ctx,
        branch.supervisor,
        resign(laptop, good, tmp_path / "r.lpkg", new_id),
        password=SUPERVISOR_PASSWORD,
    )
    assert not again.already_imported and (again.corrections_applied, again.members_added) == (0, 0)
    assert member_fields(branch, numbers[0])["no_hp"] == "+6281355556666"
    after = branch.count(*BRANCH_TABLES)
    assert after == {**merged, "imported_package": merged["imported_package"] + 1}


def test_a_package_from_a_laptop_of_another_branch_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    branch = make_branch(None, tmp_path / "cabang", clock)
    stray = make_laptop(tmp_path / "laptop-301", clock, code="301", branch="102")
    trust_each_other(branch, stray)
    enrol_village(stray, n=1)
    path = packages.export_package(stray.ctx, stray.officer, path=tmp_path / "p.lpkg").path
    before = branch.count(*BRANCH_TABLES)
    (issue,) = refused_import(branch, path)
    assert issue.code == "package.other_branch" and "milik cabang 102" in issue.message
    assert branch.count(*BRANCH_TABLES) == before
    for side in (branch, stray):
        side.ctx.engine.dispose()


def test_hostile_answers_are_refused_on_the_laptop_and_nothing_changes(
    pair: tuple[Side, Side], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    numbers = enrol_village(laptop, n=2)
    info = packages.export_package(laptop.ctx, laptop.officer, path=tmp_path / "p1.lpkg")
    packages.import_package(branch.ctx, branch.supervisor, info.path, password=SUPERVISOR_PASSWORD)
    first = packages.make_reply(branch.ctx, branch.supervisor, laptop="201", path=tmp_path / "r1.lbal").path
    clock.advance(hours=1)
    correct(branch, numbers[0], {"tempat_lahir": "Tanjung Batu"}, "Datang ke loket")
    second = packages.make_reply(branch.ctx, branch.supervisor, laptop="201", path=tmp_path / "r2.lbal").path
    other = make_branch(None, tmp_path / "cabang-102", clock, code="102")
    card_keys.import_keys(laptop.ctx, laptop.supervisor, card_keys.export_keys(other.ctx))
    before = laptop.count(*LAPTOP_TABLES)

    assert (
        refused_answer(laptop, flipped(second, tmp_path / "t.lbal", "ack.json"))[0].code
        == "package.part_changed"
    )
    assert refused_answer(laptop, truncated(second, tmp_path / "h.lbal"))[0].code == "package.unreadable"

    def to_202(parts: Parts, manifest: dict[str, Any]) -> None:
        manifest["to"] = {"code": "202"}

    def as_102(parts: Parts, manifest: dict[str, Any]) -> None:
        manifest["source"] = {"code": "102", "name": "KCP Prabumulih", "counter": "X"}

    (issue,) = refused_answer(laptop, resign(branch, second, tmp_path / "202.lbal", to_202))
    assert issue.code == "package.reply_other_laptop" and "laptop 202" in issue.message
    (issue,) = refused_answer(laptop, resign(other, second, tmp_path / "102.lbal", as_102))
    assert issue.code == "package.reply_other_branch" and "cabang 102" in issue.message
    (issue,) = refused_answer(laptop, resign(other, second, tmp_path / "claims.lbal", lambda p, m: None))
    assert issue.code == "package.source_key"
    assert laptop.count(*LAPTOP_TABLES) == before

    got = packages.receive_reply(laptop.ctx, laptop.supervisor, second, password=SUPERVISOR_PASSWORD)
    assert got.members_updated == 1 and member_fields(laptop, numbers[0])["tempat_lahir"] == "TANJUNG BATU"
    after = laptop.count(*LAPTOP_TABLES)
    # Replayed: the same answer changes nothing; an older one would undo newer news and is refused.
    assert packages.receive_reply(
        laptop.ctx, laptop.supervisor, second, password=SUPERVISOR_PASSWORD
    ).already_imported
    (issue,) = refused_answer(laptop, first)
    assert issue.code == "package.reply_stale" and "lebih lama" in issue.message
    assert laptop.count(*LAPTOP_TABLES) == after
    other.ctx.engine.dispose()
