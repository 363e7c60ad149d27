"""Imports every model module so Alembic and ``Base.metadata`` see the whole schema."""

# Each feature's model module is listed here (ruff keeps the list sorted).
from app.db import (
    cards_models,  # noqa: F401
    contribution_models,  # noqa: F401
    day_models,  # noqa: F401
    import_models,  # noqa: F401
    models,  # noqa: F401
    region_models,  # noqa: F401
    search_models,  # noqa: F401
    sync_models,  # noqa: F401
)
