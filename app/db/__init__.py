"""Persistence: typed SQLAlchemy models, engine factory and Alembic migrations."""
