"""Bulk INSERT straight on the DB-API cursor: the bulk-load path of imports.

SQLAlchemy's Core ``executemany`` builds and processes a parameter set per row in Python; on a
10,000-row import that costs more than the inserts themselves. Here the statement is rendered
once per table, columns and dialect, each value goes through its column type's own bind
processor (so stored values are exactly what the ORM and Core paths store), and the rows go to
``cursor.executemany`` in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

_Prepared = tuple[str, list[Callable[[Any], Any] | None], bool]
_PREPARED: dict[tuple[str, str, str, tuple[str, ...], bool], _Prepared] = {}


def prepare_insert(
    dialect: Dialect, table: Table, columns: tuple[str, ...], *, positional: bool = False
) -> _Prepared:
    """The INSERT for ``columns`` in the dialect's paramstyle (``positional``: ``%s`` where the
    driver's style is named), each column's bind processor (None when values go to the driver
    as they are), and whether the driver is given named parameters."""
    key = (table.name, dialect.name, dialect.driver, columns, positional)
    prepared = _PREPARED.get(key)
    if prepared is not None:
        return prepared
    quote = dialect.identifier_preparer
    style = dialect.paramstyle
    if positional and style in ("named", "pyformat"):
        style = "format"
    placeholders = [_placeholder(style, c, i + 1) for i, c in enumerate(columns)]
    # Identifiers come from our own Table and are quoted by the dialect; values are bound parameters.
    names = ", ".join(quote.quote(c) for c in columns)
    sql = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({', '.join(placeholders)})"  # noqa: S608
    processors: list[Callable[[Any], Any] | None] = [
        table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns
    ]
    made: _Prepared = (sql, processors, style in ("named", "pyformat"))
    _PREPARED[key] = made
    return made


def processed_many(
    dialect: Dialect, table: Table, columns: tuple[str, ...], rows: Iterable[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """``processed`` for many rows: the processors are looked up once and only the columns that
    have one are touched (most go to the driver as they are)."""
    _sql, processors, _named = prepare_insert(dialect, table, columns)
    active = [(i, p) for i, p in enumerate(processors) if p is not None]
    out = []
    for row in rows:
        values = list(row)
        for i, p in active:
            v = values[i]
            if v is not None:
                values[i] = p(v)
        out.append(tuple(values))
    return out


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, in the same order) in one executemany."""
    if not rows:
        return
    columns = tuple(rows[0])
    _sql, processors, _named = prepare_insert(conn.dialect, table, columns)
    insert_processed(conn, table, columns, bound_rows(processors, rows))


def bound_rows(
    processors: Sequence[Callable[[Any], Any] | None], rows: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """Every row's values through their columns' bind processors. A bulk write repeats the same
    object down a column (one ``now``, one business date for a whole batch): it is converted once."""
    active = [i for i, p in enumerate(processors) if p is not None]
    if not active:
        return [tuple(row.values()) for row in rows]
    last_in: list[Any] = [_NOTHING] * len(processors)
    last_out: list[Any] = [None] * len(processors)
    out = []
    for row in rows:
        values = list(row.values())
        for i in active:
            v = values[i]
            if v is None:
                continue
            if v is last_in[i]:
                values[i] = last_out[i]
            else:
                last_in[i] = v
                values[i] = last_out[i] = processors[i](v)  # type: ignore[misc]
        out.append(tuple(values))
    return out


_NOTHING = object()


def insert_processed(
    conn: Connection, table: Table, columns: tuple[str, ...], params: list[tuple[Any, ...]]
) -> None:
    """Insert rows whose values have already been through ``processed`` (one executemany)."""
    if not params:
        return
    sql, _processors, named = prepare_insert(conn.dialect, table, columns)
    if named:
        conn.exec_driver_sql(sql, [dict(zip(columns, values, strict=True)) for values in params])
    else:
        conn.exec_driver_sql(sql, params)


def _placeholder(style: str, name: str, position: int) -> str:
    return {
        "qmark": "?",
        "format": "%s",
        "numeric": f":{position}",
        "named": f":{name}",
        "pyformat": f"%({name})s",
    }[style]


def select_by_pairs(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    keys: tuple[str, str],
    pairs: Sequence[tuple[Any, Any]],
    *,
    equals: Mapping[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """Rows whose ``keys`` equal one of ``pairs``: ``(a = ? AND b = ?) OR …``, one index search each.

    A row-value ``IN`` scans the whole table on SQLite, and SQLAlchemy re-walks a 500-term OR on
    every execution; rendered here once per shape it costs what the searches cost. Values are
    bound through the columns' own processors and come back as the database stores them (compare
    with ``stored_value``).
    """
    if not pairs:
        return []
    style = conn.dialect.paramstyle
    fixed = dict(equals or {})
    sql = pairs_sql(conn, table, columns, keys, len(pairs), tuple(fixed))
    pa, pb = (stored_value(conn, table, k) for k in keys)
    values: list[Any] = []
    for x, y in pairs:
        values += [pa(x), pb(y)]
    values += [stored_value(conn, table, name)(v) for name, v in fixed.items()]
    if style in ("named", "pyformat"):
        names_ = [n for i in range(len(pairs)) for n in (f"a{i}", f"b{i}")] + [
            f"f{j}" for j in range(len(fixed))
        ]
        return [tuple(r) for r in conn.exec_driver_sql(sql, dict(zip(names_, values, strict=True))).all()]
    return [tuple(r) for r in conn.exec_driver_sql(sql, tuple(values)).all()]


def pairs_sql(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    keys: tuple[str, str],
    count: int,
    fixed: tuple[str, ...],
) -> str:
    """The statement ``select_by_pairs`` runs for ``count`` pairs (rendered once per shape)."""
    dialect = conn.dialect
    sql_key = (table.name, dialect.name, tuple(columns), keys, fixed, count)
    cached = _SELECTS.get(sql_key)
    if cached is not None:
        return cached
    quote = dialect.identifier_preparer
    style = dialect.paramstyle
    a, b = keys
    position = 0
    terms = []
    for i in range(count):
        terms.append(
            f"({quote.quote(a)} = {_placeholder(style, f'a{i}', position + 1)} AND "
            f"{quote.quote(b)} = {_placeholder(style, f'b{i}', position + 2)})"
        )
        position += 2
    where = [f"({' OR '.join(terms)})"]
    for j, name in enumerate(fixed):
        position += 1
        where.append(f"{quote.quote(name)} = {_placeholder(style, f'f{j}', position)}")
    names = ", ".join(quote.quote(c) for c in columns)
    cached = f"SELECT {names} FROM {quote.format_table(table)} WHERE {' AND '.join(where)}"  # noqa: S608
    _SELECTS[sql_key] = cached
    return cached


_SELECTS: dict[tuple[Any, ...], str] = {}


def stored_value(conn: Connection, table: Table, column: str) -> Callable[[Any], Any]:
    """``value`` → what the driver stores and returns for it (e.g. a date as ``"1990-08-05"`` on SQLite)."""
    processor = table.c[column].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    if processor is None:
        return _same
    return processor


def _same(value: Any) -> Any:
    return value
