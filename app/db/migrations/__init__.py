"""Alembic migrations of the Loket schema."""
