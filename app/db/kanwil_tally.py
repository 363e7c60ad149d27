"""The Kanwil's tally: one narrow row per active member of the region (``kanwil_member_tally``),
kept by triggers as the branches' rows arrive, so the Kanwil dashboard is one scan of a narrow
table instead of a join of every member record with its status index row.

A row holds what ``coverage_queries.held_by_regency`` works out per member, and nothing else:
his home regency (the village code, else the NIK's district), the branch holding him (the block
of his record's ``branch_id``), whether he counts toward his regency's target (registered since
its baseline), and his status index answer (``member_cover``: covered, as_of, recheck_on; NULL
while the index has none). The same definition, stored instead of recomputed:

* a trigger on ``member`` (enabled ALWAYS: it fires for replicated rows) writes the row of an
  ACTIVE member and removes it when the record leaves ACTIVE or goes (a move, a deactivation);
* a row trigger on ``member_cover`` copies its answer (or NULL when the row is forgotten);
* ``kanwil_tally_baseline`` holds the instant each target regency is counted from, as the
  dashboard last set it (``sync_baselines``: a changed target re-marks that regency's rows);
* ``kanwil_nik_twice`` holds the NIKs active at two records at once (the dashboard's warning),
  kept by the same member trigger. Its limit: two branches' replicated transactions carrying the
  same NIK, applied at the very same moment, do not see each other's uncommitted row, and that
  pair is not counted until the tally is counted again (``backfill``). A lock per NIK would close
  that window, but a branch's import of many members arrives as one transaction and would hold
  one lock per member (PostgreSQL's shared lock table runs out), and it cost a quarter of the
  catch-up time.

All three are derived data, never replicated; ``install`` fills them from what the Kanwil
already holds (a region set up before them, or a trigger found missing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import sqlalchemy as sa

from app.db.coverage_queries import Held
from app.db.ids import BLOCK
from app.db.pgtools import ensure_always_trigger

TALLY = "kanwil_member_tally"
BASELINE = "kanwil_tally_baseline"
TWICE = "kanwil_nik_twice"
MEMBER_TRIGGER = "loket_kanwil_tally_m"
COVER_TRIGGER = "loket_kanwil_tally_c"

# The home regency exactly as ``coverage_queries.regency_of`` says it.
_REGENCY = "coalesce(substr({m}.kode_wilayah, 1, 5), substr({m}.nik_district, 1, 5))"

SQL = f"""
CREATE OR REPLACE FUNCTION loket_kanwil_tally_member() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  v_regency text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.record_status = 'ACTIVE' AND (
       TG_OP = 'DELETE' OR NEW.record_status <> 'ACTIVE' OR NEW.nik <> OLD.nik) THEN
    IF (SELECT count(*) FROM member m WHERE m.nik = OLD.nik AND m.record_status = 'ACTIVE') < 2 THEN
      DELETE FROM {TWICE} WHERE nik = OLD.nik;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' OR NEW.record_status <> 'ACTIVE' THEN
    DELETE FROM {TALLY} WHERE member_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
    DELETE FROM {TALLY} WHERE member_id = OLD.id;
  END IF;
  v_regency := {_REGENCY.format(m="NEW")};
  -- No status index answer: a written member record is forgotten by the index's own trigger
  -- (app.db.kanwil_cover), and worked out again by the next refresh.
  INSERT INTO {TALLY} (member_id, regency, branch, created_at, counted)
  VALUES (NEW.id, v_regency, NEW.branch_id / {BLOCK}, NEW.created_at,
          coalesce(NEW.created_at >= (SELECT b.counted_from FROM {BASELINE} b WHERE b.regency = v_regency), false))
  ON CONFLICT (member_id) DO UPDATE SET regency = EXCLUDED.regency, branch = EXCLUDED.branch,
    created_at = EXCLUDED.created_at, counted = EXCLUDED.counted, covered = NULL, as_of = NULL,
    recheck_on = NULL;
  IF TG_OP = 'INSERT' OR OLD.record_status <> 'ACTIVE' OR NEW.nik <> OLD.nik THEN
    IF EXISTS (SELECT 1 FROM member m WHERE m.nik = NEW.nik AND m.record_status = 'ACTIVE' AND m.id <> NEW.id) THEN
      INSERT INTO {TWICE} (nik) VALUES (NEW.nik) ON CONFLICT (nik) DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loket_kanwil_tally_cover() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE {TALLY} SET covered = NULL, as_of = NULL, recheck_on = NULL WHERE member_id = OLD.member_id;
  ELSE
    IF TG_OP = 'UPDATE' AND NEW.member_id <> OLD.member_id THEN
      UPDATE {TALLY} SET covered = NULL, as_of = NULL, recheck_on = NULL WHERE member_id = OLD.member_id;
    END IF;
    UPDATE {TALLY} SET covered = NEW.covered, as_of = NEW.as_of, recheck_on = NEW.recheck_on
    WHERE member_id = NEW.member_id;
  END IF;
  RETURN NULL;
