"""Row keys unique across the region: every database numbers its rows in its own block of ids.

The choice. A Kanwil database receives the rows of every branch through PostgreSQL logical
replication, so a row's key must not collide with another branch's. Loket keeps its integer
surrogate keys (no model, query or index changes beyond the column type) and gives each database
a disjoint block chosen by its 3-digit branch code:

    block(code) = code × 10¹²        ids: block + 1 … block + 10¹² − 1   (BIGINT)

so branch 101 numbers its members 101 000 000 000 001, 101 000 000 000 002 … and the Kanwil (its
own code, e.g. 900) numbers its officers 900 000 000 000 001 … Anyone reading an id sees whose
row it is (``code_of``). The alternatives were worse for this code base: UUID keys would change
every column, index, query, DTO and test, and make every index larger; composite keys (branch,
id) would change every foreign key and every join. Natural keys already carry the branch code
(membership numbers, receipt numbers ``TBI-101-…``, card serials, project codes), so they are
unique region-wide as they are.

The blocks are enforced where ids are made: each PostgreSQL sequence gets MINVALUE/MAXVALUE of
the block (a branch can never spill into its neighbour's block: the insert fails instead), and
each SQLite table becomes AUTOINCREMENT with its ``sqlite_sequence`` at the block's start.
The audit chain's ``seq`` follows the same blocks; the chain signs positions (``local_part``), so
an existing chain still verifies after its rows moved into the block (migration 0016).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer

from app.domain.ids import BLOCK, block_of, code_of, local_part

__all__ = ["BLOCK", "SINGLETONS", "Id", "block_of", "code_of", "id_range", "in_block", "local_part"]

# BIGINT on PostgreSQL; INTEGER on SQLite, where INTEGER PRIMARY KEY is the 64-bit rowid itself.
Id = BigInteger().with_variant(Integer(), "sqlite")

# Tables with one integer surrogate key that the region does NOT number in blocks: one-row tables
# whose row is ``id = 1`` by design (and which never leave their database).
SINGLETONS = frozenset({"audit_head", "audit_seal"})


def id_range(code: str | int) -> tuple[int, int]:
    """The first and last id a database with this branch code may give."""
    base = block_of(code)
    return base + 1, base + BLOCK - 1


def in_block(value: int, code: str | int) -> bool:
    lo, hi = id_range(code)
    return lo <= value <= hi
