"""Imports every model module so Alembic and ``Base.metadata`` see the whole schema."""

from app.db import cards_models, models  # noqa: F401

# Feature modules add their own line here, e.g. ``from app.db import cards_models  # noqa: F401``.
