"""Keys unique across the region (``app.db.ids``): migration 0016 moves a populated branch database
into its block of ids in place — on a real SQLite file and a real PostgreSQL database — without
losing a row or a link, and the audit chain still verifies; new rows keep to the block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.bootstrap import open_app
from app.db.engine import make_engine
from app.db.ids import BLOCK, code_of, id_range, local_part
from app.db.models import Base
from app.db.renumber import id_foreign_keys, surrogate_tables
from app.db.schema import migrate, upgrade
from app.domain.months import Month
from app.services import auth, cards, corrections, day, deactivation, enrolment
from app.services import contributions as cs
from app.services.audit import verify_audit
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import OFFICER_PASSWORD, FakeClock, bpu_record
from tests.day_fixtures import cash_as_taken, make_day, record_for
from tests.pg_fixtures import is_sqlite

# The links that must survive, read through natural keys (numbers, receipts, serials, names).
LINKS = {
    "payment": "SELECT p.receipt_no, m.number, o.username FROM payment p JOIN member m ON m.id = p.member_id "
    "JOIN officer o ON o.id = p.officer_id",
    "payment_month": "SELECT p.receipt_no, m.number, pm.programme, pm.month, pm.voided FROM payment_month pm "
    "JOIN payment p ON p.id = pm.payment_id JOIN member m ON m.id = pm.member_id",
    "card": "SELECT c.serial, m.number, c.status, o.username FROM card c JOIN member m ON m.id = c.member_id "
    "JOIN officer o ON o.id = c.issued_by_id",
    "reprint": "SELECT m.number, oc.serial, nc.serial FROM card_reprint r JOIN member m ON m.id = r.member_id "
    "LEFT JOIN card oc ON oc.id = r.old_card_id LEFT JOIN card nc ON nc.id = r.new_card_id",
    "heir": "SELECT m.number, h.nama FROM heir h JOIN member m ON m.id = h.member_id",
    "enrolment": "SELECT m.number, e.segment, o.username FROM enrolment e JOIN member m ON m.id = e.member_id "
    "JOIN officer o ON o.id = e.officer_id",
    "member": "SELECT m.number, b.code, o.username, mi.number FROM member m JOIN branch b ON b.id = m.branch_id "
    "JOIN officer o ON o.id = m.created_by_id LEFT JOIN member mi ON mi.id = m.merged_into_id",
    "correction": "SELECT m.number, c.status, ch.field, ch.new_value FROM member_correction c "
    "JOIN member m ON m.id = c.member_id JOIN member_correction_change ch ON ch.correction_id = c.id",
    "audit": "SELECT a.action, m.number, o.username FROM audit_event a LEFT JOIN member m ON m.id = a.member_id "
    "LEFT JOIN officer o ON o.id = a.officer_id",
    "sponsor": "SELECT s.receipt_no, p.receipt_no FROM payment p JOIN sponsor_batch s ON s.id = p.sponsor_batch_id",
    "name_key": "SELECT count(*), count(DISTINCT m.number) FROM member_name_key k JOIN member m ON m.id = k.member_id",
    "sequence": "SELECT b.code, s.next_serial FROM number_sequence s JOIN branch b ON b.id = s.branch_id",
    "day": "SELECT d.business_date, d.status, o.username FROM day_lock d JOIN officer o ON o.id = d.closed_by_id",
}


def _populate(ctx: Any, clock: FakeClock) -> None:
    set_up_branch(ctx)
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    auth.add_officer(
        ctx, username="budi", full_name="Budi", role="officer", password=OFFICER_PASSWORD, by=siti
    )
    budi = auth.login(ctx, "budi", OFFICER_PASSWORD)
    make_day(ctx, budi, siti, clock, n=6)
    out = enrolment.enrol_worker(ctx, budi, record_for(20, ahli_waris="ANDI:ANAK;RINA:ANAK"))
    assert out.number is not None
    twin = enrolment.enrol_worker(ctx, budi, record_for(21))
    assert twin.number is not None
    cards.issue_card(ctx, budi, out.number)
    cards.reprint_card(
        ctx,
        budi,
        out.number,
        reason="hilang",
        approver_username="siti",
        approver_password=SUPERVISOR_PASSWORD,
    )
    c = corrections.propose_correction(
        ctx, budi, out.number, {"tempat_lahir": "Palembang"}, "Salah ketik di KTP"
    )
    corrections.approve_correction(ctx, siti, c.id, SUPERVISOR_PASSWORD)
    deactivation.deactivate_member(ctx, siti, twin.number, "merged", into=out.number, note="orang yang sama")
    cs.pay_sponsored(
        ctx,
        budi,
        sponsor="Pemkab Ogan Ilir",
        numbers=[out.number],
        months=2,
        reference="SP2D 12/2026",
        start=Month(2027, 1),
    )
    clock.advance(hours=6)
    closing = dt.date(2026, 11, 23)
    day.close_day(
        ctx, siti, closing, password=SUPERVISOR_PASSWORD, cash_counted=cash_as_taken(ctx, siti, closing)
    )


def _snapshot(engine: sa.Engine) -> tuple[dict[str, int], dict[str, list[tuple[Any, ...]]]]:
    with engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
        counts = {t: int(conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one()) for t in tables}  # noqa: S608
        links = {k: sorted(tuple(map(str, r)) for r in conn.execute(sa.text(q))) for k, q in LINKS.items()}
    return counts, links


def _max_ids(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: int(conn.execute(sa.text(f'SELECT coalesce(max(id), 0) FROM "{t}"')).scalar_one())  # noqa: S608
            for t in surrogate_tables(conn)
        }


def _links_intact(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            return
        fks = id_foreign_keys(conn, surrogate_tables(conn))
        assert len(fks) > 40  # every link to a surrogate key is a real, validated constraint again
        invalid = conn.execute(
            sa.text("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")
        ).all()
        assert invalid == []


def _alembic(url: str, action: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine, action, revision)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_migration_0016_moves_a_branch_into_its_block_without_losing_a_row(
    any_db_url: str, home: Path
) -> None:
    clock = FakeClock()
    opened = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    _populate(opened.ctx, clock)
    assert verify_audit(opened.ctx).ok
    engine = opened.ctx.engine
    opened.ctx.engine.dispose()

    # The same branch as it was before the region: ids from 1, the chain signing them as they are.
    _alembic(any_db_url, "downgrade", "0014")
    before = _snapshot(engine)
    assert all(0 < top < BLOCK for top in _max_ids(engine).values() if top)
    assert before[0]["member"] == 8 and before[0]["payment"] == 7 and before[0]["audit_event"] >= 40

    _alembic(any_db_url, "upgrade", "head")
    after = _snapshot(engine)
    assert after[1] == before[1]  # every link, read through natural keys
    assert {t: n for t, n in after[0].items() if t in before[0]} == before[0]  # every row
    lo, hi = id_range("101")
    assert all(lo <= top <= hi for top in _max_ids(engine).values() if top)
    with engine.connect() as conn:
        seqs = conn.execute(sa.text("SELECT min(seq), max(seq) FROM audit_event")).one()
        head = conn.execute(sa.text("SELECT last_seq FROM audit_head")).scalar_one()
    assert code_of(seqs[0]) == "101" and local_part(seqs[0]) == 1 and head == seqs[1]
    _links_intact(engine)
    engine.dispose()

    reopened = open_app(any_db_url, home=home, clock=clock, counter="LOKET-1")
    ctx = reopened.ctx
    report = verify_audit(ctx)
    assert report.ok, report.lines()  # the chain, its anchors (closed day, PDF) and every row
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    clock.advance(days=1)
    out = enrolment.enrol_worker(ctx, siti, bpu_record(nik="1610014508900044"))
    assert out.member is not None and lo <= out.member.id <= hi
    paid = cs.record_enrolment_payment(ctx, siti, out.member.number)
    assert paid is not None and lo <= paid.id <= hi
    assert verify_audit(ctx).ok
    reopened.ctx.engine.dispose()


def test_a_new_branch_takes_its_block_before_its_first_row(any_db_url: str, home: Path) -> None:
    opened = open_app(any_db_url, home=home, counter="LOKET-1")
    set_up_branch(opened.ctx)
    lo, hi = id_range("101")
    engine = opened.ctx.engine
    tops = _max_ids(engine)
    assert tops["branch"] == lo and tops["officer"] == lo
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT min(seq) FROM audit_event")).scalar_one() == lo
        if not is_sqlite(any_db_url):  # the sequence cannot leave the block
            assert (
                conn.execute(
                    sa.text("SELECT max_value FROM pg_sequences WHERE sequencename = 'member_id_seq'")
                ).scalar_one()
                == hi
            )
    assert verify_audit(opened.ctx).ok
    engine.dispose()


def test_models_and_migrations_agree(any_db_url: str) -> None:
    if is_sqlite(any_db_url):
        Path(any_db_url.split(":///", 1)[1]).parent.mkdir(parents=True)
    engine = make_engine(any_db_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
    finally:
        engine.dispose()
    assert diff == []


def test_every_link_to_a_surrogate_key_is_a_bigint_on_postgresql() -> None:
    """A new table pointing at ``member.id`` (or any surrogate key) must use ``app.db.ids.Id``:
    ids are in a block above 2³¹."""
    import app.db.all_models  # noqa: F401

    for table in Base.metadata.tables.values():
        for column in table.columns:
            targets = {fk.column.table.name for fk in column.foreign_keys if fk.column.name == "id"}
            if column.primary_key and column.name == "id" and table.name not in ("audit_head", "audit_seal"):
                targets.add(table.name)
            if targets:
                assert "BIGINT" in str(column.type.compile(dialect=sa.dialects.postgresql.dialect())), (
                    f"{table.name}.{column.name}"
                )
