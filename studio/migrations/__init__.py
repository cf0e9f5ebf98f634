"""Alembic migrations of the project store (run automatically when a store is opened)."""
