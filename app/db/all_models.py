"""Imports every model module so Alembic and ``Base.metadata`` see the whole schema."""

# Feature modules add their own line here, e.g. ``from app.db import cards_models  # noqa: F401``.
from app.db import contribution_models, models  # noqa: F401
