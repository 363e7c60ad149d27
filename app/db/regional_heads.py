"""The Kanwil's record of each branch's audit head (``regional_audit_head``): the trigger that
keeps it as events arrive, the guard that keeps it from going down, and how it is read.

At the Kanwil a row trigger on the replicated ``audit_event`` (enabled ALWAYS: the apply workers
of logical replication run as ``replica``, where ordinary triggers do not fire) raises the
branch's recorded head to each newer event it receives, and never lowers it:

* a replicated DELETE (a branch cutting its tail) does not touch it;
* an event at or below the recorded position (a cut tail written again, a re-copy) does not;
* a newer event raises it only while the Kanwil still holds the recorded head event with the
  recorded hash. Once a branch has rewritten or removed that event, the record stays where it
  was (it is the evidence) and the Kanwil's ``region audit`` and the branch's ``audit verify``
  both find the chain no longer reaching it, or reaching it with another event.

Only branches registered in ``region_branch`` are recorded (the Kanwil's own chain has its own
seal). The table goes down to every branch with the reference data.

The guard (installed by migration 0019 in every PostgreSQL database, enabled ALWAYS) refuses an
UPDATE that lowers a row or changes the hash at the same position, a DELETE and a TRUNCATE from
an ordinary session; for rows applied by replication it silently keeps the higher row. Loket's own
re-subscription empties the table first (``refill_down``), which the guard allows for that
session only; an accepted restore re-bases one branch's row the same way
(``rebase``, ``loket region accept-restore``, audited at the Kanwil and at the branch). Its limits, honestly: the database account that owns the table can drop or disable
the guard (or set the same switch) and then lower its copy; a branch's ``audit verify`` therefore
asks the Kanwil itself whenever it can be reached and falls back on the local copy only when not,
and the Kanwil's record (``loket region audit``) does not depend on any branch's copy at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Any

import sqlalchemy as sa

from app.db.ids import BLOCK, block_of, local_part
from app.db.pgtools import ensure_always_trigger
from app.db.region_facts import chain_tip
from app.domain.region import RestoreFacts
from app.domain.regional_anchors import KanwilRecord

TABLE = "regional_audit_head"
TRIGGER = "loket_region_audit_head"  # at the Kanwil, on audit_event
GUARD = "loket_regional_head_guard"  # everywhere, on regional_audit_head
REFILL = "loket.refill_down"  # session switch: Loket itself empties the table to subscribe again
REBASE = "loket.rebase_head"  # session switch (a branch code): an accepted restore re-bases that row

KANWIL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  v_code text := lpad((NEW.seq / {BLOCK})::text, 3, '0');
  v_base bigint := (NEW.seq / {BLOCK}) * {BLOCK};
  v_pos bigint := mod(NEW.seq, {BLOCK});  -- no percent signs here: the driver reads them
  v_seq bigint;
  v_hash text;
BEGIN
  IF v_pos <= 0 OR NOT EXISTS (SELECT 1 FROM region_branch b WHERE b.code = v_code) THEN
    RETURN NULL;
  END IF;
  SELECT h.last_seq, h.last_hash INTO v_seq, v_hash FROM {TABLE} h WHERE h.branch_code = v_code FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO {TABLE} (branch_code, last_seq, last_hash, seen_at)
    VALUES (v_code, v_pos, NEW.hash, now()) ON CONFLICT (branch_code) DO NOTHING;
    RETURN NULL;
  END IF;
  IF v_pos <= v_seq THEN
    RETURN NULL;  -- only ever raised
  END IF;
  -- Raised only over a chain that still holds the head recorded before: a rewritten or cut
  -- chain that grows again past the old head does not wipe out the evidence.
  IF NOT EXISTS (SELECT 1 FROM audit_event e
                 WHERE e.seq = v_base + v_seq AND e.hash = v_hash) THEN
    RETURN NULL;
  END IF;
  UPDATE {TABLE} SET last_seq = v_pos, last_hash = NEW.hash, seen_at = now() WHERE branch_code = v_code;
  RETURN NULL;
END $$;
"""  # noqa: S608 - fixed names, no input

