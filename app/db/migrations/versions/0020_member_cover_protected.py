"""the status index's ``covered`` is "protected today" by ``cover_on``

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 19:40:00

``member_cover.covered`` held whether the current month was paid; it now holds ``cover_on``'s
answer for today (BPJS pays without conditions: the month paid, or a PU employer's arrears within
the limit), what both dashboards call "terlindungi". The index is derived data: emptied here,
refilled by the next ``status_index.refresh`` (the dashboard starts it).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM member_cover")


def downgrade() -> None:
    op.execute("DELETE FROM member_cover")
