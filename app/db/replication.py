"""PostgreSQL logical replication between branch servers and their Kanwil: which table travels
which way, and the SQL of publications, subscriptions and the Kanwil's own triggers.

Up (branch → Kanwil, publication ``loket_up`` on each branch, subscription ``loket_up_<code>``
at the Kanwil): members and everything about them, officers (without password hashes), card
keys and audit. Each branch publishes only the rows it holds itself, so no row ever travels
back, and two branches never send the same row (PostgreSQL 15 has no ``origin = none``):

* rows with a surrogate key: only those in the branch's own block of ids (``app.db.ids``); a
  member's history received in a move (mutasi) keeps the origin's ids and stays unpublished;
* ``member``: the members the branch holds (not ``MOVED``), so a move hands the row over — the
  origin's change to MOVED reaches the Kanwil as a delete, the destination's copy as an insert;
* ``card_key``: the branch's own keys (``origin = 'own'``), not those it imported.

Down (Kanwil → branches, publication ``loket_down``, subscription ``loket_down_<code>`` on each
branch): only the ``region_*`` tables and ``regional_audit_head``, which no branch writes. The Kanwil fills them from what
its branches send (triggers enabled ALWAYS, so they also fire for replicated rows) and from its
own rate tables and targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import make_url

from app.db import kanwil_cover, regional_heads
from app.db.ids import id_range
from app.db.pgtools import ensure_always_trigger

PUBLICATION_UP = "loket_up"
PUBLICATION_DOWN = "loket_down"
BLOCK = "block"  # id in the branch's block
CHAIN = "chain"  # audit seq in the branch's block
HELD = "held"  # member rows the branch holds
OWN_KEYS = "own_keys"  # card keys the branch made

UP: dict[str, str | None] = {
    "branch": BLOCK,
    "officer": BLOCK,
    "member": HELD,
    "heir": BLOCK,
    "enrolment": BLOCK,
    "contribution_schedule": None,  # one row per member, handed over in a move like the member
    "construction_project": BLOCK,
    "sponsor_batch": BLOCK,
    "payment": BLOCK,
    "payment_month": BLOCK,
    "card": BLOCK,
    "card_reprint": BLOCK,
    "card_key": OWN_KEYS,
    "member_correction": BLOCK,
    "member_correction_change": BLOCK,
    "member_deactivation": BLOCK,
    "member_transfer": BLOCK,
    "import_batch": BLOCK,
    "imported_package": None,  # keyed by the package's own id
    "package_record": BLOCK,
    "package_conflict": BLOCK,
    "imported_audit_event": BLOCK,
    "audit_event": CHAIN,
}
# Officers go up without what only their own branch needs (password hash, lockout, last login).
UP_COLUMNS = {"officer": ("id", "username", "full_name", "role", "active", "created_at")}
# Row filters on a column outside the key need the whole old row in the WAL.
FULL_IDENTITY = ("member", "card_key")

DOWN = (
    "region_branch",
    "region_card_key",
    "region_card_revocation",
    "region_rate_table",
    "region_target",
    "regional_audit_head",  # what the Kanwil saw of each branch's audit chain (app.db.regional_heads)
    "region_restore",  # restores of a branch accepted at the Kanwil (app.services.region.restore)
    "region_restore_loss",  # … and the rows each one lost, as the Kanwil held them
)

# Tables that never leave their database, and why (no code needs the list; kept for the reader):
# - alembic_version: schema version of this database
# - audit_head: tip of this database's own chain
# - audit_seal: seal over this database's own chain
# - setting: settings of this branch's counters
# - number_sequence: membership numbers are allocated where the member is enrolled
# - receipt_sequence: receipt serials are allocated where the money is received
# - member_name_key: search index, rebuilt from members (loket search reindex)
# - name_key_stat: search index statistics
# - import_header_mapping: remembered spreadsheet headers of this branch
# - day_lock: closing of this branch's business day (archived PDF)
# - coverage_target: the branch's own targets; the Kanwil's go down as region_target
# - rate_table: rate tables loaded here; the Kanwil's go down as region_rate_table
# - cover_status_before: record of migration 0010 in this database
# - member_cover: status index, derived: each database (the Kanwil too) refills it from the payments it holds
# - kanwil_member_tally: the Kanwil dashboard's tally, derived by triggers from the members it holds
# - kanwil_tally_baseline: the baselines that tally counts from
# - kanwil_nik_twice: NIKs active at two records, derived by the same triggers


def _filter(rule: str | None, code: str) -> str:
    lo, hi = id_range(code)
    if rule == BLOCK:
        return f" WHERE (id BETWEEN {lo} AND {hi})"
    if rule == CHAIN:
        return f" WHERE (seq BETWEEN {lo} AND {hi})"
    if rule == HELD:
        return " WHERE (record_status <> 'MOVED')"
    if rule == OWN_KEYS:
        return " WHERE (origin = 'own')"
    return ""


def branch_filter(rule: str | None, code: str) -> str:
    """The row filter of a table of branch ``code``'s publication (without ``WHERE``), or ""."""
    return _filter(rule, code).removeprefix(" WHERE ")


