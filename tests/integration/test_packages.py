"""Outreach packages: signed export, verified idempotent import, tampering refused, conflicts kept."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app.bootstrap import Opened, open_app
from app.cli import main as cli_main
from app.db.cards_models import Card
from app.db.contribution_models import Payment, PaymentMonth
from app.db.day_models import ImportedAuditEvent, ImportedPackage, PackageConflict, PackageRecord
from app.db.models import AuditEvent, Enrolment, Heir, Member, Officer
from app.domain.issues import DomainError
from app.services import auth, card_keys, cards, day, enrolment, packages
from app.services import contributions as cs
from app.services.audit import verify_audit
from app.services.branch import setup_branch
from app.services.dto import Actor
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import DAY, record_for

TABLES = (Member, Heir, Enrolment, Payment, PaymentMonth, Card, Officer, ImportedAuditEvent, ImportedPackage,
          PackageRecord, PackageConflict, AuditEvent)  # fmt: skip


@pytest.fixture
def laptop(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Opened, Actor]]:
    """An outreach laptop set up with its own prefix 201, with a supervisor who enrols."""
    o = open_app(home=tmp_path / "laptop-201", clock=clock, counter="LAPTOP-1")
    setup_branch(o.ctx, code="201", name="Jemput Bola 1 KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(o.ctx, username="rina", full_name="Rina Oktaviani",
                     password=SUPERVISOR_PASSWORD)  # fmt: skip
    yield o, auth.login(o.ctx, "rina", SUPERVISOR_PASSWORD)
    o.ctx.engine.dispose()


def village_day(o: Opened, rina: Actor, first: int = 0, n: int = 3) -> list[str]:
    numbers = []
    for i in range(first, first + n):
        out = enrolment.enrol_worker(o.ctx, rina, record_for(i, kanal="DESA", ahli_waris="BUDI:SUAMI"))
        assert out.status == "enrolled" and out.number is not None, out.errors
        numbers.append(out.number)
        cs.record_enrolment_payment(o.ctx, rina, out.number)
    cards.issue_card(o.ctx, rina, numbers[0])
    return numbers


def counts(ctx: Any) -> dict[str, int]:
    def work(session: Any) -> dict[str, int]:
        return {
            t.__tablename__: session.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES
        }

    return ctx.read(work)


def trust(ctx: Any, supervisor: Actor, o: Opened) -> None:
    card_keys.import_keys(ctx, supervisor, card_keys.export_keys(o.ctx))


def export(o: Opened, rina: Actor, path: Path) -> packages.PackageInfo:
    return packages.export_package(o.ctx, rina, start=DAY, end=DAY, path=path)


def test_package_merges_once_and_a_second_import_changes_nothing(
    ctx: Any, supervisor: Actor, laptop: tuple[Opened, Actor], tmp_path: Path
) -> None:
    o, rina = laptop
    numbers = village_day(o, rina)
    info = export(o, rina, tmp_path / "desa.lpkg")
    assert all(n.startswith("201") for n in numbers)
    assert (info.counts["members"], info.counts["payments"], info.counts["cards"]) == (3, 3, 1)
    trust(ctx, supervisor, o)

    result = packages.import_package(ctx, supervisor, info.path, password=SUPERVISOR_PASSWORD)
    assert not result.already_imported and not result.conflicts
    assert (result.members_added, result.payments_added, result.cards_added) == (3, 3, 1)
    assert result.events_added == info.counts["audit_events"]
    before = counts(ctx)
    again = packages.import_package(ctx, supervisor, info.path, password=SUPERVISOR_PASSWORD)
    assert again.already_imported
    after = counts(ctx)
    after.pop("audit_event"), before.pop("audit_event")  # the second password check logs a login
    assert after == before

    # Members keep their numbers, heirs and attribution; the card verifies with the laptop's key.
    shown = cs.member_cover(ctx, numbers[0])
    assert shown.status == "AKTIF"
    m_id, created_by = ctx.read(
        lambda s: s.execute(select(Member.id, Member.created_by_id).where(Member.number == numbers[0])).one()
    )
    assert (
        ctx.read(lambda s: s.execute(select(Heir.nama).where(Heir.member_id == m_id)).scalar_one()) == "BUDI"
    )
    who = ctx.read(
        lambda s: s.execute(select(Officer.username, Officer.active).where(Officer.id == created_by)).one()
    )
    assert tuple(who) == ("rina.201", False)
    (card,) = cards.member_cards(ctx, numbers[0])
    assert card.key_id == info.key_id
    # The local chain is intact; the import is one event naming the manifest's hash.
    assert verify_audit(ctx).ok
    ev = ctx.read(
        lambda s: s.execute(
            select(AuditEvent.details).where(AuditEvent.action == "package.import")
        ).scalar_one()
    )
    assert json.loads(ev)["manifest_sha256"] == info.manifest_sha256
    # The day summary counts the package on the day it was imported, not as the branch's enrolments.
    summary = day.day_summary(ctx, supervisor, DAY, verify_chain=False)
    assert summary.figures.enrolment_count == 0
    (imp,) = summary.figures.imports
    assert (imp.members, imp.payments, imp.cards) == (3, 3, 1)


def _rewrite(path: Path, out: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    change(files)
    with zipfile.ZipFile(out, "w") as zf:
        for n, b in files.items():
            zf.writestr(n, b)
    return out


def test_tampered_or_untrusted_packages_are_refused_and_nothing_is_merged(
    ctx: Any, supervisor: Actor, laptop: tuple[Opened, Actor], tmp_path: Path
) -> None:
    o, rina = laptop
    village_day(o, rina, n=2)
    good = export(o, rina, tmp_path / "asli.lpkg").path
    before = counts(ctx)

    def refused(path: Path) -> str:
        with pytest.raises(DomainError) as exc:
            packages.import_package(ctx, supervisor, path, password=SUPERVISOR_PASSWORD)
        return exc.value.issues[0].code

    assert refused(good) == "package.unknown_key"
    trust(ctx, supervisor, o)

    def changed_byte(files: dict[str, bytes]) -> None:
        files["members.json"] = files["members.json"].replace(b"SITI AMINAH", b"SITI AMINAX", 1)

    def changed_manifest(files: dict[str, bytes]) -> None:
        m = json.loads(files["manifest.json"])
        m["period"]["to"] = "2026-12-31"
        files["manifest.json"] = json.dumps(m).encode()

    def other_signer(files: dict[str, bytes]) -> None:
        files["manifest.sig"] = base64.b64encode(Ed25519PrivateKey.generate().sign(files["manifest.json"]))

    def extra(files: dict[str, bytes]) -> None:
        files["../../evil.sh"] = b"rm -rf /"

    def missing(files: dict[str, bytes]) -> None:
        del files["cards.json"]

    cases = {
        "package.part_changed": changed_byte,
        "package.signature": changed_manifest,
        "package.part_extra": extra,
        "package.part_missing": missing,
    }
    for code, change in cases.items():
        assert refused(_rewrite(good, tmp_path / f"{code}.lpkg", change)) == code
    assert refused(_rewrite(good, tmp_path / "sig.lpkg", other_signer)) == "package.signature"
    (tmp_path / "bukan.lpkg").write_bytes(b"bukan zip")
    assert refused(tmp_path / "bukan.lpkg") == "package.unreadable"
    with pytest.raises(DomainError) as exc:
        packages.verify_package(ctx, _rewrite(good, tmp_path / "v.lpkg", changed_byte))
    assert "members.json" in exc.value.issues[0].message
    now = counts(ctx)
    now.pop("audit_event"), before.pop("audit_event")
    assert now == {**before, "officer": before["officer"]}  # nothing merged
    assert packages.import_package(ctx, supervisor, good, password=SUPERVISOR_PASSWORD).members_added == 2


def test_same_nik_enrolled_at_both_places_is_a_conflict_for_a_supervisor(
    ctx: Any, officer: Actor, supervisor: Actor, laptop: tuple[Opened, Actor], tmp_path: Path
) -> None:
    o, rina = laptop
    numbers = village_day(o, rina, n=2)
    here = enrolment.enrol_worker(ctx, officer, record_for(1))  # the second villager also came to the counter
    assert here.status == "enrolled"
    trust(ctx, supervisor, o)
    result = packages.import_package(
        ctx, supervisor, export(o, rina, tmp_path / "p.lpkg").path, password=SUPERVISOR_PASSWORD
    )
    assert result.members_added == 1 and result.payments_added == 1
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.number, conflict.local_number) == ("nik_both", numbers[1], here.number)
    assert "******" in conflict.nik_masked
    assert (
        ctx.read(lambda s: s.execute(select(func.count()).where(Member.number == numbers[1])).scalar_one())
        == 0
    )
    with pytest.raises(auth.PermissionDeniedError):
        packages.package_conflicts(ctx, officer)
    (listed,) = packages.package_conflicts(ctx, supervisor)
    assert listed.number == numbers[1]
    packages.resolve_conflict(ctx, supervisor, listed.id or 0, "Orang yang sama; pakai nomor cabang")
    assert packages.package_conflicts(ctx, supervisor) == ()


def test_a_package_from_this_branchs_own_prefix_is_refused(
    ctx: Any, supervisor: Actor, tmp_path: Path
) -> None:
    info = packages.export_package(ctx, supervisor, start=DAY, end=DAY, path=tmp_path / "sendiri.lpkg")
    with pytest.raises(DomainError) as exc:
        packages.import_package(ctx, supervisor, info.path, password=SUPERVISOR_PASSWORD)
    assert exc.value.issues[0].code == "package.same_branch"


def test_cli_export_and_import_package(
    supervisor: Actor,
    laptop: tuple[Opened, Actor],
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    o, rina = laptop
    village_day(o, rina, n=1)
    lpkg = tmp_path / "desa.lpkg"
    laptop_home = str(tmp_path / "laptop-201")
    assert cli_main(["export-package", "--home", laptop_home, "--from", "2026-11-23", "--to", "2026-11-23",
                     "-o", str(lpkg), "--officer", "rina", "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["counts"]["members"] == 1
    keyfile = tmp_path / "kunci.json"
    keyfile.write_text(json.dumps(card_keys.export_keys(o.ctx)))
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["import-package", str(lpkg), "--supervisor", "siti"]) == 2
    assert "belum dipercaya" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["keys", "import", str(keyfile), "--supervisor", "siti"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["import-package", str(lpkg), "--supervisor", "siti", "--check"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["import-package", str(lpkg), "--supervisor", "siti"]) == 0
    assert "1 peserta baru" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    assert cli_main(["import-package", str(lpkg), "--supervisor", "siti"]) == 0
    assert "sudah pernah diimpor" in capsys.readouterr().out