GUARD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {GUARD}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_replica boolean := current_setting('session_replication_role') = 'replica';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF coalesce(current_setting('{REFILL}', true), '') = 'on' THEN
      RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'Catatan Kanwil atas kepala rantai audit tidak boleh dikosongkan.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF v_replica THEN
      RETURN NULL;  -- kept: a copy outlives a record removed upstream
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'Catatan Kanwil atas kepala rantai audit cabang ' || OLD.branch_code || ' tidak boleh dihapus.';
  END IF;
  IF NEW.branch_code <> OLD.branch_code OR NEW.last_seq < OLD.last_seq
     OR (NEW.last_seq = OLD.last_seq AND NEW.last_hash <> OLD.last_hash) THEN
    IF NOT v_replica AND NEW.branch_code = OLD.branch_code
       AND coalesce(current_setting('{REBASE}', true), '') = OLD.branch_code THEN
      RETURN NEW;  -- an accepted restore (loket region accept-restore), audited by its caller
    END IF;
    IF v_replica THEN
      RETURN OLD;  -- the higher record stays
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'Catatan Kanwil atas kepala rantai audit cabang ' || OLD.branch_code || ' hanya boleh naik.';
  END IF;
  RETURN NEW;
END $$;
"""


def install_guard(conn: sa.Connection) -> None:
    """Every PostgreSQL database (migration 0019): the record only goes up."""
    conn.exec_driver_sql(GUARD_FUNCTION)
    for suffix, timing in (("rows", "BEFORE UPDATE OR DELETE ON {t} FOR EACH ROW"),
                           ("truncate", "BEFORE TRUNCATE ON {t} FOR EACH STATEMENT")):  # fmt: skip
        name = f"{GUARD}_{suffix}"
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
        conn.exec_driver_sql(f"CREATE TRIGGER {name} {timing.format(t=TABLE)} EXECUTE FUNCTION {GUARD}()")
        conn.exec_driver_sql(f"ALTER TABLE {TABLE} ENABLE ALWAYS TRIGGER {name}")


def drop_guard(conn: sa.Connection) -> None:
    conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {GUARD}() CASCADE")


def refill_down(conn: sa.Connection, tables: tuple[str, ...]) -> None:
    """Empty the reference tables before subscribing again (the copy refills them); ``conn`` in
    autocommit, its session closed after (the switch lasts for this session only)."""
    conn.exec_driver_sql(f"SELECT set_config('{REFILL}', 'on', false)")
    try:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)}")
    finally:
        conn.exec_driver_sql(f"SELECT set_config('{REFILL}', 'off', false)")


def rebase(conn: sa.Connection, code: str, seq: int, digest: str) -> None:
    """Kanwil side, inside the transaction that audits an accepted restore: set branch ``code``'s
    record to the head the branch now has (``seq`` its position), lower than before. The switch
    lasts for this transaction only."""
    conn.execute(sa.text(f"SELECT set_config('{REBASE}', :c, true)"), {"c": code})
    conn.execute(
        sa.text(f"UPDATE {TABLE} SET last_seq = :s, last_hash = :h, seen_at = now() WHERE branch_code = :c"),  # noqa: S608
        {"s": seq, "h": digest, "c": code},
    )
    conn.execute(sa.text(f"SELECT set_config('{REBASE}', '', true)"))


# What the Kanwil already holds when the trigger is installed (a region set up before it).
BACKFILL = f"""
INSERT INTO {TABLE} (branch_code, last_seq, last_hash, seen_at)
SELECT b.code, mod(e.seq, {BLOCK}), e.hash, now()
FROM region_branch b
JOIN LATERAL (SELECT seq, hash FROM audit_event
              WHERE seq > b.code::bigint * {BLOCK} AND seq < (b.code::bigint + 1) * {BLOCK}
              ORDER BY seq DESC LIMIT 1) e ON true
