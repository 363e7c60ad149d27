"""The audit head kept in a SQLite backup file, read straight from the file (read-only)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

_FINGERPRINT = "SELECT value FROM setting WHERE key = 'audit_key_fingerprint'"
_HEAD = "SELECT last_seq, last_hash FROM audit_head WHERE id = 1"
_OCCURRED = "SELECT occurred_at FROM audit_event WHERE seq = ?"


def backup_head(path: Path, fingerprint: str | None) -> tuple[int, str, dt.datetime] | None:
    """(seq, hash, time of that event in UTC) of the head of a SQLite backup signed with the audit
    key whose fingerprint is ``fingerprint``; None for anything else (another database, another
    key, not readable). ``seq`` is as stored (the caller takes its position in the block)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute(_FINGERPRINT).fetchone()
        if row is None or row[0] != fingerprint:
            return None
        seq, digest = conn.execute(_HEAD).fetchone()
        at = conn.execute(_OCCURRED, (seq,)).fetchone()
    except (sqlite3.Error, TypeError):
        return None
    finally:
        conn.close()
    when = dt.datetime.fromisoformat(str(at[0])) if at else dt.datetime.min
    return int(seq), str(digest), when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when
