"""Alembic migrations for the history database (applied automatically by ``store.db``)."""
