"""An outreach laptop warns after N days without a sync and refuses new enrolments after M, at every door
(the service the form calls, ``loket enrol``, the spreadsheet import), until its branch's answer is in."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main as cli_main
from app.db.models import Member, Setting
from app.domain.issues import DomainError
from app.domain.sync_freshness import SyncState
from app.services import contributions as cs
from app.services import enrolment, importing, outreach_sync, packages
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.day_fixtures import record_for
from tests.import_fixtures import valid_rows, write_csv
from tests.outreach_fixtures import Side, enrol_village, make_branch, make_laptop, sync, trust_each_other


@pytest.fixture
def pair(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Side, Side]]:
    branch = make_branch(None, tmp_path / "cabang", clock)
    laptop = make_laptop(tmp_path / "laptop-201", clock)
    trust_each_other(branch, laptop)
    yield branch, laptop
    laptop.ctx.engine.dispose()
    branch.ctx.engine.dispose()


def members(side: Side) -> int:
    return int(side.ctx.read(lambda s: s.execute(select(func.count()).select_from(Member)).scalar_one()))


def test_warn_after_n_days_refuse_after_m_and_a_sync_lifts_it(
    pair: tuple[Side, Side], tmp_path: Path, clock: FakeClock
) -> None:
    branch, laptop = pair
    ctx = laptop.ctx
    assert outreach_sync.sync_freshness(branch.ctx).state is SyncState.NOT_LAPTOP
    (number,) = enrol_village(laptop, n=1)
    assert outreach_sync.sync_freshness(ctx).state is SyncState.FRESH
    clock.advance(days=3)
    fresh = outreach_sync.sync_freshness(ctx)
    assert (fresh.state, fresh.days, fresh.days_left) == (SyncState.WARN, 3, 4)
    issue = fresh.issue()
    assert issue is not None and issue.code == "outreach.sync_due" and "4 hari lagi" in issue.message
    assert enrolment.enrol_worker(ctx, laptop.officer, record_for(1)).status == "enrolled"  # a warning only

    clock.advance(days=4)
    frozen = outreach_sync.sync_freshness(ctx)
    assert (frozen.state, frozen.days) == (SyncState.FROZEN, 7)
    before = members(laptop)
    with pytest.raises(DomainError) as refused:
        enrolment.enrol_worker(ctx, laptop.officer, record_for(2))
    (why,) = refused.value.issues
    assert why.code == "outreach.frozen" and "7 hari" in why.message and "cabang 101" in why.message
    with pytest.raises(DomainError) as dry:
        enrolment.enrol_worker(ctx, laptop.officer, record_for(2), dry_run=True)
    assert dry.value.issues[0].code == "outreach.frozen"
    sheet = write_csv(tmp_path / "desa.csv", valid_rows(3))
    with pytest.raises(DomainError) as checked:
        importing.validate_import(ctx, laptop.officer, sheet)
    assert checked.value.issues[0].code == "outreach.frozen"
    with pytest.raises(DomainError) as committed:
        importing.commit_import(ctx, laptop.officer, sheet, None, "all")
    assert committed.value.issues[0].code == "outreach.frozen"
    assert members(laptop) == before  # nothing half-written
    # Members already enrolled still pay: the freeze is on new identities only.
    paid = cs.pay(ctx, laptop.officer, number, months=1, method="cash")
    assert paid.total > 0

    # The branch's answer is the sync: the count starts again.
    sync(branch, laptop, tmp_path, "p1")
    assert outreach_sync.sync_freshness(ctx).state is SyncState.FRESH
    assert enrolment.enrol_worker(ctx, laptop.officer, record_for(2)).status == "enrolled"


def test_the_supervisor_sets_the_limits_and_they_are_checked(pair: tuple[Side, Side]) -> None:
    _branch, laptop = pair
    with pytest.raises(DomainError) as bad:
        outreach_sync.set_outreach(
            laptop.ctx,
            laptop.supervisor,
            home="101",
            warn_days=7,
            freeze_days=5,
            password=SUPERVISOR_PASSWORD,
        )
    assert bad.value.issues[0].code == "outreach.freeze_before_warn"
    with pytest.raises(DomainError) as own:
        outreach_sync.set_outreach(
            laptop.ctx,
            laptop.supervisor,
            home="201",
            warn_days=2,
            freeze_days=5,
            password=SUPERVISOR_PASSWORD,
        )
    assert own.value.issues[0].code == "outreach.home_self"
    from app.services.auth import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        outreach_sync.set_outreach(
            laptop.ctx, laptop.officer, home="101", warn_days=2, freeze_days=5, password=SUPERVISOR_PASSWORD
        )
    s = outreach_sync.set_outreach(
        laptop.ctx, laptop.supervisor, home="101", warn_days=1, freeze_days=2, password=SUPERVISOR_PASSWORD
    )
    assert (s.home, s.warn_days, s.freeze_days) == ("101", 1, 2)
    assert outreach_sync.outreach_settings(laptop.ctx) == s


def test_loket_enrol_and_import_refuse_on_a_frozen_laptop(
    pair: tuple[Side, Side], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line runs on the real clock: the laptop was set up for outreach a month ago."""
    _branch, laptop = pair
    month_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=30)).isoformat()

    def age(session: Any) -> None:
        session.get(Setting, outreach_sync.SINCE_KEY).value = month_ago

    laptop.ctx.write(age)
    home = str(tmp_path / "laptop-201")
    record = tmp_path / "pekerja.json"
    record.write_text(json.dumps(record_for(4)), encoding="utf-8")
    assert cli_main(["enrol", "--json", str(record), "--officer", "dedi", "--home", home]) == 2
    err = capsys.readouterr().err
    assert "[outreach.frozen]" in err and "30 hari" in err and "Traceback" not in err
    sheet = write_csv(tmp_path / "desa.csv", valid_rows(2))
    assert cli_main(["import", str(sheet), "--officer", "dedi", "--mode", "all", "--home", home]) == 2
    assert "[outreach.frozen]" in capsys.readouterr().err
    assert packages.outbox(laptop.ctx, laptop.officer).empty  # nothing was enrolled