def up_tables_sql(code: str) -> str:
    """The table list of branch ``code``'s publication, with its column lists and row filters."""
    parts = []
    for table, rule in UP.items():
        columns = UP_COLUMNS.get(table)
        cols = f" ({', '.join(columns)})" if columns else ""
        parts.append(f"{table}{cols}{_filter(rule, code)}")
    return ", ".join(parts)


def conninfo(url: str) -> str:
    """A libpq connection string for a SQLAlchemy URL (what a subscription stores)."""
    u = make_url(url)
    return make_conninfo(
        "",
        **{
            k: v
            for k, v in {
                "host": u.host,
                "port": u.port,
                "user": u.username,
                "password": u.password,
                "dbname": u.database,
            }.items()
            if v is not None
        },
    )


def _exists(conn: sa.Connection, sql: str, name: str) -> bool:
    return conn.execute(sa.text(sql), {"n": name}).first() is not None


def publication_exists(conn: sa.Connection, name: str) -> bool:
    return _exists(conn, "SELECT 1 FROM pg_publication WHERE pubname = :n", name)


def subscription_exists(conn: sa.Connection, name: str) -> bool:
    return _exists(
        conn,
        "SELECT 1 FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
        "WHERE s.subname = :n AND d.datname = current_database()",
        name,
    )


def ensure_up_publication(conn: sa.Connection, code: str) -> None:
    """Branch side: the publication of what this branch sends, as this version of Loket defines it."""
    for table in FULL_IDENTITY:
        conn.exec_driver_sql(f"ALTER TABLE {table} REPLICA IDENTITY FULL")
    verb = (
        "ALTER PUBLICATION {} SET TABLE"
        if publication_exists(conn, PUBLICATION_UP)
        else "CREATE PUBLICATION {} FOR TABLE"
    )
    conn.exec_driver_sql(f"{verb.format(PUBLICATION_UP)} {up_tables_sql(code)}")


def ensure_down_publication(conn: sa.Connection) -> None:
    """Kanwil side: the publication of the reference data every branch receives."""
    verb = (
        "ALTER PUBLICATION {} SET TABLE"
        if publication_exists(conn, PUBLICATION_DOWN)
        else "CREATE PUBLICATION {} FOR TABLE"
    )
    conn.exec_driver_sql(f"{verb.format(PUBLICATION_DOWN)} {', '.join(DOWN)}")


def create_subscription(conn: sa.Connection, name: str, url: str, publication: str) -> None:
    """Subscribe (copying what is there first). ``conn`` must be in autocommit: PostgreSQL makes
    the replication slot on the publisher outside any transaction."""
    info = conninfo(url).replace("'", "''")
    conn.exec_driver_sql(
        f"CREATE SUBSCRIPTION {name} CONNECTION '{info}' PUBLICATION {publication} WITH (copy_data = true)"
    )


