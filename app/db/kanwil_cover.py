"""The Kanwil's status index stays true as the branches' rows arrive: replicated writes do not pass
through the services that ``forget`` a member's ``member_cover`` row at a branch, so triggers at
the Kanwil (enabled ALWAYS: they fire for replicated rows too) drop the row of every member whose
paid months, enrolment, schedule or record changed; the next ``status_index.refresh`` there works
him out again from the replicated payments. ``member_cover`` itself is never replicated."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import kanwil_tally
from app.db.pgtools import ensure_always_trigger

SQL = """
CREATE OR REPLACE FUNCTION loket_region_forget_cover() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM member_cover WHERE member_id = OLD.member_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    DELETE FROM member_cover WHERE member_id = NEW.member_id;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loket_region_forget_member_cover() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM member_cover WHERE member_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    DELETE FROM member_cover WHERE member_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
"""

# (table, trigger name, function): what a member's cover is computed from (``bulk_facts``).
TRIGGERS = (
    ("payment_month", "loket_region_forget_cover_pm", "loket_region_forget_cover"),
    ("enrolment", "loket_region_forget_cover_en", "loket_region_forget_cover"),
    ("contribution_schedule", "loket_region_forget_cover_cs", "loket_region_forget_cover"),
    ("member", "loket_region_forget_cover_m", "loket_region_forget_member_cover"),
)
NAMES = (*(name for _t, name, _f in TRIGGERS), *kanwil_tally.NAMES)


def install(conn: sa.Connection) -> None:
    """Kanwil side: forget a member's index row whenever what his cover depends on arrives."""
    conn.exec_driver_sql(SQL)
    for table, name, function in TRIGGERS:
        ensure_always_trigger(
            conn,
            table,
            name,
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        )
    kanwil_tally.install(conn)  # the dashboard's tally, kept beside the index
