"""What PostgreSQL says about a region's replication: subscriptions at the Kanwil, slots at a
branch, and how far each branch's audit chain has arrived (read-only queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from app.db.ids import id_range


@dataclass(frozen=True, slots=True)
class SubscriptionFacts:
    """A Kanwil subscription's health: whether it is on, whether its worker runs, its errors."""

    name: str
    enabled: bool
    worker_running: bool
    apply_errors: int
    sync_errors: int
    tables_syncing: int
    conninfo: str | None  # None when this account may not read it


@dataclass(frozen=True, slots=True)
class SlotFacts:
    """A branch's replication slot: whether the Kanwil reads it and how much WAL waits for it."""

    active: bool
    wal_status: str | None  # reserved | extended | unreserved | lost
    lag_bytes: int | None


@dataclass(frozen=True, slots=True)
class ChainTip:
    """How far a branch's audit chain has arrived: its last sequence number and when it was written."""

    last_seq: int | None
    last_at: dt.datetime | None


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def subscriptions(conn: sa.Connection, prefix: str) -> list[SubscriptionFacts]:
    """The subscriptions of this database whose name starts with ``prefix``."""
    readable = bool(
        conn.execute(
            sa.text("SELECT has_column_privilege('pg_subscription', 'subconninfo', 'SELECT')")
        ).scalar_one()
    )
    info = "s.subconninfo" if readable else "NULL"
    rows = conn.execute(
        sa.text(
            f"SELECT s.subname, s.subenabled, st.pid IS NOT NULL, "  # noqa: S608
            "coalesce(ss.apply_error_count, 0), coalesce(ss.sync_error_count, 0), "
            "(SELECT count(*) FROM pg_subscription_rel r WHERE r.srsubid = s.oid AND r.srsubstate <> 'r'), "
            f"{info} FROM pg_subscription s "
            "JOIN pg_database d ON d.oid = s.subdbid AND d.datname = current_database() "
            "LEFT JOIN pg_stat_subscription st ON st.subid = s.oid AND st.relid IS NULL "
            "LEFT JOIN pg_stat_subscription_stats ss ON ss.subid = s.oid "
            "WHERE s.subname LIKE :p ORDER BY s.subname"
        ),
        {"p": prefix + "%"},
    )
    return [
        SubscriptionFacts(str(r[0]), bool(r[1]), bool(r[2]), int(r[3]), int(r[4]), int(r[5]), r[6])
        for r in rows
    ]


def max_workers(conn: sa.Connection) -> int:
    return int(conn.exec_driver_sql("SHOW max_logical_replication_workers").scalar_one())


def slot(conn: sa.Connection, name: str) -> SlotFacts | None:
    """Publisher side: the replication slot a subscriber reads from."""
    row = conn.execute(
        sa.text(
            "SELECT active, wal_status, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
            "FROM pg_replication_slots WHERE slot_name = :n"
        ),
        {"n": name},
    ).first()
    if row is None:
        return None
    return SlotFacts(bool(row[0]), row[1], None if row[2] is None else int(row[2]))


def chain_tip(conn: sa.Connection, code: str) -> ChainTip:
    """The newest audit event of branch ``code``'s chain in this database (its block of seq)."""
    lo, hi = id_range(code)
    row = conn.execute(
        sa.text(
            "SELECT seq, occurred_at FROM audit_event WHERE seq BETWEEN :lo AND :hi ORDER BY seq DESC LIMIT 1"
        ),
        {"lo": lo, "hi": hi},
    ).first()
    if row is None:
        return ChainTip(None, None)
    at = row[1] if isinstance(row[1], dt.datetime) else dt.datetime.fromisoformat(str(row[1]))
    return ChainTip(int(row[0]), _utc(at))


def connect_conninfo(info: str, timeout_s: int = 3) -> sa.Engine:
    """An engine on a libpq connection string (what a subscription stores), failing fast."""
    import psycopg

    return sa.create_engine(
        "postgresql+psycopg://",
        creator=lambda: psycopg.connect(info, connect_timeout=timeout_s),
        poolclass=sa.NullPool,
        hide_parameters=True,
    )


def schema_revision(conn: sa.Connection) -> str | None:
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
