"""A branch restored from an older backup, as the Kanwil brings its copy back into agreement: which
of the branch's rows the Kanwil holds that the branch no longer has, or holds in another version,
kept as the Kanwil had them (``region_restore_loss``); and the branch's number serials moved past
every number the Kanwil saw, so no membership or receipt number is given twice.

Rows are compared table by table over what the branch publishes (``app.db.replication.UP``, its
row filters and column lists): the key and an MD5 of the published columns on each side, in UTC,
so a row counts as changed only when a published value differs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.db import replication as rep
from app.db.ids import id_range
from app.domain.membership import MembershipNumber, parse_number


@dataclass(frozen=True, slots=True)
class Part:
    """One table of a branch's rows: its key, the columns compared, and where the rows are on each
    side (the Kanwil holds every branch's; the branch publishes its own)."""

    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    at_kanwil: str
    at_branch: str
    numbered: bool = False  # keyed by an id from the branch's own sequence

    def _q(self, names: Iterable[str]) -> str:
        return ", ".join(f'"{c}"' for c in names)

    @property
    def key_sql(self) -> str:
        if len(self.key) == 1:
            return f'"{self.key[0]}"::text'
        return "concat_ws('|', " + ", ".join(f'"{c}"::text' for c in self.key) + ")"

    def digest_sql(self, where: str) -> str:
        return (
            f"SELECT {self.key_sql}, md5(ROW({self._q(self.columns)})::text) FROM {self.table} WHERE {where}"  # noqa: S608 - names from the catalogue
        )

    def rows_sql(self) -> str:
        return (
            f"SELECT k, (to_jsonb(x) - 'k')::text FROM (SELECT {self.key_sql} AS k, {self._q(self.columns)} "  # noqa: S608
            f"FROM {self.table} WHERE {self.at_kanwil}) x WHERE k = ANY(:keys)"
        )


def _columns(conn: sa.Connection, table: str) -> tuple[str, ...]:
    rows = conn.execute(
        sa.text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = :t ORDER BY ordinal_position"
        ),
        {"t": table},
    )
    return tuple(str(r[0]) for r in rows)


def _key(conn: sa.Connection, table: str) -> tuple[str, ...]:
    rows = conn.execute(
        sa.text(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(:t AS regclass) AND i.indisprimary "
            "ORDER BY array_position(i.indkey, a.attnum)"
        ),
        {"t": table},
    )
    return tuple(str(r[0]) for r in rows)


def parts(conn: sa.Connection, code: str, branch_id: int) -> list[Part]:
    """Kanwil side: every table of what branch ``code`` (its ``branch`` row ``branch_id``) sends."""
    lo, hi = id_range(code)
    kanwil = {
        rep.BLOCK: f"id BETWEEN {lo} AND {hi}",
        rep.CHAIN: f"seq BETWEEN {lo} AND {hi}",
        rep.HELD: f"branch_id = {int(branch_id)}",
        rep.OWN_KEYS: f"branch_code = '{int(code):03d}' AND origin = 'own'",
    }
    special = {
        "contribution_schedule": f"member_id IN (SELECT id FROM member WHERE branch_id = {int(branch_id)})",  # noqa: S608
        "imported_package": f"imported_by_id BETWEEN {lo} AND {hi}",
    }
    out = []
    for table, rule in rep.UP.items():
        where_k = special.get(table) or kanwil[rule or ""]
        where_b = rep.branch_filter(rule, code) or "true"
        columns = rep.UP_COLUMNS.get(table) or _columns(conn, table)
        key = _key(conn, table)
        out.append(Part(table, key, tuple(columns), where_k, where_b, rule == rep.BLOCK and key == ("id",)))
    return out


def digests(conn: sa.Connection, part: Part, *, at_kanwil: bool) -> dict[str, str]:
    """Key → MD5 of the published columns, of the branch's rows in ``part`` on this side."""
    conn.exec_driver_sql("SET TIME ZONE 'UTC'")  # timestamps read the same on both servers
    sql = part.digest_sql(part.at_kanwil if at_kanwil else part.at_branch)
    return {str(k): str(d) for k, d in conn.execute(sa.text(sql))}


def kanwil_rows(conn: sa.Connection, part: Part, keys: list[str]) -> Iterator[tuple[str, str]]:
    """Kanwil side: (key, the row as JSON) of ``keys`` in ``part``, as the Kanwil holds them."""
    conn.exec_driver_sql("SET TIME ZONE 'UTC'")
    for i in range(0, len(keys), 5000):
        for k, row in conn.execute(sa.text(part.rows_sql()), {"keys": keys[i : i + 5000]}):
            yield str(k), str(row)


def numbers_held(conn: sa.Connection, numbers: list[str]) -> dict[str, str]:
    """Branch side: which of ``numbers`` belong to a member record there now (→ its NIK)."""
    if not numbers:
        return {}
    rows = conn.execute(sa.text("SELECT number, nik FROM member WHERE number = ANY(:n)"), {"n": numbers})
    return {str(r[0]): str(r[1]) for r in rows}


def advance_ids(conn: sa.Connection, highest: dict[str, int]) -> int:
    """Branch side: each table's id sequence past the highest id the Kanwil held of it (table →
    id), so a lost row's id is never given to another row. → sequences moved."""
    moved = 0
    for table, top in sorted(highest.items()):
        seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        if seq is None:
            continue
        last = conn.execute(sa.text(f"SELECT last_value FROM {seq}")).scalar_one()  # noqa: S608 - from the catalogue
        if int(last) < top:
            conn.execute(sa.text("SELECT setval(:s, :v)"), {"s": seq, "v": top})
            moved += 1
    return moved


def advance_serials(
    conn: sa.Connection, code: str, branch_id: int, numbers: list[str], receipts: list[str]
) -> list[str]:
    """Branch side: move the membership serial past every number in ``numbers`` of this branch and
    each receipt serial past those in ``receipts`` (``TBI-101-2026-000123``), so none is given
    again. → what was moved, in Indonesian."""
    done = []
    parsed = [parse_number(x) for x in numbers]
    serials = [n.serial for n in parsed if isinstance(n, MembershipNumber) and n.prefix == code]
    if serials:
        moved = conn.execute(
            sa.text(
                "UPDATE number_sequence SET next_serial = :s WHERE branch_id = :b AND next_serial < :s RETURNING next_serial"
            ),
            {"s": max(serials) + 1, "b": branch_id},
        ).first()
        if moved is not None:
            done.append(f"nomor peserta berikutnya di cabang dimulai sesudah {max(serials)}")
    last: dict[str, int] = {}
    for receipt in receipts:
        head, _, tail = receipt.rpartition("-")
        if head and tail.isdigit():
            last[head] = max(last.get(head, 0), int(tail))
    for key, serial in sorted(last.items()):
        moved = conn.execute(
            sa.text(
                'INSERT INTO receipt_sequence ("key", next_serial) VALUES (:k, :s) '
                'ON CONFLICT ("key") DO UPDATE SET next_serial = EXCLUDED.next_serial '
                "WHERE receipt_sequence.next_serial < EXCLUDED.next_serial RETURNING next_serial"
            ),
            {"k": key, "s": serial + 1},
        ).first()
        if moved is not None:
            done.append(f"nomor kuitansi {key} berikutnya dimulai sesudah {serial}")
    return done


def field(row: str, name: str) -> Any:
    """One value of a kept row (JSON)."""
    try:
        return json.loads(row).get(name)
    except (ValueError, AttributeError):
        return None