def drop_subscription(conn: sa.Connection, name: str, *, keep_slot: bool = False) -> None:
    """Drop a subscription; ``keep_slot`` when the publisher cannot be reached or lost its slot."""
    if not subscription_exists(conn, name):
        return
    if keep_slot:
        conn.exec_driver_sql(f"ALTER SUBSCRIPTION {name} DISABLE")
        conn.exec_driver_sql(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
    conn.exec_driver_sql(f"DROP SUBSCRIPTION {name}")


def set_subscription_enabled(conn: sa.Connection, name: str, enabled: bool) -> None:
    conn.exec_driver_sql(f"ALTER SUBSCRIPTION {name} {'ENABLE' if enabled else 'DISABLE'}")


def reset_error_counts(conn: sa.Connection, name: str) -> None:
    """Start counting apply and copy errors afresh (after a repair)."""
    conn.execute(
        sa.text("SELECT pg_stat_reset_subscription_stats(oid) FROM pg_subscription WHERE subname = :n"),
        {"n": name},
    )


def refresh_subscription(conn: sa.Connection, name: str) -> None:
    """Pick up tables added to the publication (a newer Loket), copying their rows."""
    conn.exec_driver_sql(f"ALTER SUBSCRIPTION {name} REFRESH PUBLICATION WITH (copy_data = true)")


def subscribed_tables(conn: sa.Connection, name: str) -> set[str]:
    """Subscriber side: the tables subscription ``name`` receives (to see what a newer Loket adds)."""
    rows = conn.execute(
        sa.text(
            "SELECT c.relname FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid "
            "JOIN pg_class c ON c.oid = r.srrelid WHERE s.subname = :n"
        ),
        {"n": name},
    )
    return {str(r[0]) for r in rows}


def drop_slot(conn: sa.Connection, name: str) -> None:
    """Publisher side: forget a slot nobody will read again (it would keep WAL forever)."""
    conn.execute(
        sa.text("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = :n"),
        {"n": name},
    )


def wal_level(conn: sa.Connection) -> str:
    return str(conn.exec_driver_sql("SHOW wal_level").scalar_one())


def server_major(conn: sa.Connection) -> int:
    return int(conn.exec_driver_sql("SHOW server_version_num").scalar_one()) // 10000


# --- the Kanwil's triggers -------------------------------------------------------------------------

KANWIL_TRIGGERS = """
CREATE OR REPLACE FUNCTION loket_region_card_key() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO region_card_key (key_id, public_key, branch_code, branch_name, created_at, retired_at)
  VALUES (NEW.key_id, NEW.public_key, NEW.branch_code, NEW.branch_name, NEW.created_at, NEW.retired_at)
  ON CONFLICT (key_id) DO UPDATE SET retired_at = EXCLUDED.retired_at, branch_name = EXCLUDED.branch_name;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loket_region_card() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  -- Revoked or spoiled where it was printed; or replaced by a newer card of the same member
  -- (a reprint at the branch now holding a member who moved: the old card's row stays with
  -- the branch that printed it).
  IF NEW.status IN ('revoked', 'spoiled') THEN
    INSERT INTO region_card_revocation (serial, key_id, status, reason, at)
    VALUES (NEW.serial, NEW.key_id, NEW.status, NEW.status_reason, coalesce(NEW.status_at, NEW.issued_at))
    ON CONFLICT (serial) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, at = EXCLUDED.at;
  ELSIF EXISTS (SELECT 1 FROM card c WHERE c.member_id = NEW.member_id AND c.seq > NEW.seq) THEN
    INSERT INTO region_card_revocation (serial, key_id, status, reason, at)
    VALUES (NEW.serial, NEW.key_id, 'revoked', 'diganti', NEW.issued_at)
    ON CONFLICT (serial) DO NOTHING;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO region_card_revocation (serial, key_id, status, reason, at)
    SELECT c.serial, c.key_id, 'revoked', 'diganti', NEW.issued_at FROM card c
    WHERE c.member_id = NEW.member_id AND c.seq < NEW.seq AND c.status = 'issued'
    ON CONFLICT (serial) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loket_region_rate_table() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO region_rate_table (sha256, version, effective_from, body, loaded_at)
  VALUES (NEW.sha256, NEW.version, NEW.effective_from, NEW.body, NEW.loaded_at)
  ON CONFLICT (sha256) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loket_region_target() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM region_target WHERE regency_code = OLD.regency_code;
    RETURN NULL;
  END IF;
  INSERT INTO region_target (regency_code, regency_name, workers, target_bp, baseline_bp, baseline_date, updated_at)
  VALUES (NEW.regency_code, NEW.regency_name, NEW.workers, NEW.target_bp, NEW.baseline_bp, NEW.baseline_date,
          NEW.updated_at)
  ON CONFLICT (regency_code) DO UPDATE SET regency_name = EXCLUDED.regency_name, workers = EXCLUDED.workers,
    target_bp = EXCLUDED.target_bp, baseline_bp = EXCLUDED.baseline_bp, baseline_date = EXCLUDED.baseline_date,
    updated_at = EXCLUDED.updated_at;
  RETURN NULL;
END $$;
"""

_TRIGGERS = (
    ("card_key", "loket_region_card_key", "INSERT OR UPDATE"),
    ("card", "loket_region_card", "INSERT OR UPDATE"),
    ("rate_table", "loket_region_rate_table", "INSERT"),
    ("coverage_target", "loket_region_target", "INSERT OR UPDATE OR DELETE"),
)

# What the Kanwil already holds when it is prepared (or repaired): the triggers' work, done once.
_BACKFILL = (
    "INSERT INTO region_card_key (key_id, public_key, branch_code, branch_name, created_at, retired_at) "
    "SELECT key_id, public_key, branch_code, branch_name, created_at, retired_at FROM card_key "
    "ON CONFLICT (key_id) DO NOTHING",
    "INSERT INTO region_card_revocation (serial, key_id, status, reason, at) "
    "SELECT serial, key_id, status, status_reason, coalesce(status_at, issued_at) FROM card "
    "WHERE status IN ('revoked', 'spoiled') ON CONFLICT (serial) DO NOTHING",
    "INSERT INTO region_card_revocation (serial, key_id, status, reason, at) "
    "SELECT c.serial, c.key_id, 'revoked', 'diganti', c.issued_at FROM card c WHERE c.status = 'issued' "
    "AND EXISTS (SELECT 1 FROM card n WHERE n.member_id = c.member_id AND n.seq > c.seq) "
    "ON CONFLICT (serial) DO NOTHING",
    "INSERT INTO region_rate_table (sha256, version, effective_from, body, loaded_at) "
    "SELECT sha256, version, effective_from, body, loaded_at FROM rate_table ON CONFLICT (sha256) DO NOTHING",
    "INSERT INTO region_target (regency_code, regency_name, workers, target_bp, baseline_bp, baseline_date, "
    "updated_at) SELECT regency_code, regency_name, workers, target_bp, baseline_bp, baseline_date, updated_at "
    "FROM coverage_target ON CONFLICT (regency_code) DO NOTHING",
)


def install_kanwil_triggers(conn: sa.Connection) -> None:
    """Kanwil side: keep the ``region_*`` tables filled from what arrives and what is loaded here."""
    conn.exec_driver_sql(KANWIL_TRIGGERS)
    for table, name, events in _TRIGGERS:
        # Rows applied by replication run as "replica": only ALWAYS triggers fire for them.
        ensure_always_trigger(
            conn,
            table,
            name,
            f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
        )
    for sql in _BACKFILL:
        conn.exec_driver_sql(sql)
    regional_heads.install_kanwil_trigger(conn)
    kanwil_cover.install(conn)


def kanwil_triggers_installed(conn: sa.Connection) -> bool:
    names = [name for _t, name, _e in _TRIGGERS] + [regional_heads.TRIGGER, *kanwil_cover.NAMES]
    found = conn.execute(
        sa.text("SELECT count(*) FROM pg_trigger WHERE tgname = ANY(:names) AND tgenabled = 'A'"),
        {"names": names},
    ).scalar_one()
    return int(found) == len(names)


def refill_down(conn: sa.Connection) -> None:
    """Branch side, before subscribing to the Kanwil again: empty what the copy refills."""
    regional_heads.refill_down(conn, DOWN)


# --- a branch's rows at the Kanwil (a full re-copy starts by removing them) --------------------------


@dataclass(frozen=True, slots=True)
class BranchRows:
    """Where branch ``code``'s rows are at the Kanwil, table by table (the publication's filters)."""

    code: str
    branch_id: int

    def delete_statements(self) -> list[tuple[str, dict[str, object]]]:
        lo, hi = id_range(self.code)
        block: dict[str, object] = {"lo": lo, "hi": hi}
        out: list[tuple[str, dict[str, object]]] = [
            (
                "DELETE FROM contribution_schedule WHERE member_id IN "
                "(SELECT id FROM member WHERE branch_id = :b)",
                {"b": self.branch_id},
            ),
            (
                "DELETE FROM imported_package WHERE imported_by_id BETWEEN :lo AND :hi",
                block,
            ),
            ("DELETE FROM member WHERE branch_id = :b", {"b": self.branch_id}),
            ("DELETE FROM card_key WHERE branch_code = :c AND origin = 'own'", {"c": self.code}),
        ]
        for table, rule in UP.items():
            if rule == BLOCK:
                out.append((f"DELETE FROM {table} WHERE id BETWEEN :lo AND :hi", block))  # noqa: S608 - fixed names
            elif rule == CHAIN:
                out.append((f"DELETE FROM {table} WHERE seq BETWEEN :lo AND :hi", block))  # noqa: S608
        return out


def remove_branch_rows(conn: sa.Connection, rows: BranchRows) -> None:
    """Kanwil side, before a full re-copy: foreign keys are not enforced for replicated rows,
    and here either (``session_replication_role = replica``, as the apply worker runs)."""
    conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    for sql, params in rows.delete_statements():
        conn.execute(sa.text(sql), params)
