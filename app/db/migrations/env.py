"""Alembic environment: runs on the connection handed over by ``app.db.schema``."""

from __future__ import annotations

from alembic import context

import app.db.all_models  # noqa: F401  (registers every table)
from app.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - we always pass a connection
    raise RuntimeError("run migrations through app.db.schema")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