ON CONFLICT (branch_code) DO NOTHING
"""  # noqa: S608 - fixed names, no input


def install_kanwil_trigger(conn: sa.Connection) -> None:
    """Kanwil side (``region init``, ``region repair``): idempotent."""
    conn.exec_driver_sql(KANWIL_FUNCTION)
    ensure_always_trigger(
        conn,
        "audit_event",
        TRIGGER,
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()",
    )
    conn.exec_driver_sql(BACKFILL)


def _always(conn: sa.Connection, names: list[str]) -> int:
    return int(
        conn.execute(
            sa.text("SELECT count(*) FROM pg_trigger WHERE tgname = ANY(:n) AND tgenabled = 'A'"),
            {"n": names},
        ).scalar_one()
    )


def kanwil_trigger_installed(conn: sa.Connection) -> bool:
    return _always(conn, [TRIGGER]) == 1


def _row(r: Sequence[Any]) -> KanwilRecord:
    at: dt.datetime = r[3]
    return KanwilRecord(str(r[0]), int(r[1]), str(r[2]), at if at.tzinfo else at.replace(tzinfo=dt.UTC))


_SELECT = f"SELECT branch_code, last_seq, last_hash, seen_at FROM {TABLE}"  # noqa: S608 - fixed name


def recorded_head(conn: sa.Connection, code: str) -> KanwilRecord | None:
    """Branch ``code``'s row (read at the Kanwil, or a branch's copy of it)."""
    r = conn.execute(sa.text(f"{_SELECT} WHERE branch_code = :c"), {"c": code}).first()
    return None if r is None else _row(r)


def recorded_heads(conn: sa.Connection) -> dict[str, KanwilRecord]:
    return {h.code: h for h in (_row(r) for r in conn.execute(sa.text(_SELECT)))}


BATCH = 20_000


def chain_links(conn: sa.Connection, base: int) -> Iterator[tuple[int, str, str]]:
    """(position, prev_hash, hash) of the chain in block ``base`` (a branch's, at the Kanwil), in
    order, in batches."""
    after = base
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT seq, prev_hash, hash FROM audit_event WHERE seq > :a AND seq < :e ORDER BY seq LIMIT :n"
            ),
            {"a": after, "e": base + BLOCK, "n": BATCH},
        ).all()
        for seq, prev, digest in rows:
            yield int(seq) - base, str(prev), str(digest)
        if len(rows) < BATCH:
            return
        after = int(rows[-1][0])


def event_hash(conn: sa.Connection, seq: int) -> str | None:
    found = conn.execute(sa.text("SELECT hash FROM audit_event WHERE seq = :s"), {"s": seq}).scalar()
    return None if found is None else str(found)


def holds(conn: sa.Connection, code: str, record: KanwilRecord) -> bool:
    """Whether this database (a branch's own) still holds the event the Kanwil recorded of branch
    ``code``'s chain, with the recorded hash."""
    return event_hash(conn, block_of(code) + record.seq) == record.hash


def last_restore(conn: sa.Connection, code: str, upto: int) -> tuple[dt.datetime, str | None] | None:
    """The newest ``db.restore`` event of branch ``code``'s chain at or below position ``upto``
    (when, and the backup file it names), read backwards from there."""
    base = block_of(code)
    row = conn.execute(
        sa.text(
            "SELECT occurred_at, details FROM audit_event WHERE seq > :lo AND seq <= :hi "
            "AND action = 'db.restore' ORDER BY seq DESC LIMIT 1"
        ),
        {"lo": base, "hi": base + upto},
    ).first()
    if row is None:
        return None
    at: dt.datetime = row[0] if row[0].tzinfo else row[0].replace(tzinfo=dt.UTC)
    try:
        details = json.loads(row[1] or "{}")
    except ValueError:
        details = {}
    name = details.get("file") if isinstance(details, dict) else None
    return at, PurePath(str(name)).name if name else None


def members_of(conn: sa.Connection, code: str, *, at_kanwil: bool) -> int:
    """Branch ``code``'s member records: those the Kanwil holds of it, or those the branch holds."""
    if at_kanwil:
        lo, hi = block_of(code), block_of(code) + BLOCK
        sql, params = (
            "SELECT count(*) FROM member WHERE branch_id > :lo AND branch_id < :hi",
            {"lo": lo, "hi": hi},
        )
    else:
        sql, params = "SELECT count(*) FROM member WHERE record_status <> 'MOVED'", {}
    return int(conn.execute(sa.text(sql), params).scalar_one())


def restore_facts(conn: sa.Connection, code: str, record: KanwilRecord | None) -> RestoreFacts | None:
    """Branch side (``conn`` on the branch's own database): None while it still holds the head the
    Kanwil recorded of its chain; else what it has now (its chain's end, its last restore)."""
    if record is None or holds(conn, code, record):
        return None
    tip = chain_tip(conn, code).last_seq
    restore = last_restore(conn, code, max(record.seq, local_part(tip) if tip else 0))
    return RestoreFacts(
        record.seq,
        record.seen_at,
        local_part(tip) if tip is not None else None,
        restore[0] if restore else None,
        restore[1] if restore else None,
        None,
        members_of(conn, code, at_kanwil=False),
    )


def last_accepted(conn: sa.Connection, code: str) -> tuple[dt.datetime, str, int] | None:
    """The newest accepted restore of branch ``code`` (when, by whom, rows lost), or None."""
    row = conn.execute(
        sa.text(
            "SELECT r.accepted_at, r.accepted_by_name, (SELECT count(*) FROM region_restore_loss l "
            "WHERE l.restore_id = r.ref) FROM region_restore r WHERE r.branch_code = :c "
            "ORDER BY r.accepted_at DESC LIMIT 1"
        ),
        {"c": code},
    ).first()
    if row is None:
        return None
    at: dt.datetime = row[0] if row[0].tzinfo else row[0].replace(tzinfo=dt.UTC)
    return at, str(row[1]), int(row[2])