END $$;
"""  # noqa: S608 - fixed names, no input

NAMES = (MEMBER_TRIGGER, COVER_TRIGGER)
FUNCTIONS = ("loket_kanwil_tally_member", "loket_kanwil_tally_cover")

# What the Kanwil already holds, counted once (``install`` when a trigger was missing).
BACKFILL = (
    "TRUNCATE kanwil_member_tally, kanwil_nik_twice",
    "INSERT INTO kanwil_member_tally (member_id, regency, branch, created_at, counted, covered, as_of, recheck_on) "  # noqa: S608
    f"SELECT m.id, r.regency, m.branch_id / {BLOCK}, m.created_at, coalesce(m.created_at >= b.counted_from, false), "
    "c.covered, c.as_of, c.recheck_on FROM member m "
    f"CROSS JOIN LATERAL (SELECT {_REGENCY.format(m='m')} AS regency) r "
    "LEFT JOIN kanwil_tally_baseline b ON b.regency = r.regency "
    "LEFT JOIN member_cover c ON c.member_id = m.id WHERE m.record_status = 'ACTIVE'",
    "INSERT INTO kanwil_nik_twice (nik) SELECT nik FROM member WHERE record_status = 'ACTIVE' "
    "GROUP BY nik HAVING count(*) > 1",
)


def _missing(conn: sa.Connection) -> bool:
    found = conn.execute(
        sa.text("SELECT count(*) FROM pg_trigger WHERE tgname = ANY(:n) AND tgenabled = 'A'"),
        {"n": list(NAMES)},
    ).scalar_one()
    return int(found) != len(NAMES)


def install(conn: sa.Connection) -> None:
    """Kanwil side: the triggers that keep the tally, and the tally itself when they were missing
    (so what arrived without them is counted)."""
    missing = _missing(conn)
    conn.exec_driver_sql(SQL)
    ensure_always_trigger(
        conn,
        "member",
        MEMBER_TRIGGER,
        f"CREATE TRIGGER {MEMBER_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON member "
        "FOR EACH ROW EXECUTE FUNCTION loket_kanwil_tally_member()",
    )
    # A row trigger: the replicated writes forget one member's index row at a time, and a statement
    # trigger joining its transition table would be planned against the whole tally each time.
    ensure_always_trigger(
        conn,
        "member_cover",
        COVER_TRIGGER,
        f"CREATE TRIGGER {COVER_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON member_cover "
        "FOR EACH ROW EXECUTE FUNCTION loket_kanwil_tally_cover()",
    )
    if missing:
        backfill(conn)


def backfill(conn: sa.Connection) -> None:
    """Count every active member again from the replicated rows (a repair; also the benchmark's
    set-up after a bulk load)."""
    for sql in BACKFILL:
        conn.exec_driver_sql(sql)


def sync_baselines(conn: sa.Connection, since: Mapping[str, dt.datetime]) -> int:
    """Make the rows count from ``since`` (regency → first instant counted, ``counted_from`` of its
    target): a regency whose baseline changed, appeared or went is marked again. → regencies
    re-marked (0 on every call but the first after a target changes)."""
    have = {
        str(r): at
        for r, at in conn.execute(sa.text(f"SELECT regency, counted_from FROM {BASELINE}"))  # noqa: S608
    }
    changed = [r for r in set(have) | set(since) if have.get(r) != since.get(r)]
    for regency in changed:
        at = since.get(regency)
        if at is None:
            conn.execute(sa.text(f"DELETE FROM {BASELINE} WHERE regency = :r"), {"r": regency})  # noqa: S608
            conn.execute(
                sa.text("UPDATE kanwil_member_tally SET counted = false WHERE regency = :r AND counted"),
                {"r": regency},
            )
            continue
        conn.execute(
            sa.text(
                f"INSERT INTO {BASELINE} (regency, counted_from) VALUES (:r, :at) "  # noqa: S608
                "ON CONFLICT (regency) DO UPDATE SET counted_from = EXCLUDED.counted_from"
            ),
            {"r": regency, "at": at},
        )
        conn.execute(
            sa.text(
                f"UPDATE {TALLY} SET counted = (created_at >= :at) "  # noqa: S608
                "WHERE regency = :r AND counted IS DISTINCT FROM (created_at >= :at)"
            ),
            {"r": regency, "at": at},
        )
    return len(changed)


def baselines_match(conn: sa.Connection, since: Mapping[str, dt.datetime]) -> bool:
    have = {
        str(r): at
        for r, at in conn.execute(sa.text(f"SELECT regency, counted_from FROM {BASELINE}"))  # noqa: S608
    }
    return have == dict(since)


def held_by_regency(conn: sa.Connection, today: dt.date) -> list[Held]:
    """``coverage_queries.held_by_regency`` read from the tally (the baselines as last synced): one
    scan of the narrow rows, grouped by regency and holding branch."""
    answered = "recheck_on > :t AND as_of <= :t"
    rows = conn.execute(
        sa.text(
            f"SELECT regency, branch, count(*), count(*) FILTER (WHERE covered AND {answered}), "  # noqa: S608
            f"count(*) FILTER (WHERE counted), count(*) FILTER (WHERE counted AND covered AND {answered}), "
            f"count(*) FILTER (WHERE {answered}) FROM {TALLY} GROUP BY regency, branch"
        ),
        {"t": today},
    )
    return [Held(str(r[0]), f"{int(r[1]):03d}", *(int(n) for n in r[2:])) for r in rows]


def duplicate_niks(conn: sa.Connection) -> int:
    """NIKs active at two member records at once."""
    return int(conn.execute(sa.text(f"SELECT count(*) FROM {TWICE}")).scalar_one())  # noqa: S608
