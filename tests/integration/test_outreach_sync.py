"""Outreach laptops, both ways: corrections and deactivations reach the branch, a member changed on both
sides is merged field by field with its trail on both, the outbox empties with the branch's answer.

The laptop is a real SQLite file; the branch runs on a SQLite file and on a real PostgreSQL server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db.day_models import PackageConflict
from app.db.models import AuditEvent, Member
from app.db.search_models import MemberCorrection
from app.domain.issues import DomainError
from app.domain.member_merge import STATUS, Side
from app.services import cards, corrections, deactivation, packages
from app.services.audit import verify_audit
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.outreach_fixtures import (
    Side as DbSide,
)
from tests.outreach_fixtures import (
    correct,
    enrol_village,
    make_branch,
    make_laptop,
    member_fields,
    sync,
    trust_each_other,
)


@pytest.fixture
def pair(any_db_url: str, tmp_path: Path, clock: FakeClock) -> Iterator[tuple[DbSide, DbSide]]:
    branch = make_branch(any_db_url, tmp_path / "cabang", clock)
    laptop = make_laptop(tmp_path / "laptop-201", clock)
    trust_each_other(branch, laptop)
    yield branch, laptop
    laptop.ctx.engine.dispose()
    branch.ctx.engine.dispose()


def events(side: DbSide, action: str) -> list[dict[str, Any]]:
    rows = side.ctx.read(
        lambda s: (
            s.execute(select(AuditEvent.details).where(AuditEvent.action == action).order_by(AuditEvent.seq))
            .scalars()
            .all()
        )
    )
    return [json.loads(d) for d in rows]


def audit_ok(side: DbSide) -> None:
    report = verify_audit(side.ctx)
    assert report.ok, report


def test_a_correction_and_a_deactivation_made_on_the_laptop_reach_the_branch(
    pair: tuple[DbSide, DbSide], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    numbers = enrol_village(laptop, n=3)
    first, answer = sync(branch, laptop, tmp_path, "p1")
    assert first.members_added == 3 and not first.conflicts
    assert answer.acknowledged >= 3 + 3  # members and receipts
    assert packages.outbox(laptop.ctx, laptop.officer).empty

    clock.advance(hours=2)
    correct(laptop, numbers[0], {"no_hp": "0813-1111-2222", "alamat": "Dusun II RT 003/RW 001"})
    deactivation.deactivate_member(
        laptop.ctx, laptop.supervisor, numbers[1], "died", note="Kabar kepala desa"
    )
    box = packages.outbox(laptop.ctx, laptop.officer)
    assert (box.counts["correction"], box.counts["deactivation"], box.counts["member"]) == (1, 1, 0)
    assert {i.kind for i in box.items} == {"correction", "deactivation"}
    assert all(i.number in numbers for i in box.items)

    second, answer = sync(branch, laptop, tmp_path, "p2")
    assert (second.corrections_applied, second.deactivations_applied, second.changes_held) == (1, 1, 0)
    assert not second.conflicts and second.members_added == 0
    here = member_fields(branch, numbers[0])
    assert (here["no_hp"], here["alamat"]) == ("+6281311112222", "DUSUN II RT 003/RW 001")
    assert member_fields(branch, numbers[1])["record_status"] == "DEACTIVATED"
    # At the branch the laptop's correction is a correction of the branch, with its reason and trail.
    (history,) = corrections.list_corrections(
        branch.ctx, branch.supervisor, status=None, member_key=numbers[0]
    )
    assert history.status == "APPROVED" and "laptop 201" in history.reason
    assert {c.field for c in history.changes} == {"no_hp", "alamat"}
    (applied,) = [e for e in events(branch, "member.correction.approve") if e.get("package")]
    assert applied["source"] == "201" and applied["correction_id"] == history.id
    (closed,) = [e for e in events(branch, "member.deactivate") if e.get("package")]
    assert closed["reason"] == "MENINGGAL"
    audit_ok(branch)
    # The answer emptied the outbox; the laptop took nothing back (nothing changed at the branch).
    assert answer.members_updated == 0 and answer.acknowledged == 2
    assert packages.outbox(laptop.ctx, laptop.officer).empty
    audit_ok(laptop)
    # The same package again changes nothing.
    before = branch.count(MemberCorrection, PackageConflict)
    again = packages.import_package(
        branch.ctx, branch.supervisor, tmp_path / "p2.lpkg", password=SUPERVISOR_PASSWORD
    )
    assert again.already_imported and branch.count(MemberCorrection, PackageConflict) == before


def test_a_member_changed_on_both_sides_is_merged_field_by_field_with_a_trail_on_both(
    pair: tuple[DbSide, DbSide], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    numbers = enrol_village(laptop, n=2)
    sync(branch, laptop, tmp_path, "p1")
    clock.advance(hours=1)
    # The same villager came to the counter and was corrected there …
    correct(branch, numbers[0], {"no_hp": "0811-0000-1111", "nama_ibu": "Fatimah Zahra"}, "Datang ke loket")
    # … and the outreach team corrected her too, not knowing.
    correct(laptop, numbers[0], {"no_hp": "0822-3333-4444", "alamat": "Dusun III RT 001/RW 002"})
    correct(laptop, numbers[1], {"tempat_lahir": "Tanjung Raja"})  # the other: only the laptop changed
    second, answer = sync(branch, laptop, tmp_path, "p2")
    assert second.corrections_applied == 1 and second.changes_held == 1
    (conflict,) = second.conflicts
    assert (conflict.kind, conflict.number) == ("changed_both", numbers[0])
    assert member_fields(branch, numbers[0])["no_hp"] == "+6281100001111"  # nothing merged yet
    assert answer.held == (numbers[0],)
    assert member_fields(laptop, numbers[0])["no_hp"] == "+6282233334444"  # the laptop keeps its own
    assert member_fields(laptop, numbers[1])["tempat_lahir"] == "TANJUNG RAJA"

    detail = packages.conflict_detail(branch.ctx, branch.supervisor, conflict.id or 0)
    by_field = {f.field: f for f in detail.fields}
    assert set(by_field) == {"no_hp", "alamat", "nama_ibu"}
    assert (by_field["no_hp"].laptop, by_field["no_hp"].branch) == ("+6282233334444", "+6281100001111")
    assert by_field["no_hp"].both_changed and by_field["no_hp"].default is None
    assert by_field["alamat"].default is Side.LAPTOP and by_field["nama_ibu"].default is Side.BRANCH
    assert [c.kind for c in detail.laptop_changes] == ["correction"]
    assert detail.branch_changes and "Nomor HP: +6281234567890 → +6281100001111" in detail.branch_changes[0]

    with pytest.raises(DomainError) as undecided:
        packages.merge_conflict(
            branch.ctx, branch.supervisor, conflict.id or 0, {}, password=SUPERVISOR_PASSWORD
        )
    assert [i.code for i in undecided.value.issues] == ["merge.undecided"]
    with pytest.raises(DomainError) as wrong:
        packages.merge_conflict(
            branch.ctx, branch.supervisor, conflict.id or 0, {"nik": "laptop"}, password=SUPERVISOR_PASSWORD
        )
    assert {i.code for i in wrong.value.issues} == {"merge.field", "merge.undecided"}
    merged = packages.merge_conflict(
        branch.ctx,
        branch.supervisor,
        conflict.id or 0,
        {"no_hp": "laptop"},
        password=SUPERVISOR_PASSWORD,
        note="Ditelepon: nomor laptop yang aktif",
    )
    assert merged.taken == {"no_hp": "laptop", "alamat": "laptop", "nama_ibu": "cabang"}
    assert merged.correction_id is not None and not merged.deactivated
    here = member_fields(branch, numbers[0])
    assert (here["no_hp"], here["alamat"], here["nama_ibu"]) == (
        "+6282233334444",
        "DUSUN III RT 001/RW 002",
        "FATIMAH ZAHRA",
    )
    (trail,) = events(branch, "package.conflict_merge")
    assert trail["taken"] == merged.taken and trail["correction_id"] == merged.correction_id
    merge_correction = [e for e in events(branch, "member.correction.approve") if e.get("conflict_id")]
    assert merge_correction and set(merge_correction[0]["changes"]) == {"no_hp", "alamat"}
    assert packages.package_conflicts(branch.ctx, branch.supervisor) == ()
    audit_ok(branch)

    # The branch's next answer brings the merged record to the laptop, audited there.
    reply = packages.make_reply(branch.ctx, branch.supervisor, laptop="201", path=tmp_path / "r3.lbal")
    assert reply.members == 1 and reply.held == 0
    got = packages.receive_reply(laptop.ctx, laptop.supervisor, reply.path, password=SUPERVISOR_PASSWORD)
    assert got.members_updated == 1 and got.held == ()
    there = member_fields(laptop, numbers[0])
    assert (there["no_hp"], there["alamat"], there["nama_ibu"]) == (
        "+6282233334444",
        "DUSUN III RT 001/RW 002",
        "FATIMAH ZAHRA",
    )
    from_branch = [e for e in events(laptop, "member.correction.approve") if e.get("from_branch") == "101"]
    assert from_branch and set(from_branch[-1]["changes"]) == {"nama_ibu"}
    assert packages.outbox(laptop.ctx, laptop.officer).empty  # what came from the branch never goes back
    audit_ok(laptop)
    # A later round finds nothing to do on either side.
    third, answer = sync(branch, laptop, tmp_path, "p4")
    assert (third.corrections_applied, third.changes_held, answer.members_updated) == (0, 0, 0)


def test_a_deactivation_on_the_laptop_against_a_correction_at_the_branch(
    pair: tuple[DbSide, DbSide], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    (number,) = enrol_village(laptop, n=1)
    sync(branch, laptop, tmp_path, "p1")
    correct(branch, number, {"no_hp": "0811-7777-8888"}, "Datang ke loket")
    deactivation.deactivate_member(
        laptop.ctx, laptop.supervisor, number, "abroad", note="Berangkat ke Malaysia"
    )
    second, _answer = sync(branch, laptop, tmp_path, "p2")
    (conflict,) = second.conflicts
    detail = packages.conflict_detail(branch.ctx, branch.supervisor, conflict.id or 0)
    by_field = {f.field: f for f in detail.fields}
    assert by_field[STATUS].laptop == "LUAR_NEGERI" and by_field[STATUS].branch == "ACTIVE"
    assert by_field[STATUS].default is Side.LAPTOP and by_field["no_hp"].default is Side.BRANCH
    merged = packages.merge_conflict(
        branch.ctx, branch.supervisor, conflict.id or 0, {}, password=SUPERVISOR_PASSWORD
    )
    assert merged.deactivated and merged.correction_id is None
    assert member_fields(branch, number)["record_status"] == "DEACTIVATED"
    audit_ok(branch)
    _third, answer = sync(branch, laptop, tmp_path, "p3")
    assert answer.members_updated == 1
    assert member_fields(laptop, number)["no_hp"] == "+6281177778888"
    audit_ok(laptop)


def test_a_payment_taken_on_the_laptop_makes_the_branch_recheck_that_members_status(
    pair: tuple[DbSide, DbSide], tmp_path: Path, clock: FakeClock
) -> None:
    from app.db.contribution_models import MemberCover
    from app.services import contributions
    from app.services.contributions import status_index

    branch, laptop = pair
    paid, other = enrol_village(laptop, n=2)
    sync(branch, laptop, tmp_path, "p1")
    assert status_index.refresh(branch.ctx) == 2

    def covers() -> dict[int, int | None]:
        return dict(
            branch.ctx.read(
                lambda s: s.execute(select(MemberCover.member_id, MemberCover.paid_through)).all()
            )
        )

    def member_id(number: str) -> int:
        return int(
            branch.ctx.read(
                lambda s: s.execute(select(Member.id).where(Member.number == number)).scalar_one()
            )
        )

    before = covers()
    contributions.pay(laptop.ctx, laptop.officer, paid, months=3, method="cash")
    result, _answer = sync(branch, laptop, tmp_path, "p2")
    assert result.payments_added == 1, result
    # The merged payment forgot that member's row in the same transaction; the other one stands.
    assert set(covers()) == {member_id(other)}
    assert status_index.refresh(branch.ctx) == 1
    after = covers()
    assert after[member_id(other)] == before[member_id(other)]
    assert after[member_id(paid)] is not None and before[member_id(paid)] is not None
    assert after[member_id(paid)] > before[member_id(paid)]


def test_the_outbox_names_a_card_in_force_and_says_when_one_was_spoiled(
    pair: tuple[DbSide, DbSide], tmp_path: Path, clock: FakeClock
) -> None:
    _branch, laptop = pair
    first, second = enrol_village(laptop, n=2)
    issued = cards.issue_card(laptop.ctx, laptop.officer, first).card.serial
    spoiled = cards.issue_card(laptop.ctx, laptop.officer, second).card.serial
    cards.spoil_card(laptop.ctx, laptop.officer, spoiled, "Printer macet")
    summaries = {
        i.key: i.summary for i in packages.outbox(laptop.ctx, laptop.officer).items if i.kind == "card"
    }
    assert summaries[issued] == f"kartu seri {issued}"  # no "(issued)": a card in force needs no word
    assert summaries[spoiled].startswith(f"kartu seri {spoiled} (")  # its state is said
