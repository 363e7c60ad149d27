"""Row numbers as people read them: every database numbers its rows in its own block of ids.

The block design (why, and how it is enforced) is told in ``app.db.ids``. Here is the pure
arithmetic, and the short reference a person reads and types: a row of this branch is ``#3``,
a row made elsewhere (an outreach laptop, another branch) is ``#201-3``, never the stored key
``#101000000000003``. Every command that takes a row number accepts all three forms.
"""

from __future__ import annotations

import re

BLOCK = 10**12

_REF = re.compile(r"#?\s*(?:(\d{1,3})\s*-\s*)?(\d{1,15})")


def block_of(code: str | int) -> int:
    """The first id of a branch code's block minus one (``101`` → 101 000 000 000 000)."""
    number = int(code)
    if not 0 <= number <= 999:
        raise ValueError(f"branch code {code!r} outside 000–999")
    return number * BLOCK


def local_part(value: int) -> int:
    """The id within its block: what the audit chain signs, the same before and after renumbering."""
    return value % BLOCK


def code_of(value: int) -> str:
    """The 3-digit code of the database that made this id (``000``: made before any branch was set up)."""
    return f"{value // BLOCK:03d}"


def short_ref(value: int, home_code: str | int) -> str:
    """``#3`` for a row of this database, ``#201-3`` for one made by database ``201``."""
    code = code_of(value)
    if value < BLOCK or int(code) == int(home_code):
        return f"#{local_part(value)}"
    return f"#{code}-{local_part(value)}"


def parse_ref(text: str | int, home_code: str | int) -> int | None:
    """The stored key for what a person typed: ``3``/``#3`` (this database), ``201-3``, or the
    stored key itself. None when it is not a row number at all."""
    if isinstance(text, int):
        value = text
    else:
        m = _REF.fullmatch(text.strip())
        if m is None:
            return None
        code, number = m.group(1), int(m.group(2))
        if code is not None:
            return None if number >= BLOCK or number == 0 else block_of(code) + number
        value = number
    if value <= 0:
        return None
    return value if value >= BLOCK else block_of(home_code) + value
