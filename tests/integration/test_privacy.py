"""UU PDP: a member's own data on request, and the retention purge (database and later backups)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEvent, Enrolment, Heir, Member
from app.services import backup, cards, contributions, deactivation, enrolment, privacy
from app.services.audit import verify_audit
from app.services.auth import AuthError
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock, bpu_record

OLD_NIK = "1610014508900005"


def test_subject_access_holds_everything_and_is_audited(ctx: Any, officer: Any) -> None:
    out = enrolment.enrol_worker(ctx, officer, bpu_record(ahli_waris="BUDI:SUAMI", bulan_bayar=3))
    contributions.record_enrolment_payment(ctx, officer, out.number, method="cash")
    cards.issue_card(ctx, officer, out.number)
    data = privacy.subject_access(ctx, officer, out.number)
    text = json.dumps(data, ensure_ascii=False)
    assert data["peserta"]["nik"] == "1610014508900003"
    assert data["peserta"]["heirs"] == [{"nama": "BUDI", "hubungan": "SUAMI"}]
    assert len(data["pembayaran"]) == 1 and len(data["kartu"]) == 1
    assert "member.enrol" in text
    last = ctx.read(
        lambda s: s.execute(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    )
    assert last == "member.subject_access"


def test_retention_purge_removes_expired_records_and_keeps_the_chain(
    ctx: Any, officer: Any, supervisor: Any, clock: FakeClock, opened: Any, tmp_path: Path
) -> None:
    # A member enrolled, paid, carded and closed (died) eleven years ago …
    clock.now = clock.now.replace(year=2015)
    old = enrolment.enrol_worker(
        ctx, officer, bpu_record(nik=OLD_NIK, ahli_waris="ANI:ANAK", no_hp="081299998888")
    )
    assert old.status == "enrolled", old.errors
    cards.issue_card(ctx, officer, old.number)
    deactivation.deactivate_member(ctx, supervisor, old.number, "died", note="akta kematian 123")
    # … one closed last year, and one still active.
    clock.now = clock.now.replace(year=2025)
    recent = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900006"))
    deactivation.deactivate_member(ctx, supervisor, recent.number, "abroad")
    clock.now = clock.now.replace(year=2026)
    active = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900007", bulan_bayar=1))
    contributions.record_enrolment_payment(ctx, officer, active.number, method="cash")

    dry = privacy.purge_expired(ctx, supervisor, SUPERVISOR_PASSWORD, dry_run=True)
    assert [c.number for c in dry.candidates] == [old.number] and dry.purged == 0
    with pytest.raises(AuthError):
        privacy.purge_expired(ctx, supervisor, "salah-kata-sandi")

    report = privacy.purge_expired(ctx, supervisor, SUPERVISOR_PASSWORD)
    assert report.purged == 1 and report.rows_deleted["heir"] == 1 and report.rows_deleted["enrolment"] == 1
    assert report.audit_events_redacted >= 3

    def state(s: Any) -> Any:
        tomb = s.execute(select(Member).where(Member.number == old.number)).scalar_one()
        return (
            tomb.nik,
            tomb.nama,
            tomb.no_hp,
            tomb.purged_at is not None,
            s.execute(select(func.count()).select_from(Heir).where(Heir.member_id == tomb.id)).scalar_one(),
            s.execute(
                select(func.count()).select_from(Enrolment).where(Enrolment.member_id == tomb.id)
            ).scalar_one(),
            [d for (d,) in s.execute(select(AuditEvent.details).where(AuditEvent.member_id == tomb.id))],
        )

    nik, nama, phone, purged, heirs, enrolments, details = ctx.read(state)
    assert "DIHAPUS" in nama
    assert (nik, phone, purged, heirs, enrolments) == ("", None, True, 0, 0)
    assert all("retensi" in d for d in details)
    assert verify_audit(ctx).ok, "redaction keeps the chain verifiable"
    # The others are untouched.
    assert privacy.purge_expired(ctx, supervisor, SUPERVISOR_PASSWORD, dry_run=True).candidates == ()
    assert contributions.member_cover(ctx, active.number).status == "AKTIF"

    # A backup taken after the purge holds none of the purged member's data.
    info = backup.backup_now(ctx, supervisor, tmp_path / "setelah-purge.sqlite3")
    raw = Path(info.path).read_bytes()
    for secret in (OLD_NIK.encode(), b"akta kematian 123", b"6281299998888"):
        assert secret not in raw
    assert b"1610014508900007" in raw  # the active member is still there
    purge_events = ctx.read(
        lambda s: (
            s.execute(select(AuditEvent.details).where(AuditEvent.action == "retention.purge"))
            .scalars()
            .all()
        )
    )
    assert len(purge_events) == 1 and old.number in purge_events[0]


def test_cli_exports_own_data_as_json_and_pdf(ctx: Any, officer: Any, home: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from app.cli import main as cli_main

    out = enrolment.enrol_worker(ctx, officer, bpu_record(alamat="JL. <B>MAWAR</B> & NO. 1"))
    folder = tmp_path / "untuk-peserta"
    assert (
        cli_main(
            ["privacy", "export", out.number, "--officer", "budi", "-o", str(folder), "--home", str(home)]
        )
        == 0
    )
    data = json.loads((folder / f"data-peserta-{out.number}.json").read_text(encoding="utf-8"))
    assert data["peserta"]["alamat"] == "JL. <B>MAWAR</B> & NO. 1"
    reader = PdfReader(folder / f"data-peserta-{out.number}.pdf")
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "1610014508900003" in text and "<B>MAWAR</B> &" in text
