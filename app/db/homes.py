"""The branch a database belongs to, and claiming its block of ids (``app.db.ids``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.driver import Driver
from app.db.models import Branch, NumberSequence
from app.db.renumber import renumber


def home_branch(session: Session) -> Branch | None:
    """This database's own branch row.

    A branch database holds its own row and, once it received a member from another branch,
    that branch's row too; the Kanwil holds every branch's. The home branch is the one this
    database numbers members for (its ``number_sequence``), else the only row there is.
    """
    own = session.execute(
        select(Branch)
        .join(NumberSequence, NumberSequence.branch_id == Branch.id)
        .order_by(Branch.id)
        .limit(1)
    ).scalar_one_or_none()
    if own is not None:
        return own
    return session.execute(select(Branch).order_by(Branch.id).limit(1)).scalar_one_or_none()


_HOME_ROW = (
    "SELECT b.id, b.code, b.name, b.timezone FROM branch b"
    " JOIN number_sequence n ON n.branch_id = b.id ORDER BY b.id LIMIT 1"
)
_ANY_ROW = "SELECT id, code, name, timezone FROM branch ORDER BY id LIMIT 1"


def home_branch_row(driver: Driver) -> tuple[int, str, str, str] | None:
    """``home_branch`` as plain values (id, code, name, time zone), read on the driver (the
    payment's hot path)."""
    row = driver.execute(_HOME_ROW).first() or driver.execute(_ANY_ROW).first()
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]), str(row[3]))


def claim_block(session: Session, code: str) -> dict[str, int]:
    """Move what the database already holds into ``code``'s block and take new ids from it, inside
    the caller's transaction (a new database: a few rows at most)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # Checked at commit, not after each statement: a row and the rows pointing at it move
        # in separate statements.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    return renumber(conn, code)
