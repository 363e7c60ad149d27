"""The import on PostgreSQL (bulk INSERTs, the pair search, JSON mappings), on the suite's own server."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import open_app
from app.domain.imports import check_sponsor
from app.services import auth, branch, enrolment, importing, records
from app.services.audit import verify_audit
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_xlsx

pytestmark = pytest.mark.postgres


def test_import_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    opened = open_app(pg_url, home=tmp_path / "home")
    ctx = opened.ctx
    try:
        branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        auth.create_first_supervisor(ctx, username="siti", full_name="Siti", password=SUPERVISOR_PASSWORD)
        actor = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
        assert enrolment.enrol_worker(ctx, actor, bpu_record()).status == "enrolled"
        rows = valid_rows(700, seed=9)
        rows[0] = bpu_record(nama="Siti Amina", nik="1610014508900017", no_hp=None)
        rows[1] = bpu_record(no_hp=None)
        rows[5]["ahli_waris"] = "BUDI:SUAMI;ANI:ANAK"
        path = write_xlsx(tmp_path / "pg.xlsx", as_cells(rows))
        report = importing.validate_import(ctx, actor, path)
        # Row 2 resembles SITI AMINAH (the counter's rule), row 3 is her: both refused.
        assert (report.accepted, report.rejected) == (698, 2)
        sponsor, _ = check_sponsor("Pemkab Ogan Ilir", 3)
        result = importing.commit_import(ctx, actor, path, {"nik": "nik"}, "accepted", sponsor)
        assert result.committed and result.enrolled == 698
        m = records.open_member_record(ctx, actor, rows[5]["nik"]).member
        assert len(m.heirs) == 2 and m.current is not None
        assert (m.current.funding_source, m.current.months_at_enrolment) == ("APBD", 3)
        assert verify_audit(ctx).ok
        assert importing.inspect_file(ctx, path).mapping_source == "saved"
    finally:
        ctx.engine.dispose()
